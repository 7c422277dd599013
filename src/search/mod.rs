//! Search over the deck and the notes.
//!
//! Matching is a plain substring match on a *folded* form of the text, so it works for
//! Chinese (no word boundaries needed) and ignores case for Latin, Greek, Cyrillic…:
//!
//! * every character is lowercased on its own ([`char::to_lowercase`], so `İ` becomes
//!   `i̇`, two characters, and `Σ` is always `σ`);
//! * every run of whitespace (spaces, newlines, tabs, the ideographic space `　`…) becomes
//!   one space, in the text and in the query, and the query is trimmed.
//!
//! Folding can change byte lengths, so each text keeps a map from folded offsets back to
//! original ones. A match is only reported when it starts and ends on the boundary of an
//! original character (or whitespace run): every reported range slices the original text
//! at char boundaries, and that slice folds to exactly the folded query.
//!
//! A query of Latin letters also finds Chinese text by its pinyin, initials or whole
//! syllables over every reading of a character (see [`pinyin`]).
//!
//! [`SearchIndex`] folds the talk once and the notes on every rebuild (O(total text));
//! a search is then one linear substring scan over the folded text.

mod pinyin;

use crate::placement::Placed;
use crate::talk::Talk;
use std::ops::Range;
use uuid::Uuid;

/// How many characters of context a [`Hit::snippet`] shows on each side of the match.
pub const SNIPPET_CONTEXT: usize = 20;

/// Which text of a card a hit is in. Within a card, hits come in this order: title, key
/// points, speaker notes, then the user's notes (each note's text, then its tags).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    /// The key point at this index of [`crate::talk::Card::key_points`].
    KeyPoint(usize),
    /// The paragraph at this index of [`crate::talk::Card::paragraphs`].
    SpeakerNotes {
        paragraph: usize,
    },
    /// The text of the user's note.
    Note {
        note_id: Uuid,
    },
    /// The tag at index `tag` of the note's tags.
    Tag {
        note_id: Uuid,
        tag: usize,
    },
}

/// One match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The card's index in [`Talk::cards`].
    pub card_index: usize,
    pub card_id: String,
    pub field: Field,
    /// The byte range of the match within the field's text.
    pub range: (usize, usize),
    /// The match with up to [`SNIPPET_CONTEXT`] characters of context on each side, `…`
    /// where the text was cut, and line breaks and tabs shown as spaces.
    pub snippet: String,
    /// The byte range of the match within `snippet`, to highlight it.
    pub snippet_range: (usize, usize),
}

/// Every match of `query` in `text` (folded as described in the module docs), as byte
/// ranges of `text`, in order and not overlapping. Empty when the query is empty or all
/// whitespace. For highlighting matches in any text the UI shows.
pub fn match_ranges(text: &str, query: &str) -> Vec<Range<usize>> {
    let query = fold_query(query);
    if query.is_empty() {
        return Vec::new();
    }
    let mut folded = String::with_capacity(text.len());
    let mut units = Vec::new();
    fold_into(text, &mut folded, &mut units);
    let mut out = Vec::new();
    scan_field(&folded, &units, &query, 0, &mut |s, e| out.push(s..e));
    if let Some(letters) = pinyin::letters(&query) {
        let mut spelled = Vec::new();
        pinyin::find_all(text, &letters, &mut |s, e| spelled.push(s..e));
        out = merge(out, spelled, |r| (0, r.start), |r| r.start..r.end);
    }
    out
}

/// Two lists of matches, each in order (by `key`), as one in order without overlaps: a
/// match that overlaps one before it is dropped.
fn merge<T>(
    a: Vec<T>,
    b: Vec<T>,
    key: impl Fn(&T) -> (usize, usize),
    span: impl Fn(&T) -> Range<usize>,
) -> Vec<T> {
    if b.is_empty() {
        return a;
    }
    let mut all: Vec<T> = a.into_iter().chain(b).collect();
    all.sort_by_key(|t| key(t));
    let mut out: Vec<T> = Vec::with_capacity(all.len());
    for t in all {
        let overlaps = out
            .last()
            .is_some_and(|last| key(last).0 == key(&t).0 && span(last).end > span(&t).start);
        if !overlaps {
            out.push(t);
        }
    }
    out
}

