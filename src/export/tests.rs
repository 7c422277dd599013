//! Each export made from a snapshot, checked by reading it back as its tool would.

use super::{Format, RecapOptions, Snapshot};
use crate::anchor;
use crate::exchange::{Imported, import_value, merge};
use crate::i18n::Lang;
use crate::notes::NotesDoc;
use crate::talk::{Talk, parse_text};
use serde_json::Value;
use std::collections::BTreeSet;

// The built-in talk with notes, and what a note is: the same fixtures as the importers'.
use crate::exchange::tests::{contents, now, seed_with_notes};

fn doc_of(talk: &Talk, imported: Imported) -> NotesDoc {
    let mut doc = NotesDoc::new(&talk.title, &talk.fingerprint);
    merge(&mut doc, imported.notes);
    doc
}

/// `format` of the notes on `talk`, through a snapshot as the command line makes one.
fn export(format: Format, talk: &Talk, doc: &NotesDoc, language: Lang) -> String {
    let options = RecapOptions {
        language,
        ..RecapOptions::default()
    };
    Snapshot::read(talk.clone(), doc.clone(), options).render(format)
}

#[test]
fn talkdeck_to_pdfpc_and_back_keeps_the_notes() {
    let (talk, doc) = seed_with_notes();
    let text = export(Format::Pdfpc, &talk, &doc, Lang::Zh);
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["pdfpcFormat"], 2);
    let minutes = value["duration"].as_u64().unwrap();
    assert_eq!(minutes, talk.speaking_time().as_secs().div_ceil(60));
    let mut planned = doc.clone();
    planned
        .rehearsal
        .set_planned(Some(std::time::Duration::from_secs(20 * 60 + 1)));
    let text = export(Format::Pdfpc, &talk, &planned, Lang::Zh);
    let with_plan: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        with_plan["duration"], 21,
        "the planned duration, in whole minutes"
    );
    let pages = value["pages"].as_array().unwrap();
    assert_eq!(pages.len(), talk.cards.len(), "one page per card");
    for (i, page) in pages.iter().enumerate() {
        assert_eq!(page["idx"], i);
        assert_eq!(page["label"], (i + 1).to_string());
        assert_eq!(page["overlay"], 0);
    }
    let obs5 = talk.card_index("obs-5").unwrap();
    let note = pages[obs5]["note"].as_str().unwrap();
    for point in &talk.cards[obs5].key_points {
        assert!(note.contains(point.as_str()), "{note}");
    }
    assert!(note.contains("机器人本体领先"), "{note}");

    let back = doc_of(&talk, import_value(&value, &talk, now()).unwrap());
    let mut expected = contents(&doc);
    // A tag's space is `_` in pdfpc's one-line tag list.
    expected = expected
        .into_iter()
        .map(|(c, t, tags, q)| (c, t, tags.iter().map(|t| t.replace(' ', "_")).collect(), q))
        .collect();
    assert_eq!(contents(&back), expected);
    let highlight = back.all().find_map(|(_, n)| n.highlight.as_ref()).unwrap();
    assert_eq!(
        highlight.target,
        anchor::make_anchor(&talk.cards[2], 0, 12).unwrap(),
        "the quote is found again where it was"
    );
}

#[test]
fn anki_export_has_its_headers_and_the_same_guids_each_time() {
    let (talk, doc) = seed_with_notes();
    let first = export(Format::Anki, &talk, &doc, Lang::En);
    let second = export(Format::Anki, &talk, &doc, Lang::En);
    assert_eq!(first, second);
    let headers: Vec<&str> = first.lines().take_while(|l| l.starts_with('#')).collect();
    assert_eq!(
        headers,
        [
            "#separator:tab",
            "#html:false",
            "#notetype:Basic",
            &format!("#deck:{}", talk.title),
            "#guid column:1",
            "#tags column:4",
        ]
    );
    let rows: Vec<csv::StringRecord> = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .has_headers(false)
        .comment(Some(b'#'))
        .from_reader(first.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), 3);
    let guids: BTreeSet<String> = rows.iter().map(|r| r[0].to_owned()).collect();
    let ids: BTreeSet<String> = doc.all().map(|(_, n)| n.id.to_string()).collect();
    assert_eq!(guids, ids, "the guid is the note's id");
    let highlight = rows.iter().find(|r| &r[2] == "开场就用这个例子").unwrap();
    let quote = anchor::make_anchor(&talk.cards[2], 0, 12)
        .unwrap()
        .quote
        .exact;
    assert_eq!(&highlight[1], format!("{quote}\n— {}", talk.cards[2].title));
    assert_eq!(&highlight[3], "推理 two_words");
    let note = rows.iter().find(|r| r[2].starts_with("机器人")).unwrap();
    assert_eq!(
        &note[2], "机器人本体领先\n第二行",
        "line breaks survive, quoted"
    );
}

