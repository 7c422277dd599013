//! OpenDocument presentations (`.odp`, LibreOffice Impress' own format): one card per
//! `draw:page` of `content.xml`, in order.
//!
//! - The title is the frame of class `title`; a page without one is titled with its first
//!   line, marked an automatic title (and that line left out of the body).
//! - The body is the page's other frames in Markdown: paragraphs, lists nested as
//!   `text:list`s nest, tables (`table:table`), pictures (`draw:image`, read from the file
//!   when shown, as in a `.pptx`); page numbers, dates, headers and footers left out.
//! - The speaker notes are the text of `presentation:notes` (its page thumbnail is no text).
//! - A page whose style hides it (`presentation:visibility="hidden"`) is marked hidden.
//! - The talk's title and speaker are `dc:title` and `dc:creator` (or
//!   `meta:initial-creator`) of `meta.xml`.

use super::markdown::{self, escape, markdown_lines, one_line, sha256_hex, strip_first_line};
use super::package::{Element, Node, Package};
use super::{DeckError, DeckReader};
use crate::t;
use crate::talk::{Card, CardKind, Talk};
use std::collections::HashSet;
use std::path::Path;

pub static ODP: DeckReader = DeckReader {
    name: "OpenDocument",
    extensions: &["odp", "otp"],
    sniff,
    read,
};

/// The most pages read from one deck.
const MAX_PAGES: usize = 10_000;

/// A ZIP whose first entry, `mimetype`, names a presentation (ODF requires it first and
/// stored, so it is plain bytes near the start).
fn sniff(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(256)];
    head.starts_with(b"PK\x03\x04")
        && head
            .windows(47)
            .any(|w| w == b"application/vnd.oasis.opendocument.presentation")
}

