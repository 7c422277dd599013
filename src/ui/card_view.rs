//! The current card as a slide (title, then the slide's body for a deck or the key
//! points for a transcript, position in the deck) with its speaker notes below.

use super::{UiCommand, reader, slide_body};
use crate::session::{Command, Session};
use crate::talk::{Card, CardKind, Talk};
use crate::{display_bound, t};

const SLIDE_TITLE_SIZE: f32 = 28.0;
const KEY_POINT_SIZE: f32 = 18.0;
/// The speaker notes' default text size.
pub const NOTES_SIZE: f32 = 16.5;

/// Keeps a speaker-notes text size readable.
pub fn clamp_notes_size(size: f32) -> f32 {
    size.clamp(11.0, 40.0)
}

pub fn kind_label(card: &Card) -> String {
    if let Some(page) = &card.page {
        // A PDF's page: by its label, else its number.
        let number = page.label.clone();
        let number = number.unwrap_or_else(|| (page.index + 1).to_string());
        return t!("deck-page-title", page = number);
    }
    let kind = match (card.kind, card.number) {
        (CardKind::Title, _) => t!("kind-title"),
        (CardKind::Opening, _) => t!("kind-opening"),
        (CardKind::Observation, Some(n)) => t!("kind-observation", number = n),
        (CardKind::Observation, None) => t!("kind-section"),
        (CardKind::Closing, _) => t!("kind-closing"),
    };
    if card.hidden {
        format!("{kind} · {}", t!("hidden-slide"))
    } else {
        kind
    }
}

/// How to show the card beyond the session: text size, keywords, selection state.
pub struct CardView<'a> {
    pub notes_size: f32,
    pub keywords: &'a [String],
    /// Text is selected in the speaker notes (the Highlight button is live).
    pub has_selection: bool,
}

/// The card and its speaker notes. Returns what the user did in the notes (selection,
/// a click on a highlight).
pub fn ui(
    ui: &mut egui::Ui,
    session: &Session,
    view: &CardView<'_>,
    marks: &reader::Marks<'_>,
    out: &mut Vec<UiCommand>,
) -> reader::ReaderOutput {
    let Some(card) = session.current_card() else {
        ui.centered_and_justified(|ui| ui.label(t!("no-cards")));
        return reader::ReaderOutput::default();
    };
    ui.add_space(8.0);
    card_slide(ui, session, session.current(), 1.0);
    prefetch_next(ui, session);
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        nav_buttons(ui, session, out);
        ui.separator();
        let starred = session.notes().starred.contains(&card.id);
        let star = if starred { t!("starred") } else { t!("star") };
        let button = egui::Button::selectable(starred, star);
        if ui.add(button).on_hover_text(t!("star-hint")).clicked() {
            out.push(Command::ToggleStar(card.id.clone()).into());
        }
        if ui
            .button(t!("rename"))
            .on_hover_text(t!("rename-hint"))
            .clicked()
        {
            out.push(UiCommand::RenameCurrent);
        }
        if let Some(own) = session.original_title(session.current()) {
            // A title of the user's: the card's own is one click away.
            let hint = t!("own-title-hint", title = own);
            if ui.button(t!("own-title")).on_hover_text(hint).clicked() {
                out.push(
                    Command::RenameCard {
                        card_id: card.id.clone(),
                        title: String::new(),
                    }
                    .into(),
                );
            }
        }
        let button = egui::Button::new(t!("highlight-button"));
        let hint = if view.has_selection {
            t!("highlight-hint")
        } else {
            t!("highlight-how")
        };
        let response = ui.add_enabled(view.has_selection, button);
        if disabled_hint(response.on_hover_text(hint), t!("highlight-how")).clicked() {
            out.push(UiCommand::HighlightSelection);
        }
        ui.separator();
        let time = crate::rehearsal::clock(card.speaking_time());
        match card.time_range() {
            // A timed talk: where the card is in the recording, and how long it lasts.
            Some(range) => ui.weak(t!("card-time", range = range, time = time)),
            None => ui.weak(t!("estimate", time = time)),
        };
        if !view.keywords.is_empty() {
            ui.separator();
            ui.weak(format!("{}: {}", t!("keywords"), view.keywords.join(" · ")));
        }
    });
    ui.add_space(6.0);
    ui.separator();
    let label = ui.label(egui::RichText::new(t!("speaker-notes")).strong());
    // The bar is always drawn: one shown only when needed starts hidden on a card not
    // seen yet and fades in over the next frames (five painted frames on a first visit
    // against one on a revisit, #29).
    egui::ScrollArea::vertical()
        .id_salt(("speaker-notes", &card.id))
        .auto_shrink([false, false])
        .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
        .show(ui, |ui| {
            let out = reader::show(ui, card, view.notes_size, marks, label.id);
            translations(ui, card, view.notes_size);
            out
        })
        .inner
}

