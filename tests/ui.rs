//! The real app, driven headless through egui_kittest: keys, clicks and typing, with
//! kittest's accessibility and missing-glyph checks on.

mod common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{AccessKitNode, NodeT, Queryable};
use std::path::PathBuf;
use talkdeck::export::Format;
use talkdeck::i18n::Lang;
use talkdeck::session::{Command, Session};
use talkdeck::ui::{PathPurpose, TalkdeckApp, UiCommand};

fn harness_with(notes: Option<PathBuf>, size: [f32; 2]) -> Harness<'static, TalkdeckApp> {
    common::settled(Session::seed(), notes, size)
}

fn harness() -> Harness<'static, TalkdeckApp> {
    harness_with(None, common::SIZE)
}

use common::settle;

fn current_title(harness: &Harness<'static, TalkdeckApp>) -> String {
    harness
        .state()
        .session()
        .current_card()
        .unwrap()
        .title
        .clone()
}

fn press(harness: &mut Harness<'static, TalkdeckApp>, key: egui::Key) {
    harness.key_press(key);
    harness.run();
}

#[test]
fn each_card_shows_its_keywords_once_they_are_found() {
    // jieba starts only after the first frame is shown; settling waits for it.
    let mut harness = harness();
    press(&mut harness, egui::Key::ArrowRight);
    let shown = harness
        .query_by_label_contains("Keywords: ")
        .map(|node| text_of(&node.accesskit_node()));
    let keywords = shown.expect("the second card shows its keywords");
    assert!(
        keywords
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "keywords of a Chinese card are Chinese words: {keywords}"
    );
}

#[test]
fn keys_move_between_cards() {
    let mut harness = harness();
    let count = harness.state().session().card_count();
    assert!(harness.query_by_label(&format!("1 / {count}")).is_some());

    press(&mut harness, egui::Key::ArrowRight);
    press(&mut harness, egui::Key::ArrowRight);
    assert_eq!(harness.state().session().current(), 2);
    assert!(harness.query_by_label(&format!("3 / {count}")).is_some());

    press(&mut harness, egui::Key::End);
    assert_eq!(current_title(&harness), "结语");
    press(&mut harness, egui::Key::ArrowRight);
    assert_eq!(
        current_title(&harness),
        "结语",
        "the last card stays the last"
    );

    press(&mut harness, egui::Key::PageUp);
    assert_eq!(current_title(&harness), "大模型的未来:自主智能的世界");
    harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Space);
    harness.run();
    assert_eq!(current_title(&harness), "多模态大模型赋能机器人");
    press(&mut harness, egui::Key::Space);
    press(&mut harness, egui::Key::PageDown);
    assert_eq!(current_title(&harness), "结语");

    press(&mut harness, egui::Key::Home);
    assert_eq!(harness.state().session().current(), 0);
}

#[test]
fn outline_click_jumps_to_card() {
    let mut harness = harness();
    harness
        .get_by_role_and_label(Role::Button, "5  多模态大模型赋能机器人")
        .click();
    harness.run();
    assert_eq!(current_title(&harness), "多模态大模型赋能机器人");
    assert!(harness.query_by_label("Observation 5").is_some());
    // The slide shows the card's key points.
    let points = harness
        .state()
        .session()
        .current_card()
        .unwrap()
        .key_points
        .clone();
    assert!(!points.is_empty());
    for point in points {
        assert!(harness.query_by_label(&format!("•  {point}")).is_some());
    }

    harness.get_by_label("Next →").click();
    harness.run();
    assert_eq!(current_title(&harness), "大模型的未来:自主智能的世界");
}

/// Ctrl+N, type Chinese (as text and as an input method commit), and the arrows edit the
/// note instead of moving the card.
fn write_note(harness: &mut Harness<'static, TalkdeckApp>, text: &str) {
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    harness.run();
    let editor = harness.get_by_role_and_label(Role::MultilineTextInput, "Note 1");
    assert!(
        editor.is_focused(),
        "Ctrl+N puts the cursor in the new note"
    );
    editor.type_text(text);
    harness.run();
}

#[test]
fn ctrl_n_adds_a_note_and_typing_never_moves_the_card() {
    let mut harness = harness();
    press(&mut harness, egui::Key::ArrowRight);
    write_note(&mut harness, "规模效应");
    harness.event(egui::Event::Ime(egui::ImeEvent::Preedit {
        text: "仍然有效".into(),
        active_range_chars: None,
    }));
    harness.run();
    harness.event(egui::Event::Ime(egui::ImeEvent::Commit("仍然有效".into())));
    harness.run();
    press(&mut harness, egui::Key::ArrowLeft);
    press(&mut harness, egui::Key::Space);
    let session = harness.state().session();
    assert_eq!(
        session.current(),
        1,
        "keys typed into a note do not navigate"
    );
    let card = session.current_card().unwrap().id.clone();
    let notes = session.notes().notes(&card);
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, "规模效应仍然有效");
    assert!(session.is_dirty());
}

#[test]
fn escape_leaves_the_editor_and_keys_navigate_again() {
    let mut harness = harness();
    write_note(&mut harness, "标题页的笔记");
    press(&mut harness, egui::Key::Escape);
    press(&mut harness, egui::Key::ArrowRight);
    assert_eq!(harness.state().session().current(), 1);
}

#[test]
fn save_restart_and_reopen_notes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("recap.notes.json");
    let mut harness = harness();
    press(&mut harness, egui::Key::ArrowRight);
    write_note(&mut harness, "推理模型让规模效应继续");

    // No notes file yet: Ctrl+S asks for a path in the window.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    let field = harness.get_by_role_and_label(Role::TextInput, "File path");
    assert!(
        field.value().unwrap().ends_with(".notes.json"),
        "a default path is offered"
    );
    harness
        .state_mut()
        .push(UiCommand::UsePath(PathPurpose::SaveNotesAs, path.clone()));
    settle(&mut harness);
    assert!(!harness.state().session().is_dirty());
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains("\"format\": \"talkdeck-notes\""));
    assert!(saved.contains("推理模型让规模效应继续"));
    assert!(saved.contains("\"opening\""), "notes are keyed by card id");

    // Later edits go to the same file with Ctrl+S, no dialog.
    let editor = harness.get_by_role_and_label(Role::MultilineTextInput, "Note 1");
    editor.focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Note 1")
        .type_text("。");
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    settle(&mut harness);
    assert!(harness.query_by_label("File path").is_none());
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("推理模型让规模效应继续。")
    );
    drop(harness);

    // Restart with the notes file: the note is back on its card.
    let mut harness = harness_with(Some(path.clone()), [1280.0, 800.0]);
    press(&mut harness, egui::Key::ArrowRight);
    let editor = harness.get_by_role_and_label(Role::MultilineTextInput, "Note 1");
    assert_eq!(editor.value().as_deref(), Some("推理模型让规模效应继续。"));
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "▶  开场  (1)")
            .is_some(),
        "the outline counts the note"
    );
}

#[test]
fn a_corrupt_notes_file_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.json");
    let original = b"{\"format\": \"talkdeck-notes\", \"version\": 1, \"cards\": {".to_vec();
    std::fs::write(&path, &original).unwrap();
    let mut harness = harness_with(Some(path.clone()), [1280.0, 800.0]);
    let named = harness.query_all_by_label_contains("broken.json").count();
    assert!(named > 0, "the window names the file");
    assert!(
        harness.query_by_label_contains("line 1").is_some(),
        "and says where it is broken"
    );

    write_note(&mut harness, "新笔记");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    settle(&mut harness);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        original,
        "the unreadable file is untouched"
    );
    // Save goes to the path dialog instead.
    assert!(harness.query_by_label("File path").is_some());
    assert!(harness.state().session().is_dirty());
}

