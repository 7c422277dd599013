use super::*;
use crate::anchor::Anchoring;
use crate::export::Snapshot;
use crate::talk::{Card, CardKind};
use time::OffsetDateTime;

fn card(id: &str, kind: CardKind, number: Option<u32>) -> Card {
    Card {
        id: id.to_owned(),
        kind,
        number,
        title: format!("标题 {id}"),
        key_points: Vec::new(),
        body: String::new(),
        paragraphs: vec![format!("{id} 的段落")],
        ..Default::default()
    }
}

pub(super) fn session() -> Session {
    let talk = Talk {
        title: "测试演讲".to_owned(),
        speaker: String::new(),
        role: String::new(),
        event: String::new(),
        date: String::new(),
        source: String::new(),
        author: String::new(),
        cards: vec![
            card("title", CardKind::Title, None),
            card("obs-1", CardKind::Observation, Some(1)),
            card("closing", CardKind::Closing, None),
        ],
        fingerprint: "abc".to_owned(),
    };
    Session::new(talk, "test.txt", None)
}

/// The test session with a notes file `name` (not there yet) opened, in a fresh
/// folder that lives as long as the returned guard.
pub(super) fn session_with_notes_file(name: &str) -> (tempfile::TempDir, PathBuf, Session) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    let mut s = session();
    apply(&mut s, Command::OpenNotes(path.clone()));
    (dir, path, s)
}

/// Applies a command and runs whatever I/O it asks for, as the app's worker would.
pub(super) fn apply(session: &mut Session, command: Command) {
    if let Some(effect) = session.apply(command) {
        let outcome = effect.run();
        apply(session, Command::Done(outcome));
    }
}

#[test]
fn navigation_stays_inside_the_deck() {
    let mut s = session();
    s.apply(Command::PrevCard);
    assert_eq!(s.current, 0);
    s.apply(Command::NextCard);
    s.apply(Command::NextCard);
    s.apply(Command::NextCard);
    assert_eq!(s.current, 2);
    s.apply(Command::FirstCard);
    assert_eq!(s.current, 0);
    s.apply(Command::LastCard);
    assert_eq!(s.current, 2);
    s.apply(Command::GoTo(99));
    assert_eq!(s.current, 2);
    s.apply(Command::GoTo(1));
    assert_eq!(s.current_card().unwrap().id, "obs-1");
}

#[test]
fn notes_are_added_to_the_current_card_and_mark_the_session_dirty() {
    let mut s = session();
    s.apply(Command::GoTo(1));
    assert!(!s.is_dirty());
    s.apply(Command::AddNote);
    let id = s.created_note().expect("the new note gets the cursor");
    assert_eq!(s.notes.count("obs-1"), 1);
    assert!(s.is_dirty());
    s.apply(Command::EditNote {
        id,
        text: "很重要".into(),
    });
    s.apply(Command::SetTags {
        id,
        tags: vec![" 推理 ".into(), "".into(), "推理".into()],
    });
    let note = &s.notes.notes("obs-1")[0];
    assert_eq!(note.text, "很重要");
    assert_eq!(note.tags, ["推理"]);
    s.apply(Command::DeleteNote(id));
    assert_eq!(s.notes.total(), 0);
}

#[test]
fn save_without_a_file_asks_for_one() {
    let mut s = session();
    s.apply(Command::AddNote);
    assert!(!s.can_save_in_place());
    assert!(
        s.apply(Command::Save).is_none(),
        "the UI asks for a path instead"
    );
    assert!(s.is_dirty());
}

