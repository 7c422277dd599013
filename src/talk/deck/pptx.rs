//! PowerPoint decks (`.pptx`, and the macro, show and template variants): one card per
//! slide, in the order of the presentation's slide list (`ppt/presentation.xml`'s
//! `sldIdLst`, each `r:id` through `ppt/_rels/presentation.xml.rels`).
//!
//! - The title is the title placeholder's text (`ph type="title"` or `ctrTitle`), its runs
//!   joined as they are (a word PowerPoint split over two runs reads as one word). A slide
//!   without one is titled with its first line of text, marked an automatic title (and
//!   that line left out of the body).
//! - The body is the rest of the slide in Markdown, shape by shape in the slide's order:
//!   a placeholder's paragraphs as a list (its bullets inherited from the layout; `buNone`
//!   makes a paragraph plain), nested by `a:pPr lvl`; a text box as paragraphs (unless it
//!   sets its own bullets); a table (`a:tbl`) as a Markdown table; a picture (`p:pic`) as
//!   an image whose address ([`super::media_uri`]) names the part in the file, read when
//!   shown. Slide numbers, dates, footers are left out.
//! - The speaker notes are the notes page's text (`notesSlideN.xml`), without the
//!   slide-number field and the slide image's placeholder: notes that only hold the
//!   slide's number are no notes.
//! - A hidden slide (`<p:sld show="0">`) is a card marked [`Card::hidden`].
//! - The talk's title and speaker are `dc:title` and `dc:creator` of
//!   `docProps/core.xml`; without a title, the first slide's.
//!
//! The card's id is `slide-` and the slide's id in the presentation (`sldId id`), which
//! PowerPoint keeps when slides are moved, so notes stay with their slide.

use super::markdown::{self, escape, markdown_lines, one_line, sha256_hex, strip_first_line};
use super::package::{Element, Package, Rel};
use super::{DeckError, DeckReader};
use crate::t;
use crate::talk::foreign::{self, Kind};
use crate::talk::{Card, CardKind, Talk};
use std::path::Path;

pub static PPTX: DeckReader = DeckReader {
    name: "PowerPoint",
    extensions: &["pptx", "pptm", "ppsx", "ppsm", "potx"],
    sniff,
    read,
};

/// The most slides read from one deck.
const MAX_SLIDES: usize = 10_000;

fn sniff(bytes: &[u8]) -> bool {
    foreign::from_bytes(bytes) == Some(Kind::Pptx)
}

