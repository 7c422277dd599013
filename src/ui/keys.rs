//! Turns key presses into commands, by the action table: the same command a button or
//! a palette entry sends.

use super::UiCommand;
use super::actions::{self, Scope};
use egui::Key;

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

/// Keys that move the cursor or the selection in the speaker notes while they have it.
const CURSOR_KEYS: [Key; 6] = [
    Key::ArrowLeft,
    Key::ArrowRight,
    Key::ArrowUp,
    Key::ArrowDown,
    Key::Home,
    Key::End,
];

/// Turns this frame's key presses into commands. The read-only speaker notes do not
/// count as typing, except that the cursor keys select text there. Tab is a command key
/// (the overview) only while no control has the keyboard focus; Shift+Tab, and Tab once
/// a control has the focus, move the focus through the controls in layout order.
pub fn read(ctx: &egui::Context, mode: Mode, out: &mut Vec<UiCommand>) {
    let letters = single_letter_keys(ctx);
    let in_reader = ctx.memory(|m| m.has_focus(super::reader::reader_id()));
    let actions = actions::all();
    // Ctrl+N and the letters typed right after it can arrive in one frame (a fast typist,
    // a slow frame): the letters are the new note's, not card keys.
    let opening_field = ctx.input(|input| {
        let pressed = |shortcut: &egui::KeyboardShortcut| {
            input.events.iter().any(|e| {
                matches!(e, egui::Event::Key { key, pressed: true, modifiers, .. }
                    if *key == shortcut.logical_key && modifiers.matches_logically(shortcut.modifiers))
            })
        };
        actions
            .iter()
            .filter(|a| a.opens_text_field())
            .any(|a| a.keys.iter().any(pressed))
    });
    let typing_now = ctx.text_edit_focused() && !in_reader;
    let typing = typing_now || opening_field;
    let focus_moves = ctx.memory(|m| m.focused().is_some());
    let mut took_tab = false;
    ctx.input_mut(|input| {
        // The key that opens a field acts itself; only the letters after it are the field's.
        let allowed = |a: &&actions::Action| {
            let typing = if a.opens_text_field() {
                typing_now
            } else {
                typing
            };
            mode.allows(a.scope, typing)
        };
        for action in actions.iter().filter(allowed) {
            for shortcut in action.keys.iter().filter(|k| letters || !single_letter(k)) {
                let selecting =
                    in_reader && a_cursor_key(shortcut) && action.scope != Scope::Global;
                let consumed = if shortcut.logical_key == Key::Tab {
                    let took = !focus_moves && consume_plain_tab(input);
                    took_tab |= took;
                    took
                } else {
                    !selecting && input.consume_shortcut(shortcut)
                };
                if consumed {
                    out.push(action.command.clone());
                }
            }
        }
    });
    if took_tab {
        // egui saw the Tab before this and would move the focus to the first control.
        ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
    }
}

/// Turns the single-letter card keys (S, H, O, P, R) on or off, for every window of the
/// context; their Alt forms work either way. People who type Chinese all day, or use
/// speech input, set off a card key by a stray letter otherwise (WCAG 2.1.4).
pub fn set_single_letter_keys(ctx: &egui::Context, on: bool) {
    ctx.data_mut(|d| d.insert_temp(letters_id(), on));
}

fn single_letter_keys(ctx: &egui::Context) -> bool {
    ctx.data(|d| d.get_temp(letters_id())).unwrap_or(true)
}

fn letters_id() -> egui::Id {
    egui::Id::unique("talkdeck-single-letter-keys")
}

/// A letter key without Ctrl, Alt or Cmd (Shift alone still types a letter).
fn single_letter(shortcut: &egui::KeyboardShortcut) -> bool {
    let m = shortcut.modifiers;
    let letter = shortcut.logical_key.name().len() == 1
        && shortcut
            .logical_key
            .name()
            .chars()
            .all(|c| c.is_ascii_alphabetic());
    letter && !(m.ctrl || m.alt || m.command || m.mac_cmd)
}

/// Takes a press of Tab with no modifier at all: Shift+Tab is left to egui's focus
/// order (`consume_shortcut` would take it too, as it ignores an extra Shift). Checked on
/// the key event itself, as Shift may be up again by the time the frame runs.
fn consume_plain_tab(input: &mut egui::InputState) -> bool {
    let plain_tab = |event: &egui::Event| {
        matches!(
            event,
            egui::Event::Key { key: Key::Tab, pressed: true, modifiers, .. }
                if modifiers.matches_exact(egui::Modifiers::NONE)
        )
    };
    match input.events.iter().position(plain_tab) {
        Some(at) => {
            input.events.remove(at);
            true
        }
        None => false,
    }
}

fn a_cursor_key(shortcut: &egui::KeyboardShortcut) -> bool {
    CURSOR_KEYS.contains(&shortcut.logical_key)
}
