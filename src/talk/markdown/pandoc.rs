//! pandoc slide shows, and Quarto's reveal.js decks (Quarto hands its Markdown to
//! pandoc, so its rules are pandoc's), read by the rules of pandoc's manual
//! ("Structuring the slide show"):
//!
//! - the **slide level** is the highest heading level followed directly by content
//!   (not by another heading) somewhere in the document; a heading at that level starts
//!   a slide, a heading above it a section's title slide, a heading below it is text of
//!   its slide; a horizontal rule also starts a slide;
//! - `::: notes` (or `::: {.notes}`, or `<div class="notes">`) holds the speaker notes;
//!   every other fenced div (`:::: columns`, `::: {.column width="40%"}`,
//!   `::: {.incremental}`, `::: aside`) is unwrapped: its text is shown, its fences not;
//! - attributes in braces are settings: `## Title {data-background-image="a.png"}`,
//!   `{.smaller}`, `![](a.png){width=50%}`, `[word]{.fragment}`; so are `. . .` pauses
//!   and Quarto's `{{< … >}}` shortcodes;
//! - a title block (`% Title`, `% Author`, `% Date`) at the top describes the talk, as
//!   YAML front matter does.
//!
//! The deck is recognized by these marks, or by front matter naming a pandoc slide
//! format (Quarto's `format: revealjs`, R Markdown's `output: ioslides_presentation`).

use super::Prepared;
use super::split::lines;
use pulldown_cmark::{Event, Parser, Tag};

/// Whether the text uses pandoc's slide marks: a fenced div, attributes on a heading,
/// a `. . .` pause, or a title block.
pub(super) fn is_pandoc(body: &str) -> bool {
    body.starts_with("% ")
        || lines(body).iter().filter(|l| !l.fenced).any(|l| {
            let t = l.text.trim();
            div_fence(t).is_some_and(|f| f.is_some())
                || is_pause(t)
                || (t.starts_with('#') && heading_attrs(t).is_some())
                || t.starts_with("<div class=\"notes\"")
        })
}

/// The title block's title, authors and date, and the text after it.
pub(super) fn title_block(body: &str) -> (Vec<String>, &str) {
    let mut fields = Vec::new();
    let mut end = 0;
    for line in body.split_inclusive('\n') {
        match line.strip_prefix('%') {
            Some(field) => fields.push(field.trim().to_string()),
            // A field continues on lines that start with a space.
            None if line.starts_with(' ') && !fields.is_empty() && !line.trim().is_empty() => {
                if let Some(last) = fields.last_mut() {
                    last.push(' ');
                    last.push_str(line.trim());
                }
            }
            None => break,
        }
        end += line.len();
    }
    (fields, &body[end..])
}

/// The deck's slides, each with its notes apart.
pub(super) fn slides(body: &str) -> Vec<Prepared> {
    split(body).into_iter().map(prepare).collect()
}

/// The highest heading level followed directly by content somewhere (1 when none is).
fn slide_level(body: &str) -> u8 {
    let mut depth = 0usize;
    let mut after_heading: Option<u8> = None;
    let mut level: Option<u8> = None;
    for event in Parser::new_ext(body, super::options()) {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    match tag {
                        Tag::Heading { level: l, .. } => after_heading = Some(l as u8),
                        _ => {
                            if let Some(l) = after_heading.take() {
                                level = Some(level.map_or(l, |m: u8| m.min(l)));
                            }
                        }
                    }
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Rule if depth == 0 => after_heading = None,
            _ => {}
        }
    }
    level.unwrap_or(1)
}

/// The text cut where a slide starts: at each top-level heading of the slide level or
/// above, and at each horizontal rule (the rule itself dropped).
fn split(body: &str) -> Vec<&str> {
    let level = slide_level(body);
    let mut depth = 0usize;
    let mut pieces = Vec::new();
    let mut start = 0;
    for (event, range) in Parser::new_ext(body, super::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level: l, .. }) if depth == 0 && l as u8 <= level => {
                pieces.push(&body[start..range.start]);
                start = range.start;
                depth += 1;
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Rule if depth == 0 => {
                pieces.push(&body[start..range.start]);
                start = range.end;
            }
            _ => {}
        }
    }
    pieces.push(&body[start..]);
    pieces
}

