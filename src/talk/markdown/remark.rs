//! remark.js decks (and R Markdown's xaringan, which is remark), read by the rules of
//! remark's wiki ("Markdown"):
//!
//! - a line `---` starts a slide; a line `--` is an incremental step: the slide goes
//!   on, shown again with more on it, so it is no new card;
//! - `???` starts the slide's presenter notes, up to the next slide;
//! - `key: value` lines at the very top of a slide are its properties (`class: center,
//!   middle`, `name: agenda`, `layout: true`, `background-image: url(a.png)`,
//!   `count: false`, `template: base`), never shown; a slide with `layout: true` is a
//!   template for the slides after it and one with `exclude: true` is left out, so
//!   neither is a card;
//! - `.class[…]` content classes (`.left[…]`, `.footnote[…]`, `.pull-right[…]`) show
//!   their content only.
//!
//! The deck is recognized by a `???` line, by property lines at the top of a slide that
//! are not closed by `---` (Slidev's per-slide front matter is), or by front matter
//! naming xaringan.

use super::Prepared;
use super::split::lines;

/// Properties remark gives a meaning: a slide that starts with one of these is a
/// remark slide.
const PROPERTIES: &[&str] = &[
    "class",
    "name",
    "layout",
    "template",
    "background-image",
    "background-position",
    "background-size",
    "background-color",
    "count",
    "exclude",
    "seal",
];

/// Whether the text is a remark deck.
pub(super) fn is_remark(body: &str) -> bool {
    let lines = lines(body);
    let mut slide_top = true;
    for (i, line) in lines.iter().enumerate() {
        if line.fenced {
            slide_top = false;
            continue;
        }
        let t = line.text.trim_end();
        if t == "???" {
            return true;
        }
        if slide_top && is_known_property(t) {
            // Slidev closes its per-slide front matter with `---` after the keys.
            let closed = i > 0
                && lines[i + 1..]
                    .iter()
                    .map(|l| l.text.trim_end())
                    .find(|l| !l.is_empty() && property(l).is_none())
                    .is_some_and(|l| l == "---");
            if !closed {
                return true;
            }
        }
        slide_top = t == "---" || (slide_top && t.is_empty());
    }
    false
}

fn is_known_property(line: &str) -> bool {
    property(line).is_some_and(|(k, _)| PROPERTIES.contains(&k))
}

/// `name: value` (remark also takes `name:value`): a property line, as remark's
/// parser matches it (`[-\w]+` before the colon).
fn property(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let ok = !key.is_empty()
        && !value.starts_with("//")
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'));
    ok.then(|| (key, value.trim()))
}

/// The deck's slides, templates and excluded slides left out, each with its notes apart.
pub(super) fn slides(body: &str) -> Vec<Prepared> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in lines(body) {
        if !line.fenced && line.text.trim_end() == "---" {
            out.extend(prepare(&current));
            current.clear();
        } else {
            current.push(line.text);
        }
    }
    out.extend(prepare(&current));
    out
}

/// One slide's lines: properties read and dropped, steps joined, notes apart. `None`
/// for a template or an excluded slide.
fn prepare(slide: &[&str]) -> Option<Prepared> {
    let mut k = 0;
    let mut shown_slide = true;
    while let Some(line) = slide.get(k) {
        // Blank lines may come before the properties (remark matches `^\n*name:`).
        if line.trim().is_empty() {
            k += 1;
            continue;
        }
        let Some((key, value)) = property(line.trim_end()) else {
            break;
        };
        if (key == "layout" || key == "exclude") && value == "true" {
            shown_slide = false;
        }
        k += 1;
    }
    if !shown_slide {
        return None;
    }
    let mut out = Prepared::default();
    let mut in_notes = false;
    let text = slide[k..].join("\n");
    for line in lines(&text) {
        let t = line.text.trim_end();
        if !line.fenced && t == "???" {
            in_notes = true;
            continue;
        }
        if !line.fenced && t == "--" {
            continue;
        }
        let to = if in_notes {
            &mut out.notes
        } else {
            &mut out.shown
        };
        if line.fenced {
            to.push_str(&super::pandoc::plain_fence(line.text));
        } else {
            to.push_str(line.text);
        }
        to.push('\n');
    }
    out.shown = unwrap_classes(&out.shown);
    out.notes = unwrap_classes(&out.notes);
    Some(out)
}

/// `.left[text]` → `text`, nested and over several lines; anything else as written.
fn unwrap_classes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Byte positions of `]`s that close a class, to drop when reached.
    let mut closers: Vec<usize> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        if closers.last() == Some(&i) {
            closers.pop();
            i += 1;
            continue;
        }
        let at_start = i == 0 || matches!(bytes[i - 1], b' ' | b'\n' | b'\t' | b'(' | b'>');
        if bytes[i] == b'.'
            && at_start
            && let Some(open) = class_prefix(&text[i..])
            && let Some(close) = matching_bracket(text, i + open)
        {
            closers.push(close);
            closers.sort_unstable_by(|a, b| b.cmp(a));
            i += open + 1;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// `.left.big[` → the offset of its `[`.
fn class_prefix(s: &str) -> Option<usize> {
    let mut chars = s.char_indices().peekable();
    chars.next();
    let mut after_dot = true;
    for (i, c) in chars {
        match c {
            '[' if !after_dot => return Some(i),
            '.' if !after_dot => after_dot = true,
            c if c.is_ascii_alphabetic() && after_dot => after_dot = false,
            c if (c.is_ascii_alphanumeric() || c == '-' || c == '_') && !after_dot => {}
            _ => return None,
        }
    }
    None
}

/// The `]` that closes the `[` at byte `open`.
fn matching_bracket(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in text.bytes().enumerate().skip(open) {
        match b {
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remark_decks_are_told_from_slidev_ones() {
        assert!(is_remark(
            "class: center, middle\n\n# Title\n\n---\n\n# Two\n"
        ));
        assert!(is_remark("# A\n\n???\nnotes\n"));
        assert!(!is_remark("# A\n\n---\nlayout: center\n---\n\n# B\n"));
        assert!(!is_remark("# A\n\n---\n\n# B\n\nclass: not at the top\n"));
        assert!(is_remark("name:intro\nlayout:true\n---\n# A\n"));
        assert!(is_remark("# A\n\n---\n\nclass: center, middle\n\n# B\n"));
    }

    #[test]
    fn properties_steps_and_notes() {
        let slides = slides(
            "layout: true\n.footer[My talk]\n---\nclass: center, middle\nname: intro\n\n# Hello\n\n- one\n--\n- two\n\n???\nSay .red[hi].\n---\nexclude: true\n# Hidden\n---\n.left[Left *side*] .right[![](a.png)]\n",
        );
        let shown: Vec<&str> = slides.iter().map(|s| s.shown.as_str()).collect();
        assert_eq!(
            shown,
            ["# Hello\n\n- one\n- two\n\n", "Left *side* ![](a.png)\n"]
        );
        assert_eq!(slides[0].notes, "Say hi.\n");
        // Properties may follow blank lines; a chunk's options are not its language.
        let s = super::slides("# A\n---\n\nclass: middle\n\n```{r, echo=FALSE}\nplot(x)\n```\n");
        assert_eq!(s[1].shown, "```r\nplot(x)\n```\n");
    }
}
