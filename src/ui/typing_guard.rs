//! Typed text always reaches its field before the key or click that leaves it.
//!
//! Key and pointer events that arrive between two frames are handled in one frame. egui
//! lets go of the focused field at the start of a frame when it sees Esc, before the
//! field runs, so letters typed just before Esc would never reach the note; a click
//! elsewhere, Ctrl+S or Ctrl+Q in the same frame would act before the text is in. This
//! plugin keeps such a frame's events apart: while a text field has the focus, the events
//! from the first leaving event (Esc, Tab, a shortcut with Ctrl/Alt/Cmd, a pointer press)
//! that follows typing are held back to the next frame, which it asks for at once.

use egui::{Event, Key, RawInput};

#[derive(Default)]
pub struct TypingGuard {
    held: Vec<Event>,
}

impl TypingGuard {
    /// Installs the guard on the context (the window and the tests alike).
    pub fn install(ctx: &egui::Context) {
        ctx.add_plugin(Self::default());
    }
}

impl egui::Plugin for TypingGuard {
    fn debug_name(&self) -> &'static str {
        "talkdeck::TypingGuard"
    }

    fn input_hook(&mut self, ctx: &egui::Context, input: &mut RawInput) {
        if !self.held.is_empty() {
            let newer = std::mem::take(&mut input.events);
            input.events = std::mem::take(&mut self.held);
            input.events.extend(newer);
        }
        if !ctx.text_edit_focused() {
            return;
        }
        if let Some(at) = split_point(&input.events) {
            self.held = input.events.split_off(at);
            ctx.request_repaint();
        }
    }
}

/// Where this frame's events must be cut so that the typing before it is handled first:
/// the first leaving event that follows an editing one.
pub fn split_point(events: &[Event]) -> Option<usize> {
    let first_edit = events.iter().position(edits_text)?;
    events
        .iter()
        .skip(first_edit + 1)
        .position(leaves_field)
        .map(|i| i + first_edit + 1)
}

/// Text going into the field: letters, input-method text, pastes, and the keys that
/// edit or move inside it.
fn edits_text(event: &Event) -> bool {
    match event {
        Event::Text(_) | Event::Paste(_) | Event::Ime(_) => true,
        Event::Key {
            key,
            pressed: true,
            modifiers,
            ..
        } => !is_shortcut(*key, *modifiers),
        _ => false,
    }
}

/// An event that can take the focus away or act on the notes as they are.
fn leaves_field(event: &Event) -> bool {
    match event {
        Event::Key {
            key,
            pressed: true,
            modifiers,
            ..
        } => is_shortcut(*key, *modifiers),
        Event::PointerButton { pressed: true, .. } => true,
        _ => false,
    }
}

fn is_shortcut(key: Key, modifiers: egui::Modifiers) -> bool {
    matches!(key, Key::Escape | Key::Tab)
        || modifiers.ctrl
        || modifiers.command
        || modifiers.alt
        || modifiers.mac_cmd
        || matches!(key, Key::F1 | Key::F3 | Key::F5 | Key::F11)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(key: Key, modifiers: egui::Modifiers) -> Event {
        Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers,
        }
    }

    fn text(s: &str) -> Event {
        Event::Text(s.to_owned())
    }

    #[test]
    fn esc_after_letters_waits_for_the_next_frame() {
        let none = egui::Modifiers::NONE;
        let events = [
            text("a"),
            text("b"),
            key(Key::Escape, none),
            key(Key::ArrowRight, none),
        ];
        assert_eq!(split_point(&events), Some(2));
    }

    #[test]
    fn shortcuts_and_clicks_after_typing_wait_too() {
        let none = egui::Modifiers::NONE;
        let save = [text("好"), key(Key::S, egui::Modifiers::COMMAND)];
        assert_eq!(split_point(&save), Some(1));
        let click = [
            key(Key::Backspace, none),
            Event::PointerButton {
                pos: egui::pos2(1.0, 1.0),
                button: egui::PointerButton::Primary,
                pressed: true,
                modifiers: none,
            },
        ];
        assert_eq!(split_point(&click), Some(1));
    }

    #[test]
    fn a_frame_without_typing_is_left_whole() {
        let none = egui::Modifiers::NONE;
        assert_eq!(split_point(&[key(Key::Escape, none), text("a")]), None);
        assert_eq!(split_point(&[text("a"), text("b")]), None);
        assert_eq!(split_point(&[]), None);
    }
}