#[test]
fn readwise_csv_has_its_columns_and_the_card_as_location() {
    let (talk, doc) = seed_with_notes();
    let text = export(Format::Readwise, &talk, &doc, Lang::En);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap(),
        vec!["Highlight", "Title", "Author", "URL", "Note", "Location"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    let quote = anchor::make_anchor(&talk.cards[2], 0, 12)
        .unwrap()
        .quote
        .exact;
    let highlight = rows.iter().find(|r| r[0] == quote).unwrap();
    assert_eq!(&highlight[1], talk.title);
    assert_eq!(&highlight[2], talk.speaker);
    assert_eq!(&highlight[4], "开场就用这个例子\n.推理 .two_words");
    assert_eq!(&highlight[5], "3", "the third card");
    let note = rows.iter().find(|r| r[0].starts_with("机器人")).unwrap();
    let obs5 = talk.card_index("obs-5").unwrap();
    assert_eq!(note[5], (obs5 + 1).to_string());
    let tags_only = rows.iter().find(|r| &r[0] == "待查").unwrap();
    assert_eq!(&tags_only[4], ".待查");
}

#[test]
fn notes_md_is_the_notes_alone_in_card_order() {
    let (talk, doc) = seed_with_notes();
    let text = export(Format::NotesMd, &talk, &doc, Lang::En);
    assert!(text.starts_with(&format!("# {}\n", talk.title)), "{text}");
    let first = text.find(&talk.cards[2].title).unwrap();
    let fifth = text.find("机器人本体领先").unwrap();
    assert!(first < fifth, "{text}");
    for point in &talk.cards[2].key_points {
        assert!(!text.contains(point.as_str()), "no key points: {text}");
    }
    assert!(text.contains("> "), "the highlight is quoted: {text}");
    assert_eq!(
        text.matches("\n## ").count(),
        2,
        "only cards with notes: {text}"
    );
}

#[test]
fn every_format_has_one_row_and_a_name_of_its_own() {
    let all: Vec<Format> = Format::all().collect();
    assert_eq!(all.len(), super::FORMATS.len());
    for format in &all {
        assert_eq!(format.spec().format, *format);
        assert_eq!(Format::named(format.name()), Some(*format));
        let (_, extensions) = format.spec().filter;
        assert!(
            extensions
                .iter()
                .any(|e| format.spec().suffix.ends_with(&format!(".{e}"))),
            "{format:?}: the suggested name ends in an extension its filter takes"
        );
        for id in [format.spec().title, format.spec().menu] {
            assert!(crate::i18n::EN_FTL.contains(&format!("\n{id} =")), "{id}");
        }
    }
    let names: BTreeSet<&str> = all.iter().map(|f| f.name()).collect();
    assert_eq!(names.len(), all.len(), "names are unique");
}

/// One function says what a highlight's passage is now: every export that quotes
/// highlights quotes the edited talk, not the text the highlight was made on.
#[test]
fn every_export_quotes_a_highlight_as_the_edited_talk_has_it() {
    let talk = parse_text(crate::SEED_TALK);
    let card = talk.cards.iter().find(|c| c.id == "obs-4").unwrap();
    let text = anchor::notes_text(card);
    let sentence = "世界模型是一个重要方向";
    let start = text[..text.find(sentence).unwrap()].chars().count();
    let target = anchor::make_anchor(card, start, start + sentence.chars().count()).unwrap();
    let mut doc = NotesDoc::new(&talk.title, &talk.fingerprint);
    let id = doc.add_highlight(target, now());
    doc.set_text(id, "要记住", now());
    let edited = parse_text(&crate::SEED_TALK.replace(sentence, "世界模型是一个重要的方向"));
    let snapshot = Snapshot::read(edited, doc, RecapOptions::default());
    for format in Format::all() {
        let text = snapshot.render(format);
        assert!(text.contains("要记住"), "{format:?}: {text}");
        if format == Format::W3c {
            // The annotation keeps its selectors; it names the card the passage is on.
            let value: Value = serde_json::from_str(&text).unwrap();
            assert!(text.contains("card=obs-4"), "{value}");
            continue;
        }
        assert!(
            text.contains("世界模型是一个重要的方向"),
            "{format:?} quotes the talk as it is now: {text}"
        );
        assert!(!text.contains(sentence), "{format:?}: {text}");
    }
}

#[test]
fn a_snapshot_of_a_renamed_card_exports_the_users_title() {
    let (talk, mut doc) = seed_with_notes();
    doc.titles.insert("obs-5".into(), "我的标题".into());
    let snapshot = Snapshot::read(talk, doc, RecapOptions::default());
    for format in [
        Format::Recap,
        Format::Marp,
        Format::Reveal,
        Format::NotesMd,
        Format::Anki,
    ] {
        assert!(snapshot.render(format).contains("我的标题"), "{format:?}");
    }
}
