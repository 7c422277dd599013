//! ASS/SSA (Advanced SubStation Alpha), the format of nearly every Chinese fansub and of
//! Bilibili uploads. Only `[Events]`' `Dialogue:` lines are spoken: their text (the
//! field after the ninth comma, commas inside kept) with every `{…}` block gone as
//! renderers hide it (override tags, comments, and malformed blocks that lack their `}`
//! or a `)`), `\N`/`\n` line breaks and `\h` spaces. Not spoken: `Comment:` lines,
//! drawings (`{\p1}m 0 0 l …`), text made fully transparent (`\alpha&HFF&`, `\1a&HFF&`,
//! or a style whose primary colour is), empty lines, and the `[Fonts]`/`[Graphics]`
//! attachments, skipped line by line without being looked at.
//!
//! Two-language fansubs come in three layouts: `中文\NEnglish` in one line; two lines
//! with the same times (either order); all of one language, then all of the other.
//! Lines with the same start and end are one cue, so all three become cues of two
//! lines, which [`super::parse`] splits into the main language and the other.

use super::super::formats::{Reader, head};
use super::super::text::clean;
use super::{Notice, RawCue, Reading, SubtitleError, parse_time};
use std::collections::{HashMap, HashSet};

pub(crate) const READER: Reader = Reader {
    name: "ASS/SSA",
    extensions: &["ass", "ssa"],
    sniff,
    read,
};

/// A line that is a section header of the format, or a `Dialogue:` line with a layer.
fn sniff(text: &str) -> bool {
    head(text).lines().map(str::trim).any(|l| {
        ["[Script Info]", "[V4+ Styles]", "[V4 Styles]", "[Events]"].contains(&l)
            || l.strip_prefix("Dialogue:").is_some_and(|d| {
                let d = d.trim_start();
                d.starts_with(|c: char| c.is_ascii_digit()) || d.starts_with("Marked=")
            })
    })
}

#[derive(PartialEq, Clone, Copy)]
enum Section {
    Other,
    Styles,
    Events,
    /// `[Fonts]`, `[Graphics]`: uuencoded attachments.
    Attachment,
}

/// Column positions a `Format:` line gives (the defaults are ASS's and SSA's).
struct Columns {
    count: usize,
    start: usize,
    end: usize,
    style: usize,
}

impl Default for Columns {
    fn default() -> Self {
        Columns {
            count: 10,
            start: 1,
            end: 2,
            style: 3,
        }
    }
}

impl Columns {
    fn from_format(line: &str) -> Columns {
        let names: Vec<String> = line
            .split(',')
            .map(|n| n.trim().to_ascii_lowercase())
            .collect();
        let at = |n: &str, default: usize| names.iter().position(|x| x == n).unwrap_or(default);
        Columns {
            count: names.len().max(2),
            start: at("start", 1),
            end: at("end", 2),
            style: at("style", 3),
        }
    }
}

