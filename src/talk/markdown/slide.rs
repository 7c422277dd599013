//! One slide's Markdown → its title, its bullets, its text, its notes and its body (the
//! Markdown the audience sees), with pulldown-cmark's events and their byte ranges.
//!
//! The body is the slide's own source with what is not shown cut out: the title
//! heading (the card shows it apart), comments (notes, directives, attributes,
//! commands), HTML tags (Vue components and `<v-click>` show their text only) and
//! Slidev's `::right::` slot markers. Everything else stays as written: headings,
//! lists, emphasis, links, code blocks with their language, tables, quotes, images.

use super::comments::{Comment, classify_comment, comments};
use super::split::lines;
use super::{Dialect, is_container, is_container_end, join_lines, options};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::ops::Range;

/// A slide as found in the source.
#[derive(Debug, Default)]
pub(super) struct Slide {
    pub title: Option<String>,
    pub level: u8,
    /// Headings after the title and before any text.
    pub subtitles: Vec<String>,
    /// List items, nested ones flattened, verbatim.
    pub points: Vec<String>,
    /// Paragraphs (block quotes' too) other than list items.
    pub paras: Vec<String>,
    /// The presenter's notes, one string per paragraph.
    pub notes: Vec<String>,
    /// Code, tables, images, HTML with text: not sentences, but the slide is more than
    /// its title.
    pub other_content: bool,
    /// The Markdown shown on the slide, without its title.
    pub body: String,
}

impl Slide {
    pub fn has_text(&self) -> bool {
        self.title.is_some()
            || !self.subtitles.is_empty()
            || !self.points.is_empty()
            || !self.paras.is_empty()
            || !self.notes.is_empty()
            || self.other_content
    }

    /// Bullets or paragraphs: after them, a heading is no longer the title.
    pub fn has_text_body(&self) -> bool {
        !self.points.is_empty() || !self.paras.is_empty()
    }

    /// More than a title (and subtitles): text, code, a table, a picture.
    pub fn has_body(&self) -> bool {
        self.has_text_body() || self.other_content
    }
}

/// A cut or a replacement in the slide's source, for its body.
type Edit = (Range<usize>, String);

/// Reads one slide's Markdown; `dialect` says what its comments mean.
pub(super) fn read(src: &str, dialect: Dialect) -> Slide {
    let mut s = Slide::default();
    let mut edits: Vec<Edit> = Vec::new();
    let mut found: Vec<(Range<usize>, &str)> = Vec::new();
    let mut depth = 0usize;
    // Inside code blocks, tables, images: their text is not sentences of the talk.
    let mut skip = 0usize;
    let mut heading: Option<(u8, String, Range<usize>)> = None;
    let mut para: Option<(String, Range<usize>)> = None;
    let mut items: Vec<String> = Vec::new();
    let mut html_block: Option<Range<usize>> = None;

    for (event, range) in Parser::new_ext(src, options()).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::CodeBlock(_) | Tag::Table(_) | Tag::Image { .. } | Tag::MetadataBlock(_) => {
                    skip += 1;
                    s.other_content = true;
                }
                Tag::Heading { level, .. } => heading = Some((level as u8, String::new(), range)),
                Tag::Paragraph => match items.last_mut() {
                    Some(item) if !item.is_empty() => item.push('\n'),
                    Some(_) => {}
                    None => para = Some((String::new(), range)),
                },
                Tag::Item => items.push(String::new()),
                Tag::List(_) => {
                    depth += 1;
                    // A nested list: the item's own text comes first.
                    if let Some(item) = items.last_mut() {
                        push_point(&mut s, std::mem::take(item));
                    }
                }
                Tag::HtmlBlock => html_block = Some(range),
                t if is_container(&t) => depth += 1,
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::CodeBlock | TagEnd::Table | TagEnd::Image | TagEnd::MetadataBlock(_) => {
                    skip = skip.saturating_sub(1);
                }
                TagEnd::Heading(_) => {
                    if let Some((level, text, r)) = heading.take() {
                        end_heading(&mut s, level, &text, depth == 0).then(|| {
                            edits.push((r, String::new()));
                        });
                    }
                }
                TagEnd::Paragraph => {
                    if items.is_empty()
                        && let Some((text, r)) = para.take()
                    {
                        if is_slot_marker(&text) {
                            edits.push((r, String::new()));
                        } else {
                            push_text(&mut s, &text);
                        }
                    }
                }
                TagEnd::Item => {
                    if let Some(item) = items.pop() {
                        push_point(&mut s, item);
                    }
                }
                TagEnd::HtmlBlock => {
                    if let Some(r) = html_block.take() {
                        let html = &src[r.clone()];
                        found.extend(
                            comments(html)
                                .into_iter()
                                .map(|(c, text)| (r.start + c.start..r.start + c.end, text)),
                        );
                        let shown = html_text(html);
                        s.other_content |= !shown.is_empty();
                        let replacement = if shown.is_empty() {
                            String::new()
                        } else {
                            format!("\n{shown}\n\n")
                        };
                        edits.push((r, replacement));
                    }
                }
                t if is_container_end(&t) => depth = depth.saturating_sub(1),
                _ => {}
            },
            Event::Text(t) | Event::Code(t) => {
                if skip == 0
                    && let Some(buf) = open_buf(&mut heading, &mut items, &mut para)
                {
                    buf.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if skip == 0
                    && let Some(buf) = open_buf(&mut heading, &mut items, &mut para)
                {
                    buf.push('\n');
                }
            }
            Event::InlineHtml(_) => {
                let html = &src[range.clone()];
                found.extend(
                    comments(html)
                        .into_iter()
                        .map(|(c, text)| (range.start + c.start..range.start + c.end, text)),
                );
                edits.push((range, String::new()));
            }
            _ => {}
        }
    }
    let count = found.len();
    for (k, (r, text)) in found.iter().enumerate() {
        let at_end = k + 1 == count && src[r.end..].trim().is_empty();
        if let Comment::Note(paras) = classify_comment(text, dialect, at_end) {
            s.notes.extend(paras);
        }
    }
    s.body = tidy(&apply(src, edits));
    s
}

