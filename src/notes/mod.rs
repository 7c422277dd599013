//! The user's own notes on the cards of a talk, and the JSON file they live in.
//! No UI in here.
//!
//! Keeping the file safe:
//!
//! - [`save`] is atomic and keeps the previous version as `NAME.bak` ([`backup_path`]);
//! - [`load_stamped`] + [`save_checked`] refuse to overwrite a file another program
//!   changed since it was loaded ([`NotesError::Changed`]);
//! - [`lock`] keeps two talkdeck windows off one file ([`NotesError::Locked`]);
//! - [`sweep_temp_files`] removes what interrupted saves left behind;
//! - [`keep_corrupt_copy`] puts an unreadable file aside before anything else happens;
//! - [`migrate`] upgrades files of older format versions on load.

mod file;
mod lock;
mod migrate;
mod sidecar;

pub use file::{
    FORMAT, FileStamp, Invalid, NotNotes, NotesError, SCHEMA_VERSION, Shown, backup_path,
    default_notes_path, from_bytes, from_json, load, load_read_only, load_stamped, save,
    save_checked, to_json,
};
pub use lock::{NotesLock, lock, lock_path};
pub use migrate::{MigrationError, migrate};
pub use sidecar::{
    STALE_TEMP_AGE, keep_corrupt_copy, sweep_temp_files, sweep_temp_files_older_than,
};

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::OffsetDateTime;
use uuid::Uuid;

/// Fields this version does not know, kept so that a round trip through an older app
/// does not drop what a newer one wrote.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// One note the user wrote on a card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    pub id: Uuid,
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub modified: OffsetDateTime,
    /// Set when the note is a highlight: a passage of the speaker notes it comments on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub highlight: Option<Highlight>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A highlighted passage of a card's speaker notes. `target` holds W3C Web Annotation
/// selectors (quote with context, and position in Unicode scalar values), so the
/// passage can be found again after the talk text changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Highlight {
    pub target: crate::anchor::Anchor,
    #[serde(default)]
    pub colour: Colour,
    /// The user promoted the quote to the card's key points.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub key_point: bool,
}

/// The few colours a highlight can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Colour {
    #[default]
    Yellow,
    Green,
    Blue,
    Pink,
}

impl Colour {
    pub const ALL: [Colour; 4] = [Colour::Yellow, Colour::Green, Colour::Blue, Colour::Pink];
}

/// Which talk a notes file belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct TalkRef {
    pub title: String,
    pub fingerprint: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// All notes on one talk, keyed by card id (not index, so they survive a re-parse).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NotesDoc {
    pub talk: TalkRef,
    pub cards: BTreeMap<String, Vec<Note>>,
    /// Cards the user starred, by id.
    pub starred: std::collections::BTreeSet<String>,
    /// Titles the user gave cards, by card id: shown (in the window, the recap, exports)
    /// in place of the talk's own, which an automatic card took from its text.
    pub titles: BTreeMap<String, String>,
    /// The planned duration, budgets and rehearsal runs (format version 2).
    pub rehearsal: crate::rehearsal::RehearsalLog,
    /// Unknown top-level fields of the file this was loaded from.
    pub extra: Extra,
}

impl NotesDoc {
    pub fn new(title: &str, fingerprint: &str) -> Self {
        Self {
            talk: TalkRef {
                title: title.to_owned(),
                fingerprint: fingerprint.to_owned(),
                extra: Extra::new(),
            },
            ..Self::default()
        }
    }

    pub fn notes(&self, card_id: &str) -> &[Note] {
        self.cards.get(card_id).map_or(&[], Vec::as_slice)
    }

    pub fn count(&self, card_id: &str) -> usize {
        self.notes(card_id).len()
    }

    pub fn total(&self) -> usize {
        self.cards.values().map(Vec::len).sum()
    }

    /// Nothing the user made: no note, no star, no card title.
    pub fn is_blank(&self) -> bool {
        self.total() == 0 && self.starred.is_empty() && self.titles.is_empty()
    }

    /// Adds an empty-or-not note at the end of the card's list and returns its id.
    pub fn add(&mut self, card_id: &str, text: &str, now: OffsetDateTime) -> Uuid {
        let id = Uuid::new_v4();
        self.cards
            .entry(card_id.to_owned())
            .or_default()
            .push(Note {
                id,
                text: text.to_owned(),
                tags: Vec::new(),
                created: now,
                modified: now,
                highlight: None,
                extra: Extra::new(),
            });
        id
    }

