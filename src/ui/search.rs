//! Find (Ctrl+F): a search field over the card titles, key points, speaker notes, the
//! user's notes and tags; results with their card and a snippet in place of the outline;
//! Enter / F3 and Shift+Enter / Shift+F3 step through them, Esc closes.

use super::UiCommand;
use crate::search::{Field, Hit, SearchIndex};
use crate::session::Session;
use crate::t;

/// Hits listed at most; a one-character query can match thousands of places.
const MAX_HITS: usize = 500;

#[derive(Default)]
pub struct Search {
    open: bool,
    query: String,
    hits: Vec<Hit>,
    selected: Option<usize>,
    index: Option<SearchIndex>,
    /// The talk and notes revision the index was built from.
    indexed: Option<(String, u64)>,
    focus: bool,
    /// The selection the results list last scrolled to.
    followed: Option<usize>,
    /// A speaker-notes paragraph to scroll into view once, after stepping to its hit.
    pending_focus: Option<usize>,
}

impl Search {
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// The query while search is open, for highlighting matches elsewhere.
    pub fn query(&self) -> Option<&str> {
        (self.open && !self.query.trim().is_empty()).then_some(self.query.as_str())
    }

    /// The speaker-notes paragraph of the hit just stepped to, once.
    pub fn take_focus(&mut self) -> Option<usize> {
        self.pending_focus.take()
    }

    fn focus_hit(&mut self, i: usize) -> usize {
        self.selected = Some(i);
        let hit = &self.hits[i];
        self.pending_focus = match hit.field {
            Field::SpeakerNotes { paragraph } => Some(paragraph),
            _ => None,
        };
        hit.card_index
    }

    pub fn open(&mut self, session: &Session) {
        self.open = true;
        self.focus = true;
        self.refresh(session);
    }

    pub fn close(&mut self) {
        self.open = false;
        self.selected = None;
    }

    /// Rebuilds the index when the talk or the notes changed, and searches again.
    fn refresh(&mut self, session: &Session) {
        let stamp = (session.talk().fingerprint.clone(), session.revision());
        if self.indexed.as_ref() != Some(&stamp) {
            match (&mut self.index, &self.indexed) {
                (Some(index), Some((fingerprint, _))) if *fingerprint == stamp.0 => {
                    index.update_notes(session.talk(), &session.placed());
                }
                _ => self.index = Some(SearchIndex::new(session.talk(), &session.placed())),
            }
            self.indexed = Some(stamp);
            self.run_query();
        }
    }

    fn run_query(&mut self) {
        self.hits = match &self.index {
            Some(index) => index.search_limited(&self.query, MAX_HITS),
            None => Vec::new(),
        };
        self.selected = None;
    }

    /// Moves to the next (`1`) or previous (`-1`) hit and returns its card.
    pub fn step(&mut self, delta: isize) -> Option<usize> {
        if self.hits.is_empty() {
            return None;
        }
        let count = self.hits.len() as isize;
        let next = match self.selected {
            None if delta < 0 => count - 1,
            None => 0,
            Some(i) => (i as isize + delta).rem_euclid(count),
        };
        Some(self.focus_hit(next as usize))
    }

