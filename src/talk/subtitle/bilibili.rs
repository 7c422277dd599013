//! Bilibili's subtitle JSON (the "BCC" file every Bilibili subtitle downloader saves):
//! `{"font_size": …, "body": [{"from": 1.2, "to": 3.4, "location": 2, "content": "…"}]}`.
//! `from`/`to` are seconds, integers or floats, keys in any order, often on one line.
//! Cues the AI captioner marks as music (`"music": 0.9`) are lyrics or noise, not talk;
//! rolling repeats go where every reader's do ([`super::parse`]).

use super::super::formats::{Reader, head};
use super::super::text::clean;
use super::{Notice, RawCue, Reading, SubtitleError};
use serde::Deserialize;

pub(crate) const READER: Reader = Reader {
    name: "Bilibili JSON",
    extensions: &["bcc"],
    sniff,
    read,
};

/// An object whose start holds `"body"` and a cue's `"content"` or `"from"`.
fn sniff(text: &str) -> bool {
    let h = head(text).trim_start();
    h.starts_with('{')
        && h.contains("\"body\"")
        && (h.contains("\"content\"") || h.contains("\"from\""))
}

#[derive(Deserialize)]
struct File {
    body: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
struct Item {
    from: f64,
    to: f64,
    content: String,
    #[serde(default)]
    music: Option<f64>,
}

fn read(text: &str) -> Result<Reading, SubtitleError> {
    let file: File = serde_json::from_str(text)
        .map_err(|e| SubtitleError::Malformed(READER.name, e.to_string()))?;
    let mut cues = Vec::new();
    let mut notices = Vec::new();
    for (index, value) in file.body.into_iter().enumerate() {
        match serde_json::from_value::<Item>(value) {
            Ok(item) if item.from.is_finite() && item.to.is_finite() => {
                if item.music.is_some_and(|m| m >= 0.5) {
                    continue;
                }
                let start = item.from.max(0.0);
                cues.push(RawCue {
                    start,
                    end: item.to.max(start),
                    lines: item.content.lines().map(|l| clean(l).to_string()).collect(),
                });
            }
            _ => notices.push(Notice::BadSegment { index: index + 1 }),
        }
    }
    Ok(Reading {
        cues,
        notices,
        ..Reading::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minified_any_key_order_ints_and_floats() {
        let text = r#"{"font_size":0.4,"body":[{"content":"大家好","to":2,"from":0,"location":2},{"from":2.5,"location":2,"to":4.25,"content":"今天讲三件事\nThree things"},{"from":5,"to":6,"music":0.9,"content":"啦啦啦"},{"from":"x"}]}"#;
        assert!(sniff(text));
        let r = read(text).unwrap();
        assert_eq!(r.cues.len(), 2);
        assert_eq!((r.cues[1].start, r.cues[1].end), (2.5, 4.25));
        assert_eq!(r.cues[1].lines, vec!["今天讲三件事", "Three things"]);
        assert_eq!(r.notices, vec![Notice::BadSegment { index: 4 }]);
    }
}
