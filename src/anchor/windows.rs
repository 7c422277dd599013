//! Where in a talk an approximate match of a quote can be: the filter in front of the
//! talk-wide approximate search.
//!
//! Cut the quote into `k + 1` pieces: a text within `k` edits of the quote still holds
//! one of the pieces unchanged, since an edit touches at most one piece. So only the
//! places where a piece occurs exactly, widened by the rest of the quote and `k` on each
//! side, need the approximate search. A scan of the whole talk costs about a nanosecond
//! a char for every quote (half a millisecond in a 1.5 MB talk); this costs about as
//! many steps as the pieces' rarest chars occur in the talk.

use super::matcher::Sym;
use std::ops::Range;

/// Every place each symbol occurs in the talk, grouped by symbol (a counting sort of the
/// talk's text).
#[derive(Debug, Clone)]
pub(crate) struct SymIndex {
    /// Where symbol `s`'s places start in `at`; `first[s + 1]` is where they end.
    first: Vec<usize>,
    /// (card, char offset in the card's text), in talk order within each symbol.
    at: Vec<(u32, u32)>,
}

impl SymIndex {
    /// `cards`: each card's text as symbols, all below `alphabet`.
    pub fn new(cards: &[&[Sym]], alphabet: usize) -> Self {
        let mut first = vec![0usize; alphabet + 1];
        for &s in cards.iter().copied().flatten() {
            first[s as usize + 1] += 1;
        }
        for i in 1..first.len() {
            first[i] += first[i - 1];
        }
        let mut next = first.clone();
        let mut at = vec![(0, 0); first[alphabet]];
        for (card, syms) in cards.iter().enumerate() {
            for (offset, &s) in syms.iter().enumerate() {
                let slot = &mut next[s as usize];
                at[*slot] = (card as u32, offset as u32);
                *slot += 1;
            }
        }
        Self { first, at }
    }

    fn places(&self, s: Sym) -> &[(u32, u32)] {
        match self.first.get(s as usize..=s as usize + 1) {
            Some(&[from, to]) => &self.at[from..to],
            _ => &[],
        }
    }

    /// Every exact occurrence of `needle` (overlapping ones too) as (card, start), in
    /// talk order. `cards` is what the index was built from.
    pub fn occurrences<'a>(
        &'a self,
        cards: &'a [&[Sym]],
        needle: &'a [Sym],
    ) -> impl Iterator<Item = (usize, usize)> + 'a {
        // Looked up by its rarest symbol; a symbol the talk lacks has no places, and
        // neither has the needle.
        let rarest = needle
            .iter()
            .enumerate()
            .min_by_key(|(_, s)| self.places(**s).len());
        let places = rarest.map_or(&[][..], |(_, s)| self.places(*s));
        let at = rarest.map_or(0, |(at, _)| at);
        places.iter().filter_map(move |&(card, place)| {
            let (card, start) = (card as usize, (place as usize).checked_sub(at)?);
            let text = cards[card];
            (text.get(start..start + needle.len()) == Some(needle)).then_some((card, start))
        })
    }

    /// The stretches of the cards' texts that can hold a match of `quote` with at most
    /// `k` edits, as (card, char range), in talk order; stretches that overlap or touch
    /// are one (so a search in each finds what a search of the whole card finds).
    /// `cards` is what the index was built from.
    pub fn windows(&self, cards: &[&[Sym]], quote: &[Sym], k: usize) -> Vec<(usize, Range<usize>)> {
        let m = quote.len();
        if k >= m {
            // Fewer chars than pieces needed: anything may match, search everything.
            return cards
                .iter()
                .enumerate()
                .map(|(c, t)| (c, 0..t.len()))
                .collect();
        }
        let mut found: Vec<(usize, Range<usize>)> = Vec::new();
        for (offset, piece) in pieces(quote, k + 1) {
            for (card, start) in self.occurrences(cards, piece) {
                let from = start.saturating_sub(offset + k);
                let to = (start + (m - offset) + k).min(cards[card].len());
                found.push((card, from..to));
            }
        }
        found.sort_unstable_by_key(|(card, range)| (*card, range.start, range.end));
        let mut merged: Vec<(usize, Range<usize>)> = Vec::with_capacity(found.len());
        for (card, range) in found {
            match merged.last_mut() {
                Some((c, last)) if *c == card && range.start <= last.end + 1 => {
                    last.end = last.end.max(range.end);
                }
                _ => merged.push((card, range)),
            }
        }
        merged
    }
}

