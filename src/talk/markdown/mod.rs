//! Markdown decks → a deck of cards, with pulldown-cmark (no patterns over Markdown).
//!
//! Eight dialects are recognized, from what the file contains, each read by the rules
//! its tool documents (pandoc with Quarto, remark and Deckset each in a file of its
//! own, which takes a slide apart into what is shown and the notes before the Markdown
//! is read):
//!
//! - **presenterm** (`<!-- end_slide -->` separators): front matter (`title:`,
//!   `sub_title:`, `author:`, `date:`, `event:`) describes the talk, titles are often
//!   setext (`===`), `<!-- speaker_note: … -->` (one line, or the YAML block form
//!   `speaker_note: |`) are the notes, every other comment is a command (`pause`,
//!   `column_layout: [1, 2]`, `jump_to_middle`) and dropped;
//! - **Slidev** (`---` separators; a headmatter key such as `layout:` or `mdc:`,
//!   per-slide front matter after a separator, `<v-click>`, `::right::`): the front
//!   matter of each slide is settings, the last comment of a slide is its notes, Vue
//!   tags show their text only, slot markers are dropped;
//! - **reveal.js** (`---`, `----`, `--` separators; `Note:` lines, `.slide:` or
//!   `.element:` comments): notes are what follows a `Note:`/`notes:` line, comments
//!   are attributes;
//! - **Marp** (`marp: true`, `headingDivider`, directive comments, or a deck split on
//!   rules that is none of the above): front matter and directive comments (global,
//!   local, `_`-scoped) and `<!-- fit -->` are settings; every other comment is a
//!   presenter note;
//! - **pandoc** and **Quarto** (`::: notes` divs, `{…}` attributes, `% Title` blocks,
//!   `format: revealjs`): slides by the slide level of the headings ([`pandoc`]);
//! - **remark.js** (`???` notes, `--` steps, `class:` properties): [`remark`];
//! - **Deckset** (unfenced `theme:`/`footer:` lines first, `^` notes,
//!   `[.commands]`): [`deckset`];
//! - **plain Markdown**: each `#`/`##` heading (or the top two levels the document
//!   uses) starts a card; text before the first one is the opening. Markdown without
//!   any heading or separator is parsed as plain text ([`super::parse_text`]), so
//!   numbered lines (`1、`, `Lesson 1 —`) still make cards.
//!
//! A slide's title is its first heading (more headings before any content are
//! subtitles); its list items are its key points, verbatim; its Markdown without the
//! title and without anything the tool does not show is the card's body
//! ([`slide`]); its notes are the card's speaker notes. A plain Markdown document is
//! read as a talk's text: its paragraphs are the speaker notes and the body is empty.
//! Code fences win over every separator and comment rule.
//!
//! Card kinds: the slide carrying the talk title is the title card (one is made from
//! the front matter when no slide carries it); a slide titled like a closing
//! (`Conclusion`, `Summary`, `Thank you`, `结语`, `总结` …) is the closing; a numbered
//! title (`1.`, `一、`, `Lesson 2 —`) keeps its number (`obs-N`); a slide with nothing
//! but a title and subtitles is a title card; the others are observations `slide-N`
//! (`N` the slide's position in the deck).
//!
//! Linear in the size of the text; never panics.

mod cards;
mod comments;
mod deckset;
mod front_matter;
pub(super) mod imports;
mod pandoc;
mod remark;
mod slide;
mod split;

pub use comments::looks_like_directive;
pub(crate) use comments::note_paragraphs;

use super::parse::parse_text;
use super::text::{clean, is_mostly_han, is_wide, normalize, sha256_hex};
use super::{Card, CardKind, Talk};
pub(crate) use front_matter::{FrontMatter, split_front_matter};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use slide::Slide;
pub(crate) use split::lines as fenced_lines;