#[test]
fn save_as_writes_the_file_and_later_saves_go_there() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.json");
    let mut s = session();
    s.apply(Command::AddNote);
    let effect = s.apply(Command::SaveAs(path.clone())).unwrap();
    assert_eq!(s.save_state(), SaveState::Saving);
    // An edit while the save is in flight stays unsaved afterwards.
    let id = s.notes.notes("title")[0].id;
    s.apply(Command::EditNote {
        id,
        text: "边存边写".into(),
    });
    s.apply(Command::Done(effect.run()));
    assert_eq!(s.save_state(), SaveState::Unsaved);
    assert_eq!(s.notes_path(), Some(path.as_path()));
    apply(&mut s, Command::Save);
    assert_eq!(s.save_state(), SaveState::Saved);
    let loaded = notes::load(&path).unwrap();
    assert_eq!(loaded.notes("title")[0].text, "边存边写");
}

#[test]
fn a_file_that_cannot_be_read_is_protected_from_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.json");
    std::fs::write(&path, "{ not json").unwrap();
    let mut s = session();
    apply(&mut s, Command::OpenNotes(path.clone()));
    assert_eq!(s.notice.as_ref().unwrap().level, NoticeLevel::Error);
    assert!(s.notice.as_ref().unwrap().text().contains("bad.json"));
    s.apply(Command::AddNote);
    assert!(!s.can_save_in_place());
    assert!(s.apply(Command::Save).is_none());
    assert!(s.apply(Command::SaveAs(path.clone())).is_none());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "{ not json");
    assert!(s.notice.as_ref().unwrap().text().contains("does not write"));
}

#[test]
fn a_missing_notes_file_is_created_on_first_save() {
    let (_dir, path, mut s) = session_with_notes_file("new.json");
    assert!(s.can_save_in_place());
    s.apply(Command::AddNote);
    apply(&mut s, Command::Save);
    assert_eq!(notes::load(&path).unwrap().total(), 1);
}

#[test]
fn notes_from_another_talk_warn_and_keep_unknown_cards() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.json");
    let mut other = NotesDoc::new("另一个演讲", "zzz");
    other.add("obs-1", "还在", OffsetDateTime::now_utc());
    other.add("obs-9", "卡片不存在", OffsetDateTime::now_utc());
    notes::save(&path, &other).unwrap();
    let mut s = session();
    apply(&mut s, Command::OpenNotes(path.clone()));
    let notice = s.notice.clone().unwrap();
    assert_eq!(notice.level, NoticeLevel::Warning);
    assert!(
        notice
            .text()
            .contains("1 belong to cards this talk does not have"),
        "{}",
        notice.text()
    );
    assert_eq!(s.notes.count("obs-1"), 1);
    // Saving keeps the note whose card is missing.
    apply(&mut s, Command::Save);
    assert_eq!(notes::load(&path).unwrap().count("obs-9"), 1);
}

#[test]
fn a_newer_notes_file_is_shown_read_only_and_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.json");
    let mut doc = NotesDoc::new("测试演讲", "abc");
    doc.add("obs-1", "来自未来的笔记", OffsetDateTime::now_utc());
    let text = notes::to_json(&doc).replace("\"version\": 2", "\"version\": 99");
    std::fs::write(&path, &text).unwrap();

    let mut s = session();
    apply(&mut s, Command::OpenNotes(path.clone()));
    assert_eq!(s.notes.count("obs-1"), 1, "the notes are shown");
    let notice = s.notice.clone().unwrap();
    assert!(notice.text().contains("read-only"), "{}", notice.text());
    s.apply(Command::GoTo(1));
    s.apply(Command::AddNote);
    assert!(s.apply(Command::Save).is_none());
    assert!(matches!(
        s.autosave(Instant::now() + AUTOSAVE_DELAY),
        Autosave::Idle
    ));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn autosave_writes_two_seconds_after_the_last_change() {
    let (_dir, path, mut s) = session_with_notes_file("auto.json");
    s.apply(Command::AddNote);
    let now = Instant::now();
    assert!(matches!(s.autosave(now), Autosave::WaitFor(d) if d <= AUTOSAVE_DELAY));
    let Autosave::Run(effect) = s.autosave(now + AUTOSAVE_DELAY) else {
        panic!("autosave is due");
    };
    s.apply(Command::Done(effect.run()));
    assert_eq!(s.save_state(), SaveState::Saved);
    assert_eq!(notes::load(&path).unwrap().total(), 1);
    assert!(matches!(
        s.autosave(now + AUTOSAVE_DELAY * 2),
        Autosave::Idle
    ));
}

