//! A page with the speaker's notes beside the slide: beamer's `show notes on second
//! screen` (what pdfpc reads with `--notes=right` or `left`) makes every page twice as
//! wide as the slide, the slide on one half and its notes page on the other.
//!
//! A page at least [`WIDE`] times as wide as it is high, with text on both halves, is
//! taken as such a pair (no slide is that wide). The slide's half is the one holding the page's largest text; the
//! other half's text is the notes, without the tiny text of the miniature of the slide
//! that beamer draws on its notes page ([`MIN_NOTE_SIZE`]).

use super::Line;

/// How much wider than high a page with notes beside its slide is (4:3 slides give 8:3,
/// 16:9 ones 32:9).
pub const WIDE: f32 = 2.5;
/// Text smaller than this (points) on the notes' half is the slide's miniature.
const MIN_NOTE_SIZE: f64 = 5.0;

/// The slide's side of a page with notes beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
}

impl Side {
    /// The slide's half, in thousandths of the page ([`crate::talk::PageRef::crop`]).
    pub fn crop(self) -> [u16; 4] {
        match self {
            Side::Left => [0, 0, 500, 1000],
            Side::Right => [500, 0, 1000, 1000],
        }
    }
}

/// For a page `width` × `height` points with `lines`: when its notes are beside its slide,
/// the slide's side, the slide's lines and the notes' paragraphs.
pub fn split(
    width: f32,
    height: f32,
    lines: Vec<Line>,
) -> Result<(Side, Vec<Line>, Vec<String>), Vec<Line>> {
    if !(height > 0.0 && width >= WIDE * height) {
        return Err(lines);
    }
    let middle = f64::from(width) / 2.0;
    let largest = lines.iter().max_by(|a, b| a.size.total_cmp(&b.size));
    let side = match largest {
        Some(line) if line.x >= middle => Side::Right,
        _ => Side::Left,
    };
    let (slide, notes): (Vec<Line>, Vec<Line>) = lines
        .into_iter()
        .partition(|l| (l.x < middle) == (side == Side::Left));
    if notes.is_empty() {
        // Nothing on the other half (beamer's notes page always has its header and the
        // slide's miniature): a wide slide, shown whole.
        return Err(slide);
    }
    let notes: Vec<Line> = notes
        .into_iter()
        .filter(|l| l.size >= MIN_NOTE_SIZE)
        .collect();
    Ok((side, slide, paragraphs(&notes)))
}

/// The notes' lines as paragraphs: a new one at a bullet or after a gap of more than a
/// line and a half.
fn paragraphs(lines: &[Line]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut last: Option<&Line> = None;
    for line in lines {
        let bullet = line.text.starts_with(['•', '–', '-', '*', '▸', '◦', '‣']);
        let gap = last.is_some_and(|l| line.y - l.y > l.size * 1.8);
        match out.last_mut() {
            Some(paragraph) if !bullet && !gap => {
                let han = |c: Option<char>| c.is_some_and(crate::talk::text::is_han);
                if !(han(paragraph.chars().last()) && han(line.text.chars().next())) {
                    paragraph.push(' ');
                }
                paragraph.push_str(&line.text);
            }
            _ => out.push(line.text.clone()),
        }
        last = Some(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, x: f64, y: f64, size: f64) -> Line {
        Line {
            text: text.into(),
            size,
            y,
            x,
        }
    }

    #[test]
    fn the_slide_is_the_half_with_the_largest_text() {
        let lines = vec![
            line("miniature", 1000.0, 20.0, 3.0),
            line("Say this first", 1020.0, 100.0, 16.0),
            line("Title", 60.0, 100.0, 36.0),
        ];
        let (side, slide, notes) = split(1920.0, 540.0, lines.clone()).unwrap();
        assert_eq!((side, slide.len()), (Side::Left, 1));
        assert_eq!(notes, ["Say this first"]);
        // Notes at the left (`show notes on second screen=left`).
        let mirrored: Vec<Line> = lines
            .iter()
            .map(|l| Line {
                x: 1920.0 - l.x - 200.0,
                ..l.clone()
            })
            .collect();
        let (side, _, notes) = split(1920.0, 540.0, mirrored).unwrap();
        assert_eq!((side, notes.len()), (Side::Right, 1));
    }

    #[test]
    fn a_wide_page_with_nothing_on_one_half_is_one_slide() {
        let lines = vec![line("Panorama", 60.0, 100.0, 36.0)];
        assert_eq!(split(1920.0, 540.0, lines.clone()), Err(lines.clone()));
        // An ordinary slide is never split.
        let both = vec![lines[0].clone(), line("right", 900.0, 100.0, 16.0)];
        assert_eq!(split(960.0, 540.0, both.clone()), Err(both));
    }
}
