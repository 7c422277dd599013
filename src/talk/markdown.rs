//! Markdown decks → a deck of cards, with pulldown-cmark (no patterns over Markdown).
//!
//! Four dialects are recognized, from what the file contains:
//!
//! - **presenterm**: `<!-- end_slide -->` comments separate the slides, front matter
//!   (`title:`, `sub_title:`, `author:`, `date:`, `event:`) describes the talk, titles
//!   are often setext (`===`), and `<!-- speaker_note: … -->` comments are the notes;
//!   other comments are presenterm commands (`pause`, `column_layout: …`) and dropped;
//! - **reveal.js** and **Marp**: thematic breaks (`---`, `***`) at the top level separate
//!   the slides; the notes are what follows a `Note:`/`Notes:` line (reveal.js) and
//!   HTML comments (Marp), except Marp directives (`<!-- _class: lead -->`,
//!   `<!-- paginate: true -->`) and reveal.js attributes (`<!-- .slide: … -->`);
//!   YAML front matter (`marp: true`, `theme:` …) is not a slide and never shows;
//! - **plain Markdown**: each `#`/`##` heading (or the top two levels the document
//!   uses, or Marp's `headingDivider`) starts a card; text before the first one is the
//!   opening. Markdown without any heading or separator is parsed as plain text
//!   ([`super::parse_text`]), so numbered lines (`1、`, `Lesson 1 —`) still make cards.
//!
//! A slide's title is its first heading (more headings before any content are
//! subtitles); its list items are its key points, verbatim; its other paragraphs,
//! block quotes and its notes become the card's paragraphs. Code blocks, tables and
//! images are not text of the talk and are left out.
//!
//! Card kinds: the slide carrying the talk title is the title card (one is made from
//! the front matter when no slide carries it); a slide titled like a closing
//! (`Conclusion`, `Summary`, `Thank you`, `结语`, `总结` …) is the closing; a numbered
//! title (`1.`, `一、`, `Lesson 2 —`) keeps its number (`obs-N`); a slide with nothing
//! but a title and subtitles is a title card; the others are observations `slide-N`
//! (`N` the slide's position in the deck).
//!
//! Linear in the size of the text; never panics.

use super::heading::{is_closing_title, parse_mark};
use super::parse::{excerpt, parse_text};
use super::text::{clean, is_mostly_han, is_wide, normalize, sha256_hex, starts_with_ci, width};
use super::{Card, CardKind, Talk, keypoints};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;

/// What the front matter says. Everything else in it (`marp: true`, `theme:`,
/// `paginate:`, presenterm `options:` …) is deck configuration, never shown.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct FrontMatter {
    title: Option<String>,
    sub_title: Option<String>,
    speaker: Option<String>,
    date: Option<String>,
    event: Option<String>,
    /// Marp's `headingDivider`: headings up to this level start a slide.
    heading_divider: Option<u8>,
    /// presenterm's `options: end_slide_shorthand: true`: `---` also ends a slide.
    end_slide_shorthand: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dialect {
    /// `<!-- end_slide -->` separators.
    Presenterm,
    /// Thematic breaks as separators (reveal.js, Marp).
    Rules,
    /// Headings start the cards.
    Plain,
}

/// Parses a Markdown deck or document. Never fails; empty text gives a talk without
/// cards.
pub fn parse_markdown(text: &str) -> Talk {
    let norm = normalize(text);
    let fingerprint = sha256_hex(&norm);
    let (fm, body) = split_front_matter(&norm);
    let scan = scan(body);
    let dialect = if scan.end_slides > 0 {
        Dialect::Presenterm
    } else if scan.rules > 0 {
        Dialect::Rules
    } else {
        Dialect::Plain
    };
    if dialect == Dialect::Plain && scan.min_heading.is_none() && fm.heading_divider.is_none() {
        return plain_text_fallback(body, &fm, fingerprint);
    }
    let split_level = match dialect {
        Dialect::Plain => fm
            .heading_divider
            .unwrap_or_else(|| scan.min_heading.unwrap_or(1).max(2)),
        _ => fm.heading_divider.unwrap_or(0),
    };
    let rules_split =
        dialect == Dialect::Rules || (dialect == Dialect::Presenterm && fm.end_slide_shorthand);
    let slides = collect_slides(body, dialect, split_level, rules_split);
    build_talk(slides, &fm, dialect, is_mostly_han(body), fingerprint)
}

