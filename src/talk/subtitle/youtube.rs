//! YouTube's timed-text XML: the old `<transcript><text start="1.2" dur="3.4">` (seconds)
//! and srv3's `<timedtext><body><p t="1200" d="3400">` (milliseconds, with word-timed
//! `<s>` pieces). YouTube escapes the text twice (`&amp;#39;`): after the XML's own
//! entities, the text's entities are resolved once more, and the formatting tags that
//! this uncovers (`<font color="…">`, `<i>`) are removed.

use super::super::formats::{Reader, head};
use super::super::text::clean;
use super::xml::{Node, attr, push_text, tidy_spaces, walk};
use super::{RawCue, Reading, SubtitleError};
use crate::talk::foreign::xml_root;

pub(crate) const READER: Reader = Reader {
    name: "YouTube XML",
    extensions: &["srv1", "srv2", "srv3"],
    sniff,
    read,
};

fn sniff(text: &str) -> bool {
    xml_root(head(text)).is_some_and(|root| root == "transcript" || root == "timedtext")
}

fn read(text: &str) -> Result<Reading, SubtitleError> {
    let mut cues = Vec::new();
    // The open cue: start, end, text.
    let mut open: Option<(f64, f64, String)> = None;
    let mut in_head = false;
    let result = walk(text, |node| match node {
        Node::Open { name, attrs, empty } => {
            let num = |k: &str| {
                attr(&attrs, k)
                    .and_then(|v| v.trim().parse::<f64>().ok())
                    .filter(|v| v.is_finite() && *v >= 0.0)
            };
            match name.as_str() {
                "head" if !empty => in_head = true,
                "text" if !in_head => {
                    let start = num("start").unwrap_or(0.0);
                    let end = start + num("dur").unwrap_or(0.0);
                    open = (!empty).then(|| (start, end, String::new()));
                }
                "p" if !in_head => {
                    let start = num("t").unwrap_or(0.0) / 1000.0;
                    let end = start + num("d").unwrap_or(0.0) / 1000.0;
                    open = (!empty).then(|| (start, end, String::new()));
                }
                "br" => {
                    if let Some((_, _, t)) = open.as_mut() {
                        t.push('\n');
                    }
                }
                _ => {}
            }
        }
        Node::Close(name) => match name.as_str() {
            "head" => in_head = false,
            "text" | "p" => {
                if let Some((start, end, t)) = open.take() {
                    let t = unescape_again(&t);
                    cues.push(RawCue {
                        start,
                        end,
                        lines: t.lines().map(|l| tidy_spaces(clean(l))).collect(),
                    });
                }
            }
            _ => {}
        },
        Node::Text(t) => {
            if let Some((_, _, text)) = open.as_mut() {
                push_text(text, &t);
            }
        }
    });
    if let Err(reason) = result
        && cues.is_empty()
    {
        return Err(SubtitleError::Malformed(READER.name, reason));
    }
    Ok(Reading {
        cues,
        ..Reading::default()
    })
}

/// The second level of YouTube's escaping: `&#39;` → `'`, `&quot;` → `"`, `&amp;lt;`
/// (now `&lt;`) → `<` shown as text; `<font …>`, `</font>`, `<i>`, `<b>`, `<u>` (which the
/// first level hid) removed.
fn unescape_again(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(close) = rest.find('>')
        {
            let tag = rest[1..close].trim_start_matches('/').to_ascii_lowercase();
            let name = tag.split_whitespace().next().unwrap_or("");
            if matches!(name, "font" | "i" | "b" | "u") {
                rest = &rest[close + 1..];
                continue;
            }
        }
        if c == '&'
            && let Some(semi) = rest[1..].find(';').map(|i| i + 1)
            && semi <= 10
        {
            let entity = &rest[1..semi];
            let resolved = match entity.strip_prefix('#') {
                Some(n) => n
                    .strip_prefix(['x', 'X'])
                    .map_or_else(|| n.parse().ok(), |h| u32::from_str_radix(h, 16).ok())
                    .and_then(char::from_u32)
                    .map(String::from),
                None => quick_xml::escape::resolve_xml_entity(entity)
                    .or_else(|| quick_xml::escape::resolve_html5_entity(entity))
                    .map(str::to_string),
            };
            if let Some(r) = resolved {
                out.push_str(&r);
                rest = &rest[semi + 1..];
                continue;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn double_escaped_text_is_decoded_once_more() {
        let doc = r#"<?xml version="1.0" encoding="utf-8" ?><transcript><text start="0.5" dur="2.1">it&amp;#39;s &amp;lt;script&amp;gt; &amp;amp; more</text><text start="2.6" dur="1">&lt;font color=&quot;#E5E5E5&quot;&gt;grey&lt;/font&gt; words</text></transcript>"#;
        let r = read(doc).unwrap();
        assert_eq!(r.cues[0].lines, vec!["it's <script> & more"]);
        assert_eq!((r.cues[0].start, r.cues[0].end), (0.5, 2.6));
        assert_eq!(r.cues[1].lines, vec!["grey words"]);
    }

    #[test]
    fn srv3_word_pieces() {
        let doc = r#"<?xml version="1.0" encoding="utf-8" ?><timedtext format="3"><head><ws id="0"/></head><body><p t="1200" d="3400" w="1"><s ac="0">so</s><s t="400" ac="0"> today</s></p><p t="5000" d="10" a="1"></p></body></timedtext>"#;
        let r = read(doc).unwrap();
        assert_eq!(r.cues[0].lines, vec!["so today"]);
        assert_eq!((r.cues[0].start, r.cues[0].end), (1.2, 4.6));
    }
}
