//! A deck's text → the text of each slide, by the lines that separate them.
//!
//! Slide tools split their decks before they read the Markdown (reveal.js with a
//! pattern over the raw text, Slidev and Marp on `---` lines, presenterm on
//! `<!-- end_slide -->`), so the separators are found here, line by line; only lines
//! inside a fenced code block are never separators, whatever they look like.

use super::front_matter::slide_front_matter;
use pulldown_cmark::{Event, Parser, Tag};
use std::ops::Range;

/// One line of the text: where it starts, its text without the line break, and whether
/// it belongs to a fenced code block (the fences included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Line<'a> {
    pub start: usize,
    pub text: &'a str,
    pub fenced: bool,
}

/// The lines of `text`, with the fenced code blocks marked (``` and ~~~ fences of
/// three or more, closed by a fence of the same character at least as long; an
/// unclosed one runs to the end, as in CommonMark).
pub(crate) fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut open: Option<(char, usize)> = None;
    let mut start = 0;
    for raw in text.split_inclusive('\n') {
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        let line = line.strip_suffix('\r').unwrap_or(line);
        let fence = fence(line);
        let fenced = match (open, fence) {
            (Some((c, n)), Some((fc, fnum, rest))) if fc == c && fnum >= n && rest.is_empty() => {
                open = None;
                true
            }
            (Some(_), _) => true,
            (None, Some((c, n, info))) if !(c == '`' && info.contains('`')) => {
                open = Some((c, n));
                true
            }
            (None, _) => false,
        };
        out.push(Line {
            start,
            text: line,
            fenced,
        });
        start += raw.len();
    }
    out
}

/// A fence line: its character, its length and what follows (the info string).
fn fence(line: &str) -> Option<(char, usize, &str)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let t = &line[indent..];
    let c = t.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let n = t.chars().take_while(|&x| x == c).count();
    (n >= 3).then(|| (c, n, t[n..].trim()))
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// [`slide_front_matter`] of the lines from `from` on (just after a `---` separator). It
/// looks no further than the next `---` line, where a front matter would close: each line
/// is looked at for one separator only, so a deck of any number of slides splits in
/// linear time.
pub(super) fn front_matter_at(lines: &[Line<'_>], from: usize) -> Option<usize> {
    let rest = lines.get(from..)?;
    let end = rest
        .iter()
        .skip(1)
        .position(|l| l.text.trim_end() == "---")
        .map_or(rest.len(), |k| k + 2);
    let rest: Vec<&str> = rest[..end].iter().map(|l| l.text).collect();
    slide_front_matter(&rest)
}

/// A slide of a deck split on separator lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Piece<'a> {
    pub text: &'a str,
    /// It opened with Slidev's per-slide front matter (dropped from `text`).
    pub front_matter: bool,
}

/// Separator lines of decks split on rules: `---` (Marp, Slidev, reveal.js's default),
/// `***` and `___` (other thematic breaks Marp takes), `----` and `--` (reveal.js's
/// common horizontal and vertical settings). A separator follows a blank line (or the
/// start, or another separator), so `Title` over `---` stays a setext heading.
fn is_rule_separator(line: &str) -> bool {
    matches!(line.trim_end(), "---" | "----" | "--" | "***" | "___")
}

/// Splits a deck on rule separators, dropping Slidev's per-slide front matter after
/// them (`---` / `layout: center` / `---`).
pub(super) fn split_rules(text: &str) -> Vec<Piece<'_>> {
    let lines = lines(text);
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut front_matter = false;
    // The previous line allows a separator after it.
    let mut after_break = true;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if line.fenced || !after_break || !is_rule_separator(line.text) {
            after_break = !line.fenced && is_blank(line.text);
            i += 1;
            continue;
        }
        pieces.push(Piece {
            text: &text[start..line.start],
            front_matter,
        });
        let skip = if line.text.trim_end() == "---" {
            front_matter_at(&lines, i + 1).unwrap_or(0)
        } else {
            0
        };
        front_matter = skip > 0;
        i += 1 + skip;
        start = lines.get(i).map_or(text.len(), |l| l.start);
        after_break = true;
    }
    pieces.push(Piece {
        text: &text[start..],
        front_matter,
    });
    pieces
}

/// Splits a presenterm deck on `<!-- end_slide -->` lines (and on `---` after a blank
/// line with its `end_slide_shorthand` option).
pub(super) fn split_end_slide(text: &str, shorthand: bool) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut after_blank = true;
    for line in lines(text) {
        let t = line.text.trim();
        let end = !line.fenced
            && (is_end_slide(t) || (shorthand && after_blank && line.text.trim_end() == "---"));
        if end {
            pieces.push(&text[start..line.start]);
            start = line.start + line.text.len();
        }
        after_blank = !line.fenced && is_blank(line.text);
    }
    pieces.push(&text[start..]);
    pieces
}

/// `<!-- end_slide -->`, spaces inside as written.
pub(super) fn is_end_slide(line: &str) -> bool {
    line.strip_prefix("<!--")
        .and_then(|r| r.strip_suffix("-->"))
        .is_some_and(|c| c.trim() == "end_slide")
}