/// Markdown without headings or separators: the plain-text parser (it drops `#` and
/// `**` decoration itself), with what the front matter states.
fn plain_text_fallback(body: &str, fm: &FrontMatter, fingerprint: String) -> Talk {
    let mut talk = parse_text(body);
    talk.fingerprint = fingerprint;
    if let Some(title) = &fm.title {
        talk.title = title.clone();
        match talk.cards.iter_mut().find(|c| c.kind == CardKind::Title) {
            Some(card) => card.title = title.clone(),
            None => talk.cards.insert(0, title_card(title, fm)),
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

fn title_card(title: &str, fm: &FrontMatter) -> Card {
    Card {
        id: "title".into(),
        kind: CardKind::Title,
        number: None,
        title: title.to_string(),
        key_points: Vec::new(),
        paragraphs: fm.sub_title.iter().cloned().collect(),
    }
}

// ---------------------------------------------------------------------------------
// Front matter (YAML, read minimally: top-level `key: value` lines).

/// Splits off a leading `---` … `---` (or `...`) block of YAML `key: value` lines.
fn split_front_matter(text: &str) -> (FrontMatter, &str) {
    let none = (FrontMatter::default(), text);
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next() else {
        return none;
    };
    if first.trim_end() != "---" {
        return none;
    }
    let mut pos = first.len();
    let mut yaml: Vec<&str> = Vec::new();
    let mut end = None;
    for line in lines {
        pos += line.len();
        let t = line.trim_end();
        if t == "---" || t == "..." {
            end = Some(pos);
            break;
        }
        yaml.push(t);
    }
    let Some(end) = end else {
        return none;
    };
    // Every top-level line must be `key:` (or a YAML comment); at least one must be.
    let mut keys = 0;
    for line in &yaml {
        if line.trim().is_empty() || line.starts_with([' ', '\t']) || line.starts_with('#') {
            continue;
        }
        if yaml_key(line).is_none() {
            return none;
        }
        keys += 1;
    }
    if keys == 0 {
        return none;
    }
    (parse_front_matter(&yaml), &text[end..])
}

/// `key: value` → (`key`, `value`) when the key looks like a YAML identifier.
fn yaml_key(line: &str) -> Option<(&str, &str)> {
    let i = line.find(':')?;
    let key = line[..i].trim().trim_matches(['"', '\'']);
    let after = &line[i + 1..];
    let ok = !key.is_empty()
        && key.len() <= 40
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '$' | '.'))
        && (after.is_empty() || after.starts_with([' ', '\t']));
    ok.then(|| (key, after.trim()))
}

/// A scalar as written: quotes removed, a trailing ` # comment` dropped.
fn yaml_scalar(value: &str) -> String {
    let v = value.trim();
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner.trim().to_string();
        }
    }
    let v = match v.find(" #") {
        Some(i) => &v[..i],
        None => v,
    };
    v.trim().to_string()
}

/// A value: a scalar, a flow list `[a, b]`, or a block (list items or text) on the
/// indented lines that follow.
fn yaml_value(value: &str, block: &[&str]) -> String {
    let v = value.trim();
    if let Some(inner) = v.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        return inner
            .split(',')
            .map(yaml_scalar)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
    }
    if v.is_empty() || v.starts_with(['|', '>']) {
        let lines: Vec<&str> = block
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .collect();
        if !lines.is_empty() && lines.iter().all(|l| l.starts_with("- ")) {
            return lines
                .iter()
                .map(|l| yaml_scalar(&l[2..]))
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
        }
        return join_lines(&lines.join("\n"));
    }
    yaml_scalar(v)
}

