//! The importers of other tools' notes (W3C Web Annotation, Hypothesis, pdfpc) on
//! arbitrary JSON: each must return notes and problems or an error, never panic; every
//! note it makes lands on a card of the talk, the notes merge without growing on a
//! second merge, and each export of the result reads back where it is JSON.
//!
//! Run: `cargo +nightly fuzz run notes_import --sanitizer none -- -max_total_time=120`

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use talkdeck::exchange;
use talkdeck::export::{Format, RecapOptions, Snapshot};
use talkdeck::notes::NotesDoc;
use talkdeck::talk::{Talk, parse_text};

static TALK: LazyLock<Talk> = LazyLock::new(|| parse_text(talkdeck::SEED_TALK));

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let talk = &*TALK;
    let now = time::OffsetDateTime::UNIX_EPOCH;
    let Ok(imported) = exchange::import_value(&value, talk, now) else {
        return;
    };
    for (card, _) in &imported.notes {
        assert!(talk.card_index(card).is_some(), "{card} is no card");
    }
    for problem in &imported.problems {
        assert!(!problem.contains('\n'), "{problem}");
    }
    let mut doc = NotesDoc::new(&talk.title, &talk.fingerprint);
    exchange::merge(&mut doc, imported.notes.clone());
    let once = doc.clone();
    let (counts, _) = exchange::merge(&mut doc, imported.notes);
    assert_eq!(counts.added, 0, "a second merge adds nothing");
    assert_eq!(doc, once);
    let snapshot = Snapshot::read(talk.clone(), doc, RecapOptions::default());
    for format in Format::all() {
        let text = snapshot.render(format);
        if matches!(format, Format::Pdfpc | Format::W3c) {
            let back: serde_json::Value = serde_json::from_str(&text).expect("it is JSON");
            exchange::import_value(&back, talk, now).expect("our file reads back");
        }
    }
});
