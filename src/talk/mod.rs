//! The talk: its metadata and the deck of cards made from it. No UI in here.

mod heading;
mod keypoints;
mod keywords;
mod markdown;
mod meta;
mod parse;
mod source;
mod text;

pub use keywords::KeywordExtractor;
pub use markdown::{looks_like_directive, parse_markdown};
pub use parse::parse_text;
pub use source::{
    DecodeError, LoadedTalk, MAX_TALK_BYTES, TalkError, decode, is_markdown_path, load_talk,
    parse_for_path, read_talk,
};

use serde::Serialize;
use std::time::Duration;

/// What a card stands for in the talk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CardKind {
    Title,
    Opening,
    Observation,
    Closing,
}

/// One slide-like card of the deck.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Card {
    /// Stable across re-parses of an edited talk (`title`, `opening`, `obs-3`, `closing`),
    /// because notes are keyed by it.
    pub id: String,
    pub kind: CardKind,
    /// The number the talk gave the section (`3` for `3、…`); `None` for the others.
    pub number: Option<u32>,
    /// The heading without its number.
    pub title: String,
    /// Sentences taken verbatim from the talk, never generated.
    pub key_points: Vec<String>,
    /// The slide as the audience sees it, in Markdown (headings, lists, code blocks,
    /// tables, quotes, images; the title apart, in `title`). Empty for cards made from
    /// a transcript or an article, whose text is what the speaker says.
    pub body: String,
    /// The speaker notes, one string per paragraph: a deck's presenter notes, a
    /// transcript's text. Highlights are positions in these, joined by newlines.
    pub paragraphs: Vec<String>,
}

/// A parsed talk. Fields that the text does not state are empty, never guessed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Talk {
    pub title: String,
    pub speaker: String,
    pub role: String,
    pub event: String,
    pub date: String,
    pub source: String,
    pub author: String,
    pub cards: Vec<Card>,
    /// SHA-256 (hex) of the text the deck was made from; notes files record it to notice
    /// when they are opened against another talk.
    pub fingerprint: String,
}

impl Card {
    /// About how long the card's speaker notes take to say
    /// ([`crate::rehearsal::speaking_time`] over the paragraphs joined by newlines).
    pub fn speaking_time(&self) -> Duration {
        crate::rehearsal::speaking_time(&self.paragraphs.join("\n"))
    }
}

impl Talk {
    pub fn card_index(&self, id: &str) -> Option<usize> {
        self.cards.iter().position(|c| c.id == id)
    }

    /// About how long the whole talk takes to say: the sum over its cards.
    pub fn speaking_time(&self) -> Duration {
        self.cards.iter().map(Card::speaking_time).sum()
    }
}