fn parse_front_matter(yaml: &[&str]) -> FrontMatter {
    let mut fm = FrontMatter::default();
    let mut i = 0;
    while i < yaml.len() {
        let line = yaml[i];
        i += 1;
        if line.starts_with([' ', '\t']) {
            // Nested configuration; only presenterm's shorthand option matters.
            if let Some((k, v)) = yaml_key(line.trim())
                && k == "end_slide_shorthand"
            {
                fm.end_slide_shorthand = yaml_scalar(v) == "true";
            }
            continue;
        }
        let Some((key, value)) = yaml_key(line) else {
            continue;
        };
        let start = i;
        while i < yaml.len() && (yaml[i].starts_with([' ', '\t']) || yaml[i].trim().is_empty()) {
            i += 1;
        }
        let block = &yaml[start..i];
        // Let the nested lines be seen for options such as `end_slide_shorthand`.
        if value.is_empty() {
            i = start;
        }
        let set = |slot: &mut Option<String>| {
            let v = yaml_value(value, block);
            if slot.is_none() && !v.is_empty() {
                *slot = Some(v);
            }
        };
        match key.to_ascii_lowercase().as_str() {
            "title" => set(&mut fm.title),
            "sub_title" | "subtitle" => set(&mut fm.sub_title),
            "author" | "authors" | "speaker" | "speakers" | "presenter" => set(&mut fm.speaker),
            "date" => set(&mut fm.date),
            "event" | "conference" => set(&mut fm.event),
            "headingdivider" => {
                fm.heading_divider = yaml_value(value, block)
                    .split(|c: char| !c.is_ascii_digit())
                    .filter_map(|d| d.parse::<u8>().ok())
                    .filter(|d| (1..=6).contains(d))
                    .max();
            }
            _ => {}
        }
    }
    fm
}

// ---------------------------------------------------------------------------------
// HTML comments: notes, directives, commands.

