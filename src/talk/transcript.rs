//! Speaker-and-time transcripts in plain text: what meeting and podcast tools export.
//!
//! Each of these tools writes a *head* (who speaks, from when) and then the words:
//!
//! - **Otter.ai**: `Emma  0:00` (name, two spaces, `m:ss` or `h:mm:ss`) on a line, the
//!   words on the next lines, `Transcribed by https://otter.ai` at the end (podcast
//!   sites publish it in Markdown as `**Emma** [0:00]`, the words on the same line or
//!   under it);
//! - **飞书妙记, 通义听悟, 腾讯会议**: `说话人 1 00:02`, `发言人2 00:01:05`,
//!   `张三 00:01:05` or `张三(00:01:05):` on a line, the words under it; a header of the
//!   meeting's name, date and keywords before the first head;
//! - **time-first paragraphs** (hand-made transcripts, Zoom and Teams chats pasted as
//!   text, `whisper` on the command line): `00:07:10 <v Name> words`,
//!   `[00:07:10] Name: words`, `(07:10) words`, `[00:00.000 --> 00:05.000] words`, or a
//!   time alone on a line with the words under it.
//!
//! [`read`] finds the heads, and gives the talk model the subtitle readers give: timed
//! paragraphs, each opening with `Name: ` where a speaker is named (so
//! [`super::turns`] shows the speaker apart), cut into topic cards by
//! [`super::topics`]. Heads never reach the text: a time or a `Name  0:00` line is
//! what the card's time and speaker say. A text is taken for a transcript only when
//! heads of one layout recur (two or more, in time order, at least one line in ten), so
//! an article that mentions `10:30` once stays an article.

use super::Talk;
use super::text::{clean, ends_like_sentence, is_han, is_wide, normalize, sha256_hex, width};
use super::topics::{TopicPara, timed_talk};
use super::turns::speaker_turn;

/// Where a head puts the time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// `Name  0:00`, `说话人 1 00:02`, `张三(00:01:05):`: the name first.
    NameTime,
    /// `00:07:10 Name: words`, `[00:07:10] words`, a time alone: the time first.
    TimeFirst,
}

/// One head: the time, the speaker if named, and the words on its own line.
#[derive(Debug, Clone, PartialEq)]
struct Head<'a> {
    layout: Layout,
    start: f64,
    end: Option<f64>,
    speaker: Option<&'a str>,
    rest: &'a str,
}

/// A speaker's turn as read: its head and its words, paragraph by paragraph.
#[derive(Debug)]
struct Block<'a> {
    start: f64,
    end: Option<f64>,
    speaker: Option<&'a str>,
    paras: Vec<String>,
}

/// The transcript in `text` as a talk of timed cards, or `None` when the text is not
/// shaped like one. `name` (the file's stem) titles a transcript without a header.
pub fn read(text: &str, name: &str) -> Option<Talk> {
    let norm = normalize(text);
    let lines: Vec<&str> = norm.lines().map(clean).collect();
    let layout = layout_of(&lines)?;
    let first = lines
        .iter()
        .position(|l| head(l).is_some_and(|h| h.layout == layout))?;
    let mut blocks: Vec<Block<'_>> = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    for line in &lines[first..] {
        if let Some(h) = head(line).filter(|h| h.layout == layout) {
            flush(&mut blocks, &mut para);
            blocks.push(Block {
                start: h.start,
                end: h.end,
                speaker: h.speaker,
                paras: Vec::new(),
            });
            if !h.rest.is_empty() {
                para.push(h.rest);
            }
        } else if line.is_empty() {
            flush(&mut blocks, &mut para);
        } else if !is_footer(line) {
            para.push(line);
        }
    }
    flush(&mut blocks, &mut para);
    let (title, preamble) = preamble(&lines[..first]);
    let paras = paragraphs(blocks, preamble);
    if paras.is_empty() {
        return None;
    }
    let title = title.unwrap_or_else(|| super::topics::title_from_name(name));
    Some(timed_talk(paras, title, sha256_hex(&norm)))
}

/// The layout whose heads recur in time order, if one does.
fn layout_of(lines: &[&str]) -> Option<Layout> {
    let text_lines = lines.iter().filter(|l| !l.is_empty()).count();
    [Layout::NameTime, Layout::TimeFirst]
        .into_iter()
        .map(|layout| {
            let times: Vec<f64> = lines
                .iter()
                .filter_map(|l| head(l).filter(|h| h.layout == layout))
                .map(|h| h.start)
                .collect();
            let ordered = times.windows(2).filter(|w| w[1] >= w[0]).count();
            let fits = times.len() >= 2
                && ordered * 10 >= (times.len() - 1) * 9
                && times.len() * 10 >= text_lines;
            (layout, if fits { times.len() } else { 0 })
        })
        .filter(|&(_, n)| n > 0)
        .max_by_key(|&(_, n)| n)
        .map(|(layout, _)| layout)
}