fn read(text: &str) -> Result<Reading, SubtitleError> {
    let mut section = Section::Other;
    let mut events = Columns::default();
    let mut style_columns: Option<(usize, usize)> = None; // (name, primary colour)
    let mut invisible_styles: HashSet<String> = HashSet::new();
    let mut cues: Vec<RawCue> = Vec::new();
    let mut by_time: HashMap<(u64, u64), usize> = HashMap::new();
    let mut notices = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_start_matches('\u{feff}').trim();
        if line.starts_with('[') && line.ends_with(']') && is_section(line) {
            section = match line.to_ascii_lowercase().as_str() {
                "[events]" => Section::Events,
                "[v4+ styles]" | "[v4 styles]" | "[v4+ styles ]" => Section::Styles,
                "[fonts]" | "[graphics]" => Section::Attachment,
                _ => Section::Other,
            };
            continue;
        }
        match section {
            Section::Attachment | Section::Other => {}
            Section::Styles => {
                if let Some(f) = line.strip_prefix("Format:") {
                    let names: Vec<String> = f
                        .split(',')
                        .map(|n| n.trim().to_ascii_lowercase())
                        .collect();
                    let name = names.iter().position(|n| n == "name").unwrap_or(0);
                    let colour = names.iter().position(|n| n == "primarycolour").unwrap_or(3);
                    style_columns = Some((name, colour));
                } else if let Some(s) = line.strip_prefix("Style:") {
                    let (name, colour) = style_columns.unwrap_or((0, 3));
                    let fields: Vec<&str> = s.split(',').map(str::trim).collect();
                    if let (Some(n), Some(c)) = (fields.get(name), fields.get(colour))
                        && transparent(c)
                    {
                        invisible_styles.insert(n.to_string());
                    }
                }
            }
            Section::Events => {
                if let Some(f) = line.strip_prefix("Format:") {
                    events = Columns::from_format(f);
                    continue;
                }
                let Some(d) = line.strip_prefix("Dialogue:") else {
                    continue; // Comment:, Picture:, Sound:, Command:...
                };
                let fields: Vec<&str> = d.splitn(events.count, ',').collect();
                if fields.len() < events.count {
                    notices.push(Notice::BadTimestamp {
                        line: i + 1,
                        text: line.chars().take(60).collect(),
                    });
                    continue;
                }
                let time = |k: usize| fields.get(k).and_then(|t| parse_time(t.trim()));
                let (Some(start), Some(end)) = (time(events.start), time(events.end)) else {
                    notices.push(Notice::BadTimestamp {
                        line: i + 1,
                        text: line.chars().take(60).collect(),
                    });
                    continue;
                };
                let end = end.max(start);
                let style = fields
                    .get(events.style)
                    .map(|s| s.trim().trim_start_matches('*'))
                    .unwrap_or("");
                let lines: Vec<String> = if invisible_styles.contains(style) {
                    Vec::new()
                } else {
                    spoken(fields[events.count - 1])
                };
                // Same times: one cue (layers, and the two languages of a fansub).
                let key = (
                    (start * 1000.0).round() as u64,
                    (end * 1000.0).round() as u64,
                );
                match by_time.get(&key) {
                    Some(&k) => {
                        let cue = &mut cues[k];
                        for l in lines {
                            if !cue.lines.contains(&l) {
                                cue.lines.push(l);
                            }
                        }
                    }
                    None => {
                        by_time.insert(key, cues.len());
                        cues.push(RawCue { start, end, lines });
                    }
                }
            }
        }
    }
    // Files list lines by style, not by time (all Chinese, then all English).
    cues.sort_by(|a, b| a.start.total_cmp(&b.start));
    Ok(Reading {
        cues,
        notices,
        ..Reading::default()
    })
}

/// `[Script Info]`, `[V4+ Styles]`, `[Events]`, `[Fonts]`: letters, digits, spaces, `+`.
fn is_section(line: &str) -> bool {
    let inner = &line[1..line.len() - 1];
    !inner.is_empty()
        && inner.len() <= 20
        && inner
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '+')
}

/// `&HFF000000` (alpha first) or `&HFF&`: fully transparent.
fn transparent(colour: &str) -> bool {
    let hex = colour
        .trim()
        .trim_start_matches('&')
        .trim_start_matches(['H', 'h'])
        .trim_end_matches('&');
    (hex.len() == 8 && hex[..2].eq_ignore_ascii_case("ff"))
        || (hex.len() == 2 && hex.eq_ignore_ascii_case("ff"))
}

