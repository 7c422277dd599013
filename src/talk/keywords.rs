//! Keywords of a card: the few terms it is about (`Scaling Law`, `操作系统`, `GPT-4o`).
//!
//! Chinese is segmented and tagged by jieba; nouns, nominal verbs and names are kept
//! and weighted TF × IDF, the IDF coming from jieba's dictionary frequencies (a word
//! the dictionary rarely sees is more telling than `问题`). Latin-script text is
//! tokenized here: words keep inner `-` `.` `+` (`GPT-4o`, `Node.js`, `C++`), runs of
//! capitalized words are one term (`Scaling Law`, `Jane Doe`), a pair of words that
//! recurs is one term (`boring path`), plurals merge with their singular, and stop
//! words are dropped. Words of the card title count double.
//!
//! Loading jieba's dictionary takes ~120 ms, so [`KeywordExtractor::new`] is meant to
//! run once, off the UI thread; the parser never calls it.

use super::text::is_han;
use super::{Card, Talk};
use jieba_rs::Jieba;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// Sum of the frequencies in jieba's default dictionary, for IDF = ln(total / freq).
const DICT_TOTAL: f64 = 60_101_964.0;
/// IDF of a Chinese word the dictionary does not know (a name, a new term): about
/// that of a word seen a few hundred times.
const UNKNOWN_IDF: f64 = 12.0;
/// IDF given to Latin-script terms, which have no dictionary: in mixed text an English
/// term (`AI`, `Scaling Law`) is usually a technical one.
const LATIN_IDF: f64 = 11.0;

/// Chinese words too common in talks to say what a card is about (whitespace-separated).
const ZH_STOP: &str = "\
我们 一个 看到 这个 就是 没有 他们 可以 什么 因为 \
所以 如果 但是 现在 今天 还是 已经 非常 大家 自己 \
这些 那些 一些 时候 东西 事情 方面 过程 情况 方式 \
时间 一样 这样 那样 怎么 为什么 其实 可能 应该 需要 \
进行 通过 包括 以及 还有 而且 不是 只是 然后 之后 \
之前 以后 同时 比如 例如 这里 那里 这种 那种 一种 \
一点 一下 很多 许多 更多 越来越 觉得 认为 知道 希望 \
开始 出现 发生 成为 作为 来说 来讲 部分 地方 那么 \
这么 谢谢 各位 朋友 大家好 问题 今年 去年 明年 \
我们的 你们 它们 她们 这是 那是 一直 一定 特别 真正 \
真的 比较 所有 每个 每一个 之间 当中 其中 以上 以下 \
左右 意义 角度 层面 内容 结果 方法 做法 能力 水平 \
程度 阶段 时代 未来 过去 目前 当时 当下 第一 第二 \
第三 一方面 另一方面 所谓 就是说 也就是 实际上 事实上 \
总之 另外 此外 感谢 女士 先生 嘉宾 观察 一次 这次 \
上午好 下午好 晚上好 分享 年代 一年 几年 两年 三年 \
个月 结语 结束语 总结 尾声 开场 导语 全文 写在最后 \
最后";

/// Words jieba's dictionary lacks that talks about technology use as one term (it
/// would cut `大模型` into `大` + `模型`), with their part of speech.
const VOCABULARY: &[(&str, &str)] = &[
    ("大模型", "n"),
    ("多模态", "n"),
    ("具身智能", "n"),
    ("智能体", "n"),
    ("端侧", "n"),
    ("算力", "n"),
    ("生成式", "b"),
    ("预训练", "vn"),
    ("推理模型", "n"),
    ("开源模型", "n"),
    ("世界模型", "n"),
    ("语言模型", "n"),
    ("向量数据库", "n"),
    ("提示词", "n"),
    ("深度学习", "n"),
    ("机器学习", "n"),
    ("强化学习", "n"),
    ("人形机器人", "n"),
    ("数字化转型", "n"),
    ("数据中台", "n"),
    ("云原生", "n"),
    ("微服务", "n"),
    ("元宇宙", "n"),
    ("自动驾驶", "n"),
    ("新能源", "n"),
];
/// Their dictionary frequency: a term as rare as a specialist word.
const VOCABULARY_FREQ: usize = 2000;

/// Card titles the parser makes up; they say nothing about the card.
const GENERATED_TITLES: &[&str] = &["开场", "导语", "全文", "Opening", "Introduction", "Talk"];

