//! TTML and DFXP (broadcasters, Amara, Netflix-style captions): `<tt>` in the TTML
//! namespace (`http://www.w3.org/ns/ttml`, or DFXP's `.../2006/10/ttaf1`), each `<p>` a
//! cue timed by `begin`/`end`/`dur` (or by its word-timed `<span>`s), `<br/>` a line
//! break, nested spans joined as the text runs (white space between word-timed spans
//! is one space, none between Chinese characters). Times are clock times (`00:00:01.500`), frames (`00:00:01:12`, at
//! `ttp:frameRate`), or offsets (`1.5s`, `1500ms`, `15000t` at `ttp:tickRate`; Apple's
//! lyrics files write bare seconds, `19.764`, and `3:58.640`).
//! `<head>` (styles, metadata) never reaches the text.

use super::super::formats::{Reader, head};
use super::super::text::clean;
use super::xml::{Node, attr, push_text, tidy_spaces, walk};
use super::{RawCue, Reading, SubtitleError};
use crate::talk::foreign::xml_root;

pub(crate) const READER: Reader = Reader {
    name: "TTML/DFXP",
    extensions: &["ttml", "dfxp", "xml"],
    sniff,
    read,
};

/// The root element is `<tt>` (any prefix).
fn sniff(text: &str) -> bool {
    xml_root(head(text)).is_some_and(|root| root == "tt" || root.ends_with(":tt"))
}

/// Rates that `ttp:` attributes on `<tt>` set for the document's times.
#[derive(Clone, Copy)]
pub(super) struct Rates {
    pub frame: f64,
    pub tick: f64,
}

impl Default for Rates {
    fn default() -> Self {
        Rates {
            frame: 30.0,
            tick: 1.0,
        }
    }
}

/// A `<p>` being read: its own times, and the span of its timed children.
struct Para {
    begin: Option<f64>,
    end: Option<f64>,
    text: String,
    inner_begin: Option<f64>,
    inner_end: Option<f64>,
}

fn read(text: &str) -> Result<Reading, SubtitleError> {
    let mut rates = Rates::default();
    let mut cues = Vec::new();
    let mut para: Option<Para> = None;
    // Inside `<head>` (or `<metadata>`): nothing there is spoken.
    let mut hidden = 0usize;
    let result = walk(text, |node| match node {
        Node::Open { name, attrs, empty } => {
            if name == "tt" {
                if let Some(r) = attr(&attrs, "frameRate").and_then(|v| v.trim().parse().ok()) {
                    rates.frame = r;
                }
                if let Some(r) = attr(&attrs, "tickRate").and_then(|v| v.trim().parse().ok()) {
                    rates.tick = r;
                } else if attr(&attrs, "frameRate").is_some() {
                    rates.tick = rates.frame;
                }
            }
            if matches!(name.as_str(), "head" | "metadata" | "styling" | "layout") && !empty {
                hidden += 1;
                return;
            }
            if hidden > 0 {
                return;
            }
            let begin = attr(&attrs, "begin").and_then(|v| time(v, rates));
            let end = attr(&attrs, "end")
                .and_then(|v| time(v, rates))
                .or_else(|| Some(begin? + attr(&attrs, "dur").and_then(|v| time(v, rates))?));
            match name.as_str() {
                "p" if !empty => {
                    para = Some(Para {
                        begin,
                        end,
                        text: String::new(),
                        inner_begin: None,
                        inner_end: None,
                    });
                }
                "br" => {
                    if let Some(p) = para.as_mut() {
                        p.text.push('\n');
                    }
                }
                _ => {
                    if let Some(p) = para.as_mut() {
                        if let Some(b) = begin {
                            // A span's times are relative to its paragraph's begin.
                            let b = p.begin.unwrap_or(0.0) + b;
                            p.inner_begin = Some(p.inner_begin.map_or(b, |x: f64| x.min(b)));
                        }
                        if let Some(e) = end {
                            let e = p.begin.unwrap_or(0.0) + e;
                            p.inner_end = Some(p.inner_end.map_or(e, |x: f64| x.max(e)));
                        }
                    }
                }
            }
        }
        Node::Close(name) => {
            if matches!(name.as_str(), "head" | "metadata" | "styling" | "layout") {
                hidden = hidden.saturating_sub(1);
            } else if name == "p"
                && let Some(p) = para.take()
            {
                let start = p.begin.or(p.inner_begin);
                if let Some(start) = start {
                    let end = p.end.or(p.inner_end).unwrap_or(start).max(start);
                    cues.push(RawCue {
                        start,
                        end,
                        lines: p.text.lines().map(|l| tidy_spaces(clean(l))).collect(),
                    });
                }
            }
        }
        Node::Text(t) => {
            if hidden == 0
                && let Some(p) = para.as_mut()
            {
                push_text(&mut p.text, &t);
            }
        }
    });
    if let Err(reason) = result
        && cues.is_empty()
    {
        return Err(SubtitleError::Malformed(READER.name, reason));
    }
    cues.sort_by(|a, b| a.start.total_cmp(&b.start));
    Ok(Reading {
        cues,
        ..Reading::default()
    })
}

