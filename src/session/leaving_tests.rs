//! The persistence state machine with slow, failing and conflicting saves, and the
//! actions that wait for them (the notes-safety cases of issue #12).

use super::tests::{apply, session, session_with_notes_file};
use super::*;
use persistence::{RETRY_FIRST, RETRY_MAX};

/// Adds a note with `text` to the current card.
fn note(s: &mut Session, text: &str) -> Uuid {
    s.apply(Command::AddNote);
    let id = s.created_note().unwrap();
    s.apply(Command::EditNote {
        id,
        text: text.to_owned(),
    });
    id
}

/// A save effect held back, as on a slow disk: it runs only when the test says.
fn autosave_now(s: &mut Session) -> Effect {
    match s.autosave(Instant::now() + AUTOSAVE_DELAY) {
        Autosave::Run(effect) => effect,
        other => panic!("autosave is due: {other:?}"),
    }
}

fn texts_in(path: &Path) -> Vec<String> {
    notes::load(path)
        .unwrap()
        .all()
        .map(|(_, n)| n.text.clone())
        .collect()
}

#[test]
fn ctrl_s_during_an_autosave_waits_for_it_and_reports_no_conflict() {
    let (_dir, path, mut s) = session_with_notes_file("n.json");
    let id = note(&mut s, "第一稿");
    let slow = autosave_now(&mut s);
    s.apply(Command::EditNote {
        id,
        text: "第二稿".into(),
    });
    assert!(s.apply(Command::Save).is_none(), "the second save waits");
    let next = s.apply(Command::Done(slow.run())).expect("then it runs");
    s.apply(Command::Done(next.run()));
    assert!(!s.conflict(), "no false 'changed by another program'");
    assert_eq!(s.save_state(), SaveState::Saved);
    assert_eq!(texts_in(&path), ["第二稿"]);
}

#[test]
fn quit_waits_for_a_running_save_then_saves_the_later_edits() {
    let (_dir, path, mut s) = session_with_notes_file("n.json");
    let id = note(&mut s, "开头");
    let slow = autosave_now(&mut s);
    s.apply(Command::EditNote {
        id,
        text: "开头和结尾".into(),
    });
    assert!(s.apply(Command::Quit).is_none());
    assert!(!s.may_close(), "not while a save runs");
    assert!(matches!(s.leaving(), Some(Leaving::Saving { .. })));
    let last = s.apply(Command::Done(slow.run())).expect("the last edits");
    assert!(!s.may_close());
    s.apply(Command::Done(last.run()));
    assert!(s.may_close());
    assert_eq!(texts_in(&path), ["开头和结尾"]);
}

#[test]
fn quit_when_the_notes_cannot_be_saved_asks_and_keeps_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session();
    s.set_recovery_dir(Some(dir.path().join("recovery")));
    std::fs::create_dir_all(dir.path().join("recovery")).unwrap();
    s.persistence
        .adopt_new_file(dir.path().join("gone").join("n.json"), Instant::now(), true);
    note(&mut s, "写不进去");
    apply(&mut s, Command::Quit);
    assert!(!s.may_close(), "a failed save never quits silently");
    assert!(matches!(
        s.leaving(),
        Some(Leaving::Asking {
            then: Then::Quit,
            why: Unsaved::Failed(_)
        })
    ));
    apply(&mut s, Command::Stay);
    assert!(s.leaving().is_none());
    assert_eq!(s.notes().total(), 1);

    // Quit anyway: the notes go to the recovery file, offered at the next start.
    apply(&mut s, Command::Quit);
    apply(&mut s, Command::GoAhead);
    assert!(s.may_close());
    let recovery = s.recovery_path().unwrap();
    assert_eq!(texts_in(&recovery), ["写不进去"]);
}

