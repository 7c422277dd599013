//! Key points: sentences taken verbatim from a section.
//!
//! Each card's paragraphs are split into sentences (at `。！？!?`, full stops, and at
//! `；;` when a sentence is too long); each candidate is a verbatim substring of one
//! paragraph (only trimmed: a leading connective like `首先，` and a trailing `。` may
//! go). Candidates are scored by
//!
//! - keyword weight: TF-IDF of Chinese character bigrams and English words, with the
//!   cards of the talk as documents (a section's own vocabulary scores high);
//! - overlap with the section's heading;
//! - cue phrases (`我认为` `我相信` `重要` `所以` `I believe` `the key` ...), with
//!   penalties for examples and pleasantries;
//! - length (12–80 characters, best around 15–60) and position.
//!
//! The best 2–5 (fewer for short sections), not near-duplicates of each other, are kept
//! in source order. No dictionary is loaded, so it costs nothing at startup; it is
//! linear in the size of the text.

use super::heading::parse_mark;
use super::text::{char_len, clean, is_han, is_wide, width};
use super::{Card, CardKind};
use std::collections::{HashMap, HashSet};

/// Length bounds in "Chinese characters": a mostly-Chinese text is measured in
/// characters, others in half their width (an English point may be ~160 letters).
const MIN_LEN: usize = 12;
/// For sections too short to offer two sentences of `MIN_LEN`.
const SHORT_MIN_LEN: usize = 4;
const MAX_LEN: usize = 80;

fn measure(s: &str) -> usize {
    let chars = char_len(s);
    let wide = s.chars().filter(|&c| is_wide(c)).count();
    if wide * 2 >= chars {
        chars
    } else {
        width(s).div_ceil(2)
    }
}

/// Fills `key_points` of the observation, closing and opening cards.
pub(crate) fn fill(cards: &mut [Card]) {
    let per_card: Vec<Vec<Candidate<'_>>> = cards
        .iter()
        .map(|c| match c.kind {
            CardKind::Title => Vec::new(),
            CardKind::Opening => candidates(c, MIN_LEN),
            CardKind::Observation | CardKind::Closing => {
                let found = candidates(c, MIN_LEN);
                // A short section: accept shorter sentences rather than no points.
                if found.len() < 2 {
                    candidates(c, SHORT_MIN_LEN)
                } else {
                    found
                }
            }
        })
        .collect();

    // Document frequency of terms over the cards.
    let mut df: TermMap<u32> = TermMap::default();
    let mut card_terms: Vec<TermMap<u32>> = Vec::with_capacity(cards.len());
    for card in cards.iter() {
        let mut tf: TermMap<u32> = TermMap::default();
        let mut buf = Vec::new();
        for p in &card.paragraphs {
            buf.clear();
            terms(p, &mut buf);
            for &t in &buf {
                *tf.entry(t).or_insert(0) += 1;
            }
        }
        for &t in tf.keys() {
            *df.entry(t).or_insert(0) += 1;
        }
        card_terms.push(tf);
    }
    let docs = cards.len().max(1) as f64;

    let chosen: Vec<Vec<String>> = cards
        .iter()
        .zip(&per_card)
        .zip(&card_terms)
        .map(|((card, cands), tf)| {
            let (min, max) = match card.kind {
                CardKind::Title => return Vec::new(),
                CardKind::Opening => (0, 2),
                CardKind::Observation | CardKind::Closing => {
                    (2, ((cands.len() + 3) / 5).clamp(2, 5))
                }
            };
            let idf = |t: &u64| (docs / f64::from(df.get(t).copied().unwrap_or(1))).ln() + 0.3;
            pick(&card.title, cands, tf, &idf, min, max, card.kind)
        })
        .collect();
    for (card, points) in cards.iter_mut().zip(chosen) {
        card.key_points = points;
    }
}