fn read(path: &Path, bytes: &[u8]) -> Result<Talk, DeckError> {
    let mut pkg = Package::open(path, bytes)?;
    let content = pkg.xml("content.xml")?;
    let hidden_styles = hidden_page_styles(&content);
    let pages: Vec<&Element> = content
        .child("body")
        .and_then(|b| b.child("presentation"))
        .map(|p| p.elements("page").take(MAX_PAGES).collect())
        .unwrap_or_default();
    let mut cards: Vec<Card> = pages
        .iter()
        .enumerate()
        .map(|(k, page)| page_card(page, k + 1, &hidden_styles, path))
        .collect();
    if cards.is_empty() {
        return Err(DeckError::NoSlides {
            path: path.to_path_buf(),
        });
    }
    crate::talk::turns::mark(&mut cards);
    // The document's properties are a nicety: a deck without them still opens.
    let meta = pkg.xml("meta.xml").ok();
    let property = |name: &str| {
        meta.as_ref()
            .and_then(|m| m.child("meta"))
            .and_then(|m| m.child(name))
            .map(|e| one_line(&inline_text(e)))
            .filter(|t| !t.is_empty())
    };
    let title = property("title")
        .or_else(|| {
            cards
                .iter()
                .find(|c| !c.auto_title)
                .map(|c| c.title.clone())
        })
        .or_else(|| path.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .unwrap_or_default();
    Ok(Talk {
        title,
        speaker: property("creator")
            .or_else(|| property("initial-creator"))
            .unwrap_or_default(),
        role: String::new(),
        event: String::new(),
        date: String::new(),
        source: String::new(),
        author: String::new(),
        cards,
        fingerprint: sha256_hex(bytes),
    })
}

/// The names of the page styles that hide a page.
fn hidden_page_styles(content: &Element) -> HashSet<String> {
    content
        .child("automatic-styles")
        .map(|styles| {
            styles
                .elements("style")
                .filter(|s| {
                    s.child("drawing-page-properties")
                        .and_then(|p| p.attr("presentation:visibility"))
                        == Some("hidden")
                })
                .filter_map(|s| s.attr("style:name").map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// What a page's frames say.
#[derive(Default)]
struct PageText {
    title: Option<String>,
    blocks: Vec<String>,
    points: Vec<String>,
    first_line: Option<String>,
}

fn page_card(page: &Element, number: usize, hidden: &HashSet<String>, deck: &Path) -> Card {
    let mut text = PageText::default();
    shapes(page, deck, &mut text);
    let paragraphs = page
        .child("notes")
        .map(|notes| {
            let mut lines = Vec::new();
            notes_lines(notes, &mut lines);
            lines
        })
        .unwrap_or_default();
    let (title, auto_title) = match (text.title, text.first_line) {
        (Some(title), _) => (title, false),
        (None, Some(line)) => {
            strip_first_line(&mut text.blocks, &line);
            (line, true)
        }
        (None, None) => (t!("deck-slide-title", number = number), true),
    };
    Card {
        id: format!("slide-{number}"),
        kind: CardKind::Observation,
        title,
        key_points: text.points,
        body: text.blocks.join("\n\n"),
        paragraphs,
        auto_title,
        hidden: page
            .attr("draw:style-name")
            .is_some_and(|s| hidden.contains(s)),
        ..Default::default()
    }
}

/// Frame classes that are the page's furniture, not its content.
fn is_furniture(class: &str) -> bool {
    matches!(
        class,
        "page-number" | "footer" | "header" | "date-time" | "page"
    )
}

fn shapes(parent: &Element, deck: &Path, out: &mut PageText) {
    for shape in parent.children() {
        let class = shape.attr("presentation:class").unwrap_or("");
        if is_furniture(class) {
            continue;
        }
        match shape.name.as_str() {
            "notes" | "forms" => {}
            "g" => shapes(shape, deck, out),
            "frame" if class == "title" && out.title.is_none() => {
                let title = one_line(&block_text(shape));
                if !title.is_empty() {
                    out.title = Some(title);
                }
            }
            "frame" => frame(shape, class, deck, out),
            // A shape with text in it (a rectangle, a custom shape).
            _ => text_block(shape, false, out),
        }
    }
}

fn frame(frame: &Element, class: &str, deck: &Path, out: &mut PageText) {
    if let Some(table) = frame.child("table") {
        out.blocks.push(markdown::table(&table_rows(table)));
    } else if let Some(text) = frame.child("text-box") {
        let bullets = matches!(class, "outline");
        text_block(text, bullets, out);
    } else if let Some(image) = frame.child("image") {
        let alt = frame
            .child("desc")
            .or_else(|| frame.child("title"))
            .map(|d| one_line(&inline_text(d)))
            .or_else(|| frame.attr("draw:name").map(one_line))
            .unwrap_or_default();
        let part = image.attr("xlink:href").filter(|h| !h.contains("://"));
        out.blocks.push(markdown::picture(&alt, part, deck));
    }
}

/// The paragraphs and lists of a text box (or a shape) as one Markdown block. The lists
/// of an `outline` frame are bullets; a paragraph of its own is a bullet there too.
fn text_block(parent: &Element, bullets: bool, out: &mut PageText) {
    let mut lines: Vec<String> = Vec::new();
    for child in parent.children() {
        match child.name.as_str() {
            "p" | "h" => {
                let text = inline_text(child);
                if text.trim().is_empty() {
                    continue;
                }
                if out.first_line.is_none() {
                    out.first_line = text.lines().map(one_line).find(|l| !l.is_empty());
                }
                if bullets {
                    lines.push(format!("- {}", markdown_lines(&text, 2)));
                    out.points.push(one_line(&text));
                } else {
                    if !lines.is_empty() {
                        lines.push(String::new());
                    }
                    lines.push(markdown_lines(&text, 0));
                }
            }
            "list" => {
                if !lines.is_empty() && !lines.last().is_some_and(|l| l.starts_with(['-', ' '])) {
                    lines.push(String::new());
                }
                list(child, 0, &mut lines, out);
            }
            _ => {}
        }
    }
    if !lines.is_empty() {
        out.blocks.push(lines.join("\n"));
    }
}

/// A `text:list` as Markdown list items, nested one level per list in a list item.
fn list(list_el: &Element, level: usize, lines: &mut Vec<String>, out: &mut PageText) {
    for item in list_el.elements("list-item") {
        for child in item.children() {
            match child.name.as_str() {
                "p" | "h" => {
                    let text = inline_text(child);
                    if text.trim().is_empty() {
                        continue;
                    }
                    if out.first_line.is_none() {
                        out.first_line = text.lines().map(one_line).find(|l| !l.is_empty());
                    }
                    let indent = 4 * level;
                    lines.push(format!(
                        "{}- {}",
                        " ".repeat(indent),
                        markdown_lines(&text, indent + 2)
                    ));
                    if level == 0 {
                        out.points.push(one_line(&text));
                    }
                }
                // A list inside an item is the next level down (LibreOffice writes an
                // item holding only a list); a list before any item stays at the top,
                // where an indented item would read as code.
                "list" => {
                    let next = if lines.is_empty() { level } else { level + 1 };
                    list(child, next, lines, out);
                }
                _ => {}
            }
        }
    }
}

fn table_rows(table: &Element) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut push_rows = |parent: &Element| {
        for row in parent.elements("table-row") {
            rows.push(
                row.children()
                    .filter(|c| c.name == "table-cell" || c.name == "covered-table-cell")
                    .map(|cell| escape(&one_line(&block_text(cell))))
                    .collect(),
            );
        }
    };
    push_rows(table);
    for group in ["table-header-rows", "table-rows"] {
        if let Some(g) = table.child(group) {
            push_rows(g);
        }
    }
    rows
}

/// The text of every paragraph below an element, one per line.
fn block_text(parent: &Element) -> String {
    let mut out = Vec::new();
    collect_paragraphs(parent, &mut out);
    out.join("\n")
}

fn collect_paragraphs(parent: &Element, out: &mut Vec<String>) {
    for child in parent.children() {
        match child.name.as_str() {
            "p" | "h" => out.push(inline_text(child)),
            _ => collect_paragraphs(child, out),
        }
    }
}

/// The notes' lines: every paragraph of the notes page's frames, page numbers left out.
fn notes_lines(notes: &Element, out: &mut Vec<String>) {
    let mut paragraphs = Vec::new();
    for frame in notes.children() {
        if frame.name == "page-thumbnail"
            || frame
                .attr("presentation:class")
                .is_some_and(|c| is_furniture(c) && c != "page")
        {
            continue;
        }
        collect_paragraphs(frame, &mut paragraphs);
    }
    out.extend(
        paragraphs
            .iter()
            .flat_map(|p| p.lines())
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty()),
    );
}

/// A paragraph's text: spans and links as their text, `text:s` as its spaces, a tab as
/// a space, a line break as `\n`; fields that number pages left out. White space in the
/// XML counts once, as ODF has it.
fn inline_text(parent: &Element) -> String {
    let mut out = String::new();
    fn walk(el: &Element, out: &mut String) {
        for node in &el.children {
            match node {
                Node::Text(t) => {
                    for c in t.chars() {
                        if c.is_whitespace() {
                            if !out.ends_with(' ') {
                                out.push(' ');
                            }
                        } else {
                            out.push(c);
                        }
                    }
                }
                Node::Element(e) => match e.name.as_str() {
                    "s" => {
                        let n = e.attr("text:c").and_then(|c| c.parse().ok()).unwrap_or(1);
                        out.extend(std::iter::repeat_n(' ', usize::min(n, 64)));
                    }
                    "tab" => out.push(' '),
                    "line-break" => out.push('\n'),
                    "page-number" | "page-count" | "note" | "annotation" => {}
                    _ => walk(e, out),
                },
            }
        }
    }
    walk(parent, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shapes LibreOffice 7.4 writes: spans splitting words, lists in lists, a table,
    /// a hidden page's style, notes with a page thumbnail, an image.
    const CONTENT: &str = r#"<office:document-content xmlns:office="o" xmlns:style="s" xmlns:draw="d" xmlns:text="t" xmlns:presentation="p" xmlns:table="tb" xmlns:xlink="x" xmlns:svg="v"><office:automatic-styles><style:style style:name="dp1" style:family="drawing-page"/><style:style style:name="dp3" style:family="drawing-page"><style:drawing-page-properties presentation:visibility="hidden"/></style:style></office:automatic-styles><office:body><office:presentation>
<draw:page draw:name="page1" draw:style-name="dp1"><draw:frame presentation:class="title"><draw:text-box><text:p>城市<text:span text:style-name="T1">的</text:span>水</text:p></draw:text-box></draw:frame><draw:frame presentation:class="outline"><draw:text-box><text:list><text:list-item><text:p>A third <text:span>of the</text:span> water<text:s text:c="2"/>lost</text:p><text:list><text:list-item><text:p>every year</text:p></text:list-item></text:list></text:list-item><text:list-item><text:p>Two thousand &amp; more</text:p></text:list-item></text:list></draw:text-box></draw:frame><draw:frame presentation:class="page-number"><draw:text-box><text:p><text:page-number>1</text:page-number></text:p></draw:text-box></draw:frame><presentation:notes><draw:page-thumbnail presentation:class="page"/><draw:frame presentation:class="notes"><draw:text-box><text:p>大家好。</text:p><text:p/><text:p>Then <text:span>the</text:span> rain.</text:p></draw:text-box></draw:frame></presentation:notes></draw:page>
<draw:page draw:name="page2" draw:style-name="dp3"><draw:frame><draw:text-box><text:p>Backup</text:p><text:p>Only if asked</text:p></draw:text-box></draw:frame><draw:frame><table:table><table:table-row><table:table-cell><text:p>年份</text:p></table:table-cell><table:table-cell><text:p>漏损率</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell><text:p>2024</text:p></table:table-cell><table:table-cell><text:p>9%</text:p></table:table-cell></table:table-row></table:table></draw:frame><draw:frame draw:name="Chart"><draw:image xlink:href="Pictures/chart.png"/><svg:desc>Leak chart</svg:desc></draw:frame></draw:page>
</office:presentation></office:body></office:document-content>"#;

    fn deck() -> Vec<u8> {
        use std::io::Write;
        let mut out = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        let parts: [(&str, &[u8]); 3] = [
            ("mimetype", b"application/vnd.oasis.opendocument.presentation"),
            ("content.xml", CONTENT.as_bytes()),
            ("meta.xml", r#"<office:document-meta xmlns:office="o" xmlns:dc="dc" xmlns:meta="m"><office:meta><dc:title>城市的水</dc:title><meta:initial-creator>王芳</meta:initial-creator></office:meta></office:document-meta>"#.as_bytes()),
        ];
        for (name, bytes) in parts {
            zip.start_file(name, stored).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap();
        out.into_inner()
    }

    #[test]
    fn pages_are_cards_with_lists_tables_pictures_and_notes() {
        let bytes = deck();
        assert!(sniff(&bytes));
        let path = Path::new("/talks/水.odp");
        let talk = read(path, &bytes).unwrap();
        assert_eq!(
            (talk.title.as_str(), talk.speaker.as_str()),
            ("城市的水", "王芳")
        );
        let [first, second] = &talk.cards[..] else {
            panic!("{:?}", talk.cards);
        };
        assert_eq!(first.title, "城市的水");
        assert!(!first.auto_title && !first.hidden);
        assert_eq!(
            first.body,
            "- A third of the water  lost\n    - every year\n- Two thousand \\& more"
        );
        assert_eq!(first.paragraphs, ["大家好。", "Then the rain."]);
        assert_eq!(second.title, "Backup");
        assert!(second.auto_title && second.hidden);
        let uri = super::super::media_uri(path, "Pictures/chart.png");
        assert_eq!(
            second.body,
            format!(
                "Only if asked\n\n| 年份 | 漏损率 |\n| --- | --- |\n| 2024 | 9% |\n\n![Leak chart]({uri})"
            )
        );
        assert!(second.paragraphs.is_empty());
    }
}
