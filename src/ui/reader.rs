//! The speaker notes as a read-only text you can select in (mouse, or Shift+arrows once
//! clicked in), with highlights and search matches marked and the names of speaker turns
//! (`张三：`) set apart. Positions are chars of the card's notes text (paragraphs joined
//! by newlines), the unit highlight anchors use.

use crate::display_bound;
use crate::notes::Colour;
use crate::talk::Card;
use std::ops::Range;
use uuid::Uuid;

/// The reader's widget id: one reader is shown at a time, and key handling asks
/// whether it has the cursor.
pub fn reader_id() -> egui::Id {
    egui::Id::unique("talkdeck-speaker-notes")
}

/// A highlight to draw: its chars, colour and note.
pub struct Mark {
    pub chars: Range<usize>,
    pub colour: Colour,
    pub note: Uuid,
}

#[derive(Default)]
pub struct Marks<'a> {
    pub query: Option<&'a str>,
    pub highlights: Vec<Mark>,
    /// Scroll this char into view (once, after stepping to a search hit).
    pub scroll_to: Option<usize>,
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct ReaderOutput {
    /// The selected chars, when the selection is not empty.
    pub selection: Option<Range<usize>>,
    /// A highlight the user clicked on.
    pub clicked: Option<Uuid>,
}

/// Background of a highlight; the underline in the same hue marks it without colour
/// being the only sign.
pub fn colour_fill(colour: Colour, dark: bool) -> (egui::Color32, egui::Color32) {
    let (r, g, b) = match colour {
        Colour::Yellow => (240, 200, 0),
        Colour::Green => (60, 190, 90),
        Colour::Blue => (70, 150, 255),
        Colour::Pink => (240, 90, 170),
    };
    let alpha = if dark { 70 } else { 90 };
    (
        egui::Color32::from_rgba_unmultiplied(r, g, b, alpha),
        egui::Color32::from_rgb(r, g, b),
    )
}

/// The speaker notes as shown: a blank line between paragraphs, for reading. Positions
/// map back to the notes text, where paragraphs are joined by a single newline. At most
/// [`display_bound::SHOWN_CHARS`] chars of it (a talk that is one 10 MB line is one
/// paragraph of 10 MB), the rest said to be left out.
struct Shown {
    text: String,
    /// Chars of the notes text where each paragraph shown starts, and its length shown.
    starts: Vec<usize>,
    lens: Vec<usize>,
    /// Bytes of the paragraphs left out.
    hidden: usize,
}

impl Shown {
    fn new(paragraphs: &[String], max: usize) -> Self {
        let (mut starts, mut lens, mut at) = (Vec::new(), Vec::new(), 0);
        let (mut text, mut left, mut hidden) = (String::new(), max, 0);
        for p in paragraphs {
            if left == 0 {
                hidden += p.len();
                continue;
            }
            let head = display_bound::head(p, left);
            let len = head.shown.chars().count();
            if !starts.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(head.shown);
            starts.push(at);
            lens.push(len);
            at += len + 1;
            left -= len;
            hidden += head.hidden;
        }
        Self {
            text,
            starts,
            lens,
            hidden,
        }
    }

    /// The notes-text chars shown: those before it are all shown.
    fn end(&self) -> usize {
        match (self.starts.last(), self.lens.last()) {
            (Some(start), Some(len)) => start + len,
            _ => 0,
        }
    }

    /// Shown position of a notes-text char: one extra newline per paragraph before it.
    fn shown(&self, c: usize) -> usize {
        c + self.starts.partition_point(|&s| s <= c).saturating_sub(1)
    }

    /// Notes-text char of a shown position (the blank line between paragraphs counts as
    /// the end of the paragraph before it).
    fn notes(&self, d: usize) -> usize {
        let i = (0..self.starts.len())
            .rev()
            .find(|&i| self.starts[i] + i <= d)
            .unwrap_or(0);
        match (self.starts.get(i), self.lens.get(i)) {
            (Some(&start), Some(&len)) => (d - i).min(start + len),
            _ => d,
        }
    }
}

pub fn show(
    ui: &mut egui::Ui,
    card: &Card,
    size: f32,
    marks: &Marks<'_>,
    label: egui::Id,
) -> ReaderOutput {
    let shown = Shown::new(&card.paragraphs, display_bound::SHOWN_CHARS);
    let end = shown.end();
    let speakers: Vec<Range<usize>> = card
        .speaker_turns
        .iter()
        .zip(&shown.starts)
        .filter(|(lead, _)| **lead > 0)
        .map(|(lead, &start)| shown.shown(start)..shown.shown(start) + lead)
        .collect();
    let highlights: Vec<(Range<usize>, Colour)> = marks
        .highlights
        .iter()
        .filter(|m| m.chars.start < end)
        .map(|m| {
            (
                shown.shown(m.chars.start)..shown.shown(m.chars.end.min(end)),
                m.colour,
            )
        })
        .collect();
    let dark = ui.visuals().dark_mode;
    let mut layouter = |ui: &egui::Ui, buffer: &dyn egui::TextBuffer, wrap_width: f32| {
        let marked = Marked {
            highlights: &highlights,
            speakers: &speakers,
            query: marks.query,
        };
        let mut job = layout(ui, buffer.as_str(), size, &marked, dark);
        job.wrap.max_width = wrap_width;
        ui.ctx().fonts_mut(|f| f.layout_job(job))
    };
    super::words::move_by_words(ui, reader_id(), &shown.text);
    let mut read_only = shown.text.as_str();
    let output = egui::TextEdit::multiline(&mut read_only)
        .id(reader_id())
        .frame(egui::Frame::NONE)
        .desired_width(f32::INFINITY)
        .layouter(&mut layouter)
        .show(ui);
    let cursor_range =
        super::words::select_word_on_double_click(ui, &output, &shown.text).or(output.cursor_range);
    let response = output.response.response.clone().labelled_by(label);
    super::notes_panel::not_shown(ui, shown.hidden);
    if let Some(at) = marks.scroll_to {
        let cursor = egui::text::CCursor::new(shown.shown(at.min(end)));
        let rect = output.galley.pos_from_cursor(cursor);
        let rect = rect.translate(output.galley_pos.to_vec2()).expand(size);
        ui.scroll_to_rect(rect, Some(egui::Align::Center));
    }
    let mut result = ReaderOutput::default();
    if let Some(range) = cursor_range {
        let (a, b): (usize, usize) = (range.primary.index.into(), range.secondary.index.into());
        let (a, b) = (shown.notes(a), shown.notes(b));
        if a != b {
            result.selection = Some(a.min(b)..a.max(b));
        } else if response.clicked() {
            let hit = marks.highlights.iter().find(|m| m.chars.contains(&a));
            result.clicked = hit.map(|m| m.note);
        }
    }
    result
}