#[test]
fn delete_a_note() {
    let mut harness = harness();
    write_note(&mut harness, "要删除的笔记");
    harness.get_by_label("Delete").click();
    harness.run();
    assert_eq!(harness.state().session().notes().total(), 0);
    assert!(harness.query_by_label("Note 1").is_none());
}

#[test]
fn quitting_with_unsaved_notes_asks_first() {
    let mut harness = harness();
    write_note(&mut harness, "还没保存");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Q);
    harness.run();
    assert!(harness.query_by_label("Quit and discard them").is_some());
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.query_by_label("Quit and discard them").is_none());
    assert_eq!(harness.state().session().notes().total(), 1);
}

#[test]
fn small_window_still_shows_the_card() {
    let mut harness = harness_with(None, [1024.0, 640.0]);
    press(&mut harness, egui::Key::ArrowRight);
    press(&mut harness, egui::Key::ArrowRight);
    assert!(harness.query_by_label("Observation 1").is_some());
    assert!(harness.query_by_label("Speaker notes").is_some());
    assert!(harness.query_by_label("+ Add note").is_some());
}

#[test]
fn session_commands_and_buttons_take_the_same_path() {
    let mut harness = harness();
    harness.state_mut().push(Command::GoTo(3));
    harness.run();
    assert!(harness.query_by_label("Observation 2").is_some());
}

#[test]
fn undo_and_redo_notes_changes() {
    let mut harness = harness();
    write_note(&mut harness, "一段笔记");
    let notes = |h: &Harness<'static, TalkdeckApp>| {
        let s = h.state().session();
        s.notes()
            .notes("title")
            .iter()
            .map(|n| n.text.clone())
            .collect::<Vec<_>>()
    };
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(notes(&harness), [""], "the typing is undone in one step");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert!(notes(&harness).is_empty(), "then the note itself");
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    harness.run();
    assert_eq!(notes(&harness), ["一段笔记"]);

    // A deleted note can be undone.
    harness.get_by_label("Delete").click();
    harness.run();
    assert!(notes(&harness).is_empty());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(notes(&harness), ["一段笔记"]);
}

#[test]
fn overview_grid_picks_cards_by_keys_and_clicks() {
    let mut harness = harness();
    press(&mut harness, egui::Key::O);
    assert!(harness.query_by_label("Overview").is_some());
    press(&mut harness, egui::Key::ArrowRight);
    press(&mut harness, egui::Key::ArrowRight);
    press(&mut harness, egui::Key::Enter);
    assert!(
        harness.query_by_label("Overview").is_none(),
        "Enter opens the card"
    );
    assert_eq!(current_title(&harness), "Scaling Law(规模效应)还有效吗?");

    // Down moves a whole row: from card 3 to the card one row below.
    press(&mut harness, egui::Key::Tab);
    press(&mut harness, egui::Key::ArrowDown);
    press(&mut harness, egui::Key::Enter);
    assert!(harness.state().session().current() > 2);

    press(&mut harness, egui::Key::O);
    harness
        .get_by_label("Observation 5: 多模态大模型赋能机器人")
        .click();
    harness.run();
    assert_eq!(current_title(&harness), "多模态大模型赋能机器人");

    // The filter keeps only cards with notes.
    write_note(&mut harness, "机器人");
    press(&mut harness, egui::Key::Escape);
    press(&mut harness, egui::Key::O);
    harness.get_by_label("With notes").click();
    harness.run();
    assert!(
        harness
            .query_by_label("Observation 5: 多模态大模型赋能机器人")
            .is_some()
    );
    assert!(
        harness
            .query_by_label("Observation 1: Scaling Law(规模效应)还有效吗?")
            .is_none()
    );
    press(&mut harness, egui::Key::Escape);
    assert!(harness.query_by_label("Overview").is_none());
}

#[test]
fn presenter_mode_keys_drive_the_deck_and_the_timer() {
    let mut harness = harness();
    press(&mut harness, egui::Key::F5);
    assert!(harness.state().rehearsal().is_some());
    assert!(harness.query_by_label("Pause (P)").is_some());
    assert!(
        harness.query_by_label("Next").is_some(),
        "a preview of the next card"
    );
    assert!(
        harness.query_by_label("Outline").is_none(),
        "the speaker's view replaces the deck"
    );

    press(&mut harness, egui::Key::ArrowRight);
    press(&mut harness, egui::Key::Space);
    assert_eq!(harness.state().session().current(), 2);
    assert!(harness.query_by_label("Observation 1").is_some());

    press(&mut harness, egui::Key::P);
    assert!(harness.state().rehearsal().unwrap().is_paused());
    assert!(harness.query_by_label("Resume (P)").is_some());
    press(&mut harness, egui::Key::P);
    assert!(!harness.state().rehearsal().unwrap().is_paused());

    // Resetting asks first.
    press(&mut harness, egui::Key::R);
    assert!(harness.query_by_label("Reset the timer?").is_some());
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.query_by_label("Reset the timer?").is_none());

    harness.get_by_label("A+").click();
    harness.run();
    press(&mut harness, egui::Key::Escape);
    assert!(harness.state().rehearsal().is_none());
    assert!(harness.query_by_label("Outline").is_some());
}

#[test]
fn opening_a_gbk_talk_offers_the_notes_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let talk = dir.path().join("演讲.txt");
    let (bytes, _, _) = encoding_rs::GB18030.encode(talkdeck::SEED_TALK);
    std::fs::write(&talk, &bytes).unwrap();
    // Notes left beside the talk by an earlier session.
    let mut earlier = harness();
    write_note(&mut earlier, "旁边的笔记");
    let beside = talkdeck::notes::default_notes_path(&talk);
    earlier
        .state_mut()
        .push(UiCommand::UsePath(PathPurpose::SaveNotesAs, beside.clone()));
    settle(&mut earlier);
    drop(earlier);

    let mut harness = harness();
    harness
        .state_mut()
        .push(UiCommand::UsePath(PathPurpose::OpenTalk, talk.clone()));
    settle(&mut harness);
    let session = harness.state().session();
    assert_eq!(session.talk_path(), Some(talk.as_path()));
    assert_eq!(session.card_count(), 9, "the same deck as the UTF-8 seed");
    assert!(
        session.encoding().starts_with("GB"),
        "{}",
        session.encoding()
    );
    assert!(harness.query_by_label_contains("演讲.txt · GB").is_some());

    assert!(
        harness
            .query_by_label("Open the notes beside this talk?")
            .is_some()
    );
    harness.get_by_label("Open notes").click();
    settle(&mut harness);
    assert_eq!(harness.state().session().notes().total(), 1);
    assert_eq!(
        harness.state().session().notes_path(),
        Some(beside.as_path())
    );
}

