//! Test data for the benchmarks, all made in code from the seed talk: synthetic
//! transcripts of any size and section count, and notes spread over a talk's cards.
//!
//! Each bench includes this file (`mod common;`); not every bench uses every helper.
#![allow(dead_code)]

use std::path::Path;
use talkdeck::anchor::{self, Anchor};
use talkdeck::notes::{Colour, Highlight, NotesDoc};
use talkdeck::session::{Command, Effect, Session};
use talkdeck::talk::{self, Talk};
use time::OffsetDateTime;

/// The seed's lines up to (not including) its first numbered section: the title, the
/// captions, the lede, the transcript marker and the opening.
fn seed_header() -> &'static str {
    let seed = talkdeck::SEED_TALK;
    let start = seed.find("\n1、").expect("the seed has a section 1") + 1;
    &seed[..start]
}

/// Section headings of the seed without their numbers (the closing `结语` left out).
fn seed_titles() -> Vec<&'static str> {
    talkdeck::SEED_TALK
        .lines()
        .filter_map(|l| {
            let (n, rest) = l.split_once('、')?;
            (n.len() <= 2 && n.bytes().all(|b| b.is_ascii_digit()) && rest != "结语")
                .then_some(rest)
        })
        .collect()
}

/// The body paragraphs of the seed's sections (no headings, no numbered list lines).
fn seed_paragraphs() -> Vec<&'static str> {
    let seed = talkdeck::SEED_TALK;
    let start = seed.find("\n1、").unwrap();
    let end = seed.find("\n7、结语").unwrap();
    seed[start..end]
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with(|c: char| c.is_ascii_digit()))
        .collect()
}

/// The seed's closing section body and the web-page junk after it.
fn seed_tail() -> &'static str {
    let seed = talkdeck::SEED_TALK;
    let start = seed.find("\n7、结语").unwrap() + "\n7、结语".len();
    &seed[start..]
}

/// A transcript shaped like the seed (title, captions, lede, opening, numbered sections
/// `1、` … `N、结语`, web junk at the end) of about `bytes` bytes with `sections`
/// numbered sections, the last one the closing. The sections' paragraphs are the seed's,
/// in rotation, each section with one sentence of its own so no two are the same.
pub fn transcript(sections: usize, bytes: usize) -> String {
    assert!(sections >= 2);
    let header = seed_header();
    let tail = seed_tail();
    let titles = seed_titles();
    let paragraphs = seed_paragraphs();
    let per_section = bytes.saturating_sub(header.len() + tail.len()) / (sections - 1);
    let mut out = String::with_capacity(bytes + 4096);
    out.push_str(header);
    let mut next = 0;
    for i in 1..sections {
        let title = titles[(i - 1) % titles.len()];
        out.push_str(&format!("{i}、{title}（{i}）\n\n"));
        let start = out.len();
        out.push_str(&format!(
            "第{i}节补充说明：这一部分讨论第{i}个问题，编号{i}，供检索与定位使用。\n\n"
        ));
        // Whole paragraphs, as many as come closest to the section's share.
        while out.len() - start + paragraphs[next % paragraphs.len()].len() / 2 < per_section {
            out.push_str(paragraphs[next % paragraphs.len()]);
            out.push_str("\n\n");
            next += 1;
        }
    }
    out.push_str(&format!("{sections}、结语"));
    out.push_str(tail);
    out
}

/// About 1.5 MB (≈100× the seed) with 600 numbered sections.
pub fn transcript_1_5mb() -> String {
    transcript(600, 1_500_000)
}

/// The big talk of the budgets: 1 000 numbered sections (≈1.5 MB), parsed.
pub fn large_talk() -> Talk {
    talk::parse_text(&transcript(1000, 1_500_000))
}

pub fn seed_talk() -> Talk {
    talk::parse_text(talkdeck::SEED_TALK)
}

const PHRASES: &[&str] = &[
    "推理模型让规模效应继续",
    "多模态是通往 AGI 的关键",
    "Agents will change how software is sold",
    "具身智能需要更多真实数据",
    "ToB 市场在中国仍然很小",
    "Scaling law is not slowing down",
    "AI 操作系统与新生态",
    "follow up: compare with last year's keynote",
    "机器人与大模型结合",
    "question for the Q&A: what about energy costs?",
    "自主智能的世界",
    "check the numbers on GPU demand",
];

const TAGS: &[&str] = &["推理", "agent", "多模态", "todo", "机器人", "quote"];

/// A fixed time, so every run makes the same notes.
fn when() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(1_764_400_000).unwrap()
}

