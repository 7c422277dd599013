//! Renaming a card: its title in a one-line field above the slide while the user types.
//!
//! The field only edits a draft; the title changes through [`Command::RenameCard`] when
//! the user is done (Enter, or a click elsewhere, as in a file manager), so renaming is
//! one undoable step and is kept in the notes file.

use super::UiCommand;
use crate::session::Command;
use crate::t;

/// A card title being typed.
pub struct TitleEditor {
    card_id: String,
    draft: String,
    /// Put the cursor in the field (once, when it opens).
    focus: bool,
}

impl TitleEditor {
    /// Starts with the title the card shows now, all of it selected.
    pub fn start(card_id: &str, title: &str) -> Self {
        Self {
            card_id: card_id.to_owned(),
            draft: title.to_owned(),
            focus: true,
        }
    }

    pub fn card_id(&self) -> &str {
        &self.card_id
    }

    /// The field. Returns `true` once the user is done: Enter or a click elsewhere keeps
    /// the draft (an empty one gives the card back its own title), Esc drops it.
    pub fn ui(&mut self, ui: &mut egui::Ui, out: &mut Vec<UiCommand>) -> bool {
        let mut done = false;
        ui.horizontal(|ui| {
            let label = ui.label(t!("card-title-field"));
            let field = egui::TextEdit::singleline(&mut self.draft)
                .hint_text(t!("card-title-hint"))
                .desired_width((ui.available_width() - 8.0).max(120.0));
            let response = ui.add(field).labelled_by(label.id);
            if std::mem::take(&mut self.focus) {
                response.request_focus();
                // All of it selected, as renaming does elsewhere: typing replaces it.
                let mut state =
                    egui::TextEdit::load_state(ui.ctx(), response.id).unwrap_or_default();
                let all = egui::text::CCursorRange::select_all_str(&self.draft);
                state.cursor.set_char_range(Some(all));
                state.store(ui.ctx(), response.id);
            }
            if response.lost_focus() {
                // egui takes the focus away on Esc before the field sees it.
                if !ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    out.push(UiCommand::Session(Command::RenameCard {
                        card_id: self.card_id.clone(),
                        title: self.draft.clone(),
                    }));
                }
                done = true;
            }
        });
        done
    }
}