#[test]
fn the_language_switches_live() {
    let mut harness = harness();
    assert!(harness.query_by_label("Outline").is_some());
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::L,
    );
    harness.run();
    assert!(
        harness.query_by_label("大纲").is_some(),
        "the whole window is Chinese"
    );
    assert!(harness.query_by_label("我的笔记（0）").is_some());
    assert!(harness.query_by_label("文件").is_some());
    press(&mut harness, egui::Key::ArrowRight);
    press(&mut harness, egui::Key::ArrowRight);
    assert!(harness.query_by_label("观察 1").is_some());
    harness.state_mut().push(UiCommand::SetLanguage(Lang::En));
    harness.run();
    assert!(harness.query_by_label("Observation 1").is_some());
}

#[test]
fn the_shortcut_overlay_lists_the_keys() {
    let mut harness = harness();
    press(&mut harness, egui::Key::F1);
    assert!(harness.query_by_label("Next card").is_some());
    assert!(harness.query_by_label("Stop presenting").is_some());
    assert!(harness.query_by_label("Save notes").is_some());
    // Arrow keys as arrows, the same in every language.
    assert!(harness.query_by_label("→ / PageDown / Space").is_some());
    assert!(harness.query_by_label("Left").is_none());
    press(&mut harness, egui::Key::Escape);
    assert!(harness.query_by_label("Next card").is_none());
}

#[test]
fn the_command_palette_finds_cards_by_pinyin_initials_and_commands() {
    let mut harness = harness();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::K);
    harness.run();
    let field = harness.get_by_role_and_label(Role::TextInput, "Command palette…");
    field.type_text("gmxy");
    harness.run();
    press(&mut harness, egui::Key::Enter);
    assert_eq!(current_title(&harness), "Scaling Law(规模效应)还有效吗?");
    assert!(harness.query_by_label("Command palette…").is_none());

    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::P,
    );
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Command palette…")
        .type_text("add note");
    harness.run();
    press(&mut harness, egui::Key::Enter);
    assert_eq!(harness.state().session().notes().total(), 1);
}

#[test]
fn ctrl_f_finds_chinese_and_english_and_steps_through_hits() {
    let mut harness = harness();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run();
    let field = harness.get_by_role_and_label(Role::TextInput, "Find");
    assert!(field.is_focused());
    field.type_text("具身智能");
    harness.run();
    assert!(
        harness.query_by_label("Matches").is_some(),
        "results replace the outline"
    );
    let hits = harness.query_all_by_label_contains("具身智能").count();
    assert!(hits >= 2, "results list snippets with the match");

    press(&mut harness, egui::Key::Enter);
    assert_eq!(current_title(&harness), "多模态大模型赋能机器人");
    assert!(harness.query_by_label_contains("1 of ").is_some());
    press(&mut harness, egui::Key::F3);
    press(&mut harness, egui::Key::Enter);
    assert!(harness.query_by_label_contains("3 of ").is_some());
    harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::F3);
    harness.run();
    assert!(harness.query_by_label_contains("2 of ").is_some());

    press(&mut harness, egui::Key::Escape);
    assert!(
        harness.query_by_label("Matches").is_none(),
        "Esc closes search"
    );
    assert!(harness.query_by_label("Outline").is_some());
    assert_eq!(
        current_title(&harness),
        "多模态大模型赋能机器人",
        "on the card of the hit"
    );

    // Opened again, it keeps the query and Esc closes it again.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run();
    assert!(harness.query_by_label("Matches").is_some());
    press(&mut harness, egui::Key::Escape);
    assert!(harness.query_by_label("Matches").is_none());
}

#[test]
fn search_matches_latin_case_insensitively_in_notes() {
    let mut harness = harness();
    write_note(&mut harness, "Robot bodies lead");
    press(&mut harness, egui::Key::Escape);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Find")
        .type_text("ROBOT");
    harness.run();
    assert!(harness.query_by_label_contains("your note").is_some());
    assert!(harness.query_by_label_contains("1 match").is_some());
}

/// Selects the first `n` chars of the speaker notes with the keyboard, as a user would.
fn select_start_of_speaker_notes(harness: &mut Harness<'static, TalkdeckApp>, n: usize) {
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Speaker notes")
        .focus();
    harness.run();
    // To the very start: up past the first row, then to its beginning.
    for _ in 0..80 {
        harness.key_press(egui::Key::ArrowUp);
    }
    harness.key_press(egui::Key::Home);
    for _ in 0..n {
        harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::ArrowRight);
    }
    harness.run();
}

#[test]
fn highlight_a_passage_comment_on_it_and_promote_it() {
    let mut harness = harness();
    press(&mut harness, egui::Key::ArrowRight);
    press(&mut harness, egui::Key::ArrowRight);
    select_start_of_speaker_notes(&mut harness, 12);
    assert_eq!(
        harness.state().session().current(),
        2,
        "Shift+arrows select, not navigate"
    );
    assert_eq!(
        harness.state().selection(),
        Some(&("obs-1".to_owned(), 0..12))
    );
    press(&mut harness, egui::Key::H);

    let session = harness.state().session();
    let notes = session.notes_on("obs-1");
    assert_eq!(notes.len(), 1);
    let highlight = notes[0].highlight.as_ref().expect("a highlight note");
    assert_eq!(highlight.target.quote.exact, "近日,OpenAI发布了");
    assert_eq!(highlight.target.position.start, 0);
    assert_eq!(highlight.target.position.end, 12);
    assert!(
        harness.query_by_label("近日,OpenAI发布了").is_some(),
        "the quote shows on the note"
    );

    // The cursor is in the new note: type the comment.
    let editor = harness.get_by_role_and_label(Role::MultilineTextInput, "Note 1");
    assert!(editor.is_focused());
    editor.type_text("开场就用这个例子");
    harness.run();
    harness.get_by_label("Use as key point").click();
    harness.run();
    assert!(
        harness.query_by_label("•  近日,OpenAI发布了").is_some(),
        "promoted onto the slide"
    );
    harness.get_by_label("Blue").click();
    harness.run();
    let session = harness.state().session();
    let note = session.notes_on("obs-1")[0].clone();
    assert_eq!(note.text, "开场就用这个例子");
    assert_eq!(
        note.highlight.as_ref().unwrap().colour,
        talkdeck::notes::Colour::Blue
    );

    // Saved and loaded back, the highlight is where it was.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.json");
    harness
        .state_mut()
        .push(UiCommand::UsePath(PathPurpose::SaveNotesAs, path.clone()));
    settle(&mut harness);
    let mut again = harness_with(Some(path), [1280.0, 800.0]);
    assert_eq!(
        again.state().session().highlight_place(note.id),
        Some(("obs-1", 0, 12))
    );
    again.state_mut().push(Command::GoTo(2));
    again.run();
    assert!(again.query_by_label("近日,OpenAI发布了").is_some());
}

