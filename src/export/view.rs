//! The notes laid out the way every export reads them: card by card in the talk's order,
//! each note on the card [`crate::placement`] says it is on (a highlight: where its
//! passage is now, quoted as the talk says it now), and what has no card last.

use crate::anchor::Anchoring;
use crate::notes::{Note, NotesDoc};
use crate::placement::{self, Anchorings};
use crate::talk::{Card, Talk};

/// One note as an export writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteView<'a> {
    pub note: &'a Note,
    /// A highlight's passage as the talk has it now (or as it was made, when it is gone).
    pub quote: Option<String>,
    /// Where in the recording the note's place is, in seconds: a highlight's paragraph,
    /// a plain note's card start; `None` for a talk without times.
    pub time: Option<f64>,
}

/// A card with the notes on it.
#[derive(Debug, Clone, PartialEq)]
pub struct CardNotes<'a> {
    pub card: &'a Card,
    /// The card's position in the talk, from 0.
    pub index: usize,
    pub notes: Vec<NoteView<'a>>,
}

/// Every note, laid out by card.
#[derive(Debug, Clone, PartialEq)]
pub struct ByCard<'a> {
    pub cards: Vec<CardNotes<'a>>,
    /// Highlights whose passage is gone and notes on cards this talk lacks.
    pub orphans: Vec<NoteView<'a>>,
    /// The talk's planned duration, when the user set one.
    pub planned: Option<std::time::Duration>,
}

/// The talk's cards in order, each with its notes (plain notes in the order they were
/// written, then highlights in reading order), and the notes no card has.
/// `anchorings` say where each highlight's passage is in `talk`.
pub fn by_card<'a>(talk: &'a Talk, doc: &'a NotesDoc, anchorings: &Anchorings) -> ByCard<'a> {
    let mut cards: Vec<CardNotes<'a>> = talk
        .cards
        .iter()
        .enumerate()
        .map(|(index, card)| CardNotes {
            card,
            index,
            notes: Vec::new(),
        })
        .collect();
    // Plain notes first, then highlights by where they start.
    let mut starts: Vec<Vec<usize>> = vec![Vec::new(); cards.len()];
    let mut orphans = Vec::new();
    for (filed, note) in doc.all() {
        let has_card = |id: &str| talk.card_index(id).is_some();
        let card = placement::card_of(filed, note, Some(anchorings), has_card)
            .and_then(|id| talk.card_index(id));
        let anchoring = anchorings.get(&note.id);
        let start = anchoring.and_then(Anchoring::range).map(|r| r.start);
        let quote = placement::passage_now(talk, Some(anchorings), note);
        let Some(i) = card else {
            orphans.push(NoteView {
                note,
                quote,
                time: None,
            });
            continue;
        };
        let on = &talk.cards[i];
        let time = match start {
            Some(start) => on.time_at(start),
            None => on.time.map(|t| t.start),
        };
        cards[i].notes.push(NoteView { note, quote, time });
        starts[i].push(start.map_or(0, |s| s + 1));
    }
    for (card, starts) in cards.iter_mut().zip(starts) {
        let mut keyed: Vec<(usize, NoteView<'a>)> =
            starts.into_iter().zip(card.notes.drain(..)).collect();
        keyed.sort_by_key(|(start, _)| *start);
        card.notes = keyed.into_iter().map(|(_, n)| n).collect();
    }
    ByCard {
        cards,
        orphans,
        planned: doc.rehearsal.planned(),
    }
}

/// The user wrote something there: text, tags or a quote.
pub fn has_content(view: &NoteView<'_>) -> bool {
    !view.note.text.trim().is_empty() || !view.note.tags.is_empty() || view.quote.is_some()
}