/// What the shown text has marked, in its chars.
struct Marked<'a> {
    highlights: &'a [(Range<usize>, Colour)],
    /// The leads of speaker turns (`张三：`).
    speakers: &'a [Range<usize>],
    query: Option<&'a str>,
}

/// The text laid out with highlights, search matches and speakers' names marked.
fn layout(
    ui: &egui::Ui,
    text: &str,
    size: f32,
    marked: &Marked<'_>,
    dark: bool,
) -> egui::text::LayoutJob {
    let plain = egui::TextFormat {
        font_id: egui::FontId::proportional(size),
        color: ui.visuals().text_color(),
        line_height: Some(size * 1.6),
        ..Default::default()
    };
    // Byte offset of every char, to turn char ranges into byte ranges.
    let offsets: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let byte = |c: usize| offsets[c.min(offsets.len() - 1)];
    let highlights: Vec<(Range<usize>, Colour)> = marked
        .highlights
        .iter()
        .map(|(chars, colour)| (byte(chars.start)..byte(chars.end), *colour))
        .collect();
    let speakers: Vec<Range<usize>> = marked
        .speakers
        .iter()
        .map(|chars| byte(chars.start)..byte(chars.end))
        .collect();
    let matches = marked
        .query
        .map(|q| crate::search::match_ranges(text, q))
        .unwrap_or_default();
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for range in highlights
        .iter()
        .map(|(r, _)| r)
        .chain(&matches)
        .chain(&speakers)
    {
        cuts.extend([range.start, range.end]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut job = egui::text::LayoutJob::default();
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let mut format = plain.clone();
        if speakers.iter().any(|r| r.start <= start && end <= r.end) {
            // Who speaks, apart from what is said.
            format.color = ui.visuals().strong_text_color();
        }
        if let Some((_, colour)) = highlights
            .iter()
            .find(|(r, _)| r.start <= start && end <= r.end)
        {
            let (fill, line) = colour_fill(*colour, dark);
            format.background = fill;
            format.underline = egui::Stroke::new(2.0, line);
        }
        if matches.iter().any(|r| r.start <= start && end <= r.end) {
            format.background = ui.visuals().selection.bg_fill;
            format.color = ui.visuals().strong_text_color();
        }
        job.append(&text[start..end], 0.0, format);
    }
    job
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_positions_map_back_to_the_notes_text() {
        let paragraphs = ["一二三".to_owned(), "四五".to_owned(), "六".to_owned()];
        let shown = Shown::new(&paragraphs, display_bound::SHOWN_CHARS);
        assert_eq!(shown.text, "一二三\n\n四五\n\n六");
        assert_eq!(shown.hidden, 0);
        let notes = "一二三\n四五\n六";
        for (c, ch) in notes.chars().enumerate() {
            let d = shown.shown(c);
            assert_eq!(shown.text.chars().nth(d), Some(ch), "char {c}");
            assert_eq!(shown.notes(d), c);
        }
        // The blank line belongs to the end of the paragraph before it.
        assert_eq!(shown.notes(4), 3);
    }

    #[test]
    fn a_long_card_is_shown_up_to_the_bound() {
        let paragraphs = ["一二三".to_owned(), "四五".to_owned(), "六七".to_owned()];
        let shown = Shown::new(&paragraphs, 4);
        assert_eq!(shown.text, "一二三\n\n四");
        assert_eq!(shown.hidden, "五六七".len());
        assert_eq!(
            shown.end(),
            5,
            "the notes text's chars 一二三, a newline, 四"
        );
        assert_eq!(shown.notes(shown.shown(4)), 4);
    }

    #[test]
    fn a_speakers_name_is_set_apart_from_what_is_said() {
        let ctx = egui::Context::default();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let text = "张三：大家好\n\nQ: why?";
            let marked = Marked {
                highlights: &[],
                speakers: &[0..3, 8..11],
                query: None,
            };
            let job = layout(ui, text, 16.0, &marked, false);
            let strong = ui.visuals().strong_text_color();
            let apart: Vec<&str> = job
                .sections
                .iter()
                .filter(|s| s.format.color == strong)
                .map(|s| &text[s.byte_range.start.0..s.byte_range.end.0])
                .collect();
            assert_eq!(apart, ["张三：", "Q: "]);
        });
        output.textures_delta.clear();
    }

    #[test]
    fn colours_differ_in_both_themes() {
        for dark in [true, false] {
            let fills: Vec<_> = Colour::ALL.iter().map(|&c| colour_fill(c, dark)).collect();
            for (i, a) in fills.iter().enumerate() {
                for b in &fills[i + 1..] {
                    assert_ne!(a, b);
                }
            }
        }
    }
}