#[test]
fn export_a_recap_and_annotations_and_import_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness();
    press(&mut harness, egui::Key::ArrowRight);
    press(&mut harness, egui::Key::ArrowRight);
    select_start_of_speaker_notes(&mut harness, 12);
    press(&mut harness, egui::Key::H);
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Note 1")
        .type_text("推理让规模效应继续");
    harness.run();

    let recap = dir.path().join("recap.md");
    harness.state_mut().push(UiCommand::UsePath(
        PathPurpose::Export(Format::Recap),
        recap.clone(),
    ));
    let annotations = dir.path().join("notes.jsonld");
    harness.state_mut().push(UiCommand::UsePath(
        PathPurpose::Export(Format::W3c),
        annotations.clone(),
    ));
    settle(&mut harness);
    let text = std::fs::read_to_string(&recap).unwrap();
    assert!(text.starts_with("# 张宏江消除"));
    assert!(text.contains("## 1. Scaling Law(规模效应)还有效吗?"));
    assert!(
        text.contains("> 近日,OpenAI发布了"),
        "the highlight is quoted:\n{text}"
    );
    assert!(text.contains("推理让规模效应继续"));
    let w3c = std::fs::read_to_string(&annotations).unwrap();
    assert!(w3c.contains("\"type\": \"TextQuoteSelector\""));

    // --notes takes the W3C file too: the highlight comes back on its sentence.
    let again = harness_with(Some(annotations), [1280.0, 800.0]);
    let session = again.state().session();
    let notes = session.notes_on("obs-1");
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, "推理让规模效应继续");
    assert_eq!(session.highlight_place(notes[0].id), Some(("obs-1", 0, 12)));
    assert_eq!(
        session.notes_path(),
        None,
        "saving asks where to keep talkdeck notes"
    );
}

#[test]
fn the_card_shows_its_speaking_time() {
    let mut harness = harness();
    press(&mut harness, egui::Key::ArrowRight);
    press(&mut harness, egui::Key::ArrowRight);
    assert!(harness.query_by_label_contains("to say").is_some());
    let deck = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/talks/reveal_en.md"
    );
    harness.state_mut().push(UiCommand::UsePath(
        PathPurpose::OpenTalk,
        PathBuf::from(deck),
    ));
    settle(&mut harness);
    press(&mut harness, egui::Key::ArrowRight);
    assert_eq!(
        current_title(&harness),
        "Ownership makes resources explicit"
    );
    assert!(harness.query_by_label_contains("to say").is_some());
}

#[test]
fn star_cards_filter_them_in_the_overview_and_keep_the_stars() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stars.json");
    let mut harness = harness();
    press(&mut harness, egui::Key::End);
    press(&mut harness, egui::Key::S);
    assert!(harness.query_by_label("★ Starred").is_some());
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "■  结语  ★")
            .is_some()
    );
    press(&mut harness, egui::Key::O);
    harness.get_by_label("Starred").click();
    harness.run();
    assert!(harness.query_by_label("Closing: 结语").is_some());
    assert!(
        harness
            .query_by_label("Observation 1: Scaling Law(规模效应)还有效吗?")
            .is_none()
    );
    press(&mut harness, egui::Key::Escape);

    harness
        .state_mut()
        .push(UiCommand::UsePath(PathPurpose::SaveNotesAs, path.clone()));
    settle(&mut harness);
    drop(harness);
    let again = harness_with(Some(path), [1280.0, 800.0]);
    assert!(again.state().session().notes().starred.contains("closing"));

    let mut again = again;
    again.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    again.run();
    assert!(
        again.state().session().notes().starred.contains("closing"),
        "nothing to undo after opening"
    );
    again
        .state_mut()
        .push(Command::ToggleStar("closing".into()));
    again.run();
    assert!(again.state().session().notes().starred.is_empty());
    again.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    again.run();
    assert!(
        again.state().session().notes().starred.contains("closing"),
        "unstarring is undone"
    );
}

/// Dropping files on the window: a talk opens in place of the seed, then a notes file
/// (`.json`) opens against it.
#[test]
fn dropped_files_open_a_talk_then_its_notes() {
    let dir = tempfile::tempdir().unwrap();
    let talk = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/talks/marp_zh.md");
    let mut harness = harness();
    /// A file as the window system hands it over.
    #[derive(Debug)]
    struct Dropped(PathBuf);
    impl egui::DroppedFile for Dropped {
        fn path(&self) -> &std::path::Path {
            &self.0
        }
        fn bytes(&self) -> Result<Vec<u8>, String> {
            std::fs::read(&self.0).map_err(|e| e.to_string())
        }
    }
    let drop_file = |harness: &mut Harness<'static, TalkdeckApp>, path: &std::path::Path| {
        let file = std::sync::Arc::new(Dropped(path.to_path_buf()));
        harness.input_mut().dropped_files.push(file);
        settle(harness);
    };
    drop_file(&mut harness, &talk);
    let session = harness.state().session();
    assert_eq!(session.talk_name(), "marp_zh.md");
    assert_eq!(current_title(&harness), "从零到一做产品");
    assert!(
        harness
            .query_all_by_label_contains("marp_zh.md")
            .next()
            .is_some()
    );

    // Notes for this talk, written by an earlier session.
    let talk_now = harness.state().session().talk().clone();
    let mut notes = talkdeck::notes::NotesDoc::new(&talk_now.title, &talk_now.fingerprint);
    notes.add(
        &talk_now.cards[1].id,
        "拖进来的笔记",
        time::OffsetDateTime::UNIX_EPOCH,
    );
    let notes_path = dir.path().join("dropped.notes.json");
    talkdeck::notes::save(&notes_path, &notes).unwrap();
    drop_file(&mut harness, &notes_path);
    let session = harness.state().session();
    assert_eq!(session.notes().total(), 1);
    assert_eq!(session.notes_path(), Some(notes_path.as_path()));
    press(&mut harness, egui::Key::ArrowRight);
    assert!(harness.query_all_by_value("拖进来的笔记").next().is_some());
}

/// A second window on the same notes file shows them read-only and says so; the first
/// keeps writing to the file.
#[test]
fn a_second_window_on_the_same_notes_is_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.notes.json");
    let first = harness_with(Some(path.clone()), [1280.0, 800.0]);
    assert_eq!(first.state().session().notes_path(), Some(path.as_path()));
    assert!(first.state().session().read_only().is_none());

    let second = harness_with(Some(path.clone()), [1280.0, 800.0]);
    assert_eq!(second.state().session().notes_path(), Some(path.as_path()));
    assert!(matches!(
        second.state().session().read_only(),
        Some(talkdeck::session::ReadOnly::Locked(_))
    ));
    assert!(
        second
            .query_all_by_label_contains("shown read-only")
            .next()
            .is_some()
    );
    drop(first);
}

/// What went wrong with a file is told in the window's language, although the file is
/// read on another thread.
#[test]
fn file_errors_are_told_in_the_windows_language() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.notes.json");
    std::fs::write(&path, "{\n  \"format\": \"talkdeck-notes\",\n  oops\n}\n").unwrap();
    let mut harness = harness();
    harness.state_mut().push(UiCommand::SetLanguage(Lang::Zh));
    harness
        .state_mut()
        .push(UiCommand::Session(Command::OpenNotes(path)));
    settle(&mut harness);
    let notice = &harness.state().session().notice().as_ref().unwrap().text();
    assert!(notice.contains("第 3 行第 3 列"), "{notice}");
    assert!(notice.contains("已保留一份副本"), "{notice}");
    assert!(
        harness
            .query_all_by_label_contains("第 3 行第 3 列")
            .next()
            .is_some()
    );
}

