//! Small PDF decks for the tests, written with pdf-writer: pages with a large title and
//! smaller lines in Helvetica (a standard font, not embedded), Chinese lines in a font
//! that is not embedded either (a CID font of the Adobe-GB1 collection, Identity-H codes,
//! and a `ToUnicode` CMap that gives their text), sticky-note annotations (`/Text`, as
//! Marp's `--pdf-notes` writes) and page labels.
//!
//! Shared by the library's tests and the UI tests (`#[path]`); not all of it is used by
//! each.
#![allow(dead_code)]

use pdf_writer::types::{AnnotationType, CidFontType, FontFlags, NumberingStyle, SystemInfo};
use pdf_writer::writers::PageLabel;
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

/// One page of a fixture deck (a 16:9 slide, 960 × 540 pt).
#[derive(Default, Clone)]
pub struct FixturePage {
    pub title: String,
    pub lines: Vec<String>,
    /// Chinese (or any) lines in the CID font, shown under the title.
    pub chinese: Vec<String>,
    /// The `/Contents` of a `/Text` annotation on the page.
    pub note: Option<String>,
    /// Notes on a second slide-sized half at the right (beamer's `show notes on second
    /// screen`): the page is then twice as wide, and the notes' half also shows a tiny
    /// miniature of the slide's title, as beamer's notes page does.
    pub notes_beside: Vec<String>,
}

impl FixturePage {
    pub fn new(title: &str, lines: &[&str]) -> Self {
        Self {
            title: title.into(),
            lines: lines.iter().map(|l| l.to_string()).collect(),
            ..Self::default()
        }
    }
}

/// How the pages are labelled.
pub enum Labels {
    None,
    /// `i`, `ii`, … for the first `roman` pages, then `A-1`, `A-2`, ….
    RomanThenPrefixed {
        roman: i32,
    },
}

/// A deck of `pages`, with `title` in its document information when given.
pub fn deck(pages: &[FixturePage], title: Option<&str>, labels: Labels) -> Vec<u8> {
    let mut next = 1;
    let mut id = || {
        let r = Ref::new(next);
        next += 1;
        r
    };
    let catalog_id = id();
    let tree_id = id();
    let helvetica_id = id();
    let cjk_id = id();
    let cid_id = id();
    let descriptor_id = id();
    let cmap_id = id();
    let info_id = id();
    let page_ids: Vec<(Ref, Ref, Ref)> = pages.iter().map(|_| (id(), id(), id())).collect();
    let label_ids = (id(), id());

    let mut pdf = Pdf::new();
    {
        let mut catalog = pdf.catalog(catalog_id);
        catalog.pages(tree_id);
        if let Labels::RomanThenPrefixed { roman } = labels {
            let mut tree = catalog.page_labels();
            let mut nums = tree.nums();
            nums.insert(0, label_ids.0);
            nums.insert(roman, label_ids.1);
        }
    }
    if let Labels::RomanThenPrefixed { .. } = labels {
        pdf.indirect(label_ids.0)
            .start::<PageLabel>()
            .style(NumberingStyle::LowerRoman);
        pdf.indirect(label_ids.1)
            .start::<PageLabel>()
            .style(NumberingStyle::Arabic)
            .prefix(TextStr("A-"));
    }
    pdf.pages(tree_id)
        .kids(page_ids.iter().map(|(page, _, _)| *page))
        .count(pages.len() as i32);
    if let Some(title) = title {
        pdf.document_info(info_id).title(TextStr(title));
    }
    pdf.type1_font(helvetica_id).base_font(Name(b"Helvetica"));

    // The Chinese font: code = CID = the character's position in `chars` + 1.
    let mut chars: Vec<char> = Vec::new();
    for page in pages {
        for line in &page.chinese {
            for c in line.chars() {
                if !chars.contains(&c) {
                    chars.push(c);
                }
            }
        }
    }
    let info = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"GB1"),
        supplement: 5,
    };
    pdf.type0_font(cjk_id)
        .base_font(Name(b"SimHei"))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_id)
        .to_unicode(cmap_id);
    pdf.cid_font(cid_id)
        .subtype(CidFontType::Type0)
        .base_font(Name(b"SimHei"))
        .system_info(info)
        .font_descriptor(descriptor_id)
        .default_width(1000.0);
    pdf.font_descriptor(descriptor_id)
        .name(Name(b"SimHei"))
        .flags(FontFlags::NON_SYMBOLIC)
        .bbox(Rect::new(0.0, -120.0, 1000.0, 880.0))
        .italic_angle(0.0)
        .ascent(880.0)
        .descent(-120.0)
        .cap_height(700.0)
        .stem_v(80.0);
    let mut cmap = pdf_writer::types::UnicodeCmap::new(Name(b"Fixture-UCS"), info);
    for (i, c) in chars.iter().enumerate() {
        cmap.pair(i as u16 + 1, *c);
    }
    pdf.cmap(cmap_id, &cmap.finish());

    for (page, (page_id, content_id, annotation_id)) in pages.iter().zip(&page_ids) {
        let mut content = Content::new();
        content.begin_text();
        content.set_font(Name(b"F1"), 36.0);
        content.next_line(60.0, 440.0);
        content.show(Str(page.title.as_bytes()));
        content.set_font(Name(b"F1"), 20.0);
        for line in &page.lines {
            content.next_line(0.0, -34.0);
            content.show(Str(line.as_bytes()));
        }
        if !page.chinese.is_empty() {
            content.set_font(Name(b"F2"), 24.0);
            for line in &page.chinese {
                content.next_line(0.0, -38.0);
                let codes: Vec<u8> = line
                    .chars()
                    .flat_map(|c| {
                        let code = chars.iter().position(|&k| k == c).unwrap() as u16 + 1;
                        code.to_be_bytes()
                    })
                    .collect();
                content.show(Str(&codes));
            }
        }
        if !page.notes_beside.is_empty() {
            content.set_font(Name(b"F1"), 3.0);
            content.set_text_matrix([1.0, 0.0, 0.0, 1.0, 1000.0, 520.0]);
            content.show(Str(page.title.as_bytes()));
            content.set_font(Name(b"F1"), 16.0);
            content.set_text_matrix([1.0, 0.0, 0.0, 1.0, 1020.0, 440.0]);
            for (i, line) in page.notes_beside.iter().enumerate() {
                if i > 0 {
                    content.next_line(0.0, -22.0);
                }
                content.show(Str(line.as_bytes()));
            }
        }
        content.end_text();
        // A dark bar across the bottom, so a rendered page is never all white.
        content.set_fill_rgb(0.1, 0.2, 0.5);
        content.rect(0.0, 0.0, 960.0, 40.0);
        content.fill_nonzero();
        pdf.stream(*content_id, &content.finish());

        let width = if page.notes_beside.is_empty() {
            960.0
        } else {
            1920.0
        };
        let mut writer = pdf.page(*page_id);
        writer
            .parent(tree_id)
            .media_box(Rect::new(0.0, 0.0, width, 540.0))
            .contents(*content_id);
        {
            let mut resources = writer.resources();
            let mut fonts = resources.fonts();
            fonts.pair(Name(b"F1"), helvetica_id);
            fonts.pair(Name(b"F2"), cjk_id);
        }
        if page.note.is_some() {
            writer.annotations([*annotation_id]);
        }
        writer.finish();
        if let Some(note) = &page.note {
            pdf.annotation(*annotation_id)
                .subtype(AnnotationType::Text)
                .rect(Rect::new(10.0, 500.0, 30.0, 520.0))
                .contents(TextStr(note));
        }
    }
    pdf.finish()
}

