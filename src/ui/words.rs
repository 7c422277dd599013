//! Chinese words in the text fields (speaker notes and notes): a double-click selects one
//! word as jieba cuts it, and Ctrl+←/→ (with Shift, selecting) move by the same words.
//! egui's fields treat every Han character as a word character and stop only at
//! punctuation, so these helpers adjust the field's stored cursor: before the field runs
//! for the keys, after it for the double-click. Text that is not Chinese is left to egui.

use crate::talk::words;
use egui::text::{CCursor, CCursorRange};
use egui::text_edit::{TextEditOutput, TextEditState};
use egui::{Event, Key};

/// Call before showing the field `id` holding `text`: while it has the focus, takes this
/// frame's Ctrl+←/→ presses that land in Chinese and moves its cursor by words.
pub fn move_by_words(ui: &egui::Ui, id: egui::Id, text: &str) {
    if !ui.memory(|m| m.has_focus(id)) {
        return;
    }
    let Some(mut state) = TextEditState::load(ui.ctx(), id) else {
        return;
    };
    let Some(mut range) = state.cursor.char_range() else {
        return;
    };
    let mut moved = false;
    ui.input_mut(|input| {
        input.events.retain(|event| {
            let Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } = event
            else {
                return true;
            };
            if !(modifiers.ctrl || modifiers.alt) {
                return true;
            }
            let from = range.primary.index.into();
            let to = match key {
                Key::ArrowRight => words::next_word_end(text, from),
                Key::ArrowLeft => words::previous_word_start(text, from),
                _ => None,
            };
            let Some(to) = to else {
                return true;
            };
            range.primary = CCursor::new(to);
            if !modifiers.shift {
                range.secondary = range.primary;
            }
            range.h_pos = None;
            moved = true;
            false
        });
    });
    if moved {
        state.cursor.set_char_range(Some(range));
        state.store(ui.ctx(), id);
    }
}

/// Call after showing a field holding `text`: on a double-click on a Chinese character,
/// selects its word instead of egui's run up to the punctuation, and returns the new
/// selection (the one `output` holds is egui's). egui selects its word already on the
/// second press and keeps it while the button is held, so the word is kept from that
/// press to the release.
pub fn select_word_on_double_click(
    ui: &egui::Ui,
    output: &TextEditOutput,
    text: &str,
) -> Option<CCursorRange> {
    let response = &output.response.response;
    let key = response.id.with("talkdeck-word-press");
    let delay = ui.ctx().options(|o| o.input_options.max_double_click_delay) as f32;
    let (pressed, released, second_press) = ui.input(|i| {
        let p = &i.pointer;
        (
            p.any_pressed(),
            p.any_released(),
            p.time_since_last_click() < delay,
        )
    });
    if pressed && response.hovered() {
        let word = second_press
            .then(|| word_under_pointer(output, text))
            .flatten();
        ui.data_mut(|d| match word {
            Some(word) => {
                d.insert_temp(key, word);
            }
            None => d.remove::<std::ops::Range<usize>>(key),
        });
    }
    let word: std::ops::Range<usize> = ui.data(|d| d.get_temp(key))?;
    if released || !ui.input(|i| i.pointer.any_down()) {
        ui.data_mut(|d| d.remove::<std::ops::Range<usize>>(key));
    }
    let range = CCursorRange::two(CCursor::new(word.start), CCursor::new(word.end));
    let mut state = output.state.clone();
    state.cursor.set_char_range(Some(range));
    state.store(ui.ctx(), response.id);
    ui.ctx().request_repaint();
    Some(range)
}

/// The Chinese word under the pointer, as chars of `text`.
fn word_under_pointer(output: &TextEditOutput, text: &str) -> Option<std::ops::Range<usize>> {
    let pos = output.response.response.interact_pointer_pos()? - output.galley_pos;
    let boundary = output.galley.cursor_from_pos(pos);
    // The nearest boundary may be after the character under the pointer.
    let left_of_boundary = pos.x < output.galley.pos_from_cursor(boundary).min.x;
    let index: usize = boundary.index.into();
    let under = if left_of_boundary {
        index.checked_sub(1)?
    } else {
        index
    };
    words::word_at(text, under)
}
