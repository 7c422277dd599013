//! pdfpc's `.pdfpc` file, format 2 (JSON, as pdfpc 4.5+ reads and writes it in
//! `src/classes/metadata/pdf.vala`): `pdfpcFormat` (2), `duration` in minutes (the
//! talk's planned duration, else its estimated length), and
//! `pages`, each with `idx` (the PDF page, from 0), `label` (the page label, a string),
//! `overlay` (its step within the label, from 0) and `note`.
//!
//! talkdeck writes one page per card (a PDF made of the deck, one slide a page, see
//! [`crate::export`]): the card's key points, then a marked line and the user's notes and
//! highlights, each a `▸ ` block with its lines indented, so [`import`] can read them back
//! one by one (and knows the key points above the mark are the talk's, not notes).
//! A `.pdfpc` written by pdfpc (notes typed there) has no mark: each page's note is one
//! note on the card at that position.

use super::Imported;
use crate::anchor::{self, Anchor, TalkIndex, TextQuoteSelector};
use crate::notes::{Extra, Highlight, Note};
use crate::talk::Talk;
use serde_json::Value;
use time::OffsetDateTime;
use uuid::Uuid;

/// The format version written (and the newest read).
pub(crate) const FORMAT: u64 = 2;
/// A page's notes from talkdeck start after a line that starts so and names talkdeck.
pub(crate) const MARK: &str = "── ";
pub(crate) const BULLET: &str = "▸ ";
pub(crate) const INDENT: &str = "  ";

/// A line that starts so and names talkdeck: the mark before talkdeck's notes.
pub(crate) fn is_mark(line: &str) -> bool {
    line.starts_with(MARK) && line.contains("talkdeck")
}

/// The notes of a `.pdfpc` file, on the card at each page's position (its label when
/// that is a number, else its index).
pub fn import(value: &Value, talk: &Talk, now: OffsetDateTime) -> Result<Imported, String> {
    let version = value.get("pdfpcFormat").and_then(Value::as_u64);
    match version {
        Some(v) if v <= FORMAT => {}
        Some(v) => {
            return Err(format!(
                "pdfpc format {v} is newer than this talkdeck reads"
            ));
        }
        None => return Err("`pdfpcFormat` is not a number".into()),
    }
    let pages = match value.get("pages") {
        Some(Value::Array(pages)) => pages.as_slice(),
        None | Some(Value::Null) => &[],
        Some(_) => return Err("`pages` is not a list".into()),
    };
    let index = TalkIndex::new(talk);
    let mut imported = Imported {
        notes: Vec::new(),
        problems: Vec::new(),
    };
    for (i, page) in pages.iter().enumerate() {
        let problem = |why: String| format!("page {}: {why}", i + 1);
        let note = match page.get("note") {
            Some(Value::String(note)) => note,
            None | Some(Value::Null) => continue,
            Some(_) => {
                imported.problems.push(problem("`note` is not text".into()));
                continue;
            }
        };
        let Some(position) = position(page) else {
            imported
                .problems
                .push(problem("no `idx` or `label` to place it".into()));
            continue;
        };
        let Some(card) = talk.cards.get(position) else {
            imported.problems.push(problem(format!(
                "no card {} (the talk has {})",
                position + 1,
                talk.cards.len()
            )));
            continue;
        };
        for block in blocks(note) {
            let mut made = Note {
                id: Uuid::new_v4(),
                text: block.text,
                tags: block.tags,
                created: now,
                modified: now,
                highlight: None,
                extra: Extra::new(),
            };
            if let Some(quote) = block.quote {
                made.highlight = Some(Highlight {
                    target: find_quote(&index, talk, &card.id, quote),
                    colour: Default::default(),
                    key_point: false,
                });
            }
            imported.notes.push((card.id.clone(), made));
        }
    }
    Ok(imported)
}