#[test]
fn a_save_shares_the_notes_and_an_edit_during_it_does_not_reach_it() {
    let (_dir, path, mut s) = session_with_notes_file("shared.json");
    s.apply(Command::AddNote);
    let id = s.created_note().unwrap();
    let Autosave::Run(effect) = s.autosave(Instant::now() + AUTOSAVE_DELAY) else {
        panic!("autosave is due");
    };
    let Effect::Save { doc, .. } = &effect else {
        panic!("{effect:?}");
    };
    assert!(Arc::ptr_eq(doc, &s.notes), "starting a save copies nothing");
    // The user types while the worker writes: the save keeps what it started with.
    s.apply(Command::EditNote {
        id,
        text: "写的时候改".into(),
    });
    assert!(!Arc::ptr_eq(doc, &s.notes));
    assert_eq!(doc.find(id).unwrap().text, "");
    s.apply(Command::Done(effect.run()));
    assert_eq!(notes::load(&path).unwrap().find(id).unwrap().text, "");
    assert_eq!(
        s.save_state(),
        SaveState::Unsaved,
        "the edit is still to save"
    );
}

#[test]
fn without_a_notes_file_autosave_goes_to_the_recovery_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session();
    s.recovery_dir = Some(dir.path().to_path_buf());
    s.apply(Command::AddNote);
    let Autosave::Run(effect) = s.autosave(Instant::now() + AUTOSAVE_DELAY) else {
        panic!("autosave is due");
    };
    s.apply(Command::Done(effect.run()));
    assert!(s.in_recovery());
    assert_eq!(
        s.save_state(),
        SaveState::Unsaved,
        "still not in a file of the user's"
    );
    let recovery = s.recovery_path().unwrap();
    assert_eq!(notes::load(&recovery).unwrap().total(), 1);

    // The next start restores them.
    let mut next = session();
    next.recovery_dir = Some(dir.path().to_path_buf());
    apply(&mut next, Command::RestoreRecovery);
    assert_eq!(next.notes.total(), 1);
    assert!(next.is_dirty());

    // Saving them to a real file removes the recovery file.
    apply(&mut next, Command::SaveAs(dir.path().join("kept.json")));
    assert!(!recovery.exists());
}

#[test]
fn a_failed_autosave_is_retried_on_the_next_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gone").join("n.json");
    let mut s = session();
    s.persistence.adopt_new_file(path, Instant::now(), true);
    s.apply(Command::AddNote);
    let later = Instant::now() + AUTOSAVE_DELAY;
    let Autosave::Run(effect) = s.autosave(later) else {
        panic!("autosave is due");
    };
    s.apply(Command::Done(effect.run()));
    assert_eq!(s.save_state(), SaveState::Failed);
    assert_eq!(s.notice.as_ref().unwrap().level, NoticeLevel::Error);
    assert!(
        matches!(s.autosave(later), Autosave::WaitFor(_)),
        "no retry loop: the next try waits for its back-off"
    );
    s.apply(Command::AddNote);
    assert!(matches!(
        s.autosave(Instant::now() + AUTOSAVE_DELAY),
        Autosave::Run(_)
    ));
}

