//! The recap export (Markdown and Marp deck) for the seed with notes and for the
//! 1 000-card talk with 10 000 notes.
//!
//! `cargo bench --bench recap`.

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;
use talkdeck::export::recap::{self, Lang, RecapOptions};

fn bench_recap(c: &mut Criterion) {
    let mut group = c.benchmark_group("recap");
    group
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));

    let seed = common::seed_talk();
    let large = common::large_talk();
    let cases = [
        ("seed-30-notes", &seed, common::notes_for(&seed, 30)),
        (
            "1000-cards-10000-notes",
            &large,
            common::notes_for(&large, 10_000),
        ),
    ];
    let en = RecapOptions::default();
    let zh = RecapOptions {
        language: Lang::Zh,
        ..RecapOptions::default()
    };
    for (name, talk, notes) in &cases {
        eprintln!(
            "recap/{name}: markdown of {} bytes",
            recap::markdown(talk, notes, &en).len()
        );
        group.bench_function(format!("markdown-en/{name}"), |b| {
            b.iter(|| recap::markdown(black_box(talk), black_box(notes), &en))
        });
        group.bench_function(format!("markdown-zh/{name}"), |b| {
            b.iter(|| recap::markdown(black_box(talk), black_box(notes), &zh))
        });
        group.bench_function(format!("marp/{name}"), |b| {
            b.iter(|| recap::marp_deck(black_box(talk), black_box(notes), &en))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_recap);
criterion_main!(benches);
