//! Plain-text transcripts and articles → a deck of cards.
//!
//! The text is split into paragraphs (non-empty lines; hard-wrapped lines of one
//! blank-line block are joined). Then:
//!
//! 1. web-page junk is dropped (browser notices, share/follow lines, editor credits,
//!    and everything from a `亲爱的…用户:` salutation or a "related reading" label on);
//! 2. the headline (first short line) becomes the title, its repeats and the photo
//!    captions under it (`role name`) are dropped, and metadata lines
//!    (`Speaker: …`, `(本文首发于…,作者|…)`) fill the talk's fields;
//! 3. a transcript marker (`以下是…演讲全文`, `Edited transcript:`) splits the article's
//!    lede (the title card's notes) from the talk; without one, the talk starts right
//!    after the title;
//! 4. short numbered lines that count up in one style (`1、` `一、` `（一）` `第一，`
//!    `观察一` `Lesson 1 —` ...) are the section headings; what precedes the first is the
//!    opening; a last heading named `结语`/`Conclusion`/... is the closing;
//! 5. key points are picked from each section's own sentences ([`super::keypoints`]).
//!
//! Everything is linear in the size of the text.

use super::heading::{self, Candidate, heading_shaped, is_closing_title, parse_mark};
use super::junk::{is_junk_paragraph, is_tail_label, starts_junk_block};
use super::markdown::split_front_matter;
use super::meta::{
    Field, caption, find_date, is_marker, is_picture_caption, marker_speaker, parse_attribution,
    parse_kv, split_title,
};
use super::text::{
    char_len, clean, ends_like_sentence, is_mostly_han, is_wide, last_significant, normalize,
    sha256_hex, width,
};
use super::topics::{TopicPara, name_cards, topic_cards};
use super::{Card, CardKind, Talk, keypoints, turns};
use std::borrow::Cow;
use std::collections::HashMap;

/// One paragraph of the source.
#[derive(Debug)]
struct Para<'a> {
    text: Cow<'a, str>,
}

/// Metadata found in the text; the first statement of a field wins.
#[derive(Debug, Default)]
struct Meta {
    title: Option<String>,
    speaker: Option<String>,
    role: Option<String>,
    event: Option<String>,
    date: Option<String>,
    source: Option<String>,
    author: Option<String>,
}

impl Meta {
    fn set(&mut self, field: Field, value: &str) {
        let slot = match field {
            Field::Title => &mut self.title,
            Field::Speaker => &mut self.speaker,
            Field::Role => &mut self.role,
            Field::Event => &mut self.event,
            Field::Date => &mut self.date,
            Field::Source => &mut self.source,
            Field::Author => &mut self.author,
            Field::Ignored => return,
        };
        let value = clean(value);
        if slot.is_none() && !value.is_empty() {
            *slot = Some(value.to_string());
        }
    }
}

