//! The recap as a slide deck: one slide per card, for Marp or for reveal.js.
//!
//! Both write Markdown with the slides separated by `---` lines. A deck's card carries
//! its slide as it was (`# title` and the body); a transcript's card its key points. The
//! presenter's notes of a deck and then the user's notes on a card (after a "My notes"
//! line) are the slide's speaker notes, written as each tool collects them:
//!
//! - **Marp** takes every comment that is not a directive: the notes are plain text in
//!   an HTML comment; one whose first line would read as a directive (`theme: …`) is
//!   escaped with a `\`. Front matter says `marp: true`, the title, the author and, for a
//!   Chinese talk, `lang: zh-CN` (so Marp picks Chinese glyphs).
//! - **reveal.js** (its Markdown plugin with its default settings, and reveal-md) splits
//!   a slide at the first line that starts with `note:` or `notes:` in any case, and
//!   renders what follows as Markdown in the speaker view; a slide with two such lines
//!   is not split at all, so every other one is escaped (`Note\:`). The plugin shows
//!   front matter as text, so there is none: the first slide carries the title.
//!
//! Opened in talkdeck, either deck gives the same titles, bodies and presenter notes.

use super::{
    Labels, RecapOptions, block, card_heading, clean_tags, doc_title, inline, inline_line_start,
    labels, orphaned, with_content, write_note,
};
use crate::notes::{Note, NotesDoc};
use crate::placement::Placed;
use crate::talk::{CardKind, Talk};
use std::fmt::Write as _;

/// Which tool the exported deck is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DeckFormat {
    #[default]
    Marp,
    Reveal,
}

/// The recap as a Marp deck, with no highlights.
pub fn marp_deck(talk: &Talk, notes: &NotesDoc, options: &RecapOptions) -> String {
    deck_with(
        DeckFormat::Marp,
        talk,
        &Placed::new(talk, notes, None),
        options,
        |_| None,
    )
}

/// The recap as a reveal.js deck, with no highlights.
pub fn reveal_deck(talk: &Talk, notes: &NotesDoc, options: &RecapOptions) -> String {
    deck_with(
        DeckFormat::Reveal,
        talk,
        &Placed::new(talk, notes, None),
        options,
        |_| None,
    )
}

/// The recap as a deck for `format`. `quote_of` gives the passage a note highlights,
/// quoted before the note's text. Notes whose card the talk does not have go on a last
/// slide.
pub fn deck_with(
    format: DeckFormat,
    talk: &Talk,
    notes: &Placed<'_>,
    options: &RecapOptions,
    quote_of: impl Fn(&Note) -> Option<String>,
) -> String {
    let l = labels(options.language);
    // A deck's cards have bodies; a transcript's text is not copied into its recap.
    let is_deck = talk.cards.iter().any(|c| !c.body.is_empty());
    let mut slides: Vec<String> = Vec::new();
    for (i, card) in talk.cards.iter().enumerate() {
        let card_notes = with_content(notes, &card.id, &quote_of);
        if options.skip_cards_without_notes && card_notes.is_empty() {
            continue;
        }
        let mut slide = format!("# {}\n", inline(&card_heading(card, i, l)));
        let mut shown = String::new();
        let mut presenter: &[String] = &[];
        if !is_deck {
            if card.kind == CardKind::Title {
                let facts: Vec<&str> = [&talk.speaker, &talk.role, &talk.event, &talk.date]
                    .into_iter()
                    .map(|s| s.trim())
                    .filter(|s| !s.is_empty())
                    .collect();
                if !facts.is_empty() {
                    let _ = write!(shown, "\n{}\n", inline_line_start(&facts.join(" · ")));
                }
            }
            if !card.key_points.is_empty() {
                shown.push('\n');
                for point in &card.key_points {
                    let _ = writeln!(shown, "- {}", inline_line_start(point));
                }
            }
        } else {
            // The slide as the deck had it; its notes are the presenter's.
            if !card.body.trim().is_empty() {
                let _ = write!(shown, "\n{}\n", card.body.trim_end());
            }
            presenter = &card.paragraphs;
        }
        match format {
            DeckFormat::Marp => {
                slide.push_str(&shown);
                if !presenter.is_empty() {
                    slide.push('\n');
                    slide.push_str(&marp::presenter_notes(presenter));
                }
                if !card_notes.is_empty() {
                    slide.push('\n');
                    slide.push_str(&marp::speaker_notes(&card_notes, &quote_of, l));
                }
            }
            DeckFormat::Reveal => {
                slide.push_str(&reveal::outside_code(&shown));
                slide.push_str(&reveal::notes(presenter, &card_notes, &quote_of, l));
            }
        }
        slides.push(slide);
    }
    let orphans = orphaned(notes, &quote_of);
    if !orphans.is_empty() {
        let mut slide = format!("# {}\n", inline(l.orphaned_notes));
        let all: Vec<&Note> = orphans
            .iter()
            .flat_map(|(_, list)| list.iter().copied())
            .collect();
        match format {
            DeckFormat::Marp => {
                slide.push('\n');
                slide.push_str(&marp::speaker_notes(&all, &quote_of, l));
            }
            DeckFormat::Reveal => slide.push_str(&reveal::notes(&[], &all, &quote_of, l)),
        }
        slides.push(slide);
    }

    let mut out = match format {
        DeckFormat::Marp => marp::front_matter(talk, l),
        DeckFormat::Reveal => String::new(),
    };
    for (i, slide) in slides.iter().enumerate() {
        match (i, format) {
            (0, DeckFormat::Marp) => out.push('\n'),
            (0, DeckFormat::Reveal) => {}
            _ => out.push_str("\n---\n\n"),
        }
        out.push_str(slide);
    }
    out
}

