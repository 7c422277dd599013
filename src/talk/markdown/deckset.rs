//! Deckset decks, read by the rules of Deckset's documentation:
//!
//! - configuration commands are the first lines of the file, unfenced `key: value`
//!   lines (`theme: Fira, 3`, `footer: © Ann Lee 2024`, `slidenumbers: true`,
//!   `autoscale: true`, `build-lists: true`, `slide-dividers: #, ##`), never shown;
//! - a line `---` (with blank lines around it) starts a slide, and so do the headings
//!   `slide-dividers` names;
//! - a paragraph that starts with `^` is a presenter note;
//! - `[.background-color: #000]`, `[.build-lists: true]`, `[.column]`,
//!   `[.hide-footer]` on a line of their own are per-slide commands;
//! - an image's alt text is a list of keywords (`![fit](a.jpg)`, `![left filtered](…)`,
//!   `![inline 50%](…)`), not a caption, and `# [fit] Big words` fits the heading.
//!
//! The deck is recognized by its configuration lines, `^` notes, `[.command]` lines
//! or image keywords.

use super::Prepared;
use super::front_matter::yaml_key;
use super::split::{lines, split_headings};

/// The configuration commands Deckset reads at the top of a file.
const CONFIG: &[&str] = &[
    "theme",
    "footer",
    "slidenumbers",
    "slidecount",
    "autoscale",
    "build-lists",
    "slide-transition",
    "slide-dividers",
    "presenter-notes",
    "fit-header",
    "code-language",
    "footer-style",
    "background-color",
    "text",
    "text-strong",
    "header",
    "header-strong",
    "link",
    "quote",
    "quote-author",
    "table-separator",
    "list",
    "paragraph-line-height",
];

/// Image keywords (with sizes such as `50%`) that say where and how a picture shows.
const IMAGE_KEYWORDS: &[&str] = &[
    "fit",
    "fill",
    "left",
    "right",
    "inline",
    "original",
    "filtered",
    "tinted",
    "hide",
    "autoplay",
    "loop",
    "mute",
    "corner-radius",
    "top",
    "bottom",
    "center",
];

/// The configuration lines at the top, and the text after them.
fn config(body: &str) -> (Vec<(&str, &str)>, &str) {
    let mut found = Vec::new();
    let mut end = 0;
    for line in body.split_inclusive('\n') {
        match yaml_key(line.trim_end()) {
            Some((key, value)) if CONFIG.contains(&key.to_ascii_lowercase().as_str()) => {
                found.push((key, value));
            }
            _ => break,
        }
        end += line.len();
    }
    (found, &body[end..])
}

/// Whether the text is a Deckset deck.
pub(super) fn is_deckset(body: &str) -> bool {
    if !config(body).0.is_empty() {
        return true;
    }
    lines(body).iter().filter(|l| !l.fenced).any(|l| {
        let t = l.text.trim();
        t.starts_with("^ ")
            || is_command(t)
            || (t.starts_with('#') && t.contains("[fit]"))
            || has_keyword_image(t)
    })
}

/// `[.background-color: #000]`, `[.column]`: a per-slide command.
fn is_command(line: &str) -> bool {
    line.strip_prefix("[.")
        .and_then(|r| r.strip_suffix(']'))
        .is_some_and(|r| {
            r.starts_with(|c: char| c.is_ascii_alphabetic()) && !r.contains(['[', ']'])
        })
}

fn has_keyword_image(line: &str) -> bool {
    line.match_indices("![").any(|(i, _)| {
        line[i + 2..]
            .split_once("](")
            .is_some_and(|(alt, _)| is_keywords(alt))
    })
}

