//! HTML comments in a deck: which are the presenter's notes, which are settings.
//!
//! Each tool says what its comments mean: Marp takes every comment that is not a
//! directive (`theme:`, `_class: lead`, `<!-- fit -->`) as a presenter note; Slidev
//! takes the last comment of a slide, when nothing follows it; reveal.js reads its
//! notes from `Note:` lines and its comments are attributes (`.slide:`, `.element:`)
//! or nothing; presenterm's comments are commands (`end_slide`, `pause`, `column: 0`)
//! apart from `speaker_note:`. A plain Markdown document keeps every comment as a note,
//! as before decks had dialects.

use super::front_matter::{yaml_key, yaml_scalar};
use super::{Dialect, join_lines};
use std::ops::Range;

/// The `<!-- … -->` comments in a piece of HTML: each one's byte range in `html` and
/// its contents (an unterminated one runs to the end).
pub(super) fn comments(html: &str) -> Vec<(Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(i) = html[pos..].find("<!--") {
        let open = pos + i;
        let inner = open + 4;
        match html[inner..].find("-->") {
            Some(j) => {
                out.push((open..inner + j + 3, &html[inner..inner + j]));
                pos = inner + j + 3;
            }
            None => {
                out.push((open..html.len(), &html[inner..]));
                break;
            }
        }
    }
    out
}

/// Marp directives (global and local; a `_` prefix scopes one to its slide).
const MARP_DIRECTIVES: &[&str] = &[
    "theme",
    "style",
    "headingdivider",
    "lang",
    "size",
    "math",
    "title",
    "author",
    "description",
    "image",
    "keywords",
    "url",
    "marp",
    "paginate",
    "header",
    "footer",
    "class",
    "backgroundcolor",
    "backgroundimage",
    "backgroundposition",
    "backgroundrepeat",
    "backgroundsize",
    "color",
    "transition",
    "inlinesvg",
    "html",
];

/// A comment made only of Marp directives (`_class: lead`, `paginate: true`), or the
/// `fit` keyword of fitted headings.
pub(super) fn is_marp_directive(comment: &str) -> bool {
    let t = comment.trim();
    if t == "fit" {
        return true;
    }
    let mut any = false;
    for line in t.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let Some((key, _)) = yaml_key(line) else {
            return false;
        };
        let key = key.trim_start_matches('_').to_ascii_lowercase();
        if !MARP_DIRECTIVES.contains(&key.as_str()) {
            return false;
        }
        any = true;
    }
    any
}

/// What a comment is to the deck.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Comment {
    /// The presenter's notes, one string per paragraph.
    Note(Vec<String>),
    /// presenterm's slide separator.
    EndSlide,
    /// A setting, a command, an attribute, or a comment the dialect gives no meaning:
    /// never shown, never a note.
    Ignore,
}

/// What `comment` (its contents, without `<!--` `-->`) means in `dialect`; `at_end`
/// says whether only white space follows it in its slide (Slidev's notes rule).
pub(super) fn classify_comment(comment: &str, dialect: Dialect, at_end: bool) -> Comment {
    let t = comment.trim();
    if t.is_empty() {
        return Comment::Ignore;
    }
    if t == "end_slide" {
        return if dialect == Dialect::Presenterm {
            Comment::EndSlide
        } else {
            Comment::Ignore
        };
    }
    if let Some(rest) = t.strip_prefix("speaker_note:") {
        return Comment::Note(speaker_note(rest));
    }
    // reveal.js attributes, written with or without the colon.
    if t.starts_with(".slide") || t.starts_with(".element") {
        return Comment::Ignore;
    }
    match dialect {
        // Commands (`pause`, `column_layout: [1, 2]`) or the author's own (`// …`).
        // pandoc, remark and Deckset show no comment and read no notes from one.
        Dialect::Presenterm
        | Dialect::Reveal
        | Dialect::Pandoc
        | Dialect::Remark
        | Dialect::Deckset => Comment::Ignore,
        Dialect::Slidev if at_end => Comment::Note(super::slide::plain_paragraphs(t)),
        Dialect::Slidev => Comment::Ignore,
        Dialect::Marp | Dialect::Plain if is_marp_directive(t) => Comment::Ignore,
        Dialect::Marp | Dialect::Plain => Comment::Note(note_paragraphs(unescape_note(t))),
    }
}

