//! A PDF deck: one card per page, whose picture is the page itself ([`PageRef`]; the
//! window renders it with [`render`]), whose title is the page's largest line of text
//! (its first when several are as large), whose key points and body are the page's other
//! lines (so search, keywords and exports see the slide's words), and whose speaker notes
//! are the presenter's notes ([`notes`]). Page labels (`iv`, `A-1`) stay on the card.
//!
//! hayro (pure Rust) parses and draws the PDF; its interpreter gives the text
//! ([`text`]), with the fonts' `ToUnicode` CMaps and the predefined CJK CMaps built in.
//! A font the PDF names but does not embed is drawn with hayro's standard fonts, a
//! Chinese, Japanese or Korean one with the bundled Noto Sans SC ([`settings`]).
//!
//! Bounds: the file's size ([`crate::readfile::MAX_DECK_BYTES`]), [`MAX_PAGES`] pages,
//! [`TEXT_BUDGET`] for reading all pages' text (pages past it are known by their number),
//! [`text::MAX_PAGE_CHARS`] of text a page. An encrypted PDF that needs a password and a
//! file hayro cannot parse are refused with a [`DeckError`] naming the file; a panic in
//! the parser is caught and reported the same way.

mod beside;
mod labels;
mod notes;
pub mod render;
#[cfg(test)]
mod tests;
mod text;

use super::{DeckError, DeckReader};
use crate::talk::{Card, CardKind, PageRef, Talk};
use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_interpret::font::{FontData, FontQuery};
use hayro::hayro_interpret::hayro_cmap::CidFamily;
use hayro::hayro_syntax::object::Dict;
use hayro::hayro_syntax::{LoadPdfError, Pdf};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use text::Line;

pub static PDF: DeckReader = DeckReader {
    name: "PDF",
    extensions: &["pdf"],
    sniff,
    read,
};

/// More pages than this is a book, not a deck.
pub const MAX_PAGES: usize = 2000;
/// How long reading the text of all pages may take; a page past it gets no text.
pub const TEXT_BUDGET: Duration = Duration::from_secs(10);
/// At most so many of a page's lines become its key points.
const MAX_POINTS: usize = 40;

/// The Simplified Chinese face of Noto Sans CJK, cut down by `assets/fonts/make-font.sh`:
/// the window's Chinese font, and the one a PDF's Chinese text is drawn with when the PDF
/// does not embed its own.
pub const CJK_FONT: &[u8] = include_bytes!("../../../assets/fonts/NotoSansSC-talkdeck.otf");