#[derive(Debug)]
struct Candidate<'a> {
    text: &'a str,
    /// Order in the section.
    order: usize,
    /// First sentence of the section.
    first: bool,
    /// Cut at a clause boundary because the sentence was too long.
    cut: bool,
}

fn candidates(card: &Card, min_len: usize) -> Vec<Candidate<'_>> {
    let mut out: Vec<Candidate<'_>> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for (i, p) in card.paragraphs.iter().enumerate() {
        // A speaker's turn: the point is what is said, not who says it; and in a
        // dialogue a question is the asker's, not a point of the talk.
        let lead = card.speaker_turns.get(i).copied().unwrap_or(0);
        let p = p.char_indices().nth(lead).map_or("", |(at, _)| &p[at..]);
        for sentence in sentences(p) {
            if lead > 0 && sentence.trim_end().ends_with(['?', '？']) {
                continue;
            }
            let before = out.len();
            let s = tidy(sentence);
            let len = measure(s);
            if (min_len..=MAX_LEN).contains(&len) {
                push(&mut out, &mut seen, s, false);
            } else if len > MAX_LEN {
                for part in s.split([';', '；']) {
                    let part = tidy(part);
                    if (min_len..=MAX_LEN).contains(&measure(part)) && part.len() < s.len() {
                        push(&mut out, &mut seen, part, false);
                    }
                }
                if out.len() == before
                    && let Some(prefix) = clause_prefix(s)
                {
                    push(&mut out, &mut seen, prefix, true);
                }
            }
        }
    }
    if let Some(c) = out.first_mut() {
        c.first = true;
    }
    out
}

fn push<'a>(out: &mut Vec<Candidate<'a>>, seen: &mut HashSet<&'a str>, s: &'a str, cut: bool) {
    if seen.insert(s) {
        out.push(Candidate {
            text: s,
            order: out.len(),
            first: false,
            cut,
        });
    }
}

/// The longest run of whole clauses from the start that fits, or `None`.
fn clause_prefix(s: &str) -> Option<&str> {
    let mut best = None;
    let mut budget = 0;
    for (i, c) in s.char_indices() {
        budget += if is_wide(c) { 2 } else { 1 };
        if budget > 2 * MAX_LEN + 2 {
            break;
        }
        if matches!(c, '，' | ',' | '：' | ':' | '；' | ';') {
            let prefix = tidy(&s[..i]);
            if (16..=MAX_LEN).contains(&measure(prefix)) {
                best = Some(prefix);
            }
        }
    }
    best
}

fn is_stop_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '…')
}

/// Splits a paragraph into sentences (verbatim slices, closing quotes kept).
pub(crate) fn sentences(p: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut iter = p.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let end_here = is_stop_end(c) || (c == '.' && english_period(p, i));
        if !end_here {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            let after = &p[j + d.len_utf8()..];
            let absorb = is_stop_end(d)
                || d == '.'
                || matches!(d, '”' | '’' | '」' | '』' | '）' | ')' | '】' | '》')
                || (matches!(d, '"' | '\'')
                    && after
                        .chars()
                        .next()
                        .is_none_or(|n| n.is_whitespace() || !n.is_ascii()));
            if !absorb {
                break;
            }
            end = j + d.len_utf8();
            iter.next();
        }
        let s = clean(&p[start..end]);
        if !s.is_empty() {
            out.push(s);
        }
        start = end;
    }
    let s = clean(&p[start..]);
    if !s.is_empty() {
        out.push(s);
    }
    out
}

