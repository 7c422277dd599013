//! A card renamed by the user: the title shows everywhere the talk does, is one undoable
//! step, is kept in the notes file and comes back with it.

use super::tests::{apply, session, session_with_notes_file};
use super::*;

fn rename(s: &mut Session, card: &str, title: &str) {
    s.apply(Command::RenameCard {
        card_id: card.to_owned(),
        title: title.to_owned(),
    });
}

fn titles(s: &Session) -> Vec<&str> {
    s.talk().cards.iter().map(|c| c.title.as_str()).collect()
}

#[test]
fn a_renamed_card_shows_the_new_title_and_keeps_its_own_apart() {
    let mut s = session();
    let opened = Arc::clone(s.opened_talk());
    rename(&mut s, "obs-1", "  推理阶段的规模效应 ");
    assert_eq!(
        titles(&s),
        ["标题 title", "推理阶段的规模效应", "标题 closing"]
    );
    assert_eq!(s.original_title(1), Some("标题 obs-1"));
    assert_eq!(s.original_title(0), None);
    assert_eq!(s.save_state(), SaveState::Unsaved);
    // The talk as read is the same one: the window does not take this for another talk.
    assert!(Arc::ptr_eq(&opened, s.opened_talk()));
    assert_eq!(s.opened_talk().cards[1].title, "标题 obs-1");
}

#[test]
fn renaming_is_undone_and_redone_as_one_step() {
    let mut s = session();
    rename(&mut s, "obs-1", "新标题");
    rename(&mut s, "obs-1", "再改一次");
    s.apply(Command::Undo);
    assert_eq!(s.talk().cards[1].title, "新标题");
    s.apply(Command::Undo);
    assert_eq!(s.talk().cards[1].title, "标题 obs-1");
    assert!(s.notes().titles.is_empty());
    s.apply(Command::Redo);
    assert_eq!(s.talk().cards[1].title, "新标题");
}

#[test]
fn an_empty_title_or_the_cards_own_gives_it_back() {
    let mut s = session();
    rename(&mut s, "obs-1", "新标题");
    rename(&mut s, "obs-1", "   ");
    assert_eq!(s.talk().cards[1].title, "标题 obs-1");
    assert!(s.notes().titles.is_empty());
    rename(&mut s, "closing", "标题 closing");
    assert!(
        s.notes().titles.is_empty(),
        "the card's own title is not a new one"
    );
    // Two steps (the rename and its undoing), none for the card's own title.
    s.apply(Command::Undo);
    assert_eq!(s.talk().cards[1].title, "新标题");
    s.apply(Command::Undo);
    assert!(!s.can_undo());
}

#[test]
fn a_card_that_is_not_in_the_talk_is_not_renamed() {
    let mut s = session();
    rename(&mut s, "obs-9", "不存在");
    assert!(s.notes().titles.is_empty());
    assert!(!s.can_undo());
}

#[test]
fn titles_are_kept_in_the_notes_file_and_come_back_with_it() {
    let (_dir, path, mut s) = session_with_notes_file("n.json");
    rename(&mut s, "obs-1", "推理阶段的规模效应");
    apply(&mut s, Command::Save);
    assert_eq!(s.save_state(), SaveState::Saved);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\"titles\""), "{text}");
    let mut again = session();
    assert_eq!(again.talk().cards[1].title, "标题 obs-1");
    apply(&mut again, Command::OpenNotes(path));
    assert_eq!(again.talk().cards[1].title, "推理阶段的规模效应");
    assert!(!again.talk().cards[1].auto_title);
}
