//! Slides → cards: kinds, ids, numbers, the talk title, and which text is the body
//! and which the speaker notes.

use super::front_matter::FrontMatter;
use super::slide::Slide;
use super::{Dialect, title_card};
use crate::talk::heading::{is_closing_title, parse_mark};
use crate::talk::parse::excerpt;
use crate::talk::text::{clean, width};
use crate::talk::{Card, CardKind, Talk, keypoints, turns};
use std::collections::HashMap;

/// Closing titles beyond the plain-text parser's (`Thank you` makes no section of a
/// transcript, but it is a deck's last slide).
fn is_closing_slide_title(title: &str) -> bool {
    if is_closing_title(title) {
        return true;
    }
    let t = clean(title).trim_end_matches(['!', '！', '.', '。', '~', '～', ' ']);
    let lower = t.to_lowercase();
    [
        "thank you",
        "thanks",
        "thank you all",
        "thank you for listening",
        "thanks for listening",
        "thank you for your attention",
        "takeaways",
        "key takeaways",
        "谢谢",
        "谢谢大家",
        "感谢",
        "感谢聆听",
        "谢谢聆听",
        "谢谢观看",
        "致谢",
        "结束",
    ]
    .contains(&lower.as_str())
}

/// The number of a numbered title and the title without it.
fn numbered(title: &str) -> (Option<u32>, String) {
    match parse_mark(title) {
        // `## 2024. The year in review` is a year, not a section number.
        Some(m) if !(1900..=2100).contains(&m.number) => {
            let rest = clean(m.rest);
            if rest.is_empty() {
                (Some(m.number), clean(title).to_string())
            } else {
                (Some(m.number), rest.to_string())
            }
        }
        _ => (None, clean(title).to_string()),
    }
}

fn same_title(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    norm(a) == norm(b)
}

pub(super) fn build_talk(
    slides: Vec<Slide>,
    fm: &FrontMatter,
    dialect: Dialect,
    zh: bool,
    fingerprint: String,
) -> Talk {
    // The talk title: the front matter's, or a first slide that is a title slide.
    let title = fm.title.clone().or_else(|| {
        let first = slides.first()?;
        let t = first.title.as_ref()?;
        let title_only = first.points.is_empty()
            && first.paras.len() <= 3
            && first.paras.iter().all(|p| width(p) <= 80);
        let only_h1 = first.level == 1
            && slides[1..]
                .iter()
                .all(|s| s.level != 1 || s.title.is_none());
        (title_only || only_h1).then(|| t.clone())
    });
    let title = title.unwrap_or_default();
    let carrier = if title.is_empty() {
        None
    } else {
        slides
            .iter()
            .position(|s| s.title.as_deref().is_some_and(|t| same_title(t, &title)))
    };

    let mut cards: Vec<Card> = Vec::with_capacity(slides.len() + 1);
    if carrier.is_none() && !title.is_empty() {
        cards.push(title_card(&title, fm, dialect));
    }
    let mut used_title = carrier.is_none() && !title.is_empty();
    let mut used_closing = false;
    let mut seen: HashMap<u32, u32> = HashMap::new();
    let mut from_bullets = Vec::with_capacity(slides.len());
    for (k, s) in slides.into_iter().enumerate() {
        let n = k + 1;
        // A deck's speaker notes are the presenter's notes alone, its slide the body;
        // a Markdown document's text is what the speaker says, as a transcript's.
        let (paragraphs, body) = if dialect == Dialect::Plain {
            let mut paragraphs = s.subtitles.clone();
            paragraphs.extend(s.paras.iter().cloned());
            paragraphs.extend(s.notes.iter().cloned());
            (paragraphs, String::new())
        } else {
            (s.notes.clone(), s.body.clone())
        };
        let title_only = !s.has_body();
        let (kind, id, number, card_title) = match &s.title {
            None if k == 0 && dialect == Dialect::Plain => (
                CardKind::Opening,
                "opening".to_string(),
                None,
                if zh { "开场" } else { "Opening" }.to_string(),
            ),
            None => {
                let source = s
                    .points
                    .first()
                    .or(s.paras.first())
                    .or(s.notes.first())
                    .or(s.subtitles.first())
                    .map_or("", String::as_str);
                // A slide of code or a picture alone: named by its place in the deck.
                let title = match excerpt(source) {
                    t if !t.is_empty() => t,
                    _ if zh => format!("第 {n} 页"),
                    _ => format!("Slide {n}"),
                };
                (CardKind::Observation, format!("slide-{n}"), None, title)
            }
            Some(t) => {
                let (number, rest) = numbered(t);
                if carrier == Some(k) {
                    used_title = true;
                    (
                        CardKind::Title,
                        "title".to_string(),
                        None,
                        clean(t).to_string(),
                    )
                } else if is_closing_slide_title(&rest) || is_closing_slide_title(t) {
                    let id = if used_closing {
                        format!("slide-{n}")
                    } else {
                        "closing".to_string()
                    };
                    used_closing = true;
                    (CardKind::Closing, id, None, rest)
                } else if let Some(num) = number {
                    let count = seen.entry(num).or_insert(0);
                    *count += 1;
                    let id = if *count == 1 {
                        format!("obs-{num}")
                    } else {
                        format!("obs-{num}-{count}")
                    };
                    (CardKind::Observation, id, Some(num), rest)
                } else if title_only {
                    let id = if used_title {
                        format!("slide-{n}")
                    } else {
                        "title".to_string()
                    };
                    used_title = true;
                    (CardKind::Title, id, None, rest)
                } else {
                    (CardKind::Observation, format!("slide-{n}"), None, rest)
                }
            }
        };
        from_bullets.push(!s.points.is_empty());
        cards.push(Card {
            id,
            kind,
            number,
            title: card_title,
            key_points: s.points,
            body,
            paragraphs,
            ..Default::default()
        });
    }

    turns::mark(&mut cards);
    // A Markdown document (not a deck) without bullets in a section: pick key points
    // from its sentences, as for plain text.
    if dialect == Dialect::Plain {
        let offset = cards.len() - from_bullets.len();
        let mut picked = cards.clone();
        keypoints::fill(&mut picked);
        for (k, has_bullets) in from_bullets.iter().enumerate() {
            let card = &mut cards[offset + k];
            if !has_bullets && card.kind != CardKind::Title {
                card.key_points = std::mem::take(&mut picked[offset + k].key_points);
            }
        }
    }

    Talk {
        title,
        speaker: fm.speaker.clone().unwrap_or_default(),
        role: String::new(),
        event: fm.event.clone().unwrap_or_default(),
        date: fm.date.clone().unwrap_or_default(),
        source: String::new(),
        author: String::new(),
        cards,
        fingerprint,
    }
}
