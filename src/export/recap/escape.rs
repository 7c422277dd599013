//! Markdown escaping for the recap and its decks: the talk's and the user's text come
//! out as written, whatever Markdown would read in it; and GitHub-style heading anchors.

use std::collections::HashMap;

/// Newlines and other control characters as spaces.
pub(super) fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Talk text (a title, a key point, a tag) on one line, with every character that could
/// be read as Markdown escaped, so it shows exactly as written.
pub(crate) fn inline(text: &str) -> String {
    let text = one_line(text);
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '#' | '~' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '&' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("\\&");
            }
            c => out.push(c),
        }
    }
    out
}

/// [`inline`], also escaping what would make the start of a line something else (a list
/// marker such as `1.` or `-`), for text that starts a list item.
pub(super) fn inline_line_start(text: &str) -> String {
    escape_line_start(&inline(text.trim_start()))
}

/// The user's plain text as Markdown lines: each line kept (a hard line break `\` at
/// the end of all but the last line of a paragraph), blank lines between paragraphs,
/// anything at a line's start that Markdown would read as structure escaped, leading
/// spaces kept as no-break spaces (not an indented code block), and `<` before a tag
/// name escaped (raw HTML would hide the text). Other inline Markdown (`**bold**`) the
/// user wrote is left to render.
pub(super) fn block(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let mut out = String::with_capacity(text.len() + 16);
    let mut i = 0;
    while i < lines.len() {
        if lines[i].is_empty() {
            i += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        let mut first = true;
        while i < lines.len() && !lines[i].is_empty() {
            if !first {
                hard_break(&mut out);
            }
            first = false;
            out.push_str(&block_line(lines[i]));
            i += 1;
        }
    }
    out
}

/// Ends the line with a hard line break (`\`). After an odd number of backslashes the
/// last one would pair up with it, so it is escaped first.
pub(super) fn hard_break(out: &mut String) {
    let trailing = out.len() - out.trim_end_matches('\\').len();
    if trailing % 2 == 1 {
        out.push('\\');
    }
    out.push_str("\\\n");
}

pub(super) fn block_line(line: &str) -> String {
    let body = line.trim_start_matches([' ', '\t']);
    let indent = &line[..line.len() - body.len()];
    let mut out = String::with_capacity(line.len() + 8);
    for c in indent.chars() {
        let width = if c == '\t' { 4 } else { 1 };
        out.extend(std::iter::repeat_n('\u{a0}', width));
    }
    out.push_str(&escape_line_start(&escape_html(body)));
    out
}

/// Escapes `<` where it would start raw HTML (a tag, a comment, a declaration).
pub(super) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '<'
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'))
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes the first character of a line if Markdown would read it as the start of a
/// heading, quote, list, code fence, table, thematic break, setext underline, HTML block,
/// link reference or footnote definition, or math block; and the `.`/`)` of `1.`/`1)`.
pub(super) fn escape_line_start(line: &str) -> String {
    let Some(first) = line.chars().next() else {
        return String::new();
    };
    if matches!(first, '*' | '_' | '`' | '~' | '$') {
        // The whole run: what is left of `***` or ``` could pair up with a later run
        // into emphasis or a code span over the line break.
        let run = line.len() - line.trim_start_matches(first).len();
        let mut out = String::with_capacity(line.len() + 2 * run);
        for c in line[..run].chars() {
            out.push('\\');
            out.push(c);
        }
        out.push_str(&line[run..]);
        return out;
    }
    if matches!(first, '#' | '>' | '-' | '+' | '=' | '<' | '[' | '|' | ':') {
        return format!("\\{line}");
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) && matches!(line.as_bytes().get(digits), Some(b'.' | b')')) {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    line.to_owned()
}

/// Text for inside a code span: backticks (which would end it) become `ˋ`.
pub(super) fn code_span_text(text: &str) -> String {
    one_line(text).replace('`', "ˋ")
}

/// GitHub-style heading anchors: lowercase, punctuation and symbols dropped, spaces as
/// `-`; a repeated anchor gets `-1`, `-2`… Han characters are kept.
#[derive(Debug, Default)]
pub(super) struct Slugger {
    seen: HashMap<String, usize>,
}

impl Slugger {
    /// The anchor of the next heading with this (rendered, unescaped) text.
    pub(super) fn slug(&mut self, heading: &str) -> String {
        let base: String = heading
            .trim()
            .to_lowercase()
            .chars()
            .filter_map(|c| match c {
                ' ' => Some('-'),
                c if c.is_alphanumeric() || is_connector(c) || c == '-' => Some(c),
                _ => None,
            })
            .collect();
        let mut slug = base.clone();
        while self.seen.contains_key(&slug) {
            let n = self.seen.entry(base.clone()).or_insert(0);
            *n += 1;
            slug = format!("{base}-{n}");
        }
        self.seen.insert(slug.clone(), 0);
        slug
    }
}

/// Unicode connector punctuation (kept in anchors, like `_`).
pub(super) fn is_connector(c: char) -> bool {
    matches!(
        c,
        '_' | '\u{203f}' | '\u{2040}' | '\u{2054}' | '\u{fe33}' | '\u{fe34}' | '\u{fe4d}'
            ..='\u{fe4f}' | '\u{ff3f}'
    )
}
