//! The talk: its metadata and the deck of cards made from it. No UI in here.

pub mod deck;
pub mod foreign;
pub mod formats;
mod heading;
mod junk;
mod keypoints;
mod keywords;
mod markdown;
mod meta;
mod parse;
pub mod segment;
mod source;
mod speaking;
pub mod subtitle;
mod text;
mod topic_title;
mod topics;
mod transcript;
mod turns;
pub mod words;

pub use keywords::KeywordExtractor;
pub(crate) use markdown::fenced_lines;
pub use markdown::{looks_like_directive, parse_markdown};
pub use parse::parse_text;
pub use source::{
    LoadedTalk, MAX_TALK_BYTES, TalkError, decode, is_markdown_path, load_talk, load_talk_as,
    parse_for_path, read_talk,
};
pub use speaking::speaking_time;
pub use subtitle::Notice;

use serde::Serialize;
use std::time::Duration;

/// What a card stands for in the talk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum CardKind {
    Title,
    Opening,
    #[default]
    Observation,
    Closing,
}

/// One slide-like card of the deck.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Card {
    /// Stable across re-parses of an edited talk (`title`, `opening`, `obs-3`, `closing`),
    /// because notes are keyed by it.
    pub id: String,
    pub kind: CardKind,
    /// The number the talk gave the section (`3` for `3、…`); `None` for the others.
    pub number: Option<u32>,
    /// A slide the deck's author hid from the show (PowerPoint's "Hide Slide"): still a
    /// card, marked as hidden where it is shown.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
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
    /// Where each paragraph starts in the recording, in seconds (one per paragraph),
    /// for subtitles and timed transcripts; empty for text without times.
    pub paragraph_starts: Vec<f64>,
    /// The other language's line of each paragraph of a two-language subtitle file (one
    /// per paragraph, `""` where there is none; shown smaller under the paragraph, not
    /// part of the speaker notes); empty for talks in one language.
    pub translations: Vec<String>,
    /// The card's span in the recording, in seconds; `None` for text without times.
    pub time: Option<TimeSpan>,
    /// The title was taken from the card's own text by the topic segmentation (the talk
    /// had no heading there), not written by the talk's author.
    pub auto_title: bool,
    /// Per paragraph, the chars of a speaker turn's lead at its start (`张三：`, `Q: `),
    /// 0 where the paragraph is no turn; empty when the card has none ([`turns`]).
    #[serde(skip)]
    pub speaker_turns: Vec<usize>,
    /// The card's picture is a page of a document: a PDF deck's page (a PowerPoint slide
    /// may take its page from the PDF saved beside it). `None` for the other cards.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<PageRef>,
}

/// "My picture is page `index` of the document at `path`."
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageRef {
    /// The document (absolute, as it was opened).
    pub path: std::path::PathBuf,
    /// The page, from 0.
    pub index: usize,
    /// The page's label when the document labels its pages (`iv`, `A-1`, `12`).
    pub label: Option<String>,
    /// The part of the page that is the picture, in thousandths of the page's width and
    /// height from its top left (left, top, right, bottom): the slide half of a beamer
    /// page with its notes beside it. `None`: the whole page.
    pub crop: Option<[u16; 4]>,
}

/// A stretch of a recording, in seconds from its start.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TimeSpan {
    pub start: f64,
    pub end: f64,
}

impl TimeSpan {
    pub fn duration(&self) -> Duration {
        Duration::from_secs_f64((self.end - self.start).max(0.0))
    }
}

/// `754.2` → `12:34`; `3 h` and more → `3:00:00`.
pub fn clock_time(seconds: f64) -> String {
    let s = seconds.max(0.0) as u64;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{:02}:{:02}", s / 60, s % 60)
    }
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
    /// How long the card takes to say: its real span in a timed talk, otherwise the
    /// reading estimate ([`speaking_time`] over the paragraphs joined
    /// by newlines).
    pub fn speaking_time(&self) -> Duration {
        match self.time {
            Some(span) => span.duration(),
            None => speaking_time(&self.paragraphs.join("\n")),
        }
    }

    /// `12:34–18:02` for a card of a timed talk.
    pub fn time_range(&self) -> Option<String> {
        self.time
            .map(|t| format!("{}–{}", clock_time(t.start), clock_time(t.end)))
    }

    /// Where the paragraph holding character `char_pos` of the speaker notes
    /// (paragraphs joined by newlines, as highlights count) starts in the recording.
    pub fn time_at(&self, char_pos: usize) -> Option<f64> {
        let mut end = 0;
        for (i, p) in self.paragraphs.iter().enumerate() {
            end += p.chars().count() + 1;
            if char_pos < end {
                return self.paragraph_starts.get(i).copied();
            }
        }
        self.paragraph_starts.last().copied()
    }

    /// The speaker's name when paragraph `i` is a speaker turn (`张三` of `张三：…`).
    pub fn speaker(&self, i: usize) -> Option<&str> {
        if self.speaker_turns.get(i).copied().unwrap_or(0) == 0 {
            return None;
        }
        turns::speaker_turn(self.paragraphs.get(i)?).map(|(name, _)| name)
    }
}

impl Talk {
    /// The talk with the titles the user gave its cards (by card id, from the notes) in
    /// place of their own; a renamed card's title is no longer an automatic one.
    pub fn retitled(&self, titles: &std::collections::BTreeMap<String, String>) -> Talk {
        let mut talk = self.clone();
        for card in &mut talk.cards {
            if let Some(title) = titles.get(&card.id) {
                card.title.clone_from(title);
                card.auto_title = false;
            }
        }
        talk
    }

    /// Whether the talk is mostly in Chinese (its title and card titles): exports tell
    /// their readers so (`lang: zh-CN`), for Chinese glyphs.
    pub fn is_chinese(&self) -> bool {
        let mut text = self.title.clone();
        for card in &self.cards {
            text.push_str(&card.title);
        }
        text::is_mostly_han(&text)
    }

    pub fn card_index(&self, id: &str) -> Option<usize> {
        self.cards.iter().position(|c| c.id == id)
    }

    /// About how long the whole talk takes to say: the sum over its cards.
    pub fn speaking_time(&self) -> Duration {
        self.cards.iter().map(Card::speaking_time).sum()
    }
}
