//! The current card as a slide (title, key points, position in the deck) with its
//! speaker notes below.

use super::UiCommand;
use crate::session::{Command, Session};
use crate::t;
use crate::talk::{Card, CardKind, Talk};

const SLIDE_TITLE_SIZE: f32 = 28.0;
const KEY_POINT_SIZE: f32 = 18.0;
/// The speaker notes' default text size.
pub const NOTES_SIZE: f32 = 16.5;

/// Keeps a speaker-notes text size readable.
pub fn clamp_notes_size(size: f32) -> f32 {
    size.clamp(11.0, 40.0)
}

pub fn kind_label(card: &Card) -> String {
    match (card.kind, card.number) {
        (CardKind::Title, _) => t!("kind-title"),
        (CardKind::Opening, _) => t!("kind-opening"),
        (CardKind::Observation, Some(n)) => t!("kind-observation", number = n),
        (CardKind::Observation, None) => t!("kind-section"),
        (CardKind::Closing, _) => t!("kind-closing"),
    }
}

pub fn ui(
    ui: &mut egui::Ui,
    session: &Session,
    notes_size: f32,
    marks: Marks<'_>,
    out: &mut Vec<UiCommand>,
) {
    let Some(card) = session.current_card() else {
        ui.centered_and_justified(|ui| ui.label(t!("no-cards")));
        return;
    };
    ui.add_space(8.0);
    slide(
        ui,
        &session.talk,
        card,
        session.current,
        session.card_count(),
        1.0,
    );
    ui.add_space(6.0);
    nav_buttons(ui, session, out);
    ui.add_space(6.0);
    ui.separator();
    ui.label(egui::RichText::new(t!("speaker-notes")).strong());
    speaker_notes(ui, card, notes_size, marks);
}

/// What to mark in the speaker notes: search matches, and the paragraph of the search
/// hit stepped to (scrolled into view when it changes).
#[derive(Default, Clone, Copy)]
pub struct Marks<'a> {
    pub query: Option<&'a str>,
    pub focus_paragraph: Option<usize>,
}

/// The card's speaker notes in a scroll area of their own, at a reading size.
pub fn speaker_notes(ui: &mut egui::Ui, card: &Card, size: f32, marks: Marks<'_>) {
    egui::ScrollArea::vertical()
        .id_salt(("speaker-notes", &card.id))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (i, paragraph) in card.paragraphs.iter().enumerate() {
                let response = ui.label(paragraph_job(ui, paragraph, size, marks.query));
                if marks.focus_paragraph == Some(i) {
                    response.scroll_to_me(Some(egui::Align::Center));
                }
                ui.add_space(size * 0.5);
            }
        });
}

/// A paragraph laid out with the search matches marked.
fn paragraph_job(
    ui: &egui::Ui,
    text: &str,
    size: f32,
    query: Option<&str>,
) -> egui::text::LayoutJob {
    let format = egui::TextFormat {
        font_id: egui::FontId::proportional(size),
        color: ui.visuals().text_color(),
        line_height: Some(size * 1.6),
        ..Default::default()
    };
    let marked = egui::TextFormat {
        background: ui.visuals().selection.bg_fill,
        color: ui.visuals().strong_text_color(),
        ..format.clone()
    };
    let mut job = egui::text::LayoutJob::default();
    let mut at = 0;
    for range in query
        .map(|q| crate::search::match_ranges(text, q))
        .unwrap_or_default()
    {
        job.append(&text[at..range.start], 0.0, format.clone());
        job.append(&text[range.clone()], 0.0, marked.clone());
        at = range.end;
    }
    job.append(&text[at..], 0.0, format);
    job.wrap.max_width = ui.available_width();
    job
}

/// A card drawn as a slide; `scale` enlarges it for the audience window.
pub fn slide(ui: &mut egui::Ui, talk: &Talk, card: &Card, index: usize, count: usize, scale: f32) {
    let visuals = ui.visuals();
    egui::Frame::new()
        .fill(visuals.extreme_bg_color)
        .stroke(visuals.widgets.noninteractive.bg_stroke)
        .corner_radius(10.0)
        .inner_margin(egui::Margin::symmetric(28, 22))
        .shadow(visuals.popup_shadow)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
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
            ui.add_space(10.0 * scale);
            if card.kind == CardKind::Title {
                talk_facts(ui, talk, scale);
            }
            for point in &card.key_points {
                ui.add_space(4.0 * scale);
                let point = egui::RichText::new(format!("•  {point}")).size(KEY_POINT_SIZE * scale);
                ui.label(point);
            }
        });
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
        let first = session.current == 0;
        let last = session.current + 1 >= session.card_count();
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
