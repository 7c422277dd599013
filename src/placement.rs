//! Which card a note is on: the one answer the notes panel, the speaker notes' marks, the
//! outline and overview counts, the search, the recap and the exports all use.
//!
//! A note is filed under a card in the notes file, and a highlight also names the card it
//! was made on. After the talk changed, a highlight's passage may be found on another
//! card, or not at all. The rule: a plain note is on the card it is filed under; a
//! highlight is on the card where its passage is now, wherever it was filed; a highlight
//! whose passage is gone, and a note filed under a card this talk lacks, are orphans,
//! listed apart and never dropped. Where the highlights were not looked for in the talk
//! (no anchorings given), a highlight is taken to be where it is filed.

use crate::anchor::{Anchoring, TalkIndex};
use crate::notes::{Note, NotesDoc};
use crate::talk::Talk;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// Where each highlight's passage is in a talk, by note id.
pub type Anchorings = HashMap<Uuid, Anchoring>;

/// Finds every highlight's passage in the talk `index` was made of.
pub fn anchorings_in(doc: &NotesDoc, index: &TalkIndex) -> Anchorings {
    doc.all()
        .filter_map(|(_, n)| {
            let highlight = n.highlight.as_ref()?;
            Some((n.id, index.reanchor(&highlight.target)))
        })
        .collect()
}

/// A highlight's passage as the talk has it now: where `anchorings` say it is, or the
/// quote it was made on when its passage is gone (or was not looked for); `None` for a
/// note that is no highlight. The one answer the window, the recap and every export use
/// (the talk may have been edited since the highlight was made).
pub fn passage_now(talk: &Talk, anchorings: Option<&Anchorings>, note: &Note) -> Option<String> {
    let highlight = note.highlight.as_ref()?;
    let now = anchorings
        .and_then(|a| a.get(&note.id))
        .and_then(|anchoring| crate::anchor::passage(talk, anchoring));
    Some(now.unwrap_or_else(|| highlight.target.quote.exact.clone()))
}

/// The card `note`, filed under `filed`, is on; `None` for an orphan. `has_card` says
/// whether the talk has a card of that id.
pub fn card_of<'a>(
    filed: &'a str,
    note: &Note,
    anchorings: Option<&'a Anchorings>,
    has_card: impl Fn(&str) -> bool,
) -> Option<&'a str> {
    let anchoring = anchorings.and_then(|a| a.get(&note.id));
    match (&note.highlight, anchoring) {
        (Some(_), Some(anchoring)) => anchoring.range().and(anchoring.card_id()),
        _ => has_card(filed).then_some(filed),
    }
}

/// Every note of a notes file placed on the cards of a talk by [`card_of`].
#[derive(Debug, Clone)]
pub struct Placed<'a> {
    doc: &'a NotesDoc,
    by_card: HashMap<&'a str, Vec<&'a Note>>,
    /// By the card they are filed under, in the file's order.
    orphans: Vec<(&'a str, Vec<&'a Note>)>,
}

impl<'a> Placed<'a> {
    /// Places the notes of `doc` on `talk`'s cards; `anchorings` say where highlights
    /// are now (see the module's rule for `None`).
    pub fn new(talk: &Talk, doc: &'a NotesDoc, anchorings: Option<&'a Anchorings>) -> Self {
        let ids: HashSet<&str> = talk.cards.iter().map(|c| c.id.as_str()).collect();
        let mut placed = Placed {
            doc,
            by_card: HashMap::new(),
            orphans: Vec::new(),
        };
        for (filed, note) in doc.all() {
            match card_of(filed, note, anchorings, |id| ids.contains(id)) {
                Some(card) => placed.by_card.entry(card).or_default().push(note),
                None => match placed.orphans.last_mut() {
                    Some((last, list)) if *last == filed => list.push(note),
                    _ => placed.orphans.push((filed, vec![note])),
                },
            }
        }
        placed
    }