/// The folded form of `text` (see the module docs), as matching compares it.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out, &mut Vec::new());
    out
}

/// The folded, trimmed query that [`SearchIndex::search`] and [`match_ranges`] look for.
pub fn fold_query(query: &str) -> String {
    let folded = fold(query.trim());
    // Folding maps every whitespace run to one space; `trim` already removed the ends.
    debug_assert_eq!(folded.trim_matches(' ').len(), folded.len());
    folded
}

/// The talk and the notes, folded for searching. Build it with [`SearchIndex::new`]; when
/// only the notes change, [`SearchIndex::update_notes`] refolds just the notes.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    card_ids: Vec<String>,
    /// The card titles folded in `talk` (a renamed card's title is the user's).
    titles: Vec<String>,
    talk: Part,
    notes: Part,
}

impl SearchIndex {
    /// `notes` are searched on the card they are on ([`crate::placement`]).
    pub fn new(talk: &Talk, notes: &Placed<'_>) -> Self {
        let mut part = Part::default();
        for (i, card) in talk.cards.iter().enumerate() {
            part.push(i, Field::Title, &card.title);
            for (k, point) in card.key_points.iter().enumerate() {
                part.push(i, Field::KeyPoint(k), point);
            }
            for (k, paragraph) in card.paragraphs.iter().enumerate() {
                part.push(i, Field::SpeakerNotes { paragraph: k }, paragraph);
            }
        }
        Self {
            card_ids: talk.cards.iter().map(|c| c.id.clone()).collect(),
            titles: talk.cards.iter().map(|c| c.title.clone()).collect(),
            talk: part,
            notes: notes_part(talk, notes),
        }
    }

    /// Refolds the notes (after an edit), keeping the folded talk: O(notes text). Given
    /// another talk than the index was built from (other card ids, or a card renamed),
    /// rebuilds it all.
    /// Notes on cards that are not in the talk are not searched (there is no card to go
    /// to).
    pub fn update_notes(&mut self, talk: &Talk, notes: &Placed<'_>) {
        if !talk.cards.iter().map(|c| &c.id).eq(&self.card_ids)
            || !talk.cards.iter().map(|c| &c.title).eq(&self.titles)
        {
            *self = Self::new(talk, notes);
            return;
        }
        self.notes = notes_part(talk, notes);
    }

    /// Every match of `query`, ordered by card, then by field (see [`Field`]), then by
    /// position. Empty for an empty or all-whitespace query.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        self.search_limited(query, usize::MAX)
    }

    /// Like [`SearchIndex::search`], but stops after `limit` hits (the first ones in
    /// order), for queries such as one common character that match everywhere.
    pub fn search_limited(&self, query: &str, limit: usize) -> Vec<Hit> {
        let query = fold_query(query);
        if query.is_empty() || limit == 0 {
            return Vec::new();
        }
        let talk = self.talk.scan(&query, limit);
        let notes = self.notes.scan(&query, limit);
        // Both lists are in card order; within a card, the talk's fields come first.
        let mut out = Vec::with_capacity((talk.len() + notes.len()).min(limit));
        let (mut t, mut n) = (talk.into_iter().peekable(), notes.into_iter().peekable());
        while out.len() < limit {
            let take_talk = match (t.peek(), n.peek()) {
                (Some(a), Some(b)) => a.card <= b.card,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            let raw = if take_talk { t.next() } else { n.next() };
            let Some(raw) = raw else { break };
            let part = if take_talk { &self.talk } else { &self.notes };
            out.push(part.hit(raw, &self.card_ids));
        }
        out
    }

    /// How many texts (titles, key points, paragraphs, notes, tags) the index holds.
    pub fn field_count(&self) -> usize {
        self.talk.entries.len() + self.notes.entries.len()
    }
}

/// The notes on the talk's cards, in card order, each note's text then its tags.
fn notes_part(talk: &Talk, notes: &Placed<'_>) -> Part {
    let mut part = Part::default();
    for (i, card) in talk.cards.iter().enumerate() {
        for note in notes.on(&card.id) {
            part.push(i, Field::Note { note_id: note.id }, &note.text);
            for (k, tag) in note.tags.iter().enumerate() {
                part.push(
                    i,
                    Field::Tag {
                        note_id: note.id,
                        tag: k,
                    },
                    tag,
                );
            }
        }
    }
    part
}

