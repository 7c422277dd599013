//! The overview: every card as a tile in a grid that fits the window; arrows and Enter
//! pick one, filters narrow the grid down.

use super::UiCommand;
use crate::placement::Placed;
use crate::session::{Command, Session};
use crate::t;
use crate::talk::Card;

const TILE_WIDTH: f32 = 240.0;
const TILE_HEIGHT: f32 = 150.0;
const GAP: f32 = 12.0;
/// A deck's slide in a tile, against its size on the card.
const TILE_BODY_SCALE: f32 = 0.5;

/// Which cards the grid shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Filter {
    #[default]
    All,
    WithNotes,
    Starred,
    Tag(String),
}

impl Filter {
    /// `placed`: the session's notes placed once for all the cards a tag filter looks at
    /// (`None` for the other filters, which need no placing).
    fn keeps(&self, session: &Session, placed: Option<&Placed<'_>>, card: &Card) -> bool {
        match self {
            Filter::All => true,
            Filter::WithNotes => session.note_count(&card.id) > 0,
            Filter::Starred => session.notes().starred.contains(&card.id),
            Filter::Tag(tag) => {
                placed.is_some_and(|p| p.on(&card.id).iter().any(|n| n.tags.contains(tag)))
            }
        }
    }
}

#[derive(Debug, Default)]
pub struct Overview {
    open: bool,
    /// Position of the selected tile among the shown ones.
    selected: usize,
    filter: Filter,
    /// Tiles per row at the last frame, for Up/Down.
    columns: usize,
    /// The selection the grid last scrolled to, so it scrolls only when that changes.
    followed: Option<usize>,
}

impl Overview {
    pub fn is_open(&self) -> bool {
        self.open
    }

    pub fn close(&mut self) {
        self.open = false;
    }

    pub fn toggle(&mut self, session: &Session) {
        self.open = !self.open;
        if self.open {
            self.selected = self
                .shown(session)
                .iter()
                .position(|&i| i == session.current())
                .unwrap_or(0);
        }
    }

    /// Card indices the filter keeps, in deck order.
    fn shown(&self, session: &Session) -> Vec<usize> {
        let placed = matches!(self.filter, Filter::Tag(_)).then(|| session.placed());
        let cards = session.talk().cards.iter().enumerate();
        cards
            .filter(|(_, c)| self.filter.keeps(session, placed.as_ref(), c))
            .map(|(i, _)| i)
            .collect()
    }

    /// Moves the selection by whole tiles (`dy` in rows).
    pub fn step(&mut self, session: &Session, dx: isize, dy: isize) {
        let count = self.shown(session).len();
        if count == 0 {
            return;
        }
        let delta = dx + dy * self.columns.max(1) as isize;
        self.selected = self.selected.saturating_add_signed(delta).min(count - 1);
    }

    /// The card under the selection, if any.
    pub fn pick(&mut self, session: &Session) -> Option<usize> {
        let picked = self.shown(session).get(self.selected).copied();
        self.open = picked.is_none();
        picked
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, session: &Session, out: &mut Vec<UiCommand>) {
        ui.add_space(8.0);
        self.filters(ui, session);
        ui.add_space(8.0);
        let shown = self.shown(session);
        self.selected = self.selected.min(shown.len().saturating_sub(1));
        self.columns =
            (((ui.available_width() + GAP) / (TILE_WIDTH + GAP)).floor() as usize).max(1);
        if shown.is_empty() {
            ui.weak(t!("overview-empty"));
            return;
        }
        let follow = self.followed != Some(self.selected);
        self.followed = Some(self.selected);
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for (row, chunk) in shown.chunks(self.columns).enumerate() {
                    ui.horizontal(|ui| {
                        ui.spacing_mut().item_spacing.x = GAP;
                        for (col, &index) in chunk.iter().enumerate() {
                            let position = row * self.columns + col;
                            let selected = position == self.selected;
                            if tile(ui, session, index, selected, follow).clicked() {
                                out.push(Command::GoTo(index).into());
                                out.push(UiCommand::ToggleOverview);
                            }
                        }
                    });
                    ui.add_space(GAP);
                }
            });
    }

    fn filters(&mut self, ui: &mut egui::Ui, session: &Session) {
        let mut tags: Vec<&str> = session
            .notes()
            .cards
            .values()
            .flatten()
            .flat_map(|n| n.tags.iter().map(String::as_str))
            .collect();
        tags.sort_unstable();
        tags.dedup();
        ui.horizontal_wrapped(|ui| {
            ui.heading(t!("overview"));
            ui.add_space(16.0);
            ui.selectable_value(&mut self.filter, Filter::All, t!("filter-all"));
            ui.selectable_value(&mut self.filter, Filter::WithNotes, t!("filter-with-notes"));
            ui.selectable_value(&mut self.filter, Filter::Starred, t!("filter-starred"));
            for tag in tags {
                ui.selectable_value(
                    &mut self.filter,
                    Filter::Tag(tag.to_owned()),
                    format!("#{tag}"),
                );
            }
        });
        ui.weak(t!("overview-hint"));
    }
}

