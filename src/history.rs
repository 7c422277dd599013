//! Undo and redo for notes: every change records the edit that reverses it.
//!
//! Inverse edits instead of snapshots, so a keystroke costs one small record, not a copy
//! of every note; typing into one note is grouped into a single step until a pause.

use crate::notes::{Highlight, Note, NotesDoc};
use std::time::{Duration, Instant};
use time::OffsetDateTime;
use uuid::Uuid;

/// Typing that pauses longer than this starts a new undo step.
pub const TYPING_PAUSE: Duration = Duration::from_millis(1200);

/// One change to a [`NotesDoc`]; applying it returns the change that undoes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    Insert {
        card: String,
        pos: usize,
        note: Box<Note>,
    },
    Remove {
        id: Uuid,
    },
    Text {
        id: Uuid,
        text: String,
        modified: OffsetDateTime,
    },
    Tags {
        id: Uuid,
        tags: Vec<String>,
        modified: OffsetDateTime,
    },
    Highlight {
        id: Uuid,
        highlight: Option<Box<Highlight>>,
        modified: OffsetDateTime,
    },
    /// Stars the card (`on`) or takes its star away.
    Star {
        card: String,
        on: bool,
    },
    /// Gives the card a title of the user's, or (`None`) gives it back its own.
    Title {
        card: String,
        title: Option<String>,
    },
    /// Several edits as one step (a merge), applied in order.
    Batch(Vec<Edit>),
}

impl Edit {
    /// The edit that puts `note` back the way it is now (for a change about to happen).
    pub fn restore_text(note: &Note) -> Self {
        Edit::Text {
            id: note.id,
            text: note.text.clone(),
            modified: note.modified,
        }
    }

    pub fn restore_tags(note: &Note) -> Self {
        Edit::Tags {
            id: note.id,
            tags: note.tags.clone(),
            modified: note.modified,
        }
    }

    pub fn restore_highlight(note: &Note) -> Self {
        Edit::Highlight {
            id: note.id,
            highlight: note.highlight.clone().map(Box::new),
            modified: note.modified,
        }
    }

    /// Applies the edit; returns its inverse, or `None` when the note it names is gone.
    pub fn apply(self, doc: &mut NotesDoc) -> Option<Edit> {
        match self {
            Edit::Batch(edits) => {
                let mut inverse: Vec<Edit> =
                    edits.into_iter().filter_map(|e| e.apply(doc)).collect();
                inverse.reverse();
                (!inverse.is_empty()).then_some(Edit::Batch(inverse))
            }
            Edit::Insert { card, pos, note } => {
                let id = note.id;
                doc.insert(&card, pos, *note);
                Some(Edit::Remove { id })
            }
            Edit::Remove { id } => {
                let (card, pos, note) = doc.remove(id)?;
                Some(Edit::Insert {
                    card,
                    pos,
                    note: Box::new(note),
                })
            }
            Edit::Text { id, text, modified } => {
                let note = doc.find_mut(id)?;
                let inverse = Edit::restore_text(note);
                note.text = text;
                note.modified = modified;
                Some(inverse)
            }
            Edit::Tags { id, tags, modified } => {
                let note = doc.find_mut(id)?;
                let inverse = Edit::restore_tags(note);
                note.tags = tags;
                note.modified = modified;
                Some(inverse)
            }
            Edit::Star { card, on } => {
                let was = doc.starred.contains(&card);
                if on {
                    doc.starred.insert(card.clone());
                } else {
                    doc.starred.remove(&card);
                }
                Some(Edit::Star { card, on: was })
            }
            Edit::Title { card, title } => {
                let was = match title {
                    Some(title) => doc.titles.insert(card.clone(), title),
                    None => doc.titles.remove(&card),
                };
                Some(Edit::Title { card, title: was })
            }
            Edit::Highlight {
                id,
                highlight,
                modified,
            } => {
                let note = doc.find_mut(id)?;
                let inverse = Edit::restore_highlight(note);
                note.highlight = highlight.map(|h| *h);
                note.modified = modified;
                Some(inverse)
            }
        }
    }

    /// The note the edit changes; `None` for a card's star or title and for a batch (see
    /// [`Edit::is_batch`]).
    pub fn note_id(&self) -> Option<Uuid> {
        match self {
            Edit::Insert { note, .. } => Some(note.id),
            Edit::Remove { id }
            | Edit::Text { id, .. }
            | Edit::Tags { id, .. }
            | Edit::Highlight { id, .. } => Some(*id),
            Edit::Star { .. } | Edit::Title { .. } | Edit::Batch(_) => None,
        }
    }

    /// A step of many notes (whose highlights all need finding again).
    pub fn is_batch(&self) -> bool {
        matches!(self, Edit::Batch(_))
    }

    /// The note this edit is about, and whether in its tags, when it is one of a run of
    /// keystrokes (a run in the text and one in the tags are two steps).
    fn typing_in(&self) -> Option<(Uuid, bool)> {
        match self {
            Edit::Text { id, .. } => Some((*id, false)),
            Edit::Tags { id, .. } => Some((*id, true)),
            _ => None,
        }
    }
}

