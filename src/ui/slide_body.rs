//! A card's body — the slide's Markdown — drawn as the slide, with egui_commonmark:
//! headings, lists, emphasis, links, tables, quotes and images. Code blocks at the top
//! of the slide are drawn here instead ([`code_block`]): monospace, highlighted by
//! egui_extras' highlighter for their language, scrollable sideways when long, as read-
//! only labels (egui_commonmark's own are unlabelled text fields with a copy button
//! whose icon no bundled font has).
//!
//! Images are read from paths relative to the deck by egui_extras' loaders, which
//! read and decode off the UI thread and cache the result (installed in
//! [`install_image_loaders`]); a frame only draws the texture. Remote images are never
//! fetched: no HTTP loader is installed, and the body is rewritten to show the address
//! in place of the picture ([`without_remote_images`]).

use crate::t;
use egui_commonmark::{CommonMarkCache, CommonMarkViewer};
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// The body's text size on a card at scale 1 (the slide's title is larger).
const BODY_SIZE: f32 = 17.0;

/// File and image loaders (PNG, JPEG, GIF's first frame, SVG; a deck file's pictures by
/// their `zip://` address, [`super::deck_media`]): bytes are read on a thread, decoded on
/// a thread, kept until the app forgets them; pictures too large to decode safely are
/// refused first ([`super::picture_guard`]).
pub fn install_image_loaders(ctx: &egui::Context) {
    egui_extras::install_image_loaders(ctx);
    super::deck_media::install(ctx);
    super::picture_guard::install(ctx);
}

/// Draws `body` (Markdown) at `scale`; relative image paths are taken from `base_dir`,
/// the deck's folder. `id` keeps each place's viewer state apart (card, tile, audience).
pub fn show(ui: &mut egui::Ui, id: egui::Id, body: &str, base_dir: Option<&Path>, scale: f32) {
    let cache = ui.data_mut(|d| {
        d.get_temp_mut_or_default::<SharedCache>(egui::Id::unique("talkdeck-commonmark"))
            .clone()
    });
    let body = without_remote_images(body, &t!("remote-image"));
    ui.scope(|ui| {
        scale_text(ui.style_mut(), scale);
        let width = ui.available_width().max(16.0) as usize;
        let viewer = || {
            let viewer = CommonMarkViewer::new()
                .max_image_width(Some(width))
                .default_width(Some(width))
                .show_alt_text_on_hover(true);
            match base_dir {
                Some(dir) => viewer.default_implicit_uri_scheme(file_uri(dir)),
                None => viewer,
            }
        };
        let mut cache = cache.0.lock().unwrap_or_else(|e| e.into_inner());
        for (k, part) in parts(&body).into_iter().enumerate() {
            match part {
                Part::Markdown(md) => {
                    viewer().show_with_id(id.with(k), ui, &mut cache, md);
                }
                Part::Code { lang, code } => code_block(ui, id.with(k), &lang, &code),
            }
        }
    });
}

/// The URIs under which [`show`] asks for the raster pictures of `body` (relative paths,
/// from the deck's folder), to load them ahead. A first visit to a card with a picture
/// painted three frames (the card, then the picture a read and a decode later); loaded
/// ahead, one. SVGs are left out: they are drawn at the size shown, not known here.
pub fn picture_uris(body: &str, base_dir: Option<&Path>) -> Vec<String> {
    Parser::new(body)
        .filter_map(|event| match event {
            Event::Start(Tag::Image { dest_url, .. })
                if !dest_url.to_ascii_lowercase().ends_with(".svg") =>
            {
                // A picture inside the deck file (a .pptx's) is named by its full address.
                if dest_url.starts_with("zip://") {
                    Some(dest_url.to_string())
                } else if dest_url.contains("://") {
                    None
                } else {
                    base_dir.map(|dir| format!("{}{dest_url}", file_uri(dir)))
                }
            }
            _ => None,
        })
        .collect()
}

/// A piece of a body: Markdown for egui_commonmark, or a top-level code block.
#[derive(Debug, PartialEq, Eq)]
enum Part<'a> {
    Markdown(&'a str),
    Code { lang: String, code: String },
}

/// The body cut at its top-level code blocks.
fn parts(body: &str) -> Vec<Part<'_>> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut depth = 0usize;
    let mut code: Option<(String, String, usize)> = None;
    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(kind)) if depth == 0 => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new(), range.start));
            }
            Event::Text(t) if code.is_some() => {
                if let Some((_, text, _)) = code.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) if code.is_some() => {
                if let Some((lang, text, start)) = code.take() {
                    let md = body[pos..start].trim();
                    if !md.is_empty() {
                        out.push(Part::Markdown(md));
                    }
                    let text = text.strip_suffix('\n').unwrap_or(&text).to_string();
                    out.push(Part::Code { lang, code: text });
                    pos = range.end;
                }
            }
            Event::Start(Tag::List(_) | Tag::BlockQuote(_) | Tag::Item) => depth += 1,
            Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_) | TagEnd::Item) => {
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    let md = body[pos..].trim();
    if !md.is_empty() {
        out.push(Part::Markdown(md));
    }
    out
}

