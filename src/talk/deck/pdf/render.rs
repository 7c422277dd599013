//! A PDF page as pixels, at the size it is shown: the page scaled to fit a box of
//! `max_width` × `max_height` pixels (its aspect kept), on white, by hayro's CPU
//! rasterizer. No UI here: the window turns the pixels into a texture.
//!
//! Bounds: a page never gives more than [`MAX_PIXELS`] pixels (a 16 000 pt wide page or
//! a huge box asked for gives fewer), and a panic in the rasterizer is caught and told
//! as a [`RenderError`].

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_interpret::util::TransformExt;
use hayro::hayro_syntax::Pdf;
use hayro::kurbo::{Affine, Rect};
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::vello_cpu::{Pixmap, RasterizerSettings, RenderContext, Resources, TargetInit};
use hayro::{RenderCache, RenderSettings};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// The most pixels a rendered page has (16 M: 64 MB of RGBA, a 5K screen's worth).
pub const MAX_PIXELS: u64 = 16 * 1024 * 1024;
/// The widest or tallest a rendered page is (the rasterizer counts in 16 bits).
const MAX_SIDE: f64 = 16_000.0;

/// A rendered page: `width` × `height` pixels, RGBA, 4 bytes a pixel, opaque.
#[derive(Clone, PartialEq, Eq)]
pub struct Rendered {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

impl std::fmt::Debug for Rendered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Rendered({}×{})", self.width, self.height)
    }
}

/// Why a page was not rendered (shown where the page would be).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenderError {
    #[error("{}", crate::t!("page-error-missing", page = *.page + 1, pages = *.pages))]
    NoSuchPage { page: usize, pages: usize },
    #[error("{}", crate::t!("page-error-empty", page = *.page + 1))]
    EmptyPage { page: usize },
    #[error("{}", crate::t!("page-error-crashed", page = *.page + 1))]
    Crashed { page: usize },
}

/// The part of page `index` drawn (in points, from its top left) for `crop`
/// ([`crate::talk::PageRef::crop`]).
fn region(pdf: &Pdf, index: usize, crop: Option<[u16; 4]>) -> Result<Rect, RenderError> {
    let pages = pdf.pages();
    let page = pages.get(index).ok_or(RenderError::NoSuchPage {
        page: index,
        pages: pages.len(),
    })?;
    let (width, height) = page.render_dimensions();
    let (width, height) = (f64::from(width), f64::from(height));
    let [left, top, right, bottom] = crop.map_or([0.0, 0.0, 1.0, 1.0], |c| {
        c.map(|v| f64::from(v.min(1000)) / 1000.0)
    });
    let rect = Rect::new(left * width, top * height, right * width, bottom * height);
    if !(rect.width() >= 1.0 && rect.height() >= 1.0 && rect.area().is_finite()) {
        return Err(RenderError::EmptyPage { page: index });
    }
    Ok(rect)
}

/// The size in pixels the `crop` of page `index` is drawn at to fit `max_width` ×
/// `max_height`, and the scale from points to pixels.
pub fn fitted_size(
    pdf: &Pdf,
    index: usize,
    crop: Option<[u16; 4]>,
    max_width: u32,
    max_height: u32,
) -> Result<(u32, u32, f64), RenderError> {
    let rect = region(pdf, index, crop)?;
    let (width, height) = (rect.width(), rect.height());
    let mut scale =
        (f64::from(max_width.max(1)) / width).min(f64::from(max_height.max(1)) / height);
    scale = scale.min(MAX_SIDE / width).min(MAX_SIDE / height);
    let pixels = width * height * scale * scale;
    if pixels > MAX_PIXELS as f64 {
        scale *= (MAX_PIXELS as f64 / pixels).sqrt();
    }
    let w = (width * scale).floor().max(1.0) as u32;
    let h = (height * scale).floor().max(1.0) as u32;
    Ok((w, h, scale))
}

/// The `crop` of page `index` of `pdf` (the whole page for `None`), fitted into
/// `max_width` × `max_height` pixels.
pub fn render_page(
    pdf: &Pdf,
    index: usize,
    crop: Option<[u16; 4]>,
    max_width: u32,
    max_height: u32,
    settings: &InterpreterSettings,
) -> Result<Rendered, RenderError> {
    let rect = region(pdf, index, crop)?;
    let (width, height, scale) = fitted_size(pdf, index, crop, max_width, max_height)?;
    let pages = pdf.pages();
    let page = &pages[index];
    let drawn = catch_unwind(AssertUnwindSafe(|| {
        let cache = RenderCache::new();
        // Bounded above: at most MAX_SIDE pixels a side.
        let (w, h) = (width as u16, height as u16);
        let mut context = RenderContext::new(w, h);
        let transform = Affine::scale(scale)
            * Affine::translate((-rect.x0, -rect.y0))
            * page.initial_transform(true).to_kurbo();
        hayro::render_into(
            page,
            &cache,
            settings,
            &RenderSettings::default(),
            &mut context,
            transform,
        );
        context.flush();
        let mut pixmap = Pixmap::new(w, h);
        context.render_with(
            &mut pixmap,
            &mut Resources::default(),
            RasterizerSettings {
                target_init: TargetInit::Clear(WHITE),
                ..Default::default()
            },
        );
        // Opaque (drawn on white): premultiplied and straight RGBA are the same bytes.
        pixmap.data_as_u8_slice().to_vec()
    }))
    .map_err(|_| RenderError::Crashed { page: index })?;
    Ok(Rendered {
        width,
        height,
        rgba: drawn,
    })
}
