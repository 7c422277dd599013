//! Undo and redo for notes: every change records the edit that reverses it.
//!
//! Inverse edits instead of snapshots, so a keystroke costs one small record, not a copy
//! of every note; typing into one note is grouped into a single step until a pause. A
//! change of a note's text is kept as the splice that takes it back (the bytes that
//! changed and what they were), never as a copy of the whole note: a step on a 50 MB
//! note costs what was typed, not 50 MB.

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
    /// Puts `text` in place of the note's bytes `at..at + len`.
    Text {
        id: Uuid,
        at: usize,
        len: usize,
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
    /// The edit that puts `note`'s text back the way it is now, once it has become `new`
    /// (for a change about to happen): only the part between what the two texts start
    /// and end with in common.
    pub fn restore_text(note: &Note, new: &str) -> Self {
        let old = note.text.as_str();
        let head = common_prefix(old, new);
        let tail = common_suffix(&old[head..], &new[head..]);
        Edit::Text {
            id: note.id,
            at: head,
            len: new.len() - head - tail,
            text: old[head..old.len() - tail].to_owned(),
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
            Edit::Text {
                id,
                at,
                len,
                text,
                modified,
            } => {
                let note = doc.find_mut(id)?;
                let removed = note.text.get(at..at.checked_add(len)?)?.to_owned();
                note.text.replace_range(at..at + len, &text);
                let inverse = Edit::Text {
                    id,
                    at,
                    len: text.len(),
                    text: removed,
                    modified: note.modified,
                };
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

    /// One edit that does `self` and then `earlier`, when both are text edits of one note
    /// whose spans touch (typing in one place); `None` otherwise. `self` is the inverse of
    /// the latest keystroke (on the text now), `earlier` the inverse of the ones before
    /// (on the text as the latest keystroke found it).
    fn then_text(&self, earlier: &Edit) -> Option<Edit> {
        let (
            Edit::Text {
                id,
                at: at2,
                len: len2,
                text: put2,
                ..
            },
            Edit::Text {
                id: id1,
                at: at1,
                len: len1,
                text: put1,
                modified,
            },
        ) = (self, earlier)
        else {
            return None;
        };
        // In the text between the two: `self` leaves `put2` at `at2..end2`, `earlier`
        // replaces `at1..end1`.
        let (end2, end1) = (at2 + put2.len(), at1 + len1);
        if id != id1 || *at1 > end2 || *at2 > end1 {
            return None;
        }
        let (low, high) = ((*at1).min(*at2), end1.max(end2));
        // What is around `earlier`'s span within the joint one lies in `put2`.
        let before = if *at1 > low {
            put2.get(..at1 - at2)?
        } else {
            ""
        };
        let after = if high > end1 {
            put2.get(end1 - at2..)?
        } else {
            ""
        };
        Some(Edit::Text {
            id: *id,
            at: low,
            // `high` lies at or after `end2`: in the text now it is where `self` ends.
            len: high - put2.len() + len2 - low,
            text: [before, put1.as_str(), after].concat(),
            modified: *modified,
        })
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
    /// pause longer than [`TYPING_PAUSE`] between them are one step, so one undo takes back
    /// the whole run: the tags' first inverse is kept, the text's splices are joined while
    /// they touch (typing elsewhere in the note starts a step).
    pub fn record(&mut self, inverse: Edit, now: Instant) {
        self.redo.clear();
        let typing = inverse.typing_in();
        let continues = match (typing, self.last_typing) {
            (Some(id), Some((last, at))) => id == last && now.duration_since(at) <= TYPING_PAUSE,
            _ => false,
        };
        self.last_typing = typing.map(|id| (id, now));
        match self.undo.last_mut() {
            Some(last) if continues => {
                if let Some(joined) = inverse.then_text(last) {
                    *last = joined;
                } else if matches!(inverse, Edit::Text { .. }) {
                    self.undo.push(inverse);
                }
            }
            _ => self.undo.push(inverse),
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

/// Bytes `a` and `b` start with in common, at a char boundary.
fn common_prefix(a: &str, b: &str) -> usize {
    let same = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    (0..=same)
        .rev()
        .find(|&i| a.is_char_boundary(i))
        .unwrap_or(0)
}

/// Bytes `a` and `b` end with in common, at a char boundary.
fn common_suffix(a: &str, b: &str) -> usize {
    let same = a
        .bytes()
        .rev()
        .zip(b.bytes().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (0..=same)
        .rev()
        .find(|&i| a.is_char_boundary(a.len() - i))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }

    /// Changes `doc` the way the session does: inverse first, then the change.
    fn type_text(doc: &mut NotesDoc, history: &mut History, id: Uuid, text: &str, at: Instant) {
        let inverse = Edit::restore_text(doc.find_mut(id).unwrap(), text);
        if doc.set_text(id, text, now()) {
            history.record(inverse, at);
        }
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

    #[test]
    fn a_keystroke_in_a_large_note_keeps_what_changed_not_the_note() {
        let mut doc = NotesDoc::new("t", "f");
        let mut history = History::default();
        let big = "规模效应".repeat(1 << 18);
        let id = doc.add("obs-1", &big, now());
        let t0 = Instant::now();
        let typed = format!("{big}还有效");
        type_text(&mut doc, &mut history, id, &format!("{big}还"), t0);
        type_text(&mut doc, &mut history, id, &typed, t0);
        let kept = match &history.undo[..] {
            [Edit::Text { text, len, .. }] => text.len() + len,
            other => panic!("one text step expected: {other:?}"),
        };
        assert_eq!(kept, "还有效".len(), "the step holds the typing only");
        assert!(history.undo(&mut doc).is_some());
        assert_eq!(doc.notes("obs-1")[0].text, big);
        assert!(history.redo(&mut doc).is_some());
        assert_eq!(doc.notes("obs-1")[0].text, typed);
    }

    #[test]
    fn typing_in_another_place_of_the_note_is_another_step() {
        let mut doc = NotesDoc::new("t", "f");
        let mut history = History::default();
        let id = doc.add("obs-1", "一二三", now());
        let t0 = Instant::now();
        type_text(&mut doc, &mut history, id, "一二三四", t0);
        type_text(&mut doc, &mut history, id, "零一二三四", t0);
        assert!(history.undo(&mut doc).is_some());
        assert_eq!(doc.notes("obs-1")[0].text, "一二三四");
        assert!(history.undo(&mut doc).is_some());
        assert_eq!(doc.notes("obs-1")[0].text, "一二三");
    }

    proptest::proptest! {
        /// However a run of typing changes a note (inserting, deleting, replacing in
        /// any place, in any script), undo gives back each text before a step, redo
        /// each text after it.
        #[test]
        fn undo_and_redo_give_back_every_text(
            start in "[a-c规模 ]{0,12}",
            changes in proptest::collection::vec(
                (0usize..16, 0usize..4, "[a-c效 ]{0,3}", proptest::bool::ANY), 1..12),
        ) {
            let mut doc = NotesDoc::new("t", "f");
            let mut history = History::default();
            let id = doc.add("obs-1", &start, now());
            let mut clock = Instant::now();
            let mut texts = vec![start.clone()];
            let mut at_step = Vec::new();
            for (from, cut, put, pause) in changes {
                let old: Vec<char> = doc.notes("obs-1")[0].text.chars().collect();
                let from = from.min(old.len());
                let to = (from + cut).min(old.len());
                let new: String = old[..from]
                    .iter()
                    .chain(put.chars().collect::<Vec<_>>().iter())
                    .chain(&old[to..])
                    .collect();
                if pause {
                    clock += TYPING_PAUSE * 2;
                }
                let before = history.undo.len();
                type_text(&mut doc, &mut history, id, &new, clock);
                if history.undo.len() > before {
                    // A new step: undoing it gives back the text before this change.
                    at_step.push(texts.len() - 1);
                }
                texts.push(new);
            }
            let end = texts.len() - 1;
            let mut undone = Vec::new();
            while history.undo(&mut doc).is_some() {
                undone.push(doc.notes("obs-1")[0].text.clone());
            }
            let expected: Vec<String> = at_step.iter().rev().map(|&i| texts[i].clone()).collect();
            proptest::prop_assert_eq!(&undone, &expected);
            while history.redo(&mut doc).is_some() {}
            proptest::prop_assert_eq!(&doc.notes("obs-1")[0].text, &texts[end]);
        }
    }
}
