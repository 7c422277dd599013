//! Every file talkdeck writes from a talk and its notes, for reading or for another tool:
//! the recap, the recap as Marp or reveal.js slides, W3C Web Annotations, pdfpc, Anki,
//! Readwise and the notes alone as Markdown. No UI in here.
//!
//! Each output is a function of one [`Snapshot`] (the talk with the user's card titles,
//! the notes, where each highlight's passage is now, and the options), so the window can
//! hand a snapshot to a background thread (cloning one copies nothing: its parts are
//! shared) and the command line can make one from files; both then call
//! [`Snapshot::render`]. The formats are the rows of one table, [`FORMATS`]: adding an
//! export is a [`Format`] variant, a file here with its `render` function, and a row
//! (with its words in the `.ftl` files); the window's File menu and command palette and
//! `talkdeck export --to` offer every row.

mod anki;
mod notes_md;
mod pdfpc;
mod readwise;
pub mod recap;
mod view;
mod w3c;

#[cfg(test)]
mod tests;

pub use recap::{DeckFormat, Lang, RecapOptions};

use crate::anchor::TalkIndex;
use crate::notes::{Note, NotesDoc};
use crate::placement::{self, Anchorings, Placed};
use crate::talk::Talk;
use std::path::Path;
use std::sync::Arc;

/// What an export is made of: one state of the talk and the notes, shared.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// The talk with the user's card titles ([`NotesDoc::titles`]).
    talk: Arc<Talk>,
    notes: Arc<NotesDoc>,
    /// Where each highlight's passage is in `talk`, by note id.
    anchorings: Arc<Anchorings>,
    /// The language of the words around the user's (headings, labels), what to leave
    /// out and whether to give rehearsal times.
    pub options: RecapOptions,
}

impl Snapshot {
    /// The state a window shows: its talk (already retitled), notes and anchorings,
    /// shared with it.
    pub fn new(
        talk: Arc<Talk>,
        notes: Arc<NotesDoc>,
        anchorings: Arc<Anchorings>,
        options: RecapOptions,
    ) -> Self {
        Self {
            talk,
            notes,
            anchorings,
            options,
        }
    }

    /// A talk as read from its file with notes read for it (the command line): the cards
    /// take the user's titles and every highlight's passage is looked for in the talk,
    /// as the window does when it opens notes.
    pub fn read(talk: Talk, notes: NotesDoc, options: RecapOptions) -> Self {
        let talk = talk.retitled(&notes.titles);
        let anchorings = placement::anchorings_in(&notes, &TalkIndex::new(&talk));
        Self::new(
            Arc::new(talk),
            Arc::new(notes),
            Arc::new(anchorings),
            options,
        )
    }

    /// Reads a talk file and, when given, a notes file in any format
    /// [`crate::exchange::read_notes`] takes (what could not be read is printed on
    /// stderr, the rest used): the command line's snapshot. Errors name the file.
    pub fn from_files(
        talk_path: &Path,
        notes_path: Option<&Path>,
        options: RecapOptions,
    ) -> Result<Self, String> {
        let talk = crate::talk::read_talk(talk_path).map_err(|e| e.to_string())?;
        let notes = match notes_path {
            Some(path) => crate::exchange::read_notes_reporting(path, &talk)?,
            None => NotesDoc::new(&talk.title, &talk.fingerprint),
        };
        Ok(Self::read(talk, notes, options))
    }

    pub fn talk(&self) -> &Talk {
        &self.talk
    }

    pub fn notes(&self) -> &NotesDoc {
        &self.notes
    }

    /// The notes on the cards, by the one rule of [`crate::placement`].
    pub fn placed(&self) -> Placed<'_> {
        Placed::new(&self.talk, &self.notes, Some(&self.anchorings))
    }

    /// A highlight's passage as the talk has it now ([`placement::passage_now`]).
    pub fn quote(&self, note: &Note) -> Option<String> {
        placement::passage_now(&self.talk, Some(&self.anchorings), note)
    }

    /// The notes card by card, as the tools' formats lay them out.
    fn by_card(&self) -> view::ByCard<'_> {
        view::by_card(&self.talk, &self.notes, &self.anchorings)
    }

    /// The file `format` writes, as text.
    pub fn render(&self, format: Format) -> String {
        (format.spec().render)(self)
    }

    /// Writes the export over `path` atomically (see [`write_atomically`]).
    pub fn write(&self, format: Format, path: &Path) -> Result<(), crate::atomic::WriteError> {
        crate::atomic::write(path, self.render(format).as_bytes())
    }
}