#[test]
fn opening_a_talk_while_the_notes_cannot_be_saved_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let talk = dir.path().join("other.txt");
    std::fs::write(&talk, "另一个演讲\n\n一、第一点\n\n内容。\n").unwrap();
    let mut s = session();
    s.persistence
        .adopt_new_file(dir.path().join("gone").join("n.json"), Instant::now(), true);
    note(&mut s, "别丢");
    apply(&mut s, Command::OpenTalk(talk.clone()));
    assert_eq!(s.talk().title, "测试演讲", "the other talk waits");
    assert!(matches!(
        s.leaving(),
        Some(Leaving::Asking {
            then: Then::UseTalk { .. },
            why: Unsaved::Failed(_)
        })
    ));
    // Save As somewhere that works: then the talk opens.
    let elsewhere = dir.path().join("saved.json");
    apply(&mut s, Command::SaveAs(elsewhere.clone()));
    assert_eq!(texts_in(&elsewhere), ["别丢"]);
    assert_eq!(s.talk_path(), Some(talk.as_path()));
    assert!(s.leaving().is_none());
}

#[test]
fn opening_notes_saves_the_open_ones_first() {
    let (dir, path, mut s) = session_with_notes_file("a.json");
    note(&mut s, "甲的笔记");
    let other = dir.path().join("b.json");
    notes::save(&other, &NotesDoc::new("测试演讲", "abc")).unwrap();
    apply(&mut s, Command::OpenNotes(other.clone()));
    assert_eq!(texts_in(&path), ["甲的笔记"], "saved before the switch");
    assert_eq!(s.notes_path(), Some(other.as_path()));
}

#[test]
fn exit_by_signal_without_a_notes_file_fills_the_recovery_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session();
    s.set_recovery_dir(Some(dir.path().to_path_buf()));
    note(&mut s, "注销前");
    apply(&mut s, Command::Exit);
    assert!(s.may_close(), "nobody is asked");
    assert_eq!(texts_in(&s.recovery_path().unwrap()), ["注销前"]);
}

#[test]
fn a_recovery_file_this_window_did_not_write_survives_its_saves_and_is_offered() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.json");
    let mut earlier = session();
    earlier.set_recovery_dir(Some(dir.path().join("r")));
    std::fs::create_dir_all(dir.path().join("r")).unwrap();
    apply(&mut earlier, Command::SaveAs(path.clone()));
    note(&mut earlier, "只在恢复文件里");
    // The notes file could not take it; the recovery file did.
    let recovery = earlier.recovery_path().unwrap();
    notes::save(&recovery, earlier.notes()).unwrap();
    drop(earlier);

    let mut s = session();
    s.set_recovery_dir(Some(dir.path().join("r")));
    apply(&mut s, Command::OpenNotes(path.clone()));
    assert!(s.recovery_offered(), "the next start offers it");
    note(&mut s, "另一条");
    apply(&mut s, Command::Save);
    assert!(recovery.is_file(), "a save here does not remove it");
    apply(&mut s, Command::RestoreRecovery);
    assert_eq!(s.notes().all().next().unwrap().1.text, "只在恢复文件里");
    apply(&mut s, Command::Save);
    assert!(!recovery.is_file(), "its notes are in a saved file now");
}

#[test]
fn duplicate_ids_in_a_file_get_new_ids_and_the_window_says_so() {
    let (_dir, path, mut s) = session_with_notes_file("dup.json");
    let a = note(&mut s, "一");
    note(&mut s, "二");
    apply(&mut s, Command::Save);
    let text = std::fs::read_to_string(&path).unwrap();
    let second = s.notes().all().nth(1).unwrap().1.id;
    std::fs::write(&path, text.replace(&second.to_string(), &a.to_string())).unwrap();
    drop(s);

    let mut t = session();
    apply(&mut t, Command::OpenNotes(path.clone()));
    let notice = t.notice().unwrap().text();
    assert!(notice.contains("new one"), "{notice}");
    t.apply(Command::EditNote {
        id: a,
        text: "一改".into(),
    });
    let texts: Vec<&str> = t.notes().all().map(|(_, n)| n.text.as_str()).collect();
    assert_eq!(texts, ["一改", "二"]);
}

