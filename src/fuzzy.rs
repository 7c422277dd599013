//! Fuzzy matching for the command palette: the query's characters in order, anywhere in
//! the text, case-insensitive; Chinese text also matches by pinyin, full or initials or
//! a mix, over every reading of a character (`gmxy` and `guimoxiaoying` find 规模效应;
//! 重 is both `zhong` and `chong`, 行 both `xing` and `hang`).

use crate::readings::readings;

/// Text prepared for matching: its folded characters and, where it has Chinese, the
/// tone-free readings of each character (empty for a character that is not Han).
#[derive(Debug, Clone)]
pub struct Haystack {
    chars: Vec<char>,
    readings: Option<Vec<Vec<String>>>,
}

impl Haystack {
    pub fn new(text: &str) -> Self {
        let chars: Vec<char> = text.chars().flat_map(char::to_lowercase).collect();
        let has_han = text.chars().any(|c| !readings(c).is_empty());
        let readings = has_han.then(|| chars.iter().map(|&c| readings(c)).collect());
        Self { chars, readings }
    }

    /// A score for `query` (higher is better), or `None` when it does not match.
    pub fn score(&self, query: &str) -> Option<u32> {
        let query: Vec<char> = query
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        if query.is_empty() {
            return Some(0);
        }
        let direct = subsequence_score(&self.chars, &query);
        let pinyin = self
            .readings
            .as_deref()
            .and_then(|r| PinyinMatch::new(&self.chars, r, &query).best());
        direct.max(pinyin)
    }
}

/// Scores `query` as a subsequence of `text`: matches that run together and matches
/// near the start score higher; a match starting at the very start highest.
fn subsequence_score(text: &[char], query: &[char]) -> Option<u32> {
    let mut score = 0u32;
    let mut next = 0;
    let mut previous: Option<usize> = None;
    for &q in query {
        let found = text[next..].iter().position(|&c| c == q)? + next;
        score += 10;
        if previous.is_some_and(|p| p + 1 == found) {
            score += 15;
        }
        score += position_bonus(found);
        previous = Some(found);
        next = found + 1;
    }
    Some(score.saturating_sub(length_penalty(text)))
}

fn position_bonus(found: usize) -> u32 {
    if found == 0 {
        25
    } else {
        5u32.saturating_sub(found as u32 / 4)
    }
}

/// Shorter texts with the same match are closer to what was typed.
fn length_penalty(text: &[char]) -> u32 {
    text.len() as u32 / 8
}

/// The query as a subsequence of the text where a Chinese character is matched by any
/// prefix of any of its readings (its initial, its whole syllable, or what was typed of
/// it so far), scored as [`subsequence_score`] scores characters: the best of every way
/// to split the query, by dynamic programming over (text position, query position).
struct PinyinMatch<'a> {
    chars: &'a [char],
    readings: &'a [Vec<String>],
    query: &'a [char],
    /// Best score for the query from `j` on, text from `i` on, by whether text char
    /// `i - 1` was matched: `memo[(i * (m + 1) + j) * 2 + adjacent]`.
    memo: Vec<Option<Option<u32>>>,
}

impl<'a> PinyinMatch<'a> {
    fn new(chars: &'a [char], readings: &'a [Vec<String>], query: &'a [char]) -> Self {
        let size = (chars.len() + 1) * (query.len() + 1) * 2;
        Self {
            chars,
            readings,
            query,
            memo: vec![None; size],
        }
    }

    fn best(&mut self) -> Option<u32> {
        let score = self.from(0, 0, false)?;
        Some(score.saturating_sub(length_penalty(self.chars)))
    }

    fn from(&mut self, i: usize, j: usize, adjacent: bool) -> Option<u32> {
        if j == self.query.len() {
            return Some(0);
        }
        if i == self.chars.len() {
            return None;
        }
        let key = (i * (self.query.len() + 1) + j) * 2 + usize::from(adjacent);
        if let Some(known) = self.memo[key] {
            return known;
        }
        let mut best = self.from(i + 1, j, false);
        for taken in self.takes(i, j) {
            let gain = 10 * taken as u32 + if adjacent { 15 } else { 0 } + position_bonus(i);
            if let Some(rest) = self.from(i + 1, j + taken, true) {
                best = best.max(Some(rest + gain));
            }
        }
        self.memo[key] = Some(best);
        best
    }

    /// How many query characters text char `i` can take from query position `j`.
    fn takes(&self, i: usize, j: usize) -> Vec<usize> {
        let rest = &self.query[j..];
        let mut takes: Vec<usize> = Vec::new();
        if rest[0] == self.chars[i] {
            takes.push(1);
        }
        for reading in &self.readings[i] {
            let common = reading
                .chars()
                .zip(rest)
                .take_while(|(a, b)| a == *b)
                .count();
            for n in 1..=common {
                if !takes.contains(&n) {
                    takes.push(n);
                }
            }
        }
        takes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_initials_find_chinese_titles() {
        let title = Haystack::new("Scaling Law(规模效应)还有效吗?");
        assert!(title.score("gmxy").is_some());
        assert!(title.score("scaling").is_some());
        assert!(
            Haystack::new("多模态大模型赋能机器人")
                .score("jqr")
                .is_some()
        );
        assert!(
            Haystack::new("多模态大模型赋能机器人")
                .score("规模")
                .is_none()
        );
    }

    #[test]
    fn full_pinyin_and_every_reading_match() {
        let title = Haystack::new("规模效应还有效吗");
        for query in ["guimoxiaoying", "gui mo xiao ying", "guimxy", "gmxiaoy"] {
            assert!(title.score(query).is_some(), "{query}");
        }
        assert!(title.score("guimoxiaoyang").is_none());
        let heavy = Haystack::new("重要的行业");
        for query in ["zhongyao", "zy", "chong", "hangye", "xingye", "hy", "xy"] {
            assert!(heavy.score(query).is_some(), "{query}");
        }
        assert!(heavy.score("zhongyaox").is_some(), "行 is xing too");
        assert!(heavy.score("zhangyao").is_none());
    }

    #[test]
    fn a_run_of_whole_syllables_ranks_above_scattered_initials() {
        let query = "guimo";
        let run = Haystack::new("规模效应").score(query).unwrap();
        let scattered = Haystack::new("贵在一个机器人模型").score(query).unwrap();
        assert!(run > scattered, "{run} vs {scattered}");
    }

    #[test]
    fn case_and_spaces_do_not_matter() {
        let h = Haystack::new("Save notes as…");
        assert!(h.score("SAVE AS").is_some());
        assert!(h.score("sna").is_some());
        assert!(h.score("xyz").is_none());
    }

    #[test]
    fn runs_and_starts_rank_higher() {
        let q = "save";
        let start = Haystack::new("Save notes").score(q).unwrap();
        let scattered = Haystack::new("Stop a video extra").score(q).unwrap();
        assert!(start > scattered);
    }

    #[test]
    fn empty_query_matches_everything() {
        assert_eq!(Haystack::new("任何").score("  "), Some(0));
    }
}
