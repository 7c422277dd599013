//! Highlights anchored in the speaker notes: W3C Web Annotation selectors and re-anchoring.
//!
//! A highlight is an [`Anchor`]: the card it was made on, a [`TextQuoteSelector`] (the
//! highlighted text with up to [`CONTEXT_CHARS`] chars of context on each side) and a
//! [`TextPositionSelector`] (where it was). Both select over the card's speaker-notes
//! text, [`notes_text`].
//!
//! When the talk is edited, [`reanchor`] finds the highlight again the way the Hypothesis
//! client does:
//!
//! 1. the old position, if it still holds the quote → [`Anchoring::Exact`];
//! 2. the quote elsewhere in the same card → [`Anchoring::Moved`] (prefix and suffix
//!    decide between several occurrences, then the distance to the old position);
//! 3. the quote in another card, competing with approximate matches in the same card
//!    ([`Anchoring::Moved`] or [`Anchoring::Fuzzy`], whichever scores best);
//! 4. approximate matches in the other cards → [`Anchoring::Fuzzy`];
//! 5. otherwise [`Anchoring::Orphaned`].
//!
//! Approximate matches allow up to a quarter of the quote's length in edits and are
//! scored like Hypothesis' `match-quote.js`: 50 × quote similarity + 20 × prefix
//! similarity + 20 × suffix similarity + 2 × closeness to the old position, over 92.
//! There is no minimum score beyond the error limit (Hypothesis has none either): the
//! score is reported so that callers can flag weak matches.
//!
//! For many anchors build a [`TalkIndex`] once (or call [`anchor_all`]); an anchor whose
//! text and context are unchanged is confirmed in time proportional to its length.

mod matcher;
mod windows;

#[cfg(test)]
mod tests;

use crate::talk::{Card, Talk};
use matcher::{Approx, Match, Sym, find_exact, similarity};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::OnceLock;
use windows::SymIndex;

/// How many chars of context [`make_anchor`] keeps on each side of the quote.
pub const CONTEXT_CHARS: usize = 32;

/// The text a card's highlights are anchored in: its paragraphs joined by `\n`.
pub fn notes_text(card: &Card) -> String {
    card.paragraphs.join("\n")
}

/// W3C `TextQuoteSelector`: the selected text and some context around it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TextQuoteSelector {
    pub exact: String,
    /// Up to [`CONTEXT_CHARS`] chars right before the quote (fewer at the text's start).
    #[serde(default)]
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] chars right after the quote (fewer at the text's end).
    #[serde(default)]
    pub suffix: String,
}

/// W3C `TextPositionSelector`: `start..end` in the card's [`notes_text`].
///
/// Offsets count Unicode scalar values (Rust `char`s). JavaScript tools (Hypothesis,
/// Recogito, …) count UTF-16 code units; the two agree on text within the Basic
/// Multilingual Plane (all of CJK's common characters) and differ by one per char
/// outside it (emoji, rare CJK extension ideographs). Positions are only a hint for
/// re-anchoring: the quote decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TextPositionSelector {
    pub start: usize,
    pub end: usize,
}

/// Where a highlight was made.
///
/// An empty `card_id` means "anywhere in the talk" (what importing a bare
/// `TextQuoteSelector` gives): the quote is looked for in every card. An empty
/// `quote.exact` means a position-only anchor, which can only be confirmed where it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Anchor {
    pub card_id: String,
    pub quote: TextQuoteSelector,
    pub position: TextPositionSelector,
}

/// Makes the anchor of `char_start..char_end` (char offsets in [`notes_text`]) of a card.
/// `None` if the range is empty or goes past the end of the text.
pub fn make_anchor(card: &Card, char_start: usize, char_end: usize) -> Option<Anchor> {
    let chars: Vec<char> = notes_text(card).chars().collect();
    if char_start >= char_end || char_end > chars.len() {
        return None;
    }
    let prefix_start = char_start.saturating_sub(CONTEXT_CHARS);
    let suffix_end = (char_end + CONTEXT_CHARS).min(chars.len());
    Some(Anchor {
        card_id: card.id.clone(),
        quote: TextQuoteSelector {
            exact: chars[char_start..char_end].iter().collect(),
            prefix: chars[prefix_start..char_start].iter().collect(),
            suffix: chars[char_end..suffix_end].iter().collect(),
        },
        position: TextPositionSelector {
            start: char_start,
            end: char_end,
        },
    })
}