/// Whether the `.` at byte `i` ends an English sentence (not `e.g.`, `Mr.`, `3.5`).
fn english_period(p: &str, i: usize) -> bool {
    let after = &p[i + 1..];
    if !after
        .chars()
        .next()
        .is_none_or(|c| c.is_whitespace() || super::text::is_closer(c))
    {
        return false;
    }
    let before = &p[..i];
    let word_start = before
        .rfind(|c: char| !c.is_ascii_alphabetic() && c != '.')
        .map_or(0, |k| {
            k + before[k..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    if word.is_empty() {
        return before.ends_with(|c: char| c.is_ascii_digit() || super::text::is_closer(c));
    }
    if word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase()) {
        return false; // an initial: J. Smith
    }
    let lower = word.to_ascii_lowercase();
    !matches!(
        lower.as_str(),
        "mr" | "mrs"
            | "ms"
            | "dr"
            | "prof"
            | "st"
            | "vs"
            | "etc"
            | "e.g"
            | "i.e"
            | "inc"
            | "jr"
            | "sr"
            | "no"
            | "fig"
            | "u.s"
            | "approx"
            | "cf"
    )
}

const CONNECTIVES: &[&str] = &[
    "首先",
    "其次",
    "再次",
    "最后",
    "所以",
    "因此",
    "那么",
    "然而",
    "另外",
    "此外",
    "同时",
    "其实",
    "实际上",
    "事实上",
    "但是",
    "而且",
    "当然",
    "总之",
    "那同样",
    "同样",
    "好",
    "而",
    "但",
];

/// Trims a sentence for display, keeping it a verbatim substring: whitespace, a
/// leading connective (`首先，`), a list number, a trailing `。；，`, unbalanced quotes.
fn tidy(s: &str) -> &str {
    let mut s = clean(s);
    let may_be_numbered = s.starts_with(|c: char| {
        c.is_ascii_digit()
            || ('０'..='９').contains(&c)
            || "(（第①②③④⑤⑥⑦⑧⑨⑩一二三四五六七八九十#*".contains(c)
    });
    if may_be_numbered
        && let Some(m) = parse_mark(s)
        && !m.rest.is_empty()
        && let Some(k) = s.find(m.rest)
    {
        s = &s[k..];
    }
    for _ in 0..2 {
        for c in CONNECTIVES {
            if let Some(r) = s.strip_prefix(c)
                && let Some(r) = r.strip_prefix(['，', ','])
            {
                s = clean(r);
            }
        }
    }
    s = s.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '。' | '；' | ';' | '，' | ',' | '：' | ':' | '、')
    });
    for (open, close) in [
        ('“', '”'),
        ('「', '」'),
        ('『', '』'),
        ('（', '）'),
        ('(', ')'),
    ] {
        if s.starts_with(open) && !s.contains(close) {
            s = clean(&s[open.len_utf8()..]);
        }
        if s.ends_with(close) && !s.contains(open) {
            s = clean(&s[..s.len() - close.len_utf8()]);
        }
    }
    if s.matches('"').count() % 2 == 1 {
        if let Some(r) = s.strip_prefix('"') {
            s = r;
        } else if let Some(r) = s.strip_suffix('"') {
            s = r;
        }
    }
    clean(s)
}

fn is_stop_han(c: char) -> bool {
    matches!(
        c,
        '的' | '了'
            | '是'
            | '在'
            | '和'
            | '也'
            | '就'
            | '都'
            | '而'
            | '与'
            | '着'
            | '把'
            | '被'
            | '这'
            | '那'
            | '们'
            | '吗'
            | '呢'
            | '吧'
            | '啊'
            | '个'
            | '我'
            | '你'
            | '他'
            | '她'
            | '它'
            | '之'
            | '于'
            | '及'
            | '或'
            | '其'
            | '一'
            | '不'
            | '有'
            | '要'
            | '会'
            | '说'
    )
}

const EN_STOP: &[&str] = &[
    "the", "and", "that", "this", "with", "for", "are", "was", "were", "you", "your", "have",
    "has", "had", "not", "but", "all", "can", "our", "out", "they", "them", "their", "there",
    "what", "when", "which", "who", "will", "would", "could", "should", "about", "into", "from",
    "just", "than", "then", "its", "it's", "one", "also", "very", "because", "these", "those",
    "some", "more", "most", "been", "being", "did", "does", "doing", "how", "why", "where", "is",
    "it", "of", "to", "in", "on", "at", "as", "be", "by", "or", "an", "we", "so", "if", "do", "my",
    "me", "us", "he", "she", "his", "her", "no", "up", "i", "a",
];

