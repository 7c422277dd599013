//! Character-level approximate substring matching (k-differences problem).
//!
//! [`Approx`] runs Myers' bit-parallel algorithm (Myers 1999, in the multi-block
//! form of Hyyrö 2003 with Ukkonen's cut-off: only the blocks that can still be within
//! `max_errors` are advanced) over symbols (`u32`: chars numbered densely by the caller,
//! so that looking a text char up is one array index), so patterns of any length work
//! and the cost
//! is about `text.len() × ⌈max_errors / 64⌉` block steps. It reports the end of every
//! local minimum of the edit distance; the start of each match is then found by a small
//! anchored DP running backwards from its end.
//!
//! Nothing here depends on a diff-match-patch implementation (those silently fail on
//! patterns over 32 characters).

/// A substring `text[start..end]` at edit distance `errors` from the pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Match {
    pub start: usize,
    pub end: usize,
    pub errors: usize,
}

impl Match {
    /// The same match in a text that has `by` more chars before it.
    pub fn shifted(self, by: usize) -> Self {
        Self {
            start: self.start + by,
            end: self.end + by,
            ..self
        }
    }
}

const W: usize = 64;

/// Most candidates a single search hands on to the start-finding DP.
const MAX_CANDIDATES: usize = 256;

/// A char, numbered by the caller: `0..alphabet` for chars that occur in the searched
/// texts; anything else never matches.
pub(crate) type Sym = u32;