/// The text being collected: a heading's, else the innermost list item's, else the
/// paragraph's.
fn open_buf<'a>(
    heading: &'a mut Option<(u8, String, Range<usize>)>,
    items: &'a mut [String],
    para: &'a mut Option<(String, Range<usize>)>,
) -> Option<&'a mut String> {
    match heading {
        Some((_, buf, _)) => Some(buf),
        None => items.last_mut().or(para.as_mut().map(|(buf, _)| buf)),
    }
}

fn push_point(s: &mut Slide, raw: String) {
    let text = join_lines(&raw);
    if !text.is_empty() {
        s.points.push(text);
    }
}

fn push_text(s: &mut Slide, raw: &str) {
    let text = join_lines(raw);
    if !text.is_empty() {
        s.paras.push(text);
    }
}

/// Files a heading as the title, a subtitle or text; true when it is the title (cut
/// from the body, since the card shows it apart).
fn end_heading(s: &mut Slide, level: u8, raw: &str, top_level: bool) -> bool {
    let text = join_lines(raw);
    if text.is_empty() {
        return false;
    }
    if s.title.is_none() && !s.has_text_body() && top_level {
        s.title = Some(text);
        s.level = level;
        return true;
    }
    if !s.has_text_body() {
        s.subtitles.push(text);
    } else {
        s.paras.push(text);
    }
    false
}

/// Slidev's slot markers (`::right::`, `::default::`) on a line of their own.
fn is_slot_marker(text: &str) -> bool {
    text.trim()
        .strip_prefix("::")
        .and_then(|r| r.strip_suffix("::"))
        .is_some_and(|name| {
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        })
}

/// The text of an HTML block as shown: comments and tags dropped (a Vue component
/// shows its text content or nothing), one trimmed line per line of text.
fn html_text(html: &str) -> String {
    let mut without_comments = String::with_capacity(html.len());
    let mut pos = 0;
    for (r, _) in comments(html) {
        without_comments.push_str(&html[pos..r.start]);
        pos = r.end;
    }
    without_comments.push_str(&html[pos..]);
    strip_tags(&without_comments)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text with its `<tag …>` and `</tag>` removed.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let is_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'));
        match after.find('>') {
            Some(j) if is_tag => rest = &after[j + 1..],
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `src` with the edits made; an edit inside one already made (a comment in a cut
/// title) is part of it.
fn apply(src: &str, mut edits: Vec<Edit>) -> String {
    edits.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end)));
    let mut out = String::with_capacity(src.len());
    let mut pos = 0;
    for (r, with) in edits {
        if r.start < pos {
            continue;
        }
        out.push_str(&src[pos..r.start]);
        out.push_str(&with);
        pos = r.end.max(pos);
    }
    out.push_str(&src[pos..]);
    out
}