/// English words too common to be keywords (whitespace-separated).
const EN_STOP: &str = "\
a about above after again against all almost also always am an and another any \
anyone anything are around as ask at away back be because been before being \
below best better between big both but by call came can cannot come comes could \
day days did do does doing done down during each either else enough even ever \
every everyone everything example few find first for from get gets getting give \
given go goes going gone good got great had has have having he hello her here \
hers him his how however i if in instead into is it its itself just keep kind \
know known last least less let lets like little long look lot lots made make \
makes making many may maybe me mean means might more most much must my need \
needs never new next no nobody not nothing now of off often ok okay old on once \
one ones only or other others our ours out over own part people per put quite \
rather really right said same say says second see seen she should show since so \
some someone something sometimes start still such sure take takes talk tell than \
thank thanks that the their theirs them then there these they thing things think \
third this those though three through time times to today together too two under \
until up upon us use used using very want wants was way ways we well went were \
what whatever when where whether which while who whole whom whose why will with \
within without work would yeah year years yes yet you your yours it's don't i'm \
we're you're that's there's can't won't didn't doesn't isn't i've we've let's \
actually basically probably different important able across already among anyway \
became become becomes began believe bit certain clear course end fact far found \
full general happen happened idea later live matter mostly ago four five ten \
hundred thousand million billion everybody guys afternoon morning evening \
welcome wanted talked opening closing conclusion conclusions summary \
introduction final thoughts";

/// Jieba tags of the words that can be keywords: nouns (`n`, `nr` names, `ns` places,
/// `nt` organizations, `nz` other proper nouns), nominal verbs and adjectives (`vn`,
/// `an`), idioms (`i`, `l`), and words the HMM found (`x`, unknown to the dictionary).
fn keyword_tag(tag: &str) -> Option<f64> {
    Some(match tag {
        "n" | "nr" | "nrt" | "nrfg" | "ns" | "nt" | "nz" | "nw" => 1.0,
        "vn" | "an" => 0.9,
        "eng" | "x" => 0.8,
        "i" | "l" | "j" => 0.6,
        "v" => 0.35,
        _ => return None,
    })
}

/// The one jieba of the process, with the talk vocabulary added: loading its
/// dictionary takes ~120 ms, so it is loaded once, on the first thread that needs it
/// (the keyword thread, or the I/O thread segmenting a talk without headings).
pub(crate) fn shared_jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(|| {
        let mut jieba = jieba_with_vocabulary();
        crate::platform::shrink_jieba(&mut jieba);
        jieba
    })
}

/// jieba's dictionary with the talk vocabulary added.
fn jieba_with_vocabulary() -> Jieba {
    let mut jieba = Jieba::new();
    for (word, tag) in VOCABULARY {
        jieba.add_word(word, Some(VOCABULARY_FREQ), Some(tag));
    }
    jieba
}

/// Chinese words too common to tell topics or cards apart.
pub(crate) fn zh_stop_words() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| ZH_STOP.split_whitespace().collect())
}

/// English words too common to tell topics or cards apart.
pub(crate) fn en_stop_words() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| EN_STOP.split_whitespace().collect())
}

/// Finds a card's keywords. Owns a jieba instance: build one, once, on a background
/// thread ([`KeywordExtractor::new`] loads a dictionary), then share it (`Send + Sync`).
pub struct KeywordExtractor {
    jieba: &'static Jieba,
    zh_stop: &'static HashSet<&'static str>,
    en_stop: &'static HashSet<&'static str>,
}

impl std::fmt::Debug for KeywordExtractor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeywordExtractor").finish_non_exhaustive()
    }
}

impl Default for KeywordExtractor {
    fn default() -> Self {
        Self::new()
    }
}

/// One candidate term, accumulated over the card's text.
#[derive(Debug)]
struct Term {
    /// The surface forms seen, with counts; the most frequent is shown.
    forms: HashMap<String, f64>,
    tf: f64,
    idf: f64,
    boost: f64,
    first: usize,
}

#[derive(Default)]
struct Terms {
    map: HashMap<String, Term>,
    order: usize,
}

impl Terms {
    fn add(&mut self, key: String, form: &str, weight: f64, idf: f64, boost: f64) {
        self.add_form(key, form, weight, weight, idf, boost);
    }