/// Splits a piece where a top-level heading of level `level` or higher starts (plain
/// Markdown documents, Marp's `headingDivider`).
pub(super) fn split_headings(text: &str, level: u8) -> Vec<&str> {
    let mut cuts: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(text, super::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level: l, .. }) if depth == 0 && l as u8 <= level => {
                cuts.push(range.start);
            }
            Event::Start(ref tag) if super::is_container(tag) => depth += 1,
            Event::End(ref tag) if super::is_container_end(tag) => {
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    let mut pieces = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for cut in cuts {
        pieces.push(&text[start..cut]);
        start = cut;
    }
    pieces.push(&text[start..]);
    pieces
}

/// reveal.js's notes: from the first line that starts with `Note:` or `notes:` (any
/// case, as its default `^\s*notes?:` pattern) to the end of the slide. Returns the
/// slide's range and the notes' range in `text`.
pub(super) fn split_notes(text: &str) -> (Range<usize>, Option<Range<usize>>) {
    for line in lines(text) {
        if line.fenced {
            continue;
        }
        let t = line.text.trim_start();
        let lower: String = t.chars().take(6).flat_map(char::to_lowercase).collect();
        for marker in ["notes:", "note:"] {
            if lower.starts_with(marker) {
                let notes = line.start + (line.text.len() - t.len()) + marker.len();
                return (0..line.start, Some(notes..text.len()));
            }
        }
    }
    (0..text.len(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(pieces: &[Piece<'a>]) -> Vec<&'a str> {
        pieces.iter().map(|p| p.text).collect()
    }

    #[test]
    fn fences_are_marked_and_closed_by_a_long_enough_fence() {
        let marks: Vec<bool> = lines("a\n````md\n```\n---\n````\nb\n~~~\nc")
            .iter()
            .map(|l| l.fenced)
            .collect();
        assert_eq!(marks, [false, true, true, true, true, false, true, true]);
        // An info string with a backtick is no fence.
        assert!(!lines("``` a`b\n---").iter().any(|l| l.fenced));
    }

    #[test]
    fn rules_split_outside_code_fences_only() {
        let deck =
            "# A\n\n---\n\n# B\n\n```yaml\n---\nkey: v\n---\n```\n\n----\n# C\n\n--\n\n# D\n";
        let pieces = split_rules(deck);
        assert_eq!(
            texts(&pieces),
            [
                "# A\n\n",
                "\n# B\n\n```yaml\n---\nkey: v\n---\n```\n\n",
                "# C\n\n",
                "\n# D\n"
            ]
        );
        // `---` right under a line of text is a setext heading, not a separator.
        assert_eq!(split_rules("Title\n---\n\ntext").len(), 1);
    }

    #[test]
    fn slidev_front_matter_after_a_separator_is_dropped() {
        let deck = "# One\n\n---\ntransition: fade-out\nlayout: two-cols\nlayoutClass: gap-16\n\nsrc: ./p.md\n---\n---\nlayout: center\n---\n\n# Two\n";
        let pieces = split_rules(deck);
        assert_eq!(texts(&pieces), ["# One\n\n", "", "\n# Two\n"]);
        assert_eq!(
            pieces.iter().map(|p| p.front_matter).collect::<Vec<_>>(),
            [false, true, true]
        );
        // A slide that is only a `Note:` line is not front matter.
        let pieces = split_rules("# A\n\n---\nNote: say hi\n\n---\n\n# B");
        assert_eq!(pieces.len(), 3);
        assert!(!pieces[1].front_matter);
    }

    #[test]
    fn end_slide_splits_presenterm_decks() {
        let deck =
            "A\n===\n\n<!-- end_slide -->\n\n```html\n<!-- end_slide -->\n```\n<!--end_slide-->\nC";
        assert_eq!(
            split_end_slide(deck, false),
            [
                "A\n===\n\n",
                "\n\n```html\n<!-- end_slide -->\n```\n",
                "\nC"
            ]
        );
        assert_eq!(split_end_slide("a\n\n---\nb", true), ["a\n\n", "\nb"]);
        assert_eq!(split_end_slide("a\n\n---\nb", false).len(), 1);
    }

    #[test]
    fn headings_split_at_top_level_only() {
        let text = "intro\n\n# A\n\n> # quoted\n\n## B\n\n### c\n";
        assert_eq!(
            split_headings(text, 2),
            ["intro\n\n", "# A\n\n> # quoted\n\n", "## B\n\n### c\n"]
        );
    }

    #[test]
    fn reveal_notes_start_at_a_note_line_outside_code() {
        let text = "## A\n\n```\nNote: code\n```\n\nnote: Say it.\nMore.";
        let (slide, notes) = split_notes(text);
        assert_eq!(&text[slide], "## A\n\n```\nNote: code\n```\n\n");
        assert_eq!(&text[notes.unwrap()], " Say it.\nMore.");
        assert_eq!(split_notes("NOTES:x").1, Some(6..7));
        assert_eq!(split_notes("no notes here").1, None);
    }
}