/// The other language's lines of a two-language subtitle file, smaller, under the
/// speaker notes (they are not part of the notes, which highlights count in).
fn translations(ui: &mut egui::Ui, card: &Card, size: f32) {
    let lines: Vec<(usize, &String)> = card
        .translations
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.is_empty())
        .collect();
    if lines.is_empty() {
        return;
    }
    ui.add_space(8.0);
    ui.separator();
    ui.weak(t!("other-language"));
    // Like the speaker notes, at most the display bound of them.
    let (mut left, mut hidden) = (display_bound::SHOWN_CHARS, 0);
    for (i, line) in lines {
        let head = display_bound::head(line, left);
        hidden += head.hidden;
        if head.shown.is_empty() {
            continue;
        }
        left -= head.shown.chars().count();
        let at = card
            .paragraph_starts
            .get(i)
            .map(|&s| format!("[{}] ", crate::talk::clock_time(s)))
            .unwrap_or_default();
        ui.label(
            egui::RichText::new(format!("{at}{}", head.shown))
                .size(size * 0.85)
                .color(ui.visuals().weak_text_color()),
        );
    }
    super::notes_panel::not_shown(ui, hidden);
}

/// The next card's pictures are read, checked and decoded ahead, so that going there shows
/// them in its first frame. Asked for on every pass (a cache lookup once they are in):
/// each step of a picture's loading ends with a repaint, whose pass takes the next step.
fn prefetch_next(ui: &egui::Ui, session: &Session) {
    let current = session.current();
    let id = ui.scope_id().with("next-card-pictures");
    let known = ui.data(|d| d.get_temp::<(usize, std::sync::Arc<Vec<String>>)>(id));
    let uris = match known {
        Some((index, uris)) if index == current => uris,
        _ => {
            let deck_dir = session.talk_path().and_then(std::path::Path::parent);
            let uris = std::sync::Arc::new(match session.talk().cards.get(current + 1) {
                Some(next) => slide_body::picture_uris(&next.body, deck_dir),
                None => Vec::new(),
            });
            ui.data_mut(|d| d.insert_temp(id, (current, uris.clone())));
            uris
        }
    };
    for uri in uris.iter() {
        // Pending or refused alike: what happens is what showing the card would start.
        let _ = ui.ctx().try_load_image(uri, egui::SizeHint::default());
    }
}

/// Card `index` of the session's talk as a slide, with the user's own key points;
/// `scale` enlarges it for the audience window.
pub fn card_slide(ui: &mut egui::Ui, session: &Session, index: usize, scale: f32) {
    if let Some(card) = session.talk().cards.get(index) {
        let own_points = session.promoted_points(&card.id);
        let deck_dir = session.talk_path().and_then(std::path::Path::parent);
        talk_slide(ui, session.talk(), index, deck_dir, &own_points, scale);
    }
}

/// Card `index` of `talk` as a slide, with `own_points` after the talk's key points;
/// the slide's pictures are read from `deck_dir`, the deck's folder.
pub fn talk_slide(
    ui: &mut egui::Ui,
    talk: &Talk,
    index: usize,
    deck_dir: Option<&std::path::Path>,
    own_points: &[String],
    scale: f32,
) {
    if let Some(card) = talk.cards.get(index) {
        let place = Place {
            index,
            count: talk.cards.len(),
            deck_dir,
            scale,
        };
        slide(ui, talk, card, &place, own_points);
    }
}

/// Where a slide is drawn: its position in the deck, the deck's folder (for its
/// pictures), and how large.
struct Place<'a> {
    index: usize,
    count: usize,
    deck_dir: Option<&'a std::path::Path>,
    scale: f32,
}

/// `own_points` are the user's highlights promoted to key points, shown after the talk's.
/// A deck's card shows its body (its bullets are in it); a transcript's its key points.
fn slide(ui: &mut egui::Ui, talk: &Talk, card: &Card, place: &Place<'_>, own_points: &[String]) {
    let Place {
        index,
        count,
        scale,
        ..
    } = *place;
    let visuals = ui.visuals();
    egui::Frame::new()
        .fill(visuals.extreme_bg_color)
        .stroke(visuals.widgets.noninteractive.bg_stroke)
        .corner_radius(10.0)
        .inner_margin(egui::Margin::symmetric(28, 22))
        .shadow(visuals.popup_shadow)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            if let Some(page) = &card.page {
                page_slide(ui, talk, card, page, place);
                own_key_points(ui, own_points, scale);
                return;
            }
            ui.horizontal(|ui| {
                ui.label(
                    egui::RichText::new(kind_label(card)).color(ui.visuals().weak_text_color()),
                );
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.label(egui::RichText::new(format!("{} / {}", index + 1, count)).monospace());
                });
            });
            ui.add_space(6.0);
            ui.label(
                egui::RichText::new(&card.title)
                    .size(SLIDE_TITLE_SIZE * scale)
                    .strong(),
            );
            if card.auto_title {
                // The talk had no heading here: the title is the card's own words.
                ui.label(
                    egui::RichText::new(t!("auto-title"))
                        .size(13.0 * scale)
                        .italics()
                        .color(ui.visuals().weak_text_color()),
                )
                .on_hover_text(t!("auto-title-hint"));
            }
            ui.add_space(10.0 * scale);
            if card.kind == CardKind::Title {
                talk_facts(ui, talk, scale);
            }
            if !card.body.is_empty() {
                // A long slide scrolls inside the card; the audience window has room.
                let share = if scale > 1.0 { 0.9 } else { 0.5 };
                egui::ScrollArea::vertical()
                    .id_salt(("slide-body", &card.id, index))
                    .max_height((ui.available_height() * share).max(120.0))
                    .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
                    .show(ui, |ui| {
                        let id = ui.scope_id().with(("body", &card.id));
                        slide_body::show(ui, id, &card.body, place.deck_dir, scale);
                    });
            }
            let points: &[String] = if card.body.is_empty() {
                &card.key_points
            } else {
                &[]
            };
            // A key point is a sentence of the talk, of any length: bounded like the
            // speaker notes.
            for point in points {
                ui.add_space(4.0 * scale);
                super::notes_panel::bounded_label(ui, point, |shown| {
                    egui::RichText::new(format!("•  {shown}")).size(KEY_POINT_SIZE * scale)
                });
            }
            own_key_points(ui, own_points, scale);
        });
}

