//! Whisper's JSON output: `{"segments": [{"start", "end", "text"}]}`, or the bare array
//! of segments. A segment without a usable start, end or text is skipped with a notice.

use super::super::formats::{Reader, head};
use super::super::text::clean;
use super::{Notice, RawCue, Reading, SubtitleError, strip_markup};
use serde_json::Value;

pub(crate) const READER: Reader = Reader {
    name: "Whisper JSON",
    extensions: &["json"],
    sniff,
    read,
};

/// JSON with `"segments"` (anywhere: Whisper writes the whole `"text"` first), or an
/// array of objects with `"start"` and `"text"`.
fn sniff(text: &str) -> bool {
    let h = head(text).trim_start();
    (h.starts_with('{') && text.contains("\"segments\""))
        || (h.starts_with('[') && h.contains("\"start\"") && h.contains("\"text\""))
}

fn read(text: &str) -> Result<Reading, SubtitleError> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| SubtitleError::NotWhisper(e.to_string()))?;
    let segments = match &value {
        Value::Array(items) => items,
        Value::Object(map) => match map.get("segments") {
            Some(Value::Array(items)) => items,
            _ => return Err(SubtitleError::NotWhisper("no \"segments\" array".into())),
        },
        _ => return Err(SubtitleError::NotWhisper("not an object".into())),
    };
    let mut cues = Vec::new();
    let mut notices = Vec::new();
    for (index, seg) in segments.iter().enumerate() {
        let start = seg.get("start").and_then(Value::as_f64);
        let end = seg.get("end").and_then(Value::as_f64);
        let text = seg.get("text").and_then(Value::as_str);
        match (start, end, text) {
            (Some(start), Some(end), Some(text)) if start.is_finite() && end.is_finite() => {
                let start = start.max(0.0);
                cues.push(RawCue {
                    start,
                    end: end.max(start),
                    lines: text.lines().map(|l| strip_markup(clean(l))).collect(),
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
