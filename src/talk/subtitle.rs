//! Subtitles and machine transcripts read into timed cues, then joined into paragraphs
//! that each know when they start. Each format has its reader in `subtitle/` (one file
//! each), listed in [`super::formats::READERS`]; this file holds what they share: the SRT
//! and WebVTT state machine, the markup stripper, and [`parse`], which tidies any
//! reader's cues the same way (annotations, credits, rolling repeats, two languages).
//!
//! Hand-written rather than a crate: the subtitle crates on crates.io (`srtlib`,
//! `subparse`, `webvtt-parser`) read one format each, refuse the whole file at its first
//! bad cue, and know nothing of YouTube's rolling lines or two-language cues, which are
//! most of what real files hold. This reader is one line-based state machine for SRT and
//! WebVTT (they differ in the header, blocks, identifiers and the millisecond
//! separator), tolerant as players are: a cue with a broken timestamp is skipped with a
//! [`Notice`] naming its line, everything else goes on. It is fuzzed
//! (`fuzz/fuzz_targets/subtitle_parser.rs`).
//!
//! What is dropped: cue numbers and identifiers, the `WEBVTT` header and its text,
//! `NOTE`/`STYLE`/`REGION` blocks, cue settings, inline tags (`<c>`, `<i>`, `<v Name>`,
//! `<00:00:01.234>`, `{\an8}`), sound annotations (`[Music]`, `（掌声）`), subtitle
//! ads and credits (`Downloaded from …`, `字幕组`), and lines a rolling caption repeats.

use super::formats::Reader;
use super::text::{clean, ends_like_sentence, is_han, is_wide, width};

mod ass;
mod bilibili;
mod lrc;
mod sbv;
mod srt;
mod ttml;
mod vtt;
mod whisper;
mod xml;
mod youtube;

pub(crate) use ass::READER as ASS;
pub(crate) use bilibili::READER as BILIBILI;
pub(crate) use lrc::READER as LRC;
pub(crate) use sbv::READER as SBV;
pub(crate) use srt::READER as SRT;
pub(crate) use ttml::READER as TTML;
pub(crate) use vtt::READER as WEBVTT;
pub(crate) use whisper::READER as WHISPER;
pub(crate) use youtube::READER as YOUTUBE;

/// One cue: its time span and its text (tags gone), split by language in a
/// two-language file.
#[derive(Debug, Clone, PartialEq)]
pub struct Cue {
    pub start: f64,
    pub end: f64,
    /// The text in the talk's main language.
    pub text: String,
    /// The other language's line of a two-language cue ("" when there is none).
    pub other: String,
}

/// Something skipped while reading, with the line (or JSON segment) it was at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// A timing line that does not parse: the cue under it is skipped.
    BadTimestamp { line: usize, text: String },
    /// A Whisper segment without a usable `start`/`end`/`text`.
    BadSegment { index: usize },
    /// A deck's slide imports a file (Slidev's `src:`) that cannot be read: the slide
    /// stays as written.
    BadImport {
        line: usize,
        src: String,
        reason: String,
    },
}

/// In the language of the thread that formats it (see [`crate::i18n`]): the window puts
/// it into words when it shows it.
impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Self::BadTimestamp { line, text } => {
                crate::t!("notice-bad-timestamp", line = *line, text = text.clone())
            }
            Self::BadSegment { index } => crate::t!("notice-bad-segment", index = *index),
            Self::BadImport { line, src, reason } => crate::t!(
                "notice-bad-import",
                line = *line,
                src = src.clone(),
                reason = reason.clone()
            ),
        };
        f.write_str(&text)
    }
}

/// Why a subtitle file gave nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubtitleError {
    /// Not one cue: no timing the reader knows.
    NoCues,
    /// Cues, but not a word in them (empty lines, comments, drawings); the format's name.
    NothingSpoken(&'static str),
    /// A `.json` file that is not Whisper's output (the JSON parser's message).
    NotWhisper(String),
    /// A file of the format (its name) that its parser cannot read (the parser's message).
    Malformed(&'static str, String),
}

/// A subtitle file read into cues.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Transcript {
    pub cues: Vec<Cue>,
    pub notices: Vec<Notice>,
    /// The title the file states (LRC's `[ti:]`), if any.
    pub title: Option<String>,
    /// The speaker the file names (LRC's `[ar:]`), if any.
    pub speaker: Option<String>,
}

