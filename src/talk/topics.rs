//! Topic cards: a talk without headings (subtitles, a machine transcript, a plain
//! article) cut into cards by [`super::segment`], each titled with words of its own.

use super::formats::Reader;
use super::keypoints::{self, sentences};
use super::subtitle::{self, Notice, SubtitleError};
use super::text::{ends_like_sentence, is_mostly_han, normalize, sha256_hex, width};
use super::turns::speaker_turn;
use super::{Card, CardKind, Talk, TimeSpan, segment};

/// A paragraph on its way to a card.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TopicPara {
    pub text: String,
    pub other: String,
    pub start: Option<f64>,
    pub end: Option<f64>,
}

impl TopicPara {
    pub(crate) fn untimed(text: &str) -> Self {
        Self {
            text: text.to_string(),
            other: String::new(),
            start: None,
            end: None,
        }
    }
}

/// A paragraph wider than this is cut into runs of whole sentences before segmenting
/// (an 80 KB transcript may be one line).
const LONG_PARAGRAPH: usize = 1200;
const SENTENCE_RUN: usize = 400;

/// Cuts paragraphs into topic cards (titles still empty: [`name_cards`] fills them once
/// the key points are picked).
pub(crate) fn topic_cards(paras: Vec<TopicPara>, zh: bool) -> Vec<Card> {
    let paras: Vec<TopicPara> = paras.into_iter().flat_map(split_long).collect();
    if paras.is_empty() {
        return Vec::new();
    }
    let punctuated =
        paras.iter().filter(|p| ends_like_sentence(&p.text)).count() * 4 >= paras.len();
    let units: Vec<segment::Unit<'_>> = paras
        .iter()
        .map(|p| segment::Unit {
            text: &p.text,
            start: p.start,
            end: p.end,
            sentence_end: !punctuated || ends_like_sentence(&p.text),
        })
        .collect();
    let starts = segment::segment(&units, zh);
    let timed = paras.iter().all(|p| p.start.is_some());
    let bilingual = paras.iter().any(|p| !p.other.is_empty());
    let mut cards: Vec<Card> = Vec::with_capacity(starts.len());
    for (k, &from) in starts.iter().enumerate() {
        let to = starts.get(k + 1).copied().unwrap_or(paras.len());
        let part = &paras[from..to];
        let time = if timed {
            let start = part.first().and_then(|p| p.start).unwrap_or(0.0);
            let end = part.iter().filter_map(|p| p.end).fold(start, f64::max);
            Some(TimeSpan { start, end })
        } else {
            None
        };
        cards.push(Card {
            kind: CardKind::Observation,
            paragraphs: part.iter().map(|p| p.text.clone()).collect(),
            paragraph_starts: if timed {
                part.iter().filter_map(|p| p.start).collect()
            } else {
                Vec::new()
            },
            translations: if bilingual {
                part.iter().map(|p| p.other.clone()).collect()
            } else {
                Vec::new()
            },
            time,
            auto_title: true,
            ..Default::default()
        });
    }
    assign_ids(&mut cards);
    cards
}

/// `t-` and 8 hex digits of the card's first paragraph: the same text gives the same
/// ids (notes stay on their cards when the talk is opened again), and a card keeps its
/// id when an edit elsewhere moves the cards around it.
fn assign_ids(cards: &mut [Card]) {
    let mut seen = std::collections::HashSet::new();
    for card in cards.iter_mut() {
        let head = card.paragraphs.first().map_or("", String::as_str);
        let base = format!("t-{}", &sha256_hex(head)[..8]);
        let mut id = base.clone();
        let mut n = 2;
        while !seen.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        card.id = id;
    }
}

/// Titles the topic cards: the first clause that says something of the card's first key
/// point (verbatim), else of its first paragraph ([`super::topic_title`]).
pub(crate) fn name_cards(cards: &mut [Card]) {
    for card in cards
        .iter_mut()
        .filter(|c| c.auto_title && c.title.is_empty())
    {
        // A paragraph's speaker lead (`Emma: `) is who speaks, never the topic.
        let paragraphs = card.paragraphs.iter().zip(
            card.speaker_turns
                .iter()
                .copied()
                .chain(std::iter::repeat(0)),
        );
        let paragraphs = paragraphs.map(|(p, lead)| {
            let at = p.char_indices().nth(lead).map_or(p.len(), |(i, _)| i);
            &p[at..]
        });
        let sources = card.key_points.iter().map(String::as_str).chain(paragraphs);
        let title = super::topic_title::topic_title(sources);
        card.title = title;
    }
}

/// An overlong paragraph as runs of whole sentences (times are kept on the first run).
fn split_long(p: TopicPara) -> Vec<TopicPara> {
    if width(&p.text) <= LONG_PARAGRAPH || p.start.is_some() {
        return vec![p];
    }
    let mut out: Vec<TopicPara> = Vec::new();
    let mut cur = String::new();
    for s in sentences(&p.text) {
        if !cur.is_empty() {
            let last = cur.chars().last().unwrap_or(' ');
            if last.is_ascii() {
                cur.push(' ');
            }
        }
        cur.push_str(s);
        if width(&cur) >= SENTENCE_RUN {
            out.push(TopicPara::untimed(&std::mem::take(&mut cur)));
        }
    }
    if !cur.is_empty() {
        out.push(TopicPara::untimed(&cur));
    }
    out
}