/// Every export talkdeck writes. Each has its row in [`FORMATS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// The recap: a Markdown document to read (see [`recap`]).
    Recap,
    /// The recap as Marp slides.
    Marp,
    /// The recap as reveal.js slides.
    Reveal,
    /// All notes and highlights as W3C Web Annotation JSON-LD.
    W3c,
    /// pdfpc's `.pdfpc` file (format 2), one page per card.
    Pdfpc,
    /// Anki's text import (tab-separated, with its header lines).
    Anki,
    /// Readwise's CSV upload.
    Readwise,
    /// The user's notes and highlights alone, as Markdown.
    NotesMd,
}

/// What there is to know about an export, in one row of [`FORMATS`].
#[derive(Debug)]
pub struct Spec {
    pub format: Format,
    /// Its name on the command line (`talkdeck export --to NAME`).
    pub name: &'static str,
    /// The file dialog's filter: the kind of file and the extensions its tools take.
    pub filter: (&'static str, &'static [&'static str]),
    /// The end of the file name suggested for it (after the talk file's stem).
    pub suffix: &'static str,
    /// The id of its path dialog's title in the `.ftl` message files.
    pub title: &'static str,
    /// The id of its entry in the window's File menu and command palette.
    pub menu: &'static str,
    /// Makes the file's text.
    pub render: fn(&Snapshot) -> String,
}

const MARKDOWN: (&str, &[&str]) = ("Markdown", &["md"]);

/// The exports, one row each.
pub const FORMATS: &[Spec] = &[
    Spec {
        format: Format::Recap,
        name: "recap",
        filter: MARKDOWN,
        suffix: ".recap.md",
        title: "title-export-recap",
        menu: "menu-export-recap",
        render: recap::render,
    },
    Spec {
        format: Format::Marp,
        name: "marp",
        filter: MARKDOWN,
        suffix: ".slides.md",
        title: "title-export-deck",
        menu: "menu-export-deck",
        render: recap::render_marp,
    },
    Spec {
        format: Format::Reveal,
        name: "reveal",
        filter: MARKDOWN,
        suffix: ".reveal.md",
        title: "title-export-reveal",
        menu: "menu-export-reveal",
        render: recap::render_reveal,
    },
    Spec {
        format: Format::W3c,
        name: "w3c",
        filter: ("W3C Web Annotation", &["jsonld", "json"]),
        suffix: ".annotations.jsonld",
        title: "title-export-w3c",
        menu: "menu-export-w3c",
        render: w3c::render,
    },
    Spec {
        format: Format::Pdfpc,
        name: "pdfpc",
        filter: ("pdfpc", &["pdfpc"]),
        suffix: ".pdfpc",
        title: "title-export-pdfpc",
        menu: "menu-export-pdfpc",
        render: pdfpc::render,
    },
    Spec {
        format: Format::Anki,
        name: "anki",
        filter: ("anki", &["txt"]),
        suffix: ".anki.txt",
        title: "title-export-anki",
        menu: "menu-export-anki",
        render: anki::render,
    },
    Spec {
        format: Format::Readwise,
        name: "readwise",
        filter: ("readwise", &["csv"]),
        suffix: ".readwise.csv",
        title: "title-export-readwise",
        menu: "menu-export-readwise",
        render: readwise::render,
    },
    Spec {
        format: Format::NotesMd,
        name: "notes-md",
        filter: ("notes-md", &["md"]),
        suffix: ".notes.md",
        title: "title-export-notes-md",
        menu: "menu-export-notes-md",
        render: notes_md::render,
    },
];

impl Format {
    /// Every export, in the table's order.
    pub fn all() -> impl Iterator<Item = Format> {
        FORMATS.iter().map(|spec| spec.format)
    }

    /// Its row of [`FORMATS`].
    pub fn spec(self) -> &'static Spec {
        FORMATS
            .iter()
            .find(|spec| spec.format == self)
            .expect("every format has its row in FORMATS (a test checks)")
    }

    /// Its name on the command line.
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// The format of that name, if any.
    pub fn named(name: &str) -> Option<Format> {
        FORMATS
            .iter()
            .find(|spec| spec.name == name)
            .map(|spec| spec.format)
    }
}

/// Writes `text` over `path` with the app's one atomic writer ([`crate::atomic`]), so
/// `path` is never half written. The error names the file.
pub fn write_atomically(path: &Path, text: &str) -> Result<(), String> {
    crate::atomic::write(path, text.as_bytes())
        .map_err(|e| format!("{}: cannot write it: {e}", path.display()))
}
