//! Turns key presses into commands, by the action table: the same command a button or
//! a palette entry sends.

use super::UiCommand;
use super::actions::{self, Scope};

/// What has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Deck,
    Overview,
    Presenter,
    /// A modal dialog has the keyboard to itself.
    Dialog,
}

impl Mode {
    /// Whether keys of `scope` act now. Only Ctrl shortcuts act while typing in a note.
    fn allows(self, scope: Scope, typing: bool) -> bool {
        match (scope, self) {
            (_, Mode::Dialog) => false,
            (Scope::Global, _) => true,
            _ if typing => false,
            (Scope::Deck, Mode::Deck) | (Scope::Overview, Mode::Overview) => true,
            (Scope::Presenter, Mode::Presenter) => true,
            (Scope::Slides, Mode::Deck | Mode::Presenter) => true,
            _ => false,
        }
    }
}

/// Turns this frame's key presses into commands.
pub fn read(ctx: &egui::Context, mode: Mode, out: &mut Vec<UiCommand>) {
    let typing = ctx.text_edit_focused();
    let actions = actions::all();
    ctx.input_mut(|input| {
        for action in actions.iter().filter(|a| mode.allows(a.scope, typing)) {
            for shortcut in &action.keys {
                if input.consume_shortcut(shortcut) {
                    out.push(action.command.clone());
                }
            }
        }
    });
}