/// A subtitle file (or any timed text of the formats table) as a talk of timed topic
/// cards, with what was skipped on the way. `name` is the file's stem, the talk's title
/// unless the file states one (LRC's `[ti:]`).
pub fn parse_subtitles(
    text: &str,
    reader: &Reader,
    name: &str,
) -> Result<(Talk, Vec<Notice>), SubtitleError> {
    let norm = normalize(text);
    let transcript = subtitle::parse(&norm, reader)?;
    let title = (transcript.title.clone()).unwrap_or_else(|| title_from_name(name));
    let speaker = transcript.speaker.clone().unwrap_or_default();
    // Each speaker's run of cues (a `<v Name>` voice, a `Name:` cue) is joined apart:
    // a new voice starts a paragraph, a voice's own cues do not repeat its name.
    let paras = speaker_runs(transcript.cues)
        .iter()
        .flat_map(|run| subtitle::paragraphs(run, 2.0))
        .map(|p| TopicPara {
            text: p.text,
            other: p.other,
            start: Some(p.start),
            end: Some(p.end),
        })
        .collect();
    let mut talk = timed_talk(paras, title, sha256_hex(&norm));
    talk.speaker = speaker;
    Ok((talk, transcript.notices))
}

/// Cues split where the speaker changes, the name kept on the first cue of each run
/// only. Names count when two cues or more carry them (a `Note:` once is text);
/// without named speakers the cues are one run, as before.
fn speaker_runs(cues: Vec<subtitle::Cue>) -> Vec<Vec<subtitle::Cue>> {
    let named = |c: &subtitle::Cue| speaker_turn(&c.text).map(|(n, lead)| (n.to_string(), lead));
    let mut uses: std::collections::HashMap<String, usize> = Default::default();
    for (name, _) in cues.iter().filter_map(named) {
        *uses.entry(name).or_default() += 1;
    }
    let mut runs: Vec<Vec<subtitle::Cue>> = Vec::new();
    let mut current: Option<String> = None;
    for mut cue in cues {
        match named(&cue).filter(|(n, _)| uses.get(n).is_some_and(|&u| u >= 2)) {
            Some((name, lead)) if current.as_deref() == Some(name.as_str()) => {
                cue.text = cue.text[lead..].to_string();
            }
            Some((name, _)) => {
                current = Some(name);
                runs.push(Vec::new());
            }
            None => {}
        }
        match runs.last_mut() {
            Some(run) => run.push(cue),
            None => runs.push(vec![cue]),
        }
    }
    runs
}

/// Timed paragraphs (a subtitle file's, a transcript's) as a talk of topic cards: cut
/// by topic, speaker turns marked, key points picked, cards titled.
pub(crate) fn timed_talk(paras: Vec<TopicPara>, title: String, fingerprint: String) -> Talk {
    let all: String = paras.iter().map(|p| p.text.as_str()).collect();
    let zh = is_mostly_han(&all);
    let mut cards = topic_cards(paras, zh);
    super::turns::mark(&mut cards);
    keypoints::fill(&mut cards);
    name_cards(&mut cards);
    Talk {
        title,
        speaker: String::new(),
        role: String::new(),
        event: String::new(),
        date: String::new(),
        source: String::new(),
        author: String::new(),
        cards,
        fingerprint,
    }
}

/// `The Future of AI-T7Rv4tGRlfc.en` → `The Future of AI`: without the language tag
/// and the video id that downloaders add to subtitle file names.
pub(crate) fn title_from_name(name: &str) -> String {
    let mut t = name.trim();
    if let Some((head, tag)) = t.rsplit_once('.')
        && (2..=7).contains(&tag.len())
        && tag.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
    {
        t = head;
    }
    // A YouTube id: 11 characters of [A-Za-z0-9_-] after `-` or ` `, or in brackets.
    let id_len = 11;
    if t.len() > id_len + 1 {
        let (head, tail) = t.split_at(t.len() - id_len);
        let id_like = tail
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            && tail
                .chars()
                .any(|c| c.is_ascii_digit() || c.is_ascii_uppercase());
        if id_like && (head.ends_with('-') || head.ends_with(' ')) {
            t = head.trim_end_matches(['-', ' ']);
        } else if let Some(h) = t.strip_suffix(']').and_then(|x| x.rsplit_once(" ["))
            && h.1.len() == id_len
        {
            t = h.0;
        }
    }
    t.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_lose_language_tags_and_video_ids() {
        assert_eq!(
            title_from_name("The Future of AI - Crash Course AI #20-T7Rv4tGRlfc.en"),
            "The Future of AI - Crash Course AI #20"
        );
        assert_eq!(title_from_name("演讲 [dQw4w9WgXcQ].zh-Hans"), "演讲");
        assert_eq!(title_from_name("keynote"), "keynote");
    }

    #[test]
    fn ids_come_from_the_text_and_stay_unique() {
        let para = "这是一段足够长的话，讲的是同一件事。".repeat(30);
        let paras = vec![TopicPara::untimed(&para); 8];
        let a = topic_cards(paras.clone(), true);
        let b = topic_cards(paras, true);
        assert_eq!(
            a.iter().map(|c| &c.id).collect::<Vec<_>>(),
            b.iter().map(|c| &c.id).collect::<Vec<_>>()
        );
        let mut ids: Vec<&String> = a.iter().map(|c| &c.id).collect();
        ids.dedup();
        assert_eq!(ids.len(), a.len());
    }
}