/// The contents of the `<!-- … -->` comments in a piece of HTML (an unterminated one
/// runs to the end).
fn comments(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<!--") {
        let after = &rest[i + 4..];
        match after.find("-->") {
            Some(j) => {
                out.push(&after[..j]);
                rest = &after[j + 3..];
            }
            None => {
                out.push(after);
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
fn is_marp_directive(comment: &str) -> bool {
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

#[derive(Debug, PartialEq, Eq)]
enum Comment {
    Note(Vec<String>),
    EndSlide,
    Ignore,
}

fn classify_comment(comment: &str, dialect: Dialect) -> Comment {
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
        let (first, more) = rest.split_once('\n').unwrap_or((rest, ""));
        let first = first.trim();
        let paras = if first.is_empty() || first.starts_with(['|', '>']) {
            note_paragraphs(&dedent(more))
        } else {
            let mut text = yaml_scalar(first);
            if !more.trim().is_empty() {
                text.push('\n');
                text.push_str(more);
            }
            note_paragraphs(&text)
        };
        return Comment::Note(paras);
    }
    // presenterm comments are commands (`pause`, `column_layout: [1, 2]`) or the
    // author's own (`// …`); only `speaker_note` is a note.
    if dialect == Dialect::Presenterm {
        return Comment::Ignore;
    }
    if t.starts_with(".slide:") || t.starts_with(".element:") || is_marp_directive(t) {
        return Comment::Ignore;
    }
    Comment::Note(note_paragraphs(t))
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
fn note_paragraphs(text: &str) -> Vec<String> {
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

/// Joins lines with a space, or with nothing between two wide (CJK) characters.
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

// ---------------------------------------------------------------------------------
// The walk over Markdown events.

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

#[derive(Debug, Default)]
struct Scan {
    end_slides: usize,
    rules: usize,
    min_heading: Option<u8>,
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

/// What separates the slides: `end_slide` comments, top-level rules, headings.
fn scan(body: &str) -> Scan {
    let mut s = Scan::default();
    let mut depth = 0usize;
    let mut html: Option<String> = None;
    for event in Parser::new_ext(body, options()) {
        match event {
            Event::Start(tag) => {
                if let Tag::Heading { level, .. } = tag {
                    let l = level as u8;
                    s.min_heading = Some(s.min_heading.map_or(l, |m| m.min(l)));
                } else if matches!(tag, Tag::HtmlBlock) {
                    html = Some(String::new());
                } else if is_container(&tag) {
                    depth += 1;
                }
            }
            Event::End(tag) => {
                if tag == TagEnd::HtmlBlock {
                    if let Some(h) = html.take() {
                        s.end_slides += comments(&h)
                            .iter()
                            .filter(|c| c.trim() == "end_slide")
                            .count();
                    }
                } else if is_container_end(&tag) {
                    depth = depth.saturating_sub(1);
                }
            }
            Event::Html(t) => {
                if let Some(h) = html.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::Rule if depth == 0 => s.rules += 1,
            _ => {}
        }
    }
    s
}

/// A slide as found in the source.
#[derive(Debug, Default)]
struct Slide {
    title: Option<String>,
    level: u8,
    subtitles: Vec<String>,
    points: Vec<String>,
    paras: Vec<String>,
    notes: Vec<String>,
    /// After a reveal.js `Note:` line: everything is a note.
    in_notes: bool,
    /// Code, tables, images: not text, but the slide is more than its title.
    other_content: bool,
}

impl Slide {
    fn has_text(&self) -> bool {
        self.title.is_some()
            || !self.subtitles.is_empty()
            || !self.points.is_empty()
            || !self.paras.is_empty()
            || !self.notes.is_empty()
    }

    /// Bullets or paragraphs: after them, a heading is no longer the title.
    fn has_text_body(&self) -> bool {
        !self.points.is_empty() || !self.paras.is_empty()
    }

    /// More than a title (and subtitles): text, code, a table, a picture.
    fn has_body(&self) -> bool {
        self.has_text_body() || self.other_content
    }
}

/// The text being collected: a heading's, else the innermost list item's, else the
/// paragraph's.
fn open_buf<'a>(
    heading: &'a mut Option<(u8, Buf)>,
    items: &'a mut [Buf],
    para: &'a mut Option<Buf>,
) -> Option<&'a mut Buf> {
    match heading {
        Some((_, buf)) => Some(buf),
        None => items.last_mut().or(para.as_mut()),
    }
}

#[derive(Debug, Default)]
struct Buf {
    text: String,
    html: String,
}

struct Walker {
    dialect: Dialect,
    slides: Vec<Slide>,
    slide: Slide,
}

impl Walker {
    fn new_slide(&mut self) {
        let done = std::mem::take(&mut self.slide);
        self.slides.push(done);
    }

    fn comments(&mut self, html: &str, allow_notes: bool) {
        for c in comments(html) {
            match classify_comment(c, self.dialect) {
                Comment::EndSlide => self.new_slide(),
                Comment::Note(paras) if allow_notes => self.slide.notes.extend(paras),
                _ => {}
            }
        }
    }

    fn paragraph(&mut self, buf: Buf) {
        self.comments(&buf.html, true);
        let raw = buf.text;
        if self.dialect == Dialect::Rules && join_lines(&raw) == "--" {
            // reveal.js vertical slide separator.
            self.new_slide();
            return;
        }
        if self.dialect == Dialect::Rules && !self.slide.in_notes {
            let lines: Vec<&str> = raw.split('\n').collect();
            if let Some((k, rest)) = lines
                .iter()
                .enumerate()
                .find_map(|(k, l)| note_marker(l).map(|r| (k, r)))
            {
                let before = join_lines(&lines[..k].join("\n"));
                if !before.is_empty() {
                    self.slide.paras.push(before);
                }
                self.slide.in_notes = true;
                let mut after = rest.to_string();
                for l in &lines[k + 1..] {
                    after.push('\n');
                    after.push_str(l);
                }
                let after = join_lines(&after);
                if !after.is_empty() {
                    self.slide.notes.push(after);
                }
                return;
            }
        }
        let text = join_lines(&raw);
        if text.is_empty() {
            return;
        }
        if self.slide.in_notes {
            self.slide.notes.push(text);
        } else {
            self.slide.paras.push(text);
        }
    }

    fn item(&mut self, buf: &mut Buf) {
        let html = std::mem::take(&mut buf.html);
        self.comments(&html, true);
        let text = join_lines(&std::mem::take(&mut buf.text));
        if text.is_empty() {
            return;
        }
        if self.slide.in_notes {
            self.slide.notes.push(text);
        } else {
            self.slide.points.push(text);
        }
    }

    fn heading(&mut self, level: u8, buf: Buf) {
        // Comments in a heading are Marp's `<!-- fit -->` and the like.
        self.comments(&buf.html, false);
        let text = join_lines(&buf.text);
        if text.is_empty() {
            return;
        }
        let s = &mut self.slide;
        if s.in_notes {
            s.notes.push(text);
        } else if s.title.is_none() && !s.has_text_body() {
            s.title = Some(text);
            s.level = level;
        } else if !s.has_text_body() {
            s.subtitles.push(text);
        } else {
            s.paras.push(text);
        }
    }
}

/// `Note: rest` / `Notes: rest` at the start of a line (reveal.js speaker notes).
fn note_marker(line: &str) -> Option<&str> {
    let l = line.trim_start();
    for m in ["notes:", "note:"] {
        if starts_with_ci(l, m) {
            return Some(&l[m.len()..]);
        }
    }
    None
}

fn collect_slides(body: &str, dialect: Dialect, split_level: u8, rules_split: bool) -> Vec<Slide> {
    let mut w = Walker {
        dialect,
        slides: Vec::new(),
        slide: Slide::default(),
    };
    let mut depth = 0usize;
    // Code blocks, tables, images, metadata: their text is not the talk's.
    let mut skip = 0usize;
    let mut heading: Option<(u8, Buf)> = None;
    let mut para: Option<Buf> = None;
    let mut items: Vec<Buf> = Vec::new();
    let mut html_block: Option<String> = None;

    for event in Parser::new_ext(body, options()) {
        match event {
            Event::Start(tag) => match tag {
                Tag::CodeBlock(_) | Tag::Table(_) | Tag::Image { .. } | Tag::MetadataBlock(_) => {
                    skip += 1;
                    w.slide.other_content = true;
                }
                Tag::Heading { level, .. } => {
                    let level = level as u8;
                    if level <= split_level && depth == 0 && skip == 0 {
                        w.new_slide();
                    }
                    heading = Some((level, Buf::default()));
                }
                Tag::Paragraph => {
                    if let Some(item) = items.last_mut() {
                        if !item.text.is_empty() {
                            item.text.push('\n');
                        }
                    } else {
                        para = Some(Buf::default());
                    }
                }
                Tag::Item => items.push(Buf::default()),
                Tag::List(_) => {
                    depth += 1;
                    // A nested list: the item's own text comes first.
                    if let Some(mut item) = items.pop() {
                        w.item(&mut item);
                        items.push(item);
                    }
                }
                Tag::HtmlBlock => html_block = Some(String::new()),
                t if is_container(&t) => depth += 1,
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::CodeBlock | TagEnd::Table | TagEnd::Image | TagEnd::MetadataBlock(_) => {
                    skip = skip.saturating_sub(1);
                }
                TagEnd::Heading(_) => {
                    if let Some((level, buf)) = heading.take() {
                        w.heading(level, buf);
                    }
                }
                TagEnd::Paragraph => {
                    if items.is_empty()
                        && let Some(buf) = para.take()
                    {
                        w.paragraph(buf);
                    }
                }
                TagEnd::Item => {
                    if let Some(mut item) = items.pop() {
                        w.item(&mut item);
                    }
                }
                TagEnd::HtmlBlock => {
                    if let Some(h) = html_block.take() {
                        w.comments(&h, true);
                    }
                }
                t if is_container_end(&t) => depth = depth.saturating_sub(1),
                _ => {}
            },
            Event::Text(t) | Event::Code(t) => {
                if skip > 0 {
                    continue;
                }
                if let Some(buf) = open_buf(&mut heading, &mut items, &mut para) {
                    buf.text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if skip > 0 {
                    continue;
                }
                if let Some(buf) = open_buf(&mut heading, &mut items, &mut para) {
                    buf.text.push('\n');
                    buf.html.push('\n');
                }
            }
            Event::InlineHtml(t) => {
                if let Some(buf) = open_buf(&mut heading, &mut items, &mut para) {
                    buf.html.push_str(&t);
                }
            }
            Event::Html(t) => {
                if let Some(h) = html_block.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::Rule if depth == 0 && rules_split => w.new_slide(),
            _ => {}
        }
    }
    // Unbalanced buffers cannot happen (events are balanced), but lose nothing.
    if let Some((level, buf)) = heading.take() {
        w.heading(level, buf);
    }
    if let Some(buf) = para.take() {
        w.paragraph(buf);
    }
    while let Some(mut item) = items.pop() {
        w.item(&mut item);
    }
    w.new_slide();
    w.slides.retain(Slide::has_text);
    w.slides
}

// ---------------------------------------------------------------------------------
// Slides → cards.

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

fn build_talk(
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
        cards.push(title_card(&title, fm));
    }
    let mut used_title = carrier.is_none() && !title.is_empty();
    let mut used_closing = false;
    let mut seen: HashMap<u32, u32> = HashMap::new();
    let mut from_bullets = Vec::with_capacity(slides.len());
    for (k, s) in slides.into_iter().enumerate() {
        let n = k + 1;
        let mut paragraphs = s.subtitles.clone();
        paragraphs.extend(s.paras.iter().cloned());
        paragraphs.extend(s.notes.iter().cloned());
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
                (
                    CardKind::Observation,
                    format!("slide-{n}"),
                    None,
                    excerpt(source),
                )
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
            paragraphs,
        });
    }

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

#[cfg(test)]
mod tests;
