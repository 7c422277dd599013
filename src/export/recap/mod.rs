//! The recap: the deck and the notes turned into a document to share.
//!
//! [`markdown`] writes a recap to read (title, metadata, each card's key points and the
//! user's notes, a tag index, and notes on cards the talk no longer has); [`deck`] writes
//! a Marp or reveal.js deck (one slide per card, the notes as speaker notes). Both take the notes
//! as plain text: whatever would change the document's structure (a note line starting
//! with `#`, `>`, `-`, `1.`, a `<tag>`, a `-->` in speaker notes…) is escaped, so the user's
//! words come out as written. One [`super::Snapshot`] makes each (see [`super::FORMATS`]).
//!
//! Highlights (a note on an exact quoted passage) go through the `*_with` variants: the
//! caller says which notes quote what, and the quote is shown as a block quote before the
//! note's text.

use super::Snapshot;
use crate::notes::{Note, NotesDoc};
use crate::placement::Placed;
use crate::talk::{Card, CardKind, Talk};
use std::collections::BTreeMap;
use std::fmt::Write as _;

pub use crate::i18n::Lang;
pub use deck::{DeckFormat, deck_with, marp_deck, reveal_deck};

mod deck;
mod escape;

pub(crate) use escape::inline;
use escape::{Slugger, block, code_span_text, hard_break, inline_line_start, one_line};

/// The words a recap uses around the talk's and the user's text, from the `recap-*`
/// messages of the `.ftl` files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Labels {
    pub untitled: &'static str,
    pub speaker: &'static str,
    pub role: &'static str,
    pub event: &'static str,
    pub date: &'static str,
    pub source: &'static str,
    pub author: &'static str,
    pub key_points: &'static str,
    pub my_notes: &'static str,
    pub tags: &'static str,
    pub tag_index: &'static str,
    pub orphaned_notes: &'static str,
    pub orphaned_intro: &'static str,
    /// "Card" in "Card obs-7" (an orphaned note's card) and "Card 3" (an untitled card).
    pub card: &'static str,
    /// Between a label and its value: `": "` or `"："`.
    pub colon: &'static str,
    /// Between the items of a list in running text: `", "` or `"、"`.
    pub list_sep: &'static str,
    /// "Last rehearsal" before a card's time in the last run.
    pub last_rehearsal: &'static str,
    pub budget: &'static str,
}

impl Labels {
    /// Made once per language for the life of the process (see [`labels`]), so the words
    /// can be `&'static` like the text they are put around.
    fn of(lang: Lang) -> Self {
        let leak = |text: String| -> &'static str { Box::leak(text.into_boxed_str()) };
        let tr = |id| leak(crate::i18n::tr_in(lang, id, &[]));
        // Fluent trims a message's spaces; the separators keep theirs by a marker.
        let spaced = |id| leak(crate::i18n::tr_in(lang, id, &[]).replace('␣', " "));
        Self {
            untitled: tr("recap-untitled"),
            speaker: tr("recap-speaker"),
            role: tr("recap-role"),
            event: tr("recap-event"),
            date: tr("recap-date"),
            source: tr("recap-source"),
            author: tr("recap-author"),
            key_points: tr("recap-key-points"),
            my_notes: tr("recap-my-notes"),
            tags: tr("recap-tags"),
            tag_index: tr("recap-tag-index"),
            orphaned_notes: tr("recap-orphaned-notes"),
            orphaned_intro: tr("recap-orphaned-intro"),
            card: tr("recap-card"),
            colon: spaced("recap-colon"),
            list_sep: spaced("recap-list-sep"),
            last_rehearsal: tr("recap-last-rehearsal"),
            budget: tr("recap-budget"),
        }
    }
}