/// Where an anchor was found in a (possibly edited) talk. Ranges are char offsets in the
/// card's [`notes_text`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(
    tag = "status",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Anchoring {
    /// The old position still holds the quote.
    Exact {
        card_id: String,
        start: usize,
        end: usize,
    },
    /// The exact quote, somewhere else (in the same card if it is still there).
    Moved {
        card_id: String,
        start: usize,
        end: usize,
    },
    /// An approximate match; `score` in `0.0..=1.0` (see the module docs).
    Fuzzy {
        card_id: String,
        start: usize,
        end: usize,
        score: f64,
    },
    /// Not found.
    Orphaned,
}

impl Anchoring {
    pub fn card_id(&self) -> Option<&str> {
        match self {
            Self::Exact { card_id, .. }
            | Self::Moved { card_id, .. }
            | Self::Fuzzy { card_id, .. } => Some(card_id),
            Self::Orphaned => None,
        }
    }

    pub fn range(&self) -> Option<Range<usize>> {
        match *self {
            Self::Exact { start, end, .. }
            | Self::Moved { start, end, .. }
            | Self::Fuzzy { start, end, .. } => Some(start..end),
            Self::Orphaned => None,
        }
    }

    pub fn is_orphaned(&self) -> bool {
        matches!(self, Self::Orphaned)
    }
}

/// How many anchors ended up in each state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct AnchorSummary {
    pub exact: usize,
    pub moved: usize,
    pub fuzzy: usize,
    pub orphaned: usize,
}

impl AnchorSummary {
    pub fn of(results: &[Anchoring]) -> Self {
        let mut s = Self::default();
        for r in results {
            match r {
                Anchoring::Exact { .. } => s.exact += 1,
                Anchoring::Moved { .. } => s.moved += 1,
                Anchoring::Fuzzy { .. } => s.fuzzy += 1,
                Anchoring::Orphaned => s.orphaned += 1,
            }
        }
        s
    }

    pub fn total(&self) -> usize {
        self.exact + self.moved + self.fuzzy + self.orphaned
    }
}

/// The text an anchoring covers in `talk`; `None` for an orphan (or a card the talk
/// lacks).
pub fn passage(talk: &Talk, anchoring: &Anchoring) -> Option<String> {
    let (card_id, range) = (anchoring.card_id()?, anchoring.range()?);
    let card = talk.cards.iter().find(|c| c.id == card_id)?;
    // The notes text's chars without making it: the window asks every frame, and a
    // card may be many MB.
    let chars = card
        .paragraphs
        .iter()
        .enumerate()
        .flat_map(|(i, p)| (i > 0).then_some('\n').into_iter().chain(p.chars()));
    Some(chars.skip(range.start).take(range.len()).collect())
}

/// Re-anchors every highlight against one index of the talk, in order.
pub fn anchor_all(anchors: &[Anchor], talk: &Talk) -> Vec<Anchoring> {
    let index = TalkIndex::new(talk);
    anchors.iter().map(|a| index.reanchor(a)).collect()
}

/// The notes text of every card of a talk, ready for anchoring.
#[derive(Debug, Clone)]
pub struct TalkIndex {
    cards: Vec<CardText>,
    by_id: HashMap<String, usize>,
    /// Every char of the talk's notes, numbered densely for the matcher.
    alphabet: CharMap,
    /// Offset of each card's text in the talk (texts counted one after another, plus
    /// one separator each): "distance to the old position" across cards.
    base: Vec<usize>,
    total: usize,
    /// Where each symbol occurs, for the talk-wide searches; made the first time one is
    /// needed (a load of notes made on this very talk never needs it).
    places: OnceLock<SymIndex>,
}

#[derive(Debug, Clone)]
struct CardText {
    id: String,
    text: String,
    chars: Vec<char>,
    /// `text`'s chars as alphabet symbols.
    syms: Vec<Sym>,
}

/// What is looked for, as symbols (chars the talk lacks are [`Sym::MAX`], which
/// matches nothing in it).
struct Query {
    quote: Vec<Sym>,
    prefix: Vec<Sym>,
    suffix: Vec<Sym>,
    /// The old start, in talk-wide offsets; `None` when the old card is unknown.
    hint: Option<usize>,
}

/// A candidate: card index and the match in its text.
type Candidate = (usize, Match);

