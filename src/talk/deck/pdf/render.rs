//! A PDF page as pixels, at the size it is shown: the page scaled to fit a box of
//! `max_width` × `max_height` pixels (its aspect kept), on white, by hayro's CPU
//! rasterizer. No UI here: the window turns the pixels into a texture.
//!
//! Bounds: a page never gives more than [`MAX_PIXELS`] pixels (a 16 000 pt wide page or
//! a huge box asked for gives fewer), and a panic in the rasterizer is caught and told
//! as a [`RenderError`].

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings};
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

/// The size in pixels page `index` is drawn at to fit `max_width` × `max_height`.
pub fn fitted_size(
    pdf: &Pdf,
    index: usize,
    max_width: u32,
    max_height: u32,
) -> Result<(u32, u32, f64), RenderError> {
    let pages = pdf.pages();
    let page = pages.get(index).ok_or(RenderError::NoSuchPage {
        page: index,
        pages: pages.len(),
    })?;
    let (width, height) = page.render_dimensions();
    let (width, height) = (f64::from(width), f64::from(height));
    if !(width >= 1.0 && height >= 1.0 && width.is_finite() && height.is_finite()) {
        return Err(RenderError::EmptyPage { page: index });
    }
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

/// Page `index` of `pdf`, fitted into `max_width` × `max_height` pixels.
pub fn render_page(
    pdf: &Pdf,
    index: usize,
    max_width: u32,
    max_height: u32,
    settings: &InterpreterSettings,
) -> Result<Rendered, RenderError> {
    let (_, _, scale) = fitted_size(pdf, index, max_width, max_height)?;
    let pages = pdf.pages();
    let page = &pages[index];
    let drawn = catch_unwind(AssertUnwindSafe(|| {
        let cache = RenderCache::new();
        let pixmap = hayro::render(
            page,
            &cache,
            settings,
            &RenderSettings::default(),
            &PixmapSettings {
                x_scale: scale as f32,
                y_scale: scale as f32,
                bg_color: WHITE,
            },
        );
        let (width, height) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
        // Opaque (drawn on white): premultiplied and straight RGBA are the same bytes.
        (width, height, pixmap.data_as_u8_slice().to_vec())
    }))
    .map_err(|_| RenderError::Crashed { page: index })?;
    let (width, height, rgba) = drawn;
    if width == 0 || height == 0 {
        return Err(RenderError::EmptyPage { page: index });
    }
    Ok(Rendered {
        width,
        height,
        rgba,
    })
}
