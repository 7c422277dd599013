//! Topic segmentation of text without headings: where one topic ends and the next
//! begins, by lexical cohesion.
//!
//! The text comes as units (paragraphs, or sentence runs of an overlong paragraph); a
//! card boundary can only fall between two units, and only after one that ends a
//! sentence. Each unit becomes its content words: jieba's words for Chinese (the
//! dictionary is loaded once, on first use, on whatever thread parses: the I/O thread
//! for opened files; a talk with headings never gets here, so the built-in talk does not
//! wait for it), lower-cased Snowball stems for English, both without stop words.
//!
//! The cut is the one of least cost over all cuts, found by dynamic programming, where
//! a card costs what its words cost to describe under its own word distribution
//! (add-one smoothing, Utiyama & Isahara 2001: a stretch that keeps repeating its words
//! is cheap, one that mixes two vocabularies is not), plus a prior that keeps a card
//! near [`TARGET_SECONDS`] of speech, minus a bonus for cutting at a long pause of a
//! timed talk. `examples/segment-eval.rs` scores it against removed headings, next to
//! TextTiling (Hearst 1997).

use super::keywords::{en_stop_words, shared_jieba, zh_stop_words};
use super::text::is_han;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The length a card aims at, in seconds of speech.
pub const TARGET_SECONDS: f64 = 240.0;
/// No card is cut shorter than this (unless the whole talk is).
const MIN_SECONDS: f64 = 60.0;
/// No card is longer than this, if the text can be cut.
const MAX_SECONDS: f64 = 720.0;
/// Weight of the length prior, per card, per (ln(length / target))².
const LENGTH_WEIGHT: f64 = 1.0;
/// Bonus for cutting after a pause of this many seconds or more (timed talks).
const PAUSE_SECONDS: f64 = 2.0;
const PAUSE_BONUS: f64 = 8.0;
/// What a card shorter than [`MIN_SECONDS`] costs on top: more than any gain in cohesion.
const TOO_SHORT: f64 = 1.0e4;

/// One stretch of text that a card boundary cannot fall inside.
#[derive(Debug, Clone, Copy)]
pub struct Unit<'a> {
    pub text: &'a str,
    /// Start and end in the recording, for timed talks.
    pub start: Option<f64>,
    pub end: Option<f64>,
    /// Ends with a finished sentence: a card may end after it.
    pub sentence_end: bool,
}

/// Splits units into topics. Returns the index of each card's first unit (the first is
/// always 0; empty for no units).
pub fn segment(units: &[Unit<'_>], zh: bool) -> Vec<usize> {
    if units.is_empty() {
        return Vec::new();
    }
    let seconds = durations(units);
    let total: f64 = seconds.iter().sum();
    if total < 2.0 * MIN_SECONDS || units.len() < 3 {
        return vec![0];
    }
    let terms = tokenize(units, zh);
    cut(units, &seconds, &terms, &Params::default())
}

/// The tunable weights (the evaluation example tries others).
#[derive(Debug, Clone, Copy)]
pub struct Params {
    pub target: f64,
    pub length_weight: f64,
    pub pause_bonus: f64,
}

impl Default for Params {
    fn default() -> Self {
        Self {
            target: TARGET_SECONDS,
            length_weight: LENGTH_WEIGHT,
            pause_bonus: PAUSE_BONUS,
        }
    }
}

/// How long each unit takes: its recorded span (up to the next unit's start), or the
/// reading estimate for untimed text.
pub fn durations(units: &[Unit<'_>]) -> Vec<f64> {
    units
        .iter()
        .enumerate()
        .map(|(i, u)| match (u.start, u.end) {
            (Some(s), Some(e)) => {
                let next = units.get(i + 1).and_then(|n| n.start).unwrap_or(e);
                (next.max(e) - s).max(0.0)
            }
            _ => super::speaking_time(u.text).as_secs_f64(),
        })
        .collect()
}

/// Content words of each unit, as ids into one vocabulary.
pub fn tokenize(units: &[Unit<'_>], zh: bool) -> Vec<Vec<u32>> {
    let mut vocab: HashMap<String, u32> = HashMap::new();
    let mut id = |w: String| {
        let n = vocab.len() as u32;
        *vocab.entry(w).or_insert(n)
    };
    units
        .iter()
        .map(|u| words(u.text, zh).into_iter().map(&mut id).collect())
        .collect()
}

fn stemmer() -> &'static rust_stemmers::Stemmer {
    static STEMMER: OnceLock<rust_stemmers::Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English))
}

