//! Front matter: the deck's (YAML at the top) and Slidev's per-slide blocks.

use super::join_lines;

/// What the front matter says. Everything else in it (`marp: true`, `theme:`,
/// `paginate:`, presenterm `options:` …) is deck configuration, never shown.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct FrontMatter {
    pub title: Option<String>,
    pub sub_title: Option<String>,
    pub speaker: Option<String>,
    pub date: Option<String>,
    pub event: Option<String>,
    /// Marp's `headingDivider`: headings up to this level start a slide.
    pub heading_divider: Option<u8>,
    /// presenterm's `options: end_slide_shorthand: true`: `---` also ends a slide.
    pub end_slide_shorthand: bool,
    /// `marp: true`: the deck is Marp's, whatever else it holds.
    pub marp: bool,
    /// A key only Slidev's headmatter has (`layout`, `transition`, `mdc`, `info` …).
    pub slidev: bool,
    /// The deck is written for pandoc's slide writers: Quarto's `format: revealjs`,
    /// R Markdown's `output: ioslides_presentation`, pandoc's `beamer`, `slidy` …
    pub pandoc: bool,
    /// R Markdown's `output: xaringan::moon_reader`: a remark.js deck.
    pub remark: bool,
}

/// Splits off a leading `---` … `---` (or `...`) block of YAML `key: value` lines.
pub(crate) fn split_front_matter(text: &str) -> (FrontMatter, &str) {
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
pub(super) fn yaml_key(line: &str) -> Option<(&str, &str)> {
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
pub(super) fn yaml_scalar(value: &str) -> String {
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
            "marp" => fm.marp = yaml_scalar(value) == "true",
            "format" | "output" => {
                // `format: revealjs`, or the format as a key of the block under it.
                let named = std::iter::once(value)
                    .chain(block.iter().copied())
                    .map(|l| l.trim().trim_end_matches(':').to_ascii_lowercase());
                for name in named {
                    fm.remark |= name.contains("xaringan");
                    fm.pandoc |= PANDOC_SLIDES.iter().any(|f| name.contains(f));
                }
            }
            k if SLIDEV_KEYS.contains(&k) => fm.slidev = true,
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

/// The slide formats of pandoc, Quarto and R Markdown, as their front matter names them.
const PANDOC_SLIDES: &[&str] = &[
    "revealjs",
    "beamer",
    "slidy",
    "slideous",
    "dzslides",
    "s5",
    "pptx",
    "ioslides",
    "slidy_presentation",
    "powerpoint_presentation",
];

/// Headmatter keys that Slidev reads and Marp, reveal.js and presenterm do not.
const SLIDEV_KEYS: &[&str] = &[
    "layout",
    "transition",
    "mdc",
    "info",
    "drawings",
    "highlighter",
    "colorschema",
    "routermode",
    "aspectratio",
    "canvaswidth",
    "fonts",
    "seometa",
    "addons",
    "linenumbers",
    "monaco",
    "clicks",
    "src",
    "layoutclass",
    "background",
];

/// Lines that can be part of a YAML block: `key: value`, nested or continued lines,
/// list items, comments, blank lines.
pub(super) fn is_yaml_line(line: &str) -> bool {
    let t = line.trim();
    t.is_empty()
        || line.starts_with([' ', '\t'])
        || t.starts_with('#')
        || t.starts_with("- ")
        || yaml_key(t).is_some_and(|(k, _)| {
            !k.eq_ignore_ascii_case("note") && !k.eq_ignore_ascii_case("notes")
        })
}

/// Slidev's per-slide front matter: the lines between a slide separator and the next
/// `---` line, when they are YAML (`layout: two-cols`, `class: …`, `src: ./page.md`)
/// and the first of them is a key. Returns how many lines it spans, the closing `---`
/// included.
pub(super) fn slide_front_matter(lines: &[&str]) -> Option<usize> {
    let first = lines.first()?.trim_end();
    if first.starts_with([' ', '\t']) || yaml_key(first).is_none() || !is_yaml_line(first) {
        return None;
    }
    for (k, line) in lines.iter().enumerate().skip(1) {
        let t = line.trim_end();
        if t == "---" {
            return Some(k + 1);
        }
        if !is_yaml_line(t) || t.starts_with("```") || t.starts_with("~~~") {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split_off_and_read() {
        let (fm, body) = split_front_matter(
            "---\ntitle: \"My talk\"\nauthors:\n  - Ann\n  - Bob\ntheme:\n  name: dark\noptions:\n  end_slide_shorthand: true\n---\n# Hi\n",
        );
        assert_eq!(fm.title.as_deref(), Some("My talk"));
        assert_eq!(fm.speaker.as_deref(), Some("Ann, Bob"));
        assert!(fm.end_slide_shorthand);
        assert_eq!(body, "# Hi\n");
        // A leading rule followed by a slide is no front matter.
        let text = "---\n# Slide\n---\nmore";
        assert_eq!(split_front_matter(text).1, text);
        // Unterminated: no front matter.
        let text = "---\ntitle: x\n";
        assert_eq!(split_front_matter(text).1, text);
        let (fm, _) = split_front_matter("---\nmarp: true\nheadingDivider: 2\n---\n");
        assert_eq!(fm.heading_divider, Some(2));
        assert_eq!(fm.title, None);
    }

    #[test]
    fn slide_front_matter_needs_a_key_first_and_a_closing_rule() {
        assert_eq!(
            slide_front_matter(&["layout: center", "", "src: a.md", "---"]),
            Some(4)
        );
        assert_eq!(slide_front_matter(&["", "layout: center", "---"]), None);
        assert_eq!(slide_front_matter(&["Note: hello", "---"]), None);
        assert_eq!(slide_front_matter(&["layout: center", "# Title"]), None);
        assert_eq!(slide_front_matter(&["layout: center"]), None);
    }
}
