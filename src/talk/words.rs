//! Chinese words for the text cursor: where a double-click and Ctrl+←/→ stop in Chinese
//! text. Chinese has no spaces, and Unicode's word rules make every Han character a word
//! of its own, so egui's text fields run from punctuation to punctuation; here a run of
//! Han characters is cut into words by jieba (the process's one instance, shared with
//! the keyword and topic finders). Positions are char indices; text that is not Han is
//! left to egui (`None`), so English moves and selects as before.

use super::keywords::shared_jieba;
use super::text::is_han;
use std::ops::Range;

/// The jieba word holding the char at `at`, when that char is Han.
pub fn word_at(text: &str, at: usize) -> Option<Range<usize>> {
    let chars: Vec<char> = text.chars().collect();
    if !chars.get(at).copied().is_some_and(is_han) {
        return None;
    }
    let run = han_run(&chars, at);
    words(&chars[run.clone()])
        .into_iter()
        .map(|w| w.start + run.start..w.end + run.start)
        .find(|w| w.contains(&at))
}

/// Where Ctrl+→ from `cursor` goes: the end of the next word, when that word is Han
/// (past any spaces and punctuation before it, as egui skips them too).
pub fn next_word_end(text: &str, cursor: usize) -> Option<usize> {
    let chars: Vec<char> = text.chars().collect();
    let at = (cursor..chars.len()).find(|&i| chars[i].is_alphanumeric())?;
    is_han(chars[at]).then(|| word_at(text, at).map(|w| w.end))?
}

/// Where Ctrl+← from `cursor` goes: the start of the word before it, when that word
/// is Han.
pub fn previous_word_start(text: &str, cursor: usize) -> Option<usize> {
    let chars: Vec<char> = text.chars().collect();
    let at = (0..cursor.min(chars.len()))
        .rev()
        .find(|&i| chars[i].is_alphanumeric())?;
    is_han(chars[at]).then(|| word_at(text, at).map(|w| w.start))?
}

/// The maximal run of Han chars around `at` (jieba cuts at anything else anyway).
fn han_run(chars: &[char], at: usize) -> Range<usize> {
    let start = chars[..at]
        .iter()
        .rposition(|&c| !is_han(c))
        .map_or(0, |i| i + 1);
    let end = chars[at..]
        .iter()
        .position(|&c| !is_han(c))
        .map_or(chars.len(), |i| at + i);
    start..end
}

/// jieba's words of a run of Han chars, as char ranges of it.
fn words(run: &[char]) -> Vec<Range<usize>> {
    let run: String = run.iter().collect();
    let mut at = 0;
    shared_jieba()
        .cut(&run, true)
        .into_iter()
        .map(|token| {
            let start = at;
            at += token.word.chars().count();
            start..at
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Scaling Law(规模效应)还有效吗?大模型的规模效应依然有效, and it works.";

    fn chars(text: &str, range: Range<usize>) -> String {
        text.chars().skip(range.start).take(range.len()).collect()
    }

    #[test]
    fn a_han_char_selects_its_word() {
        // jieba's dictionary has 规模 and 效应, egui selects all of 规模效应依然有效.
        let at = TEXT.chars().position(|c| c == '应').unwrap();
        assert_eq!(chars(TEXT, word_at(TEXT, at).unwrap()), "效应");
        let at = TEXT.chars().position(|c| c == '模').unwrap();
        assert_eq!(chars(TEXT, word_at(TEXT, at).unwrap()), "规模");
        let big = TEXT.chars().position(|c| c == '大').unwrap();
        assert_eq!(chars(TEXT, word_at(TEXT, big).unwrap()), "大模型");
    }

    #[test]
    fn latin_text_is_left_to_egui() {
        assert_eq!(word_at(TEXT, 0), None);
        assert_eq!(word_at(TEXT, 7), None, "the space");
        let works = TEXT.find("works").unwrap();
        let works = TEXT[..works].chars().count();
        assert_eq!(next_word_end(TEXT, works - 1), None);
        assert_eq!(previous_word_start(TEXT, TEXT.chars().count()), None);
    }

    #[test]
    fn ctrl_arrows_step_over_words() {
        let big = TEXT.chars().position(|c| c == '大').unwrap();
        let after_big = next_word_end(TEXT, big).unwrap();
        assert_eq!(chars(TEXT, big..after_big), "大模型");
        let next = next_word_end(TEXT, after_big).unwrap();
        assert_eq!(chars(TEXT, after_big..next), "的");
        // Back from there, word by word.
        assert_eq!(previous_word_start(TEXT, next), Some(after_big));
        assert_eq!(previous_word_start(TEXT, after_big), Some(big));
        // Over the question mark before 大模型: to the start of 吗.
        let before = previous_word_start(TEXT, big).unwrap();
        assert_eq!(chars(TEXT, before..big), "吗?");
        // From just before "(", past it into 规模效应.
        let paren = TEXT.chars().position(|c| c == '(').unwrap();
        assert_eq!(
            chars(TEXT, paren..next_word_end(TEXT, paren).unwrap()),
            "(规模"
        );
    }
}