#[test]
fn ctrl_s_in_a_read_only_window_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.json");
    let mut first = session();
    apply(&mut first, Command::SaveAs(path.clone()));
    let mut second = session();
    apply(&mut second, Command::OpenNotes(path.clone()));
    assert!(matches!(second.read_only(), Some(ReadOnly::Locked(_))));
    note(&mut second, "x");
    assert!(second.apply(Command::Save).is_none());
    let text = second.notice().unwrap().text();
    assert!(!text.contains("could not be read"), "{text}");
    assert!(text.contains("does not write"), "{text}");
}

#[test]
fn a_subtitle_cue_with_a_broken_timestamp_is_named_when_the_talk_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talk.srt");
    std::fs::write(
        &path,
        "1\n00:00:01,000 --> 00:00:03,000\n大家好。\n\n2\n00:00:0x,000 --> 00:00:05,000\n坏的时间。\n\n3\n00:00:06,000 --> 00:00:08,000\n谢谢大家。\n",
    )
    .unwrap();
    let mut s = session();
    apply(&mut s, Command::OpenTalk(path));
    let notice = s.notice().unwrap();
    assert_eq!(notice.level, NoticeLevel::Warning);
    assert!(notice.text().contains("talk.srt"), "{}", notice.text());
    assert!(
        notice.text().contains('6'),
        "names line 6: {}",
        notice.text()
    );
}

/// Notes in a file whose folder is gone, with a recovery folder: every save to the notes
/// file fails, the recovery file works. Returns the folder guard and the notes path.
fn session_that_cannot_save() -> (tempfile::TempDir, PathBuf, Session) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session();
    std::fs::create_dir_all(dir.path().join("recovery")).unwrap();
    s.set_recovery_dir(Some(dir.path().join("recovery")));
    let path = dir.path().join("gone").join("n.json");
    s.persistence
        .adopt_new_file(path.clone(), Instant::now(), true);
    (dir, path, s)
}

/// Runs an autosave that is due and everything it leads to.
fn run_autosave(s: &mut Session) {
    let effect = autosave_now(s);
    apply_outcome(s, effect);
}

fn apply_outcome(s: &mut Session, effect: Effect) {
    if let Some(next) = s.apply(Command::Done(effect.run())) {
        apply_outcome(s, next);
    }
}

#[test]
fn quit_anyway_quits_when_the_recovery_file_already_has_the_notes() {
    // Issue #34, 3: the dialog closed, the window said "Saved", and it did not quit.
    let (_dir, path, mut s) = session_that_cannot_save();
    note(&mut s, "只在恢复文件里");
    run_autosave(&mut s); // the notes file fails
    run_autosave(&mut s); // the recovery file takes them
    assert!(s.in_recovery());
    apply(&mut s, Command::Quit);
    assert!(matches!(s.leaving(), Some(Leaving::Asking { .. })));
    apply(&mut s, Command::GoAhead);
    assert!(s.may_close(), "Quit anyway quits");
    assert!(!path.exists());
    assert_eq!(texts_in(&s.recovery_path().unwrap()), ["只在恢复文件里"]);
}

#[test]
fn the_recovery_file_has_the_notes_before_the_question_is_shown() {
    // Issue #34, 4: kill -9 while the quit question was open lost every word.
    let (_dir, _path, mut s) = session_that_cannot_save();
    note(&mut s, "问题出现之前");
    assert!(!s.recovery_path().unwrap().exists());
    apply(&mut s, Command::Quit);
    assert!(matches!(
        s.leaving(),
        Some(Leaving::Asking {
            why: Unsaved::Failed(_),
            ..
        })
    ));
    assert_eq!(texts_in(&s.recovery_path().unwrap()), ["问题出现之前"]);
    assert_ne!(s.save_state(), SaveState::Saved);
}

