//! A topic card's automatic title: the head of its key sentence, verbatim, but never a
//! filler or a connective alone. Speech starts clauses with `Um,` `And` `So yeah,` or
//! `因此` `而`; cut at the first comma such a sentence gave titles like `Um` and `And`.
//! Leading fillers and connectives are dropped, and a clause too short to name anything
//! gives way to the next one, so the title is still words of the talk, in its order.

use super::parse::excerpt;
use super::text::{clean, is_han};

/// Words that start a spoken clause without saying what it is about (lower case; the
/// longest first where one starts another).
const EN_FILLERS: &[&str] = &[
    "i don't know",
    "i guess",
    "i think",
    "you see",
    "let's see",
    "you know",
    "i mean",
    "so yeah",
    "but yeah",
    "and yeah",
    "all right",
    "alright",
    "okay",
    "ok",
    "um",
    "uh",
    "uhm",
    "erm",
    "er",
    "ah",
    "oh",
    "hmm",
    "mm",
    "so",
    "and",
    "but",
    "or",
    "like",
    "well",
    "yeah",
    "yes",
    "right",
    "now",
    "then",
    "also",
    "actually",
    "basically",
    "anyway",
    "hello",
    "hi",
    "hey",
    "there",
    "everyone",
    "everybody",
    "guys",
    "folks",
    "thanks",
    "thank",
    "you",
];

/// Chinese connectives and fillers that open a clause (multi-character ones only where a
/// single character would also start ordinary words, such as 那 in 那些).
const ZH_FILLERS: &[&str] = &[
    "所以说",
    "也就是说",
    "换句话说",
    "总的来说",
    "那么",
    "所以",
    "因此",
    "因而",
    "但是",
    "可是",
    "然后",
    "而且",
    "并且",
    "其实",
    "就是",
    "另外",
    "此外",
    "同时",
    "当然",
    "嗯",
    "呃",
    "啊",
    "哎",
    "而",
];

/// The fewest letters-or-han a clause needs to name a topic.
const MIN_HAN: usize = 4;
const MIN_WORDS: usize = 3;

/// The longest title, in han characters or in words; longer clauses are cut with `…`.
const MAX_HAN: usize = 24;
const MAX_WORDS: usize = 12;

/// The automatic title from the first of `sources` (the card's key sentences, then its
/// paragraphs) that says something: its first such clause, without the fillers before
/// it; when every one is fillers alone, the head of the first, as it is.
pub(crate) fn topic_title<'a>(sources: impl IntoIterator<Item = &'a str>) -> String {
    let mut first = None;
    for source in sources {
        first.get_or_insert(source);
        if let Some(title) = title_of(source) {
            return title;
        }
    }
    excerpt(first.unwrap_or_default())
}

/// The first clause of `source` that says something, or `None`.
fn title_of(source: &str) -> Option<String> {
    let mut rest = clean(source);
    loop {
        let stripped = strip_fillers(rest);
        let end = clause_end(stripped);
        let clause = stripped[..end].trim();
        if substantial(clause) {
            return Some(capitalized(shortened(clause)));
        }
        // This clause says nothing: the title starts at the next one.
        rest = stripped[end..].trim_start_matches(|c: char| is_clause_mark(c) || c.is_whitespace());
        if rest.is_empty() {
            return None;
        }
    }
}

/// At most [`MAX_HAN`] han characters or [`MAX_WORDS`] words of `clause`.
fn shortened(clause: &str) -> String {
    if clause.chars().filter(|&c| is_han(c)).count() >= MIN_HAN {
        if clause.chars().count() <= MAX_HAN {
            return clause.to_string();
        }
        let cut: String = clause.chars().take(MAX_HAN).collect();
        return format!("{}…", cut.trim_end());
    }
    let words: Vec<&str> = clause.split_whitespace().collect();
    if words.len() <= MAX_WORDS {
        return words.join(" ");
    }
    format!("{}…", words[..MAX_WORDS].join(" "))
}