/// The issue's scenario: three highlights on the seed, then an edited copy of the
/// seed opened with the same notes file.
#[test]
fn highlights_follow_their_sentences_into_an_edited_talk() {
    let dir = tempfile::tempdir().unwrap();
    let notes_path = dir.path().join("seed.notes.json");
    let seed = crate::SEED_TALK;
    let mut s = Session::new(talk::parse_text(seed), "seed.txt", None);
    // Highlight three sentences by where they are in their cards' speaker notes.
    let sentences = [
        ("obs-1", "这也是我们第一次看到在推理上"),
        ("obs-4", "世界模型是一个重要方向"),
        ("obs-5", "这是非常原始的模型"),
    ];
    for (card_id, sentence) in sentences {
        let card = s.talk.cards.iter().find(|c| c.id == card_id).unwrap();
        let text = anchor::notes_text(card);
        let byte = text.find(sentence).unwrap();
        let start = text[..byte].chars().count();
        let end = start + sentence.chars().count();
        s.apply(Command::AddHighlight {
            card_id: card_id.to_owned(),
            start,
            end,
        });
    }
    apply(&mut s, Command::SaveAs(notes_path.clone()));
    drop(s);

    // The edited copy: a paragraph inserted before the first sentence, a few
    // characters changed inside the second, the third's paragraph deleted.
    let edited = seed
        .replace("近日,OpenAI发布了o1模型", "(编者按:本段有补充。)\n\n近日,OpenAI发布了o1模型")
        .replace("世界模型是一个重要方向", "世界模型是一个重要的方向")
        .replace(
            "实际上,传统机器人的模型完全是由人来设计的,把复杂任务分解变成“简单任务”,然后对于每个简单任务进行人工设计,由规则来驱动运动的规划,这是非常原始的模型。那么,有了语言大模型和世界大模型之后,我们能够把复杂的任务通过多模态大模型分成“简单任务”,能够听懂人的这种命令,然后又能够进一步通过视觉模型分解成机器的动作,从而完成复杂-简单-机器动作的过程。\n\n",
            "",
        );
    assert_ne!(edited, seed);
    let path = dir.path().join("edited.txt");
    std::fs::write(&path, &edited).unwrap();
    let mut s = Session::open(path).unwrap();
    apply(&mut s, Command::OpenNotes(notes_path.clone()));

    let notice = s.notice.clone().unwrap();
    assert!(notice.text().contains("1 orphaned"), "{}", notice.text());
    let texts: Vec<Option<String>> = s
        .notes
        .all()
        .map(|(_, n)| {
            s.highlight_place(n.id)
                .map(|_| s.highlight_text(n).unwrap())
        })
        .collect();
    assert!(texts.contains(&Some("这也是我们第一次看到在推理上".to_owned())));
    assert!(
        texts.contains(&Some("世界模型是一个重要的方向".to_owned())),
        "{texts:?}"
    );
    assert_eq!(s.orphans().len(), 1);
    assert_eq!(
        s.orphans()[0]
            .highlight
            .as_ref()
            .unwrap()
            .target
            .quote
            .exact,
        "这是非常原始的模型"
    );

    // Nothing is lost across save and load.
    apply(&mut s, Command::Save);
    assert_eq!(notes::load(&notes_path).unwrap().total(), 3);
}

/// Undo and redo take a highlight away and bring it back, with its passage; a
/// re-attached highlight goes back to where it was.
#[test]
fn undo_and_redo_move_highlights_with_their_passages() {
    let mut s = session();
    s.apply(Command::AddHighlight {
        card_id: "obs-1".into(),
        start: 0,
        end: 5,
    });
    let id = s.created_note().unwrap();
    assert_eq!(s.highlight_place(id), Some(("obs-1", 0, 5)));
    s.apply(Command::Reattach {
        id,
        card_id: "closing".into(),
        start: 0,
        end: 7,
    });
    assert_eq!(s.highlight_place(id), Some(("closing", 0, 7)));
    s.apply(Command::Undo);
    assert_eq!(s.highlight_place(id), Some(("obs-1", 0, 5)));
    s.apply(Command::Undo);
    assert_eq!(s.highlight_place(id), None);
    assert!(s.notes_on("obs-1").is_empty());
    s.apply(Command::Redo);
    assert_eq!(s.highlight_place(id), Some(("obs-1", 0, 5)));
    assert_eq!(s.notes_on("obs-1").len(), 1);
    s.apply(Command::Redo);
    assert_eq!(s.highlight_place(id), Some(("closing", 0, 7)));
}

