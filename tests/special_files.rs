//! The window's File › Open and the notes it opens, given a path that is no regular file:
//! a named pipe used to block the I/O thread for ever (the window then "did nothing"), a
//! device to be read until the memory ran out. Both are refused at once with a message
//! naming the file, through the same loader as the command line.
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::Command as Process;
use talkdeck::session::{Command, Session};

/// Applies `command` and runs the effects it leads to, as the window's I/O thread does.
fn apply(session: &mut Session, command: Command) {
    if let Some(effect) = session.apply(command) {
        let outcome = effect.run();
        apply(session, Command::Done(outcome));
    }
}

fn fifo(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    assert!(
        Process::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap()
            .success()
    );
    path
}

fn seed_session(dir: &Path) -> Session {
    let talk = dir.join("talk.txt");
    std::fs::write(&talk, talkdeck::SEED_TALK).unwrap();
    Session::open(talk).unwrap()
}

#[test]
fn file_open_of_a_fifo_says_what_it_is_and_keeps_the_talk() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = seed_session(dir.path());
    let title = s.talk().title.clone();
    let pipe = fifo(dir.path(), "pipe.md");
    apply(&mut s, Command::OpenTalk(pipe));
    let notice = s.notice().expect("a message");
    assert!(
        notice.text().contains("pipe.md") && notice.text().contains("named pipe (FIFO)"),
        "{}",
        notice.text()
    );
    assert_eq!(s.talk().title, title, "the open talk stays");
}

#[test]
fn a_talk_at_a_device_is_refused_at_once() {
    let e = Session::open(PathBuf::from("/dev/zero")).err().unwrap();
    assert!(
        e.to_string().contains("/dev/zero") && e.to_string().contains("a device, not a file"),
        "{e}"
    );
}