/// The recap's words in `lang`, made once.
pub fn labels(lang: Lang) -> &'static Labels {
    static LABELS: std::sync::LazyLock<[Labels; 2]> =
        std::sync::LazyLock::new(|| [Labels::of(Lang::En), Labels::of(Lang::Zh)]);
    match lang {
        Lang::En => &LABELS[0],
        Lang::Zh => &LABELS[1],
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RecapOptions {
    /// Leave out cards that have no notes (the title and metadata always stay). A note
    /// with no text, no tags and no quote does not count.
    pub skip_cards_without_notes: bool,
    pub language: Lang,
    /// Give each card the time the last rehearsal run spent on it, against its budget.
    pub rehearsal_times: bool,
}

/// The recap as a Markdown document, with no highlights.
pub fn markdown(talk: &Talk, notes: &NotesDoc, options: &RecapOptions) -> String {
    markdown_with(talk, &Placed::new(talk, notes, None), options, |_| None)
}

/// The recap as a Markdown document. `quote_of` gives the passage a note highlights (its
/// exact text), shown as a `> quote` block before the note's text; `None` for plain notes.
///
/// The document: `# title`, the metadata that is known, then one `## ` section per card
/// (`## 3. Title` when the card has a number) with its key points and the user's notes
/// (the title card only when it has key points or notes: it would repeat the title),
/// then a tag index (each tag → links to the sections of the cards it is on), then the
/// notes whose card the talk does not have, last. Headings get GitHub-style anchors.
pub fn markdown_with(
    talk: &Talk,
    notes: &Placed<'_>,
    options: &RecapOptions,
    quote_of: impl Fn(&Note) -> Option<String>,
) -> String {
    let l = labels(options.language);
    let mut out = String::new();
    let mut anchors = Slugger::default();

    let title = doc_title(talk, l);
    anchors.slug(title);
    let _ = writeln!(out, "# {}", inline(title));
    let mut meta = meta_fields(talk, l).peekable();
    if meta.peek().is_some() {
        out.push('\n');
    }
    for (label, value) in meta {
        // The colon outside the bold: `**演讲者：**张` would not close the bold.
        let _ = writeln!(out, "- **{label}**{}{}", l.colon, inline(value));
    }

    let times = options
        .rehearsal_times
        .then(|| RehearsalTimes::new(talk, notes.doc()))
        .flatten();
    // Tag → (the form first seen, the cards' anchors and headings, on orphaned notes).
    let mut tag_index: BTreeMap<String, TagEntry> = BTreeMap::new();
    for (i, card) in talk.cards.iter().enumerate() {
        let card_notes = with_content(notes, &card.id, &quote_of);
        if card_notes.is_empty()
            && (options.skip_cards_without_notes
                // The title card without key points would only repeat the `# title`.
                || (card.kind == CardKind::Title && card.key_points.is_empty()))
        {
            continue;
        }
        let heading = card_heading(card, i, l);
        let anchor = anchors.slug(&heading);
        // `[12:34]`: where the card starts in the video, to find it there.
        match card.time {
            Some(t) => {
                let _ = write!(
                    out,
                    "\n## {} [{}]\n",
                    inline(&heading),
                    crate::talk::clock_time(t.start)
                );
            }
            None => {
                let _ = write!(out, "\n## {}\n", inline(&heading));
            }
        }
        if let Some(line) = times.as_ref().and_then(|t| t.line(i, &card.id, l)) {
            let _ = write!(out, "\n{line}\n");
        }
        if !card.key_points.is_empty() {
            let _ = write!(out, "\n**{}**\n\n", l.key_points);
            for point in &card.key_points {
                let _ = writeln!(out, "- {}", inline_line_start(point));
            }
        }
        if !card_notes.is_empty() {
            let _ = write!(out, "\n**{}**\n", l.my_notes);
            for note in &card_notes {
                let at = note
                    .highlight
                    .as_ref()
                    .and_then(|h| card.time_at(h.target.position.start));
                write_note(&mut out, note, quote_of(note).as_deref(), at, l);
                for tag in clean_tags(note) {
                    let entry = tag_index.entry(tag_key(tag)).or_insert_with(|| TagEntry {
                        display: tag.to_owned(),
                        ..TagEntry::default()
                    });
                    if entry.cards.last().is_none_or(|(a, _)| *a != anchor) {
                        entry.cards.push((anchor.clone(), heading.clone()));
                    }
                }
            }
        }
    }

    let orphans = orphaned(notes, &quote_of);
    for tag in orphans
        .iter()
        .flat_map(|(_, list)| list)
        .flat_map(|n| clean_tags(n))
    {
        tag_index
            .entry(tag_key(tag))
            .or_insert_with(|| TagEntry {
                display: tag.to_owned(),
                ..TagEntry::default()
            })
            .orphaned = true;
    }
    // Anchors in the order the headings come: the tag index links to the last section.
    let tag_index_anchor = (!tag_index.is_empty()).then(|| anchors.slug(l.tag_index));
    let orphans_anchor = (!orphans.is_empty()).then(|| anchors.slug(l.orphaned_notes));

    if tag_index_anchor.is_some() {
        let _ = write!(out, "\n## {}\n\n", inline(l.tag_index));
        for entry in tag_index.values() {
            let mut links: Vec<String> = entry
                .cards
                .iter()
                .map(|(anchor, heading)| format!("[{}](#{anchor})", inline(heading)))
                .collect();
            if let (true, Some(anchor)) = (entry.orphaned, &orphans_anchor) {
                links.push(format!("[{}](#{anchor})", inline(l.orphaned_notes)));
            }
            let _ = writeln!(
                out,
                "- #{}{}{}",
                inline(&entry.display),
                l.colon,
                links.join(l.list_sep)
            );
        }
    }

    if !orphans.is_empty() {
        let _ = write!(
            out,
            "\n## {}\n\n{}\n",
            inline(l.orphaned_notes),
            inline(l.orphaned_intro)
        );
        for (card_id, list) in &orphans {
            let _ = write!(out, "\n**{} `{}`**\n", l.card, code_span_text(card_id));
            for note in list {
                write_note(&mut out, note, quote_of(note).as_deref(), None, l);
            }
        }
    }
    out
}

/// The last rehearsal run and the cards' budgets, for the recap's per-card times.
struct RehearsalTimes<'a> {
    run: &'a crate::rehearsal::Run,
    budgets: Vec<std::time::Duration>,
}