    /// The notes file the notes are from (its stars, its rehearsal runs).
    pub fn doc(&self) -> &'a NotesDoc {
        self.doc
    }

    /// The notes on a card, in the file's order.
    pub fn on(&self, card_id: &str) -> &[&'a Note] {
        self.by_card.get(card_id).map_or(&[], Vec::as_slice)
    }

    /// The notes on no card of the talk, by the card they are filed under.
    pub fn orphans(&self) -> &[(&'a str, Vec<&'a Note>)] {
        &self.orphans
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor;
    use time::OffsetDateTime;

    fn talk(text: &str) -> Talk {
        crate::talk::parse_text(text)
    }

    const BEFORE: &str =
        "标题\n\n一、第一点\n\n规模效应仍然是第一性原理。\n\n二、第二点\n\n智能体会改变软件。\n";
    /// The sentence moved from the first observation to the second.
    const AFTER: &str = "标题\n\n一、第一点\n\n开源模型追得很快。\n\n二、第二点\n\n规模效应仍然是第一性原理。智能体会改变软件。\n";

    fn highlight_doc(talk: &Talk, card: &str, quote: &str) -> (NotesDoc, Uuid) {
        let card_ref = talk.cards.iter().find(|c| c.id == card).unwrap();
        let text = anchor::notes_text(card_ref);
        let start = text[..text.find(quote).unwrap()].chars().count();
        let target = anchor::make_anchor(card_ref, start, start + quote.chars().count()).unwrap();
        let mut doc = NotesDoc::new(&talk.title, &talk.fingerprint);
        let id = doc.add_highlight(target, OffsetDateTime::UNIX_EPOCH);
        doc.add(card, "a plain note", OffsetDateTime::UNIX_EPOCH);
        doc.add(
            "obs-99",
            "on a card the talk lacks",
            OffsetDateTime::UNIX_EPOCH,
        );
        (doc, id)
    }

    #[test]
    fn a_highlight_is_where_its_passage_is_now_a_plain_note_where_it_is_filed() {
        let before = talk(BEFORE);
        let first = before
            .cards
            .iter()
            .find(|c| c.title.contains("第一点"))
            .unwrap();
        let first_id = first.id.clone();
        let (doc, highlight) = highlight_doc(&before, &first_id, "规模效应");
        let after = talk(AFTER);
        let second = after
            .cards
            .iter()
            .find(|c| c.title.contains("第二点"))
            .unwrap();
        let anchorings = anchorings_in(&doc, &TalkIndex::new(&after));
        let placed = Placed::new(&after, &doc, Some(&anchorings));
        assert!(placed.on(&second.id).iter().any(|n| n.id == highlight));
        assert!(placed.on(&first_id).iter().all(|n| n.id != highlight));
        assert!(
            placed
                .on(&first_id)
                .iter()
                .any(|n| n.text == "a plain note")
        );
        let orphans: Vec<_> = placed.orphans().iter().map(|(card, _)| *card).collect();
        assert_eq!(orphans, ["obs-99"]);

        // Not looked for: where it is filed.
        let filed = Placed::new(&after, &doc, None);
        assert!(filed.on(&first_id).iter().any(|n| n.id == highlight));
    }

    #[test]
    fn a_highlight_whose_passage_is_gone_is_an_orphan() {
        let before = talk(BEFORE);
        let first_id = before
            .cards
            .iter()
            .find(|c| c.title.contains("第一点"))
            .unwrap()
            .id
            .clone();
        let (doc, highlight) = highlight_doc(&before, &first_id, "规模效应");
        let gone = talk("标题\n\n一、第一点\n\n完全不同的内容。\n");
        let anchorings = anchorings_in(&doc, &TalkIndex::new(&gone));
        let placed = Placed::new(&gone, &doc, Some(&anchorings));
        assert!(placed.on(&first_id).iter().all(|n| n.id != highlight));
        let (card, list) = &placed.orphans()[0];
        assert_eq!(*card, first_id);
        assert_eq!(list[0].id, highlight);
    }
}