/// A PDF starts with `%PDF-`, which the standard lets come after up to 1024 bytes of
/// something else.
fn sniff(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

/// Opens the PDF in `bytes`, or says why not (naming `path`).
pub fn open(path: &Path, bytes: Arc<Vec<u8>>) -> Result<Pdf, DeckError> {
    let malformed = |reason: String| DeckError::Malformed {
        path: path.to_path_buf(),
        format: "PDF",
        reason,
    };
    let pdf = catch_unwind(AssertUnwindSafe(|| Pdf::new(bytes)))
        .map_err(|_| malformed(crate::t!("deck-reason-crashed")))?;
    let pdf = pdf.map_err(|e| match e {
        LoadPdfError::Decryption(_) => DeckError::Encrypted {
            path: path.to_path_buf(),
            format: "PDF",
        },
        LoadPdfError::Invalid => malformed(crate::t!("deck-reason-no-structure")),
    })?;
    let pages = pdf.pages().len();
    if pages == 0 {
        return Err(DeckError::NoPages {
            path: path.to_path_buf(),
            format: "PDF",
        });
    }
    if pages > MAX_PAGES {
        return Err(DeckError::TooManyPages {
            path: path.to_path_buf(),
            pages,
            limit: MAX_PAGES,
        });
    }
    Ok(pdf)
}

/// Reads a PDF deck into a talk: one card per page.
fn read(path: &Path, bytes: &[u8]) -> Result<Talk, DeckError> {
    let pdf = open(path, Arc::new(bytes.to_vec()))?;
    catch_unwind(AssertUnwindSafe(|| build(path, &pdf, bytes))).map_err(|_| DeckError::Malformed {
        path: path.to_path_buf(),
        format: "PDF",
        reason: crate::t!("deck-reason-crashed"),
    })
}

fn build(path: &Path, pdf: &Pdf, bytes: &[u8]) -> Talk {
    let pages = pdf.pages();
    let catalog = pdf.xref().get::<Dict<'_>>(pdf.xref().root_id());
    let labels = match &catalog {
        Some(catalog) => labels::page_labels(catalog, pages.len()),
        None => vec![None; pages.len()],
    };
    let notes = notes::page_notes(path, pages, &labels);
    let settings = settings();
    let started = Instant::now();
    // The card's picture names the file as given, made absolute so that it still names
    // it when the working folder changes.
    let document = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let cards: Vec<Card> = pages
        .iter()
        .enumerate()
        .map(|(index, page)| {
            let lines = if started.elapsed() < TEXT_BUDGET {
                text::page_lines(page, &settings)
            } else {
                Vec::new()
            };
            let label = labels[index].clone().filter(|l| !l.trim().is_empty());
            let size = page.render_dimensions();
            card(index, size, lines, label, &notes[index], &document)
        })
        .collect();
    let metadata = pdf.metadata();
    let field = |value: &Option<Box<[u8]>>| {
        value
            .as_deref()
            .map(|v| text_string(v).trim().to_owned())
            .unwrap_or_default()
    };
    let mut title = field(&metadata.title);
    if title.is_empty() || looks_like_a_file_name(&title) {
        title = cards
            .first()
            .filter(|c| !c.auto_title)
            .map(|c| c.title.clone())
            .unwrap_or_else(|| {
                path.file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default()
            });
    }
    Talk {
        title,
        speaker: field(&metadata.author),
        role: String::new(),
        event: String::new(),
        date: String::new(),
        source: String::new(),
        author: String::new(),
        cards,
        fingerprint: sha256_hex(bytes),
    }
}

/// Office programs put the file's name in `/Title` (`Microsoft PowerPoint - talk.pptx`).
fn looks_like_a_file_name(title: &str) -> bool {
    let lower = title.to_lowercase();
    [
        ".ppt", ".pptx", ".key", ".odp", ".pdf", ".doc", ".docx", ".tex",
    ]
    .iter()
    .any(|e| lower.ends_with(e))
}

/// The card of the page at `index`.
fn card(
    index: usize,
    (width, height): (f32, f32),
    lines: Vec<Line>,
    label: Option<String>,
    notes: &str,
    document: &Path,
) -> Card {
    // A beamer page with its notes beside the slide: the slide's half is the picture.
    let (lines, crop, notes_beside) = match beside::split(width, height, lines) {
        Ok((side, slide, notes)) => (slide, Some(side.crop()), notes),
        Err(lines) => (lines, None, Vec::new()),
    };
    let (title_lines, rest) = title_lines(&lines);
    let title = join_words(title_lines.iter().map(|l| l.text.as_str()));
    let points: Vec<String> = rest
        .iter()
        .map(|l| l.text.clone())
        .filter(|t| t.chars().any(char::is_alphabetic))
        .take(MAX_POINTS)
        .collect();
    let body = points
        .iter()
        .map(|p| escape_markdown(p))
        .collect::<Vec<_>>()
        .join("\n\n");
    let auto_title = title.is_empty();
    let title = if auto_title {
        match &label {
            Some(label) => crate::t!("deck-page-title", page = label.clone()),
            None => crate::t!("deck-page-title", page = (index + 1).to_string()),
        }
    } else {
        title
    };
    let number = match &label {
        Some(label) => label.parse::<u32>().ok(),
        None => u32::try_from(index + 1).ok(),
    };
    Card {
        id: format!("page-{}", index + 1),
        kind: if index == 0 {
            CardKind::Title
        } else {
            CardKind::Observation
        },
        number,
        title,
        key_points: points,
        body,
        paragraphs: if notes.trim().is_empty() {
            notes_beside
        } else {
            crate::talk::markdown::note_paragraphs(notes)
        },
        auto_title,
        page: Some(PageRef {
            path: document.to_path_buf(),
            index,
            label,
            crop,
        }),
        ..Default::default()
    }
}

/// The page's title: its largest line (the first of the largest), with the lines of the
/// same size right under it (a title over two lines); and the other lines.
fn title_lines(lines: &[Line]) -> (Vec<&Line>, Vec<&Line>) {
    let Some(largest) = lines
        .iter()
        .filter(|l| l.text.chars().any(char::is_alphabetic))
        .map(|l| l.size)
        .max_by(f64::total_cmp)
    else {
        return (Vec::new(), lines.iter().collect());
    };
    let same = |a: f64, b: f64| (a - b).abs() <= b * 0.1;
    let first = lines
        .iter()
        .position(|l| same(l.size, largest) && l.text.chars().any(char::is_alphabetic))
        .expect("the largest line is one of them");
    let mut end = first + 1;
    while end < lines.len()
        && end - first < 3
        && same(lines[end].size, largest)
        && lines[end].y - lines[end - 1].y < largest * 2.0
    {
        end += 1;
    }
    let title = lines[first..end].iter().collect();
    let rest = lines[..first].iter().chain(&lines[end..]).collect();
    (title, rest)
}

/// Lines joined into one: with a space, except between Chinese characters.
fn join_words<'a>(parts: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for part in parts {
        let han = |c: Option<char>| c.is_some_and(crate::talk::text::is_han);
        let between_han = han(out.chars().last()) && han(part.chars().next());
        if !out.is_empty() && !between_han {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

/// A line of a page as Markdown that shows it as written (no heading, list or emphasis
/// made of its characters).
fn escape_markdown(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        if "\\`*_[]{}<>#+-.!|~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A PDF text string: UTF-16BE after its byte order mark, UTF-8 after its own (PDF 2.0),
/// else PDFDocEncoding, whose printable characters are Latin-1's but for a few.
pub(crate) fn text_string(bytes: &[u8]) -> String {
    if let Some(utf16) = bytes.strip_prefix(b"\xFE\xFF") {
        let units: Vec<u16> = utf16
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(utf8) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(utf8).into_owned();
    }
    bytes
        .iter()
        .map(|&b| match b {
            0x80 => '•',
            0x84 => '—',
            0x85 => '–',
            0x8D => '“',
            0x8E => '”',
            0x8F => '‘',
            0x90 => '’',
            0x92 => '™',
            0xA0 => '€',
            b => char::from(b),
        })
        .collect()
}

/// Hex SHA-256 of the file: a notes file records it to notice another deck.
fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// hayro's settings: its embedded standard fonts and CMaps, and the bundled Chinese font
/// for a CJK font that is not embedded (a Chinese PDF made with 宋体 or 微软雅黑 that
/// counts on the reader's system fonts).
pub fn settings() -> InterpreterSettings {
    let cjk: FontData = Arc::new(CJK_FONT);
    InterpreterSettings {
        font_resolver: Arc::new(move |query| match query {
            FontQuery::Standard(font) => Some(font.get_font_data()),
            FontQuery::Fallback(fallback) => {
                let is_cjk = fallback.character_collection.as_ref().is_some_and(|c| {
                    matches!(
                        c.family,
                        CidFamily::AdobeGB1
                            | CidFamily::AdobeCNS1
                            | CidFamily::AdobeJapan1
                            | CidFamily::AdobeKorea1
                    )
                });
                if is_cjk {
                    Some((cjk.clone(), 0))
                } else {
                    Some(fallback.pick_standard_font().get_font_data())
                }
            }
        }),
        ..Default::default()
    }
}
