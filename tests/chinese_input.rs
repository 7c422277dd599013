//! Typing Chinese in the real app, headless through egui_kittest: an input method's
//! composition is never cut by the keys that reach the window.

mod common;

use egui::accesskit::Role;
use egui::{Event, ImeEvent, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use talkdeck::i18n::Lang;
use talkdeck::session::Session;
use talkdeck::ui::{TalkdeckApp, UiCommand};

fn harness() -> Harness<'static, TalkdeckApp> {
    let mut harness = common::app(Session::seed(), None, common::SIZE);
    harness.run();
    harness
}

fn note_text(harness: &Harness<'static, TalkdeckApp>) -> String {
    let session = harness.state().session();
    let card = session.current_card().unwrap().id.clone();
    session.notes_on(&card)[0].text.clone()
}

fn preedit(harness: &mut Harness<'static, TalkdeckApp>, text: &str) {
    harness.event(Event::Ime(ImeEvent::Preedit {
        text: text.into(),
        active_range_chars: None,
    }));
    harness.run();
}

fn editor_focused(harness: &Harness<'static, TalkdeckApp>) -> bool {
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Note 1")
        .is_focused()
}

#[test]
fn composition_keys_stay_in_the_composition() {
    let mut harness = harness();
    harness.key_press(Key::ArrowRight);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Note 1")
        .type_text("规模");
    harness.run();
    assert_eq!(note_text(&harness), "规模");

    // Esc cancels the composition and leaves the cursor in the note.
    preedit(&mut harness, "ni");
    assert_eq!(
        note_text(&harness),
        "规模ni",
        "egui shows the pre-edit in place"
    );
    harness.key_press(Key::Escape);
    harness.run();
    assert_eq!(note_text(&harness), "规模");
    assert!(editor_focused(&harness), "Esc cancelled, not left the note");

    // Enter commits it: no newline, still in the note.
    preedit(&mut harness, "你好");
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(note_text(&harness), "规模你好");
    assert!(
        editor_focused(&harness),
        "Enter committed, not left the note"
    );

    // The keys the input method uses inside a composition, and the card keys, do
    // nothing else while it shows.
    preedit(&mut harness, "zhong");
    for key in [
        Key::ArrowLeft,
        Key::ArrowRight,
        Key::ArrowUp,
        Key::ArrowDown,
        Key::Backspace,
        Key::Space,
        Key::S,
        Key::H,
        Key::O,
        Key::Tab,
        Key::PageDown,
    ] {
        harness.key_press(key);
        harness.run();
        assert_eq!(note_text(&harness), "规模你好zhong", "after {key:?}");
        assert_eq!(harness.state().session().current(), 1, "after {key:?}");
        assert!(editor_focused(&harness), "after {key:?}");
    }
    assert!(harness.query_by_label("★ Starred").is_none());
    assert!(harness.query_by_label("Overview").is_none());
    harness.event(Event::Ime(ImeEvent::Commit("重".into())));
    harness.run();
    assert_eq!(note_text(&harness), "规模你好重");

    // Once committed, the keys edit again as usual.
    harness.key_press(Key::Backspace);
    harness.run();
    assert_eq!(note_text(&harness), "规模你好");
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(note_text(&harness), "规模你好\n");
    harness.key_press(Key::Escape);
    harness.run();
    assert!(!editor_focused(&harness), "Esc leaves the note again");
}

fn new_note_with(harness: &mut Harness<'static, TalkdeckApp>, text: &str) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Note 1")
        .type_text(text);
    harness.run();
}

fn type_here(harness: &mut Harness<'static, TalkdeckApp>, text: &str) {
    harness.event(Event::Text(text.into()));
    harness.run();
}

fn double_click(harness: &mut Harness<'static, TalkdeckApp>, pos: egui::Pos2) {
    let button = |pressed| Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    };
    harness.event(Event::PointerMoved(pos));
    for _ in 0..2 {
        harness.event(button(true));
        harness.step();
        harness.event(button(false));
        harness.step();
    }
    harness.run();
}

#[test]
fn ctrl_arrows_move_by_chinese_words_in_a_note() {
    let mut harness = harness();
    new_note_with(&mut harness, "规模效应依然有效 and it works");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Home);
    harness.run();
    for _ in 0..2 {
        harness.key_press_modifiers(Modifiers::CTRL, Key::ArrowRight);
    }
    harness.run();
    type_here(&mut harness, "|");
    // jieba's words: 规模 效应 依然 有效 (egui would stop only at the space).
    assert_eq!(note_text(&harness), "规模效应|依然有效 and it works");

    // Back over 效应, then select the word before: 规模, not the whole run.
    harness.key_press_modifiers(Modifiers::CTRL, Key::ArrowLeft);
    harness.key_press_modifiers(Modifiers::CTRL | Modifiers::SHIFT, Key::ArrowLeft);
    harness.run();
    type_here(&mut harness, "X");
    assert_eq!(note_text(&harness), "X效应|依然有效 and it works");

    // English words move as egui moves them.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::End);
    harness.key_press_modifiers(Modifiers::CTRL | Modifiers::SHIFT, Key::ArrowLeft);
    harness.run();
    type_here(&mut harness, "fails");
    assert_eq!(note_text(&harness), "X效应|依然有效 and it fails");
}

