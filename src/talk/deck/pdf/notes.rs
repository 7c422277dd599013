//! A PDF deck's presenter notes, page by page, from the first of these that has a note
//! for the page:
//!
//! 1. a `.pdfpc` file beside the PDF (`deck.pdfpc`): pdfpc's JSON (format 2: `pages` with
//!    `idx`, the page from 0, `label` and `note`) or its older text form (`[notes]`, then
//!    `### 3` above the note of the page labelled 3);
//! 2. the page's own text annotations (`/Subtype /Text`, their `/Contents`), which is
//!    how Marp's `--pdf-notes` stores notes and where pdfpc reads them;
//! 3. a text file beside the PDF (`deck.notes.txt`, else `deck.txt`), one block per page:
//!    blocks between lines of `---` when the file has such lines, else between blank lines.
//!
//! The files beside are read through [`crate::readfile`] with the text bound; one that
//! cannot be read or understood is passed over (the notes are extras: the deck opens).
//! A `.pdfpc` that talkdeck wrote itself (its export) holds the user's notes after a
//! marked line: that part is theirs, not the presenter's, and is left out here.

use super::text_string;
use crate::readfile::{self, MAX_TALK_BYTES};
use crate::talk::decode;
use hayro::hayro_syntax::object::{Array, Dict, Name};
use hayro::hayro_syntax::page::Page;
use serde_json::Value;
use std::path::Path;

/// The notes of each page (`""` where a page has none).
pub fn page_notes(path: &Path, pages: &[Page<'_>], labels: &[Option<String>]) -> Vec<String> {
    let from_pdfpc = read_beside(path, &["pdfpc"])
        .map(|text| pdfpc_notes(&text, labels))
        .unwrap_or_default();
    let from_file = read_beside(path, &["notes.txt", "txt"])
        .map(|text| text_blocks(&text))
        .unwrap_or_default();
    pages
        .iter()
        .enumerate()
        .map(|(i, page)| {
            let pick = |notes: &[String]| notes.get(i).filter(|n| !n.trim().is_empty()).cloned();
            pick(&from_pdfpc)
                .or_else(|| Some(annotation_notes(page)).filter(|n| !n.is_empty()))
                .or_else(|| pick(&from_file))
                .unwrap_or_default()
        })
        .collect()
}

/// The first file beside `path` with one of `extensions` in place of its own, decoded.
fn read_beside(path: &Path, extensions: &[&str]) -> Option<String> {
    extensions.iter().find_map(|extension| {
        let beside = path.with_extension(extension);
        let bytes = readfile::read(&beside, MAX_TALK_BYTES).ok()?;
        decode(&bytes).ok().map(|(text, _)| text)
    })
}

/// The text of the page's `/Text` annotations (sticky notes), one after another.
pub fn annotation_notes(page: &Page<'_>) -> String {
    let Some(annotations) = page.raw().get::<Array<'_>>(b"Annots") else {
        return String::new();
    };
    let mut notes: Vec<String> = Vec::new();
    for annotation in annotations.iter::<Dict<'_>>().take(1000) {
        let is_text = annotation
            .get::<Name<'_>>(b"Subtype")
            .is_some_and(|s| s.as_str() == "Text");
        let contents = annotation
            .get::<hayro::hayro_syntax::object::String<'_>>(b"Contents")
            .map(|s| text_string(s.as_bytes()));
        if let (true, Some(text)) = (is_text, contents)
            && !text.trim().is_empty()
        {
            notes.push(
                text.replace("\r\n", "\n")
                    .replace('\r', "\n")
                    .trim()
                    .to_owned(),
            );
        }
    }
    notes.join("\n\n")
}

