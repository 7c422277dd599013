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

/// What has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Deck,
    Overview,
    Presenter,
    /// A modal dialog has the keyboard to itself.
    Dialog,
}

/// Keys of the overview grid.
fn overview() -> [(Modifiers, Key, UiCommand); 8] {
    [
        (
            Modifiers::NONE,
            Key::ArrowRight,
            UiCommand::OverviewStep(1, 0),
        ),
        (
            Modifiers::NONE,
            Key::ArrowLeft,
            UiCommand::OverviewStep(-1, 0),
        ),
        (
            Modifiers::NONE,
            Key::ArrowDown,
            UiCommand::OverviewStep(0, 1),
        ),
        (
            Modifiers::NONE,
            Key::ArrowUp,
            UiCommand::OverviewStep(0, -1),
        ),
        (Modifiers::NONE, Key::Enter, UiCommand::OverviewPick),
        (Modifiers::NONE, Key::Escape, UiCommand::ToggleOverview),
        (Modifiers::NONE, Key::O, UiCommand::ToggleOverview),
        (Modifiers::NONE, Key::Tab, UiCommand::ToggleOverview),
    ]
}

/// Turns this frame's key presses into commands.
pub fn read(ctx: &egui::Context, mode: Mode, out: &mut Vec<UiCommand>) {
    if mode == Mode::Dialog {
        return;
    }
    let typing = ctx.text_edit_focused();
    ctx.input_mut(|input| {
        let mut consume = |bindings: &[(Modifiers, Key, UiCommand)]| {
            for (modifiers, key, command) in bindings {
                if input.consume_key(*modifiers, *key) {
                    out.push(command.clone());
                }
            }
        };
        consume(&shortcuts());
        if typing {
            return;
        }
        match mode {
            Mode::Overview => consume(&overview()),
            Mode::Deck => {
                consume(&navigation().map(|(m, k, c)| (m, k, UiCommand::Session(c))));
                consume(&[
                    (Modifiers::NONE, Key::O, UiCommand::ToggleOverview),
                    (Modifiers::NONE, Key::Tab, UiCommand::ToggleOverview),
                    (Modifiers::NONE, Key::F5, UiCommand::StartPresenting),
                ]);
            }
            Mode::Presenter => {
                consume(&navigation().map(|(m, k, c)| (m, k, UiCommand::Session(c))));
                consume(&[
                    (Modifiers::NONE, Key::P, UiCommand::TogglePause),
                    (Modifiers::NONE, Key::R, UiCommand::AskResetTimer),
                    (Modifiers::NONE, Key::Escape, UiCommand::StopPresenting),
                    (Modifiers::NONE, Key::F11, UiCommand::ToggleFullscreen),
                ]);
            }
            Mode::Dialog => {}
        }
    });
}