/// Tab opens the overview (as O does) while no control has the keyboard focus; once one
/// has it, Tab moves the focus on through the controls instead.
#[test]
fn tab_opens_the_overview_until_a_control_has_the_focus() {
    let mut harness = harness();
    press(&mut harness, egui::Key::Tab);
    assert!(harness.query_by_label("Overview").is_some());
    assert_eq!(
        harness.ctx.memory(|m| m.focused()),
        None,
        "the Tab went to the overview, not to the focus"
    );
    press(&mut harness, egui::Key::Tab);
    assert!(
        harness.query_by_label("Overview").is_none(),
        "Tab again closes it"
    );

    harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Tab);
    harness.run();
    let first = harness.ctx.memory(|m| m.focused());
    assert!(first.is_some(), "Shift+Tab puts the focus on a control");
    press(&mut harness, egui::Key::Tab);
    assert!(
        harness.query_by_label("Overview").is_none(),
        "Tab moved the focus"
    );
    let second = harness.ctx.memory(|m| m.focused());
    assert!(
        second.is_some() && second != first,
        "{first:?} → {second:?}"
    );
    press(&mut harness, egui::Key::Escape);
    assert_eq!(
        harness.ctx.memory(|m| m.focused()),
        None,
        "Esc lets go of the focus"
    );
    press(&mut harness, egui::Key::Tab);
    assert!(harness.query_by_label("Overview").is_some());
}

/// What the window was started with and did not open (`talkdeck a.srt b.md`) is said
/// above the deck, stays there when the notes that open with the talk say their own
/// notice, and goes when dismissed.
#[test]
fn the_launch_notice_outlives_the_notes_opening_and_is_dismissed() {
    let dir = tempfile::tempdir().unwrap();
    let seed = Session::seed();
    let mut notes = talkdeck::notes::NotesDoc::new(&seed.talk().title, &seed.talk().fingerprint);
    notes.add("obs-1", "开场", time::OffsetDateTime::now_utc());
    let notes_path = dir.path().join("n.json");
    talkdeck::notes::save(&notes_path, &notes).unwrap();
    let mut harness = harness();
    harness
        .state_mut()
        .show_launch_notice(talkdeck::launch::LaunchNotice::NotOpened {
            opened: "a.srt".into(),
            ignored: vec!["b.md".into()],
        });
    harness.state_mut().push(Command::OpenNotes(notes_path));
    settle(&mut harness);
    let said = "this file was not opened: b.md";
    assert!(harness.query_by_label_contains(said).is_some());
    assert!(harness.query_by_label_contains("Opened 1 note").is_some());
    // The launch banner is above the status line: its Dismiss comes first.
    harness.get_all_by_label("Dismiss").next().unwrap().click();
    settle(&mut harness);
    assert!(harness.query_by_label_contains(said).is_none());
    assert!(harness.query_by_label_contains("Opened 1 note").is_some());
}

/// A node's text: a label's value, another widget's label.
fn text_of(node: &AccessKitNode<'_>) -> String {
    node.value().or_else(|| node.label()).unwrap_or_default()
}

/// A node whose text holds every piece.
fn shows_all<'a>(pieces: &'a [&'a str]) -> impl Fn(&AccessKitNode<'_>) -> bool + 'a {
    move |node| {
        let text = text_of(node);
        pieces.iter().all(|p| text.contains(p))
    }
}

/// Opens a deck from the fixtures and settles.
fn open_fixture(harness: &mut Harness<'static, TalkdeckApp>, name: &str) {
    let deck = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/talks")
        .join(name);
    harness
        .state_mut()
        .push(UiCommand::UsePath(PathPurpose::OpenTalk, deck));
    settle(harness);
}

