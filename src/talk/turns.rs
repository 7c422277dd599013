//! Speaker turns: a paragraph that starts with who speaks (`张三：…`, `Q: …`,
//! `*Floor*: …`, `Speaker 2: …`), as interview, panel and Q&A transcripts write them.
//!
//! A turn starts a paragraph of its own (the paragraph splitters ask
//! [`speaker_turn`]), and each card knows how much of each paragraph is the name
//! ([`super::Card::speaker_turns`]), so the window can show it apart from what is said.
//! The text itself is kept as written: highlights count in it.
//!
//! A name is short and has no sentence punctuation; since the same shape is also a label
//! (`原因：`, `Note:`), a name counts only when the talk gives it to two or more
//! paragraphs, or when it is a role (`Q`, `A`, `问`, `答`, `主持人`, `Host`, `Audience` …).

use super::Card;
use super::text::is_han;
use std::collections::HashMap;

/// Names that are turns even once: roles of a Q&A or a panel.
const ROLES: &[&str] = &[
    "q",
    "a",
    "问",
    "答",
    "主持人",
    "提问",
    "观众",
    "记者",
    "嘉宾",
    "host",
    "moderator",
    "audience",
    "floor",
    "question",
    "answer",
    "interviewer",
    "interviewee",
    "guest",
];

/// The speaker's name at the start of `paragraph` and the length in bytes of the turn's
/// lead (the name, its emphasis, the colon and the spaces after it), if the paragraph
/// is shaped like a turn.
pub fn speaker_turn(paragraph: &str) -> Option<(&str, usize)> {
    let (colon, width) = paragraph
        .char_indices()
        .take(24)
        .find(|&(_, c)| c == ':' || c == '：')
        .map(|(i, c)| (i, c.len_utf8()))?;
    let lead = &paragraph[..colon];
    let name = lead.trim().trim_matches(|c| c == '*' || c == '_').trim();
    let rest = &paragraph[colon + width..];
    // `**Host:** Welcome`: the emphasis closes after the colon.
    let close = if lead.trim_start().starts_with(['*', '_']) {
        rest.len() - rest.trim_start_matches(['*', '_']).len()
    } else {
        0
    };
    let after = close + rest[close..].len() - rest[close..].trim_start().len();
    let rest = &rest[close..];
    if rest.trim().is_empty() || !is_name(name) {
        return None;
    }
    // `12:30`, `https://`: an ASCII colon with no space after it is no turn, unless wide
    // text follows (`张三:大家好`).
    if width == 1 && after == 0 && !rest.chars().next().is_some_and(super::text::is_wide) {
        return None;
    }
    Some((name, colon + width + after))
}

fn is_name(name: &str) -> bool {
    let chars = name.chars().count();
    if chars == 0 || name.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    if name.chars().any(|c| {
        matches!(
            c,
            '。' | '，'
                | ','
                | '!'
                | '！'
                | '?'
                | '？'
                | ';'
                | '；'
                | '、'
                | '"'
                | '“'
                | '”'
                | '('
                | ')'
                | '（'
                | '）'
                | '['
                | ']'
                | '/'
                | '#'
                | '`'
                | '<'
                | '>'
        )
    }) {
        return false;
    }
    if name.chars().any(is_han) {
        // 张三, 主持人, 欧阳娜娜; `他说：“…”` reports speech, it is no turn. Meeting
        // tools number unknown voices `说话人 1`, `发言人 2`.
        const SAYS: &[&str] = &["说", "道", "表示", "指出", "认为", "称", "问"];
        let numbered = name
            .split_once(' ')
            .is_some_and(|(who, n)| !who.contains(' ') && n.bytes().all(|b| b.is_ascii_digit()));
        return chars <= 6
            && (!name.contains(' ') || numbered)
            && (name == "问" || !SAYS.iter().any(|s| name.ends_with(s)));
    }
    // Latin: up to four words, each capitalised (`Dr. Jane Smith`, `SPEAKER_00`,
    // `Speaker 2`), or one role word in any case.
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.is_empty() || words.len() > 4 || chars > 32 {
        return false;
    }
    words.iter().all(|w| {
        let first = w.chars().next().unwrap_or(' ');
        first.is_uppercase() || first.is_ascii_digit()
    }) || ROLES.contains(&name.to_lowercase().as_str())
}

