//! Notes → the file's text: known keys first in a fixed order, unknown ones kept.

use super::{FORMAT, SCHEMA_VERSION};
use crate::notes::{Extra, Highlight, NotesDoc};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use time::{OffsetDateTime, UtcOffset};
use uuid::Uuid;

/// Top-level keys this version owns; an `extra` entry with one of these names is never
/// written (it would duplicate or contradict the real field).
const TOP_KEYS: &[&str] = &[
    "format",
    "version",
    "talk",
    "cards",
    "starred",
    "titles",
    "rehearsal",
    "saved",
];
const TALK_KEYS: &[&str] = &["title", "fingerprint"];
const NOTE_KEYS: &[&str] = &["id", "text", "tags", "created", "modified", "highlight"];

// ---------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u32,
    talk: TalkOut<'a>,
    cards: BTreeMap<&'a str, Vec<NoteOut<'a>>>,
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    starred: &'a BTreeSet<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    titles: &'a BTreeMap<String, String>,
    #[serde(skip_serializing_if = "crate::rehearsal::RehearsalLog::is_empty")]
    rehearsal: &'a crate::rehearsal::RehearsalLog,
    #[serde(flatten)]
    extra: BTreeMap<&'a str, &'a Value>,
}

#[derive(Serialize)]
struct TalkOut<'a> {
    title: &'a str,
    fingerprint: &'a str,
    #[serde(flatten)]
    extra: BTreeMap<&'a str, &'a Value>,
}

#[derive(Serialize)]
struct NoteOut<'a> {
    id: Uuid,
    text: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    #[serde(with = "time::serde::rfc3339")]
    created: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    modified: OffsetDateTime,
    #[serde(skip_serializing_if = "Option::is_none")]
    highlight: Option<&'a Highlight>,
    #[serde(flatten)]
    extra: BTreeMap<&'a str, &'a Value>,
}

fn extra_out<'a>(extra: &'a Extra, known: &[&str]) -> BTreeMap<&'a str, &'a Value> {
    extra
        .iter()
        .filter(|(k, _)| !known.contains(&k.as_str()))
        .map(|(k, v)| (k.as_str(), v))
        .collect()
}

impl<'a> FileOut<'a> {
    fn new(doc: &'a NotesDoc) -> Self {
        let cards = doc
            .cards
            .iter()
            .map(|(card, notes)| {
                let notes = notes
                    .iter()
                    .map(|n| NoteOut {
                        id: n.id,
                        text: &n.text,
                        tags: &n.tags,
                        created: normalize_time(n.created),
                        modified: normalize_time(n.modified),
                        highlight: n.highlight.as_ref(),
                        extra: extra_out(&n.extra, NOTE_KEYS),
                    })
                    .collect();
                (card.as_str(), notes)
            })
            .collect();
        Self {
            format: FORMAT,
            version: SCHEMA_VERSION,
            talk: TalkOut {
                title: &doc.talk.title,
                fingerprint: &doc.talk.fingerprint,
                extra: extra_out(&doc.talk.extra, TALK_KEYS),
            },
            cards,
            starred: &doc.starred,
            titles: &doc.titles,
            rehearsal: &doc.rehearsal,
            extra: extra_out(&doc.extra, TOP_KEYS),
        }
    }
}

/// Makes a time representable in RFC 3339: offsets with seconds or beyond ±23:59 become
/// UTC (the same instant), years outside 0000–9999 are clamped. Real timestamps are
/// unchanged.
pub(super) fn normalize_time(t: OffsetDateTime) -> OffsetDateTime {
    let offset = t.offset();
    let t = if offset.seconds_past_minute() != 0 || offset.whole_hours().unsigned_abs() > 23 {
        t.checked_to_offset(UtcOffset::UTC).unwrap_or(t)
    } else {
        t
    };
    if (0..10_000).contains(&t.year()) {
        return t;
    }
    match t.checked_to_offset(UtcOffset::UTC) {
        Some(utc) if (0..10_000).contains(&utc.year()) => utc,
        _ if t.year() < 0 => time::macros::datetime!(0000-01-01 00:00:00 UTC),
        _ => time::macros::datetime!(9999-12-31 23:59:59.999_999_999 UTC),
    }
}

pub(super) fn try_to_json(doc: &NotesDoc) -> Result<String, serde_json::Error> {
    // Sized up front: growing a 3 MB buffer by doubling copies it a dozen times.
    let estimate = doc
        .all()
        .map(|(_, n)| 320 + n.text.len() + n.highlight.as_ref().map_or(0, |_| 640))
        .sum::<usize>();
    let mut bytes = Vec::with_capacity(estimate + 4096);
    serde_json::to_writer_pretty(&mut bytes, &FileOut::new(doc))?;
    bytes.push(b'\n');
    // serde_json writes UTF-8 only.
    Ok(String::from_utf8(bytes).expect("serde_json writes UTF-8"))
}

/// The file's text: pretty-printed JSON ending in a newline, known keys first in a fixed
/// order, unknown ones after them sorted. The same notes always give the same text.
pub fn to_json(doc: &NotesDoc) -> String {
    // Cannot fail: every map key is a string, no floats are produced, and the times are
    // normalized to what RFC 3339 can represent.
    try_to_json(doc).expect("serializing notes cannot fail")
}
