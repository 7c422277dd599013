//! pdfpc's `.pdfpc` file (format 2, see [`crate::exchange::pdfpc`], which reads it back):
//! one page per card (a PDF made of the deck, one slide a page) with the card's key
//! points, then a marked line and the user's notes and highlights, each a `▸ ` block with
//! its lines indented; `duration` is the planned duration, else the talk's estimate.

use super::Snapshot;
use super::view::{ByCard, has_content};
use crate::exchange::pdfpc::{BULLET, FORMAT, INDENT, MARK};
use crate::i18n::Lang;
use serde_json::{Value, json};

/// The `.pdfpc` file of a snapshot, its mark in the snapshot's language.
pub fn render(snapshot: &Snapshot) -> String {
    export(snapshot, &snapshot.by_card(), snapshot.options.language)
}

fn mark_line(lang: Lang) -> String {
    format!(
        "{MARK}{} · talkdeck ──",
        super::recap::labels(lang).my_notes
    )
}

/// The `.pdfpc` file for the cards in `view`.
fn export(snapshot: &Snapshot, view: &ByCard<'_>, lang: Lang) -> String {
    let talk = snapshot.talk();
    let pages: Vec<Value> = view
        .cards
        .iter()
        .map(|card| {
            let mut note = String::new();
            for point in &card.card.key_points {
                note.push_str(&format!("• {}\n", one_line(point)));
            }
            let notes: Vec<_> = card.notes.iter().filter(|n| has_content(n)).collect();
            // The mark also after key points alone: read back, they are not a note.
            if !notes.is_empty() || !note.is_empty() {
                if !note.is_empty() {
                    note.push('\n');
                }
                note.push_str(&mark_line(lang));
                note.push('\n');
                for n in notes {
                    let mut lines: Vec<String> = Vec::new();
                    if let Some(quote) = &n.quote {
                        lines.push(format!("“{}”", one_line(quote)));
                    }
                    lines.extend(n.note.text.trim_end().lines().map(str::to_owned));
                    let tags: Vec<String> = n
                        .note
                        .tags
                        .iter()
                        .map(|t| format!("#{}", t.split_whitespace().collect::<Vec<_>>().join("_")))
                        .collect();
                    if !tags.is_empty() {
                        lines.push(tags.join(" "));
                    }
                    for (k, line) in lines.iter().enumerate() {
                        note.push_str(if k == 0 { BULLET } else { INDENT });
                        note.push_str(line);
                        note.push('\n');
                    }
                }
            }
            json!({
                "idx": card.index,
                "label": (card.index + 1).to_string(),
                "overlay": 0,
                "note": note.trim_end(),
            })
        })
        .collect();
    // The planned duration (the speaker's view sets it), else the cards' estimates.
    let planned = view.planned.unwrap_or_else(|| talk.speaking_time());
    let minutes = planned.as_secs().div_ceil(60).max(1);
    let file = json!({
        "pdfpcFormat": FORMAT,
        "duration": minutes,
        "disableMarkdown": true,
        "pages": pages,
    });
    let mut text = serde_json::to_string_pretty(&file).expect("a JSON value always serializes");
    text.push('\n');
    text
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