/// `quote` cut into `n` pieces as even as can be (none empty), with their offsets.
fn pieces(quote: &[Sym], n: usize) -> impl Iterator<Item = (usize, &[Sym])> {
    let n = n.clamp(1, quote.len().max(1));
    (0..n).map(move |i| {
        let (from, to) = (i * quote.len() / n, (i + 1) * quote.len() / n);
        (from, &quote[from..to])
    })
}

#[cfg(test)]
mod tests {
    use super::super::matcher::{Approx, Match};
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn pieces_cover_the_quote_without_gaps() {
        let quote: Vec<Sym> = (0..10).collect();
        for n in 1..=12 {
            let got: Vec<(usize, &[Sym])> = pieces(&quote, n).collect();
            assert_eq!(got.len(), n.min(10));
            assert!(got.iter().all(|(_, p)| !p.is_empty()));
            let joined: Vec<Sym> = got.iter().flat_map(|(_, p)| p.iter().copied()).collect();
            assert_eq!(joined, quote);
            for (offset, piece) in got {
                assert_eq!(&quote[offset..offset + piece.len()], piece);
            }
        }
    }

    #[test]
    fn windows_surround_the_pieces_found_and_merge() {
        // Symbols: 0..=5; card 1 holds the quote [1 2 3 4] with one edit (3 → 5).
        let cards: Vec<Vec<Sym>> = vec![vec![0, 0, 0, 0], vec![0, 0, 1, 2, 5, 4, 0, 0, 0]];
        let refs: Vec<&[Sym]> = cards.iter().map(Vec::as_slice).collect();
        let index = SymIndex::new(&refs, 6);
        assert_eq!(index.places(1), [(1, 2)]);
        let zeros: Vec<_> = index.occurrences(&refs, &[0, 0]).collect();
        assert_eq!(zeros, [(0, 0), (0, 1), (0, 2), (1, 0), (1, 6), (1, 7)]);
        assert!(index.occurrences(&refs, &[]).next().is_none());
        assert!(index.places(3).is_empty());
        // k = 1: pieces [1 2] (found at 2) and [3 4] (not there): one window, widened by
        // the rest of the quote and one edit.
        assert_eq!(index.windows(&refs, &[1, 2, 3, 4], 1), [(1, 1..7)]);
        // k = 0: the whole quote must be there, and is not.
        assert!(index.windows(&refs, &[1, 2, 3, 4], 0).is_empty());
        // Pieces found near each other make one window.
        assert_eq!(index.windows(&refs, &[2, 5, 4, 0], 1), [(1, 2..8)]);
        // A symbol the talk lacks (out of the alphabet) finds nothing.
        assert!(index.windows(&refs, &[Sym::MAX], 0).is_empty());
    }

    fn syms(text: &str) -> Vec<Sym> {
        text.chars().map(|c| c as Sym - 'a' as Sym).collect()
    }

    proptest! {
        /// Searching only the windows finds exactly what searching every card finds.
        #[test]
        fn windows_lose_no_match(
            texts in prop::collection::vec("[abcd]{0,60}", 1..5),
            quote in "[abcde]{1,24}",
            extra_errors in 0usize..3,
        ) {
            let cards: Vec<Vec<Sym>> = texts.iter().map(|t| syms(t)).collect();
            let refs: Vec<&[Sym]> = cards.iter().map(Vec::as_slice).collect();
            // 'e' is out of the alphabet: it matches nothing, like a char the talk lacks.
            let quote: Vec<Sym> = syms(&quote)
                .into_iter()
                .map(|s| if s == 4 { Sym::MAX } else { s })
                .collect();
            let k = quote.len() / 4 + extra_errors;
            let approx = Approx::new(&quote, 4, k);
            let everywhere: Vec<(usize, Match)> = refs
                .iter()
                .enumerate()
                .flat_map(|(card, text)| approx.find(text).into_iter().map(move |m| (card, m)))
                .collect();
            let index = SymIndex::new(&refs, 4);
            let in_windows: Vec<(usize, Match)> = index
                .windows(&refs, &quote, k)
                .into_iter()
                .flat_map(|(card, range)| {
                    approx
                        .find(&refs[card][range.clone()])
                        .into_iter()
                        .map(move |m| (card, m.shifted(range.start)))
                })
                .collect();
            prop_assert_eq!(in_windows, everywhere);
        }
    }
}