fn flush<'a>(blocks: &mut [Block<'a>], para: &mut Vec<&'a str>) {
    if para.is_empty() {
        return;
    }
    let text = join(para);
    para.clear();
    if let Some(block) = blocks.last_mut()
        && !text.is_empty()
    {
        block.paras.push(text);
    }
}

/// Lines joined as they read: a space between Latin words, none between Chinese.
fn join(lines: &[&str]) -> String {
    let mut out = String::new();
    for line in lines {
        if let (Some(prev), Some(next)) = (out.chars().last(), line.chars().next())
            && !(is_wide(prev) && is_wide(next))
        {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// What comes before the first head: the meeting's name (its first line, when short)
/// and the other lines that are text, not the export's dates, durations and labels.
fn preamble(lines: &[&str]) -> (Option<String>, Vec<String>) {
    // A label alone (`关键词:`) heads a block of its values, up to a blank line.
    let mut in_label = false;
    let mut text = lines
        .iter()
        .copied()
        .filter(|l| {
            if l.is_empty() {
                in_label = false;
            } else if l.ends_with([':', '：']) && is_metadata(l) {
                in_label = true;
            }
            !in_label
        })
        .filter(|l| !l.is_empty() && !is_footer(l) && !is_metadata(l));
    let title = text
        .next()
        .filter(|l| width(l) <= 60 && !ends_like_sentence(l))
        .map(str::to_string);
    (title, text.map(str::to_string).collect())
}

/// `关键词：…`, `日期: 2024-05-10 14:00`, `Duration 1:02:03`, `文字记录`: the export's
/// labels, not what anyone said.
fn is_metadata(line: &str) -> bool {
    let has_time = line
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '（' | '）' | '|'))
        .any(|w| time(w).is_some());
    let label = line
        .find([':', '：'])
        .is_some_and(|i| width(clean(&line[..i])) <= 16 && !line[..i].contains(' '));
    const LABELS: &[&str] = &["文字记录", "转写", "Transcript", "智能纪要", "会议纪要"];
    has_time || label || LABELS.iter().any(|l| line.eq_ignore_ascii_case(l))
}

/// The credit a transcription service adds at the end.
fn is_footer(line: &str) -> bool {
    let lower = line.to_lowercase();
    lower.starts_with("transcribed by") || lower.contains("otter.ai")
}

/// Blocks → timed paragraphs, each opening with its speaker's name. A speaker's
/// consecutive short blocks are one paragraph (a line-per-cue transcript reads as
/// prose); a new speaker always starts a paragraph.
fn paragraphs(blocks: Vec<Block<'_>>, preamble: Vec<String>) -> Vec<TopicPara> {
    let mut out: Vec<TopicPara> = Vec::new();
    let first_start = blocks.first().map_or(0.0, |b| b.start);
    for text in preamble {
        out.push(timed(text, first_start, None));
    }
    let mut last_speaker: Option<&str> = None;
    let starts: Vec<f64> = blocks.iter().map(|b| b.start).collect();
    for (k, block) in blocks.into_iter().enumerate() {
        let next_start = starts.get(k + 1).copied();
        let same = k > 0 && block.speaker == last_speaker;
        let new_speaker = !same;
        last_speaker = block.speaker;
        for (i, text) in block.paras.into_iter().enumerate() {
            let end = block.end.or(next_start);
            let continues = (same || i > 0)
                && out.last().is_some_and(|p| {
                    let w = width(&p.text);
                    w < 600 && !(w >= 240 && ends_like_sentence(&p.text))
                });
            if continues && let Some(p) = out.last_mut() {
                push_joined(&mut p.text, &text);
                p.end = end.or(p.end);
                continue;
            }
            let lead = match block.speaker {
                Some(name) if new_speaker && i == 0 => lead(name),
                _ => String::new(),
            };
            out.push(timed(format!("{lead}{text}"), block.start, end));
        }
    }
    // The last paragraph ends when it is said.
    if let Some(p) = out.last_mut()
        && p.end.is_none_or(|e| e <= p.start.unwrap_or(0.0))
    {
        let start = p.start.unwrap_or(0.0);
        p.end = Some(start + super::speaking_time(&p.text).as_secs_f64());
    }
    for p in &mut out {
        if p.end.is_none() {
            p.end = p.start;
        }
    }
    out
}

fn timed(text: String, start: f64, end: Option<f64>) -> TopicPara {
    TopicPara {
        text,
        other: String::new(),
        start: Some(start),
        end,
    }
}

fn push_joined(out: &mut String, piece: &str) {
    if let (Some(prev), Some(next)) = (out.chars().last(), piece.chars().next())
        && !(is_wide(prev) && is_wide(next))
    {
        out.push(' ');
    }
    out.push_str(piece);
}

/// `Emma: `, `张三：`: the lead [`speaker_turn`] reads back.
fn lead(name: &str) -> String {
    if name.chars().any(is_han) {
        format!("{name}：")
    } else {
        format!("{name}: ")
    }
}

/// The head a line is, if it is one.
fn head(line: &str) -> Option<Head<'_>> {
    time_first(line).or_else(|| name_time(line))
}

