//! LRC, lyrics-style timed text (Chinese learners' `English|中文` lesson files among
//! others): `[mm:ss.xx]` tags before each line, several on one line for a line said
//! more than once, id tags (`[ti:]` the title, `[ar:]` the speaker; `[al:]`, `[by:]`,
//! `[offset:]` never shown, the offset applied), `|` between a line's two languages,
//! and enhanced LRC's word times `<mm:ss.xx>` removed. A line lasts until the next.

use super::super::formats::{Reader, head};
use super::super::text::clean;
use super::{RawCue, Reading, SubtitleError};

pub(crate) const READER: Reader = Reader {
    name: "LRC",
    extensions: &["lrc"],
    sniff,
    read,
};

/// How long the last line lasts, in seconds (nothing after it says).
const LAST_LINE: f64 = 4.0;

/// Two lines starting with an LRC time tag (`[mm:ss.xx]`, minutes and seconds with
/// hundredths), or one and an id tag. `[00:07:10]` alone is how transcripts mark
/// their paragraphs, not LRC.
fn sniff(text: &str) -> bool {
    let (mut timed, mut ids) = (0, 0);
    for line in head(text).lines().map(clean) {
        let lrc_tag = line
            .strip_prefix('[')
            .and_then(|r| r.split_once(']'))
            .is_some_and(|(tag, _)| tag.matches(':').count() == 1 && tag.contains('.'));
        if lrc_tag && !tags(line).0.is_empty() {
            timed += 1;
        } else if id_tag(line).is_some() {
            ids += 1;
        }
    }
    timed >= 2 || (timed >= 1 && ids >= 1)
}

/// `[ti:Title]` → ("ti", "Title").
fn id_tag(line: &str) -> Option<(&str, &str)> {
    let inner = line.strip_prefix('[')?.strip_suffix(']')?;
    let (key, value) = inner.split_once(':')?;
    let known = [
        "ti", "ar", "al", "by", "offset", "au", "length", "re", "ve", "tool", "la", "id",
    ];
    known
        .contains(&key.trim().to_ascii_lowercase().as_str())
        .then(|| (key.trim(), value.trim()))
}

/// The time tags at the start of a line and the text after them.
fn tags(line: &str) -> (Vec<f64>, &str) {
    let mut times = Vec::new();
    let mut rest = line.trim_start();
    while let Some(inner) = rest.strip_prefix('[')
        && let Some(close) = inner.find(']')
        && let Some(t) = time(&inner[..close])
    {
        times.push(t);
        rest = inner[close + 1..].trim_start();
    }
    (times, rest)
}

/// `01:02.50`, `01:02`, `01:02:50` (hundredths after a colon), `1:01:02.5` → seconds.
fn time(tag: &str) -> Option<f64> {
    let parts: Vec<&str> = tag.trim().split(':').collect();
    let int = |p: &str| {
        (!p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<f64>().ok())
            .flatten()
    };
    let secs = |p: &str| {
        let (s, frac) = p.split_once('.').unwrap_or((p, ""));
        let frac_ok = frac.len() <= 3 && frac.bytes().all(|b| b.is_ascii_digit());
        let f = if frac.is_empty() {
            0.0
        } else {
            frac.parse::<f64>().ok()? / 10f64.powi(frac.len() as i32)
        };
        (frac_ok && s.len() <= 2).then_some(int(s)? + f)
    };
    match parts.as_slice() {
        [m, s] => Some(int(m)? * 60.0 + secs(s)?),
        [a, b, c] if c.contains('.') => Some(int(a)? * 3600.0 + int(b)? * 60.0 + secs(c)?),
        [m, s, cs] => Some(int(m)? * 60.0 + int(s)? + int(cs)? / 100.0),
        _ => None,
    }
}

/// Removes enhanced LRC's `<mm:ss.xx>` word times.
fn strip_word_times(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('>') {
            Some(close) if time(&after[..close]).is_some() => rest = &after[close + 1..],
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn read(text: &str) -> Result<Reading, SubtitleError> {
    let mut title = None;
    let mut speaker = None;
    let mut offset = 0.0;
    let mut lines: Vec<(f64, Vec<String>)> = Vec::new();
    for line in text.lines().map(clean) {
        if let Some((key, value)) = id_tag(line) {
            match key.to_ascii_lowercase().as_str() {
                "ti" if !value.is_empty() => title = Some(value.to_string()),
                "ar" if !value.is_empty() => speaker = Some(value.to_string()),
                "offset" => {
                    offset = value.trim_start_matches('+').parse::<f64>().unwrap_or(0.0) / 1000.0
                }
                _ => {}
            }
            continue;
        }
        let (times, rest) = tags(line);
        if times.is_empty() {
            continue;
        }
        let rest = strip_word_times(rest);
        let parts: Vec<String> = rest
            .split('|')
            .map(|p| clean(p).to_string())
            .filter(|p| !p.is_empty())
            .collect();
        for t in times {
            lines.push((t, parts.clone()));
        }
    }
    // A positive offset shows the lines sooner.
    lines.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut cues = Vec::with_capacity(lines.len());
    for (k, (t, parts)) in lines.iter().enumerate() {
        let start = (t - offset).max(0.0);
        let next = lines.get(k + 1).map_or(t + LAST_LINE, |n| n.0);
        let end = (next - offset).max(start);
        cues.push(RawCue {
            start,
            end,
            lines: parts.clone(),
        });
    }
    Ok(Reading {
        cues,
        notices: Vec::new(),
        title,
        speaker,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_offset_and_two_languages() {
        let text = "[ti:新概念英语（二）]\n[ar:Alexander]\n[by:someone]\n[offset:500]\n[00:10.50]A private conversation|私人谈话\n[00:12.00][00:20.00]Last week I went|上星期我去\n[00:15.00]<00:15.00>The <00:15.40>play\n";
        assert!(sniff(text));
        let r = read(text).unwrap();
        assert_eq!(r.title.as_deref(), Some("新概念英语（二）"));
        assert_eq!(r.speaker.as_deref(), Some("Alexander"));
        assert_eq!(r.cues.len(), 4);
        assert_eq!(r.cues[0].start, 10.0);
        assert_eq!(r.cues[0].lines, vec!["A private conversation", "私人谈话"]);
        assert_eq!(r.cues[2].lines, vec!["The play"]);
        assert_eq!(r.cues[3].start, 19.5);
        assert!(!sniff("[Music]\n[Applause]\n"));
        assert!(!sniff("[00:07:10] Emma: hello\n[00:07:30] Joe: hi\n"));
    }
}