#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
    last_typing: Option<((Uuid, bool), Instant)>,
}

impl History {
    /// Records the inverse of a change just made. Text (or tags) edits of one note with no
    /// pause longer than [`TYPING_PAUSE`] between them keep the first inverse only, so one
    /// undo takes back the whole run.
    pub fn record(&mut self, inverse: Edit, now: Instant) {
        self.redo.clear();
        let typing = inverse.typing_in();
        let continues = match (typing, self.last_typing) {
            (Some(id), Some((last, at))) => id == last && now.duration_since(at) <= TYPING_PAUSE,
            _ => false,
        };
        self.last_typing = typing.map(|id| (id, now));
        if !continues {
            self.undo.push(inverse);
        }
    }

    /// Undoes the last step; returns the edit that redoes it, `None` when there is
    /// nothing (left) to undo.
    pub fn undo(&mut self, doc: &mut NotesDoc) -> Option<&Edit> {
        self.last_typing = None;
        Self::step(&mut self.undo, &mut self.redo, doc)
    }

    /// Redoes the last undone step; returns the edit that undoes it again.
    pub fn redo(&mut self, doc: &mut NotesDoc) -> Option<&Edit> {
        self.last_typing = None;
        Self::step(&mut self.redo, &mut self.undo, doc)
    }

    fn step<'a>(
        from: &mut Vec<Edit>,
        to: &'a mut Vec<Edit>,
        doc: &mut NotesDoc,
    ) -> Option<&'a Edit> {
        while let Some(edit) = from.pop() {
            if let Some(inverse) = edit.apply(doc) {
                to.push(inverse);
                return to.last();
            }
        }
        None
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Forgets everything (another notes file was opened).
    pub fn clear(&mut self) {
        *self = Self::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }

    /// Changes `doc` the way the session does: inverse first, then the change.
    fn type_text(doc: &mut NotesDoc, history: &mut History, id: Uuid, text: &str, at: Instant) {
        let inverse = Edit::restore_text(doc.find_mut(id).unwrap());
        doc.set_text(id, text, now());
        history.record(inverse, at);
    }

    #[test]
    fn typing_is_one_step_until_a_pause() {
        let mut doc = NotesDoc::new("t", "f");
        let mut history = History::default();
        let id = doc.add("obs-1", "", now());
        history.record(Edit::Remove { id }, Instant::now());
        let t0 = Instant::now();
        type_text(&mut doc, &mut history, id, "规", t0);
        type_text(
            &mut doc,
            &mut history,
            id,
            "规模",
            t0 + Duration::from_millis(300),
        );
        type_text(
            &mut doc,
            &mut history,
            id,
            "规模效应",
            t0 + Duration::from_millis(600),
        );
        let later = t0 + Duration::from_millis(600) + TYPING_PAUSE * 2;
        type_text(&mut doc, &mut history, id, "规模效应还有效", later);

        assert!(history.undo(&mut doc).is_some());
        assert_eq!(doc.notes("obs-1")[0].text, "规模效应");
        assert!(history.undo(&mut doc).is_some());
        assert_eq!(doc.notes("obs-1")[0].text, "");
        assert!(
            history.undo(&mut doc).is_some(),
            "undoing the add removes the note"
        );
        assert_eq!(doc.total(), 0);
        assert!(history.undo(&mut doc).is_none());

        assert!(history.redo(&mut doc).is_some());
        assert!(history.redo(&mut doc).is_some());
        assert!(history.redo(&mut doc).is_some());
        assert_eq!(doc.notes("obs-1")[0].text, "规模效应还有效");
        assert!(!history.can_redo());
    }

    #[test]
    fn a_deleted_note_comes_back_in_its_place() {
        let mut doc = NotesDoc::new("t", "f");
        let mut history = History::default();
        let a = doc.add("obs-2", "一", now());
        let b = doc.add("obs-2", "二", now());
        doc.add("obs-2", "三", now());
        doc.set_tags(b, &["标签".to_owned()], now());
        let (card, pos, note) = doc.remove(b).unwrap();
        history.record(
            Edit::Insert {
                card,
                pos,
                note: Box::new(note),
            },
            Instant::now(),
        );
        assert!(history.undo(&mut doc).is_some());
        let texts: Vec<&str> = doc.notes("obs-2").iter().map(|n| n.text.as_str()).collect();
        assert_eq!(texts, ["一", "二", "三"]);
        assert_eq!(doc.notes("obs-2")[1].tags, ["标签"]);
        assert!(history.redo(&mut doc).is_some());
        assert_eq!(doc.count("obs-2"), 2);
        assert_eq!(doc.notes("obs-2")[0].id, a);
    }

    #[test]
    fn a_new_change_clears_redo() {
        let mut doc = NotesDoc::new("t", "f");
        let mut history = History::default();
        let id = doc.add("title", "", now());
        history.record(Edit::Remove { id }, Instant::now());
        history.undo(&mut doc);
        assert!(history.can_redo());
        let id = doc.add("title", "", now());
        history.record(Edit::Remove { id }, Instant::now());
        assert!(!history.can_redo());
    }
}
