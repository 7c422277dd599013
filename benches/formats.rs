//! Each subtitle format of the formats table on a 3-hour file (2 700 cues, one every
//! 4 s, Chinese and English lines by turns): read, joined into paragraphs and cut into
//! topic cards, what the I/O thread does when such a file is opened (and the reader
//! alone, `-read-only`). Budget: < 100 ms per file. jieba's dictionary is loaded before
//! timing (once per process).
//!
//! A PowerPoint deck of 2 MB (300 slides of bullets, a table, a picture and notes, in
//! Chinese and English; `pptx-2MB-300-slides`), opened from disk as the window opens it.
//! Budget: < 300 ms.
//!
//! `cargo bench --bench formats` (`-- pptx` for the deck alone)

use criterion::{Criterion, criterion_group, criterion_main};
use std::fmt::Write;
use std::hint::black_box;
use std::path::Path;
use talkdeck::talk::{formats, parse_for_path, segment, subtitle};

const CUES: usize = 2700;

/// The cue's text: a sentence of the seed talk, or an English one, by topic.
fn line(i: usize, zh: &[&str]) -> (String, String) {
    let words = [
        "model", "data", "energy", "battery", "garden", "water", "school", "city", "river",
        "storm", "network", "sensor", "budget", "price", "family", "council",
    ];
    let topic = (i / 300) * 3;
    let w = |k: usize| words[(topic + k + i % 3) % words.len()];
    (
        format!("{}。", zh[i % zh.len()]),
        format!(
            "The {} and the {} need a new {} this year.",
            w(0),
            w(1),
            w(2)
        ),
    )
}

fn clock(t: f64, sep: char, digits: usize) -> String {
    let ms = (t * 1000.0) as u64;
    let frac = if digits == 2 {
        ms % 1000 / 10
    } else {
        ms % 1000
    };
    format!(
        "{}:{:02}:{:02}{sep}{:0digits$}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        frac
    )
}

/// The same talk in each format: (file name, text).
fn files() -> Vec<(&'static str, String)> {
    let zh: Vec<&str> = talkdeck::SEED_TALK
        .split(['。', '\n'])
        .map(str::trim)
        .filter(|s| s.chars().count() >= 8)
        .collect();
    let span = |i: usize| (i as f64 * 4.0, i as f64 * 4.0 + 3.6);
    let (mut ass, mut bcc, mut ttml, mut yt, mut sbv, mut lrc) = (
        String::new(),
        Vec::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    );
    ass.push_str("[Script Info]\nScriptType: v4.00+\n\n[V4+ Styles]\nFormat: Name, Fontname, Fontsize, PrimaryColour\nStyle: Default,Arial,20,&H00FFFFFF\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n");
    ttml.push_str("<?xml version=\"1.0\"?>\n<tt xmlns=\"http://www.w3.org/ns/ttml\"><body><div>\n");
    yt.push_str("<?xml version=\"1.0\" encoding=\"utf-8\" ?><transcript>");
    lrc.push_str("[ti:Bench]\n[ar:Someone]\n");
    for i in 0..CUES {
        let (s, e) = span(i);
        let (z, en) = line(i, &zh);
        let _ = writeln!(
            ass,
            "Dialogue: 0,{},{},Default,,0,0,0,,{{\\fad(100,100)}}{z}\\N{{\\fs30}}{en}",
            clock(s, '.', 2),
            clock(e, '.', 2)
        );
        bcc.push(serde_json::json!({"from": s, "to": e, "location": 2, "content": z}));
        let _ = writeln!(
            ttml,
            "<p begin=\"{s:.3}s\" end=\"{e:.3}s\">{z}<br/>{en}</p>"
        );
        let _ = write!(
            yt,
            "<text start=\"{s:.2}\" dur=\"3.6\">{}</text>",
            en.replace('\'', "&amp;#39;")
        );
        let _ = write!(sbv, "{},{}\n{en}\n\n", clock(s, '.', 3), clock(e, '.', 3));
        let _ = writeln!(lrc, "[{:02}:{:05.2}]{en}|{z}", (s as u64) / 60, s % 60.0);
    }
    ttml.push_str("</div></body></tt>\n");
    yt.push_str("</transcript>");
    let bcc = serde_json::json!({"font_size": 0.4, "body": bcc}).to_string();
    vec![
        ("talk.ass", ass),
        ("talk.json", bcc),
        ("talk.ttml", ttml),
        ("talk.xml", yt),
        ("talk.sbv", sbv),
        ("talk.lrc", lrc),
    ]
}