impl TalkIndex {
    pub fn new(talk: &Talk) -> Self {
        let mut cards = Vec::with_capacity(talk.cards.len());
        let mut by_id = HashMap::with_capacity(talk.cards.len());
        let mut base = Vec::with_capacity(talk.cards.len());
        let mut alphabet = CharMap::default();
        let mut total = 0;
        for (i, card) in talk.cards.iter().enumerate() {
            let text = notes_text(card);
            let chars: Vec<char> = text.chars().collect();
            let syms: Vec<Sym> = chars
                .iter()
                .map(|&c| {
                    let next = alphabet.len() as Sym;
                    *alphabet.entry(c).or_insert(next)
                })
                .collect();
            base.push(total);
            total += syms.len() + 1;
            by_id.entry(card.id.clone()).or_insert(i);
            cards.push(CardText {
                id: card.id.clone(),
                text,
                chars,
                syms,
            });
        }
        Self {
            cards,
            by_id,
            alphabet,
            base,
            total,
            places: OnceLock::new(),
        }
    }

    /// Every card's symbols, and where each symbol occurs in them.
    fn places(&self) -> (Vec<&[Sym]>, &SymIndex) {
        let texts: Vec<&[Sym]> = self.cards.iter().map(|c| c.syms.as_slice()).collect();
        let places = self
            .places
            .get_or_init(|| SymIndex::new(&texts, self.alphabet.len()));
        (texts, places)
    }

    /// Every exact occurrence of the quote in a card other than `home`, in talk order.
    fn exact_elsewhere(&self, quote: &[Sym], home: Option<usize>) -> Vec<Candidate> {
        let (texts, places) = self.places();
        places
            .occurrences(&texts, quote)
            .filter(|&(card, _)| Some(card) != home)
            .map(|(card, start)| (card, exact_at(start, start + quote.len())))
            .collect()
    }

    /// Approximate matches of the quote in the cards other than `home`: searched only
    /// where [`SymIndex::windows`] says one can be.
    fn approx_elsewhere(
        &self,
        approx: &Approx,
        quote: &[Sym],
        home: Option<usize>,
    ) -> Vec<Candidate> {
        let (texts, places) = self.places();
        places
            .windows(&texts, quote, approx.max_errors())
            .into_iter()
            .filter(|(card, _)| Some(*card) != home)
            .flat_map(|(card, range)| {
                approx
                    .find(&texts[card][range.clone()])
                    .into_iter()
                    .map(move |m| (card, m.shifted(range.start)))
            })
            .collect()
    }

    /// The notes text of a card, as anchored.
    pub fn text(&self, card_id: &str) -> Option<&str> {
        self.by_id
            .get(card_id)
            .map(|&i| self.cards[i].text.as_str())
    }

    /// See the module docs for the order in which places are tried.
    pub fn reanchor(&self, anchor: &Anchor) -> Anchoring {
        let home = if anchor.card_id.is_empty() {
            None
        } else {
            self.by_id.get(&anchor.card_id).copied()
        };
        let TextPositionSelector { start, end } = anchor.position;
        if anchor.quote.exact.is_empty() {
            return match home {
                Some(h) if start < end && end <= self.cards[h].syms.len() => {
                    self.result(h, exact_at(start, end), 0.0, true)
                }
                _ => Anchoring::Orphaned,
            };
        }
        if let Some(h) = home
            && unchanged(&self.cards[h].chars, &anchor.quote, start, end)
        {
            return self.result(h, exact_at(start, end), 1.0, true);
        }
        let q = Query {
            quote: self.symbols(&anchor.quote.exact),
            prefix: self.symbols(&anchor.quote.prefix),
            suffix: self.symbols(&anchor.quote.suffix),
            hint: home.map(|h| self.base[h].saturating_add(start)),
        };

        if let Some(h) = home {
            let syms = &self.cards[h].syms;
            let holds = start < end && end <= syms.len() && syms[start..end] == q.quote[..];
            let here = find_exact(&self.cards[h].text, &anchor.quote.exact)
                .into_iter()
                .map(|s| {
                    let m = exact_at(s, s + q.quote.len());
                    (h, m)
                });
            if let Some(((c, m), score)) = self.best(&q, here) {
                let same = holds && m.start == start;
                return self.result(c, m, score, same);
            }
        }

        let approx = Approx::new(&q.quote, self.alphabet.len(), q.quote.len() / 4);
        let mut candidates = self.exact_elsewhere(&q.quote, home);
        if let Some(h) = home {
            for m in approx.find(&self.cards[h].syms) {
                candidates.push((h, m));
            }
        }
        if let Some(((c, m), score)) = self.best(&q, candidates) {
            return self.result(c, m, score, false);
        }

        let far = self.approx_elsewhere(&approx, &q.quote, home);
        match self.best(&q, far) {
            Some(((c, m), score)) => self.result(c, m, score, false),
            None => Anchoring::Orphaned,
        }
    }