/// A TTML time expression in seconds: `00:00:01.500`, `00:00:01:12` (frames),
/// `00:00:01:12.1` (sub-frames, ignored), `1.5s`, `1500ms`, `0.5m`, `1h`, `30f`, `15000t`.
pub(super) fn time(value: &str, rates: Rates) -> Option<f64> {
    let v = value.trim();
    let seconds = if v.contains(':') {
        let parts: Vec<&str> = v.split(':').collect();
        let num = |p: &str| p.parse::<f64>().ok().filter(|n| n.is_finite() && *n >= 0.0);
        match parts.as_slice() {
            // Apple's lyrics TTML: `3:58.640`.
            [m, s] => num(m)? * 60.0 + num(s)?,
            [h, m, s] => num(h)? * 3600.0 + num(m)? * 60.0 + num(s)?,
            [h, m, s, f] => {
                let frames = num(f.split('.').next().unwrap_or(f))?;
                num(h)? * 3600.0 + num(m)? * 60.0 + num(s)? + frames / rates.frame.max(1.0)
            }
            _ => return None,
        }
    } else {
        // Apple's lyrics TTML: bare seconds, `19.764`.
        let split = v.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(v.len());
        let (n, unit) = v.split_at(split);
        let n: f64 = n
            .parse()
            .ok()
            .filter(|n: &f64| n.is_finite() && *n >= 0.0)?;
        match unit {
            "h" => n * 3600.0,
            "m" => n * 60.0,
            "s" => n,
            "ms" => n / 1000.0,
            "f" => n / rates.frame.max(1.0),
            "t" => n / rates.tick.max(1.0),
            "" => n,
            _ => return None,
        }
    };
    seconds.is_finite().then_some(seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_expressions() {
        let r = Rates::default();
        assert_eq!(time("00:00:01.500", r), Some(1.5));
        assert_eq!(time("00:00:01:15", r), Some(1.5));
        assert_eq!(time("1.5s", r), Some(1.5));
        assert_eq!(time("1500ms", r), Some(1.5));
        let ticks = Rates {
            frame: 30.0,
            tick: 10_000_000.0,
        };
        assert_eq!(time("15000000t", ticks), Some(1.5));
        assert_eq!(time("19.764", r), Some(19.764));
        assert_eq!(time("3:58.5", r), Some(238.5));
        assert_eq!(time("soon", r), None);
        assert_eq!(time("-1s", r), None);
    }

    #[test]
    fn paragraphs_spans_and_entities() {
        let doc = r#"<?xml version="1.0" encoding="UTF-8"?>
<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" ttp:tickRate="10000000">
  <head><metadata><ttm:title xmlns:ttm="http://www.w3.org/ns/ttml#metadata">Not spoken</ttm:title></metadata></head>
  <body><div>
    <p begin="10000000t" end="25000000t">Say &lt;script&gt; &amp; mean it<br/>second line</p>
    <p begin="3s" dur="1s"><span begin="0s">大家</span>
        <span begin="0.5s">好</span></p>
  </div></body>
</tt>"#;
        let r = read(doc).unwrap();
        assert_eq!(r.cues.len(), 2);
        assert_eq!((r.cues[0].start, r.cues[0].end), (1.0, 2.5));
        assert_eq!(
            r.cues[0].lines,
            vec!["Say <script> & mean it", "second line"]
        );
        assert_eq!(r.cues[1].lines, vec!["大家好"]);
        assert_eq!((r.cues[1].start, r.cues[1].end), (3.0, 4.0));
    }
}