impl<'a> RehearsalTimes<'a> {
    /// `None` when the notes hold no run.
    fn new(talk: &Talk, notes: &'a NotesDoc) -> Option<Self> {
        let run = notes.rehearsal.last_run()?;
        let budgets = crate::rehearsal::budgets(&talk.cards, &notes.rehearsal).cards;
        Some(Self { run, budgets })
    }

    /// `*Last rehearsal: 1:40 (budget 1:30, +0:10)*`; `None` for a card the run never
    /// showed.
    fn line(&self, index: usize, card_id: &str, l: &Labels) -> Option<String> {
        use crate::rehearsal::{clock, signed_clock};
        let spent = self.run.spent_on(card_id)?;
        let budget = self.budgets.get(index).copied().unwrap_or_default();
        let (open, close, sep) = match l.colon {
            "：" => ("（", "）", "，"),
            _ => (" (", ")", ", "),
        };
        Some(format!(
            "*{}{}{}{open}{} {}{sep}{}{close}*",
            l.last_rehearsal,
            l.colon,
            clock(spent),
            l.budget,
            clock(budget),
            signed_clock(spent, budget)
        ))
    }
}

/// The recap of a snapshot (its options), highlights quoted as the talk has them now.
pub(super) fn render(snapshot: &Snapshot) -> String {
    let quote = |note: &Note| snapshot.quote(note);
    markdown_with(
        snapshot.talk(),
        &snapshot.placed(),
        &snapshot.options,
        quote,
    )
}

/// The recap of a snapshot as Marp slides.
pub(super) fn render_marp(snapshot: &Snapshot) -> String {
    render_deck(DeckFormat::Marp, snapshot)
}

/// The recap of a snapshot as reveal.js slides.
pub(super) fn render_reveal(snapshot: &Snapshot) -> String {
    render_deck(DeckFormat::Reveal, snapshot)
}

fn render_deck(format: DeckFormat, snapshot: &Snapshot) -> String {
    let quote = |note: &Note| snapshot.quote(note);
    let options = &snapshot.options;
    deck_with(format, snapshot.talk(), &snapshot.placed(), options, quote)
}

// ---------------------------------------------------------------------------------------
// Pieces of the recap
// ---------------------------------------------------------------------------------------

#[derive(Debug, Default)]
struct TagEntry {
    display: String,
    /// (anchor, heading) of the cards the tag is on, in card order.
    cards: Vec<(String, String)>,
    orphaned: bool,
}

