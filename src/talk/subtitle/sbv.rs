//! SBV (YouTube's own caption download) and SubViewer 2: a timing line
//! `0:00:00.048,0:00:02.932` (single-digit hours; SubViewer's hundredths
//! `00:00:41.00,00:00:44.40`), the cue's lines, a blank line. SubViewer's
//! `[INFORMATION]` header and `[COLF]…` style lines are not text; its `[br]` is a line
//! break.

use super::super::formats::{Reader, head};
use super::super::text::clean;
use super::{Notice, RawCue, Reading, SubtitleError, parse_time};

pub(crate) const READER: Reader = Reader {
    name: "SBV/SubViewer",
    extensions: &["sbv", "sub"],
    sniff,
    read,
};

fn sniff(text: &str) -> bool {
    let h = head(text);
    let first = h.lines().map(clean).find(|l| !l.is_empty());
    first.is_some_and(|l| l.starts_with("[INFORMATION]") || timing(l).is_some())
}

/// `0:00:00.048,0:00:02.932` → (0.048, 2.932).
fn timing(line: &str) -> Option<(f64, f64)> {
    let (a, b) = line.split_once(',')?;
    let (a, b) = (a.trim(), b.trim());
    if !a.contains(':') || !b.contains(':') {
        return None;
    }
    Some((parse_time(a)?, parse_time(b)?))
}

fn read(text: &str) -> Result<Reading, SubtitleError> {
    let mut cues: Vec<RawCue> = Vec::new();
    let mut notices = Vec::new();
    let mut in_cue = false;
    let mut in_header = false;
    for (i, raw) in text.lines().enumerate() {
        let line = clean(raw);
        if line.is_empty() {
            in_cue = false;
            continue;
        }
        if line.starts_with("[INFORMATION]") {
            in_header = true;
            continue;
        }
        if in_header {
            in_header = !line.starts_with("[END INFORMATION]");
            continue;
        }
        if let Some((start, end)) = timing(line) {
            cues.push(RawCue {
                start,
                end: end.max(start),
                lines: Vec::new(),
            });
            in_cue = true;
            continue;
        }
        let is_tag = line.starts_with('[') && {
            let tag = line[1..].split(']').next().unwrap_or("");
            !tag.is_empty() && tag.bytes().all(|b| b.is_ascii_uppercase())
        };
        if in_cue && !is_tag {
            if let Some(cue) = cues.last_mut() {
                for part in line.split("[br]") {
                    cue.lines.push(clean(part).to_string());
                }
            }
        } else if !is_tag && cues.is_empty() && line.contains(',') && line.contains(':') {
            notices.push(Notice::BadTimestamp {
                line: i + 1,
                text: line.chars().take(60).collect(),
            });
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
    fn sbv_and_subviewer() {
        let sbv = "0:00:00.048,0:00:02.932\r\nhello there\r\nsecond line\r\n\r\n0:00:03.000,0:00:05.500\r\nnext\r\n";
        let text = sbv.replace("\r\n", "\n");
        assert!(sniff(&text));
        let r = read(&text).unwrap();
        assert_eq!(r.cues.len(), 2);
        assert_eq!(r.cues[0].lines, vec!["hello there", "second line"]);
        assert_eq!((r.cues[1].start, r.cues[1].end), (3.0, 5.5));

        let sub = "[INFORMATION]\n[TITLE]Talk\n[AUTHOR]me\n[END INFORMATION]\n[SUBTITLE]\n[COLF]&HFFFFFF,[STYLE]bd,[SIZE]18,[FONT]Arial\n00:00:41.00,00:00:44.40\nThe age closed.[br]A new one began.\n";
        assert!(sniff(sub));
        let r = read(sub).unwrap();
        assert_eq!(r.cues.len(), 1);
        assert_eq!(r.cues[0].lines, vec!["The age closed.", "A new one began."]);
        assert_eq!(r.cues[0].start, 41.0);
    }
}