fn formats(c: &mut Criterion) {
    let _ = segment::words("预热", true);
    let mut group = c.benchmark_group("formats");
    group.sample_size(10);
    for (name, text) in files() {
        let path = Path::new(name);
        let talk = parse_for_path(path, &text);
        let cards = talk.cards.len();
        assert!((10..=150).contains(&cards), "{name}: {cards} cards");
        assert!(
            talk.cards.iter().all(|c| c.time.is_some()),
            "{name}: not read as subtitles"
        );
        group.bench_function(format!("3h-{}-2700-cues", &name[5..]), |b| {
            b.iter(|| parse_for_path(path, black_box(&text)))
        });
        // The reader alone (the rest is the segmentation every format shares).
        let reader = formats::choose(Some(&name[5..]), &text).expect("a reader");
        group.bench_function(format!("3h-{}-2700-cues-read-only", &name[5..]), |b| {
            b.iter(|| subtitle::parse(black_box(&text), reader).map(|t| t.cues.len()))
        });
    }
    group.finish();
}

#[path = "../tests/support/pptx.rs"]
mod pptx_fixture;

/// A deck of `slides` slides, each with a title split over runs, eight bullets on two
/// levels, a 4×4 table, a picture of `picture_bytes` bytes and three paragraphs of notes.
fn big_deck(slides: usize, picture_bytes: usize) -> Vec<u8> {
    use pptx_fixture::*;
    let zh = "规模定律依然有效，但数据的质量比数量更重要";
    let mut noise = 0x2545_F491_4F6C_DD1Du64;
    let deck: Vec<Slide> = (0..slides)
        .map(|k| {
            let bullets: String = (0..8)
                .map(|i| {
                    let text = format!("Point {i} of slide {k}: {zh}, and the cost grows");
                    para((i % 2) as u32, &[&text[..9], &text[9..]], "")
                })
                .collect();
            let cells: Vec<Vec<String>> = (0..4)
                .map(|r| (0..4).map(|c| format!("{zh} {r}{c}")).collect())
                .collect();
            let rows: Vec<Vec<&str>> = cells
                .iter()
                .map(|r| r.iter().map(String::as_str).collect())
                .collect();
            let rows: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
            // Bytes that do not compress, as a photo's do not.
            let mut bytes = tiny_png();
            bytes.extend((0..picture_bytes).map(|_| {
                noise ^= noise << 13;
                noise ^= noise >> 7;
                noise ^= noise << 17;
                noise as u8
            }));
            Slide {
                shapes: title(&["Slide ", &format!("{k}: 数据"), "规模"])
                    + &placeholder("body", 3, &bullets)
                    + &table(&rows)
                    + &picture("rIdPic1", "A chart"),
                notes: Some(notes(
                    &[
                        &format!("First, slide {k}: {zh}。"),
                        "Then the second point, slowly, with an example from the audience.",
                        "这里停一下，问大家有没有问题。",
                    ],
                    k + 1,
                )),
                pictures: vec![(format!("image{k}.png"), bytes)],
                ..Default::default()
            }
        })
        .collect();
    build(&deck, Some(("Bench deck", "Someone")))
}

fn pptx(c: &mut Criterion) {
    let bytes = big_deck(300, 4000);
    let mb = bytes.len() as f64 / 1e6;
    assert!((1.8..2.6).contains(&mb), "{mb} MB");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deck.pptx");
    std::fs::write(&path, &bytes).unwrap();
    let talk = talkdeck::talk::read_talk(&path).unwrap();
    assert_eq!(talk.cards.len(), 300);
    assert_eq!(talk.cards[299].paragraphs.len(), 3);
    let mut group = c.benchmark_group("formats");
    group.sample_size(10);
    group.bench_function("pptx-2MB-300-slides", |b| {
        b.iter(|| talkdeck::talk::read_talk(black_box(&path)).map(|t| t.cards.len()))
    });
    group.finish();
}

criterion_group!(benches, formats, pptx);
criterion_main!(benches);