/// The user's highlights promoted to key points, underlined.
fn own_key_points(ui: &mut egui::Ui, own_points: &[String], scale: f32) {
    for point in own_points {
        ui.add_space(4.0 * scale);
        let head = display_bound::head(point, display_bound::SHOWN_CHARS);
        let text = egui::RichText::new(format!("•  {}", head.shown))
            .size(KEY_POINT_SIZE * scale)
            .underline();
        ui.label(text).on_hover_text(t!("own-key-point"));
        super::notes_panel::not_shown(ui, head.hidden);
    }
}

/// A card that is a page of a PDF: its title and position, then the page itself (its
/// words are on it), with the next page drawn ahead.
fn page_slide(
    ui: &mut egui::Ui,
    talk: &Talk,
    card: &Card,
    page: &crate::talk::PageRef,
    place: &Place<'_>,
) {
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(&card.title).strong());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let position = format!("{} / {}", place.index + 1, place.count);
            ui.label(egui::RichText::new(position).monospace());
            // The page's own label (beamer's overlays share their frame's), where it is
            // not the page's position.
            let own_number = (page.index + 1).to_string();
            if let Some(label) = page.label.as_ref().filter(|l| **l != own_number) {
                ui.weak(t!("deck-page-title", page = label.clone()));
            }
        });
    });
    ui.add_space(6.0);
    let share = if place.scale > 1.0 { 0.9 } else { 0.55 };
    let size = egui::vec2(
        ui.available_width(),
        (ui.available_height() * share).max(120.0),
    );
    let next = talk
        .cards
        .get(place.index + 1)
        .and_then(|c| c.page.as_ref());
    super::page_view::show(ui, &talk.fingerprint, page, next, size, false);
}

/// Speaker, role, event, date, source: whichever the talk states.
fn talk_facts(ui: &mut egui::Ui, talk: &Talk, scale: f32) {
    let facts = [
        (t!("fact-speaker"), &talk.speaker),
        (t!("fact-role"), &talk.role),
        (t!("fact-event"), &talk.event),
        (t!("fact-date"), &talk.date),
        (t!("fact-source"), &talk.source),
        (t!("fact-author"), &talk.author),
    ];
    egui::Grid::new("talk-facts")
        .num_columns(2)
        .spacing([16.0, 6.0])
        .show(ui, |ui| {
            for (name, value) in facts.into_iter().filter(|(_, v)| !v.is_empty()) {
                ui.label(egui::RichText::new(name).color(ui.visuals().weak_text_color()));
                ui.label(egui::RichText::new(value.as_str()).size((KEY_POINT_SIZE - 1.0) * scale));
                ui.end_row();
            }
        });
}

fn nav_buttons(ui: &mut egui::Ui, session: &Session, out: &mut Vec<UiCommand>) {
    ui.horizontal(|ui| {
        let first = session.current() == 0;
        let last = session.current() + 1 >= session.card_count();
        if ui
            .add_enabled(!first, egui::Button::new(t!("previous")))
            .on_hover_text(t!("previous-hint"))
            .clicked()
        {
            out.push(Command::PrevCard.into());
        }
        if ui
            .add_enabled(!last, egui::Button::new(t!("next")))
            .on_hover_text(t!("next-hint"))
            .clicked()
        {
            out.push(Command::NextCard.into());
        }
    });
}

/// `response.on_disabled_hover_text(text)`, except under a modal dialog: egui shows a
/// disabled widget's hint wherever the pointer rests on its rectangle, above every layer,
/// so the hint of a button behind the quit question covered that question's buttons.
pub(super) fn disabled_hint(response: egui::Response, text: String) -> egui::Response {
    let behind_modal = !response
        .ctx
        .memory(|m| m.is_above_modal_layer(response.layer_id));
    if behind_modal {
        response
    } else {
        response.on_disabled_hover_text(text)
    }
}
