//! Numbered section headings: recognizing a numbering prefix (`1、` `一、` `（一）`
//! `第一，` `观察一：` `Lesson 1 —` `II.` ...) and choosing, among all short numbered
//! lines, the sequence that structures the talk.

use super::text::{clean, last_significant, width};
use std::collections::HashMap;

/// What follows the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Sep {
    Dun,
    Dot,
    Paren,
    Colon,
    Comma,
    Dash,
}

/// A numbering style; headings of one sequence share one style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Style {
    Arabic(Sep),
    Han(Sep),
    ParenArabic,
    ParenHan,
    Circled,
    Roman(Sep),
    /// `第一，` `第一点` ...; the index of the measure word.
    Di(u8),
    /// `观察一：`; the index of the label word.
    HanLabel(u8),
    /// `Lesson 1 —`; the index of the label word.
    EnLabel(u8),
}

/// A numbering prefix found at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mark<'a> {
    pub style: Style,
    pub number: u32,
    /// The heading text after the number and its separator (may be empty).
    pub rest: &'a str,
}

const HAN_DIGITS: &str = "零〇一二三四五六七八九十百两";

fn han_value(s: &str) -> Option<u32> {
    let mut total = 0u32;
    let mut current = 0u32;
    let mut any = false;
    for c in s.chars() {
        let d = match c {
            '零' | '〇' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            '十' => {
                total += if any && current > 0 { current } else { 1 } * 10;
                current = 0;
                any = true;
                continue;
            }
            '百' => {
                total += current.max(1) * 100;
                current = 0;
                any = true;
                continue;
            }
            _ => return None,
        };
        current = current * 10 + d;
        any = true;
        if current > 999 {
            return None;
        }
    }
    any.then_some(total + current)
}

/// Leading number: ASCII or full-width digits, or Han numerals. Returns value, kind
/// (`true` = Han) and the rest.
fn leading_number(s: &str) -> Option<(u32, bool, &str)> {
    let mut value = 0u32;
    let mut len = 0usize;
    let mut digits = 0;
    for c in s.chars() {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            _ => break,
        };
        digits += 1;
        if digits > 4 {
            return None;
        }
        value = value * 10 + d;
        len += c.len_utf8();
    }
    if digits > 0 {
        return Some((value, false, &s[len..]));
    }
    let mut count = 0;
    for c in s.chars() {
        if !HAN_DIGITS.contains(c) {
            break;
        }
        count += 1;
        if count > 4 {
            return None;
        }
        len += c.len_utf8();
    }
    if len == 0 {
        return None;
    }
    han_value(&s[..len]).map(|v| (v, true, &s[len..]))
}

fn separator(s: &str) -> Option<(Sep, &str)> {
    let c = s.chars().next()?;
    let sep = match c {
        '、' => Sep::Dun,
        '.' | '．' => {
            // `1.5 billion` is not a heading.
            if s[c.len_utf8()..].starts_with(|c: char| c.is_ascii_digit()) {
                return None;
            }
            Sep::Dot
        }
        ')' | '）' => Sep::Paren,
        ':' | '：' => Sep::Colon,
        ',' | '，' => Sep::Comma,
        '—' | '–' => Sep::Dash,
        _ => return None,
    };
    Some((sep, &s[c.len_utf8()..]))
}

/// Trims the separator characters that may sit between a label and the heading text.
fn trim_lead(s: &str) -> &str {
    clean(s).trim_start_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ':' | '：' | '—' | '–' | '-' | '.' | '、' | ',' | '，' | '|'
            )
    })
}

const MEASURES: &[&str] = &[
    "个观察",
    "个问题",
    "个方面",
    "个趋势",
    "个判断",
    "部分",
    "方面",
    "点",
    "章",
    "节",
    "讲",
    "条",
    "个",
    "大",
];

const HAN_LABELS: &[&str] = &[
    "观察", "趋势", "要点", "观点", "建议", "启示", "判断", "变化", "部分", "问题", "话题", "主题",
    "挑战", "机会", "方向",
];

const EN_LABELS: &[&str] = &[
    "observation",
    "lesson",
    "point",
    "part",
    "section",
    "chapter",
    "trend",
    "takeaway",
    "step",
    "rule",
    "principle",
    "idea",
    "thought",
    "prediction",
    "insight",
    "theme",
    "topic",
    "question",
    "reason",
    "myth",
    "truth",
    "act",
    "tip",
    "law",
    "pillar",
    "habit",
    "mistake",
    "challenge",
    "opportunity",
    "shift",
];

const EN_NUMBERS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