#[test]
fn a_deck_card_shows_its_code_block_and_its_picture() {
    let mut harness = harness();
    open_fixture(&mut harness, "slidev_en.md");
    press(&mut harness, egui::Key::ArrowRight);
    press(&mut harness, egui::Key::ArrowRight);
    assert_eq!(current_title(&harness), "Table-driven tests");
    // The code block, as code (its comment included), apart from the speaker notes.
    let code = shows_all(&["const cases = [[1, 2], [2, 4]]", "// <!-- not a note"]);
    assert!(
        harness.query_by(code).is_some(),
        "the code block with its comment"
    );
    assert!(harness.query_by_label("One table, many cases.").is_some());
    press(&mut harness, egui::Key::ArrowRight);
    assert_eq!(current_title(&harness), "The pipeline");
    // The picture beside the deck is read and decoded off the UI thread, then shown.
    let mut shown = false;
    for _ in 0..400 {
        harness.run_ok();
        if harness.query_all_by_role(Role::Image).next().is_some() {
            shown = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(shown, "the deck's picture never showed");
    assert!(harness.query_by_label("stage").is_some(), "the table");
}

#[test]
fn the_presenter_view_shows_the_slide_and_the_notes_apart() {
    let mut harness = harness();
    open_fixture(&mut harness, "slidev_en.md");
    press(&mut harness, egui::Key::ArrowRight);
    press(&mut harness, egui::Key::F5);
    settle(&mut harness);
    assert!(harness.query_by_label("Speaker notes").is_some());
    let notes = shows_all(&[
        "Ask the room how long their suite takes.",
        "Then show the chart.",
    ]);
    assert!(harness.query_by(notes).is_some(), "the presenter's notes");
    let mixed = shows_all(&["Ask the room", "milliseconds"]);
    assert!(
        harness.query_by(mixed).is_none(),
        "the slide leaked into the notes"
    );
    // The slide's own text is on the slide, once for the current card.
    assert!(harness.query_by_label_contains("milliseconds").is_some());
}

#[test]
fn a_subtitle_file_opens_as_timed_topic_cards() {
    let talk =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/subtitles/bilingual.srt");
    let mut harness = harness();
    harness
        .state_mut()
        .push(UiCommand::UsePath(PathPurpose::OpenTalk, talk.clone()));
    settle(&mut harness);
    let session = harness.state().session();
    assert_eq!(session.talk_path(), Some(talk.as_path()));
    let card = session.current_card().unwrap().clone();
    let span = card.time.expect("a timed card");
    // Its place in the video and its real length, not a reading estimate.
    let range = card.time_range().unwrap();
    assert!(range.starts_with("00:00–"), "{range}");
    assert!(
        harness.query_by_label_contains(&range).is_some(),
        "the card view shows {range}"
    );
    assert!(harness.query_by_label_contains("to say").is_none());
    assert!(span.end > 60.0);
    // The title is the card's own words, marked as automatic.
    assert!(harness.query_by_label("automatic title").is_some());
    assert!(
        harness
            .query_all_by_label_contains(&card.title)
            .next()
            .is_some()
    );
    // The other language's lines are shown with the notes.
    assert!(harness.query_by_label("Other language").is_some());
    assert!(
        harness
            .query_by_label_contains("[00:00] Sleep is the first thing")
            .is_some()
    );
}

/// Letters and the Esc after them arrive between two frames (a slow frame, a fast
/// typist): the letters reach the note before Esc leaves the editor. The same for a
/// click elsewhere in the same frame.
#[test]
fn text_typed_in_the_same_frame_as_esc_or_a_click_is_kept() {
    let mut harness = harness();
    write_note(&mut harness, "开头");
    // `Harness::event` gives every event a frame of its own; these share one.
    harness.input_mut().events.extend([
        egui::Event::Text("，再".into()),
        egui::Event::Ime(egui::ImeEvent::Commit("加一句".into())),
        egui::Event::Key {
            key: egui::Key::Escape,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: egui::Modifiers::NONE,
        },
    ]);
    harness.run();
    let text = |h: &Harness<'static, TalkdeckApp>| {
        h.state()
            .session()
            .notes()
            .all()
            .next()
            .unwrap()
            .1
            .text
            .clone()
    };
    assert_eq!(text(&harness), "开头，再加一句");
    assert!(
        !harness
            .get_by_role_and_label(Role::MultilineTextInput, "Note 1")
            .is_focused(),
        "Esc still leaves the editor"
    );

    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Note 1")
        .focus();
    harness.run();
    let elsewhere = egui::pos2(640.0, 300.0);
    harness.input_mut().events.extend([
        egui::Event::Text("！".into()),
        egui::Event::PointerMoved(elsewhere),
    ]);
    for pressed in [true, false] {
        harness.input_mut().events.push(egui::Event::PointerButton {
            pos: elsewhere,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    harness.run();
    assert!(text(&harness).ends_with('！'), "{}", text(&harness));
}

/// A card with tens of thousands of notes (another tool's output) opens without laying
/// them all out: the notes panel shows the ones in view.
#[test]
fn a_card_with_many_notes_lays_out_only_those_in_view() {
    let dir = tempfile::tempdir().unwrap();
    let seed = Session::seed();
    let mut notes = talkdeck::notes::NotesDoc::new(&seed.talk().title, &seed.talk().fingerprint);
    let now = time::OffsetDateTime::now_utc();
    for i in 0..20_000 {
        notes.add("title", &format!("笔记 {i}"), now);
    }
    let path = dir.path().join("many.notes.json");
    talkdeck::notes::save(&path, &notes).unwrap();
    let harness = harness_with(Some(path), [1280.0, 800.0]);
    assert_eq!(harness.state().session().notes().total(), 20_000);
    assert!(harness.query_by_label("Note 1").is_some());
    let editors = harness.query_all_by_role(Role::MultilineTextInput).count();
    assert!(editors < 100, "{editors} note editors laid out");
}

/// Ctrl+N and the letters typed right after it arrive in one frame (a fast typist, a
/// slow frame on a card with thousands of notes): the letters are the new note's text,
/// never card keys (`o` would open the overview, `s` star the card).
#[test]
fn letters_typed_in_the_same_frame_as_ctrl_n_go_into_the_new_note() {
    let mut harness = harness();
    let key = |key, modifiers| egui::Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers,
    };
    // `Harness::event` gives every event a frame of its own; these share one.
    let mut events = vec![key(egui::Key::N, egui::Modifiers::COMMAND)];
    for (letter, k) in [
        ("s", egui::Key::S),
        ("o", egui::Key::O),
        ("r", egui::Key::R),
    ] {
        events.push(key(k, egui::Modifiers::NONE));
        events.push(egui::Event::Text(letter.into()));
    }
    harness.input_mut().events.extend(events);
    harness.run();
    let session = harness.state().session();
    let note = session.notes().all().next().expect("a note was added").1;
    assert_eq!(note.text, "sor");
    assert!(
        session.notes().starred.is_empty(),
        "S did not star the card"
    );
    assert!(
        harness.query_by_label("All cards").is_none(),
        "O did not open the overview"
    );
    assert!(
        harness
            .get_by_role_and_label(Role::MultilineTextInput, "Note 1")
            .is_focused()
    );
}

/// File › Merge notes…: a colleague's notes file is merged in (its path typed into the
/// dialog), the notice counts what came of it, Ctrl+Z takes the merge back, and merging
/// the same file twice adds nothing the second time.
#[test]
fn merge_notes_from_the_file_menu_counts_and_undoes() {
    let dir = tempfile::tempdir().unwrap();
    let talk = talkdeck::talk::parse_text(talkdeck::SEED_TALK);
    let mut theirs = talkdeck::notes::NotesDoc::new(&talk.title, &talk.fingerprint);
    let now = time::OffsetDateTime::now_utc();
    theirs.add("obs-2", "同事的笔记", now);
    theirs.add("obs-3", "另一条", now);
    theirs.starred.insert("obs-3".into());
    let path = dir.path().join("colleague.json");
    talkdeck::notes::save(&path, &theirs).unwrap();

    let mut harness = harness();
    harness.get_by_label("File").click();
    harness.run();
    // A menu item's label ends with its keys (none here).
    harness.get_by_label_contains("Merge notes…").click();
    harness.run();
    let field = harness.get_by_role_and_label(Role::TextInput, "File path");
    field.focus();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "File path")
        .type_text(path.to_str().unwrap());
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Open").click();
    settle(&mut harness);
    let session = harness.state().session();
    assert_eq!(session.notes().total(), 2);
    assert!(session.notes().starred.contains("obs-3"));
    let notice = session.notice().unwrap().text();
    assert!(
        notice.contains("2 added, 0 updated, 0 duplicates skipped"),
        "{notice}"
    );
    assert!(harness.query_by_label_contains("2 added").is_some());

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    let session = harness.state().session();
    assert_eq!(session.notes().total(), 0, "one undo takes the merge back");
    assert!(session.notes().starred.is_empty());

    for expected in ["2 added", "0 added, 0 updated, 2 duplicates skipped"] {
        harness
            .state_mut()
            .push(UiCommand::UsePath(PathPurpose::MergeNotes, path.clone()));
        settle(&mut harness);
        let notice = harness.state().session().notice().unwrap().text();
        assert!(notice.contains(expected), "{notice}");
    }
    assert_eq!(harness.state().session().notes().total(), 2);
}

/// A Syncthing conflict copy beside the notes file is offered for merging when the
/// notes open; "Merge them" brings its notes in.
#[test]
fn a_sync_conflict_copy_is_offered_and_merged() {
    let dir = tempfile::tempdir().unwrap();
    let talk = talkdeck::talk::parse_text(talkdeck::SEED_TALK);
    let now = time::OffsetDateTime::now_utc();
    let mut mine = talkdeck::notes::NotesDoc::new(&talk.title, &talk.fingerprint);
    mine.add("obs-1", "我的", now);
    let path = dir.path().join("talk.notes.json");
    talkdeck::notes::save(&path, &mine).unwrap();
    let mut other = mine.clone();
    other.add("obs-4", "另一台电脑上写的", now);
    let copy = dir
        .path()
        .join("talk.notes.sync-conflict-20261201-101500-ABCDEFG.json");
    talkdeck::notes::save(&copy, &other).unwrap();

    let mut harness = harness_with(Some(path), [1280.0, 800.0]);
    assert_eq!(
        harness.state().session().sync_conflicts(),
        std::slice::from_ref(&copy)
    );
    assert!(
        harness
            .query_by_label_contains("talk.notes.sync-conflict-20261201-101500-ABCDEFG.json")
            .is_some()
    );
    harness.get_by_label("Merge them").click();
    settle(&mut harness);
    let session = harness.state().session();
    assert_eq!(session.notes().total(), 2);
    assert!(session.sync_conflicts().is_empty());
    let notice = session.notice().unwrap().text();
    assert!(
        notice.contains("1 added, 0 updated, 1 duplicates skipped"),
        "{notice}"
    );
}

/// File › Export notes for pdfpc writes the `.pdfpc` file through its command.
#[test]
fn export_for_pdfpc_from_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness();
    harness.state_mut().push(Command::AddNote);
    harness.run();
    let id = harness.state().session().notes().all().next().unwrap().1.id;
    harness.state_mut().push(Command::EditNote {
        id,
        text: "开场白要短".into(),
    });
    let path = dir.path().join("talk.pdfpc");
    harness.state_mut().push(UiCommand::UsePath(
        PathPurpose::Export(Format::Pdfpc),
        path.clone(),
    ));
    settle(&mut harness);
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(file["pdfpcFormat"], 2);
    assert!(
        file["pages"][0]["note"]
            .as_str()
            .unwrap()
            .contains("开场白要短")
    );
}

/// An export is made and written off the UI thread: the frame that asked for it ends
/// with the export still on its way, and once it is back the status line says where it
/// was written (or, for a folder that does not exist, what went wrong).
#[test]
fn an_export_runs_in_the_background_and_the_status_line_says_where_it_went() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness();
    settle(&mut harness);
    for format in [Format::Recap, Format::Marp, Format::Anki, Format::W3c] {
        let path = dir.path().join(format!("out.{}", format.name()));
        harness.state_mut().push(UiCommand::UsePath(
            PathPurpose::Export(format),
            path.clone(),
        ));
        harness.step();
        assert!(
            harness.state().is_busy(),
            "{format:?}: the export came back as work still out, not made in the frame"
        );
        settle(&mut harness);
        let said = format!("Exported to {}", path.display());
        assert!(
            harness.query_by_label_contains(&said).is_some(),
            "{format:?}: the status line says {said:?}"
        );
        let written = std::fs::read_to_string(&path).unwrap();
        let snapshot = harness.state().session().snapshot(Default::default());
        assert_eq!(written, snapshot.render(format), "{format:?}");
    }

    let nowhere = dir.path().join("no such folder").join("recap.md");
    harness.state_mut().push(UiCommand::UsePath(
        PathPurpose::Export(Format::Recap),
        nowhere.clone(),
    ));
    settle(&mut harness);
    assert!(!nowhere.exists());
    assert!(
        harness
            .query_by_label_contains("Could not export")
            .is_some(),
        "the status line says the export failed"
    );
}