/// Parses a talk transcript or an article around one. Never fails: text without any
/// structure still gives a deck (one card per blank-line section, or a single card),
/// and empty text gives a talk without cards.
pub fn parse_text(text: &str) -> Talk {
    let norm = normalize(text);
    let fingerprint = sha256_hex(&norm);
    // YAML front matter (`---` … `---`) at the top of a transcript: its title, speaker,
    // date and event, never shown in the notes.
    let (front, body_text) = split_front_matter(&norm);
    let paras = split_paragraphs(body_text);
    let zh = is_mostly_han(body_text);
    let n = paras.len();
    let mut dropped = vec![false; n];
    let mut meta = Meta::default();
    for (field, value) in [
        (Field::Title, &front.title),
        (Field::Speaker, &front.speaker),
        (Field::Date, &front.date),
        (Field::Event, &front.event),
    ] {
        if let Some(v) = value {
            meta.set(field, v);
        }
    }

    // 1. Junk, and attribution lines (which carry metadata).
    for (i, p) in paras.iter().enumerate() {
        if let Some(a) = parse_attribution(&p.text) {
            if let Some(s) = &a.source {
                meta.set(Field::Source, s);
            }
            if let Some(s) = &a.author {
                meta.set(Field::Author, s);
            }
            dropped[i] = true;
        } else if is_junk_paragraph(&p.text) || is_picture_caption(&p.text) {
            dropped[i] = true;
        }
    }
    let tail_start = (1..n).find(|&i| {
        starts_junk_block(&paras[i].text) || (i >= n / 2 && is_tail_label(&paras[i].text))
    });
    if let Some(start) = tail_start {
        dropped[start..].iter_mut().for_each(|d| *d = true);
    }

    // 2. Title, its repeats, and the header lines under it.
    let first = (0..n).find(|&i| !dropped[i]);
    let mut title_line: Option<String> = None;
    let mut title_suffix: Option<String> = None;
    let mut header_end = first.unwrap_or(n);
    if let Some(f) = first {
        let p: &str = heading::undecorate(&paras[f].text);
        if let Some((Field::Title, v)) = parse_kv(p) {
            meta.set(Field::Title, v);
            dropped[f] = true;
            header_end = f + 1;
        } else if title_like(p) && (f + 1..n).any(|j| !dropped[j]) {
            let (head, suffix) = split_title(p);
            meta.set(Field::Title, head);
            title_suffix = suffix.map(str::to_string);
            title_line = Some(clean(p).to_string());
            dropped[f] = true;
            header_end = f + 1;
        }
    }
    if let Some(line) = &title_line {
        let head = meta.title.clone().unwrap_or_default();
        for (i, p) in paras.iter().enumerate() {
            let t = clean(&p.text);
            if t == line || t == head {
                dropped[i] = true;
            }
        }
    }
    let mut captions: Vec<(String, String, String)> = Vec::new(); // (line, role, name)
    let mut j = header_end;
    while j < n {
        if dropped[j] {
            j += 1;
            continue;
        }
        let p: &str = &paras[j].text;
        if width(p) > 120 || ends_like_sentence(p) || is_marker(p) || parse_mark(p).is_some() {
            break;
        }
        if let Some((field, v)) = parse_kv(p) {
            meta.set(field, v);
            dropped[j] = true;
        } else if let Some(c) = caption(p) {
            captions.push((clean(p).to_string(), c.role.to_string(), c.name.to_string()));
            dropped[j] = true;
        } else if let Some(name) = byline(p) {
            meta.set(Field::Author, name);
            dropped[j] = true;
        }
        j += 1;
    }
    header_end = j;
    if !captions.is_empty() {
        for (i, p) in paras.iter().enumerate() {
            if captions.iter().any(|c| c.0 == clean(&p.text)) {
                dropped[i] = true;
            }
        }
    }

    // 3. The transcript marker splits the lede from the talk.
    // A marker late in the text ("以下为问答实录") does not turn the talk into a lede,
    // unless numbered sections follow it.
    let marker = (0..n)
        .find(|&i| !dropped[i] && is_marker(&paras[i].text))
        .filter(|&m| {
            m <= n / 2
                || (m + 1..n)
                    .filter(|&i| !dropped[i] && width(&paras[i].text) <= 100)
                    .filter_map(|i| parse_mark(&paras[i].text))
                    .filter(|mk| heading_shaped(mk.rest))
                    .take(2)
                    .count()
                    == 2
        });
    let mut lede: Vec<usize> = Vec::new();
    let body_start = match marker {
        Some(m) => {
            for i in header_end..m {
                if dropped[i] {
                    continue;
                }
                if let Some((field, v)) = parse_kv(&paras[i].text) {
                    meta.set(field, v);
                } else {
                    lede.push(i);
                }
            }
            m + 1
        }
        None => first.map_or(n, |f| f.min(header_end)),
    };
    let body: Vec<usize> = (body_start..n).filter(|&i| !dropped[i]).collect();

    // Metadata from captions, marker and lede.
    if meta.speaker.is_none() {
        if let Some(c) = captions.first() {
            meta.speaker = Some(c.2.clone());
        } else if let Some(name) = marker.and_then(|m| marker_speaker(&paras[m].text)) {
            meta.speaker = Some(name.to_string());
        } else if let Some(name) = meta.title.as_deref().and_then(title_speaker) {
            meta.speaker = Some(name.to_string());
        }
    }
    if meta.role.is_none() {
        let speaker = meta.speaker.clone().unwrap_or_default();
        let mine = captions.iter().filter(|c| c.2 == speaker);
        let stated = mine
            .clone()
            .find(|c| lede.iter().any(|&i| paras[i].text.contains(c.0.as_str())));
        let longest = mine.max_by_key(|c| char_len(&c.1));
        if let Some(c) = stated.or(longest) {
            meta.role = Some(c.1.clone());
        }
    }
    if meta.event.is_none() {
        meta.event = title_suffix;
    }
    if meta.date.is_none() {
        let speaker = meta.speaker.clone().unwrap_or_default();
        let mentions = |i: &&usize| !speaker.is_empty() && paras[**i].text.contains(&speaker);
        // Without a lede, a news-style first paragraph naming the speaker may date it.
        let intro: Vec<usize> = if marker.is_none() {
            body.iter().take(3).copied().collect()
        } else {
            Vec::new()
        };
        meta.date = lede
            .iter()
            .filter(mentions)
            .chain(lede.iter())
            .chain(marker.as_ref())
            .chain(intro.iter().filter(mentions))
            .find_map(|&i| find_date(&paras[i].text));
    }

    // 4. Sections.
    let mut cards = Vec::new();
    let title = meta.title.clone().unwrap_or_default();
    if !title.is_empty() || !lede.is_empty() {
        let card_title = if !title.is_empty() {
            title.clone()
        } else if zh {
            "导语".to_string()
        } else {
            "Introduction".to_string()
        };
        cards.push(Card {
            id: "title".into(),
            kind: CardKind::Title,
            number: None,
            title: card_title,
            key_points: Vec::new(),
            body: String::new(),
            paragraphs: lede.iter().map(|&i| paras[i].text.to_string()).collect(),
            ..Default::default()
        });
    }
    let texts: Vec<&str> = body.iter().map(|&i| &*paras[i].text).collect();
    let headings = find_headings(&texts);
    if headings.is_empty() {
        cards.extend(unstructured(&body, &paras, zh));
    } else {
        let first_pos = headings[0].pos;
        if first_pos > 0 {
            cards.push(Card {
                id: "opening".into(),
                kind: CardKind::Opening,
                number: None,
                title: if zh { "开场" } else { "Opening" }.into(),
                key_points: Vec::new(),
                body: String::new(),
                paragraphs: texts[..first_pos].iter().map(|t| t.to_string()).collect(),
                ..Default::default()
            });
        }
        let mut seen: HashMap<u32, u32> = HashMap::new();
        for (k, h) in headings.iter().enumerate() {
            let start = (h.pos + 1 + usize::from(h.title_on_next_line)).min(texts.len());
            let end = headings.get(k + 1).map_or(texts.len(), |next| next.pos);
            let paragraphs: Vec<String> = texts[start..end.max(start)]
                .iter()
                .map(|t| t.to_string())
                .collect();
            let (id, kind, number) = if h.closing {
                ("closing".to_string(), CardKind::Closing, None)
            } else if let Some(num) = h.number {
                let count = seen.entry(num).or_insert(0);
                *count += 1;
                let id = if *count == 1 {
                    format!("obs-{num}")
                } else {
                    format!("obs-{num}-{count}")
                };
                (id, CardKind::Observation, Some(num))
            } else {
                (format!("part-{}", k + 1), CardKind::Observation, None)
            };
            cards.push(Card {
                id,
                kind,
                number,
                title: h.title.clone(),
                key_points: Vec::new(),
                body: String::new(),
                paragraphs,
                ..Default::default()
            });
        }
    }

    // 5. Speaker turns, key points, then the titles of topic cards (taken from them).
    turns::mark(&mut cards);
    keypoints::fill(&mut cards);
    name_cards(&mut cards);

    Talk {
        title,
        speaker: meta.speaker.unwrap_or_default(),
        role: meta.role.unwrap_or_default(),
        event: meta.event.unwrap_or_default(),
        date: meta.date.unwrap_or_default(),
        source: meta.source.unwrap_or_default(),
        author: meta.author.unwrap_or_default(),
        cards,
        fingerprint,
    }
}