    fn symbols(&self, s: &str) -> Vec<Sym> {
        s.chars()
            .map(|c| self.alphabet.get(&c).copied().unwrap_or(Sym::MAX))
            .collect()
    }

    fn result(&self, card: usize, m: Match, score: f64, same_place: bool) -> Anchoring {
        let card_id = self.cards[card].id.clone();
        let (start, end) = (m.start, m.end);
        if m.errors > 0 {
            Anchoring::Fuzzy {
                card_id,
                start,
                end,
                score,
            }
        } else if same_place {
            Anchoring::Exact {
                card_id,
                start,
                end,
            }
        } else {
            Anchoring::Moved {
                card_id,
                start,
                end,
            }
        }
    }

    /// The best-scoring candidate; on equal scores the one closest to the old position,
    /// then the first.
    fn best(
        &self,
        q: &Query,
        candidates: impl IntoIterator<Item = Candidate>,
    ) -> Option<(Candidate, f64)> {
        let mut best: Option<(Candidate, f64, usize)> = None;
        for c in candidates {
            let score = self.score(q, c);
            let dist = q
                .hint
                .map_or(0, |h| (self.base[c.0] + c.1.start).abs_diff(h));
            let better = match &best {
                None => true,
                Some((_, s, d)) => score > *s || (score == *s && dist < *d),
            };
            if better {
                best = Some((c, score, dist));
            }
        }
        best.map(|(c, s, _)| (c, s))
    }

    /// Hypothesis' weighting, normalized to `0.0..=1.0`.
    fn score(&self, q: &Query, (card, m): Candidate) -> f64 {
        const QUOTE: f64 = 50.0;
        const PREFIX: f64 = 20.0;
        const SUFFIX: f64 = 20.0;
        const POSITION: f64 = 2.0;
        let syms = &self.cards[card].syms;
        let quote = 1.0 - m.errors as f64 / q.quote.len().max(1) as f64;
        let prefix = if q.prefix.is_empty() {
            1.0
        } else {
            let from = m.start.saturating_sub(q.prefix.len());
            similarity(&q.prefix, &syms[from..m.start])
        };
        let suffix = if q.suffix.is_empty() {
            1.0
        } else {
            let to = (m.end + q.suffix.len()).min(syms.len());
            similarity(&q.suffix, &syms[m.end..to])
        };
        let position = match q.hint {
            Some(h) => {
                let offset = (self.base[card] + m.start).abs_diff(h);
                1.0 - (offset as f64 / self.total.max(1) as f64).min(1.0)
            }
            None => 1.0,
        };
        (QUOTE * quote + PREFIX * prefix + SUFFIX * suffix + POSITION * position)
            / (QUOTE + PREFIX + SUFFIX + POSITION)
    }
}

/// A match without errors.
fn exact_at(start: usize, end: usize) -> Match {
    Match {
        start,
        end,
        errors: 0,
    }
}

/// Whether `start..end` still holds the quote, with exactly the stored context around.
fn unchanged(chars: &[char], quote: &TextQuoteSelector, start: usize, end: usize) -> bool {
    let plen = quote.prefix.chars().count();
    let slen = quote.suffix.chars().count();
    start < end
        && start >= plen
        && end.checked_add(slen).is_some_and(|e| e <= chars.len())
        && chars[start..end].iter().copied().eq(quote.exact.chars())
        && chars[start - plen..start]
            .iter()
            .copied()
            .eq(quote.prefix.chars())
        && chars[end..end + slen]
            .iter()
            .copied()
            .eq(quote.suffix.chars())
}

/// A multiplicative hash for chars (std's SipHash is slow for one `u32`).
#[derive(Debug, Default, Clone, Copy)]
struct CharHasher(u64);

impl Hasher for CharHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u32(u32::from(b));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(n)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

type CharMap = HashMap<char, Sym, BuildHasherDefault<CharHasher>>;