    /// Like [`Terms::add`], with the form counting `form_weight` toward being shown.
    fn add_form(
        &mut self,
        key: String,
        form: &str,
        weight: f64,
        form_weight: f64,
        idf: f64,
        boost: f64,
    ) {
        self.order += 1;
        let order = self.order;
        let t = self.map.entry(key).or_insert_with(|| Term {
            forms: HashMap::new(),
            tf: 0.0,
            idf,
            boost,
            first: order,
        });
        t.tf += weight;
        t.boost = t.boost.max(boost);
        *t.forms.entry(form.to_string()).or_insert(0.0) += form_weight;
    }
}

/// A Latin-script token with where it stood.
#[derive(Debug, Clone)]
struct Token<'a> {
    text: &'a str,
    /// Only spaces between it and the previous token (no punctuation, no Han).
    joined: bool,
    /// First word of a sentence (capitalized for grammar, not for meaning).
    sentence_start: bool,
}

impl KeywordExtractor {
    /// Loads jieba's dictionary the first time (~120 ms): call off the UI thread.
    pub fn new() -> Self {
        Self {
            jieba: shared_jieba(),
            zh_stop: zh_stop_words(),
            en_stop: en_stop_words(),
        }
    }

    /// Up to `n` keywords of a card, best first: from its title (counted twice), its
    /// speaker notes, and key points that are not already in the notes.
    pub fn keywords(&self, card: &Card, n: usize) -> Vec<String> {
        if n == 0 {
            return Vec::new();
        }
        rank(self.card_terms(card), n, |_| 1.0)
    }

    /// Up to `n` keywords for each card of a talk (in card order). Like
    /// [`KeywordExtractor::keywords`], except that a term found on many cards of the
    /// talk (`模型` in a talk about models) weighs less than one particular to a card,
    /// so the cards' keywords tell them apart.
    pub fn talk_keywords(&self, talk: &Talk, n: usize) -> Vec<Vec<String>> {
        let all: Vec<Terms> = talk.cards.iter().map(|c| self.card_terms(c)).collect();
        let mut df: HashMap<&str, usize> = HashMap::new();
        for terms in &all {
            for key in terms.map.keys() {
                *df.entry(key.as_str()).or_insert(0) += 1;
            }
        }
        let cards = all.len() as f64;
        let spread = |key: &str| {
            let d = df.get(key).copied().unwrap_or(1).max(1) as f64;
            // 1 for a term of one card, down to 0.3 for a term of every card.
            0.3 + 0.7 * ((cards + 1.0) / d).ln() / (cards + 1.0).ln()
        };
        let factors: Vec<HashMap<String, f64>> = all
            .iter()
            .map(|terms| terms.map.keys().map(|k| (k.clone(), spread(k))).collect())
            .collect();
        all.into_iter()
            .zip(factors)
            .map(|(terms, f)| {
                if n == 0 {
                    return Vec::new();
                }
                rank(terms, n, |key| f.get(key).copied().unwrap_or(1.0))
            })
            .collect()
    }

    /// Up to `n` keywords of any text, best first.
    pub fn keywords_of_text(&self, text: &str, n: usize) -> Vec<String> {
        if n == 0 {
            return Vec::new();
        }
        rank(self.terms(&[(text, 1.0)]), n, |_| 1.0)
    }

    fn card_terms(&self, card: &Card) -> Terms {
        let mut texts: Vec<(&str, f64)> = Vec::new();
        // Titles the parser made up (`开场`, `Opening`) are not the speaker's words.
        if !GENERATED_TITLES.contains(&card.title.as_str()) {
            texts.push((&card.title, 2.0));
        }
        texts.extend(card.paragraphs.iter().map(|p| (p.as_str(), 1.0)));
        for k in &card.key_points {
            if !card.paragraphs.iter().any(|p| p.contains(k.as_str())) {
                texts.push((k, 1.0));
            }
        }
        self.terms(&texts)
    }