/// A page's card: its label when that is a page number (pdfpc labels the pages of a
/// deck 1, 2, …; overlays share one), else its index.
fn position(page: &Value) -> Option<usize> {
    let label = page.get("label").and_then(|l| match l {
        Value::String(s) => s.trim().parse::<usize>().ok(),
        Value::Number(n) => n.as_u64().and_then(|n| usize::try_from(n).ok()),
        _ => None,
    });
    match label.filter(|&l| l > 0) {
        Some(label) => Some(label - 1),
        None => page
            .get("idx")
            .and_then(Value::as_u64)
            .and_then(|i| usize::try_from(i).ok()),
    }
}

/// One note read from a page.
#[derive(Debug, Clone, PartialEq)]
struct Block {
    quote: Option<String>,
    text: String,
    tags: Vec<String>,
}

/// The notes in a page's note: talkdeck's blocks after its mark, or the whole text.
fn blocks(note: &str) -> Vec<Block> {
    let mut lines = note.lines();
    if !note.lines().any(is_mark) {
        let text = note.trim();
        return if text.is_empty() {
            Vec::new()
        } else {
            vec![Block {
                quote: None,
                text: text.to_owned(),
                tags: Vec::new(),
            }]
        };
    }
    lines.by_ref().find(|l| is_mark(l));
    let mut raw: Vec<Vec<&str>> = Vec::new();
    for line in lines {
        if let Some(first) = line.strip_prefix(BULLET) {
            raw.push(vec![first]);
        } else if let Some(last) = raw.last_mut() {
            last.push(line.strip_prefix(INDENT).unwrap_or(line.trim_start()));
        }
    }
    raw.into_iter().map(block).collect()
}

fn block(mut lines: Vec<&str>) -> Block {
    let quote = lines
        .first()
        .and_then(|l| l.strip_prefix('“')?.strip_suffix('”'))
        .filter(|q| !q.is_empty())
        .map(str::to_owned);
    if quote.is_some() {
        lines.remove(0);
    }
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    let is_tags = |l: &str| {
        let words: Vec<&str> = l.split_whitespace().collect();
        !words.is_empty() && words.iter().all(|w| w.len() > 1 && w.starts_with('#'))
    };
    let mut tags = Vec::new();
    if lines.last().is_some_and(|l| is_tags(l)) {
        let line = lines.pop().unwrap_or_default();
        tags = line
            .split_whitespace()
            .map(|w| w.trim_start_matches('#').to_owned())
            .collect();
    }
    Block {
        quote,
        text: lines.join("\n"),
        tags,
    }
}

/// The quote's place on its card (or anywhere in the talk); where it is nowhere, the
/// highlight keeps its quote and shows among the orphaned notes.
fn find_quote(index: &TalkIndex, talk: &Talk, card_id: &str, exact: String) -> Anchor {
    let sought = Anchor {
        card_id: card_id.to_owned(),
        quote: TextQuoteSelector {
            exact,
            ..Default::default()
        },
        position: Default::default(),
    };
    let anchoring = index.reanchor(&sought);
    anchoring
        .card_id()
        .and_then(|id| talk.cards.iter().find(|c| c.id == id))
        .zip(anchoring.range())
        .and_then(|(card, range)| anchor::make_anchor(card, range.start, range.end))
        .unwrap_or(sought)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_written_in_pdfpc_is_one_note() {
        let read = blocks("Say the number slowly.\n\nThen pause.");
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].text, "Say the number slowly.\n\nThen pause.");
        assert!(blocks("  \n").is_empty());
    }

    #[test]
    fn talkdecks_blocks_read_back_one_by_one() {
        let note = "• 要点\n\n── My notes · talkdeck ──\n▸ “引文”\n  评论\n  #甲 #乙\n▸ 第一行\n  \n  第三行";
        let read = blocks(note);
        assert_eq!(read.len(), 2);
        assert_eq!(read[0].quote.as_deref(), Some("引文"));
        assert_eq!(read[0].text, "评论");
        assert_eq!(read[0].tags, ["甲", "乙"]);
        assert_eq!(read[1].quote, None);
        assert_eq!(read[1].text, "第一行\n\n第三行");
    }
}