/// Highlights are anchored on the worker thread, in the talk the load was asked for;
/// a session that has another talk by the time the notes arrive anchors them again.
#[test]
fn notes_loaded_for_another_talk_are_anchored_in_this_one() {
    let dir = tempfile::tempdir().unwrap();
    let notes_path = dir.path().join("seed.notes.json");
    let seed = crate::SEED_TALK;
    let sentence = "这也是我们第一次看到在推理上";
    let mut s = Session::new(talk::parse_text(seed), "seed.txt", None);
    let text = anchor::notes_text(s.talk.cards.iter().find(|c| c.id == "obs-1").unwrap());
    let start = text[..text.find(sentence).unwrap()].chars().count();
    s.apply(Command::AddHighlight {
        card_id: "obs-1".to_owned(),
        start,
        end: start + sentence.chars().count(),
    });
    apply(&mut s, Command::SaveAs(notes_path.clone()));

    let load = s.apply(Command::OpenNotes(notes_path.clone())).unwrap();
    let Outcome::NotesLoaded {
        result: Ok(loaded), ..
    } = load.clone().run()
    else {
        panic!("the notes load");
    };
    assert_eq!(loaded.fingerprint, s.talk.fingerprint);
    let id = loaded.doc.all().next().unwrap().1.id;
    assert!(matches!(loaded.anchorings[&id], Anchoring::Exact { .. }));

    let edited = seed.replace(sentence, &format!("(补一句。){sentence}"));
    let mut other = Session::new(talk::parse_text(&edited), "edited.txt", None);
    other.apply(Command::Done(load.run()));
    let note = other.notes.find(id).unwrap();
    assert_eq!(other.highlight_text(note).unwrap(), sentence);
    let (card, moved_start, _) = other.highlight_place(id).unwrap();
    assert_eq!(
        (card, moved_start),
        ("obs-1", start + "(补一句。)".chars().count())
    );
}

#[test]
fn a_file_changed_by_another_program_is_never_silently_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.json");
    let mut s = session();
    s.apply(Command::AddNote);
    apply(&mut s, Command::SaveAs(path.clone()));
    apply(&mut s, Command::OpenNotes(path.clone()));

    // Another program writes the file.
    let mut theirs = notes::load(&path).unwrap();
    theirs.add("closing", "他们的笔记", OffsetDateTime::now_utc());
    notes::save(&path, &theirs).unwrap();
    let their_bytes = std::fs::read(&path).unwrap();

    s.apply(Command::GoTo(1));
    s.apply(Command::AddNote);
    let Autosave::Run(effect) = s.autosave(Instant::now() + AUTOSAVE_DELAY) else {
        panic!("autosave is due");
    };
    s.apply(Command::Done(effect.run()));
    assert!(s.conflict(), "the UI is asked what to do");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        their_bytes,
        "theirs is untouched"
    );
    assert!(matches!(
        s.autosave(Instant::now() + AUTOSAVE_DELAY),
        Autosave::Idle
    ));

    // Keep mine: written over, theirs kept as the backup.
    apply(&mut s, Command::SaveOverwrite);
    assert!(!s.conflict());
    assert_eq!(notes::load(&path).unwrap().count("obs-1"), 1);
    let backup = notes::load(&notes::backup_path(&path)).unwrap();
    assert_eq!(backup.count("closing"), 1);
}