/// What a div's opening fence says: `Some(true)` for notes. `Some(None)` for a closing
/// fence (`:::` alone), `None` for a line that is no fence.
fn div_fence(line: &str) -> Option<Option<bool>> {
    let colons = line.chars().take_while(|&c| c == ':').count();
    if colons < 3 {
        return None;
    }
    let rest = line[colons..].trim().trim_end_matches(':').trim();
    if rest.is_empty() {
        return Some(None);
    }
    let words = rest.trim_start_matches('{').trim_end_matches('}');
    let notes = words
        .split_whitespace()
        .any(|w| w == "notes" || w == ".notes");
    let named = rest.starts_with('{')
        || rest
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_'));
    named.then_some(Some(notes))
}

/// `. . .`: pandoc's pause.
fn is_pause(line: &str) -> bool {
    line == ". . ."
}

/// One slide's source: what is shown (fences, pauses, attributes gone) and its notes.
fn prepare(piece: &str) -> Prepared {
    let mut out = Prepared::default();
    // Open divs and whether each holds notes (`true`), or is an HTML notes div.
    let mut open: Vec<(bool, bool)> = Vec::new();
    for line in lines(piece) {
        let t = line.text.trim();
        if !line.fenced {
            match div_fence(t) {
                Some(Some(notes)) => {
                    open.push((notes, false));
                    continue;
                }
                Some(None) => {
                    open.pop();
                    continue;
                }
                None => {}
            }
            if t.starts_with("<div class=\"notes\"") {
                open.push((true, true));
                continue;
            }
            if t == "</div>" && open.last().is_some_and(|&(_, html)| html) {
                open.pop();
                continue;
            }
            if is_pause(t) {
                continue;
            }
        }
        if open.iter().any(|&(notes, _)| notes) {
            out.notes.push_str(line.text);
            out.notes.push('\n');
            continue;
        }
        let shown = if line.fenced {
            plain_fence(line.text)
        } else {
            strip_attributes(line.text)
        };
        out.shown.push_str(&shown);
        out.shown.push('\n');
    }
    out
}

/// A code fence's attributes as the language alone: ```` ```{.python code-line-numbers="2"} ````
/// and R Markdown's executable ```` ```{r setup, include=FALSE} ```` → ```` ```python ````,
/// ```` ```r ````. Every other line as written.
pub(super) fn plain_fence(line: &str) -> String {
    let t = line.trim_start();
    let marks = t.chars().take_while(|&c| c == '`' || c == '~').count();
    let info = t[marks..].trim();
    let inner = match info.strip_prefix('{').and_then(|i| i.strip_suffix('}')) {
        Some(inner) if marks >= 3 => inner,
        _ => return line.to_string(),
    };
    let lang = inner
        .split([' ', ','])
        .map(|w| w.trim_start_matches('.'))
        .find(|w| !w.is_empty() && !w.contains('=') && !w.starts_with('#'))
        .unwrap_or("");
    format!("{}{}{lang}", &line[..line.len() - t.len()], &t[..marks])
}

/// The `{…}` of a heading line that ends with attributes, as a byte range.
fn heading_attrs(line: &str) -> Option<usize> {
    let t = line.trim_end();
    let open = t.strip_suffix('}')?.rfind('{')?;
    is_attrs(&t[open + 1..t.len() - 1]).then_some(open)
}

/// `.class`, `#id`, `key=value`, `-` (unnumbered): the inside of an attribute brace.
fn is_attrs(inner: &str) -> bool {
    let t = inner.trim();
    !t.is_empty() && (t.starts_with(['.', '#']) || t.contains('=') || t == "-")
}

/// A line without its attribute braces and shortcodes; a heading left without a title
/// (`## {background-image="a.png"}`) is dropped.
fn strip_attributes(line: &str) -> String {
    let mut text = line.to_string();
    while let Some(open) = text.find("{{<") {
        match text[open..].find(">}}") {
            Some(close) => text.replace_range(open..open + close + 3, ""),
            None => break,
        }
    }
    if text.trim_start().starts_with('#')
        && let Some(open) = heading_attrs(&text)
    {
        text.truncate(open);
        let t = text.trim_end();
        if t.trim_start_matches('#').trim().is_empty() {
            return String::new();
        }
        text.truncate(t.len());
    }
    strip_inline_attributes(&text)
}