fn read(path: &Path, bytes: &[u8]) -> Result<Talk, DeckError> {
    let mut pkg = Package::open(path, bytes)?;
    let root_rels = pkg.rels("")?;
    let main = target_of(&root_rels, "officeDocument")
        .unwrap_or_else(|| "ppt/presentation.xml".to_string());
    let presentation = pkg.xml(&main)?;
    let rels = pkg.rels(&main)?;
    let slide_ids: Vec<(&str, &str)> = presentation
        .child("sldIdLst")
        .map(|list| {
            list.elements("sldId")
                .filter_map(|s| Some((s.attr("id")?, s.rel_attr("id")?)))
                .collect()
        })
        .unwrap_or_default();
    let mut cards = Vec::with_capacity(slide_ids.len().min(MAX_SLIDES));
    for (k, (slide_id, rel_id)) in slide_ids.into_iter().take(MAX_SLIDES).enumerate() {
        let part = rels
            .iter()
            .find(|r| r.id == rel_id)
            .and_then(|r| r.target.clone())
            .ok_or_else(|| DeckError::MissingPart {
                path: path.to_path_buf(),
                part: format!("{rel_id} ({main})"),
            })?;
        cards.push(slide_card(&mut pkg, &part, k + 1, slide_id)?);
    }
    if cards.is_empty() {
        return Err(DeckError::NoSlides {
            path: path.to_path_buf(),
        });
    }
    crate::talk::turns::mark(&mut cards);
    let core =
        target_of(&root_rels, "core-properties").unwrap_or_else(|| "docProps/core.xml".to_string());
    // The document's properties are a nicety: a deck without them (or with broken ones)
    // still opens.
    let core = pkg.xml(&core).ok();
    let property = |name: &str| {
        core.as_ref()
            .and_then(|c| c.child(name))
            .map(|e| one_line(&e.text()))
            .filter(|t| !t.is_empty())
    };
    let title = property("title")
        .filter(|t| !is_default_title(t))
        .or_else(|| {
            cards
                .iter()
                .find(|c| !c.auto_title)
                .map(|c| c.title.clone())
        })
        .or_else(|| {
            cards
                .first()
                .filter(|c| !c.body.is_empty())
                .map(|c| c.title.clone())
        })
        .or_else(|| path.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .unwrap_or_default();
    Ok(Talk {
        title,
        speaker: property("creator").unwrap_or_default(),
        role: String::new(),
        event: String::new(),
        date: String::new(),
        source: String::new(),
        author: String::new(),
        cards,
        fingerprint: sha256_hex(bytes),
    })
}

/// The titles PowerPoint and WPS give a new file, which say nothing of the talk.
fn is_default_title(title: &str) -> bool {
    let t = title.to_lowercase();
    t == "presentation"
        || t.starts_with("powerpoint presentation")
        || t.starts_with("powerpoint 演示文稿")
        || t.starts_with("演示文稿")
        || t.starts_with("slide 1")
}

fn target_of(rels: &[Rel], kind: &str) -> Option<String> {
    rels.iter()
        .find(|r| r.kind == kind)
        .and_then(|r| r.target.clone())
}

/// What a slide's shapes say.
#[derive(Default)]
struct SlideText {
    title: Option<String>,
    /// The title is a title slide's (`ctrTitle`).
    centred: bool,
    /// Markdown blocks, one per shape (a list, paragraphs, a table, a picture).
    blocks: Vec<String>,
    /// The top-level bullets, plain.
    points: Vec<String>,
    /// The first line of text, for a slide without a title.
    first_line: Option<String>,
}

fn slide_card(
    pkg: &mut Package<'_>,
    part: &str,
    number: usize,
    slide_id: &str,
) -> Result<Card, DeckError> {
    let slide = pkg.xml(part)?;
    let rels = pkg.rels(part)?;
    let mut text = SlideText::default();
    if let Some(tree) = sp_tree(&slide) {
        shapes(tree, &rels, pkg.path(), &mut text);
    }
    let mut paragraphs = match target_of(&rels, "notesSlide") {
        // A notes page named but not in the file: the slide still opens, without notes.
        Some(notes) if pkg.has(&notes) => notes_text(&pkg.xml(&notes)?),
        _ => Vec::new(),
    };
    if paragraphs.len() == 1 && paragraphs[0] == number.to_string() {
        paragraphs.clear();
    }
    let (title, auto_title) = match (text.title, text.first_line) {
        (Some(title), _) => (title, false),
        (None, Some(line)) => {
            strip_first_line(&mut text.blocks, &line);
            (line, true)
        }
        (None, None) => (t!("deck-slide-title", number = number), true),
    };
    Ok(Card {
        id: format!("slide-{slide_id}"),
        kind: if text.centred {
            CardKind::Title
        } else {
            CardKind::Observation
        },
        title,
        key_points: text.points,
        body: text.blocks.join("\n\n"),
        paragraphs,
        auto_title,
        hidden: matches!(slide.attr("show"), Some("0" | "false")),
        ..Default::default()
    })
}

fn sp_tree(root: &Element) -> Option<&Element> {
    root.child("cSld")?.child("spTree")
}

/// The placeholder type of a shape (`title`, `body`…; a placeholder without a type is a
/// body), `None` for a shape that is no placeholder.
fn placeholder(shape: &Element) -> Option<&str> {
    let ph = shape.child("nvSpPr")?.child("nvPr")?.child("ph")?;
    Some(ph.attr("type").unwrap_or("body"))
}

/// Placeholders that are the slide's furniture, not its content.
fn is_furniture(kind: &str) -> bool {
    matches!(kind, "sldNum" | "dt" | "ftr" | "hdr" | "sldImg")
}

fn shapes(tree: &Element, rels: &[Rel], deck: &Path, out: &mut SlideText) {
    for shape in tree.children() {
        match shape.name.as_str() {
            "sp" => text_shape(shape, out),
            "grpSp" => shapes(shape, rels, deck, out),
            "graphicFrame" => {
                if let Some(table) = shape.find("tbl").map(table)
                    && !table.is_empty()
                {
                    out.blocks.push(table);
                }
            }
            "pic" => out.blocks.push(picture(shape, rels, deck)),
            // Newer content with an older fallback (an equation as a picture): one of them.
            "AlternateContent" => {
                if let Some(branch) = shape.child("Fallback").or_else(|| shape.child("Choice")) {
                    shapes(branch, rels, deck, out);
                }
            }
            _ => {}
        }
    }
}

/// How a paragraph is marked.
#[derive(Clone, Copy, PartialEq)]
enum Bullet {
    /// As the shape's kind has it (a placeholder's are bullets, a text box's are not).
    Inherited,
    None,
    Char,
    Number,
}

struct Para {
    /// The runs' text; a line break (`a:br`) is `\n`.
    text: String,
    level: usize,
    bullet: Bullet,
}

fn paragraph(p: &Element) -> Para {
    let props = p.child("pPr");
    let level = props
        .and_then(|pr| pr.attr("lvl"))
        .and_then(|l| l.parse::<usize>().ok())
        .unwrap_or(0)
        .min(8);
    let bullet = match props {
        Some(pr) if pr.child("buNone").is_some() => Bullet::None,
        Some(pr) if pr.child("buAutoNum").is_some() => Bullet::Number,
        Some(pr) if pr.child("buChar").is_some() || pr.child("buBlip").is_some() => Bullet::Char,
        _ => Bullet::Inherited,
    };
    let mut text = String::new();
    for run in p.children() {
        match run.name.as_str() {
            "r" => text.push_str(&run_text(run)),
            "fld" if run.attr("type") != Some("slidenum") => text.push_str(&run_text(run)),
            "br" => text.push('\n'),
            _ => {}
        }
    }
    // PowerPoint's soft return inside a run is a vertical tab.
    let text = text.replace('\u{b}', "\n").replace('\t', " ");
    Para {
        text,
        level,
        bullet,
    }
}

fn run_text(run: &Element) -> String {
    run.elements("t").map(Element::text).collect()
}

fn text_shape(shape: &Element, out: &mut SlideText) {
    let kind = placeholder(shape);
    let Some(body) = shape.child("txBody") else {
        return;
    };
    let paras: Vec<Para> = body
        .elements("p")
        .map(paragraph)
        .filter(|p| !p.text.trim().is_empty())
        .collect();
    if paras.is_empty() {
        return;
    }
    match kind {
        Some(k) if is_furniture(k) => return,
        Some(k @ ("title" | "ctrTitle")) if out.title.is_none() => {
            let title = one_line(
                &paras
                    .iter()
                    .map(|p| p.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            out.centred = k == "ctrTitle";
            out.title = Some(title);
            return;
        }
        _ => {}
    }
    if out.first_line.is_none() {
        out.first_line = paras[0].text.lines().map(one_line).find(|l| !l.is_empty());
    }
    let bullets_by_default =
        matches!(kind, Some(k) if !matches!(k, "subTitle" | "title" | "ctrTitle"));
    let mut lines: Vec<String> = Vec::new();
    // The level of the list item before, to nest at most one level deeper than it.
    let mut last_level: Option<usize> = None;
    for para in &paras {
        let bullet = match para.bullet {
            Bullet::Inherited if bullets_by_default => Bullet::Char,
            Bullet::Inherited => Bullet::None,
            b => b,
        };
        if bullet == Bullet::None {
            if !lines.is_empty() {
                lines.push(String::new());
            }
            lines.push(markdown_lines(&para.text, 0));
            last_level = None;
            continue;
        }
        if last_level.is_none() && !lines.is_empty() {
            lines.push(String::new());
        }
        let level = para.level.min(last_level.map_or(0, |l| l + 1));
        last_level = Some(level);
        let marker = if bullet == Bullet::Number {
            "1. "
        } else {
            "- "
        };
        let indent = 4 * level;
        lines.push(format!(
            "{}{marker}{}",
            " ".repeat(indent),
            markdown_lines(&para.text, indent + marker.len())
        ));
        if level == 0 && kind.is_some() {
            out.points.push(one_line(&para.text));
        }
    }
    out.blocks.push(lines.join("\n"));
}

/// A table as a Markdown table, its first row the header; a merged cell's continuation
/// is an empty cell.
fn table(tbl: &Element) -> String {
    let rows: Vec<Vec<String>> = tbl
        .elements("tr")
        .map(|tr| {
            tr.elements("tc")
                .map(|tc| {
                    let merged = ["hMerge", "vMerge"]
                        .iter()
                        .any(|m| matches!(tc.attr(m), Some("1" | "true")));
                    if merged {
                        return String::new();
                    }
                    let text: Vec<String> = tc
                        .child("txBody")
                        .map(|b| {
                            b.elements("p")
                                .map(|p| one_line(&paragraph(p).text))
                                .collect()
                        })
                        .unwrap_or_default();
                    escape(
                        text.into_iter()
                            .filter(|t| !t.is_empty())
                            .collect::<Vec<_>>()
                            .join(" ")
                            .trim(),
                    )
                })
                .collect()
        })
        .collect();
    markdown::table(&rows)
}

/// A picture as an image of the body (its description, or its name, the alt text); a
/// picture the card cannot show, or whose part is not named, as its name in italics.
fn picture(pic: &Element, rels: &[Rel], deck: &Path) -> String {
    let props = pic.child("nvPicPr").and_then(|n| n.child("cNvPr"));
    let alt = props
        .and_then(|p| p.attr("descr").filter(|d| !d.trim().is_empty()))
        .or_else(|| props.and_then(|p| p.attr("name")))
        .map(one_line)
        .unwrap_or_default();
    let part = pic
        .child("blipFill")
        .and_then(|b| b.child("blip"))
        .and_then(|b| b.rel_attr("embed"))
        .and_then(|id| rels.iter().find(|r| r.id == id))
        .and_then(|r| r.target.clone());
    markdown::picture(&alt, part.as_deref(), deck)
}

/// The notes page's text, one string per line: every shape but the slide image, the
/// slide number, the header, footer and date; a slide-number field left out wherever it
/// is.
fn notes_text(notes: &Element) -> Vec<String> {
    fn collect(tree: &Element, out: &mut Vec<String>) {
        for shape in tree.children() {
            match shape.name.as_str() {
                "grpSp" => collect(shape, out),
                "sp" if !placeholder(shape).is_some_and(is_furniture) => {
                    let Some(body) = shape.child("txBody") else {
                        continue;
                    };
                    for p in body.elements("p") {
                        out.extend(
                            paragraph(p)
                                .text
                                .lines()
                                .map(|l| l.trim().to_string())
                                .filter(|l| !l.is_empty()),
                        );
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    if let Some(tree) = sp_tree(notes) {
        collect(tree, &mut out);
    }
    out
}

#[cfg(test)]
#[path = "pptx_tests.rs"]
mod tests;
