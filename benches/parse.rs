//! Parsing a transcript into cards: the seed, the 1.5 MB / 600-section budget case, a
//! 1 000-section talk, and 0.5 / 1 / 1.5 MB to show the time grows linearly with size.
//!
//! `cargo bench --bench parse` (budget: 1.5 MB in < 100 ms, linear in size). Also
//! degenerate inputs, which must stay linear too (`parse-pathological`), and 100 000-slide
//! decks of each dialect (`parse-100k-slides`, well under 2 s each).

mod common;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;
use talkdeck::talk::{Talk, parse_markdown, parse_text};

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

/// One of talkdeck's two talk parsers.
type Parser = fn(&str) -> Talk;

/// Degenerate inputs (one construct repeated hundreds of thousands of times), for the
/// plain-text and the Markdown parser: each should take about what a talk of its size
/// takes, never quadratic time.
fn pathological(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse-pathological");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    let cases: Vec<(&str, String)> = vec![
        ("numbered lines", "1、a\n".repeat(300_000)),
        (
            "rising numbers",
            (1..200_000)
                .map(|i| format!("{i}、标题\n\n内容。\n\n"))
                .collect(),
        ),
        ("punctuation", "。".repeat(500_000)),
        ("one word", "a".repeat(1_500_000)),
        ("periods", "a. ".repeat(500_000)),
        ("dots", "a.".repeat(750_000)),
        ("di", "第一，\n".repeat(150_000)),
        ("captions", "某某公司创始人 张三\n".repeat(60_000)),
        ("han no punct", "中".repeat(500_000)),
        ("quotes", "“".repeat(500_000)),
        ("semicolons", "长句子内容；".repeat(100_000)),
        ("commas", "长句子内容，".repeat(100_000)),
        ("dates", "12月7日".repeat(200_000)),
        (
            "wrapped",
            format!("{}\n", "word ".repeat(14)).repeat(20_000),
        ),
        ("transcript", "transcript\n".repeat(100_000)),
    ];
    let text_cases = cases;
    let markdown_cases: Vec<(&str, String)> = vec![
        ("rules", "\n---\n".repeat(200_000)),
        ("end_slide", "<!-- end_slide -->\n".repeat(100_000)),
        ("open comments", "<!-- ".repeat(200_000)),
        ("inline comments", "a <!-- b --> ".repeat(100_000)),
        ("bullets", "- a\n".repeat(200_000)),
        (
            "nested bullets",
            (0..2_000)
                .map(|i| format!("{}- a\n", "  ".repeat(i)))
                .collect(),
        ),
        ("quotes", ">".repeat(100_000)),
        ("headings", "## 1. a\n\n".repeat(100_000)),
        ("note lines", "Note: a\n".repeat(100_000) + "\n---\n"),
        ("setext", "a\n===\n\n".repeat(100_000)),
        (
            "front matter",
            format!("---\n{}---\n# a\n", "k: v\n".repeat(100_000)),
        ),
        ("emphasis", "*a **b ".repeat(100_000)),
        ("han", "中文段落。".repeat(200_000)),
    ];
    let parsers: [(&str, Parser, _); 2] = [
        ("text", parse_text, text_cases),
        ("markdown", parse_markdown, markdown_cases),
    ];
    for (kind, parse, cases) in parsers {
        for (name, text) in cases {
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_function(format!("{kind}/{name}"), |b| {
                b.iter(|| parse(black_box(&text)))
            });
        }
    }
    group.finish();
}

/// A 3-hour SRT (3 000 cues, Chinese and English talks made in code from the seed and a
/// word list) read, joined into paragraphs and cut into topic cards: what the I/O
/// thread does when such a file is opened. jieba's dictionary is loaded before timing
/// (once per process, ~120 ms, not per file).
fn subtitles(c: &mut Criterion) {
    use talkdeck::talk::{parse_for_path, segment};
    let zh_sentences: Vec<&str> = talkdeck::SEED_TALK
        .split(['。', '\n'])
        .map(str::trim)
        .filter(|s| s.chars().count() >= 8)
        .collect();
    let words = "model data energy battery garden water school city river storm network \
                 sensor budget price family council engineer pipe leak summer rain";
    let words: Vec<&str> = words.split_whitespace().collect();
    let srt = |zh: bool| {
        let mut out = String::new();
        for i in 0..3000usize {
            let (start, end) = (i as f64 * 3.6, i as f64 * 3.6 + 3.2);
            let text = if zh {
                format!("{}。", zh_sentences[i % zh_sentences.len()])
            } else {
                let topic = (i / 300) * 3;
                let w = |k: usize| words[(topic + k + i % 3) % words.len()];
                format!(
                    "The {} and the {} need a new {} this year.",
                    w(0),
                    w(1),
                    w(2)
                )
            };
            let ts = |t: f64| {
                let ms = (t * 1000.0) as u64;
                format!(
                    "{:02}:{:02}:{:02},{:03}",
                    ms / 3_600_000,
                    ms / 60_000 % 60,
                    ms / 1000 % 60,
                    ms % 1000
                )
            };
            out.push_str(&format!(
                "{}\n{} --> {}\n{text}\n\n",
                i + 1,
                ts(start),
                ts(end)
            ));
        }
        out
    };
    let _ = segment::words("预热", true);
    let mut group = c.benchmark_group("subtitles");
    group.sample_size(10);
    for (name, zh) in [
        ("3h-srt-3000-cues-en", false),
        ("3h-srt-3000-cues-zh", true),
    ] {
        let text = srt(zh);
        let path = std::path::Path::new("talk.srt");
        let cards = parse_for_path(path, &text).cards.len();
        assert!((10..=120).contains(&cards), "{name}: {cards} cards");
        group.bench_function(name, |b| b.iter(|| parse_for_path(path, black_box(&text))));
    }
    group.finish();
}

/// A 100 000-slide deck of each dialect, read from a file as `outline` and the window read
/// it (Slidev's imports looked for, then the slides parsed). Budget: well under 2 s each,
/// growing linearly with the slides (it was quadratic: over 60 s).
fn hundred_thousand_slides(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse-100k-slides");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(8));
    let dir = tempfile::tempdir().unwrap();
    for (dialect, text) in common::decks(100_000) {
        let path = dir.path().join(format!("{dialect}.md"));
        std::fs::write(&path, &text).unwrap();
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(dialect, |b| {
            b.iter(|| talkdeck::talk::load_talk(black_box(&path)).unwrap())
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    parse,
    pathological,
    subtitles,
    hundred_thousand_slides
);
criterion_main!(benches);
