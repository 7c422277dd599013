//! Notes files: save and load 1 000 and 10 000 notes, and re-anchor 10 000 highlights
//! after loading them (on the talk they were made on, and on an edited version of it).
//!
//! `cargo bench --bench notes` (budgets: save 10 000 notes < 30 ms on a background
//! thread; load 10 000 notes and anchor them < 100 ms).
//!
//! Files go to a temporary folder under `target/tmp` (the real disk, so `save`'s
//! flushes cost what they cost), not to `/tmp`, which may be in memory.

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;
use talkdeck::anchor::{self, AnchorSummary};
use talkdeck::notes;
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
        notes::save(&path, &doc).unwrap();
        eprintln!(
            "notes/{count}: file of {} bytes",
            std::fs::metadata(&path).unwrap().len()
        );
        // The whole save: serialise, check it loads back, back up the old file, write a
        // temporary file, flush, rename.
        group.bench_function(format!("save/{count}"), |b| {
            b.iter(|| notes::save(black_box(&path), black_box(&doc)).unwrap())
        });
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
        // What the UI thread pays to start a save: the session clones the notes into the
        // save effect.
        group.bench_function(format!("clone-on-ui-thread/{count}"), |b| {
            b.iter(|| black_box(&doc).clone())
        });
    }
    group.finish();

    // Highlights: 10 000 notes each with an anchor, loaded and re-anchored.
    let mut group = c.benchmark_group("anchor");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    let doc = common::anchored_notes_for(&talk, 10_000);
    let path = common::save_to(dir.path(), &doc);
    let anchors = common::anchors_of(&doc);
    assert!(anchors.len() > 9_000, "{} anchors", anchors.len());
    let edited = parse_text(&common::edited(&common::transcript(1000, 1_500_000)));
    for (name, on) in [("same-talk", &talk), ("edited-talk", &edited)] {
        let summary = AnchorSummary::of(&anchor::anchor_all(&anchors, on));
        eprintln!("anchor/{name}: {summary:?}");
        group.bench_function(format!("anchor_all-10000/{name}"), |b| {
            b.iter(|| anchor::anchor_all(black_box(&anchors), on))
        });
        // The budget's case: load the file, read the anchors out of it, anchor them all.
        group.bench_function(format!("load+anchor-10000/{name}"), |b| {
            b.iter(|| {
                let doc = notes::load(black_box(&path)).unwrap();
                let anchors = common::anchors_of(&doc);
                anchor::anchor_all(&anchors, on)
            })
        });
    }
    group.bench_function("talk-index-build/1000-cards", |b| {
        b.iter(|| anchor::TalkIndex::new(black_box(&talk)))
    });
    group.finish();
}

criterion_group!(benches, bench_notes);
criterion_main!(benches);
