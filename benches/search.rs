//! Find (Ctrl+F) on the 1 000-card talk with 10 000 notes: building the index, refolding
//! the notes after an edit, and the search run on every keystroke while typing a Chinese
//! and an English query (as the window runs it: at most 500 hits; and unlimited).
//!
//! `cargo bench --bench search` (budget: < 16 ms per keystroke on 1 000 cards).

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;
use talkdeck::placement::Placed;
use talkdeck::search::SearchIndex;

/// What the window lists at most (`ui::search::MAX_HITS`).
const MAX_HITS: usize = 500;

/// Every prefix of `query`, one per keystroke.
fn keystrokes(query: &str) -> Vec<&str> {
    query
        .char_indices()
        .map(|(i, c)| &query[..i + c.len_utf8()])
        .collect()
}

fn bench_search(c: &mut Criterion) {
    let talk = common::large_talk();
    let notes = common::notes_for(&talk, 10_000);
    let mut group = c.benchmark_group("search");
    group
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));

    group.bench_function("index-build/1000-cards-10000-notes", |b| {
        let placed = Placed::new(&talk, &notes, None);
        b.iter(|| SearchIndex::new(black_box(&talk), black_box(&placed)))
    });
    let placed = Placed::new(&talk, &notes, None);
    let mut index = SearchIndex::new(&talk, &placed);
    // Typing in a note while Find is open refolds the notes once per change.
    group.bench_function("update-notes/10000-notes", |b| {
        b.iter(|| index.update_notes(black_box(&talk), black_box(&placed)))
    });

    for (name, query) in [
        ("zh-具身智能", "具身智能"),
        ("en-scaling law", "scaling law"),
        ("zh-rare-第999节", "第999节"),
        ("en-notes-compare with", "compare with"),
    ] {
        let typed = keystrokes(query);
        for q in &typed {
            eprintln!("search/{name}: {q:?} → {} hits", index.search(q).len());
        }
        // One iteration = typing the whole query, one search per keystroke; criterion's
        // time divided by the number of keystrokes is the time per keystroke.
        group.bench_function(
            format!("typing-limited-500/{name}/{}-keys", typed.len()),
            |b| {
                b.iter(|| {
                    for q in &typed {
                        black_box(index.search_limited(black_box(q), MAX_HITS));
                    }
                })
            },
        );
        group.bench_function(format!("full-query-unlimited/{name}"), |b| {
            b.iter(|| index.search(black_box(query)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_search);
criterion_main!(benches);
