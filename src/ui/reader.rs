//! The speaker notes as a read-only text you can select in (mouse, or Shift+arrows once
//! clicked in), with highlights and search matches marked. Positions are chars of the
//! card's notes text (paragraphs joined by newlines), the unit highlight anchors use.

use crate::notes::Colour;
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

pub fn show(
    ui: &mut egui::Ui,
    text: &str,
    size: f32,
    marks: &Marks<'_>,
    label: egui::Id,
) -> ReaderOutput {
    let dark = ui.visuals().dark_mode;
    let mut layouter = |ui: &egui::Ui, buffer: &dyn egui::TextBuffer, wrap_width: f32| {
        let mut job = layout(ui, buffer.as_str(), size, marks, dark);
        job.wrap.max_width = wrap_width;
        ui.ctx().fonts_mut(|f| f.layout_job(job))
    };
    let mut read_only = text;
    let output = egui::TextEdit::multiline(&mut read_only)
        .id(reader_id())
        .frame(egui::Frame::NONE)
        .desired_width(f32::INFINITY)
        .layouter(&mut layouter)
        .show(ui);
    let response = output.response.response.labelled_by(label);
    if let Some(at) = marks.scroll_to {
        let rect = output.galley.pos_from_cursor(egui::text::CCursor::new(at));
        let rect = rect.translate(output.galley_pos.to_vec2()).expand(size);
        ui.scroll_to_rect(rect, Some(egui::Align::Center));
    }
    let mut result = ReaderOutput::default();
    if let Some(range) = output.cursor_range {
        let (a, b): (usize, usize) = (range.primary.index.into(), range.secondary.index.into());
        if a != b {
            result.selection = Some(a.min(b)..a.max(b));
        } else if response.clicked() {
            result.clicked = marks
                .highlights
                .iter()
                .find(|m| m.chars.contains(&a))
                .map(|m| m.note);
        }
    }
    result
}

/// The text laid out with highlights and search matches marked.
fn layout(
    ui: &egui::Ui,
    text: &str,
    size: f32,
    marks: &Marks<'_>,
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
    let highlights: Vec<(Range<usize>, Colour)> = marks
        .highlights
        .iter()
        .map(|m| (byte(m.chars.start)..byte(m.chars.end), m.colour))
        .collect();
    let matches = marks
        .query
        .map(|q| crate::search::match_ranges(text, q))
        .unwrap_or_default();
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for range in highlights.iter().map(|(r, _)| r).chain(&matches) {
        cuts.extend([range.start, range.end]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut job = egui::text::LayoutJob::default();
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let mut format = plain.clone();
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