/// `text` without the fillers and connectives it opens with (and the commas after them).
fn strip_fillers(mut text: &str) -> &str {
    loop {
        let before = text.len();
        for filler in ZH_FILLERS {
            if let Some(after) = text.strip_prefix(filler) {
                text = after;
                break;
            }
        }
        for filler in EN_FILLERS {
            let n = filler.len();
            if text.len() >= n
                && text.is_char_boundary(n)
                && text[..n].eq_ignore_ascii_case(filler)
                && !text[n..].starts_with(|c: char| c.is_alphanumeric() || c == '\'')
            {
                text = &text[n..];
                break;
            }
        }
        text = text.trim_start_matches(|c: char| {
            is_clause_mark(c) || c.is_whitespace() || c == '-' || c == '—'
        });
        if text.len() == before {
            return text;
        }
    }
}

fn is_clause_mark(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '、' | '；' | ';' | '：' | ':' | '。' | '.' | '!' | '！' | '?' | '？' | '…'
    )
}

/// Where the first clause of `text` ends (its length when it has one clause): at a
/// comma, colon or sentence end (a full stop only before a space or at the end, so
/// `3.5` and `e.g.` stay whole).
fn clause_end(text: &str) -> usize {
    let mark = text.find(|c: char| is_clause_mark(c) && c != '.');
    let stop = text
        .find(". ")
        .or_else(|| text.strip_suffix('.').map(str::len));
    match (mark, stop) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b).unwrap_or(text.len()),
    }
}

/// Whether a clause has enough words to name a topic.
fn substantial(clause: &str) -> bool {
    let han = clause.chars().filter(|&c| is_han(c)).count();
    let words = clause
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    han >= MIN_HAN || words >= MIN_WORDS
}

/// A title that now starts mid-sentence reads as one: its first letter upper case.
fn capitalized(title: String) -> String {
    let mut chars = title.chars();
    match chars.next() {
        Some(c) if c.is_lowercase() => c.to_uppercase().chain(chars).collect(),
        _ => title,
    }
}

#[cfg(test)]
mod tests {
    use super::topic_title as titled;

    fn topic_title(source: &str) -> String {
        titled([source])
    }

    #[test]
    fn fillers_and_connectives_never_are_the_title() {
        for (source, title) in [
            (
                "Um, so the first thing I want to talk about is scaling.",
                "The first thing I want to talk about is scaling",
            ),
            (
                "And, you know, the data centers are running out of power.",
                "The data centers are running out of power",
            ),
            (
                "But yeah, like, agents will write most of the code.",
                "Agents will write most of the code",
            ),
            (
                "Hello there, everyone. Today we look at robots in homes.",
                "Today we look at robots in homes",
            ),
            (
                "因此全公司一定要建立起统一的价值评价体系。",
                "全公司一定要建立起统一的价值评价体系",
            ),
            (
                "而有些人在工作中犯了一些错误，我们要宽容。",
                "有些人在工作中犯了一些错误",
            ),
            (
                "嗯，那么，大模型的推理能力已经超过人类平均水平。",
                "大模型的推理能力已经超过人类平均水平",
            ),
        ] {
            assert_eq!(topic_title(source), title, "{source}");
        }
    }

    #[test]
    fn a_short_clause_gives_way_to_the_next() {
        assert_eq!(
            topic_title("I don't know, the market moved faster than we did."),
            "The market moved faster than we did"
        );
        assert_eq!(
            topic_title("The first, we cut the cost of inference."),
            "We cut the cost of inference"
        );
        assert_eq!(topic_title("第一，成本下降了十倍。"), "成本下降了十倍");
    }

    #[test]
    fn words_that_only_start_like_a_filler_stay() {
        assert_eq!(
            topic_title("Nowhere else is the data this clean."),
            "Nowhere else is the data this clean"
        );
        assert_eq!(topic_title("那些模型都是开源的。"), "那些模型都是开源的");
        assert_eq!(topic_title("Um, uh."), "Um");
    }

    #[test]
    fn a_sentence_of_fillers_gives_way_to_the_next_source() {
        let sources = ["Okay.", "Right, so, let's look at the numbers for March."];
        assert_eq!(titled(sources), "Let's look at the numbers for March");
        assert_eq!(titled(["Okay.", "Yeah."]), "Okay.");
    }
}
