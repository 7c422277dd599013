//! Fuzzy matching for the command palette: the query's characters in order, anywhere in
//! the text, case-insensitive; Chinese text also matches by pinyin initials
//! (`gmxy` finds 规模效应).

use pinyin::ToPinyin;

/// Text prepared for matching: its folded characters and, where it has Chinese, the
/// pinyin initial of each character.
#[derive(Debug, Clone)]
pub struct Haystack {
    chars: Vec<char>,
    initials: Option<Vec<char>>,
}

impl Haystack {
    pub fn new(text: &str) -> Self {
        let chars: Vec<char> = text.chars().flat_map(char::to_lowercase).collect();
        let has_han = text.chars().any(|c| c.to_pinyin().is_some());
        let initials = has_han.then(|| {
            text.chars()
                .flat_map(|c| match c.to_pinyin() {
                    Some(p) => p.first_letter().chars().next(),
                    None => c.to_lowercase().next(),
                })
                .collect()
        });
        Self { chars, initials }
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
        let initials = self
            .initials
            .as_deref()
            .and_then(|i| subsequence_score(i, &query));
        direct.max(initials)
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
        if found == 0 {
            score += 20;
        }
        score += 5u32.saturating_sub(found as u32 / 4);
        previous = Some(found);
        next = found + 1;
    }
    // Shorter texts with the same match are closer to what was typed.
    Some(score.saturating_sub(text.len() as u32 / 8))
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
