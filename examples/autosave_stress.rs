//! Autosave under stress: adds and edits notes through a [`Session`], exactly as the app
//! does, and lets autosave write them to a notes file after every change, printing
//! `saved N` (N = notes in the file) once each save is on disk.
//!
//! ```sh
//! cargo run --example autosave_stress -- NOTES.json [ROUNDS]
//! ```
//!
//! Without ROUNDS it runs until killed. `tests/notes_crash.rs` kills it (SIGKILL) at random
//! moments and checks that the file always loads and holds every note it was told about.
//! Notes are only ever added or edited, never removed, so the count only grows.

use std::path::Path;
use std::time::Instant;
use talkdeck::session::{AUTOSAVE_DELAY, Autosave, Command, SaveState, Session};

fn main() {
    let mut args = std::env::args_os().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: autosave_stress NOTES.json [ROUNDS]");
        std::process::exit(2);
    };
    let rounds = args
        .next()
        .map(|r| match r.to_str().and_then(|r| r.parse().ok()) {
            Some(n) => n,
            None => {
                eprintln!("ROUNDS must be a whole number");
                std::process::exit(2);
            }
        });
    if let Err(e) = run(Path::new(&path), rounds) {
        eprintln!("autosave_stress: {e}");
        std::process::exit(1);
    }
}

/// Applies a command and runs the I/O it asks for inline, feeding the outcome back.
fn apply(session: &mut Session, command: Command) {
    if let Some(effect) = session.apply(command) {
        let outcome = effect.run();
        apply(session, Command::Done(outcome));
    }
}

/// Opens (or starts) the notes file and edits it for `rounds` rounds, or forever.
pub fn run(path: &Path, rounds: Option<u64>) -> Result<(), String> {
    // Opening the notes takes the file's lock and sweeps what a killed run left behind,
    // as in the app.
    let mut session = Session::seed();
    apply(&mut session, Command::OpenNotes(path.to_path_buf()));
    if session.read_only().is_some() {
        return Err(format!("cannot open the notes: {:?}", session.notice()));
    }
    println!("opened {}", session.notes().total());
    let cards = session.card_count().max(1);

    let mut round: u64 = 0;
    while rounds.is_none_or(|r| round < r) {
        session.apply(Command::GoTo(round as usize % cards));
        session.apply(Command::AddNote);
        let id = session.created_note().ok_or("no note was added")?;
        for text in [
            format!("第 {round} 条"),
            format!("第 {round} 条笔记：autosave stress {round}"),
        ] {
            session.apply(Command::EditNote { id, text });
        }
        // Now and then also rewrite an older note.
        if round.is_multiple_of(3)
            && let Some(old) = session
                .notes()
                .cards
                .values()
                .flatten()
                .next()
                .map(|n| n.id)
        {
            let text = format!("改过 {round} 次");
            session.apply(Command::EditNote { id: old, text });
        }

        // Autosave, as if AUTOSAVE_DELAY had passed since the last change.
        match session.autosave(Instant::now() + AUTOSAVE_DELAY) {
            Autosave::Run(effect) => {
                let outcome = effect.run();
                session.apply(Command::Done(outcome));
            }
            other => return Err(format!("autosave did not run: {other:?}")),
        }
        if session.save_state() != SaveState::Saved {
            return Err(format!("autosave failed: {:?}", session.notice()));
        }
        println!("saved {}", session.notes().total());
        round += 1;
    }
    Ok(())
}