/// Runs of blank lines (outside code blocks) made one, none at either end.
fn tidy(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut blank = false;
    for line in lines(md) {
        if !line.fenced && line.text.trim().is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push('\n');
            blank = false;
        }
        out.push_str(line.text.trim_end_matches(['\r']));
        out.push('\n');
    }
    out.trim_end().to_string()
}

/// Markdown as plain paragraphs: each paragraph, heading, list item and code block one
/// string, its lines joined (notes written in Markdown, as Slidev and reveal.js allow).
pub(super) fn plain_paragraphs(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut flush = |current: &mut String| {
        let text = join_lines(&std::mem::take(current));
        if !text.is_empty() {
            out.push(text);
        }
    };
    for event in Parser::new_ext(md, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => current.push_str(&t),
            Event::SoftBreak | Event::HardBreak => current.push('\n'),
            Event::Start(Tag::Item)
            | Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock,
            ) => flush(&mut current),
            _ => {}
        }
    }
    flush(&mut current);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_is_cut_from_the_body_and_the_rest_stays_as_written() {
        let s = read(
            "# Title <!-- fit -->\n\n## Sub\n\n- **one**\n- two\n\n```rust\nfn main() {}\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> quoted\n\n![chart](img/c.png)\n",
            Dialect::Marp,
        );
        assert_eq!(s.title.as_deref(), Some("Title"));
        assert_eq!(s.subtitles, ["Sub"]);
        assert_eq!(s.points, ["one", "two"]);
        assert_eq!(s.paras, ["quoted"]);
        assert!(s.notes.is_empty());
        assert_eq!(
            s.body,
            "## Sub\n\n- **one**\n- two\n\n```rust\nfn main() {}\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> quoted\n\n![chart](img/c.png)"
        );
    }

    #[test]
    fn comments_never_reach_the_body() {
        let s = read(
            "# T\n\nText <!-- .element: class=\"fragment\" --> more.\n\n<!-- _class: lead -->\n\n<!-- Say hi. -->\n",
            Dialect::Marp,
        );
        assert_eq!(s.body, "Text  more.");
        assert_eq!(s.notes, ["Say hi."]);
        let s = read("# T\n\n<!-- attribute-ish -->\n\nText\n", Dialect::Reveal);
        assert!(s.notes.is_empty());
        assert_eq!(s.body, "Text");
    }

    #[test]
    fn slidev_notes_are_the_last_comment_when_it_ends_the_slide() {
        let s = read(
            "# T\n\n<!-- not a note -->\n\nText\n\n<!--\nthe **note**\n-->\n",
            Dialect::Slidev,
        );
        assert_eq!(s.notes, ["the note"]);
        assert_eq!(s.body, "Text");
        let s = read("# T\n\n<!-- not at the end -->\n\nText\n", Dialect::Slidev);
        assert!(s.notes.is_empty());
    }

    #[test]
    fn vue_components_show_their_text_and_slot_markers_go() {
        let s = read(
            "# T\n\n<v-clicks>\n\n- a\n- b\n\n</v-clicks>\n\n::right::\n\n<div class=\"p-3\">\n  <Tweet id=\"20\" />\n  Shown text\n</div>\n\nInline <v-click>revealed</v-click> word\n",
            Dialect::Slidev,
        );
        assert_eq!(s.points, ["a", "b"]);
        assert_eq!(s.body, "- a\n- b\n\nShown text\n\nInline revealed word");
    }

    #[test]
    fn a_heading_after_text_is_not_the_title() {
        let s = read("Some text\n\n# Late\n", Dialect::Marp);
        assert_eq!(s.title, None);
        assert_eq!(s.paras, ["Some text", "Late"]);
        assert_eq!(s.body, "Some text\n\n# Late");
    }

    #[test]
    fn code_keeps_its_blank_lines() {
        let s = read("# T\n\n```\na\n\n\nb\n```\n\n\n\nafter\n", Dialect::Marp);
        assert_eq!(s.body, "```\na\n\n\nb\n```\n\nafter");
    }

    #[test]
    fn markdown_notes_read_as_plain_paragraphs() {
        assert_eq!(
            plain_paragraphs("Speaker notes:\n- Thank **all**\n- Ask `q`\n\nBye"),
            ["Speaker notes:", "Thank all", "Ask q", "Bye"]
        );
    }
}