/// Fills every card's [`super::Card::speaker_turns`]: the chars of the lead of each
/// paragraph that is a turn of a name the talk (all of `cards`) uses twice or more, or
/// of a role. Runs before the key points are picked, which leave the leads out.
pub fn mark(cards: &mut [Card]) {
    // Each paragraph's turn shape, found once: (its name in lower case, lead in chars).
    let shapes: Vec<Vec<Option<(String, usize)>>> = cards
        .iter()
        .map(|card| {
            card.paragraphs
                .iter()
                .map(|p| {
                    speaker_turn(p)
                        .map(|(name, lead)| (name.to_lowercase(), p[..lead].chars().count()))
                })
                .collect()
        })
        .collect();
    let mut uses: HashMap<&str, usize> = HashMap::new();
    for (name, _) in shapes.iter().flatten().flatten() {
        *uses.entry(name).or_default() += 1;
    }
    let counts = |name: &str| uses.get(name).is_some_and(|&n| n >= 2) || ROLES.contains(&name);
    for (card, shapes) in cards.iter_mut().zip(&shapes) {
        let leads: Vec<usize> = shapes
            .iter()
            .map(|shape| match shape {
                Some((name, lead)) if counts(name) => *lead,
                _ => 0,
            })
            .collect();
        card.speaker_turns = if leads.iter().any(|&n| n > 0) {
            leads
        } else {
            Vec::new()
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turns_are_names_before_a_colon() {
        assert_eq!(speaker_turn("张三：大家好。"), Some(("张三", 9)));
        assert_eq!(speaker_turn("Q: Why now?"), Some(("Q", 3)));
        assert_eq!(speaker_turn("*Floor*: A question."), Some(("Floor", 9)));
        assert_eq!(speaker_turn("**李四**：谢谢"), Some(("李四", 13)));
        assert_eq!(speaker_turn("Speaker 2: right"), Some(("Speaker 2", 11)));
        assert_eq!(
            speaker_turn("Dr. Jane Smith: so"),
            Some(("Dr. Jane Smith", 16))
        );
        assert_eq!(speaker_turn("张三:大家好"), Some(("张三", 7)));
        assert_eq!(speaker_turn("**Host:** Welcome"), Some(("Host", 10)));
        assert_eq!(speaker_turn("JANE SMITH: Thanks"), Some(("JANE SMITH", 12)));
        assert_eq!(speaker_turn("说话人 1：好的"), Some(("说话人 1", 14)));
    }

    #[test]
    fn other_colons_are_not_turns() {
        for text in [
            "12:30 we start",
            "See https://example.com for more",
            "The reason is simple: money.",
            "我们认为，原因在于：成本",
            "张三：",
            "in 2024: a year",
            "他说：“我们会赢。”然后离开",
            "这是一个非常非常长的标签名字：内容",
        ] {
            assert_eq!(speaker_turn(text), None, "{text}");
        }
        // Shaped like a turn; only the talk-wide count tells it from a label.
        assert_eq!(speaker_turn("Note: this"), Some(("Note", 6)));
    }

    proptest::proptest! {
        #[test]
        fn a_lead_is_a_prefix_at_a_char_boundary(text in "[张三Q*_ :：a-zA-Z0-9，。？\n]{0,40}") {
            if let Some((name, lead)) = speaker_turn(&text) {
                proptest::prop_assert!(text.is_char_boundary(lead) && lead < text.len());
                proptest::prop_assert!(text[..lead].contains(name));
            }
        }
    }

    #[test]
    fn a_name_counts_twice_or_as_a_role() {
        let talk = super::super::parse_text(
            "访谈\n\n主持人：今天聊什么？\n\n张三：聊模型。\n\n原因：成本下降了很多。\n\n张三：还有数据。\n",
        );
        let leads: Vec<(String, usize)> = talk
            .cards
            .iter()
            .flat_map(|c| {
                let turns = c.speaker_turns.clone();
                c.paragraphs
                    .iter()
                    .enumerate()
                    .map(move |(i, p)| (p.clone(), turns.get(i).copied().unwrap_or(0)))
            })
            .collect();
        let lead = |start: &str| leads.iter().find(|(p, _)| p.starts_with(start)).unwrap().1;
        assert_eq!(lead("主持人"), 4);
        assert_eq!(lead("张三：聊"), 3);
        assert_eq!(lead("张三：还"), 3);
        assert_eq!(lead("原因"), 0, "a label used once is no speaker");
    }
}