/// `![](a.png){width=50%}` → `![](a.png)`; `[word]{.fragment}` → `word`.
fn strip_inline_attributes(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(i) = rest.find(['}', '{']) {
        let (before, from) = rest.split_at(i);
        let attrs = from
            .strip_prefix('{')
            .and_then(|f| f.find('}').map(|j| (j, &f[..j])))
            .filter(|(_, inner)| is_attrs(inner))
            .filter(|_| before.ends_with([']', ')']));
        match attrs {
            Some((j, _)) => {
                out.push_str(before);
                if before.ends_with(']') {
                    unwrap_span(&mut out);
                }
                rest = &from[j + 2..];
            }
            None => {
                out.push_str(before);
                out.push_str(&from[..1]);
                rest = &from[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `…[word]` at the end of `out` → `…word`: a bracketed span's brackets.
fn unwrap_span(out: &mut String) {
    let mut depth = 0usize;
    for (i, c) in out.char_indices().rev() {
        match c {
            ']' => depth += 1,
            '[' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    if out[..i].ends_with('!') {
                        return;
                    }
                    out.pop();
                    out.remove(i);
                    return;
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_slide_level_is_the_first_heading_level_with_content() {
        assert_eq!(
            slide_level("# A\n\n## a1\n\ntext\n\n# B\n\n## b1\n\n- x\n"),
            2
        );
        assert_eq!(slide_level("# A\n\ntext\n\n# B\n\ntext\n"), 1);
        assert_eq!(slide_level("no heading\n"), 1);
        let pieces = split("# A\n\n## a1\n\ntext\n\n---\n\nuntitled\n\n## a2\n\n### sub\n\nx\n");
        assert_eq!(
            pieces,
            [
                "",
                "# A\n\n",
                "## a1\n\ntext\n\n",
                "\nuntitled\n\n",
                "## a2\n\n### sub\n\nx\n"
            ]
        );
    }

    #[test]
    fn notes_divs_go_to_the_notes_and_other_divs_are_unwrapped() {
        let p = prepare(
            "## T {data-background-image=\"bg.png\"}\n\n:::: columns\n::: {.column width=\"40%\"}\nLeft\n:::\n::: column\nRight [now]{.fragment}\n:::\n::::\n\n. . .\n\n![](a.png){width=50%}\n\n::: {.notes}\nSay **hi**.\n:::\n\n<div class=\"notes\">\nAnd bye.\n</div>\n",
        );
        assert_eq!(p.shown, "## T\n\nLeft\nRight now\n\n\n![](a.png)\n\n\n");
        assert_eq!(p.notes, "Say **hi**.\nAnd bye.\n");
    }

    #[test]
    fn braces_that_are_not_attributes_stay() {
        assert_eq!(
            strip_attributes("Set {a, b} and f(x){y}"),
            "Set {a, b} and f(x){y}"
        );
        assert_eq!(strip_attributes("## {background-color=\"black\"}"), "");
        assert_eq!(strip_attributes("## Ends {#id .c}"), "## Ends");
        assert_eq!(strip_attributes("{{< pagebreak >}}"), "");
    }

    #[test]
    fn code_fence_attributes_become_the_language() {
        assert_eq!(
            plain_fence("``` {.python code-line-numbers=\"6-8\"}"),
            "```python"
        );
        assert_eq!(plain_fence("```{r setup, include=FALSE}"), "```r");
        assert_eq!(plain_fence("~~~~ rust"), "~~~~ rust");
        assert_eq!(plain_fence("let x = {a};"), "let x = {a};");
    }

    #[test]
    fn a_title_block_is_split_off() {
        let (fields, rest) = title_block("% Habits\n% Ann Lee; Bo Wu\n% May 2024\n\n# One\n");
        assert_eq!(fields, ["Habits", "Ann Lee; Bo Wu", "May 2024"]);
        assert_eq!(rest, "\n# One\n");
    }
}