    fn terms(&self, texts: &[(&str, f64)]) -> Terms {
        let mut terms = Terms::default();
        for &(text, weight) in texts {
            if text.chars().any(is_han) {
                self.add_chinese(text, weight, &mut terms);
            }
        }
        let latin: Vec<(Vec<Token<'_>>, f64)> = texts
            .iter()
            .map(|&(text, weight)| (latin_tokens(text), weight))
            .filter(|(tokens, _)| !tokens.is_empty())
            .collect();
        self.add_latin(&latin, &mut terms);
        terms
    }

    fn add_chinese(&self, text: &str, weight: f64, terms: &mut Terms) {
        let mut idf_cache: HashMap<&str, f64> = HashMap::new();
        let tags = self.jieba.tag(text, true);
        for t in &tags {
            let word = t.word;
            if !word.chars().all(is_han) || word.chars().count() < 2 {
                continue;
            }
            if self.zh_stop.contains(word) {
                continue;
            }
            let Some(pos_weight) = keyword_tag(t.tag) else {
                continue;
            };
            let idf = *idf_cache.entry(word).or_insert_with(|| self.idf(word));
            terms.add(word.to_string(), word, weight, idf, pos_weight);
        }
    }

    /// ln(total / freq) from jieba's dictionary; unknown words get [`UNKNOWN_IDF`].
    fn idf(&self, word: &str) -> f64 {
        if !self.jieba.has_word(word) {
            return UNKNOWN_IDF;
        }
        // For a dictionary word, the suggested frequency is its own frequency + 1.
        let freq = self.jieba.suggest_freq(word).saturating_sub(1).max(1) as f64;
        (DICT_TOTAL / freq).ln().max(1.0)
    }

    /// Latin-script terms over all the card's texts (a recurring pair of words is
    /// found across paragraphs).
    fn add_latin(&self, texts: &[(Vec<Token<'_>>, f64)], terms: &mut Terms) {
        let is_stop = |t: &str| self.en_stop.contains(t.to_ascii_lowercase().as_str());
        let capital = |t: &Token<'_>| t.text.starts_with(|c: char| c.is_ascii_uppercase());
        let acronym = |t: &str| {
            t.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2
                || t.chars().any(|c| c.is_ascii_digit())
        };
        struct Text<'t, 'a> {
            tokens: &'t [Token<'a>],
            weight: f64,
            content: Vec<bool>,
            in_phrase: Vec<bool>,
        }
        let mut all: Vec<Text<'_, '_>> = texts
            .iter()
            .map(|(tokens, weight)| Text {
                tokens,
                weight: *weight,
                content: tokens
                    .iter()
                    .map(|t| {
                        t.text.chars().filter(char::is_ascii_alphanumeric).count() >= 2
                            && !is_stop(t.text)
                    })
                    .collect(),
                in_phrase: vec![false; tokens.len()],
            })
            .collect();

        // Runs of capitalized content words: `Scaling Law`, `Large Language Models`.
        for t in &mut all {
            let tokens = t.tokens;
            let mut i = 0;
            while i < tokens.len() {
                if !(t.content[i] && capital(&tokens[i])) {
                    i += 1;
                    continue;
                }
                let mut j = i + 1;
                while j < tokens.len()
                    && j - i < 4
                    && tokens[j].joined
                    && t.content[j]
                    && capital(&tokens[j])
                {
                    j += 1;
                }
                if j - i >= 2 {
                    let phrase = join_tokens(&tokens[i..j]);
                    terms.add(phrase.to_lowercase(), &phrase, t.weight, LATIN_IDF, 1.4);
                    t.in_phrase[i..j].iter_mut().for_each(|p| *p = true);
                }
                i = j;
            }
        }

        // A pair of content words that recurs in the card: `boring path`.
        let pair_key = |t: &Text<'_, '_>, k: usize| -> Option<String> {
            (t.content[k - 1]
                && t.content[k]
                && t.tokens[k].joined
                && !t.in_phrase[k - 1]
                && !t.in_phrase[k])
                .then(|| {
                    format!(
                        "{} {}",
                        singular(&t.tokens[k - 1].text.to_ascii_lowercase()),
                        singular(&t.tokens[k].text.to_ascii_lowercase())
                    )
                })
        };
        let mut pair_counts: HashMap<String, usize> = HashMap::new();
        for t in &all {
            for k in 1..t.tokens.len() {
                if let Some(key) = pair_key(t, k) {
                    *pair_counts.entry(key).or_insert(0) += 1;
                }
            }
        }
        for t in &mut all {
            for k in 1..t.tokens.len() {
                if let Some(key) = pair_key(t, k)
                    && pair_counts.get(&key).is_some_and(|&c| c >= 2)
                {
                    let form = join_tokens(&t.tokens[k - 1..=k]);
                    terms.add(key, &form.to_lowercase(), t.weight, LATIN_IDF, 1.2);
                    t.in_phrase[k - 1] = true;
                    t.in_phrase[k] = true;
                }
            }
        }

        // Single words.
        for t in &all {
            for (k, tok) in t.tokens.iter().enumerate() {
                if !t.content[k] || t.in_phrase[k] {
                    continue;
                }
                let word = tok.text;
                let boost = if acronym(word) {
                    1.3
                } else if capital(tok) && !tok.sentence_start {
                    1.15
                } else {
                    1.0
                };
                // A capital that only opens a sentence says little: another form of
                // the word, when there is one, is shown instead.
                let form_weight = if tok.sentence_start {
                    t.weight / 100.0
                } else {
                    t.weight
                };
                terms.add_form(
                    singular(&word.to_ascii_lowercase()),
                    word,
                    t.weight,
                    form_weight,
                    LATIN_IDF,
                    boost,
                );
            }
        }
    }
}

fn join_tokens(tokens: &[Token<'_>]) -> String {
    tokens.iter().map(|t| t.text).collect::<Vec<_>>().join(" ")
}

/// `databases` → `database`, `policies` → `policy` (for counting, not for display).
fn singular(w: &str) -> String {
    if w.len() > 4 && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        if let Some(stem) = w.strip_suffix("ies") {
            return format!("{stem}y");
        }
        if let Some(stem) = w.strip_suffix('s') {
            return stem.to_string();
        }
    }
    w.to_string()
}

/// Latin-script words of a text: ASCII letters and digits with inner `-` `.` `'` `_`
/// and trailing `+`/`#` (`C++`, `C#`); a possessive `'s` is dropped. Words must hold a
/// letter.
fn latin_tokens(text: &str) -> Vec<Token<'_>> {
    let mut out: Vec<Token<'_>> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut gap_is_space = false;
    let mut sentence_start = true;
    while i < bytes.len() {
        let b = bytes[i];
        if !b.is_ascii_alphanumeric() {
            match b {
                b' ' | b'\t' => {}
                b'.' | b'!' | b'?' | b':' | b';' => {
                    sentence_start = true;
                    gap_is_space = false;
                }
                _ => {
                    // Any other character, including Han text and full-width
                    // punctuation, ends a phrase; Chinese sentence ends start one.
                    if text.is_char_boundary(i)
                        && text[i..].starts_with(['。', '！', '？', '：', '；'])
                    {
                        sentence_start = true;
                    }
                    gap_is_space = false;
                }
            }
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() {
            let c = bytes[i];
            let inner = matches!(c, b'-' | b'.' | b'\'' | b'_')
                && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric);
            if c.is_ascii_alphanumeric() || inner {
                i += 1;
            } else if matches!(c, b'+' | b'#')
                && bytes[start..i].iter().all(u8::is_ascii_alphabetic)
                && i - start <= 2
            {
                // C++, C#, F#
                while i < bytes.len() && matches!(bytes[i], b'+' | b'#') {
                    i += 1;
                }
                break;
            } else {
                break;
            }
        }
        let mut word = &text[start..i];
        for suffix in ["'s", "'S"] {
            if let Some(w) = word.strip_suffix(suffix) {
                word = w;
            }
        }
        let joined = gap_is_space && !out.is_empty();
        if word.bytes().any(|b| b.is_ascii_alphabetic()) {
            out.push(Token {
                text: word,
                joined,
                sentence_start,
            });
            gap_is_space = true;
        } else {
            // A number breaks phrases.
            gap_is_space = false;
        }
        sentence_start = false;
    }
    out
}

/// The `n` best terms: score = tf × idf × boost × factor, ties in order of appearance; a term
/// contained in a better one (`Scaling` in `Scaling Law`) is left out.
fn rank(terms: Terms, n: usize, factor: impl Fn(&str) -> f64) -> Vec<String> {
    let mut scored: Vec<(f64, usize, String)> = terms
        .map
        .into_iter()
        .map(|(key, t)| {
            let form = t
                .forms
                .iter()
                .max_by(|a, b| a.1.total_cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(f, _)| f.clone())
                .unwrap_or_default();
            (t.tf * t.idf * t.boost * factor(&key), t.first, form)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut out: Vec<String> = Vec::with_capacity(n);
    for (_, _, form) in scored {
        if out.len() >= n {
            break;
        }
        let lower = form.to_lowercase();
        if out.iter().any(|o| {
            let o = o.to_lowercase();
            o.contains(&lower) || lower.contains(&o)
        }) {
            continue;
        }
        out.push(form);
    }
    out
}

#[cfg(test)]
mod tests;