/// presenterm's `speaker_note: text` and the YAML block form `speaker_note: |`.
fn speaker_note(rest: &str) -> Vec<String> {
    let (first, more) = rest.split_once('\n').unwrap_or((rest, ""));
    let first = first.trim();
    if first.is_empty() || first.starts_with(['|', '>']) {
        note_paragraphs(&dedent(more))
    } else {
        let mut text = yaml_scalar(first);
        if !more.trim().is_empty() {
            text.push('\n');
            text.push_str(more);
        }
        note_paragraphs(&text)
    }
}

/// A note that talkdeck's Marp export escaped (`\theme: …`, so Marp does not read it as
/// a directive) reads as the user wrote it.
fn unescape_note(t: &str) -> &str {
    match t.strip_prefix('\\') {
        Some(rest) if yaml_key(rest.lines().next().unwrap_or("")).is_some() => rest,
        _ => t,
    }
}

/// Whether a note's first line would be read by Marp as a directive (`theme: x`,
/// `_class: y`): the recap's Marp export escapes such a note.
pub fn looks_like_directive(note: &str) -> bool {
    let first = note.trim_start().lines().next().unwrap_or("");
    yaml_key(first.trim()).is_some_and(|(key, _)| {
        let key = key.trim_start_matches('_').to_ascii_lowercase();
        MARP_DIRECTIVES.contains(&key.as_str())
    })
}

fn dedent(text: &str) -> String {
    let indent = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    text.lines()
        .map(|l| l.get(indent..).unwrap_or_else(|| l.trim_start()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Blank-line separated paragraphs, each with its lines joined.
pub(crate) fn note_paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(join_lines(&std::mem::take(&mut current)));
            }
        } else {
            current.push_str(line);
            current.push('\n');
        }
    }
    if !current.is_empty() {
        out.push(join_lines(&current));
    }
    out.retain(|p| !p.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_classified() {
        let note = |s: &str| Comment::Note(vec![s.to_string()]);
        let c = |s: &str, d| classify_comment(s, d, false);
        assert_eq!(c(" _class: lead ", Dialect::Marp), Comment::Ignore);
        assert_eq!(c("paginate: true", Dialect::Marp), Comment::Ignore);
        assert_eq!(
            c("\ntheme: gaia\n_paginate: false\n", Dialect::Marp),
            Comment::Ignore
        );
        assert_eq!(c(" fit ", Dialect::Marp), Comment::Ignore);
        assert_eq!(
            c(" .slide: data-background=\"red\" ", Dialect::Marp),
            Comment::Ignore
        );
        assert_eq!(c(" Say hello. ", Dialect::Marp), note("Say hello."));
        assert_eq!(c("Remember: smile", Dialect::Marp), note("Remember: smile"));
        assert_eq!(c(" end_slide ", Dialect::Presenterm), Comment::EndSlide);
        assert_eq!(c(" pause ", Dialect::Presenterm), Comment::Ignore);
        assert_eq!(c(" Say hello. ", Dialect::Presenterm), Comment::Ignore);
        assert_eq!(
            c(" speaker_note: \"Say hello.\" ", Dialect::Presenterm),
            note("Say hello.")
        );
        assert_eq!(
            c(
                "\nspeaker_note: |\n  one\n  two\n\n  three\n",
                Dialect::Presenterm
            ),
            Comment::Note(vec!["one two".into(), "three".into()])
        );
    }

    #[test]
    fn each_dialect_says_what_its_comments_are() {
        let note = |s: &str| Comment::Note(vec![s.to_string()]);
        // reveal.js: attributes with or without the colon, and no other comment is a note.
        for d in [Dialect::Reveal, Dialect::Marp, Dialect::Slidev] {
            assert_eq!(
                classify_comment(" .element style=\"color: red\" ", d, true),
                Comment::Ignore
            );
        }
        assert_eq!(
            classify_comment("Say hi", Dialect::Reveal, true),
            Comment::Ignore
        );
        // Slidev: the comment that ends the slide, in Markdown.
        assert_eq!(
            classify_comment("Say **hi**", Dialect::Slidev, true),
            note("Say hi")
        );
        assert_eq!(
            classify_comment("Say hi", Dialect::Slidev, false),
            Comment::Ignore
        );
        // Marp: the export's escaped note reads as written.
        assert_eq!(
            classify_comment("\\theme: my own words", Dialect::Marp, false),
            note("theme: my own words")
        );
        assert!(looks_like_directive("theme: x\nmore"));
        assert!(looks_like_directive("  _class: lead"));
        assert!(!looks_like_directive("Remember: smile"));
    }
}