/// The File menu offers every export of the table, and one chosen there is written
/// through the path dialog, off the UI thread, with the status line saying where.
#[test]
fn the_file_menu_offers_every_export_and_writes_the_one_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness();
    settle(&mut harness);
    harness.get_by_label("File").click();
    harness.run();
    for format in Format::all() {
        let label = talkdeck::i18n::tr(format.spec().menu);
        assert!(
            harness.query_by_label_contains(&label).is_some(),
            "{label:?} is in the File menu"
        );
    }
    harness
        .get_by_label_contains("Export notes for Anki…")
        .click();
    harness.run();
    let path = dir.path().join("deck.anki.txt");
    let field = harness.get_by_role_and_label(Role::TextInput, "File path");
    field.focus();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "File path")
        .type_text(path.to_str().unwrap());
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Save").click();
    settle(&mut harness);
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.starts_with("#separator:tab\n"), "{written}");
    let said = format!("Exported to {}", path.display());
    assert!(harness.query_by_label_contains(&said).is_some(), "{said}");
}

/// File › Copy recap makes the recap off the UI thread and puts it on the clipboard once
/// it is made: the same text the recap export writes.
#[test]
fn copy_recap_puts_the_recap_on_the_clipboard_once_it_is_made() {
    let mut harness = harness();
    settle(&mut harness);
    harness.state_mut().push(UiCommand::CopyRecap);
    let mut copied = None;
    for _ in 0..500 {
        harness.step();
        copied = harness
            .output()
            .platform_output
            .commands
            .iter()
            .find_map(|c| match c {
                egui::OutputCommand::CopyText(text) => Some(text.clone()),
                _ => None,
            });
        if copied.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let copied = copied.expect("the recap reached the clipboard");
    let snapshot = harness.state().session().snapshot(Default::default());
    assert_eq!(copied, snapshot.render(Format::Recap));
    assert!(copied.starts_with("# 张宏江消除"), "{copied}");
}

/// Ctrl+N on a card that already holds thousands of notes (the new one lands far below
/// the view): the cursor is in the new note, and what is typed next goes there.
#[test]
fn a_new_note_below_thousands_of_others_gets_the_cursor() {
    let dir = tempfile::tempdir().unwrap();
    let seed = Session::seed();
    let mut notes = talkdeck::notes::NotesDoc::new(&seed.talk().title, &seed.talk().fingerprint);
    let now = time::OffsetDateTime::now_utc();
    for i in 0..3_000 {
        notes.add("title", &format!("笔记 {i}"), now);
    }
    let path = dir.path().join("many.notes.json");
    talkdeck::notes::save(&path, &notes).unwrap();
    let mut harness = harness_with(Some(path), [1280.0, 800.0]);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    harness.run();
    for letter in ["s", "o", "r"] {
        harness.event(egui::Event::Text(letter.into()));
        harness.run();
    }
    let session = harness.state().session();
    assert_eq!(session.notes().total(), 3_001);
    let newest = session.notes().notes("title").last().unwrap();
    assert_eq!(newest.text, "sor");
    assert!(session.notes().starred.is_empty());
}

#[test]
fn f2_renames_a_card_everywhere_and_the_notes_file_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talk.notes.json");
    let mut harness = harness_with(Some(path.clone()), [1280.0, 800.0]);
    press(&mut harness, egui::Key::ArrowRight);
    press(&mut harness, egui::Key::ArrowRight);
    assert_eq!(current_title(&harness), "Scaling Law(规模效应)还有效吗?");

    press(&mut harness, egui::Key::F2);
    let field = harness.get_by_role_and_label(Role::TextInput, "Card title");
    assert!(field.is_focused(), "F2 puts the cursor in the title");
    // The title is selected: typing replaces it.
    harness
        .get_by_role_and_label(Role::TextInput, "Card title")
        .type_text("推理的规模效应");
    harness.run();
    // Letters typed in the title are not card keys (S would star the card).
    harness
        .get_by_role_and_label(Role::TextInput, "Card title")
        .type_text("S");
    harness.run();
    press(&mut harness, egui::Key::Enter);
    assert!(
        harness.query_by_label("Card title").is_none(),
        "Enter closes it"
    );
    assert_eq!(current_title(&harness), "推理的规模效应S");
    assert!(harness.state().session().notes().starred.is_empty());
    assert!(
        harness.query_by_label("1  推理的规模效应S").is_some(),
        "the outline"
    );

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    settle(&mut harness);
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains("推理的规模效应S"), "{saved}");

    // The card's own title is one click away, and undo brings the user's back.
    harness.get_by_label("Own title").click();
    harness.run();
    assert_eq!(current_title(&harness), "Scaling Law(规模效应)还有效吗?");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(current_title(&harness), "推理的规模效应S");

    // Esc drops what was typed.
    press(&mut harness, egui::Key::F2);
    harness
        .get_by_role_and_label(Role::TextInput, "Card title")
        .type_text("不要");
    harness.run();
    press(&mut harness, egui::Key::Escape);
    assert!(harness.query_by_label("Card title").is_none());
    assert_eq!(current_title(&harness), "推理的规模效应S");
}

#[test]
fn tags_reach_the_notes_as_they_are_typed_and_undo_as_one_step() {
    let mut harness = harness();
    write_note(&mut harness, "规模效应");
    harness
        .get_by_role_and_label(Role::TextInput, "Tags")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Tags")
        .type_text("推理, o1, ");
    harness.run();
    // Still typing: the notes have the tags already (a save, a quit or a signal now keeps
    // them), and the field keeps what was typed, the trailing ", " too.
    let field = harness.get_by_role_and_label(Role::TextInput, "Tags");
    assert!(field.is_focused());
    assert_eq!(field.value().as_deref(), Some("推理, o1, "));
    let card = harness.state().session().current_card().unwrap().id.clone();
    let note = harness.state().session().notes_on(&card)[0].clone();
    assert_eq!(note.tags, ["推理", "o1"]);
    assert_eq!(note.text, "规模效应");

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    let note = harness.state().session().notes_on(&card)[0].clone();
    assert!(
        note.tags.is_empty(),
        "one undo takes back the run of typing in the tags"
    );
    assert_eq!(note.text, "规模效应");
}