/// A stretch of text whose folded form does not map byte for byte onto the original: one
/// character whose lowercase has another length or several characters, or a whitespace
/// run folded to one space. Offsets are relative to the start of the field.
#[derive(Debug, Clone, Copy)]
struct Unit {
    f_start: usize,
    f_end: usize,
    o_start: usize,
    o_end: usize,
}

/// The original offset of folded offset `f`, or `None` when `f` is inside a unit.
fn to_original(units: &[Unit], f: usize) -> Option<usize> {
    let i = units.partition_point(|u| u.f_start <= f);
    let Some(u) = i.checked_sub(1).map(|i| units[i]) else {
        return Some(f);
    };
    if f == u.f_start {
        Some(u.o_start)
    } else if f < u.f_end {
        None
    } else {
        Some(u.o_end + (f - u.f_end))
    }
}

fn map_range(units: &[Unit], s: usize, e: usize) -> Option<(usize, usize)> {
    if units.is_empty() {
        return Some((s, e));
    }
    Some((to_original(units, s)?, to_original(units, e)?))
}

/// Characters in these ranges have no case and are not whitespace: copied as they are
/// (the CJK and Hangul blocks, so Chinese folds fast). Checked by a test.
fn caseless(c: char) -> bool {
    matches!(c, '\u{3001}'..='\u{A4CF}' | '\u{AC00}'..='\u{D7A3}' | '\u{F900}'..='\u{FAFF}')
        || ('\u{20000}'..='\u{3FFFF}').contains(&c)
}

/// Appends the folded `text` to `out` and the units that need mapping to `units`
/// (offsets relative to where `text` starts in `out`).
fn fold_into(text: &str, out: &mut String, units: &mut Vec<Unit>) {
    let base = out.len();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_ascii() && !c.is_ascii_whitespace() && c != '\u{b}' {
            out.push(c.to_ascii_lowercase());
        } else if caseless(c) {
            out.push(c);
        } else if c.is_whitespace() {
            let mut end = i + c.len_utf8();
            let mut count = 1;
            while let Some(&(j, d)) = chars.peek() {
                if !d.is_whitespace() {
                    break;
                }
                end = j + d.len_utf8();
                count += 1;
                chars.next();
            }
            let f = out.len() - base;
            out.push(' ');
            if count > 1 || end - i != 1 {
                units.push(Unit {
                    f_start: f,
                    f_end: f + 1,
                    o_start: i,
                    o_end: end,
                });
            }
        } else {
            let f = out.len() - base;
            let mut lower = c.to_lowercase();
            if lower.len() == 1 {
                let l = lower.next().unwrap_or(c);
                out.push(l);
                if l.len_utf8() == c.len_utf8() {
                    continue;
                }
            } else {
                out.extend(lower);
            }
            units.push(Unit {
                f_start: f,
                f_end: out.len() - base,
                o_start: i,
                o_end: i + c.len_utf8(),
            });
        }
    }
}

/// Finds the matches of `query` in one folded field from folded offset `from`, checking
/// each against the units; `emit` gets original (start, end) offsets.
fn scan_field(
    folded: &str,
    units: &[Unit],
    query: &str,
    mut from: usize,
    emit: &mut dyn FnMut(usize, usize),
) {
    while let Some(k) = folded.get(from..).and_then(|rest| rest.find(query)) {
        let s = from + k;
        let e = s + query.len();
        if let Some((os, oe)) = map_range(units, s, e) {
            emit(os, oe);
            from = e;
        } else {
            from = s + folded[s..].chars().next().map_or(1, char::len_utf8);
        }
    }
}

/// A match before it becomes a [`Hit`]: the entry and the original range in it.
struct RawHit {
    card: usize,
    entry: usize,
    start: usize,
    end: usize,
}

#[derive(Debug, Clone)]
struct Entry {
    card: usize,
    field: Field,
    /// Where the folded text is in [`Part::folded`]; a `\n` follows it.
    f_start: usize,
    f_end: usize,
    /// Where the original text is in [`Part::original`].
    o_start: usize,
    o_end: usize,
    /// Its units in [`Part::units`].
    units: Range<usize>,
}