/// `count` notes spread round-robin over the talk's cards, some with tags, a mix of
/// Chinese and English of 20–120 characters each.
pub fn notes_for(talk: &Talk, count: usize) -> NotesDoc {
    let mut doc = NotesDoc::new(&talk.title, &talk.fingerprint);
    let cards = &talk.cards;
    for i in 0..count {
        let card = &cards[i % cards.len()];
        let a = PHRASES[i % PHRASES.len()];
        let b = PHRASES[(i * 7 + 3) % PHRASES.len()];
        let text = if i % 3 == 0 {
            format!("笔记 {i}：{a}。{b}。")
        } else {
            format!("Note {i}: {a}; {b}.")
        };
        let id = doc.add(&card.id, &text, when());
        if i % 4 == 0 {
            let note = doc.find_mut(id).unwrap();
            note.tags = vec![TAGS[i % TAGS.len()].to_owned()];
        }
    }
    doc
}

/// Like [`notes_for`], every `every`-th note a highlight: a 6–25 char passage of its
/// card's speaker notes, with the W3C selectors the app stores.
pub fn anchored_notes_for(talk: &Talk, count: usize, every: usize) -> NotesDoc {
    let mut doc = notes_for(talk, count);
    let cards: std::collections::HashMap<&str, (usize, &talk::Card)> = talk
        .cards
        .iter()
        .map(|c| (c.id.as_str(), (anchor::notes_text(c).chars().count(), c)))
        .collect();
    let mut i = 0usize;
    for (card_id, notes) in &mut doc.cards {
        let (len, card) = cards[card_id.as_str()];
        for note in notes {
            i += 1;
            if len < 40 || !i.is_multiple_of(every) {
                continue;
            }
            let start = (i * 7919) % (len - 30);
            let end = start + 6 + i % 20;
            note.highlight = anchor::make_anchor(card, start, end).map(|target| Highlight {
                target,
                colour: Colour::ALL[i % Colour::ALL.len()],
                key_point: i.is_multiple_of(10),
            });
        }
    }
    doc
}

/// The targets of the highlights in the notes.
pub fn anchors_of(doc: &NotesDoc) -> Vec<Anchor> {
    doc.all()
        .filter_map(|(_, n)| n.highlight.as_ref().map(|h| h.target.clone()))
        .collect()
}

/// Opens the notes file `path` in `session` the way the app does: the load, which also
/// anchors every highlight (the worker thread's part), then the outcome applied to the
/// session (the UI thread's part).
pub fn open_notes(session: &mut Session, path: &Path) {
    let outcome = load_notes(session, path).run();
    session.apply(Command::Done(outcome));
}

/// What `session` asks the worker thread to do to open the notes file `path`.
pub fn load_notes(session: &mut Session, path: &Path) -> Effect {
    let effect = session.apply(Command::OpenNotes(path.to_path_buf()));
    effect.expect("opening notes is I/O")
}

/// Writes `doc` with the app's save (atomic, with a backup) into `dir`.
pub fn save_to(dir: &Path, doc: &NotesDoc) -> std::path::PathBuf {
    let path = dir.join("bench.notes.json");
    talkdeck::notes::save(&path, doc).unwrap();
    path
}

/// The same transcript after an edit: every section's own first sentence is longer (so
/// every highlight after it moves) and one phrase is respelled everywhere (so the
/// highlights quoting it only match approximately).
pub fn edited(transcript: &str) -> String {
    transcript
        .replace("补充说明：", "补充说明（修订版，增加了一句话）：")
        .replace("Scaling Law", "Scaling-law")
}

/// A deck of `n` slides in each dialect's own markup, each slide with a heading, a line of
/// text and a speaker note; Slidev's with a per-slide front matter on every slide.
pub fn decks(n: usize) -> Vec<(&'static str, String)> {
    let mut slidev = String::from("---\ntheme: default\ntitle: Big\n---\n\n");
    let mut marp = String::from("---\nmarp: true\n---\n\n");
    let mut reveal = String::new();
    let mut presenterm = String::from("---\ntitle: Big\n---\n\n");
    for i in 1..=n {
        if i > 1 {
            slidev.push_str("---\nlayout: default\n---\n\n");
            marp.push_str("---\n\n");
            reveal.push_str("---\n\n");
            presenterm.push_str("<!-- end_slide -->\n\n");
        }
        slidev.push_str(&format!(
            "# Slide {i}\n\nText {i}\n\n<!--\nSay {i}\n-->\n\n"
        ));
        marp.push_str(&format!("# Slide {i}\n\nText {i}\n\n<!-- Say {i} -->\n\n"));
        reveal.push_str(&format!("# Slide {i}\n\nText {i}\n\nNote: Say {i}\n\n"));
        presenterm.push_str(&format!(
            "# Slide {i}\n\nText {i}\n\n<!-- speaker_note: Say {i} -->\n\n"
        ));
    }
    vec![
        ("slidev", slidev),
        ("marp", marp),
        ("reveal", reveal),
        ("presenterm", presenterm),
    ]
}