/// Which tool's rules a deck follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dialect {
    Presenterm,
    Slidev,
    Reveal,
    Marp,
    /// pandoc's slide shows and Quarto's reveal.js decks ([`pandoc`]).
    Pandoc,
    /// remark.js and xaringan ([`remark`]).
    Remark,
    /// Deckset ([`deckset`]).
    Deckset,
    /// A document whose headings start the cards.
    Plain,
}

/// A slide of a dialect whose tool takes it apart before reading its Markdown
/// (pandoc, remark, Deckset): the Markdown shown, and the notes' Markdown.
#[derive(Debug, Default, PartialEq, Eq)]
struct Prepared {
    shown: String,
    notes: String,
}

/// Parses a Markdown deck or document. Never fails; empty text gives a talk without
/// cards.
pub fn parse_markdown(text: &str) -> Talk {
    let norm = normalize(text);
    let fingerprint = sha256_hex(&norm);
    let (mut fm, body) = split_front_matter(&norm);
    let (fields, body) = pandoc::title_block(body);
    fm.pandoc |= !fields.is_empty();
    for (slot, field) in [&mut fm.title, &mut fm.speaker, &mut fm.date]
        .into_iter()
        .zip(fields)
    {
        if slot.is_none() && !field.is_empty() {
            *slot = Some(field.replace(';', ","));
        }
    }
    let marks = Marks::find(body);
    let rules = split::split_rules(body);
    let dialect = if marks.end_slides > 0 {
        Dialect::Presenterm
    } else if fm.marp {
        Dialect::Marp
    } else if fm.remark {
        Dialect::Remark
    } else if fm.pandoc {
        Dialect::Pandoc
    } else if marks.slidev {
        Dialect::Slidev
    // Marks in the slides say more than front matter keys the tools share
    // (`theme:`, `transition:`).
    } else if pandoc::is_pandoc(body) {
        Dialect::Pandoc
    } else if remark::is_remark(body) {
        Dialect::Remark
    } else if deckset::is_deckset(body) {
        Dialect::Deckset
    } else if fm.slidev || rules.iter().any(|p| p.front_matter) {
        Dialect::Slidev
    } else if rules.len() > 1 || fm.heading_divider.is_some() {
        if marks.reveal {
            Dialect::Reveal
        } else {
            Dialect::Marp
        }
    } else {
        Dialect::Plain
    };
    let prepared = match dialect {
        Dialect::Pandoc => Some(pandoc::slides(body)),
        Dialect::Remark => Some(remark::slides(body)),
        Dialect::Deckset => Some(deckset::slides(body)),
        _ => None,
    };
    if let Some(prepared) = prepared {
        let mut slides: Vec<Slide> = prepared
            .into_iter()
            .map(|p| {
                let mut s = slide::read(&p.shown, dialect);
                s.notes.extend(slide::plain_paragraphs(&p.notes));
                s
            })
            .collect();
        slides.retain(Slide::has_text);
        return cards::build_talk(slides, &fm, dialect, is_mostly_han(body), fingerprint);
    }
    let min_heading = if dialect == Dialect::Plain {
        min_heading(body)
    } else {
        None
    };
    if dialect == Dialect::Plain && min_heading.is_none() {
        return plain_text_fallback(body, &fm, fingerprint);
    }
    let pieces: Vec<&str> = match dialect {
        Dialect::Presenterm => split::split_end_slide(body, fm.end_slide_shorthand),
        Dialect::Plain => split::split_headings(body, min_heading.unwrap_or(1).max(2)),
        _ => rules.iter().map(|p| p.text).collect(),
    };
    let pieces: Vec<&str> = match fm.heading_divider {
        Some(level) if dialect == Dialect::Marp => pieces
            .into_iter()
            .flat_map(|p| split::split_headings(p, level))
            .collect(),
        _ => pieces,
    };
    let mut slides: Vec<Slide> = pieces
        .into_iter()
        .map(|piece| read_piece(piece, dialect))
        .collect();
    slides.retain(Slide::has_text);
    cards::build_talk(slides, &fm, dialect, is_mostly_han(body), fingerprint)
}