/// What a reader gives: cues whose lines are plain text already (markup, entities and
/// timing gone), and what it skipped. [`parse`] does the rest.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reading {
    pub cues: Vec<RawCue>,
    pub notices: Vec<Notice>,
    pub title: Option<String>,
    pub speaker: Option<String>,
}

/// A run of cues joined into one paragraph of speaker notes.
#[derive(Debug, Clone, PartialEq)]
pub struct TimedParagraph {
    pub text: String,
    pub other: String,
    pub start: f64,
    pub end: f64,
}

/// Reads a subtitle file's text (already decoded) with one reader of the table.
pub fn parse(text: &str, reader: &Reader) -> Result<Transcript, SubtitleError> {
    let reading = (reader.read)(text)?;
    if reading.cues.is_empty() {
        return Err(SubtitleError::NoCues);
    }
    let cues = tidy(reading.cues);
    if cues.is_empty() {
        return Err(SubtitleError::NothingSpoken(reader.name));
    }
    Ok(Transcript {
        cues,
        notices: reading.notices,
        title: reading.title,
        speaker: reading.speaker,
    })
}

/// A cue as a reader gives it: its span and its lines, in plain text.
#[derive(Debug, Clone, PartialEq)]
pub struct RawCue {
    pub start: f64,
    pub end: f64,
    pub lines: Vec<String>,
}

#[derive(PartialEq)]
enum State {
    Between,
    InCue,
    /// Inside the WebVTT header, a NOTE/STYLE/REGION block, or a cue whose timing is
    /// broken: lines are ignored until the next blank line.
    Skip,
}

/// SRT and WebVTT: one line-based state machine (they differ in the header, blocks,
/// identifiers and the millisecond separator).
fn read_cues(text: &str, vtt: bool) -> Reading {
    let lines: Vec<&str> = text.lines().collect();
    let mut cues: Vec<RawCue> = Vec::new();
    let mut notices = Vec::new();
    let mut state = State::Between;
    for (i, raw_line) in lines.iter().enumerate() {
        let line = clean(raw_line);
        if line.is_empty() {
            state = State::Between;
            continue;
        }
        if i == 0 && line.starts_with("WEBVTT") {
            state = State::Skip;
            continue;
        }
        if let Some((start, end)) = parse_timing(line) {
            cues.push(RawCue {
                start,
                end: end.max(start),
                lines: Vec::new(),
            });
            state = State::InCue;
            continue;
        }
        let next_is_timing = lines
            .get(i + 1)
            .is_some_and(|n| clean(n).contains("-->") || looks_like_time(clean(n)));
        if line.contains("-->") || (state == State::Between && looks_like_time(line)) {
            notices.push(Notice::BadTimestamp {
                line: i + 1,
                text: line.chars().take(60).collect(),
            });
            state = State::Skip;
            continue;
        }
        match state {
            State::Skip => {}
            State::InCue => {
                if let Some(cue) = cues.last_mut() {
                    cue.lines.push(strip_markup(line));
                }
            }
            State::Between => {
                let block = vtt
                    && ["NOTE", "STYLE", "REGION"].iter().any(|k| {
                        line.strip_prefix(k)
                            .is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t']))
                    });
                if block {
                    state = State::Skip;
                } else if next_is_timing {
                    // A cue number (SRT) or identifier (WebVTT).
                } else if let Some(cue) = cues.last_mut() {
                    // Text after a blank line inside a cue: players show it with the cue.
                    cue.lines.push(strip_markup(line));
                    state = State::InCue;
                }
            }
        }
    }
    Reading {
        cues,
        notices,
        ..Reading::default()
    }
}

/// `00:01:02,500 --> 00:01:04,000 align:start` → (62.5, 64.0).
pub(crate) fn parse_timing(line: &str) -> Option<(f64, f64)> {
    let (a, b) = line.split_once("-->")?;
    let start = parse_time(clean(a))?;
    let end = parse_time(b.split_whitespace().next()?)?;
    Some((start, end))
}

/// A line that starts like a timestamp (`00:01:02`), to catch broken timing lines that
/// lost their arrow.
fn looks_like_time(line: &str) -> bool {
    let b = line.as_bytes();
    b.len() >= 5 && b[0].is_ascii_digit() && b[1].is_ascii_digit() && b[2] == b':'
}

