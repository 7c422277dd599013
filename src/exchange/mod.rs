//! The notes to and from the formats other tools use. No UI in here.
//!
//! **In.** [`detect`] is the one place that tells the formats apart: a talkdeck notes file,
//! W3C Web Annotation JSON-LD ([`w3c`]), Hypothesis's API search response and
//! its client's export ([`hypothesis`]), and a pdfpc `.pdfpc` file ([`pdfpc`]). Every
//! command that takes `--notes` reads through [`read_notes`]; the window imports what
//! is not a talkdeck file through [`import_file`], adding the notes to those it has (its
//! notes file stays what it was: a foreign file is never saved over in talkdeck's format).
//! Each importer names what it could not read (which item, why) and keeps the rest.
//!
//! [`merge`] adds another file's notes to these, de-duplicated. What talkdeck writes for
//! other tools is made in [`crate::export`] (the W3C writer is here, in [`w3c`], beside
//! its reader).

mod hypothesis;
pub mod merge;
pub(crate) mod pdfpc;
pub mod w3c;

pub use merge::{MergeCounts, merge};

use crate::notes::Note;
use crate::notes::{self, NotesDoc};
use crate::talk::Talk;
use serde_json::Value;
use std::fmt::Write as _;
use std::path::Path;
use time::OffsetDateTime;

/// A notes file's format, as [`detect`] tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Talkdeck,
    W3c,
    Hypothesis,
    Pdfpc,
}

impl Format {
    /// The format's name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Talkdeck => "talkdeck notes",
            Format::W3c => "W3C Web Annotation",
            Format::Hypothesis => "Hypothesis",
            Format::Pdfpc => "pdfpc",
        }
    }
}

/// Which format a JSON value is in; `None` for JSON of no kind talkdeck reads.
pub fn detect(value: &Value) -> Option<Format> {
    if value.get("format").and_then(Value::as_str) == Some(notes::FORMAT) {
        Some(Format::Talkdeck)
    } else if value.get("pdfpcFormat").is_some() {
        Some(Format::Pdfpc)
    } else if hypothesis::looks_like(value) {
        Some(Format::Hypothesis)
    } else if w3c::looks_like_w3c(value) {
        Some(Format::W3c)
    } else {
        None
    }
}

/// What an import brought in.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// Notes with the card each belongs on.
    pub notes: Vec<(String, Note)>,
    /// One line per item that could not be read.
    pub problems: Vec<String>,
}

/// A one-line summary of import problems, for a notice.
pub fn problems_line(problems: &[String]) -> String {
    let mut line = String::new();
    for (i, p) in problems.iter().take(3).enumerate() {
        let _ = write!(line, "{}{p}", if i > 0 { "; " } else { "" });
    }
    if problems.len() > 3 {
        let _ = write!(line, "; …");
    }
    line
}

/// Reads a foreign file's notes for `talk`: what could not be read is in `problems`.
/// A talkdeck notes file is not foreign (load it with [`crate::notes::load`]).
pub fn import_value(value: &Value, talk: &Talk, now: OffsetDateTime) -> Result<Imported, String> {
    match detect(value) {
        Some(Format::W3c) => Ok(w3c::import(value, talk, now)),
        Some(Format::Hypothesis) => Ok(hypothesis::import(value, talk, now)),
        Some(Format::Pdfpc) => pdfpc::import(value, talk, now),
        Some(Format::Talkdeck) => Err("a talkdeck notes file, not one to import".into()),
        None => Err(
            "not a notes file talkdeck reads (talkdeck notes, W3C Web Annotation, \
             Hypothesis or pdfpc JSON)"
                .into(),
        ),
    }
}

/// Reads a file for [`import_value`]; errors name the file (and the line and column of
/// broken JSON).
pub fn import_file(path: &Path, talk: &Talk) -> Result<Imported, String> {
    let value = read_json(path)?;
    import_value(&value, talk, OffsetDateTime::now_utc())
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn read_json(path: &Path) -> Result<Value, String> {
    let bytes = crate::readfile::read(path, crate::readfile::MAX_ANNOTATION_BYTES)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let decoded = crate::textfile::decode(&bytes, crate::textfile::Accept::Unicode)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&decoded.text).map_err(|e| {
        format!(
            "{}: line {}, column {}: {e}",
            path.display(),
            e.line(),
            e.column()
        )
    })
}

/// Notes read for a command that only reads them (`recap`, `export`).
#[derive(Debug, Clone, PartialEq)]
pub struct ReadNotes {
    pub doc: NotesDoc,
    pub format: Format,
    /// What could not be read, one line per item.
    pub problems: Vec<String>,
}

/// Reads notes in any format [`detect`] knows, for `talk`. A talkdeck file written by a
/// newer talkdeck is read as well as this version can: nothing here writes it.
pub fn read_notes(path: &Path, talk: &Talk) -> Result<ReadNotes, String> {
    match notes::load(path) {
        Ok(doc) => {
            return Ok(ReadNotes {
                doc,
                format: Format::Talkdeck,
                problems: Vec::new(),
            });
        }
        Err(e) if e.is_future_version() => {
            let doc = notes::load_read_only(path).map_err(|e| e.to_string())?;
            return Ok(ReadNotes {
                doc,
                format: Format::Talkdeck,
                problems: Vec::new(),
            });
        }
        Err(notes::NotesError::NotNotesFile { .. }) => {}
        Err(e) => return Err(e.to_string()),
    }
    let value = read_json(path)?;
    let format = detect(&value);
    let imported = import_value(&value, talk, OffsetDateTime::now_utc())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let mut doc = NotesDoc::new(&talk.title, &talk.fingerprint);
    merge(&mut doc, imported.notes);
    Ok(ReadNotes {
        doc,
        format: format.unwrap_or(Format::W3c),
        problems: imported.problems,
    })
}

/// [`read_notes`] for the command line: what could not be read is printed on stderr,
/// one line per item, and the rest is used.
pub fn read_notes_reporting(path: &Path, talk: &Talk) -> Result<NotesDoc, String> {
    let read = read_notes(path, talk)?;
    for problem in &read.problems {
        eprintln!("talkdeck: {}: {problem}", path.display());
    }
    Ok(read.doc)
}

#[cfg(test)]
pub(crate) mod tests;