fn tile(
    ui: &mut egui::Ui,
    session: &Session,
    index: usize,
    selected: bool,
    follow: bool,
) -> egui::Response {
    let card = &session.talk().cards[index];
    let visuals = ui.visuals();
    let stroke = if selected {
        egui::Stroke::new(2.5, visuals.selection.stroke.color)
    } else {
        visuals.widgets.noninteractive.bg_stroke
    };
    let current = index == session.current();
    let frame = egui::Frame::new()
        .fill(if current {
            visuals.faint_bg_color
        } else {
            visuals.extreme_bg_color
        })
        .stroke(stroke)
        .corner_radius(8.0)
        .inner_margin(12);
    let inner = egui::vec2(TILE_WIDTH - 24.0, TILE_HEIGHT - 24.0);
    let layout = egui::Layout::top_down(egui::Align::Min);
    let response = frame
        .show(ui, |ui| {
            ui.style_mut().interaction.selectable_labels = false;
            ui.allocate_ui_with_layout(inner, layout, |ui| tile_contents(ui, session, card));
        })
        .response;
    let response = response.interact(egui::Sense::click());
    if selected && follow {
        response.scroll_to_me(None);
    }
    let label = format!("{}: {}", super::card_view::kind_label(card), card.title);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    response
}

fn tile_contents(ui: &mut egui::Ui, session: &Session, card: &Card) {
    ui.set_min_size(ui.available_size());
    ui.horizontal(|ui| {
        ui.weak(super::card_view::kind_label(card));
        if session.notes().starred.contains(&card.id) {
            ui.label("★").on_hover_text(t!("starred"));
        }
        let count = session.note_count(&card.id);
        if count > 0 {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.weak(t!("note-count", count = count));
            });
        }
    });
    let title = egui::RichText::new(&card.title).size(17.0).strong();
    ui.add(egui::Label::new(title).truncate());
    if let Some(page) = &card.page {
        // The page itself, small; drawn only once its tile is in view.
        ui.add_space(2.0);
        let rect = ui.available_rect_before_wrap();
        if ui.is_rect_visible(rect) {
            let mut child = ui.new_child(egui::UiBuilder::new().max_rect(rect));
            let version = &session.talk().fingerprint;
            super::page_view::show(&mut child, version, page, None, rect.size(), true);
        }
        ui.allocate_rect(rect, egui::Sense::hover());
    } else if !card.body.is_empty() {
        // The slide itself, small, cut at the tile's edge: drawn in a child that takes
        // no room in the tile, which then takes exactly the rest of its space.
        ui.add_space(2.0);
        let rect = ui.available_rect_before_wrap();
        let mut child = ui.new_child(egui::UiBuilder::new().max_rect(rect));
        child.set_clip_rect(rect.intersect(ui.clip_rect()));
        let deck_dir = session.talk_path().and_then(std::path::Path::parent);
        let id = ui.scope_id().with(("tile-body", &card.id));
        super::slide_body::show(&mut child, id, &card.body, deck_dir, TILE_BODY_SCALE);
        ui.allocate_rect(rect, egui::Sense::hover());
    } else if let Some(point) = card.key_points.first() {
        ui.add_space(4.0);
        ui.label(clamped(ui, point, 3));
    }
}

/// Text wrapped to at most `rows` lines, ending in "…" when cut.
fn clamped(ui: &egui::Ui, text: &str, rows: usize) -> egui::text::LayoutJob {
    let format = egui::TextFormat {
        font_id: egui::FontId::proportional(13.5),
        color: ui.visuals().text_color(),
        ..Default::default()
    };
    // A few rows need a few hundred chars: egui lays out all the text it is given.
    let head = crate::display_bound::head(text, rows * 200);
    let mut job = egui::text::LayoutJob::single_section(head.shown.to_owned(), format);
    job.wrap = egui::text::TextWrapping {
        max_width: ui.available_width(),
        max_rows: rows,
        break_anywhere: true,
        overflow_character: Some('…'),
    };
    job
}
