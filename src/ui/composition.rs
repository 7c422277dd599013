//! An input method's composition is never cut by a key that reaches the window.
//!
//! While the input method shows a pre-edit (pinyin being turned into 你好), it owns the
//! keyboard: Esc cancels the composition, Enter commits it as typed, the arrows,
//! Backspace and Space act inside it. Input methods over XIM and Wayland's text-input
//! keep those keys to themselves, but a platform or an input method that lets one
//! through would have egui leave the field (Esc, Tab), add a newline (Enter), move the
//! cursor out of the pre-edit, or the deck turn a card (Space, S, H, O…). This plugin
//! sees each frame's events before egui does and, while a pre-edit is showing in a
//! focused field, turns Esc into clearing the pre-edit and Enter into committing it,
//! and drops every other key without Ctrl/Alt/Cmd (their release too).

use egui::{Event, ImeEvent, Key, RawInput};

#[derive(Default)]
pub struct CompositionGuard {
    /// The pre-edit text showing now, empty when nothing is being composed.
    preedit: String,
    /// Keys whose press went to the composition: their release goes there too.
    held: Vec<Key>,
}

impl CompositionGuard {
    /// Installs the guard on the context, before the typing guard, so that the keys it
    /// turns into input-method events are seen as typing.
    pub fn install(ctx: &egui::Context) {
        ctx.add_plugin(Self::default());
    }

    /// Takes this frame's events through the composition, in order.
    fn filter(&mut self, events: Vec<Event>) -> Vec<Event> {
        let mut out = Vec::with_capacity(events.len());
        for event in events {
            match &event {
                Event::Ime(ImeEvent::Preedit { text, .. }) => self.preedit.clone_from(text),
                Event::Ime(ImeEvent::Commit(_)) => self.preedit.clear(),
                Event::Key {
                    key,
                    pressed,
                    modifiers,
                    ..
                } if !*pressed && self.held.contains(key) => {
                    self.held.retain(|k| k != key);
                    continue;
                }
                Event::Key {
                    key,
                    pressed: true,
                    modifiers,
                    ..
                } if !self.preedit.is_empty() && !has_command_modifier(*modifiers) => {
                    self.held.push(*key);
                    match key {
                        Key::Escape => out.push(preedit_event(String::new())),
                        Key::Enter => {
                            out.push(Event::Ime(ImeEvent::Commit(self.preedit.clone())));
                        }
                        _ => {}
                    }
                    if matches!(key, Key::Escape | Key::Enter) {
                        self.preedit.clear();
                    }
                    continue;
                }
                _ => {}
            }
            out.push(event);
        }
        out
    }
}

impl egui::Plugin for CompositionGuard {
    fn debug_name(&self) -> &'static str {
        "talkdeck::CompositionGuard"
    }

    fn input_hook(&mut self, ctx: &egui::Context, input: &mut RawInput) {
        if !ctx.text_edit_focused() {
            // The field went away (a click elsewhere interrupts the input method).
            self.preedit.clear();
            self.held.clear();
        }
        let events = std::mem::take(&mut input.events);
        input.events = self.filter(events);
    }
}

fn preedit_event(text: String) -> Event {
    Event::Ime(ImeEvent::Preedit {
        text,
        active_range_chars: None,
    })
}

/// Ctrl, Alt and Cmd shortcuts still act during a composition (Ctrl+S saves).
fn has_command_modifier(modifiers: egui::Modifiers) -> bool {
    modifiers.ctrl || modifiers.alt || modifiers.command || modifiers.mac_cmd
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(key: Key, pressed: bool) -> Event {
        Event::Key {
            key,
            physical_key: None,
            pressed,
            repeat: false,
            modifiers: egui::Modifiers::NONE,
        }
    }

    #[test]
    fn keys_outside_a_composition_pass() {
        let mut guard = CompositionGuard::default();
        let events = vec![key(Key::Escape, true), key(Key::Space, true)];
        assert_eq!(guard.filter(events.clone()), events);
    }

    #[test]
    fn esc_cancels_and_enter_commits_the_preedit() {
        let mut guard = CompositionGuard::default();
        let out = guard.filter(vec![
            preedit_event("ni".into()),
            key(Key::ArrowLeft, true),
            key(Key::ArrowLeft, false),
            key(Key::Escape, true),
            key(Key::Escape, false),
        ]);
        assert_eq!(
            out,
            [preedit_event("ni".into()), preedit_event(String::new())]
        );

        let out = guard.filter(vec![
            preedit_event("你好".into()),
            key(Key::Enter, true),
            key(Key::Space, true),
        ]);
        assert_eq!(
            out,
            [
                preedit_event("你好".into()),
                Event::Ime(ImeEvent::Commit("你好".into())),
                key(Key::Space, true),
            ],
            "after the commit, keys act again"
        );
    }

    #[test]
    fn ctrl_shortcuts_act_during_a_composition() {
        let mut guard = CompositionGuard::default();
        let save = Event::Key {
            key: Key::S,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: egui::Modifiers::COMMAND,
        };
        let out = guard.filter(vec![preedit_event("ni".into()), save.clone()]);
        assert_eq!(out, [preedit_event("ni".into()), save]);
    }
}