/// A headline: one short line that does not read like a sentence or a list item.
fn title_like(p: &str) -> bool {
    width(p) <= 120
        && !matches!(
            last_significant(p),
            Some('。' | '.' | '!' | '！' | '；' | ';' | '，' | ',' | '：' | ':' | '、' | '…')
        )
        && parse_mark(p).is_none()
        && !is_marker(p)
        && parse_kv(p).is_none()
        && caption(p).is_none()
}

/// `李明：企业数字化转型的三点体会` names its speaker before the colon.
fn title_speaker(title: &str) -> Option<&str> {
    let i = title.find(['：', ':'])?;
    let name = clean(&title[..i]);
    super::meta::is_han_name(name).then_some(name)
}

/// `By Jane Doe` under an English headline.
fn byline(p: &str) -> Option<&str> {
    let p = clean(p);
    let rest = p.strip_prefix("By ").or_else(|| p.strip_prefix("by "))?;
    let words: Vec<&str> = rest.split_whitespace().collect();
    ((1..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase())))
    .then_some(clean(rest))
}

#[derive(Debug)]
struct Heading {
    /// Index into the body.
    pos: usize,
    number: Option<u32>,
    title: String,
    /// `Lesson 1` alone on its line, with its title on the next.
    title_on_next_line: bool,
    closing: bool,
}

