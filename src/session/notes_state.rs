//! The notes and where their highlights are: every change of the notes goes through
//! here, so the highlights' anchorings, the per-card counts, the card titles and the undo
//! history stay true to them.

use super::{Anchorings, Session};
use crate::anchor::{self, Anchoring};
use crate::exchange;
use crate::export::Snapshot;
use crate::history::Edit;
use crate::notes::{self, Note, NotesDoc};
use crate::placement::{Placed, anchorings_in};
use std::sync::Arc;
use std::time::Instant;
use time::OffsetDateTime;
use uuid::Uuid;

impl Session {
    /// Makes `talk` show the card titles the notes hold, after they changed.
    pub(super) fn retitle(&mut self) {
        let titles = &self.notes.titles;
        let stale = self
            .talk
            .cards
            .iter()
            .zip(&self.opened.cards)
            .any(|(shown, own)| shown.title != *titles.get(&own.id).unwrap_or(&own.title));
        if stale {
            self.talk = if titles.is_empty() {
                Arc::clone(&self.opened)
            } else {
                Arc::new(self.opened.retitled(titles))
            };
        }
    }

    /// The notes, to change. A save still writing them keeps its own copy (made here,
    /// only then).
    pub(super) fn notes_mut(&mut self) -> &mut NotesDoc {
        self.counts.take();
        Arc::make_mut(&mut self.notes)
    }

    /// Where a highlight's passage is now (`None`: not a highlight any more). Every change
    /// of where highlights are goes through here or [`Self::set_anchorings`], so what is
    /// counted per card stays true.
    pub(super) fn set_anchoring(&mut self, id: Uuid, anchoring: Option<Anchoring>) {
        self.counts.take();
        match anchoring {
            Some(anchoring) => Arc::make_mut(&mut self.anchorings).insert(id, anchoring),
            None => Arc::make_mut(&mut self.anchorings).remove(&id),
        };
    }

    pub(super) fn set_anchorings(&mut self, anchorings: Anchorings) {
        self.counts.take();
        self.anchorings = Arc::new(anchorings);
    }