/// The content words of a text, normalized: Chinese words of two or more characters
/// (jieba), Latin words lower-cased and stemmed; stop words left out.
pub fn words(text: &str, zh: bool) -> Vec<String> {
    let mut out = Vec::new();
    let latin = |piece: &str, out: &mut Vec<String>| {
        for w in piece
            .split(|c: char| !(c.is_alphanumeric() || c == '\''))
            .filter(|w| !w.is_empty() && !w.chars().any(is_han))
        {
            let lower = w.to_lowercase();
            let lower = lower.trim_matches('\'');
            if lower.len() < 2
                || lower.chars().all(|c| c.is_ascii_digit())
                || en_stop_words().contains(lower)
            {
                continue;
            }
            out.push(stemmer().stem(lower).into_owned());
        }
    };
    if !zh && !text.chars().any(is_han) {
        latin(text, &mut out);
        return out;
    }
    for token in shared_jieba().cut(text, true) {
        let w = token.word;
        if w.chars().any(is_han) {
            if w.chars().count() >= 2 && !zh_stop_words().contains(w) {
                out.push(w.to_string());
            }
        } else {
            latin(w, &mut out);
        }
    }
    out
}

/// The least-cost cut (see the module doc).
pub fn cut(units: &[Unit<'_>], seconds: &[f64], terms: &[Vec<u32>], p: &Params) -> Vec<usize> {
    let n = units.len();
    let vocab = terms.iter().flatten().copied().max().map_or(0, |m| m + 1) as usize;
    let total_tokens: usize = terms.iter().map(Vec::len).sum();
    let v = vocab as f64;
    // Describing where a card starts costs about ln(number of tokens) (U&I's prior).
    let per_card = ((total_tokens.max(2)) as f64).ln();
    let total: f64 = seconds.iter().sum();
    // A short talk cannot hold many cards of the target length: aim lower.
    let target = p.target.min(total / 2.0).max(MIN_SECONDS);
    // Whether a card may start at unit i.
    let can_start = |i: usize| i == 0 || units[i - 1].sentence_end;
    let pause_before = |i: usize| -> f64 {
        match (units[i - 1].end, units[i].start) {
            (Some(e), Some(s)) if s - e >= PAUSE_SECONDS => {
                p.pause_bonus * ((s - e) / PAUSE_SECONDS).min(2.0)
            }
            _ => 0.0,
        }
    };
    let mut best = vec![f64::INFINITY; n + 1];
    let mut from = vec![0usize; n + 1];
    best[0] = 0.0;
    let mut counts = vec![0u32; vocab];
    for i in 0..n {
        if !best[i].is_finite() || !can_start(i) {
            continue;
        }
        let bonus = if i > 0 { pause_before(i) } else { 0.0 };
        let mut cost = 0.0;
        let mut len = 0usize;
        let mut dur = 0.0;
        let mut touched: Vec<u32> = Vec::new();
        let mut ended = false;
        for j in i..n {
            for &t in &terms[j] {
                let c = &mut counts[t as usize];
                if *c == 0 {
                    touched.push(t);
                }
                cost += (len as f64 + v).ln() - f64::from(*c + 1).ln();
                *c += 1;
                len += 1;
            }
            dur += seconds[j];
            let end = j + 1;
            let last = end == n;
            // Ends here: at the end of the text, or before a unit a card may start at.
            if last || can_start(end) {
                let mut prior = p.length_weight * (dur.max(1.0) / target).ln().powi(2);
                // Too short for a card of its own (one short line, a greeting): only
                // where nothing else is possible.
                if dur < MIN_SECONDS && !(i == 0 && last) {
                    prior += TOO_SHORT;
                }
                let total_cost = best[i] + cost + per_card + prior - bonus;
                if total_cost < best[end] {
                    best[end] = total_cost;
                    from[end] = i;
                }
                ended = true;
            }
            if dur > MAX_SECONDS && ended {
                break;
            }
        }
        for t in touched {
            counts[t as usize] = 0;
        }
    }
    let mut starts = Vec::new();
    let mut at = n;
    while at > 0 {
        at = from[at];
        starts.push(at);
    }
    starts.reverse();
    starts
}

#[cfg(test)]
mod tests;
