//! Readwise's CSV upload: `Highlight,Title,Author,URL,Note,Location`, one row per
//! highlight (the quote, the comment as its note) and per plain note (the note as the
//! highlight). Title and author are the talk's; URL its source when that is an address.
//! Location is the card's position in the talk, a number, so Readwise keeps the talk's
//! order; for a timed talk the note starts with where it is in the recording
//! (`[12:34]`). Tags go at the end of the note in Readwise's `.tag` form.

use super::view::{ByCard, has_content};
use crate::talk::Talk;

/// The file of a snapshot's notes.
pub fn render(snapshot: &super::Snapshot) -> String {
    export(snapshot.talk(), &snapshot.by_card())
}

fn export(talk: &Talk, view: &ByCard<'_>) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(["Highlight", "Title", "Author", "URL", "Note", "Location"])
        .expect("writing to memory does not fail");
    let url = talk.source.trim();
    let url = if url.starts_with("http://") || url.starts_with("https://") {
        url
    } else {
        ""
    };
    let notes = view
        .cards
        .iter()
        .flat_map(|c| c.notes.iter().map(move |n| (Some(c.index + 1), n)))
        .chain(view.orphans.iter().map(|n| (None, n)))
        .filter(|(_, n)| has_content(n));
    for (position, note) in notes {
        let text = note.note.text.trim();
        let (highlight, mut comment) = match &note.quote {
            Some(quote) => (quote.trim().to_owned(), text.to_owned()),
            None => (text.to_owned(), String::new()),
        };
        if let Some(at) = note.time {
            comment = format!("[{}] {comment}", crate::talk::clock_time(at))
                .trim_end()
                .to_owned();
        }
        let tags: Vec<String> = note
            .note
            .tags
            .iter()
            .map(|t| format!(".{}", t.split_whitespace().collect::<Vec<_>>().join("_")))
            .collect();
        if !tags.is_empty() {
            if !comment.is_empty() {
                comment.push('\n');
            }
            comment.push_str(&tags.join(" "));
        }
        // Readwise needs a highlight: a note of tags alone is its tags.
        let highlight = if highlight.is_empty() {
            note.note.tags.join(" ")
        } else {
            highlight
        };
        let location = position.map(|p| p.to_string()).unwrap_or_default();
        out.write_record([
            highlight.as_str(),
            talk.title.trim(),
            talk.speaker.trim(),
            url,
            &comment,
            &location,
        ])
        .expect("writing to memory does not fail");
    }
    String::from_utf8(out.into_inner().expect("writing to memory does not fail"))
        .expect("the fields are text")
}
