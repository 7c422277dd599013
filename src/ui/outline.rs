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
/// card only when that changes, not on every frame, and where its list stood, so that
/// scrolling to a card takes effect in the pass that changed the card.
#[derive(Default)]
pub struct Outline {
    shown: Option<usize>,
    /// The list's scroll offset and the height of its view, as of the last pass.
    view: Option<(f32, f32)>,
}

impl Outline {
    pub fn ui(&mut self, ui: &mut egui::Ui, session: &Session, out: &mut Vec<UiCommand>) {
        let follow = self.shown != Some(session.current());
        self.shown = Some(session.current());
        self.view = Some(list(ui, session, follow, self.view, out));
    }
}

/// Height of an outline row: a 15 pt line in a button at least 30 pt high.
const ROW_HEIGHT: f32 = 30.0;
const TEXT_SIZE: f32 = 15.0;

/// The cards as a virtual list: only the rows in view are laid out (a talk can have a
/// thousand cards), all of one height, so the scroll position maps to rows directly.
///
/// With `follow` (the current card changed) the list scrolls as far as needed to show its
/// row, from `last`, the view of the last pass: set as the offset of this pass, since a
/// `scroll_to_rect` takes effect a pass later and the window would paint the list twice.
/// Returns the view (scroll offset, height).
fn list(
    ui: &mut egui::Ui,
    session: &Session,
    follow: bool,
    last: Option<(f32, f32)>,
    out: &mut Vec<UiCommand>,
) -> (f32, f32) {
    ui.add_space(6.0);
    ui.heading(t!("outline"));
    ui.add_space(4.0);
    let font = egui::FontId::proportional(TEXT_SIZE);
    let text_height = ui.ctx().fonts_mut(|f| f.row_height(&font));
    let row_height = ROW_HEIGHT.max(text_height + 2.0 * ui.spacing().button_padding.y);
    let row_pitch = row_height + ui.spacing().item_spacing.y;
    let cards = &session.talk().cards;
    let mut area = egui::ScrollArea::vertical().auto_shrink([false, false]);
    if follow {
        let (offset, height) = last.unwrap_or((0.0, ui.available_height()));
        let top = session.current() as f32 * row_pitch;
        let target = if top < offset {
            top
        } else if top + row_height > offset + height {
            top + row_height - height
        } else {
            offset
        };
        area = area.vertical_scroll_offset(target.max(0.0));
    }
    let shown = area.show_rows(ui, row_height, cards.len(), |ui, rows| {
        for index in rows {
            let card = &cards[index];
            let selected = index == session.current();
            let count = session.note_count(&card.id);
            let mut text = format!("{}  {}", card_marker(card.kind, card.number), card.title);
            if count > 0 {
                text.push_str(&format!("  ({count})"));
            }
            if session.notes().starred.contains(&card.id) {
                text.push_str("  ★");
            }
            let button =
                egui::Button::selectable(selected, egui::RichText::new(text).size(TEXT_SIZE))
                    .wrap_mode(egui::TextWrapMode::Truncate)
                    .min_size(egui::vec2(ui.available_width(), row_height));
            let response = ui.add(button).on_hover_text(&card.title);
            if response.clicked() {
                out.push(Command::GoTo(index).into());
            }
        }
    });
    (shown.state.clamped_offset().y, shown.inner_rect.height())
}