/// The spoken lines of a Dialogue's text: blocks, drawings and invisible parts gone.
pub(super) fn spoken(text: &str) -> Vec<String> {
    let mut out = String::with_capacity(text.len());
    let mut drawing = false;
    let mut invisible = false;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '{' {
            // A `{` before the `}`: this block lost its `}` (the `}` is the next one's).
            let body_end = rest.find('}').filter(|&e| !rest[1..e].contains('{'));
            let (block, after) = match body_end {
                Some(e) => (&rest[1..e], &rest[e + 1..]),
                // No `}`: the override tags run on while they look like tags.
                None => {
                    let n = malformed_block_len(&rest[1..]);
                    (&rest[1..1 + n], &rest[1 + n..])
                }
            };
            apply_tags(block, &mut drawing, &mut invisible);
            rest = after;
            continue;
        }
        if c == '\\' {
            match rest[1..].chars().next() {
                Some('N' | 'n') => {
                    out.push('\n');
                    rest = &rest[2..];
                    continue;
                }
                Some('h') => {
                    if !drawing && !invisible {
                        out.push(' ');
                    }
                    rest = &rest[2..];
                    continue;
                }
                _ => {}
            }
        }
        if !drawing && !invisible {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    out.lines()
        .map(|l| clean(l).to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// The length of a `{` block whose `}` is missing: tags (`\fad(100,200)`, `\pos(1,2`
/// without its `)`, `\bord2`, `\1c&H00FF00&`), up to the first character that goes on
/// no tag: a tag is a digit or none, lower-case letters, then a number, a `&H…&` colour
/// or a `(…)` group.
fn malformed_block_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() && b[i] == b'\\' {
        i += 1;
        if i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        while i < b.len() && b[i].is_ascii_lowercase() {
            i += 1;
        }
        if i < b.len() && b[i] == b'&' {
            i += s[i + 1..].find('&').map_or(1, |k| k + 2);
        } else if i < b.len() && b[i] == b'(' {
            match s[i..].find([')', '\\']) {
                Some(k) if b[i + k] == b')' => i += k + 1,
                Some(k) => i += k,
                None => return b.len(),
            }
        } else {
            while i < b.len() && (b[i].is_ascii_digit() || b".-+".contains(&b[i])) {
                i += 1;
            }
        }
    }
    i
}

/// Applies the tags of one override block: `\p1`…`\p0` drawing mode, `\alpha&HFF&` and
/// `\1a&HFF&` invisibility, `\r` resets.
fn apply_tags(block: &str, drawing: &mut bool, invisible: &mut bool) {
    for tag in block.split('\\').skip(1) {
        let tag = tag.trim();
        if let Some(v) = tag.strip_prefix('p')
            && !v.is_empty()
            && v.bytes().all(|b| b.is_ascii_digit())
        {
            *drawing = v.parse::<u32>().unwrap_or(0) > 0;
        } else if let Some(v) = tag.strip_prefix("alpha").or_else(|| tag.strip_prefix("1a")) {
            *invisible = transparent(v);
        } else if tag == "r" || tag.starts_with('r') && !tag.starts_with("rnd") {
            *invisible = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_breaks_drawings_and_transparency() {
        assert_eq!(
            spoken(r"{\fad(200,200)\pos(960,1000)}大家好\N{\fs40}Hello, everyone"),
            vec!["大家好", "Hello, everyone"]
        );
        assert_eq!(spoken(r"{\an8}Non\hbreaking"), vec!["Non breaking"]);
        assert_eq!(
            spoken(r"{\fad(200,200}Missing paren"),
            vec!["Missing paren"]
        );
        assert_eq!(
            spoken(r"{\fad(200,200)\bord2Missing brace"),
            vec!["Missing brace"]
        );
        assert_eq!(
            spoken(r"{\pos(1,2)\p1}m 0 0 l 100 0 100 100 0 100{\p0}"),
            Vec::<String>::new()
        );
        assert_eq!(spoken(r"{\alpha&HFF&}hidden{\r}shown"), vec!["shown"]);
        assert_eq!(spoken(r"{TL note: a pun}Said"), vec!["Said"]);
        // The `}` after the text is the next block's: the first one lost its own.
        assert_eq!(
            spoken(r"{\fad(150,150)\blur3漏水\N{\fs40}Leaks"),
            vec!["漏水", "Leaks"]
        );
    }

    #[test]
    fn events_with_commas_comments_and_pairs() {
        let text = "[Script Info]\nTitle: x\n\n[V4+ Styles]\nFormat: Name, Fontname, Fontsize, PrimaryColour\nStyle: Default,Arial,20,&H00FFFFFF\nStyle: Ghost,Arial,20,&HFF000000\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\nDialogue: 0,0:00:01.00,0:00:03.50,Default,,0,0,0,,First, with a comma\nComment: 0,0:00:01.00,0:00:03.50,Default,,0,0,0,,not said\nDialogue: 0,0:00:05.00,0:00:06.00,Ghost,,0,0,0,,invisible\nDialogue: 0,0:00:07.00,0:00:08.00,Default,,0,0,0,,第二句\nDialogue: 0,0:00:07.00,0:00:08.00,EN,,0,0,0,,Second line\n\n[Fonts]\nfontname: x.ttf\n[M;Y86-M````\n";
        assert!(sniff(text));
        assert!(!sniff("Notes on the [Events] section of the format.\n"));
        let r = read(text).unwrap();
        let lines: Vec<&Vec<String>> = r.cues.iter().map(|c| &c.lines).collect();
        assert_eq!(r.cues.len(), 3);
        assert_eq!(lines[0], &vec!["First, with a comma".to_string()]);
        assert!(lines[1].is_empty());
        assert_eq!(
            lines[2],
            &vec!["第二句".to_string(), "Second line".to_string()]
        );
        assert_eq!((r.cues[0].start, r.cues[0].end), (1.0, 3.5));
    }
}
