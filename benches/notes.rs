//! Notes files: save and load 1 000 and 10 000 notes, and re-anchor 10 000 highlights
//! after loading them (on the talk they were made on, and on an edited version of it).
//!
//! `cargo bench --bench notes` (budgets: save 10 000 notes < 30 ms on a background
//! thread; load 10 000 notes and anchor them < 100 ms).
//!
//! Files go to a temporary folder under `target/tmp` (the real disk, so `save`'s
//! flushes cost what they cost), not to `/tmp`, which may be in memory.

mod common;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;
use talkdeck::anchor::{self, AnchorSummary};
use talkdeck::notes;
use talkdeck::session::{Command, Effect, Session};
use talkdeck::talk::parse_text;

fn bench_notes(c: &mut Criterion) {
    let talk = common::large_talk();
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let mut group = c.benchmark_group("notes");
    group
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));

    for count in [1_000, 10_000] {
        let doc = common::notes_for(&talk, count);
        let path = dir.path().join(format!("n{count}.notes.json"));
        let mut stamp = notes::save_checked(&path, &doc, None).unwrap();
        eprintln!(
            "notes/{count}: file of {} bytes",
            std::fs::metadata(&path).unwrap().len()
        );
        // The whole save, as autosave does it after an edit (so the file changes): write
        // the text, check it loads back, check that the file is still the one last saved
        // (no other program changed it), keep it as `.bak`, write a temporary file,
        // flush, rename. The edited copy is made outside the measurement.
        let mut edits = 0u64;
        group.bench_function(format!("save/{count}"), |b| {
            b.iter_batched(
                || {
                    edits += 1;
                    let mut edited = doc.clone();
                    let note = edited.cards.values_mut().next().unwrap();
                    note[0].text = format!("edit {edits}");
                    edited
                },
                |edited| {
                    stamp = notes::save_checked(black_box(&path), &edited, Some(&stamp)).unwrap()
                },
                BatchSize::LargeInput,
            )
        });
        // The same in a memory file system, where flushing costs nothing: the CPU part.
        if let Ok(shm) = tempfile::tempdir_in("/dev/shm") {
            let path = shm.path().join("n.notes.json");
            let mut stamp = notes::save_checked(&path, &doc, None).unwrap();
            group.bench_function(format!("save-in-memory-fs/{count}"), |b| {
                b.iter_batched(
                    || {
                        edits += 1;
                        let mut edited = doc.clone();
                        let note = edited.cards.values_mut().next().unwrap();
                        note[0].text = format!("edit {edits}");
                        edited
                    },
                    |edited| {
                        stamp =
                            notes::save_checked(black_box(&path), &edited, Some(&stamp)).unwrap()
                    },
                    BatchSize::LargeInput,
                )
            });
        }
        group.bench_function(format!("load/{count}"), |b| {
            b.iter(|| notes::load(black_box(&path)).unwrap())
        });
        // The parts of a save, to see where its time goes.
        group.bench_function(format!("to_json/{count}"), |b| {
            b.iter(|| notes::to_json(black_box(&doc)))
        });
        let text = notes::to_json(&doc);
        group.bench_function(format!("from_json/{count}"), |b| {
            b.iter(|| notes::from_json(black_box(&text), Path::new("x.json")).unwrap())
        });
        // What the UI thread pays for an edit and for starting its save (the save effect
        // shares the notes; the worker thread writes them).
        let mut session = Session::new(talk.clone(), "bench.txt", None);
        common::open_notes(&mut session, &path);
        let id = session.notes().all().next().unwrap().1.id;
        group.bench_function(format!("edit+start-save-on-ui-thread/{count}"), |b| {
            b.iter(|| {
                edits += 1;
                let text = format!("edit {edits}");
                session.apply(Command::EditNote { id, text });
                let effect = session.apply(Command::Save);
                assert!(matches!(effect, Some(Effect::Save { .. })));
                effect
            })
        });
    }
    group.finish();

    // Highlights: 10 000 notes, every one a highlight, loaded and re-anchored.
    let mut group = c.benchmark_group("anchor");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    let doc = common::anchored_notes_for(&talk, 10_000, 1);
    let path = common::save_to(dir.path(), &doc);
    let anchors = common::anchors_of(&doc);
    assert!(anchors.len() > 9_000, "{} anchors", anchors.len());
    eprintln!(
        "anchor: 10000 highlights, file of {} bytes",
        std::fs::metadata(&path).unwrap().len()
    );
    let edited = parse_text(&common::edited(&common::transcript(1000, 1_500_000)));
    for (name, on) in [("same-talk", &talk), ("edited-talk", &edited)] {
        let summary = AnchorSummary::of(&anchor::anchor_all(&anchors, on));
        eprintln!("anchor/{name}: {summary:?}");
        group.bench_function(format!("anchor_all-10000/{name}"), |b| {
            b.iter(|| anchor::anchor_all(black_box(&anchors), on))
        });
        // The budget's case, as the app does it: the worker thread loads the file and
        // anchors every highlight, then the session takes the notes in (on the UI thread).
        let mut session = Session::new(on.clone(), "bench.txt", None);
        group.bench_function(format!("load+anchor-10000/{name}"), |b| {
            b.iter(|| common::open_notes(&mut session, black_box(&path)))
        });
        // Just the UI thread's part of it.
        let load = common::load_notes(&mut session, &path);
        group.bench_function(format!("ui-thread-take-in-10000/{name}"), |b| {
            b.iter_batched(
                || load.clone().run(),
                |outcome| session.apply(Command::Done(outcome)),
                BatchSize::LargeInput,
            )
        });
        // The same into a session with no notes yet (the app's first open): nothing of
        // the old notes to free.
        group.bench_function(format!("ui-thread-take-in-10000/{name}/first-open"), |b| {
            b.iter_batched(
                || {
                    let fresh = Session::new(on.clone(), "bench.txt", None);
                    (fresh, load.clone().run())
                },
                |(mut fresh, outcome)| {
                    fresh.apply(Command::Done(outcome));
                    fresh
                },
                BatchSize::LargeInput,
            )
        });
        // Once more outside criterion, so the checks hold when a filter skipped the runs.
        common::open_notes(&mut session, &path);
        assert_eq!(session.notes().total(), 10_000);
        assert_eq!(
            session.orphans().len(),
            summary.orphaned,
            "the session anchored the highlights"
        );
    }
    group.bench_function("talk-index-build/1000-cards", |b| {
        b.iter(|| anchor::TalkIndex::new(black_box(&talk)))
    });
    group.finish();
}

criterion_group!(benches, bench_notes);
criterion_main!(benches);
