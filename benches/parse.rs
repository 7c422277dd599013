//! Parsing a transcript into cards: the seed, the 1.5 MB / 600-section budget case, a
//! 1 000-section talk, and 0.5 / 1 / 1.5 MB to show the time grows linearly with size.
//!
//! `cargo bench --bench parse` (budget: 1.5 MB in < 100 ms, linear in size).

mod common;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;
use talkdeck::talk::parse_text;

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));

    let seed = talkdeck::SEED_TALK;
    group.throughput(Throughput::Bytes(seed.len() as u64));
    group.bench_function("seed", |b| b.iter(|| parse_text(black_box(seed))));

    let big = common::transcript_1_5mb();
    let talk = parse_text(&big);
    assert!(
        talk.cards.len() >= 600,
        "the 1.5 MB transcript parses into {} cards",
        talk.cards.len()
    );
    eprintln!(
        "parse/1.5MB-600-sections: {} bytes, {} cards",
        big.len(),
        talk.cards.len()
    );
    group.throughput(Throughput::Bytes(big.len() as u64));
    group.bench_function("1.5MB-600-sections", |b| {
        b.iter(|| parse_text(black_box(&big)))
    });

    let thousand = common::transcript(1000, 1_500_000);
    eprintln!(
        "parse/1000-sections: {} bytes, {} cards",
        thousand.len(),
        parse_text(&thousand).cards.len()
    );
    group.throughput(Throughput::Bytes(thousand.len() as u64));
    group.bench_function("1000-sections", |b| {
        b.iter(|| parse_text(black_box(&thousand)))
    });
    group.finish();

    // Linearity: the same shape (one section per 2.5 KB) at three sizes; criterion's
    // throughput (bytes/s) should stay about the same.
    let mut group = c.benchmark_group("parse-linear");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    for (name, bytes) in [
        ("0.5MB", 500_000),
        ("1.0MB", 1_000_000),
        ("1.5MB", 1_500_000),
    ] {
        let text = common::transcript(bytes / 2_500, bytes);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| b.iter(|| parse_text(black_box(&text))));
    }
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