#[test]
fn the_question_for_notes_without_a_file_waits_for_the_recovery_file_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session();
    s.set_recovery_dir(Some(dir.path().to_path_buf()));
    note(&mut s, "还没有文件");
    apply(&mut s, Command::Quit);
    assert!(matches!(
        s.leaving(),
        Some(Leaving::Asking {
            why: Unsaved::NoFile,
            ..
        })
    ));
    assert_eq!(texts_in(&s.recovery_path().unwrap()), ["还没有文件"]);
    // Quit and discard them: the recovery copy of notes that never had a file goes too.
    apply(&mut s, Command::GoAhead);
    assert!(s.may_close());
    assert!(!s.recovery_path().unwrap().exists());
}

#[test]
fn steady_typing_is_saved_within_the_maximum_wait() {
    // Issue #34, 5: a key every second restarted the 2 s delay; nothing reached the disk.
    let (_dir, _path, mut s) = session_with_notes_file("n.json");
    note(&mut s, "一");
    apply(&mut s, Command::Save);
    let start = Instant::now();
    let mut saved_at = None;
    for second in 0..=10 {
        let t = start + Duration::from_secs(second);
        s.persistence.changed(t);
        match s.autosave(t) {
            Autosave::Run(_) => {
                saved_at = Some(second);
                break;
            }
            Autosave::WaitFor(wait) => assert!(wait <= AUTOSAVE_DELAY, "{wait:?}"),
            Autosave::Idle => panic!("unsaved changes are never idle"),
        }
    }
    assert_eq!(
        saved_at,
        Some(AUTOSAVE_MAX_WAIT.as_secs()),
        "saved once the first unsaved change is AUTOSAVE_MAX_WAIT old"
    );
}

#[test]
fn a_failed_save_is_retried_by_itself_and_lands_once_the_disk_has_room() {
    // Issue #34, 6: after a full disk was freed, the notes stayed unsaved until an edit.
    let (dir, path, mut s) = session_that_cannot_save();
    note(&mut s, "磁盘满了");
    run_autosave(&mut s);
    assert_eq!(s.save_state(), SaveState::Failed);
    run_autosave(&mut s); // into the recovery file meanwhile
    // Not hammered: the next try waits for its back-off.
    match s.autosave(Instant::now() + AUTOSAVE_DELAY) {
        Autosave::WaitFor(wait) => {
            assert!(wait > Duration::ZERO && wait <= RETRY_FIRST, "{wait:?}")
        }
        other => panic!("a retry is scheduled: {other:?}"),
    }
    std::fs::create_dir_all(dir.path().join("gone")).unwrap(); // room again
    let retry = match s.autosave(Instant::now() + RETRY_MAX) {
        Autosave::Run(effect) => effect,
        other => panic!("the notes file is tried again: {other:?}"),
    };
    apply_outcome(&mut s, retry);
    assert_eq!(s.save_state(), SaveState::Saved);
    assert_eq!(texts_in(&path), ["磁盘满了"]);
}

#[test]
fn retries_back_off_while_the_disk_stays_full() {
    let (_dir, _path, mut s) = session_that_cannot_save();
    note(&mut s, "还是满的");
    run_autosave(&mut s);
    run_autosave(&mut s); // recovery
    let mut waits = Vec::new();
    for _ in 0..4 {
        let retry = match s.autosave(Instant::now() + RETRY_MAX) {
            Autosave::Run(effect) => effect,
            other => panic!("{other:?}"),
        };
        apply_outcome(&mut s, retry);
        match s.autosave(Instant::now() + AUTOSAVE_DELAY) {
            Autosave::WaitFor(wait) => waits.push(wait),
            other => panic!("{other:?}"),
        }
    }
    assert!(waits.windows(2).all(|w| w[1] > w[0]), "{waits:?}");
    assert!(waits.iter().all(|w| *w <= RETRY_MAX));
}