#[test]
fn double_click_selects_one_chinese_word() {
    let mut harness = harness();
    new_note_with(&mut harness, "规模效应依然有效");
    let editor = harness
        .get_by_role_and_label(Role::MultilineTextInput, "Note 1")
        .rect();
    // The second character, 模, on the first row.
    let pos = editor.left_top() + egui::vec2(4.0 + 15.5 * 1.5, 4.0 + 10.0);
    double_click(&mut harness, pos);
    type_here(&mut harness, "X");
    assert_eq!(
        note_text(&harness),
        "X效应依然有效",
        "规模 went, egui took it all"
    );

    // In the speaker notes: the word under the pointer, ready for H.
    let (index, notes) = harness
        .state()
        .session()
        .talk()
        .cards
        .iter()
        .enumerate()
        .find_map(|(i, card)| {
            let notes = card.paragraphs.join("\n");
            let word = talkdeck::talk::words::word_at(&notes, 0)?;
            let run = notes.chars().take_while(|c| c.is_alphabetic()).count();
            (word.len() < run).then_some((i, notes))
        })
        .expect("a card whose notes start with a run of Chinese");
    harness.key_press(Key::Escape);
    harness
        .state_mut()
        .push(talkdeck::session::Command::GoTo(index));
    harness.run();
    let reader = harness
        .get_by_role_and_label(Role::MultilineTextInput, "Speaker notes")
        .rect();
    let size = 17.0;
    double_click(
        &mut harness,
        reader.left_top() + egui::vec2(size * 0.5, size * 0.8),
    );
    let word = talkdeck::talk::words::word_at(&notes, 0).unwrap();
    let card = harness.state().session().current_card().unwrap().id.clone();
    assert_eq!(harness.state().selection(), Some(&(card, word)));
}

#[test]
fn find_and_the_palette_know_every_reading_and_english_names() {
    let mut harness = harness();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    for (query, word) in [
        ("jushen zhineng", "具身智能"),
        ("jszn", "具身智能"),
        ("chongxie", "重写"),
        ("zhongyao", "重要"),
    ] {
        let field = harness.get_by_role_and_label(Role::TextInput, "Find");
        field.focus();
        harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
        harness.run();
        harness
            .get_by_role_and_label(Role::TextInput, "Find")
            .type_text(query);
        harness.run();
        assert!(
            harness.query_all_by_label_contains(word).count() >= 1,
            "{query} finds {word}"
        );
    }
    harness.key_press(Key::Escape);
    harness.run();

    // The Chinese UI's palette runs a command typed by its English name.
    harness.state_mut().push(UiCommand::SetLanguage(Lang::Zh));
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::K);
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "命令面板…")
        .type_text("add note");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(harness.state().session().notes().total(), 1);
}

#[test]
fn single_letter_card_keys_can_be_turned_off() {
    let mut harness = harness();
    harness.key_press(Key::S);
    harness.run();
    assert!(harness.query_by_label("★ Starred").is_some(), "S stars");

    harness.get_by_label("View").click();
    harness.run();
    harness
        .get_by_label("Single-letter card keys (S, H, O, P, R)")
        .click();
    harness.run();
    for key in [Key::S, Key::O] {
        harness.key_press(key);
        harness.run();
    }
    assert!(harness.query_by_label("★ Starred").is_some(), "S is off");
    assert!(harness.query_by_label("Overview").is_none(), "O is off");

    harness.key_press_modifiers(Modifiers::ALT, Key::S);
    harness.run();
    assert!(
        harness.query_by_label("★ Starred").is_none(),
        "Alt+S still stars"
    );
    harness.key_press_modifiers(Modifiers::ALT, Key::O);
    harness.run();
    assert!(
        harness.query_by_label("Overview").is_some(),
        "Alt+O still opens it"
    );
    harness.key_press(Key::Escape);
    harness.run();
    assert_eq!(harness.state().session().current(), 0);

    // The palette turns them on again, by name.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::K);
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Command palette…")
        .type_text("single-letter");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    harness.key_press(Key::S);
    harness.run();
    assert!(
        harness.query_by_label("★ Starred").is_some(),
        "S is on again"
    );
}