    /// Adds a highlight note on the passage `target` points at.
    pub fn add_highlight(&mut self, target: crate::anchor::Anchor, now: OffsetDateTime) -> Uuid {
        let card = target.card_id.clone();
        let id = self.add(&card, "", now);
        if let Some(note) = self.find_mut(id) {
            note.highlight = Some(Highlight {
                target,
                colour: Colour::default(),
                key_point: false,
            });
        }
        id
    }

    /// Every note, with the card it is filed under.
    pub fn all(&self) -> impl Iterator<Item = (&str, &Note)> {
        self.cards
            .iter()
            .flat_map(|(card, notes)| notes.iter().map(move |n| (card.as_str(), n)))
    }

    pub fn find(&self, note_id: Uuid) -> Option<&Note> {
        self.cards.values().flatten().find(|n| n.id == note_id)
    }

    pub fn find_mut(&mut self, note_id: Uuid) -> Option<&mut Note> {
        self.cards.values_mut().flatten().find(|n| n.id == note_id)
    }

    /// Replaces a note's text; returns false when the note is gone or the text is the same.
    pub fn set_text(&mut self, note_id: Uuid, text: &str, now: OffsetDateTime) -> bool {
        match self.find_mut(note_id) {
            Some(note) if note.text != text => {
                note.text = text.to_owned();
                note.modified = now;
                true
            }
            _ => false,
        }
    }

    /// Replaces a note's tags (trimmed, empty ones and repeats dropped).
    pub fn set_tags(&mut self, note_id: Uuid, tags: &[String], now: OffsetDateTime) -> bool {
        let mut clean: Vec<String> = Vec::new();
        for tag in tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
            if !clean.iter().any(|c| c == tag) {
                clean.push(tag.to_owned());
            }
        }
        match self.find_mut(note_id) {
            Some(note) if note.tags != clean => {
                note.tags = clean;
                note.modified = now;
                true
            }
            _ => false,
        }
    }

    /// Removes a note and returns it with the card id and position it had, so it can be
    /// put back.
    pub fn remove(&mut self, note_id: Uuid) -> Option<(String, usize, Note)> {
        let (card, list) = self
            .cards
            .iter_mut()
            .find(|(_, list)| list.iter().any(|n| n.id == note_id))?;
        let card = card.clone();
        let pos = list.iter().position(|n| n.id == note_id)?;
        let note = list.remove(pos);
        if list.is_empty() {
            self.cards.remove(&card);
        }
        Some((card, pos, note))
    }

    /// Puts back a note that [`NotesDoc::remove`] took out.
    pub fn insert(&mut self, card_id: &str, pos: usize, note: Note) {
        let list = self.cards.entry(card_id.to_owned()).or_default();
        list.insert(pos.min(list.len()), note);
    }

    /// Gives a new id to every note whose id an earlier note has too (another tool's
    /// output, a hand merge, a sync conflict), so that an edit of one never lands on the
    /// other. Returns how many were given one.
    pub fn make_ids_unique(&mut self) -> usize {
        let mut seen = std::collections::HashSet::with_capacity(self.total());
        let mut renamed = 0;
        for note in self.cards.values_mut().flatten() {
            if !seen.insert(note.id) {
                note.id = Uuid::new_v4();
                seen.insert(note.id);
                renamed += 1;
            }
        }
        renamed
    }
}

#[cfg(test)]
mod unique_id_tests {
    use super::*;

    #[test]
    fn duplicate_ids_get_new_ones_and_edits_stay_apart() {
        let now = OffsetDateTime::now_utc();
        let mut doc = NotesDoc::new("t", "f");
        let a = doc.add("obs-1", "甲", now);
        doc.add("obs-2", "乙", now);
        doc.cards.get_mut("obs-2").unwrap()[0].id = a;
        doc.add("obs-2", "丙", now);
        doc.cards.get_mut("obs-2").unwrap()[1].id = a;

        assert_eq!(doc.make_ids_unique(), 2);
        let ids: std::collections::HashSet<Uuid> = doc.all().map(|(_, n)| n.id).collect();
        assert_eq!(ids.len(), 3);
        assert_eq!(doc.find(a).unwrap().text, "甲", "the first keeps its id");
        assert!(doc.set_text(a, "甲改", now));
        let texts: Vec<&str> = doc.all().map(|(_, n)| n.text.as_str()).collect();
        assert_eq!(texts, ["甲改", "乙", "丙"]);
        assert_eq!(doc.make_ids_unique(), 0);
    }
}