/// `01:02:03,456`, `01:02:03.456`, `02:03.456` (WebVTT without hours), `01:02:03`.
pub(crate) fn parse_time(s: &str) -> Option<f64> {
    let (hms, frac) = match s.find([',', '.']) {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s, ""),
    };
    let parts: Vec<&str> = hms.split(':').collect();
    let num = |p: &str| -> Option<u64> {
        (!p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let (h, m, sec) = match parts.as_slice() {
        [h, m, s] => (num(h)?, num(m)?, num(s)?),
        [m, s] => (0, num(m)?, num(s)?),
        _ => return None,
    };
    if m >= 60 || sec >= 60 || frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let millis = if frac.is_empty() {
        0.0
    } else {
        frac.parse::<f64>().ok()? / 10f64.powi(frac.len() as i32)
    };
    Some((h * 3600 + m * 60 + sec) as f64 + millis)
}

/// Drops annotations, ads and the lines rolling captions repeat, and splits
/// two-language cues into the main language and the other one.
fn tidy(raw: Vec<RawCue>) -> Vec<Cue> {
    let mut recent: Vec<String> = Vec::new();
    let mut cleaned: Vec<(f64, f64, Vec<String>)> = Vec::new();
    for cue in raw {
        let mut lines = Vec::new();
        for line in &cue.lines {
            let text = clean(line);
            if text.is_empty() || is_annotation(text) || is_credit(text) {
                continue;
            }
            // A rolling caption shows the line before again above the new one.
            if recent.iter().rev().take(2).any(|r| r == text) {
                continue;
            }
            recent.push(text.to_string());
            lines.push(text.to_string());
        }
        if !lines.is_empty() {
            cleaned.push((cue.start, cue.end, lines));
        }
    }
    // The main language: the script of more cue lines; Chinese on a tie.
    let (mut han, mut latin) = (0usize, 0usize);
    for (_, _, lines) in &cleaned {
        for l in lines {
            match script(l) {
                Script::Han => han += 1,
                Script::Latin => latin += 1,
                Script::Other => {}
            }
        }
    }
    let main = if han >= latin {
        Script::Han
    } else {
        Script::Latin
    };
    cleaned
        .into_iter()
        .map(|(start, end, lines)| {
            let bilingual = lines.len() >= 2
                && lines.iter().any(|l| script(l) == Script::Han)
                && lines.iter().any(|l| script(l) == Script::Latin);
            let (mine, other): (Vec<String>, Vec<String>) = if bilingual {
                lines.into_iter().partition(|l| script(l) != opposite(main))
            } else {
                (lines, Vec::new())
            };
            Cue {
                start,
                end,
                text: join_lines(&mine),
                other: join_lines(&other),
            }
        })
        .filter(|c| !c.text.is_empty() || !c.other.is_empty())
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Han,
    Latin,
    Other,
}

fn opposite(s: Script) -> Script {
    match s {
        Script::Han => Script::Latin,
        _ => Script::Han,
    }
}

fn script(line: &str) -> Script {
    let han = line.chars().filter(|&c| is_han(c)).count();
    let letters = line.chars().filter(|c| c.is_ascii_alphabetic()).count();
    if han > 0 && han * 4 >= letters {
        Script::Han
    } else if letters > 0 {
        Script::Latin
    } else {
        Script::Other
    }
}

/// Joins text pieces: a space between Latin ends, nothing between Chinese ones... except
/// that unpunctuated Chinese subtitles use the cue break as a pause, kept as a space.
fn join_lines(lines: &[String]) -> String {
    let mut out = String::new();
    for l in lines {
        push_joined(&mut out, l);
    }
    out
}

fn push_joined(out: &mut String, piece: &str) {
    if piece.is_empty() {
        return;
    }
    if let Some(last) = out.chars().last() {
        let first = piece.chars().next().unwrap_or(' ');
        let cjk_punct = |c: char| is_wide(c) && !is_han(c);
        if !(cjk_punct(last) || cjk_punct(first)) {
            out.push(' ');
        }
    }
    out.push_str(piece);
}

/// Removes `<…>` tags (HTML-like and WebVTT timestamps), `{\…}` ASS overrides and the
/// common HTML entities. `<v Name>` becomes `Name: ` so the speaker stays known.
pub(crate) fn strip_markup(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(close) = rest.find('>')
        {
            let tag = &rest[1..close];
            if let Some(name) = tag.strip_prefix("v ").or_else(|| {
                tag.strip_prefix("v.")
                    .and_then(|t| t.split_once(' ').map(|(_, n)| n))
            }) {
                let name = clean(name);
                if !name.is_empty() {
                    out.push_str(name);
                    out.push_str(": ");
                }
            }
            rest = &rest[close + 1..];
            continue;
        }
        if c == '{'
            && rest[1..].starts_with('\\')
            && let Some(close) = rest.find('}')
        {
            rest = &rest[close + 1..];
            continue;
        }
        if c == '&' {
            let entities = [
                ("&amp;", "&"),
                ("&lt;", "<"),
                ("&gt;", ">"),
                ("&nbsp;", " "),
                ("&quot;", "\""),
                ("&#39;", "'"),
                ("&lrm;", ""),
                ("&rlm;", ""),
            ];
            if let Some((e, r)) = entities.iter().find(|(e, _)| rest.starts_with(e)) {
                out.push_str(r);
                rest = &rest[e.len()..];
                continue;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    // Tags leave double spaces behind (`word <c> next</c>`).
    let mut squeezed = String::with_capacity(out.len());
    for w in out.split_whitespace() {
        if !squeezed.is_empty() {
            squeezed.push(' ');
        }
        squeezed.push_str(w);
    }
    squeezed
}

/// `[Music]`, `(applause)`, `（掌声）`, `♪♪`: sounds, not words.
fn is_annotation(line: &str) -> bool {
    let pairs = [('[', ']'), ('(', ')'), ('（', '）'), ('【', '】')];
    let bracketed = pairs.iter().any(|&(o, c)| {
        line.starts_with(o) && line.ends_with(c) && !line[o.len_utf8()..].contains(o)
    });
    bracketed && width(line) <= 30
        || line
            .chars()
            .all(|c| matches!(c, '♪' | '♫' | '♬' | '#' | '*' | '-' | '.') || c.is_whitespace())
}

/// Subtitle ads and credits, in the words their makers use.
fn is_credit(line: &str) -> bool {
    const EN: &[&str] = &[
        "downloaded from",
        "subtitles by",
        "subtitle by",
        "subtitled by",
        "synced by",
        "sync and corrections",
        "ripped by",
        "captioning by",
        "captions by",
        "captioned by",
        "transcribed by",
        "translated by",
        "opensubtitles",
        "addic7ed",
        "subscene",
        "amara.org",
        "advertise your product",
        "become vip member",
        "www.",
        "http://",
        "https://",
    ];
    const ZH: &[&str] = &[
        "字幕组",
        "字幕翻译",
        "字幕制作",
        "字幕：",
        "字幕:",
        "翻译：",
        "校对：",
        "时间轴：",
        "压制：",
        "后期：",
        "本字幕",
        "更多中文字幕",
        "字幕下载",
        "字幕由",
    ];
    let lower = line.to_lowercase();
    EN.iter().any(|k| lower.contains(k)) || ZH.iter().any(|k| line.contains(k))
}

/// Joins cues into paragraphs. A paragraph ends at a pause of at least `pause` seconds
/// after a finished sentence (or anywhere, in text without punctuation), or at a
/// sentence end once it holds enough text; unpunctuated text (YouTube's auto-captions)
/// is also cut at a cue break once a paragraph is long. A sentence is never cut.
pub fn paragraphs(cues: &[Cue], pause: f64) -> Vec<TimedParagraph> {
    const ENOUGH: usize = 360;
    const UNPUNCTUATED_RUN: usize = 240;
    let punctuated =
        cues.iter().filter(|c| ends_like_sentence(&c.text)).count() * 10 >= cues.len().min(200);
    let mut out: Vec<TimedParagraph> = Vec::new();
    let mut cur: Option<TimedParagraph> = None;
    for (k, cue) in cues.iter().enumerate() {
        let p = cur.get_or_insert_with(|| TimedParagraph {
            text: String::new(),
            other: String::new(),
            start: cue.start,
            end: cue.end,
        });
        push_joined(&mut p.text, &cue.text);
        push_joined(&mut p.other, &cue.other);
        p.end = p.end.max(cue.end);
        let gap = cues.get(k + 1).map_or(f64::INFINITY, |n| n.start - cue.end);
        let sentence_end = ends_like_sentence(&cue.text) || cue.text.is_empty();
        let w = width(&p.text);
        // The next speaker's turn starts a paragraph of its own.
        let turn = cues
            .get(k + 1)
            .is_some_and(|n| super::turns::speaker_turn(&n.text).is_some());
        let cut = if punctuated {
            sentence_end && (gap >= pause || w >= ENOUGH || turn)
        } else {
            gap >= pause || w >= UNPUNCTUATED_RUN || turn
        };
        if cut && let Some(done) = cur.take() {
            out.push(done);
        }
    }
    out.extend(cur);
    out
}

#[cfg(test)]
mod tests;
