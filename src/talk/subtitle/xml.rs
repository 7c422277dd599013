//! What the XML readers (TTML, YouTube's timed text) share: quick-xml's events reduced
//! to elements (local names, attributes decoded) and text with every entity resolved
//! once, so that `&lt;script&gt;` is the text `<script>`, never a tag.

use super::super::text::{is_han, is_wide};
use quick_xml::events::Event;

/// One step through an XML document.
pub(super) enum Node {
    /// An element opens (`empty`: it also closes, `<br/>`), with its attributes by local
    /// name (`ttp:tickRate` → `tickRate`).
    Open {
        name: String,
        attrs: Vec<(String, String)>,
        empty: bool,
    },
    Close(String),
    /// Text, entities resolved.
    Text(String),
}

/// Walks the document, calling `visit` on each node; stops at the end or at the first
/// error, which it returns (what was visited before stays visited).
pub(super) fn walk(text: &str, mut visit: impl FnMut(Node)) -> Result<(), String> {
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("{e} (byte {})", reader.error_position()))?;
        match event {
            Event::Start(e) => visit(open(&e, false)),
            Event::Empty(e) => visit(open(&e, true)),
            Event::End(e) => visit(Node::Close(local(e.local_name().as_ref()))),
            Event::Text(e) => {
                let t = e.xml10_content().map_err(|e| e.to_string())?;
                visit(Node::Text(t.into_owned()));
            }
            Event::CData(e) => {
                visit(Node::Text(String::from_utf8_lossy(&e).into_owned()));
            }
            Event::GeneralRef(e) => {
                let resolved = match e.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => {
                        let name = String::from_utf8_lossy(&e).into_owned();
                        quick_xml::escape::resolve_xml_entity(&name)
                            .or_else(|| quick_xml::escape::resolve_html5_entity(&name))
                            .map_or_else(|| format!("&{name};"), str::to_string)
                    }
                };
                visit(Node::Text(resolved));
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

fn open(e: &quick_xml::events::BytesStart<'_>, empty: bool) -> Node {
    let attrs = e
        .attributes()
        .flatten()
        .map(|a| {
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned());
            (local(a.key.local_name().as_ref()), value)
        })
        .collect();
    Node::Open {
        name: local(e.local_name().as_ref()),
        attrs,
        empty,
    }
}

fn local(name: &[u8]) -> String {
    String::from_utf8_lossy(name).into_owned()
}

/// The value of the attribute of this local name.
pub(super) fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Text as XML readers show it: every run of white space (also the indentation between
/// word-timed spans) as one space; [`tidy_spaces`] then takes out those that Chinese
/// text and punctuation do not have.
pub(super) fn push_text(out: &mut String, text: &str) {
    let mut last_space = out.is_empty() || out.ends_with([' ', '\n']);
    for c in text.chars() {
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
        } else {
            out.push(c);
            last_space = false;
        }
    }
}

/// A line without the spaces word-timed spans leave between Chinese characters
/// (`大家 好`) and before closing punctuation (`words ,`).
pub(super) fn tidy_spaces(line: &str) -> String {
    let chars: Vec<char> = line.trim().chars().collect();
    let mut out = String::with_capacity(line.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let prev = chars[..i].last().copied().unwrap_or(' ');
            let next = chars.get(i + 1).copied().unwrap_or(' ');
            let wide = |c: char| is_wide(c);
            if (wide(prev) && wide(next))
                || matches!(next, ',' | '.' | '!' | '?' | ';' | ':' | ')')
                || wide(next) && !is_han(next)
            {
                continue;
            }
        }
        out.push(c);
    }
    out
}