fn find_headings(texts: &[&str]) -> Vec<Heading> {
    let mut cands = Vec::new();
    let mut rests = Vec::new();
    for (pos, t) in texts.iter().enumerate() {
        if width(t) > 100 {
            continue;
        }
        if let Some(m) = parse_mark(t)
            && heading_shaped(m.rest)
            && heading_shaped(t)
        {
            cands.push(Candidate {
                pos,
                style: m.style,
                number: m.number,
            });
            rests.push(m.rest);
        }
    }
    let mut chosen = heading::select(&cands);
    // `1.` `2.` items right under one another are a list inside the text, not
    // sections: most of them would head a section with nothing in it.
    let empty = chosen
        .windows(2)
        .filter(|w| cands[w[1]].pos == cands[w[0]].pos + 1)
        .count();
    if chosen.len() >= 2 && empty * 2 >= chosen.len() {
        chosen.clear();
    }
    let mut headings: Vec<Heading> = chosen
        .iter()
        .map(|&k| {
            let c = cands[k];
            let rest = clean(rests[k]);
            let next = texts.get(c.pos + 1).copied();
            let next_is_title = rest.is_empty()
                && next.is_some_and(|t| {
                    width(t) <= 80 && !ends_like_sentence(t) && parse_mark(t).is_none()
                });
            let title = if next_is_title {
                clean(next.unwrap_or_default()).to_string()
            } else if rest.is_empty() {
                clean(texts[c.pos]).to_string()
            } else {
                rest.to_string()
            };
            Heading {
                pos: c.pos,
                number: Some(c.number),
                title,
                title_on_next_line: next_is_title,
                closing: false,
            }
        })
        .collect();
    if let Some(last) = headings.last_mut()
        && is_closing_title(&last.title)
    {
        last.closing = true;
        last.number = None;
    }
    // An unnumbered closing heading after the last section.
    if !headings.last().is_some_and(|h| h.closing) {
        let from = headings.last().map_or(0, |h| h.pos + 1);
        if let Some(pos) = (from..texts.len()).find(|&i| {
            width(texts[i]) <= 40 && is_closing_title(texts[i]) && !ends_like_sentence(texts[i])
        }) {
            headings.push(Heading {
                pos,
                number: None,
                title: clean(texts[pos]).trim_end_matches([':', '：']).to_string(),
                title_on_next_line: false,
                closing: true,
            });
        }
    }
    headings
}