/// Marp's speaker notes: HTML comments.
mod marp {
    use super::*;

    pub(super) fn front_matter(talk: &Talk, l: &Labels) -> String {
        let mut out = format!(
            "---\nmarp: true\ntitle: {}\n",
            yaml_string(doc_title(talk, l))
        );
        if !talk.speaker.trim().is_empty() {
            let _ = writeln!(out, "author: {}", yaml_string(talk.speaker.trim()));
        }
        if talk.is_chinese() {
            out.push_str("lang: zh-CN\n");
        }
        out.push_str("---\n");
        out
    }

    /// A deck's own presenter notes as an HTML comment, paragraphs apart; escaped with a
    /// leading `\` when the first line would read as a Marp directive (`theme: …`), so
    /// Marp keeps it as a note (talkdeck reads it back without the `\`).
    pub(super) fn presenter_notes(paragraphs: &[String]) -> String {
        let mut body = paragraphs.join("\n\n");
        if crate::talk::looks_like_directive(&body) {
            body.insert(0, '\\');
        }
        format!("<!--\n{}\n-->\n", comment_safe(&body))
    }

    /// The user's notes on a slide: an HTML comment holding them as plain text.
    pub(super) fn speaker_notes(
        notes: &[&Note],
        quote_of: &impl Fn(&Note) -> Option<String>,
        l: &Labels,
    ) -> String {
        // The first line has no colon, so Marp never reads the comment as a directive.
        let mut body = String::from(l.my_notes);
        for note in notes {
            body.push_str("\n\n");
            let mut parts: Vec<String> = Vec::new();
            if let Some(quote) = quote_of(note).filter(|q| !q.trim().is_empty()) {
                parts.push(
                    quote
                        .trim()
                        .lines()
                        .map(|line| format!("> {}", line.trim_end()).trim_end().to_owned())
                        .collect::<Vec<_>>()
                        .join("\n"),
                );
            }
            let text = note.text.trim();
            if !text.is_empty() {
                parts.push(
                    text.lines()
                        .map(str::trim_end)
                        .collect::<Vec<_>>()
                        .join("\n"),
                );
            }
            let tags: Vec<String> = clean_tags(note).map(|t| format!("#{t}")).collect();
            if !tags.is_empty() {
                parts.push(format!("{}{}{}", l.tags, l.colon, tags.join(l.list_sep)));
            }
            body.push_str(&parts.join("\n"));
        }
        format!("<!--\n{}\n-->\n", comment_safe(&body))
    }