/// A code block: highlighted monospace text in a frame, scrolled sideways when wide.
fn code_block(ui: &mut egui::Ui, id: egui::Id, lang: &str, code: &str) {
    let theme = egui_extras::syntax_highlighting::CodeTheme::from_style(ui.style());
    let mut job =
        egui_extras::syntax_highlighting::highlight(ui.ctx(), ui.style(), &theme, code, lang);
    job.wrap.max_width = f32::INFINITY;
    let visuals = ui.visuals();
    egui::Frame::new()
        .fill(visuals.code_bg_color)
        .stroke(visuals.widgets.noninteractive.bg_stroke)
        .corner_radius(6.0)
        .inner_margin(8)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            egui::ScrollArea::horizontal()
                .id_salt(id)
                .auto_shrink([false, true])
                .show(ui, |ui| ui.add(egui::Label::new(job).extend()));
        });
    ui.add_space(6.0);
}

/// The commonmark cache in egui's memory, shared by every place a body is drawn.
#[derive(Clone, Default)]
struct SharedCache(Arc<Mutex<CommonMarkCache>>);

/// `file:///deck/folder/`, the prefix egui_commonmark puts before a relative image path.
fn file_uri(dir: &Path) -> String {
    let mut uri = format!("file://{}", dir.display());
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// Body text, headings and code at `scale` times their card size.
fn scale_text(style: &mut egui::Style, scale: f32) {
    use egui::TextStyle;
    let size = |base: f32| base * scale;
    for (text_style, font) in style.text_styles.iter_mut() {
        font.size = match text_style {
            TextStyle::Heading => size(BODY_SIZE * 1.35),
            TextStyle::Monospace => size(BODY_SIZE * 0.85),
            TextStyle::Small => size(BODY_SIZE * 0.75),
            TextStyle::Button => font.size,
            _ => size(BODY_SIZE),
        };
    }
}

/// The body with each remote image (`http:`, `https:`, `//…`) replaced by a line that
/// gives its address, so nothing is ever fetched from the network.
pub fn without_remote_images(body: &str, label: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut pos = 0;
    let mut skip_to = 0;
    for (event, range) in Parser::new(body).into_offset_iter() {
        if let Event::Start(Tag::Image { dest_url, .. }) = event
            && range.start >= skip_to
            && is_remote(&dest_url)
        {
            out.push_str(&body[pos..range.start]);
            out.push_str(&format!("`[{label}: {}]`", dest_url.replace('`', "'")));
            pos = range.end;
            skip_to = range.end;
        }
    }
    out.push_str(&body[pos..]);
    out
}

fn is_remote(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("http:") || lower.starts_with("https:") || lower.starts_with("//")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remote_images_become_their_address() {
        let body = "![logo](https://example.com/a.png) and ![local](img/b.png)\n\n[![x](//cdn/x.gif)](https://link)";
        assert_eq!(
            without_remote_images(body, "remote image"),
            "`[remote image: https://example.com/a.png]` and ![local](img/b.png)\n\n[`[remote image: //cdn/x.gif]`](https://link)"
        );
        assert_eq!(without_remote_images("no images", "x"), "no images");
    }

    #[test]
    fn top_level_code_blocks_are_cut_out() {
        let body = "Intro\n\n```rust ignore\nfn main() {}\n```\n\n- a\n\n  ```\n  nested\n  ```\n\nafter\n\n    indented\n";
        assert_eq!(
            parts(body),
            [
                Part::Markdown("Intro"),
                Part::Code {
                    lang: "rust".into(),
                    code: "fn main() {}".into()
                },
                Part::Markdown("- a\n\n  ```\n  nested\n  ```\n\nafter"),
                Part::Code {
                    lang: String::new(),
                    code: "indented".into()
                },
            ]
        );
    }

    #[test]
    fn the_pictures_loaded_ahead_are_the_local_raster_ones() {
        let body = "![a](img/a.png) and ![b](https://example.com/b.png)\n\n![c](c.svg) ![d](d.JPG)";
        assert_eq!(
            picture_uris(body, Some(Path::new("/talks/deck"))),
            ["file:///talks/deck/img/a.png", "file:///talks/deck/d.JPG"]
        );
        assert!(
            picture_uris(body, None).is_empty(),
            "no folder: nothing to read"
        );
        let pptx =
            "![chart](zip:///talks/deck.pptx#ppt/media/image1.png) ![e](zip:///d.pptx#e.svg)";
        assert_eq!(
            picture_uris(pptx, None),
            ["zip:///talks/deck.pptx#ppt/media/image1.png"]
        );
    }

    #[test]
    fn deck_folders_become_file_uris() {
        assert_eq!(file_uri(Path::new("/talks/deck")), "file:///talks/deck/");
        assert_eq!(file_uri(Path::new("/")), "file:///");
    }
}
