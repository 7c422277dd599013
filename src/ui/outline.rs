//! The outline: every card of the deck, click to jump, with its note count.

use super::UiCommand;
use crate::session::{Command, Session};
use crate::t;
use crate::talk::CardKind;

/// Short label for a card's place in the deck ("3" for observation 3).
pub fn card_marker(kind: CardKind, number: Option<u32>) -> String {
    match (kind, number) {
        (_, Some(n)) => n.to_string(),
        (CardKind::Title, None) => "◆".to_owned(),
        (CardKind::Opening, None) => "▶".to_owned(),
        (CardKind::Closing, None) => "■".to_owned(),
        (CardKind::Observation, None) => "•".to_owned(),
    }
}

/// The outline panel. Remembers which card it last showed so it scrolls to the current
/// card only when that changes, not on every frame.
#[derive(Default)]
pub struct Outline {
    shown: Option<usize>,
}

impl Outline {
    pub fn ui(&mut self, ui: &mut egui::Ui, session: &Session, out: &mut Vec<UiCommand>) {
        let follow = self.shown != Some(session.current);
        self.shown = Some(session.current);
        list(ui, session, follow, out);
    }
}

fn list(ui: &mut egui::Ui, session: &Session, follow: bool, out: &mut Vec<UiCommand>) {
    ui.add_space(6.0);
    ui.heading(t!("outline"));
    ui.add_space(4.0);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (index, card) in session.talk.cards.iter().enumerate() {
                let selected = index == session.current;
                let count = session.notes.count(&card.id);
                let mut text = format!("{}  {}", card_marker(card.kind, card.number), card.title);
                if count > 0 {
                    text.push_str(&format!("  ({count})"));
                }
                let button =
                    egui::Button::selectable(selected, egui::RichText::new(text).size(15.0))
                        .wrap_mode(egui::TextWrapMode::Truncate)
                        .min_size(egui::vec2(ui.available_width(), 30.0));
                let response = ui.add(button).on_hover_text(&card.title);
                if selected && follow {
                    response.scroll_to_me(None);
                }
                if response.clicked() {
                    out.push(Command::GoTo(index).into());
                }
            }
        });
}
