//! Key bindings: each key maps to the same command its button sends.

use super::{PathPurpose, UiCommand};
use crate::session::Command;
use egui::{Key, Modifiers};

const CTRL_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);

/// Shortcuts that work everywhere, even while typing in a note. Shifted ones first:
/// egui's matching lets Ctrl+Shift+S also match a Ctrl+S pattern.
fn shortcuts() -> [(Modifiers, Key, UiCommand); 10] {
    [
        (CTRL_SHIFT, Key::Z, UiCommand::Session(Command::Redo)),
        (
            Modifiers::COMMAND,
            Key::Z,
            UiCommand::Session(Command::Undo),
        ),
        (
            Modifiers::COMMAND,
            Key::Y,
            UiCommand::Session(Command::Redo),
        ),
        (
            CTRL_SHIFT,
            Key::S,
            UiCommand::AskPath(PathPurpose::SaveNotesAs),
        ),
        (
            CTRL_SHIFT,
            Key::O,
            UiCommand::AskPath(PathPurpose::OpenTalk),
        ),
        (Modifiers::COMMAND, Key::S, UiCommand::Save),
        (
            Modifiers::COMMAND,
            Key::O,
            UiCommand::AskPath(PathPurpose::OpenNotes),
        ),
        (
            Modifiers::COMMAND,
            Key::N,
            UiCommand::Session(Command::AddNote),
        ),
        (Modifiers::COMMAND, Key::Q, UiCommand::Quit),
        (CTRL_SHIFT, Key::T, UiCommand::ToggleTheme),
    ]
}

/// Card navigation, only when no text field has the cursor.
fn navigation() -> [(Modifiers, Key, Command); 8] {
    [
        (Modifiers::SHIFT, Key::Space, Command::PrevCard),
        (Modifiers::NONE, Key::Space, Command::NextCard),
        (Modifiers::NONE, Key::ArrowRight, Command::NextCard),
        (Modifiers::NONE, Key::ArrowLeft, Command::PrevCard),
        (Modifiers::NONE, Key::PageDown, Command::NextCard),
        (Modifiers::NONE, Key::PageUp, Command::PrevCard),
        (Modifiers::NONE, Key::Home, Command::FirstCard),
        (Modifiers::NONE, Key::End, Command::LastCard),
    ]
}

/// Turns this frame's key presses into commands. With a dialog open the dialog has the
/// keyboard to itself.
pub fn read(ctx: &egui::Context, dialog_open: bool, out: &mut Vec<UiCommand>) {
    if dialog_open {
        return;
    }
    let typing = ctx.text_edit_focused();
    ctx.input_mut(|input| {
        for (modifiers, key, command) in shortcuts() {
            if input.consume_key(modifiers, key) {
                out.push(command);
            }
        }
        if typing {
            return;
        }
        for (modifiers, key, command) in navigation() {
            if input.consume_key(modifiers, key) {
                out.push(command.into());
            }
        }
    });
}
