//! Anki's text import (File › Import, "Notes in Plain Text"): header lines that set the
//! separator (`#separator:tab`), plain text (`#html:false`), the note type
//! (`#notetype:Basic`), the deck (`#deck:<talk title>`) and which columns hold the guid
//! and the tags, then one tab-separated row per note: guid, front, back, tags. Fields
//! with a tab, a quote or a line break are quoted CSV-style, as Anki reads them.
//!
//! One card per highlight (front: the quote and its card's title; back: the comment)
//! and per note (front: the card's title; back: the note). The guid is the note's id,
//! so importing a later export again updates those cards instead of adding new ones.

use super::view::{ByCard, NoteView, has_content};
use crate::talk::{Card, Talk};

/// The file of a snapshot's notes.
pub fn render(snapshot: &super::Snapshot) -> String {
    export(snapshot.talk(), &snapshot.by_card())
}

fn export(talk: &Talk, view: &ByCard<'_>) -> String {
    let deck = match one_line(&talk.title) {
        title if title.is_empty() => "talkdeck".to_owned(),
        title => title,
    };
    let mut out = String::new();
    for header in [
        "#separator:tab",
        "#html:false",
        "#notetype:Basic",
        &format!("#deck:{deck}"),
        "#guid column:1",
        "#tags column:4",
    ] {
        out.push_str(header);
        out.push('\n');
    }
    let mut rows = csv::WriterBuilder::new()
        .delimiter(b'\t')
        .has_headers(false)
        .from_writer(Vec::new());
    let notes = view
        .cards
        .iter()
        .flat_map(|c| c.notes.iter().map(move |n| (Some(c.card), n)))
        .chain(view.orphans.iter().map(|n| (None, n)))
        .filter(|(_, n)| has_content(n));
    for (card, note) in notes {
        let [front, back] = sides(card, note);
        let tags: Vec<String> = note
            .note
            .tags
            .iter()
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join("_"))
            .filter(|t| !t.is_empty())
            .collect();
        let id = note.note.id.to_string();
        rows.write_record([id.as_str(), &front, &back, &tags.join(" ")])
            .expect("writing to memory does not fail");
    }
    let rows = rows.into_inner().expect("writing to memory does not fail");
    out.push_str(&String::from_utf8(rows).expect("the fields are text"));
    out
}

fn sides(card: Option<&Card>, note: &NoteView<'_>) -> [String; 2] {
    let title = card.map(|c| one_line(&c.title)).unwrap_or_default();
    let text = note.note.text.trim().to_owned();
    match &note.quote {
        Some(quote) if title.is_empty() => [quote.trim().to_owned(), text],
        Some(quote) => [format!("{}\n— {title}", quote.trim()), text],
        None => [title, text],
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