/// `00:07:10 <v Name> words`, `[00:07:10] Name: words`, `(07:10)`, `[0:00.000 --> 0:05.000]`.
fn time_first(line: &str) -> Option<Head<'_>> {
    let (open, close) = match line.chars().next()? {
        '[' => (1, Some(']')),
        '(' => (1, Some(')')),
        '【' => (3, Some('】')),
        c if c.is_ascii_digit() => (0, None),
        _ => return None,
    };
    let inner = &line[open..];
    let (stamp, rest) = match close {
        Some(c) => inner.split_once(c)?,
        None => inner.split_once(char::is_whitespace).unwrap_or((inner, "")),
    };
    let (start, end) = match stamp.split_once("-->") {
        Some((a, b)) => (time(clean(a))?, Some(time(clean(b))?)),
        None => (time(clean(stamp))?, None),
    };
    let rest = clean(rest);
    let rest = clean(rest.strip_prefix(['-', '|']).unwrap_or(rest));
    let (speaker, rest) = speaker_of(rest);
    Some(Head {
        layout: Layout::TimeFirst,
        start,
        end,
        speaker,
        rest,
    })
}

/// The speaker that opens the words after a time: `<v Name>words</v>` or `Name: words`.
fn speaker_of(rest: &str) -> (Option<&str>, &str) {
    if let Some(tag) = rest.strip_prefix("<v")
        && tag.starts_with([' ', '.'])
        && let Some((inside, words)) = tag.split_once('>')
    {
        // `<v.loud Name>`: classes before the name.
        let name = match inside.strip_prefix('.') {
            Some(classed) => classed.split_once(' ').map_or("", |(_, n)| n),
            None => inside,
        };
        let name = clean(name);
        let words = clean(words.strip_suffix("</v>").unwrap_or(words));
        return ((!name.is_empty()).then_some(name), words);
    }
    match speaker_turn(rest) {
        Some((name, lead)) => (Some(name), clean(&rest[lead..])),
        None => (None, rest),
    }
}

/// `Emma  0:00`, `说话人 1 00:02`, `张三(00:01:05):`, `**Ali** [0:00]`, with or
/// without words after it.
fn name_time(line: &str) -> Option<Head<'_>> {
    let bracket = line
        .char_indices()
        .find(|&(_, c)| matches!(c, '(' | '（' | '['))
        .and_then(|(open, c)| {
            let close: &[char] = match c {
                '[' => &[']'],
                _ => &[')', '）'],
            };
            let inner = open + c.len_utf8();
            let end = inner + line[inner..].find(close)?;
            let width = line[end..].chars().next()?.len_utf8();
            let rest = clean(&line[end + width..]);
            let rest = clean(rest.strip_prefix([':', '：']).unwrap_or(rest));
            Some((&line[..open], &line[inner..end], rest))
        })
        .filter(|(_, stamp, _)| time(clean(stamp)).is_some());
    let (name, stamp, rest) = match bracket {
        Some(found) => found,
        None => {
            let (name, stamp) = line.rsplit_once(char::is_whitespace)?;
            (name, stamp.trim_end_matches([':', '：']), "")
        }
    };
    let start = time(clean(stamp))?;
    // `**Ali**`: podcast sites publish Otter's layout in Markdown.
    let name = clean(name).trim_matches(['*', '_']);
    if !is_name(name) {
        return None;
    }
    Some(Head {
        layout: Layout::NameTime,
        start,
        end: None,
        speaker: Some(name),
        rest,
    })
}

/// A speaker's name as tools print it: `Emma`, `Speaker 1`, `Dr. Jane Smith`, `张三`,
/// `说话人 1`, `发言人2`, `SPEAKER_00`; never a sentence.
fn is_name(name: &str) -> bool {
    if name.is_empty() || width(name) > 40 || name.ends_with(['.', '。', ',', '，', ':', '：']) {
        return false;
    }
    if name.chars().any(is_han) {
        return name.chars().count() <= 10
            && name
                .chars()
                .all(|c| is_han(c) || c.is_ascii_alphanumeric() || c == ' ' || c == '·');
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    words.len() <= 4
        && words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                && w.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '\''))
        })
}

/// `1:02:03`, `07:10`, `0:00`, `00:01:05.250`, `00:00,500` → seconds.
fn time(s: &str) -> Option<f64> {
    let (hms, frac) = match s.find(['.', ',']) {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s, ""),
    };
    let num = |p: &str| -> Option<u64> {
        (!p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let parts: Vec<&str> = hms.split(':').collect();
    let (h, m, sec) = match parts.as_slice() {
        [h, m, s] if m.len() == 2 && s.len() == 2 => (num(h)?, num(m)?, num(s)?),
        [m, s] if s.len() == 2 => (0, num(m)?, num(s)?),
        _ => return None,
    };
    if m >= 60 || sec >= 60 || frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let fraction = if frac.is_empty() {
        0.0
    } else {
        frac.parse::<f64>().ok()? / 10f64.powi(frac.len() as i32)
    };
    Some((h * 3600 + m * 60 + sec) as f64 + fraction)
}

#[cfg(test)]
mod tests;
