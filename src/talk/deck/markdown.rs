//! What the deck readers share: a slide's text as Markdown that shows it as it is, a
//! table, a picture by its address in the file.

use super::media_uri;
use crate::t;
use std::path::Path;

/// Picture formats the card can show (what the window's decoders read); others (EMF,
/// WMF, TIFF) are named in the body instead.
const SHOWN_PICTURES: &[&str] = &["png", "jpg", "jpeg", "jpe", "gif", "svg"];

/// A table of escaped cells as a Markdown table, its first row the header.
pub fn table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    if columns == 0 {
        return String::new();
    }
    let row = |cells: &[String]| {
        let mut line = String::from("|");
        for k in 0..columns {
            let cell = cells.get(k).map_or("", String::as_str);
            line.push_str(&format!(" {cell} |"));
        }
        line
    };
    let mut out = vec![row(&rows[0]), format!("|{}", " --- |".repeat(columns))];
    out.extend(rows[1..].iter().map(|r| row(r)));
    out.join("\n")
}

/// A picture as an image of the body, `alt` its alt text; a picture the card cannot
/// show, or whose part is not known, as its name in italics.
pub fn picture(alt: &str, part: Option<&str>, deck: &Path) -> String {
    let shown = part.filter(|p| {
        let ext = p.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
        SHOWN_PICTURES.contains(&ext.as_str())
    });
    match shown {
        Some(part) => format!("![{}]({})", escape(alt), media_uri(deck, part)),
        None => format!("*{}*", escape(&t!("deck-picture", name = alt.to_string()))),
    }
}

/// Hex SHA-256 of the file's bytes: the talk's fingerprint, which notes files record.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    use std::fmt::Write;
    let mut hex = String::with_capacity(64);
    for b in Sha256::digest(bytes) {
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

/// The body without the line that became the card's title (a slide of text boxes, as
/// LibreOffice writes a slide without placeholders), so that it is not shown twice.
pub fn strip_first_line(blocks: &mut Vec<String>, line: &str) {
    let head = escape(line);
    let Some(k) = blocks.iter().position(|b| b.starts_with(&head)) else {
        return;
    };
    if blocks[k] == head {
        blocks.remove(k);
    } else if let Some(rest) = blocks[k]
        .strip_prefix(&format!("{head}\n\n"))
        .or_else(|| blocks[k].strip_prefix(&format!("{head}\\\n")))
    {
        blocks[k] = rest.to_string();
    }
}

/// A text's lines as one line.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A paragraph's text as Markdown: escaped, its line breaks hard breaks whose next line
/// is indented by `indent` (the list item's content).
pub fn markdown_lines(text: &str, indent: usize) -> String {
    let lines: Vec<String> = text
        .split('\n')
        .map(|l| escape(l.trim()))
        .filter(|l| !l.is_empty())
        .collect();
    lines.join(&format!("\\\n{}", " ".repeat(indent)))
}

/// Text that Markdown shows as it is: its punctuation that Markdown reads as markup
/// escaped, and a line start that would make a heading, a list or a rule.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' | '&' | '$'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    if out.starts_with(['-', '+', '=']) {
        out.insert(0, '\\');
    }
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && out[digits..].starts_with(['.', ')']) {
        out.insert(digits, '\\');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line that became the title leaves the body, whether a paragraph of its own,
    /// the first of several, or the first line of a paragraph broken by `a:br`.
    #[test]
    fn the_title_line_leaves_the_body() {
        let strip = |blocks: &[&str], line: &str| {
            let mut blocks: Vec<String> = blocks.iter().map(|b| b.to_string()).collect();
            strip_first_line(&mut blocks, line);
            blocks
        };
        assert!(strip(&["Foo \\& Bar"], "Foo & Bar").is_empty());
        assert_eq!(strip(&["Foo\n\nBar", "x"], "Foo"), ["Bar", "x"]);
        assert_eq!(strip(&["Foo Bar\\\nBaz Zoo"], "Foo Bar"), ["Baz Zoo"]);
        assert_eq!(strip(&["Food"], "Foo"), ["Food"]);
    }
}