/// One slide: reveal.js's `Note:` part split off first, then the Markdown.
fn read_piece(piece: &str, dialect: Dialect) -> Slide {
    if dialect != Dialect::Reveal {
        return slide::read(piece, dialect);
    }
    let (shown, notes) = split::split_notes(piece);
    let mut s = slide::read(&piece[shown], dialect);
    if let Some(notes) = notes {
        s.notes.extend(slide::plain_paragraphs(&piece[notes]));
    }
    s
}

/// What the lines outside code fences say about the dialect.
#[derive(Debug, Default)]
struct Marks {
    end_slides: usize,
    /// `Note:` lines, `.slide:`/`.element` comments.
    reveal: bool,
    /// `<v-click>`, `<v-clicks>`, `::right::` slot lines.
    slidev: bool,
}

impl Marks {
    fn find(body: &str) -> Self {
        let mut m = Marks::default();
        for line in split::lines(body).into_iter().filter(|l| !l.fenced) {
            let t = line.text.trim();
            if split::is_end_slide(t) {
                m.end_slides += 1;
            }
            let lower: String = t.chars().take(6).flat_map(char::to_lowercase).collect();
            if lower.starts_with("note:")
                || lower.starts_with("notes:")
                || t.contains("<!-- .slide")
                || t.contains("<!-- .element")
            {
                m.reveal = true;
            }
            let slot = t.len() > 4
                && t.starts_with("::")
                && t.ends_with("::")
                && t[2..t.len() - 2]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-');
            if slot || t.contains("<v-click") || t.contains("<v-after") {
                m.slidev = true;
            }
        }
        m
    }
}

/// The top heading level a document uses (`None` without headings).
fn min_heading(body: &str) -> Option<u8> {
    Parser::new_ext(body, options())
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(level as u8),
            _ => None,
        })
        .min()
}

/// Markdown without headings or separators: a speaker-and-time transcript
/// ([`super::transcript`]) or the plain-text parser (it drops `#` and `**` decoration
/// itself), with what the front matter states.
fn plain_text_fallback(body: &str, fm: &FrontMatter, fingerprint: String) -> Talk {
    let mut talk = super::transcript::read(body, "").unwrap_or_else(|| parse_text(body));
    talk.fingerprint = fingerprint;
    if let Some(title) = &fm.title {
        talk.title = title.clone();
        match talk.cards.iter_mut().find(|c| c.kind == CardKind::Title) {
            Some(card) => card.title = title.clone(),
            None => talk.cards.insert(0, title_card(title, fm, Dialect::Plain)),
        }
    }
    if let Some(s) = &fm.speaker {
        talk.speaker = s.clone();
    }
    if let Some(d) = &fm.date {
        talk.date = d.clone();
    }
    if let Some(e) = &fm.event {
        talk.event = e.clone();
    }
    talk
}

/// The title card made from the front matter: the subtitle is on the slide of a deck,
/// in the speaker notes of a document.
fn title_card(title: &str, fm: &FrontMatter, dialect: Dialect) -> Card {
    let sub_title = fm.sub_title.iter().cloned();
    let (paragraphs, body) = if dialect == Dialect::Plain {
        (sub_title.collect(), String::new())
    } else {
        (Vec::new(), sub_title.collect::<Vec<_>>().join("\n\n"))
    };
    Card {
        id: "title".into(),
        kind: CardKind::Title,
        number: None,
        title: title.to_string(),
        key_points: Vec::new(),
        body,
        paragraphs,
        ..Default::default()
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

fn is_container(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::BlockQuote(_)
            | Tag::List(_)
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::Table(_)
    )
}

fn is_container_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::Table
    )
}

fn join_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split('\n').map(clean).filter(|l| !l.is_empty()) {
        if let (Some(prev), Some(next)) = (out.chars().last(), line.chars().next())
            && !(is_wide(prev) && is_wide(next))
        {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests;