/// Levenshtein distance (two-row DP).
pub(crate) fn levenshtein<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    if a.is_empty() {
        return b.len();
    }
    if b.is_empty() {
        return a.len();
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// `1 - distance / longer length`, in `0.0..=1.0`; two empty strings are identical.
pub(crate) fn similarity<T: PartialEq>(a: &[T], b: &[T]) -> f64 {
    let longer = a.len().max(b.len());
    // Unchanged context is the common case when a highlight has only moved.
    if longer == 0 || a == b {
        return 1.0;
    }
    1.0 - levenshtein(a, b) as f64 / longer as f64
}

/// The pattern's match bit vectors, one `u64` per block, for every symbol of the
/// alphabet (a dense table: the lookup runs once per text char).
#[derive(Debug, Clone)]
struct Peq {
    blocks: usize,
    alphabet: usize,
    /// `blocks` words per symbol, then `blocks` zero words for symbols out of range.
    words: Vec<u64>,
}

impl Peq {
    fn new(pattern: &[Sym], alphabet: usize) -> Self {
        let blocks = pattern.len().div_ceil(W).max(1);
        let mut words = vec![0; (alphabet + 1) * blocks];
        for (i, &c) in pattern.iter().enumerate() {
            let c = c as usize;
            if c < alphabet {
                words[c * blocks + i / W] |= 1 << (i % W);
            }
        }
        Self {
            blocks,
            alphabet,
            words,
        }
    }

    #[inline]
    fn vector(&self, c: Sym) -> &[u64] {
        let c = (c as usize).min(self.alphabet);
        &self.words[c * self.blocks..(c + 1) * self.blocks]
    }

    /// Single-block patterns: the one word.
    #[inline]
    fn word(&self, c: Sym) -> u64 {
        self.words[(c as usize).min(self.alphabet)]
    }
}

/// Advances one block of the Myers state by one text char. `h_in` is the horizontal
/// delta (-1, 0, +1) entering the block's top row; returns the delta leaving its last
/// row (`last_bit`).
#[inline]
fn advance_block(p: &mut u64, m: &mut u64, eq: u64, h_in: i32, last_bit: u64) -> i32 {
    let pv = *p;
    let mv = *m;
    let h_neg = u64::from(h_in < 0);
    let eq = eq | h_neg;
    let xv = eq | mv;
    let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
    let mut ph = mv | !(xh | pv);
    let mut mh = pv & xh;
    let h_out = i32::from(ph & last_bit != 0) - i32::from(mh & last_bit != 0);
    ph <<= 1;
    mh <<= 1;
    mh |= h_neg;
    ph |= u64::from(h_in > 0);
    *p = mh | !(xv | ph);
    *m = ph & xv;
    h_out
}

/// The text positions `j` where a substring of `text` ending at `j` (exclusive end
/// `j + 1`) is within `max_errors` edits of the pattern, with the smallest such distance,
/// in order of `j`. Sparse: most of a long text is far from any pattern.
fn end_errors(text: &[Sym], plen: usize, peq: &Peq, max_errors: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if plen == 0 {
        return out;
    }
    let max_errors = max_errors.min(plen);
    if peq.blocks == 1 {
        // The common case (quotes up to 64 chars): one word of state, no cut-off.
        let last_bit = 1 << (plen - 1);
        let (mut pv, mut mv, mut score) = (!0u64, 0u64, plen);
        for (j, &c) in text.iter().enumerate() {
            let h = advance_block(&mut pv, &mut mv, peq.word(c), 0, last_bit);
            score = score.wrapping_add_signed(h as isize);
            if score <= max_errors {
                out.push((j, score));
            }
        }
        return out;
    }
    let b_max = peq.blocks - 1;
    let last_bits: Vec<u64> = (0..=b_max)
        .map(|b| {
            if b == b_max {
                1 << ((plen - 1) % W)
            } else {
                1 << (W - 1)
            }
        })
        .collect();
    let block_rows = |b: usize| if b == b_max { plen - b * W } else { W };
    let mut pv = vec![!0u64; b_max + 1];
    let mut mv = vec![0u64; b_max + 1];
    // score[b]: edit distance at the last row of block b for the current column.
    let mut score = vec![0usize; b_max + 1];
    let mut y = max_errors.div_ceil(W).saturating_sub(1).min(b_max);
    let mut rows = 0;
    for (b, s) in score.iter_mut().enumerate().take(y + 1) {
        rows += block_rows(b);
        *s = rows;
    }
    for (j, &c) in text.iter().enumerate() {
        let eqv = peq.vector(c);
        let mut carry = 0i32;
        for b in 0..=y {
            carry = advance_block(&mut pv[b], &mut mv[b], eqv[b], carry, last_bits[b]);
            score[b] = score[b].wrapping_add_signed(carry as isize);
        }
        // Ukkonen's cut-off: open the next block if the current last one may still
        // lead to a match, close trailing blocks that cannot.
        if y < b_max
            && score[y].wrapping_add_signed(-(carry as isize)) <= max_errors
            && (eqv[y + 1] & 1 != 0 || carry < 0)
        {
            y += 1;
            pv[y] = !0;
            mv[y] = 0;
            let h = advance_block(&mut pv[y], &mut mv[y], eqv[y], carry, last_bits[y]);
            score[y] = (score[y - 1] + block_rows(y))
                .wrapping_add_signed(-(carry as isize))
                .wrapping_add_signed(h as isize);
        } else {
            while y > 0 && score[y] >= max_errors + W {
                y -= 1;
            }
        }
        if y == b_max && score[y] <= max_errors {
            out.push((j, score[y]));
        }
    }
    out
}

/// Where a match of `pattern` that ends at `end` (exclusive) with `errors` errors starts,
/// and its distance:
/// the start whose substring is closest to the pattern, preferring the length closest to
/// the pattern's on ties.
fn find_start(text: &[Sym], pattern: &[Sym], end: usize, errors: usize) -> (usize, usize) {
    let m = pattern.len();
    let window = end.min(m + errors); // a match with `errors` edits is at most this long
    // Row i: pattern's last i chars against the text's `j` chars before `end`.
    let mut prev: Vec<usize> = (0..=window).collect();
    let mut cur = vec![0usize; window + 1];
    for i in 1..=m {
        let pc = pattern[m - i];
        cur[0] = i;
        for j in 1..=window {
            let tc = text[end - j];
            let sub = prev[j - 1] + usize::from(pc != tc);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let best = (0..=window)
        .min_by_key(|&j| (prev[j], j.abs_diff(m)))
        .unwrap_or(0);
    (end - best, prev[best])
}

/// A pattern prepared for searching several texts with at most `max_errors` edits.
#[derive(Debug, Clone)]
pub(crate) struct Approx<'p> {
    pattern: &'p [Sym],
    peq: Peq,
    max_errors: usize,
}

impl<'p> Approx<'p> {
    /// `alphabet`: the searched texts' symbols are all below it.
    pub fn new(pattern: &'p [Sym], alphabet: usize, max_errors: usize) -> Self {
        Self {
            pattern,
            peq: Peq::new(pattern, alphabet),
            max_errors,
        }
    }

    pub fn max_errors(&self) -> usize {
        self.max_errors
    }

    /// Approximate occurrences of the pattern in `text`: one per local minimum of the
    /// edit distance over end positions (at most [`MAX_CANDIDATES`], the fewest errors
    /// first), deduplicated, sorted by start.
    pub fn find(&self, text: &[Sym]) -> Vec<Match> {
        if self.pattern.is_empty() || text.is_empty() {
            return Vec::new();
        }
        let errs = end_errors(text, self.pattern.len(), &self.peq, self.max_errors);
        matches_from_ends(text, self.pattern, &errs, self.max_errors)
    }
}

/// [`Approx::find`] in one go, over the text's own alphabet.
#[cfg(test)]
pub(crate) fn find_approx(text: &[Sym], pattern: &[Sym], max_errors: usize) -> Vec<Match> {
    let alphabet = text.iter().max().map_or(0, |&m| m as usize + 1);
    Approx::new(pattern, alphabet, max_errors).find(text)
}

/// `errs`: [`end_errors`]' output.
fn matches_from_ends(
    text: &[Sym],
    pattern: &[Sym],
    errs: &[(usize, usize)],
    max_errors: usize,
) -> Vec<Match> {
    // The distance at the entry `i` of `errs` when it is for text position `j`, else
    // (no entry: too far from the pattern) "infinite".
    let at = |i: Option<usize>, j: usize| match i.and_then(|i| errs.get(i)) {
        Some(&(pos, e)) if pos == j => e,
        _ => usize::MAX,
    };
    let mut ends: Vec<(usize, usize)> = Vec::new();
    for (i, &(j, e)) in errs.iter().enumerate() {
        let left = match j.checked_sub(1) {
            Some(before) => at(i.checked_sub(1), before),
            None => usize::MAX,
        };
        if e <= left && e <= at(Some(i + 1), j + 1) {
            ends.push((e, j + 1));
        }
    }
    if ends.len() > MAX_CANDIDATES {
        ends.sort_unstable();
        ends.truncate(MAX_CANDIDATES);
    }
    let mut out: Vec<Match> = ends
        .into_iter()
        .map(|(errors, end)| {
            let (start, errors) = find_start(text, pattern, end, errors);
            Match { start, end, errors }
        })
        .filter(|m| m.errors <= max_errors && m.start < m.end)
        .collect();
    out.sort_unstable_by_key(|m| (m.start, m.end));
    out.dedup_by_key(|m| (m.start, m.end));
    out
}

/// All (possibly overlapping) exact occurrences of `needle` in `hay`, as char offsets.
pub(crate) fn find_exact(hay: &str, needle: &str) -> Vec<usize> {
    let mut out = Vec::new();
    if needle.is_empty() {
        return out;
    }
    let mut from = 0;
    let mut chars_before = 0;
    let mut counted_to = 0;
    while let Some(rel) = hay[from..].find(needle) {
        let pos = from + rel;
        chars_before += hay[counted_to..pos].chars().count();
        counted_to = pos;
        out.push(chars_before);
        let step = hay[pos..].chars().next().map_or(1, char::len_utf8);
        from = pos + step;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// Text and pattern as symbols: the text's chars numbered in order of appearance,
    /// pattern chars that the text lacks out of the alphabet. Returns the alphabet size.
    fn syms(text: &str, pattern: &str) -> (Vec<Sym>, Vec<Sym>, usize) {
        let mut ids = std::collections::HashMap::new();
        let t: Vec<Sym> = text
            .chars()
            .map(|c| {
                let n = ids.len() as Sym;
                *ids.entry(c).or_insert(n)
            })
            .collect();
        let p = pattern
            .chars()
            .map(|c| ids.get(&c).copied().unwrap_or(Sym::MAX))
            .collect();
        (t, p, ids.len())
    }

    /// Sellers' DP: the best distance of the pattern to a substring ending at each j.
    fn naive_end_errors(text: &[Sym], pattern: &[Sym], k: usize) -> Vec<(usize, usize)> {
        let m = pattern.len();
        let mut col: Vec<usize> = (0..=m).collect();
        let mut out = Vec::new();
        for (j, &t) in text.iter().enumerate() {
            let mut next = vec![0; m + 1];
            for i in 1..=m {
                let sub = col[i - 1] + usize::from(pattern[i - 1] != t);
                next[i] = sub.min(col[i] + 1).min(next[i - 1] + 1);
            }
            col = next;
            if col[m] <= k.min(m) {
                out.push((j, col[m]));
            }
        }
        out
    }

    #[test]
    fn levenshtein_basics() {
        assert_eq!(levenshtein(&chars("kitten"), &chars("sitting")), 3);
        assert_eq!(levenshtein(&chars(""), &chars("abc")), 3);
        assert_eq!(levenshtein(&chars("大模型"), &chars("大型")), 1);
        assert!((similarity(&chars("abcd"), &chars("abce")) - 0.75).abs() < 1e-9);
        assert_eq!(similarity::<char>(&[], &[]), 1.0);
    }

    #[test]
    fn finds_long_pattern_with_errors() {
        let pattern: String = "the quick brown fox jumps over the lazy dog; ".repeat(4);
        let mut text = "x".repeat(100);
        let edited = pattern
            .replacen("quick", "quack", 1)
            .replacen("lazy", "lazzy", 1);
        text.push_str(&edited);
        text.push_str(&"y".repeat(100));
        let (t, p, _) = syms(&text, &pattern);
        let found = find_approx(&t, &p, pattern.chars().count() / 4);
        let best = found.iter().min_by_key(|m| m.errors).unwrap();
        assert_eq!(best.errors, 2);
        assert_eq!(best.start, 100);
        assert_eq!(best.end, 100 + edited.chars().count());
    }

    #[test]
    fn exact_offsets_are_in_chars() {
        assert_eq!(find_exact("大模型和大模型", "大模型"), vec![0, 4]);
        assert_eq!(find_exact("aaaa", "aa"), vec![0, 1, 2]);
        assert!(find_exact("abc", "").is_empty());
    }

    proptest! {
        #[test]
        fn myers_agrees_with_dp(
            text in "[abcd大]{0,300}",
            pattern in "[abcde大]{1,150}",
            k in 0usize..60,
        ) {
            let (t, p, alphabet) = syms(&text, &pattern);
            prop_assert_eq!(
                end_errors(&t, p.len(), &Peq::new(&p, alphabet), k),
                naive_end_errors(&t, &p, k)
            );
        }

        #[test]
        fn approx_matches_are_real(
            text in "[abc]{0,200}",
            pattern in "[abc]{1,90}",
            k in 0usize..30,
        ) {
            let (t, p, _) = syms(&text, &pattern);
            for m in find_approx(&t, &p, k) {
                prop_assert!(m.start < m.end && m.end <= t.len());
                prop_assert!(m.errors <= k);
                prop_assert_eq!(levenshtein(&t[m.start..m.end], &p), m.errors);
            }
        }
    }
}