#[test]
fn a_second_window_on_the_same_notes_file_is_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("both.json");
    let mut first = session();
    first.apply(Command::AddNote);
    apply(&mut first, Command::SaveAs(path.clone()));
    apply(&mut first, Command::OpenNotes(path.clone()));
    assert!(first.can_save_in_place());

    let mut second = session();
    apply(&mut second, Command::OpenNotes(path.clone()));
    assert_eq!(second.notes.total(), 1, "the notes are shown");
    assert!(!second.can_save_in_place(), "but never written from here");
    assert!(second.notice.as_ref().unwrap().text().contains("both.json"));

    drop(first);
    let mut third = session();
    apply(&mut third, Command::OpenNotes(path.clone()));
    assert!(
        third.can_save_in_place(),
        "free again once the first window is gone"
    );

    // Save As hands the lock over to the new file: the old one is free again.
    let moved = dir.path().join("moved.json");
    apply(&mut third, Command::SaveAs(moved.clone()));
    let mut fourth = session();
    apply(&mut fourth, Command::OpenNotes(moved));
    assert!(!fourth.can_save_in_place(), "the new file is locked");
    let mut fifth = session();
    apply(&mut fifth, Command::OpenNotes(path));
    assert!(fifth.can_save_in_place(), "the old file is not");
}

#[test]
fn when_the_notes_file_cannot_be_written_the_recovery_file_keeps_the_notes() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session();
    s.recovery_dir = Some(dir.path().join("recovery"));
    std::fs::create_dir_all(dir.path().join("recovery")).unwrap();
    s.persistence
        .adopt_new_file(dir.path().join("gone").join("n.json"), Instant::now(), true);
    s.apply(Command::AddNote);
    let later = Instant::now() + AUTOSAVE_DELAY;
    let Autosave::Run(effect) = s.autosave(later) else {
        panic!("autosave is due");
    };
    s.apply(Command::Done(effect.run()));
    assert_eq!(s.save_state(), SaveState::Failed);
    let Autosave::Run(effect) = s.autosave(later) else {
        panic!("the recovery file is written next");
    };
    s.apply(Command::Done(effect.run()));
    assert_eq!(notes::load(&s.recovery_path().unwrap()).unwrap().total(), 1);
    assert!(
        matches!(s.autosave(later), Autosave::WaitFor(_)),
        "and then nothing loops: the notes file is tried again after a back-off"
    );
}

/// A talk in a legacy encoding is read in the encoding guessed, with a word about the
/// guess; File › Reopen with encoding reads it again in the one the user picks.
#[test]
fn a_guessed_encoding_is_said_and_another_can_be_picked() {
    crate::i18n::set_language(crate::i18n::Lang::En);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talk.txt");
    let (gbk, _, _) = encoding_rs::GB18030.encode(crate::SEED_TALK);
    std::fs::write(&path, &gbk).unwrap();
    let mut s = Session::open(path.clone()).unwrap();
    assert_eq!(s.encoding(), "GBK");
    assert_eq!(s.encoding_found(), Found::Guessed);
    let notice = s.notice().unwrap();
    assert_eq!(notice.level, NoticeLevel::Warning);
    let text = notice.text();
    assert!(
        text.contains("GBK") && text.contains("Reopen with encoding"),
        "{text}"
    );
    let title = s.talk().title.clone();

    apply(&mut s, Command::ReopenTalkAs("Big5"));
    assert_eq!(s.encoding(), "Big5");
    assert_eq!(s.encoding_found(), Found::Named);
    assert_ne!(s.talk().title, title, "read as Big5, the text is another");
    assert_eq!(s.talk_path(), Some(path.as_path()));

    apply(&mut s, Command::ReopenTalkAs("gb18030"));
    assert_eq!(s.talk().title, title);
    assert!(
        !s.notice().is_some_and(|n| n.text().contains("Reopen")),
        "a named encoding is no guess"
    );
}

/// A UTF-8 talk gets no word about its encoding.
#[test]
fn a_unicode_talk_is_not_a_guess() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talk.txt");
    std::fs::write(&path, crate::SEED_TALK).unwrap();
    let s = Session::open(path).unwrap();
    assert_eq!(s.encoding_found(), Found::Unicode);
    assert!(s.notice().is_none());
}

