//! Notes to and from W3C Web Annotation JSON-LD, so highlights and comments travel to and
//! from other annotation tools (Hypothesis, Zotero, …). All of talkdeck's W3C code is in
//! here: [`jsonld`] reads and writes the annotation JSON-LD itself (records with their
//! selectors); this file turns notes into records and back.

pub mod jsonld;

use super::Imported;
use crate::anchor;
use crate::notes::{Extra, Highlight, Note, NotesDoc};
use crate::placement::{self, Anchorings};
use crate::talk::Talk;
use jsonld::{AnnotationRecord, Motivation};
use std::collections::HashSet;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

/// The IRI that names a talk in exported annotations: its text's fingerprint.
pub fn talk_iri(talk: &Talk) -> String {
    format!("urn:talkdeck:talk:{}", talk.fingerprint)
}

/// The fingerprint of the talk that annotations name by [`talk_iri`] (the first one found),
/// so a file of them can be opened with its talk.
pub fn talk_fingerprint(value: &serde_json::Value) -> Option<String> {
    const PREFIX: &str = "urn:talkdeck:talk:";
    match value {
        serde_json::Value::String(s) => {
            let rest = s.strip_prefix(PREFIX)?;
            let fingerprint = rest.split('#').next().unwrap_or(rest);
            (!fingerprint.is_empty()).then(|| fingerprint.to_owned())
        }
        serde_json::Value::Array(items) => items.iter().find_map(talk_fingerprint),
        serde_json::Value::Object(map) => map.values().find_map(talk_fingerprint),
        _ => None,
    }
}