/// A PDF written by hand from its objects (numbered from 1, the first the catalog), with
/// `trailer` added to the trailer dictionary.
fn hand_written(objects: &[String], trailer: &str) -> Vec<u8> {
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.push_str(&format!("{} 0 obj\n{object}\nendobj\n", i + 1));
    }
    let xref_at = out.len();
    out.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for offset in offsets {
        out.push_str(&format!("{offset:010} 00000 n \n"));
    }
    out.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R {trailer} >>\nstartxref\n{xref_at}\n%%EOF\n",
        objects.len() + 1
    ));
    out.into_bytes()
}

/// One 960 × 540 page with `text` in 48 pt in a Chinese font the PDF names but does not
/// embed (SimSun, Adobe-GB1, UCS-2 codes: what an office program writes when it does not
/// embed 宋体), near the top left.
pub fn non_embedded_chinese(text: &str) -> Vec<u8> {
    let codes: String = text
        .encode_utf16()
        .map(|unit| format!("{unit:04X}"))
        .collect();
    let content = format!("BT /F1 48 Tf 60 400 Td <{codes}> Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 960 540] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .into(),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ),
        "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /UniGB-UCS2-H \
         /DescendantFonts [6 0 R] >>"
            .into(),
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /SimSun \
         /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> \
         /FontDescriptor 7 0 R /DW 1000 >>"
            .into(),
        "<< /Type /FontDescriptor /FontName /SimSun /Flags 6 /FontBBox [0 -141 1000 859] \
         /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 700 /StemV 80 >>"
            .into(),
    ];
    hand_written(&objects, "")
}

/// A PDF whose trailer says it is encrypted with a password: its objects cannot be read.
pub fn encrypted() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [] /Count 0 >>".into(),
        "<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 \
         /O <0000000000000000000000000000000000000000000000000000000000000000> \
         /U <0000000000000000000000000000000000000000000000000000000000000000> >>"
            .into(),
    ];
    hand_written(
        &objects,
        "/Encrypt 3 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]",
    )
}
