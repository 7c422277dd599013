use super::*;
use crate::anchor;
use crate::talk::parse_text;
use serde_json::json;
use std::collections::BTreeSet;

pub(crate) fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

/// The built-in talk with a highlight (comment and tags), a plain note with two lines
/// and a note of tags alone.
pub(crate) fn seed_with_notes() -> (Talk, NotesDoc) {
    let talk = parse_text(crate::SEED_TALK);
    let mut doc = NotesDoc::new(&talk.title, &talk.fingerprint);
    let target = anchor::make_anchor(&talk.cards[2], 0, 12).unwrap();
    let id = doc.add_highlight(target, now());
    doc.set_text(id, "开场就用这个例子", now());
    doc.set_tags(id, &["推理".to_owned(), "two words".to_owned()], now());
    doc.add("obs-5", "机器人本体领先\n第二行", now());
    let tags_only = doc.add("obs-1", "", now());
    doc.set_tags(tags_only, &["待查".to_owned()], now());
    (talk, doc)
}

/// What a note is, apart from its id and times: card, text, tags, quote.
pub(crate) fn contents(doc: &NotesDoc) -> BTreeSet<(String, String, Vec<String>, Option<String>)> {
    doc.all()
        .map(|(card, n)| {
            (
                card.to_owned(),
                n.text.clone(),
                n.tags.clone(),
                n.highlight.as_ref().map(|h| h.target.quote.exact.clone()),
            )
        })
        .collect()
}

/// A Hypothesis API search response as `GET /api/search` gives it (made up here): a
/// highlight with a comment and tags on a web copy of the talk, a page note, a reply,
/// and one whose target cannot be read.
fn hypothesis_search(talk: &Talk) -> Value {
    let card = &talk.cards[4];
    let quote: String = anchor::notes_text(card).chars().skip(3).take(10).collect();
    json!({
        "total": 4,
        "rows": [
            {
                "id": "Zk1kP3b5Ee-abc_123",
                "created": "2026-11-30T08:00:00.000000+00:00",
                "updated": "2026-11-30T08:05:00.000000+00:00",
                "user": "acct:ada@hypothes.is",
                "uri": "https://example.org/talk",
                "text": "值得一讲",
                "tags": ["复盘", "模型"],
                "group": "__world__",
                "permissions": { "read": ["group:__world__"] },
                "target": [{
                    "source": "https://example.org/talk",
                    "selector": [
                        { "type": "RangeSelector", "startContainer": "/div[1]/p[3]", "startOffset": 0,
                          "endContainer": "/div[1]/p[3]", "endOffset": 10 },
                        { "type": "TextPositionSelector", "start": 1200, "end": 1210 },
                        { "type": "TextQuoteSelector", "exact": quote, "prefix": "", "suffix": "" }
                    ]
                }],
                "document": { "title": ["一场演讲"] },
                "links": { "html": "https://hypothes.is/a/Zk1kP3b5Ee-abc_123" },
                "flagged": false,
                "hidden": false
            },
            {
                "id": "page-note-1",
                "created": "2026-11-30T09:00:00+00:00",
                "updated": "2026-11-30T09:00:00+00:00",
                "uri": "https://example.org/talk",
                "text": "整体很好",
                "tags": [],
                "target": [{ "source": "https://example.org/talk" }]
            },
            {
                "id": "reply-1",
                "uri": "https://example.org/talk",
                "text": "同意",
                "tags": [],
                "references": ["Zk1kP3b5Ee-abc_123"],
                "target": [{ "source": "https://example.org/talk" }]
            },
            {
                "id": "broken-1",
                "uri": "https://example.org/talk",
                "text": "坏的",
                "tags": "not a list",
                "target": [{ "source": "https://example.org/talk" }]
            }
        ]
    })
}

#[test]
fn the_detector_tells_every_format_apart() {
    let (talk, doc) = seed_with_notes();
    let notes: Value = serde_json::from_str(&notes::to_json(&doc)).unwrap();
    assert_eq!(detect(&notes), Some(Format::Talkdeck));
    let w3c: Value = serde_json::from_str(&w3c::export(&doc, &talk, None)).unwrap();
    assert_eq!(detect(&w3c), Some(Format::W3c));
    let search = hypothesis_search(&talk);
    assert_eq!(detect(&search), Some(Format::Hypothesis));
    let rows = search["rows"].clone();
    assert_eq!(detect(&rows), Some(Format::Hypothesis), "an array of rows");
    assert_eq!(detect(&rows[0]), Some(Format::Hypothesis), "a single one");
    let export = json!({ "export_date": "2026-11-30", "annotations": rows });
    assert_eq!(detect(&export), Some(Format::Hypothesis));
    let pdfpc = json!({ "pdfpcFormat": 2, "duration": 1, "pages": [] });
    assert_eq!(detect(&pdfpc), Some(Format::Pdfpc));
    let whisper =
        json!({ "text": "大家好", "segments": [{ "start": 0.0, "end": 1.0, "text": "大家好" }] });
    assert_eq!(detect(&whisper), None);
    assert_eq!(detect(&json!({ "rows": [1, 2] })), None);
}