    /// The search field, at the top of the window.
    pub fn bar(&mut self, ui: &mut egui::Ui, session: &Session, out: &mut Vec<UiCommand>) {
        self.refresh(session);
        let field_id = ui.make_persistent_id("search-field");
        // Enter belongs to the field only while it has the cursor.
        let typing_here = ui.memory(|m| m.has_focus(field_id));
        let (enter, shift_enter) = ui.input_mut(|i| {
            if !typing_here {
                return (false, false);
            }
            let shift_enter = i.consume_key(egui::Modifiers::SHIFT, egui::Key::Enter);
            (
                i.consume_key(egui::Modifiers::NONE, egui::Key::Enter),
                shift_enter,
            )
        });
        let mut escape = false;
        ui.horizontal(|ui| {
            let label = ui.label(t!("find"));
            let field = egui::TextEdit::singleline(&mut self.query)
                .id(field_id)
                .hint_text(t!("find-hint"))
                .desired_width(360.0);
            let response = ui.add(field).labelled_by(label.id);
            if std::mem::take(&mut self.focus) {
                response.request_focus();
            }
            if response.changed() {
                self.run_query();
            }
            // egui takes the focus away on Esc before the field sees it.
            escape = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape));
            let count = match (self.selected, self.hits.len()) {
                (_, 0) if self.query.trim().is_empty() => String::new(),
                (_, 0) => t!("find-none"),
                (Some(i), n) => t!("find-position", position = i + 1, count = n),
                (None, n) => t!("find-count", count = n),
            };
            ui.weak(count);
            if ui.button("↑").on_hover_text(t!("find-previous")).clicked() {
                out.push(UiCommand::SearchStep(-1));
            }
            if ui.button("↓").on_hover_text(t!("find-next")).clicked() {
                out.push(UiCommand::SearchStep(1));
            }
            if ui.button(t!("find-close")).clicked() {
                out.push(UiCommand::CloseSearch);
            }
        });
        if enter {
            out.push(UiCommand::SearchStep(1));
        }
        if shift_enter {
            out.push(UiCommand::SearchStep(-1));
        }
        if escape {
            out.push(UiCommand::CloseSearch);
        }
    }

    /// The results, in place of the outline.
    pub fn results(&mut self, ui: &mut egui::Ui, session: &Session, out: &mut Vec<UiCommand>) {
        ui.add_space(6.0);
        ui.heading(t!("find-results"));
        ui.add_space(4.0);
        let follow = self.followed != self.selected;
        self.followed = self.selected;
        let row_height = ui.text_style_height(&egui::TextStyle::Body) * 2.0 + 14.0;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show_rows(ui, row_height, self.hits.len(), |ui, rows| {
                for i in rows {
                    let hit = &self.hits[i];
                    let selected = self.selected == Some(i);
                    let response = result_row(ui, session, hit, selected);
                    if selected && follow {
                        response.scroll_to_me(None);
                    }
                    if response.clicked() {
                        out.push(UiCommand::SearchSelect(i));
                    }
                }
            });
    }

    /// Selects hit `i` and returns its card.
    pub fn select(&mut self, i: usize) -> Option<usize> {
        (i < self.hits.len()).then(|| self.focus_hit(i))
    }
}

fn result_row(ui: &mut egui::Ui, session: &Session, hit: &Hit, selected: bool) -> egui::Response {
    let card = &session.talk().cards[hit.card_index];
    let place = match hit.field {
        Field::Title => t!("find-in-title"),
        Field::KeyPoint(_) => t!("find-in-key-point"),
        Field::SpeakerNotes { .. } => t!("find-in-speaker-notes"),
        Field::Note { .. } => t!("find-in-note"),
        Field::Tag { .. } => t!("find-in-tag"),
    };
    let mut job = egui::text::LayoutJob::default();
    let weak = ui.visuals().weak_text_color();
    let strong = ui.visuals().strong_text_color();
    let body = egui::FontId::proportional(14.0);
    let plain = |color| egui::TextFormat {
        font_id: body.clone(),
        color,
        ..Default::default()
    };
    job.append(&format!("{} · {place}\n", card.title), 0.0, plain(weak));
    let (start, end) = hit.snippet_range;
    job.append(&hit.snippet[..start], 0.0, plain(strong));
    let mark = egui::TextFormat {
        background: ui.visuals().selection.bg_fill,
        ..plain(strong)
    };
    job.append(&hit.snippet[start..end], 0.0, mark);
    job.append(&hit.snippet[end..], 0.0, plain(strong));
    job.wrap = egui::text::TextWrapping {
        max_width: ui.available_width(),
        max_rows: 2,
        break_anywhere: true,
        overflow_character: Some('…'),
    };
    let button =
        egui::Button::selectable(selected, job).min_size(egui::vec2(ui.available_width(), 0.0));
    ui.add(button)
}