/// Terms of a text: Chinese character bigrams (without function characters) and
/// English words (without stop words), hashed to `u64`.
fn terms(s: &str, out: &mut Vec<u64>) {
    let mut prev_han: Option<char> = None;
    let mut word_start: Option<usize> = None;
    let push_word = |w: &str, out: &mut Vec<u64>| {
        if w.len() < 2 || w.bytes().all(|b| b.is_ascii_digit()) {
            return;
        }
        let lower = w.to_ascii_lowercase();
        if EN_STOP.contains(&lower.as_str()) {
            return;
        }
        // FNV-1a, tagged so it cannot meet a bigram key.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in lower.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        out.push(h | (1 << 63));
    };
    for (i, c) in s.char_indices() {
        if is_han(c) {
            if let Some(p) = prev_han
                && !is_stop_han(p)
                && !is_stop_han(c)
            {
                out.push((u64::from(p) << 21) | u64::from(c));
            }
            prev_han = Some(c);
        } else {
            prev_han = None;
        }
        if c.is_ascii_alphanumeric() {
            word_start.get_or_insert(i);
        } else if let Some(ws) = word_start.take() {
            push_word(&s[ws..i], out);
        }
    }
    if let Some(ws) = word_start {
        push_word(&s[ws..], out);
    }
}

const CUES: &[(&str, f64)] = &[
    ("我认为", 1.5),
    ("我相信", 1.5),
    ("我们相信", 1.5),
    ("有理由相信", 1.5),
    ("我的第", 1.5),
    ("观察", 0.8),
    ("最重要", 1.2),
    ("更重要", 1.0),
    ("重要", 0.8),
    ("关键", 1.0),
    ("核心", 0.8),
    ("意味着", 0.8),
    ("目标", 0.6),
    ("本质", 0.8),
    ("首先", 0.6),
    ("其次", 0.6),
    ("最后", 0.5),
    ("所以", 0.5),
    ("因此", 0.6),
    ("总之", 0.8),
    ("一定", 0.4),
    ("必须", 0.5),
    ("未来", 0.4),
    ("i think", 1.0),
    ("i believe", 1.5),
    ("we believe", 1.5),
    ("the key", 1.2),
    ("the lesson", 1.2),
    ("most important", 1.2),
    ("what matters", 1.0),
    ("the point is", 1.0),
    ("important", 0.8),
    ("therefore", 0.6),
    ("first,", 0.5),
    ("second,", 0.5),
    ("finally,", 0.5),
    ("must", 0.5),
    ("never", 0.3),
    ("always", 0.3),
];

const ANTI_CUES: &[(&str, f64)] = &[
    ("比如", 1.0),
    ("例如", 1.0),
    ("如果大家", 1.0),
    ("这张ppt", 1.5),
    ("如图", 1.0),
    ("从图上", 1.0),
    ("谢谢", 2.0),
    ("大家好", 2.0),
    ("下午好", 2.0),
    ("上午好", 2.0),
    ("晚上好", 2.0),
    ("各位", 1.0),
    ("for example", 1.0),
    ("for instance", 1.0),
    ("thank you", 2.0),
    ("thanks", 1.5),
    ("this slide", 1.5),
    ("as you can see", 1.0),
    ("good morning", 2.0),
    ("good afternoon", 2.0),
];

fn cue_score(s: &str) -> f64 {
    let lower: std::borrow::Cow<'_, str> = if s.bytes().any(|b| b.is_ascii_uppercase()) {
        s.to_ascii_lowercase().into()
    } else {
        s.into()
    };
    let weigh = |cues: &[(&str, f64)]| -> f64 {
        cues.iter()
            .filter(|(c, _)| lower.contains(c))
            .map(|(_, w)| w)
            .sum()
    };
    weigh(CUES).min(2.5) - weigh(ANTI_CUES)
}