    /// Every note on the cards of the talk, placed by the one rule of
    /// [`crate::placement`]: what the search, the recap, the exports and every view use.
    pub fn placed(&self) -> Placed<'_> {
        Placed::new(&self.talk, &self.notes, Some(self.anchorings.as_ref()))
    }

    /// How many notes are on a card (by [`Self::placed`]), for the outline and overview.
    pub fn note_count(&self, card_id: &str) -> usize {
        let counts = self.counts.get_or_init(|| {
            let placed = self.placed();
            self.talk
                .cards
                .iter()
                .map(|c| (c.id.clone(), placed.on(&c.id).len()))
                .collect()
        });
        counts.get(card_id).copied().unwrap_or(0)
    }

    /// Merges `notes` (and `starred`) into the notes as one undoable step.
    pub(super) fn merge_in(
        &mut self,
        notes: Vec<(String, Note)>,
        starred: Option<&std::collections::BTreeSet<String>>,
    ) -> exchange::MergeCounts {
        let doc = self.notes_mut();
        let (counts, mut undo) = exchange::merge(doc, notes);
        if let Some(starred) = starred {
            undo.extend(exchange::merge::merge_stars(doc, starred));
        }
        if !undo.is_empty() {
            self.reanchor();
            self.changed_by(Edit::Batch(undo));
        }
        counts
    }

    /// Puts in another set of notes: history starts over and every highlight is anchored
    /// again in this talk.
    pub(super) fn replace_notes(&mut self, doc: NotesDoc) {
        let anchorings = anchorings_in(&doc, self.talk_index());
        self.replace_anchored_notes(doc, anchorings);
    }

    /// [`Self::replace_notes`] with the highlights already anchored in this talk.
    pub(super) fn replace_anchored_notes(&mut self, doc: NotesDoc, anchorings: Anchorings) {
        self.notes = Arc::new(doc);
        self.retitle();
        self.history.clear();
        self.set_anchorings(anchorings);
    }

    /// Finds every highlight's passage in the current talk text.
    pub(super) fn reanchor(&mut self) {
        let anchorings = anchorings_in(&self.notes, self.talk_index());
        self.set_anchorings(anchorings);
    }

    /// Where a highlight sits now: its card and char range in that card's speaker notes;
    /// `None` when its passage is gone (an orphan) or the note is no highlight.
    pub fn highlight_place(&self, note_id: Uuid) -> Option<(&str, usize, usize)> {
        let anchoring = self.anchorings.get(&note_id)?;
        let range = anchoring.range()?;
        Some((anchoring.card_id()?, range.start, range.end))
    }

    /// The notes on a card (by [`Self::placed`]). Orphans are listed apart.
    pub fn notes_on(&self, card_id: &str) -> Vec<&Note> {
        self.placed().on(card_id).to_vec()
    }

    /// The passage a highlight covers now, or the quote it was made on when its passage
    /// is gone ([`crate::placement::passage_now`]).
    pub fn highlight_text(&self, note: &Note) -> Option<String> {
        crate::placement::passage_now(&self.talk, Some(self.anchorings.as_ref()), note)
    }

    /// What an export is made of: the talk, the notes and where the highlights are now,
    /// shared with this session (nothing is copied).
    pub fn snapshot(&self, options: crate::export::RecapOptions) -> Snapshot {
        Snapshot::new(
            Arc::clone(&self.talk),
            Arc::clone(&self.notes),
            Arc::clone(&self.anchorings),
            options,
        )
    }

    /// The user's highlights on a card that they made key points, in reading order.
    pub fn promoted_points(&self, card_id: &str) -> Vec<String> {
        let mut points: Vec<(usize, String)> = self
            .notes_on(card_id)
            .into_iter()
            .filter(|n| n.highlight.as_ref().is_some_and(|h| h.key_point))
            .filter_map(|n| {
                let start = self.highlight_place(n.id)?.1;
                Some((start, self.highlight_text(n)?))
            })
            .collect();
        points.sort();
        points.into_iter().map(|(_, text)| text).collect()
    }

    /// Highlights whose passage was not found in this talk: never dropped, listed apart.
    /// Also plain notes filed under a card this talk does not have.
    pub fn orphans(&self) -> Vec<&Note> {
        let placed = self.placed();
        placed
            .orphans()
            .iter()
            .flat_map(|(_, list)| list.iter().copied())
            .collect()
    }

    pub(super) fn changed(&mut self) {
        self.persistence.changed(Instant::now());
    }

    /// Changes a highlight's passage, colour or key-point mark, undoably.
    pub(super) fn change_highlight(
        &mut self,
        id: Uuid,
        now: OffsetDateTime,
        change: impl FnOnce(&mut notes::Highlight),
    ) {
        let Some(note) = self.notes_mut().find_mut(id) else {
            return;
        };
        let inverse = Edit::restore_highlight(note);
        let Some(highlight) = &mut note.highlight else {
            return;
        };
        change(highlight);
        note.modified = now;
        self.changed_by(inverse);
    }

    /// Undo and redo can bring back, take away or move a highlight: find its passage
    /// again (just that one: the others have not changed; all after a batch, a merge).
    pub(super) fn after_history_step(&mut self, step: Option<(Option<Uuid>, bool)>) {
        let Some((note, batch)) = step else { return };
        self.changed();
        self.retitle();
        if batch {
            self.reanchor();
            return;
        }
        let Some(id) = note else { return };
        let target = self.notes.find(id).and_then(|n| n.highlight.as_ref());
        let anchoring = target.map(|h| self.talk_index().reanchor(&h.target));
        self.set_anchoring(id, anchoring);
    }

    /// The talk's text ready for anchoring, made once.
    pub(super) fn talk_index(&self) -> &anchor::TalkIndex {
        self.talk_index
            .get_or_init(|| anchor::TalkIndex::new(&self.talk))
    }

    /// A change the user can undo with `inverse`.
    pub(super) fn changed_by(&mut self, inverse: Edit) {
        self.changed();
        self.history.record(inverse, Instant::now());
    }
}