/// Every note as an annotation: highlights with their selectors, plain notes as
/// comments on their card.
/// Each annotation names the card the note is on ([`crate::placement`]; an orphan, the
/// card it is filed under).
pub fn export(doc: &NotesDoc, talk: &Talk, anchorings: Option<&Anchorings>) -> String {
    let ids: HashSet<&str> = talk.cards.iter().map(|c| c.id.as_str()).collect();
    let records: Vec<AnnotationRecord> = doc
        .all()
        .map(|(card, note)| AnnotationRecord {
            id: format!("urn:uuid:{}", note.id),
            card_id: placement::card_of(card, note, anchorings, |id| ids.contains(id))
                .unwrap_or(card)
                .to_owned(),
            comment: note.text.clone(),
            tags: note.tags.clone(),
            created: note.created.format(&Rfc3339).ok(),
            modified: note.modified.format(&Rfc3339).ok(),
            anchor: note.highlight.as_ref().map(|h| h.target.clone()),
            motivation: match (&note.highlight, note.text.is_empty()) {
                (Some(_), true) => Motivation::Highlighting,
                _ => Motivation::Commenting,
            },
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&jsonld::export(&records, &talk_iri(talk)))
        .expect("a JSON value always serializes");
    text.push('\n');
    text
}

/// Whether a JSON value looks like Web Annotation data rather than a talkdeck notes file.
pub fn looks_like_w3c(value: &serde_json::Value) -> bool {
    let is_annotation = |v: &serde_json::Value| {
        let kind = v.get("type").or_else(|| v.get("@type"));
        let kind = kind.and_then(|k| k.as_str()).unwrap_or_default();
        v.get("@context").is_some() || kind.contains("Annotation")
    };
    match value {
        serde_json::Value::Array(items) => items.first().is_some_and(is_annotation),
        other => is_annotation(other),
    }
}

/// Reads annotations into notes for `talk`. An annotation without a card is placed by
/// finding its quote anywhere in the talk; one whose quote is nowhere stays a highlight
/// with its selectors (an orphan) on the first card, never dropped.
pub fn import(value: &serde_json::Value, talk: &Talk, now: OffsetDateTime) -> Imported {
    let (records, problems) = jsonld::import(value);
    Imported {
        notes: notes_of(records, talk, now),
        problems: problems.iter().map(ToString::to_string).collect(),
    }
}

/// The notes annotation records make in `talk` (see [`import`]). An id that is no
/// `urn:uuid:` (another tool's) gives the same note id each time, so importing a file
/// again finds the notes it brought before.
pub fn notes_of(
    records: Vec<AnnotationRecord>,
    talk: &Talk,
    now: OffsetDateTime,
) -> Vec<(String, Note)> {
    let index = anchor::TalkIndex::new(talk);
    let fallback_card = talk.cards.first().map(|c| c.id.clone()).unwrap_or_default();
    records
        .into_iter()
        .map(|record| {
            let mut card = record.card_id.clone();
            let highlight = record.anchor.map(|mut target| {
                if target.card_id.is_empty()
                    && let Some(card_id) = index.reanchor(&target).card_id()
                {
                    target.card_id = card_id.to_owned();
                }
                card = target.card_id.clone();
                Highlight {
                    target,
                    colour: Default::default(),
                    key_point: false,
                }
            });
            if card.is_empty() {
                card = fallback_card.clone();
            }
            let time = |t: &Option<String>| {
                t.as_deref()
                    .and_then(|t| OffsetDateTime::parse(t, &Rfc3339).ok())
                    .unwrap_or(now)
            };
            let id = record
                .id
                .strip_prefix("urn:uuid:")
                .and_then(|u| Uuid::parse_str(u).ok())
                .unwrap_or_else(|| stable_id(&record.id));
            let note = Note {
                id,
                text: record.comment,
                tags: record.tags,
                created: time(&record.created),
                modified: time(&record.modified),
                highlight,
                extra: Extra::new(),
            };
            (card, note)
        })
        .collect()
}

/// The note id another tool's annotation id stands for: the same each time (a UUID made
/// of the id's SHA-256), so importing the same file again finds its notes already here.
fn stable_id(foreign: &str) -> Uuid {
    use sha2::Digest;
    let hash = sha2::Sha256::digest(foreign.as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&hash[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::talk::parse_text;

    fn seed_with_notes() -> (Talk, NotesDoc) {
        let talk = parse_text(crate::SEED_TALK);
        let mut doc = NotesDoc::new(&talk.title, &talk.fingerprint);
        let now = OffsetDateTime::now_utc();
        let card = &talk.cards[2];
        let target = anchor::make_anchor(card, 0, 12).unwrap();
        let id = doc.add_highlight(target, now);
        doc.set_text(id, "开场就用这个例子", now);
        doc.set_tags(id, &["推理".to_owned()], now);
        doc.add("obs-5", "机器人本体领先", now);
        (talk, doc)
    }

    #[test]
    fn export_then_import_gives_the_same_notes() {
        let (talk, doc) = seed_with_notes();
        let text = export(&doc, &talk, None);
        assert!(text.contains("\"@context\": \"http://www.w3.org/ns/anno.jsonld\""));
        assert!(text.contains("TextQuoteSelector") && text.contains("TextPositionSelector"));
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(looks_like_w3c(&value));
        let imported = import(&value, &talk, OffsetDateTime::now_utc());
        assert!(imported.problems.is_empty(), "{:?}", imported.problems);
        let mut back = NotesDoc::new(&talk.title, &talk.fingerprint);
        for (card, note) in imported.notes {
            back.cards.entry(card).or_default().push(note);
        }
        let strip = |d: &NotesDoc| {
            let mut d = d.clone();
            for n in d.cards.values_mut().flatten() {
                n.created = n.created.replace_nanosecond(0).unwrap();
                n.modified = n.modified.replace_nanosecond(0).unwrap();
            }
            d
        };
        assert_eq!(strip(&back).cards, strip(&doc).cards);
    }

    #[test]
    fn a_quote_only_annotation_is_placed_by_its_quote() {
        let talk = parse_text(crate::SEED_TALK);
        let value = serde_json::json!({
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "type": "Annotation",
            "body": "具身智能是关键",
            "target": { "source": "https://example.org/article",
                        "selector": { "type": "TextQuoteSelector", "exact": "多模态大模型驱动的“具身智能”模型" } }
        });
        let imported = import(&value, &talk, OffsetDateTime::now_utc());
        assert_eq!(imported.notes.len(), 1);
        let (card, note) = &imported.notes[0];
        assert_eq!(card, "obs-5");
        assert_eq!(note.text, "具身智能是关键");
        assert_eq!(note.highlight.as_ref().unwrap().target.card_id, "obs-5");
    }

    #[test]
    fn unreadable_annotations_are_reported_and_the_rest_kept() {
        let talk = parse_text(crate::SEED_TALK);
        let value = serde_json::json!([
            { "type": "Annotation", "body": "好", "target": "urn:talkdeck:talk:x#card=obs-2" },
            { "type": "Annotation", "target": 5 }
        ]);
        let imported = import(&value, &talk, OffsetDateTime::now_utc());
        assert_eq!(imported.notes.len(), 1);
        assert_eq!(imported.notes[0].0, "obs-2");
        assert_eq!(imported.problems.len(), 1);
        assert!(crate::exchange::problems_line(&imported.problems).starts_with("annotation 2"));
    }
}