pub(crate) fn doc_title<'a>(talk: &'a Talk, l: &'a Labels) -> &'a str {
    match talk.title.trim() {
        "" => l.untitled,
        title => title,
    }
}

fn meta_fields<'a>(talk: &'a Talk, l: &'a Labels) -> impl Iterator<Item = (&'a str, &'a str)> {
    [
        (l.speaker, &talk.speaker),
        (l.role, &talk.role),
        (l.event, &talk.event),
        (l.date, &talk.date),
        (l.source, &talk.source),
        (l.author, &talk.author),
    ]
    .into_iter()
    .map(|(label, value)| (label, value.trim()))
    .filter(|(_, value)| !value.is_empty())
}

/// `3. Title` for a numbered card, the title otherwise, `Card 4` for an untitled one.
pub(crate) fn card_heading(card: &Card, index: usize, l: &Labels) -> String {
    let title = one_line(&card.title);
    let title = title.trim();
    match (card.number, title.is_empty()) {
        (Some(n), false) => format!("{n}. {title}"),
        (Some(n), true) => format!("{n}."),
        (None, false) => title.to_owned(),
        (None, true) => format!("{} {}", l.card, index + 1),
    }
}

fn clean_tags(note: &Note) -> impl Iterator<Item = &str> {
    note.tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty())
}

/// Tags that differ only in case are one tag in the index.
fn tag_key(tag: &str) -> String {
    tag.to_lowercase()
}

/// The notes on card `card_id` that have something to show (see [`has_content`]).
fn with_content<'a>(
    notes: &Placed<'a>,
    card_id: &str,
    quote_of: &impl Fn(&Note) -> Option<String>,
) -> Vec<&'a Note> {
    notes
        .on(card_id)
        .iter()
        .copied()
        .filter(|n| has_content(n, quote_of))
        .collect()
}

fn has_content(note: &Note, quote_of: &impl Fn(&Note) -> Option<String>) -> bool {
    !note.text.trim().is_empty()
        || clean_tags(note).next().is_some()
        || quote_of(note).is_some_and(|q| !q.trim().is_empty())
}

/// The orphaned notes (with content: see [`crate::placement`]), by the card they are
/// filed under.
fn orphaned<'a>(
    notes: &Placed<'a>,
    quote_of: &impl Fn(&Note) -> Option<String>,
) -> Vec<(&'a str, Vec<&'a Note>)> {
    notes
        .orphans()
        .iter()
        .map(|(id, list)| {
            let list: Vec<&'a Note> = list
                .iter()
                .copied()
                .filter(|n| has_content(n, quote_of))
                .collect();
            (*id, list)
        })
        .filter(|(_, list)| !list.is_empty())
        .collect()
}

/// One note in the recap: its quote (a block quote), its text (each line kept), and its
/// tags, as one block after a blank line.
/// `at` is where a highlight's passage starts in the recording (cited as `[12:34]`).
pub(crate) fn write_note(
    out: &mut String,
    note: &Note,
    quote: Option<&str>,
    at: Option<f64>,
    l: &Labels,
) {
    if let Some(quote) = quote.filter(|q| !q.trim().is_empty()) {
        out.push('\n');
        for (k, line) in block(quote).lines().enumerate() {
            out.push('>');
            if k == 0
                && let Some(at) = at
            {
                out.push_str(&format!(" [{}]", crate::talk::clock_time(at)));
            }
            if !line.is_empty() {
                out.push(' ');
                out.push_str(line);
            }
            out.push('\n');
        }
    }
    let mut text = block(&note.text);
    let tags: Vec<String> = clean_tags(note)
        .map(|t| format!("#{}", inline(t)))
        .collect();
    if !tags.is_empty() {
        let tags = format!("{}{}{}", l.tags, l.colon, tags.join(l.list_sep));
        if text.is_empty() {
            text = tags;
        } else {
            // On the line under the note's last line, in the same paragraph.
            hard_break(&mut text);
            text.push_str(&tags);
        }
    }
    if !text.is_empty() {
        out.push('\n');
        out.push_str(&text);
        out.push('\n');
    }
}

#[cfg(test)]
mod tests;