/// A fast hasher for the `u64` term keys (they are already well mixed or small).
#[derive(Default, Clone, Copy)]
struct TermHasher(u64);

impl std::hash::Hasher for TermHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

type TermMap<V> = HashMap<u64, V, std::hash::BuildHasherDefault<TermHasher>>;

fn pick(
    title: &str,
    cands: &[Candidate<'_>],
    tf: &TermMap<u32>,
    idf: &dyn Fn(&u64) -> f64,
    min: usize,
    max: usize,
    kind: CardKind,
) -> Vec<String> {
    if cands.is_empty() || max == 0 {
        return Vec::new();
    }
    let mut title_terms = Vec::new();
    terms(title, &mut title_terms);
    title_terms.sort_unstable();
    title_terms.dedup();

    let last = cands.len() - 1;
    let mut cand_terms: Vec<Vec<u64>> = Vec::with_capacity(cands.len());
    let mut kw: Vec<f64> = Vec::with_capacity(cands.len());
    for c in cands {
        let mut ts = Vec::new();
        terms(c.text, &mut ts);
        ts.sort_unstable();
        ts.dedup();
        let weight: f64 = ts
            .iter()
            .map(|t| (1.0 + f64::from(tf.get(t).copied().unwrap_or(1))).ln() * idf(t))
            .sum();
        kw.push(weight / (ts.len().max(1) as f64).sqrt());
        cand_terms.push(ts);
    }
    let kw_max = kw.iter().copied().fold(f64::MIN_POSITIVE, f64::max);

    let mut scored: Vec<(f64, usize)> = cands
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let ts = &cand_terms[k];
            let title_hits = if title_terms.is_empty() {
                0.0
            } else {
                let hits = title_terms
                    .iter()
                    .filter(|t| ts.binary_search(t).is_ok())
                    .count();
                hits as f64 / title_terms.len() as f64
            };
            let length = match measure(c.text) {
                0..15 => -0.3,
                15..=45 => 0.6,
                46..=60 => 0.3,
                _ => -0.2,
            };
            let position = if c.first {
                0.3
            } else if k == last {
                0.2
            } else {
                0.0
            };
            let cut = if c.cut { -0.8 } else { 0.0 };
            let question = if c.text.ends_with(['?', '？']) {
                -0.4
            } else {
                0.0
            };
            let score = 2.0 * kw[k] / kw_max
                + 2.0 * title_hits
                + cue_score(c.text)
                + length
                + position
                + cut
                + question;
            (score, k)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));

    let mut chosen: Vec<usize> = Vec::new();
    for &(score, k) in &scored {
        if chosen.len() >= max {
            break;
        }
        // The opening only gets points that stand out.
        if kind == CardKind::Opening && score < 1.5 {
            break;
        }
        if chosen.len() >= min && score < 0.0 {
            break;
        }
        let similar = chosen.iter().any(|&j| {
            cands[j].text.contains(cands[k].text)
                || cands[k].text.contains(cands[j].text)
                || overlap(&cand_terms[j], &cand_terms[k]) >= 0.6
        });
        if !similar {
            chosen.push(k);
        }
    }
    chosen.sort_unstable_by_key(|&k| cands[k].order);
    chosen.iter().map(|&k| cands[k].text.to_string()).collect()
}

/// Shared terms over the smaller set (both sorted); 0 when a set is too small to tell.
fn overlap(a: &[u64], b: &[u64]) -> f64 {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    // Too few terms to judge.
    if small.len() < 3 {
        return 0.0;
    }
    let shared = small
        .iter()
        .filter(|t| large.binary_search(t).is_ok())
        .count();
    shared as f64 / small.len() as f64
}

#[cfg(test)]
mod tests;