/// What went wrong is kept typed and worded when shown: after a language switch, the
/// whole notice, the file layer's reason included, is in the new language.
#[test]
fn a_notice_is_worded_in_the_language_shown() {
    use crate::i18n::{Lang, set_language};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.notes.json");
    std::fs::write(&path, r#"{"format": "talkdeck-notes"}"#).unwrap();
    let mut s = session();
    set_language(Lang::En);
    apply(&mut s, Command::OpenNotes(path));
    let english = s.notice().unwrap().text();
    assert!(english.contains("missing field `version`"), "{english}");
    set_language(Lang::Zh);
    let chinese = s.notice().unwrap().text();
    set_language(Lang::En);
    assert!(chinese.contains("缺少 `version` 字段"), "{chinese}");
    assert!(chinese.contains("另存为"), "{chinese}");
    assert_ne!(english, chinese);
}

/// The window's exports and the command line's are one path: a session's snapshot gives
/// what a snapshot of the same talk and notes read from files gives, in every format,
/// and the export command asks for the file to be written from it (off the UI thread).
#[test]
fn an_export_is_made_from_a_snapshot_of_the_session() {
    let mut s = Session::seed();
    s.apply(Command::GoTo(2));
    let card = s.current_card().unwrap().id.clone();
    s.apply(Command::AddHighlight {
        card_id: card.clone(),
        start: 0,
        end: 12,
    });
    let id = s.created_note().unwrap();
    s.apply(Command::EditNote {
        id,
        text: "要记住".into(),
    });
    s.apply(Command::RenameCard {
        card_id: card,
        title: "我的标题".into(),
    });
    let options = crate::export::RecapOptions {
        language: crate::i18n::Lang::Zh,
        ..Default::default()
    };
    let read = Snapshot::read((**s.opened_talk()).clone(), s.notes().clone(), options);
    for format in crate::export::Format::all() {
        assert_eq!(
            s.snapshot(options).render(format),
            read.render(format),
            "{format:?}"
        );
    }

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("recap.md");
    let effect = s.apply(Command::Export {
        format: crate::export::Format::Recap,
        path: path.clone(),
        options,
    });
    let effect = effect.expect("the export is an effect, run off the UI thread");
    assert!(effect.runs_apart());
    assert!(!path.exists(), "nothing is written until the effect runs");
    s.apply(Command::Done(effect.run()));
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains("我的标题") && written.contains("要记住"));
    assert_eq!(
        s.notice().map(|n| &n.message),
        Some(&Message::Exported { path })
    );
}

/// The window is told that another talk is in place by the command that put it there,
/// and only by that one.
#[test]
fn opening_a_talk_says_so_in_what_the_command_came_to() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.txt");
    std::fs::write(&path, "第一段。\n\n第二段。\n").unwrap();
    let mut s = Session::seed();
    let applied = s.dispatch(Command::OpenTalk(path.clone()));
    assert!(!applied.talk_opened, "only read so far");
    let load = applied.effect.expect("the talk is read off the UI thread");
    let applied = s.dispatch(Command::Done(load.run()));
    assert!(applied.talk_opened);
    assert_eq!(s.talk_path(), Some(path.as_path()));
    assert!(!s.dispatch(Command::NextCard).talk_opened);

    // Renaming a card makes another talk to show, but opens none.
    let card = s.talk().cards[0].id.clone();
    let renamed = s.dispatch(Command::RenameCard {
        card_id: card,
        title: "新标题".into(),
    });
    assert!(!renamed.talk_opened);

    // With unsaved notes, the talk is opened once the user goes ahead.
    s.apply(Command::AddNote);
    let load = s.apply(Command::OpenTalk(path)).unwrap();
    let waiting = s.dispatch(Command::Done(load.run()));
    assert!(
        !waiting.talk_opened,
        "the notes have no file: the user is asked"
    );
    assert!(s.leaving().is_some());
    assert!(s.dispatch(Command::GoAhead).talk_opened);
}
