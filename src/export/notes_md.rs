//! The user's notes and highlights alone, as Markdown to paste into a notebook: the
//! talk's title, then each card that has notes (its title and, for a timed talk, its
//! time span), its highlights quoted with their comments and its notes, and the notes
//! no card has last. Written the way the recap writes notes (the same escaping), but
//! without the talk's key points or metadata.

use super::recap::{self, Lang};
use super::view::{ByCard, has_content};
use crate::talk::Talk;

/// The file of a snapshot's notes.
pub fn render(snapshot: &super::Snapshot) -> String {
    export(
        snapshot.talk(),
        &snapshot.by_card(),
        snapshot.options.language,
    )
}

fn export(talk: &Talk, view: &ByCard<'_>, lang: Lang) -> String {
    let l = recap::labels(lang);
    let mut out = format!("# {}\n", recap::inline(recap::doc_title(talk, l)));
    for card in &view.cards {
        let notes: Vec<_> = card.notes.iter().filter(|n| has_content(n)).collect();
        if notes.is_empty() {
            continue;
        }
        let mut heading = recap::inline(&recap::card_heading(card.card, card.index, l));
        if let Some(range) = card.card.time_range() {
            heading.push_str(&format!(" ({range})"));
        }
        out.push_str(&format!("\n## {heading}\n"));
        for n in notes {
            recap::write_note(&mut out, n.note, n.quote.as_deref(), n.time, l);
        }
    }
    let orphans: Vec<_> = view.orphans.iter().filter(|n| has_content(n)).collect();
    if !orphans.is_empty() {
        out.push_str(&format!("\n## {}\n", l.orphaned_notes));
        for n in orphans {
            recap::write_note(&mut out, n.note, n.quote.as_deref(), None, l);
        }
    }
    out
}