#[test]
fn hypothesis_search_rows_become_notes_and_what_cannot_be_read_is_named() {
    let talk = parse_text(crate::SEED_TALK);
    let imported = hypothesis::import(&hypothesis_search(&talk), &talk, now());
    assert_eq!(imported.notes.len(), 2, "{:?}", imported.problems);
    let (card, note) = &imported.notes[0];
    assert_eq!(card, &talk.cards[4].id, "the quote finds its card");
    assert_eq!(note.text, "值得一讲");
    assert_eq!(note.tags, ["复盘", "模型"]);
    let highlight = note.highlight.as_ref().unwrap();
    assert_eq!(highlight.target.card_id, talk.cards[4].id);
    assert_eq!(
        note.modified
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap(),
        "2026-11-30T08:05:00Z"
    );
    // The page note has no passage: it goes on the first card.
    assert_eq!(imported.notes[1].0, talk.cards[0].id);
    assert_eq!(imported.notes[1].1.text, "整体很好");
    assert_eq!(
        imported.problems,
        [
            "annotation 3 (reply-1): a reply to another annotation (not imported)",
            "annotation 4 (broken-1): `tags` is not a list",
        ]
    );
    // The same Hypothesis id gives the same note id each time: a second import of the
    // file finds its notes already there.
    let again = hypothesis::import(&hypothesis_search(&talk), &talk, now());
    assert_eq!(again.notes[0].1.id, note.id);
}

#[test]
fn a_hypothesis_export_reads_like_the_search_response() {
    let talk = parse_text(crate::SEED_TALK);
    let rows = hypothesis_search(&talk)["rows"].clone();
    let export = json!({
        "export_date": "2026-11-30T10:00:00Z",
        "export_userid": "acct:ada@hypothes.is",
        "client_version": "1.0",
        "annotations": rows
    });
    let imported = import_value(&export, &talk, now()).unwrap();
    assert_eq!(imported.notes.len(), 2);
    assert_eq!(imported.problems.len(), 2);
}

#[test]
fn a_pdfpc_files_notes_go_on_cards_by_position_and_bad_pages_are_named() {
    let talk = parse_text(crate::SEED_TALK);
    let file = json!({
        "pdfpcFormat": 2,
        "duration": 20,
        "disableMarkdown": false,
        "pages": [
            { "idx": 0, "label": "1", "overlay": 0, "note": "先讲背景" },
            { "idx": 3, "label": "3", "overlay": 1, "forcedOverlay": true, "note": "第三张的第二步" },
            { "idx": 4, "label": "iv", "overlay": 0, "note": "用索引" },
            { "idx": 5, "label": "6", "overlay": 0, "hidden": true },
            { "idx": 6, "label": "7", "note": 12 },
            { "idx": 90, "label": "91", "note": "太远了" },
            { "note": "无处可放" }
        ]
    });
    let imported = import_value(&file, &talk, now()).unwrap();
    let placed: Vec<(&str, &str)> = imported
        .notes
        .iter()
        .map(|(c, n)| (c.as_str(), n.text.as_str()))
        .collect();
    assert_eq!(
        placed,
        [
            (talk.cards[0].id.as_str(), "先讲背景"),
            (talk.cards[2].id.as_str(), "第三张的第二步"),
            (talk.cards[4].id.as_str(), "用索引"),
        ]
    );
    assert_eq!(
        imported.problems,
        [
            "page 5: `note` is not text".to_owned(),
            format!("page 6: no card 91 (the talk has {})", talk.cards.len()),
            "page 7: no `idx` or `label` to place it".to_owned(),
        ]
    );
    let newer = json!({ "pdfpcFormat": 3, "pages": [] });
    assert!(
        import_value(&newer, &talk, now())
            .unwrap_err()
            .contains("newer")
    );
}

#[test]
fn read_notes_takes_w3c_and_hypothesis_files_and_names_bad_ones() {
    let (talk, doc) = seed_with_notes();
    let dir = tempfile::tempdir().unwrap();
    let w3c = dir.path().join("notes.jsonld");
    std::fs::write(&w3c, w3c::export(&doc, &talk, None)).unwrap();
    let read = read_notes(&w3c, &talk).unwrap();
    assert_eq!(read.format, Format::W3c);
    assert_eq!(contents(&read.doc), contents(&doc));

    let hyp = dir.path().join("hypothesis.json");
    std::fs::write(&hyp, hypothesis_search(&talk).to_string()).unwrap();
    let read = read_notes(&hyp, &talk).unwrap();
    assert_eq!(read.format, Format::Hypothesis);
    assert_eq!(read.doc.total(), 2);
    assert_eq!(read.problems.len(), 2);

    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\"rows\": [").unwrap();
    let err = read_notes(&broken, &talk).unwrap_err();
    assert!(
        err.contains("broken.json") && err.contains("line 1"),
        "{err}"
    );

    let other = dir.path().join("other.json");
    std::fs::write(&other, "{\"hello\": 1}").unwrap();
    let err = read_notes(&other, &talk).unwrap_err();
    assert!(
        err.contains("other.json") && err.contains("Hypothesis"),
        "{err}"
    );
}