    /// Text that cannot end an HTML comment (`-->`, `--!>`) or split a slide (a `---`
    /// line, which reveal.js tools split on before reading the Markdown).
    pub(super) fn comment_safe(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                out.push('\n');
            }
            let trimmed = line.trim();
            if trimmed.len() >= 3 && trimmed.chars().all(|c| c == '-') && !line.starts_with(' ') {
                out.push(' ');
            }
            out.push_str(&line.replace("-->", "-- >").replace("--!>", "--! >"));
        }
        out
    }

    pub(super) fn yaml_string(s: &str) -> String {
        let mut out = String::from("\"");
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c if c.is_control() => out.push(' '),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }
}

/// reveal.js's speaker notes: Markdown after a `Note:` line.
mod reveal {
    use super::*;

    /// The slide's notes part: `Note:`, the presenter's paragraphs, then "My notes" and
    /// the user's notes, all as Markdown that shows the text as written (see
    /// [`block`]); empty when there are none.
    pub(super) fn notes(
        presenter: &[String],
        user: &[&Note],
        quote_of: &impl Fn(&Note) -> Option<String>,
        l: &Labels,
    ) -> String {
        if presenter.is_empty() && user.is_empty() {
            return String::new();
        }
        let mut text = String::new();
        for paragraph in presenter {
            text.push('\n');
            text.push_str(&block(paragraph));
            text.push('\n');
        }
        if !user.is_empty() {
            text.push('\n');
            text.push_str(&block(l.my_notes));
            text.push('\n');
            for note in user {
                let quote = quote_of(note);
                write_note(&mut text, note, quote.as_deref(), None, l);
            }
        }
        // Every line is the user's or the presenter's text: none may split the notes.
        let safe: Vec<String> = text.split('\n').map(no_separator).collect();
        format!("\nNote:\n{}", safe.join("\n"))
    }

    /// The slide's Markdown with no line that reveal.js would take for the start of the
    /// notes outside its code blocks, nor a `---` line inside them (given a trailing
    /// space). Other code is left as written (a code line starting with `note:` still
    /// starts the notes in reveal.js).
    pub(super) fn outside_code(markdown: &str) -> String {
        let mut out = String::with_capacity(markdown.len() + 8);
        let mut at = 0;
        // Code fences as talkdeck reads them back (the line ends between lines kept).
        for line in crate::talk::fenced_lines(markdown) {
            out.push_str(&markdown[at..line.start]);
            if line.fenced {
                out.push_str(line.text);
                // A code line of `---` would split the slide (reveal.js splits before it
                // reads the Markdown): an invisible space at its end keeps it code.
                if line.text == "---" {
                    out.push(' ');
                }
            } else {
                out.push_str(&no_separator(line.text));
            }
            at = line.start + line.text.len();
        }
        out.push_str(&markdown[at..]);
        out
    }

    /// `note:`/`notes:` at a line's start (after any `s`, as the plugin's pattern
    /// `^s*notes?:` reads, in any case) with its colon escaped.
    fn no_separator(line: &str) -> String {
        let rest = line.trim_start_matches(['s', 'S']);
        let head = line.len() - rest.len();
        for word in ["notes", "note"] {
            if rest.len() > word.len()
                && rest.is_char_boundary(word.len())
                && rest[..word.len()].eq_ignore_ascii_case(word)
                && rest[word.len()..].starts_with(':')
            {
                let colon = head + word.len();
                return format!("{}\\{}", &line[..colon], &line[colon..]);
            }
        }
        line.to_owned()
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn a_line_that_would_start_the_notes_is_escaped() {
            assert_eq!(no_separator("Note: x"), "Note\\: x");
            assert_eq!(no_separator("NOTES:"), "NOTES\\:");
            assert_eq!(no_separator("ssnote:"), "ssnote\\:");
            assert_eq!(no_separator(" note: indented"), " note: indented");
            assert_eq!(no_separator("Footnote: x"), "Footnote: x");
            assert_eq!(no_separator("notebook: x"), "notebook: x");
            assert_eq!(no_separator("笔记：x"), "笔记：x");
        }

        #[test]
        fn code_is_left_as_written() {
            let md = "Note: a\n\n```yaml\nnotes: b\n---\n```\n\nnotes: c\n~~~~\nnote: d\n~~~\n";
            assert_eq!(
                outside_code(md),
                "Note\\: a\n\n```yaml\nnotes: b\n--- \n```\n\nnotes\\: c\n~~~~\nnote: d\n~~~\n"
            );
        }
    }
}