/// The note of each page (by index) in a `.pdfpc` file, JSON or the older text form.
fn pdfpc_notes(text: &str, labels: &[Option<String>]) -> Vec<String> {
    let mut notes = vec![String::new(); labels.len()];
    let mut put = |index: Option<usize>, note: &str| {
        if let Some(slot) = index.and_then(|i| notes.get_mut(i)) {
            let note = before_talkdeck_mark(note).trim();
            if slot.is_empty() {
                *slot = note.to_owned();
            }
        }
    };
    // A label names its first page (overlays share their label in pdfpc); a number that
    // is no label is a page number.
    let by_label = |label: &str| {
        let label = label.trim();
        labels
            .iter()
            .position(|l| l.as_deref() == Some(label))
            .or_else(|| label.parse::<usize>().ok()?.checked_sub(1))
    };
    if let Ok(json) = serde_json::from_str::<Value>(text) {
        let pages = json.get("pages").and_then(Value::as_array);
        for page in pages.into_iter().flatten() {
            let Some(note) = page.get("note").and_then(Value::as_str) else {
                continue;
            };
            let index = match page.get("idx").and_then(Value::as_u64) {
                Some(idx) => usize::try_from(idx).ok(),
                None => match page.get("label") {
                    Some(Value::String(label)) => by_label(label),
                    Some(Value::Number(n)) => by_label(&n.to_string()),
                    _ => None,
                },
            };
            put(index, note);
        }
        return notes;
    }
    // pdfpc before 4.5: `[notes]` then `### N` above each note, until the next `[section]`.
    let Some((_, rest)) = text.split_once("[notes]") else {
        return notes;
    };
    let mut current: Option<(Option<usize>, String)> = None;
    for line in rest.lines() {
        if let Some(number) = line.strip_prefix("### ") {
            if let Some((index, note)) = current.take() {
                put(index, &note);
            }
            current = Some((by_label(number), String::new()));
        } else if line.starts_with('[') && line.trim_end().ends_with(']') {
            break;
        } else if let Some((_, note)) = &mut current {
            note.push_str(line);
            note.push('\n');
        }
    }
    if let Some((index, note)) = current {
        put(index, &note);
    }
    notes
}

/// A note up to the line that starts talkdeck's own part of an exported `.pdfpc`.
fn before_talkdeck_mark(note: &str) -> &str {
    let mut end = 0;
    for line in note.split_inclusive('\n') {
        if line.starts_with("── ") && line.contains("talkdeck") {
            return &note[..end];
        }
        end += line.len();
    }
    note
}

/// A text file's blocks: between lines of `---` when there are such lines, else between
/// blank lines.
fn text_blocks(text: &str) -> Vec<String> {
    let ruled = text.lines().any(|l| l.trim() == "---");
    let mut blocks = vec![String::new()];
    for line in text.lines() {
        let ends = if ruled {
            line.trim() == "---"
        } else {
            line.trim().is_empty()
        };
        let last = blocks.last_mut().expect("never empty");
        if ends {
            if ruled || !last.trim().is_empty() {
                blocks.push(String::new());
            }
        } else {
            last.push_str(line);
            last.push('\n');
        }
    }
    let mut blocks: Vec<String> = blocks.into_iter().map(|b| b.trim().to_owned()).collect();
    if blocks.last().is_some_and(String::is_empty) {
        blocks.pop();
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdfpc_json_places_notes_by_page_index_then_label() {
        let labels = vec![Some("1".into()), Some("1".into()), Some("ii".into())];
        let text = r#"{"pdfpcFormat":2,"pages":[
            {"idx":1,"label":"1","overlay":1,"note":"第二页的备注"},
            {"label":"ii","note":"by label\n── My notes · talkdeck ──\n▸ mine"}]}"#;
        assert_eq!(
            pdfpc_notes(text, &labels),
            vec!["".to_string(), "第二页的备注".into(), "by label".into()]
        );
    }

    #[test]
    fn old_pdfpc_text_form() {
        let labels = vec![None, None, None];
        let text =
            "[file]\ndeck.pdf\n[notes]\n### 1\nfirst\nline two\n### 3\nthird\n[end_user_slide]\n2";
        assert_eq!(
            pdfpc_notes(text, &labels),
            vec!["first\nline two".to_string(), "".into(), "third".into()]
        );
    }

    #[test]
    fn text_blocks_by_rules_or_blank_lines() {
        assert_eq!(text_blocks("a\n\nb\nc\n\n\nd\n"), vec!["a", "b\nc", "d"]);
        assert_eq!(
            text_blocks("a\n\nstill a\n---\n---\nc\n"),
            vec!["a\n\nstill a", "", "c"]
        );
    }
}
