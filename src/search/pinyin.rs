//! Finding Chinese text by its pinyin, as typed without switching the input method: a
//! query of Latin letters (spaces ignored, so `gui mo` and `guimo` are the same) also
//! matches a run of Chinese characters where each character is spelled by its initial
//! or by its whole syllable, in any of its readings (重 is `zhong` and `chong`, 行 `xing`
//! and `hang`), and the last one also by the start of its syllable, as typed so far:
//! `gmxy`, `guimoxiaoying` and `guimoxy` all find 规模效应, `guimoxi` finds 规模效.

use pinyin::ToPinyinMulti;

/// The letters of `query` when it can be pinyin: Latin letters and spaces only, at least
/// two letters (one letter would match every character read with it).
pub(super) fn letters(query: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    for c in query.chars() {
        if c.is_ascii_alphabetic() {
            out.push(c.to_ascii_lowercase() as u8);
        } else if !c.is_whitespace() {
            return None;
        }
    }
    (out.len() >= 2).then_some(out)
}

/// Every match of the pinyin `letters` in `text`, as byte ranges, in order and not
/// overlapping.
pub(super) fn find_all(text: &str, letters: &[u8], emit: &mut dyn FnMut(usize, usize)) {
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        match spell(&text[at..], letters, true) {
            Some(len) => {
                emit(at, at + len);
                at += len;
            }
            None => at += c.len_utf8(),
        }
    }
}

/// How many bytes from the start of `text` spell all of `letters`. A match of one
/// character spells its whole syllable (`gu` alone finds 古, not every 规).
fn spell(text: &str, letters: &[u8], first: bool) -> Option<usize> {
    if letters.is_empty() {
        return Some(0);
    }
    let c = text.chars().next()?;
    if (c as u32) < 0x3400 {
        return None;
    }
    let rest = &text[c.len_utf8()..];
    for reading in c.to_pinyin_multi()? {
        let syllable = reading.plain();
        let typed = common_prefix(syllable, letters);
        if typed == 0 {
            continue;
        }
        let whole = syllable.chars().count();
        // Whole syllable, or the initial, then the next character.
        for taken in [whole, 1] {
            if taken <= typed
                && let Some(len) = spell(rest, &letters[taken..], false)
            {
                return Some(c.len_utf8() + len);
            }
        }
        // The last character may be spelled as far as it was typed.
        if typed == letters.len() && !first {
            return Some(c.len_utf8());
        }
    }
    None
}

/// How many of `letters` spell the start of `syllable` (`ü` typed as `v`).
fn common_prefix(syllable: &str, letters: &[u8]) -> usize {
    syllable
        .chars()
        .map(|c| if c == 'ü' { 'v' } else { c })
        .zip(letters)
        .take_while(|&(a, &b)| a == char::from(b))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, query: &str) -> Vec<String> {
        let letters = letters(query).unwrap();
        let mut out = Vec::new();
        find_all(text, &letters, &mut |s, e| out.push(text[s..e].to_owned()));
        out
    }

    #[test]
    fn initials_syllables_and_a_mix_find_the_word() {
        let text = "Scaling Law(规模效应)还有效吗?大模型的规模效应";
        for query in [
            "gmxy",
            "guimoxiaoying",
            "gui mo xiao ying",
            "guimoxy",
            "gmxiaoy",
        ] {
            assert_eq!(found(text, query), ["规模效应", "规模效应"], "{query}");
        }
        // The last character as far as it was typed.
        assert_eq!(found(text, "guimoxi"), ["规模效", "规模效"]);
        assert_eq!(found(text, "dmx"), ["大模型"]);
        assert!(found(text, "guimoxiaoyang").is_empty());
    }

    #[test]
    fn every_reading_counts() {
        let text = "重要的是重新进入银行这个行业";
        assert_eq!(found(text, "zhongyao"), ["重要"]);
        assert_eq!(found(text, "chongxin"), ["重新"]);
        assert_eq!(found(text, "yinhang"), ["银行"]);
        assert_eq!(found(text, "hangye"), ["行业"]);
        assert_eq!(found(text, "xingye"), ["行业"]);
        assert_eq!(found("绿色", "lvse"), ["绿色"]);
        assert_eq!(found("古代规模", "gu"), ["古"]);
    }

    #[test]
    fn only_letters_can_be_pinyin() {
        assert_eq!(letters("Gui Mo"), Some(b"guimo".to_vec()));
        assert_eq!(letters("g"), None);
        assert_eq!(letters("gpt-4"), None);
        assert_eq!(letters("规模"), None);
    }
}