/// Folded texts one after the other, each followed by `\n`. Folding turns every newline
/// into a space and the folded query has none, so a match never spans two texts.
#[derive(Debug, Clone, Default)]
struct Part {
    folded: String,
    original: String,
    units: Vec<Unit>,
    entries: Vec<Entry>,
}

impl Part {
    fn push(&mut self, card: usize, field: Field, text: &str) {
        if text.is_empty() {
            return;
        }
        let f_start = self.folded.len();
        let u_start = self.units.len();
        fold_into(text, &mut self.folded, &mut self.units);
        let f_end = self.folded.len();
        self.folded.push('\n');
        let o_start = self.original.len();
        self.original.push_str(text);
        self.entries.push(Entry {
            card,
            field,
            f_start,
            f_end,
            o_start,
            o_end: self.original.len(),
            units: u_start..self.units.len(),
        });
    }

    fn scan(&self, query: &str, limit: usize) -> Vec<RawHit> {
        let mut out = Vec::new();
        let mut entry = 0;
        // Matches before this folded offset were already handled by the slow path.
        let mut resume = 0;
        for (p, _) in self.folded.match_indices(query) {
            if out.len() >= limit {
                break;
            }
            if p < resume {
                continue;
            }
            while self.entries[entry].f_end <= p {
                entry += 1;
            }
            let e = &self.entries[entry];
            let units = &self.units[e.units.clone()];
            let (s, end) = (p - e.f_start, p - e.f_start + query.len());
            let mut emit = |start, end| {
                out.push(RawHit {
                    card: e.card,
                    entry,
                    start,
                    end,
                })
            };
            match map_range(units, s, end) {
                Some((os, oe)) => emit(os, oe),
                None => {
                    // A match inside a unit: `match_indices` skipped any overlapping
                    // match, so search the rest of this text match by match.
                    let folded = &self.folded[e.f_start..e.f_end];
                    let next = s + folded[s..].chars().next().map_or(1, char::len_utf8);
                    scan_field(folded, units, query, next, &mut emit);
                    resume = e.f_end;
                }
            }
        }
        if let Some(letters) = pinyin::letters(query) {
            let mut spelled = Vec::new();
            for (entry, e) in self.entries.iter().enumerate() {
                let text = &self.original[e.o_start..e.o_end];
                pinyin::find_all(text, &letters, &mut |start, end| {
                    spelled.push(RawHit {
                        card: e.card,
                        entry,
                        start,
                        end,
                    });
                });
                if spelled.len() >= limit {
                    break;
                }
            }
            out = merge(out, spelled, |h| (h.entry, h.start), |h| h.start..h.end);
        }
        out.truncate(limit);
        out
    }

    fn hit(&self, raw: RawHit, card_ids: &[String]) -> Hit {
        let e = &self.entries[raw.entry];
        let text = &self.original[e.o_start..e.o_end];
        let (snippet, snippet_range) = snippet(text, raw.start, raw.end);
        Hit {
            card_index: raw.card,
            card_id: card_ids[raw.card].clone(),
            field: e.field,
            range: (raw.start, raw.end),
            snippet,
            snippet_range,
        }
    }
}

/// `text[start..end]` with [`SNIPPET_CONTEXT`] characters each side, `…` where cut.
fn snippet(text: &str, start: usize, end: usize) -> (String, (usize, usize)) {
    let from = text[..start]
        .char_indices()
        .rev()
        .nth(SNIPPET_CONTEXT - 1)
        .map_or(0, |(i, _)| i);
    let to = text[end..]
        .char_indices()
        .nth(SNIPPET_CONTEXT)
        .map_or(text.len(), |(i, _)| end + i);
    let mut out = String::with_capacity(to - from + 6);
    if from > 0 {
        out.push('…');
    }
    let at = out.len() + (start - from);
    // Same-length replacements, so the offsets stay right.
    out.extend(text[from..to].chars().map(|c| match c {
        '\n' | '\r' | '\t' | '\u{b}' | '\u{c}' => ' ',
        c => c,
    }));
    if to < text.len() {
        out.push('…');
    }
    (out, (at, at + (end - start)))
}

#[cfg(test)]
mod tests;