/// A talk without headings: topic cards ([`super::topics`]); a talk too short for
/// two topics is one card holding it all (`opening`, as before topic cards).
fn unstructured(body: &[usize], paras: &[Para<'_>], zh: bool) -> Vec<Card> {
    let paras = body
        .iter()
        .map(|&i| TopicPara::untimed(&paras[i].text))
        .collect();
    let mut cards = topic_cards(paras, zh);
    if let [only] = cards.as_mut_slice() {
        only.id = "opening".into();
        only.kind = CardKind::Opening;
        only.title = if zh { "全文" } else { "Talk" }.into();
        only.auto_title = false;
    }
    cards
}

/// A short title for an unheaded section: its first sentence, cut to ~30 characters.
pub(crate) fn excerpt(p: &str) -> String {
    let p = clean(p);
    let end = p
        .find(['。', '！', '？', '!', '?', '，', ',', '；', ';', '：', ':'])
        .unwrap_or(p.len());
    let first = clean(&p[..end]);
    let first = if first.is_empty() { p } else { first };
    if char_len(first) <= 30 {
        return first.to_string();
    }
    let mut end = first.char_indices().nth(28).map_or(first.len(), |(i, _)| i);
    // Do not cut an English word in two.
    if first[end..].starts_with(|c: char| c.is_ascii_alphanumeric())
        && let Some(space) = first[..end].rfind(' ')
    {
        end = space;
    }
    format!("{}…", clean(&first[..end]))
}

/// Splits text into paragraphs: each non-empty line, except that hard-wrapped lines
/// of one blank-line block are joined back together.
fn split_paragraphs(text: &str) -> Vec<Para<'_>> {
    let mut blocks: Vec<Vec<&str>> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.split('\n') {
        let l = clean(line);
        if l.is_empty() {
            if !current.is_empty() {
                blocks.push(std::mem::take(&mut current));
            }
        } else {
            current.push(l);
        }
    }
    if !current.is_empty() {
        blocks.push(current);
    }
    // Evidence that the text is hard-wrapped: long lines that stop mid-sentence and
    // go on in the next line of the same block.
    let wrap_evidence = blocks
        .iter()
        .flat_map(|b| b.windows(2))
        .filter(|w| {
            width(w[0]) >= 50
                && !ends_like_sentence(w[0])
                && parse_mark(w[1]).is_none()
                && caption(w[0]).is_none()
        })
        .take(2)
        .count();
    let mut out = Vec::new();
    for lines in &blocks {
        flush_block(lines, wrap_evidence >= 2, &mut out);
    }
    out
}

fn flush_block<'a>(lines: &[&'a str], wrapped_doc: bool, out: &mut Vec<Para<'a>>) {
    if lines.len() == 1 {
        out.push(Para {
            text: Cow::Borrowed(lines[0]),
        });
        return;
    }
    let widths: Vec<usize> = lines.iter().map(|l| width(l)).collect();
    let max = widths.iter().copied().max().unwrap_or(0);
    let wrapped = max <= 110
        && (wrapped_doc
            || lines[..lines.len() - 1]
                .iter()
                .zip(&widths)
                .any(|(l, &w)| w >= 40 && !ends_like_sentence(l)));
    let mut current: Option<Cow<'a, str>> = None;
    for (k, &line) in lines.iter().enumerate() {
        let join = k > 0 && {
            let prev = lines[k - 1];
            let w = widths[k - 1];
            let ascii_end = prev.chars().last().is_some_and(|c| c.is_ascii());
            w >= 40
                && w * 10 >= max * 7
                && parse_mark(line).is_none()
                && turns::speaker_turn(line).is_none()
                && !line.starts_with(['-', '*', '•', '·', '>'])
                && caption(prev).is_none()
                && caption(line).is_none()
                && (!ends_like_sentence(prev) || (wrapped && ascii_end))
        };
        if join && let Some(cur) = current.as_mut() {
            let prev_end = cur.chars().last().unwrap_or(' ');
            let next_start = line.chars().next().unwrap_or(' ');
            let cur = cur.to_mut();
            if !is_wide(prev_end) && !is_wide(next_start) {
                cur.push(' ');
            }
            cur.push_str(line);
            continue;
        }
        if let Some(cur) = current.take() {
            out.push(Para { text: cur });
        }
        current = Some(Cow::Borrowed(line));
    }
    if let Some(cur) = current {
        out.push(Para { text: cur });
    }
}

#[cfg(test)]
mod tests;