fn roman_value(s: &str) -> Option<u32> {
    let mut total = 0u32;
    let mut prev = 0u32;
    for c in s.chars().rev() {
        let v = match c {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            'L' => 50,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    (total > 0).then_some(total)
}

/// Strips Markdown decoration: leading `#`s, `**bold**` wrappers.
pub(crate) fn undecorate(line: &str) -> &str {
    let mut s = clean(line);
    let hashes = s.len() - s.trim_start_matches('#').len();
    if hashes > 0 && hashes <= 6 {
        s = clean(&s[hashes..]);
    }
    for wrap in ["**", "__"] {
        if let Some(inner) = s.strip_prefix(wrap).and_then(|r| r.strip_suffix(wrap)) {
            s = clean(inner);
        }
    }
    s
}

/// Recognizes a numbering prefix at the start of a line.
pub(crate) fn parse_mark(line: &str) -> Option<Mark<'_>> {
    let s = undecorate(line);
    let first = s.chars().next()?;

    // ①..⑳
    if ('①'..='⑳').contains(&first) {
        return Some(Mark {
            style: Style::Circled,
            number: first as u32 - '①' as u32 + 1,
            rest: trim_lead(&s[first.len_utf8()..]),
        });
    }

    // (1) （一）
    if first == '(' || first == '（' {
        let inner = &s[first.len_utf8()..];
        let (number, han, after) = leading_number(clean(inner))?;
        let after = clean(after);
        let close = after.chars().next()?;
        if close != ')' && close != '）' {
            return None;
        }
        return Some(Mark {
            style: if han {
                Style::ParenHan
            } else {
                Style::ParenArabic
            },
            number,
            rest: trim_lead(&after[close.len_utf8()..]),
        });
    }

    // 第一， 第二点 第三部分：
    if let Some(after_di) = s.strip_prefix('第') {
        let (number, _, after) = leading_number(after_di)?;
        for (i, m) in MEASURES.iter().enumerate() {
            if let Some(r) = after.strip_prefix(m) {
                let mut r = r;
                for label in HAN_LABELS {
                    if let Some(rr) = r.strip_prefix(label) {
                        r = rr;
                        break;
                    }
                }
                let r = r.strip_prefix('是').unwrap_or(r);
                return Some(Mark {
                    style: Style::Di(i as u8),
                    number,
                    rest: trim_lead(r),
                });
            }
        }
        let (sep, r) = separator(after)?;
        if !matches!(sep, Sep::Comma | Sep::Dun | Sep::Colon) {
            return None;
        }
        return Some(Mark {
            style: Style::Di(MEASURES.len() as u8),
            number,
            rest: trim_lead(r),
        });
    }

    // 观察一： 趋势2、
    for (i, label) in HAN_LABELS.iter().enumerate() {
        if let Some(r) = s.strip_prefix(label) {
            let (number, _, after) = leading_number(clean(r))?;
            let after_clean = clean(after);
            let ok = after_clean.is_empty()
                || separator(after_clean).is_some()
                || after.len() != after_clean.len();
            if !ok {
                return None;
            }
            return Some(Mark {
                style: Style::HanLabel(i as u8),
                number,
                rest: trim_lead(after),
            });
        }
    }

    // 1、 1. 1) 一、 一．
    if let Some((number, han, after)) = leading_number(s) {
        let (sep, r) = separator(after)?;
        if matches!(sep, Sep::Comma | Sep::Dash) {
            return None;
        }
        return Some(Mark {
            style: if han {
                Style::Han(sep)
            } else {
                Style::Arabic(sep)
            },
            number,
            rest: trim_lead(r),
        });
    }

    // Lesson 1 — / Observation 2: / Part Three.
    if first.is_ascii_alphabetic() {
        let word_end = s
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(s.len());
        let word = &s[..word_end];
        let after_word = &s[word_end..];

        // II. Roman numerals
        if word.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L')) && word.len() <= 6 {
            let (sep, r) = separator(after_word)?;
            if !matches!(sep, Sep::Dot | Sep::Paren) || !r.starts_with(' ') {
                return None;
            }
            return Some(Mark {
                style: Style::Roman(sep),
                number: roman_value(word)?,
                rest: trim_lead(r),
            });
        }

        let lower = word.to_ascii_lowercase();
        let label = EN_LABELS.iter().position(|l| *l == lower)?;
        let r = after_word.strip_prefix(' ')?.trim_start();
        let r = r.strip_prefix('#').unwrap_or(r);
        let (number, after_number) = if let Some((n, false, a)) = leading_number(r) {
            (n, a)
        } else {
            let end = r
                .find(|c: char| !c.is_ascii_alphabetic())
                .unwrap_or(r.len());
            let w = r[..end].to_ascii_lowercase();
            let n = EN_NUMBERS.iter().position(|x| *x == w)?;
            (n as u32, &r[end..])
        };
        let tail = clean(after_number);
        let ok = tail.is_empty()
            || tail.starts_with([':', '：', '—', '–', '-', '.', ')', '|', ','])
            || tail.starts_with("--");
        if !ok {
            return None;
        }
        return Some(Mark {
            style: Style::EnLabel(label as u8),
            number,
            rest: trim_lead(tail),
        });
    }
    None
}