#[test]
fn the_quit_question_answers_to_the_keyboard() {
    // Issue #34, 8: Tab reached the buttons, but neither Enter nor Space pressed them.
    let mut harness = harness();
    write_note(&mut harness, "键盘");
    harness.key_press(egui::Key::Escape); // out of the note
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Q);
    harness.run();
    assert!(harness.query_by_label("Quit and discard them").is_some());
    // Esc is the safe answer: stay, notes kept.
    press(&mut harness, egui::Key::Escape);
    assert!(harness.query_by_label("Quit and discard them").is_none());
    assert!(!harness.state().session().may_close());
    assert_eq!(harness.state().session().notes().total(), 1);

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Q);
    harness.run();
    for _ in 0..10 {
        if harness.get_by_label("Quit and discard them").is_focused() {
            break;
        }
        press(&mut harness, egui::Key::Tab);
    }
    assert!(harness.get_by_label("Quit and discard them").is_focused());
    press(&mut harness, egui::Key::Enter);
    assert!(
        harness.state().session().may_close(),
        "Enter presses the focused button"
    );
}

#[test]
fn space_presses_the_focused_button_of_the_quit_question() {
    let mut harness = harness();
    write_note(&mut harness, "空格");
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Q);
    harness.run();
    for _ in 0..10 {
        if harness.get_by_label("Cancel").is_focused() {
            break;
        }
        press(&mut harness, egui::Key::Tab);
    }
    assert!(harness.get_by_label("Cancel").is_focused());
    press(&mut harness, egui::Key::Space);
    assert!(harness.query_by_label("Quit and discard them").is_none());
    assert!(!harness.state().session().may_close());
}

#[test]
fn a_picture_bomb_on_a_card_is_refused_not_decoded() {
    // Issue #29: an SVG declaring 100000×100000 px aborted the app (40 GB asked of the
    // allocator in tiny_skia), and a 30000×30000 PNG took it to 3 GB.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("big.svg"),
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000"><rect width="10" height="10"/></svg>"#,
    )
    .unwrap();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend_from_slice(&30000u32.to_be_bytes());
    png.extend_from_slice(&30000u32.to_be_bytes());
    png.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
    std::fs::write(dir.path().join("bomb.png"), png).unwrap();
    // A named pipe as a picture blocked the loader's reading thread for ever.
    let pipe = dir.path().join("pipe.png");
    let made = std::process::Command::new("mkfifo").arg(&pipe).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let deck = dir.path().join("deck.md");
    std::fs::write(
        &deck,
        "# Pictures\n\n---\n\n# Big SVG\n\n![big](big.svg)\n\n---\n\n# Big PNG\n\n![bomb](bomb.png)\n\n---\n\n# A pipe\n\n![pipe](pipe.png)\n",
    )
    .unwrap();
    let session = Session::open(deck).unwrap();
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_max_steps(12)
        .build_eframe(move |cc| TalkdeckApp::new(cc, session, None));
    settle(&mut harness);
    for _ in 0..3 {
        press(&mut harness, egui::Key::ArrowRight);
        settle(&mut harness);
    }
    assert_eq!(harness.state().session().current(), 3, "still running");
}

/// A file talkdeck does not read is named in the window, in the window's language; a
/// fansub ASS opens as cards with the Chinese in the notes.
#[test]
fn the_window_names_a_file_it_cannot_read_and_opens_an_ass() {
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("report.docx");
    std::fs::write(
        &deck,
        b"PK\x03\x04\x14\0\x06\0\x08\0[Content_Types].xml\0PK\x03\x04word/document.xml",
    )
    .unwrap();
    let mut harness = harness();
    harness
        .state_mut()
        .push(UiCommand::UsePath(PathPurpose::OpenTalk, deck.clone()));
    settle(&mut harness);
    assert!(
        harness
            .query_by_label_contains("looks like a Word document (.docx)")
            .is_some()
    );
    harness.state_mut().push(UiCommand::SetLanguage(Lang::Zh));
    settle(&mut harness);
    assert!(
        harness
            .query_by_label_contains("这看起来是Word 文档（.docx）")
            .is_some()
    );
    let ass = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/subtitles/fansub_pairs.ass"
    );
    harness.state_mut().push(UiCommand::UsePath(
        PathPurpose::OpenTalk,
        PathBuf::from(ass),
    ));
    settle(&mut harness);
    assert_eq!(harness.state().session().card_count(), 1);
    assert_eq!(current_title(&harness), "漏水不是小事");
}

#[path = "support/pptx.rs"]
mod pptx_fixture;

/// A PowerPoint deck opens in the window as its slides: the title, the slide's bullets,
/// the notes page in the speaker notes, the hidden slide marked, the picture drawn.
#[test]
fn a_powerpoint_deck_opens_with_its_slides_and_notes() {
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("scaling.pptx");
    std::fs::write(&deck, pptx_fixture::sample()).unwrap();
    let mut harness = harness();
    harness
        .state_mut()
        .push(UiCommand::UsePath(PathPurpose::OpenTalk, deck));
    settle(&mut harness);
    assert_eq!(harness.state().session().card_count(), 6);
    assert_eq!(current_title(&harness), "Scaling Laws in Practice");
    assert_eq!(
        speaker_notes(&harness),
        "Welcome everyone, thank you for coming."
    );
    press(&mut harness, egui::Key::ArrowRight);
    settle(&mut harness);
    assert_eq!(current_title(&harness), "Why data matters");
    assert!(harness.query_by_label_contains("better models").is_some());
    assert_eq!(
        speaker_notes(&harness),
        "Stress the second bullet.\n\nThen pause."
    );
    for _ in 0..2 {
        press(&mut harness, egui::Key::ArrowRight);
        settle(&mut harness);
    }
    // The slide's picture, read from the deck file by the address its body gives it.
    assert_eq!(current_title(&harness), "A picture");
    let body = harness
        .state()
        .session()
        .current_card()
        .unwrap()
        .body
        .clone();
    let uri = body.split(['(', ')']).nth(1).unwrap().to_string();
    let mut size = None;
    for _ in 0..200 {
        settle(&mut harness);
        match harness.ctx.try_load_image(&uri, egui::SizeHint::default()) {
            Ok(egui::load::ImagePoll::Ready { image }) => {
                size = Some(image.size);
                break;
            }
            Ok(egui::load::ImagePoll::Pending { .. }) => {
                std::thread::sleep(std::time::Duration::from_millis(10))
            }
            Err(e) => panic!("{uri}: {e}"),
        }
    }
    assert_eq!(size, Some([1, 1]));
    press(&mut harness, egui::Key::ArrowRight);
    settle(&mut harness);
    assert_eq!(current_title(&harness), "Backup slide");
    assert!(harness.query_by_label_contains("hidden slide").is_some());
}

/// The text of the speaker notes pane.
fn speaker_notes(harness: &Harness<'static, TalkdeckApp>) -> String {
    let node = harness.get_by_role_and_label(Role::MultilineTextInput, "Speaker notes");
    node.value().unwrap_or_default()
}