/// `fit`, `left filtered`, `inline 50%`, `corner-radius(8)`: only keywords.
fn is_keywords(alt: &str) -> bool {
    !alt.trim().is_empty()
        && alt.split([' ', ',']).filter(|w| !w.is_empty()).all(|w| {
            let word = w.split('(').next().unwrap_or(w).to_ascii_lowercase();
            IMAGE_KEYWORDS.contains(&word.as_str())
                || w.strip_suffix('%')
                    .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// The deck's slides, each with its notes apart.
pub(super) fn slides(body: &str) -> Vec<Prepared> {
    let (config, body) = config(body);
    let divider = config
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("slide-dividers"))
        .and_then(|(_, v)| {
            v.split(',')
                .map(|h| h.trim().len())
                .filter(|&n| n > 0)
                .max()
        });
    let mut out = Vec::new();
    for piece in split_rules(body) {
        let parts = match divider {
            Some(level) => split_headings(piece, level.min(6) as u8),
            None => vec![piece],
        };
        out.extend(parts.into_iter().map(prepare));
    }
    out
}

/// Split on `---` lines with a blank line (or the start) before them.
fn split_rules(body: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut after_blank = true;
    for line in lines(body) {
        if !line.fenced && after_blank && line.text.trim_end() == "---" {
            pieces.push(&body[start..line.start]);
            start = line.start + line.text.len();
        }
        after_blank = !line.fenced && line.text.trim().is_empty();
    }
    pieces.push(&body[start..]);
    pieces
}

/// One slide: commands dropped, `^` paragraphs to the notes, image keywords and
/// `[fit]` out of the text.
fn prepare(piece: &str) -> Prepared {
    let mut out = Prepared::default();
    let mut in_note = false;
    for line in lines(piece) {
        let t = line.text.trim();
        if line.fenced {
            out.shown.push_str(line.text);
            out.shown.push('\n');
            continue;
        }
        if t.is_empty() {
            in_note = false;
        } else if let Some(note) = t.strip_prefix('^') {
            in_note = true;
            out.notes.push('\n');
            out.notes.push_str(note.trim());
            out.notes.push('\n');
            continue;
        } else if in_note {
            out.notes.push_str(t);
            out.notes.push('\n');
            continue;
        }
        if is_command(t) {
            continue;
        }
        out.shown.push_str(&shown_line(line.text));
        out.shown.push('\n');
    }
    out
}

/// `# [fit] Big` → `# Big`; `![left filtered](a.jpg)` → `![](a.jpg)`.
fn shown_line(line: &str) -> String {
    let mut text = if line.trim_start().starts_with('#') {
        line.replace("[fit] ", "").replace("[fit]", "")
    } else {
        line.to_string()
    };
    let mut from = 0;
    while let Some(i) = text[from..].find("![").map(|i| i + from) {
        let alt_start = i + 2;
        match text[alt_start..].find("](") {
            Some(len) if is_keywords(&text[alt_start..alt_start + len]) => {
                text.replace_range(alt_start..alt_start + len, "");
            }
            _ => {}
        }
        from = alt_start;
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configuration_is_read_and_dropped() {
        let body = "theme: Fira, 3\nfooter: © Ann 2024\nslidenumbers: true\n\n# Hi\n";
        assert!(is_deckset(body));
        let (config, rest) = config(body);
        assert_eq!(config.len(), 3);
        assert_eq!(rest, "\n# Hi\n");
        assert!(!is_deckset("# Title\n\nTheme: the rest is text\n"));
    }

    #[test]
    fn notes_commands_and_keywords() {
        let s = slides(
            "# [fit] Big idea\n\n[.background-color: #000000]\n[.build-lists: true]\n\n- one\n\n![left filtered](a.jpg)\n![A chart](b.png)\n\n^ Say this slowly.\nStill the note.\n\nShown again.\n\n---\n\n# Two\n",
        );
        assert_eq!(s.len(), 2);
        assert_eq!(
            s[0].shown,
            "# Big idea\n\n\n- one\n\n![](a.jpg)\n![A chart](b.png)\n\n\nShown again.\n\n"
        );
        assert_eq!(s[0].notes, "\nSay this slowly.\nStill the note.\n");
    }

    #[test]
    fn slide_dividers_split_on_headings() {
        let s = slides("slide-dividers: #, ##\n\n# A\n\ntext\n\n## B\n\nmore\n");
        assert_eq!(s.len(), 3);
    }
}