/// Whether a heading's text is short and ends like a heading, not like a sentence.
pub(crate) fn heading_shaped(rest: &str) -> bool {
    if width(rest) > 80 {
        return false;
    }
    !matches!(
        last_significant(rest),
        Some('。' | '，' | ',' | '；' | ';' | '、' | '.' | '．' | '…')
    )
}

const CLOSING_WORDS: &[&str] = &[
    "结语",
    "结束语",
    "总结",
    "尾声",
    "结论",
    "写在最后",
    "最后的话",
    "结尾",
    "closing remarks",
    "closing thoughts",
    "closing",
    "conclusions",
    "conclusion",
    "in conclusion",
    "final thoughts",
    "final words",
    "summary",
    "wrap-up",
    "wrapping up",
    "epilogue",
];

/// A heading text that names the closing section (`结语`, `Conclusion: ...`).
pub(crate) fn is_closing_title(text: &str) -> bool {
    let t = clean(text).trim_end_matches([':', '：']);
    let lower = t.to_lowercase();
    CLOSING_WORDS.iter().any(|w| {
        lower.strip_prefix(w).is_some_and(|r| {
            r.is_empty()
                || r.starts_with([':', '：', '—', '–', '-', ',', '，', '|', '(', '（', '、'])
                || r.starts_with(" -")
                || r.starts_with(" —")
                || r.starts_with(" –")
                || r.starts_with(" |")
        })
    })
}

/// A heading candidate: a short numbered line of the body.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidate {
    /// Position in the body (paragraph index).
    pub pos: usize,
    pub style: Style,
    pub number: u32,
}

/// Chooses the headings among the candidates: per style, the chain of numbers
/// `1, 2, 3...` (gaps of one and repeats tolerated); numbering that restarts marks a
/// nested list, and runs of consecutive numbered paragraphs are lists, not headings.
/// Returns indices into `cands`, in order. Linear in the number of candidates.
pub(crate) fn select(cands: &[Candidate]) -> Vec<usize> {
    // Lists: consecutive paragraphs numbered n, n+1 in one style.
    let mut in_run = vec![false; cands.len()];
    for i in 1..cands.len() {
        let (a, b) = (&cands[i - 1], &cands[i]);
        if b.pos == a.pos + 1 && a.style == b.style && b.number == a.number + 1 {
            in_run[i - 1] = true;
            in_run[i] = true;
        }
    }
    let best = best_chain(cands, &in_run);
    if best.len() >= 2 {
        return best;
    }
    let none = vec![false; cands.len()];
    let best = best_chain(cands, &none);
    if best.len() >= 2 { best } else { Vec::new() }
}

fn best_chain(cands: &[Candidate], skip: &[bool]) -> Vec<usize> {
    struct Chain {
        members: Vec<usize>,
        last: Option<u32>,
        restarts: usize,
    }
    let mut chains: HashMap<Style, Chain> = HashMap::new();
    let mut order: Vec<Style> = Vec::new();
    for (i, c) in cands.iter().enumerate() {
        if skip[i] {
            continue;
        }
        let chain = chains.entry(c.style).or_insert_with(|| {
            order.push(c.style);
            Chain {
                members: Vec::new(),
                last: None,
                restarts: 0,
            }
        });
        match chain.last {
            None => {
                if c.number <= 1 {
                    chain.members.push(i);
                    chain.last = Some(c.number);
                }
            }
            Some(last) => {
                if c.number == last + 1 || c.number == last + 2 || c.number == last {
                    chain.members.push(i);
                    chain.last = Some(c.number);
                } else if c.number <= 1 && last > 1 {
                    chain.restarts += 1;
                }
            }
        }
    }
    let mut best: Option<&Chain> = None;
    for style in &order {
        let ch = &chains[style];
        if ch.members.len() < 2 {
            continue;
        }
        let better = match best {
            None => true,
            Some(b) => {
                let key = |c: &Chain| (c.restarts == 0, c.members.len());
                key(ch) > key(b)
            }
        };
        if better {
            best = Some(ch);
        }
    }
    best.map(|c| c.members.clone()).unwrap_or_default()
}

#[cfg(test)]
mod tests;
