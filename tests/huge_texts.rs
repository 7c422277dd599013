//! A note or a paragraph too long to lay out is shown cut at the display bound, with a
//! message, in the real app driven headless through egui_kittest; nothing of it is lost
//! from the notes file.

mod common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::PathBuf;
use talkdeck::display_bound::SHOWN_CHARS;

use common::settle;
use talkdeck::session::Session;
use talkdeck::ui::TalkdeckApp;

fn harness(session: Session, notes: Option<PathBuf>) -> Harness<'static, TalkdeckApp> {
    common::settled(session, notes, common::SIZE)
}

#[test]
fn a_huge_note_is_shown_cut_and_kept_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.notes.json");
    let talk = Session::seed().talk().clone();
    let card = &talk.cards[0].id;
    // Over the bound by half, with a tail no window shows.
    let huge = format!("{}尾声。", "规模效应还有效。".repeat(SHOWN_CHARS * 3 / 16));
    let mut doc = talkdeck::notes::NotesDoc::new(&talk.title, &talk.fingerprint);
    let id = doc.add(card, &huge, time::OffsetDateTime::UNIX_EPOCH);
    talkdeck::notes::save(&path, &doc).unwrap();

    let mut harness = harness(Session::seed(), Some(path.clone()));
    assert!(
        harness
            .query_by_label_contains("This note is too long to edit here")
            .is_some(),
        "the notes panel says the note is cut"
    );
    assert!(
        harness
            .query_by_role_and_label(Role::MultilineTextInput, "Note 1")
            .is_none(),
        "a note above the bound is not laid out in a text field"
    );

    // Its tags can still be edited, and a save keeps every byte of its text.
    let tags = harness.get_by_role_and_label(Role::TextInput, "Tags");
    tags.focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Tags")
        .type_text("长文");
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    settle(&mut harness);
    assert!(!harness.state().session().is_dirty(), "the notes are saved");
    let saved = talkdeck::notes::load(&path).unwrap();
    let note = saved.find(id).expect("the note is in the saved file");
    assert_eq!(note.tags, ["长文"]);
    assert!(note.text == huge, "the saved note holds all of its text");
}

#[test]
fn a_talk_of_one_huge_line_is_shown_cut() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("one-line.txt");
    let line = "scaling laws still hold when reasoning models think longer ".repeat(3000);
    std::fs::write(&path, &line).unwrap();
    let session = Session::open(path).unwrap();
    assert_eq!(session.talk().cards.len(), 1, "one paragraph, one card");
    let harness = harness(session, None);
    assert!(
        harness
            .query_by_label_contains("more not shown here")
            .is_some(),
        "the speaker notes say the card is cut"
    );
}
