//! A PDF page's text, in lines from top to bottom: hayro's interpreter draws the page
//! into a device that keeps, of each glyph, its Unicode (the font's `ToUnicode` CMap,
//! else its glyph name), where it stands and how large it is, and draws nothing.
//!
//! Glyphs are joined into lines in the order the page shows them; a new line starts where
//! the baseline moves by half a glyph or the text goes back left. A space goes between two
//! glyphs apart by more than a fifth of their size unless either is Chinese (Chinese text
//! has no spaces, and a PDF rarely draws them). Lines are then put top to bottom.

use hayro::hayro_interpret::font::GlyphRun;
use hayro::hayro_interpret::hayro_cmap::BfString;
use hayro::hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps,
    InterpreterCache, InterpreterSettings, SoftMask, interpret_page,
};
use hayro::hayro_syntax::page::Page;
use hayro::kurbo::{BezPath, Point, Rect};

/// The most text kept of one page: a slide holds far less; a page of a book a few
/// thousand characters.
pub const MAX_PAGE_CHARS: usize = 20_000;

/// The glyph space of hayro's glyph transforms: 1000 units to the em.
const UNITS_PER_EM: f64 = 1000.0;

/// One line of a page's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    /// The size of its largest glyph, in points.
    pub size: f64,
    /// Its baseline, in points from the top of the page.
    pub y: f64,
    /// Where it starts, in points from the left of the page.
    pub x: f64,
}

/// The lines of text on `page`, top to bottom, without empty ones.
pub fn page_lines(page: &Page<'_>, settings: &InterpreterSettings) -> Vec<Line> {
    let cache = InterpreterCache::new();
    let (width, height) = page.render_dimensions();
    let transform = page.initial_transform(true).to_kurbo_affine();
    let mut context = Context::new(
        transform,
        Rect::new(0.0, 0.0, f64::from(width), f64::from(height)),
        &cache,
        page.xref(),
        settings.clone(),
    );
    let mut device = TextDevice::default();
    interpret_page(page, &mut context, &mut device);
    device.finish()
}

/// `Transform::to_kurbo` under a name that does not need hayro's extension trait in scope.
trait ToAffine {
    fn to_kurbo_affine(&self) -> hayro::kurbo::Affine;
}

impl ToAffine for hayro::hayro_syntax::transform::Transform {
    fn to_kurbo_affine(&self) -> hayro::kurbo::Affine {
        use hayro::hayro_interpret::util::TransformExt;
        self.to_kurbo()
    }
}

/// A glyph placed on the page.
struct Placed {
    text: String,
    origin: Point,
    /// Where the next glyph would start.
    end: Point,
    size: f64,
}

#[derive(Default)]
struct TextDevice {
    lines: Vec<Line>,
    /// The line being built and where its last glyph ended.
    current: Option<(Line, Point)>,
    chars: usize,
}

impl TextDevice {
    fn push(&mut self, glyph: Placed) {
        if self.chars >= MAX_PAGE_CHARS {
            return;
        }
        self.chars += glyph.text.chars().count();
        if let Some((line, end)) = &mut self.current {
            let size = line.size.max(glyph.size).max(1.0);
            let same_line =
                (glyph.origin.y - line.y).abs() < size * 0.5 && glyph.origin.x > end.x - size;
            if same_line {
                let gap = glyph.origin.x - end.x;
                let cjk = |s: &str| s.chars().any(crate::talk::text::is_han);
                let spaced = line.text.ends_with(' ') || glyph.text.starts_with(' ');
                if gap > size * 0.2 && !spaced && !cjk(&line.text) && !cjk(&glyph.text) {
                    line.text.push(' ');
                }
                line.text.push_str(&glyph.text);
                line.size = line.size.max(glyph.size);
                *end = glyph.end;
                return;
            }
        }
        self.end_line();
        let line = Line {
            text: glyph.text,
            size: glyph.size,
            y: glyph.origin.y,
            x: glyph.origin.x,
        };
        self.current = Some((line, glyph.end));
    }

    fn end_line(&mut self) {
        if let Some((mut line, _)) = self.current.take() {
            let text = line.text.split_whitespace().collect::<Vec<_>>().join(" ");
            if !text.is_empty() {
                line.text = text;
                self.lines.push(line);
            }
        }
    }

    fn finish(mut self) -> Vec<Line> {
        self.end_line();
        // Top to bottom; lines on one baseline left to right (a stable sort keeps the
        // page's order among equals).
        self.lines.sort_by(|a, b| {
            let tolerance = a.size.min(b.size) * 0.5;
            if (a.y - b.y).abs() < tolerance {
                a.x.total_cmp(&b.x)
            } else {
                a.y.total_cmp(&b.y)
            }
        });
        self.lines
    }
}

impl<'a> Device<'a> for TextDevice {
    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'a>, _: &DrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {}
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, _: &DrawMode) {
        for glyph in run.glyphs() {
            let Some(unicode) = glyph.as_unicode() else {
                continue;
            };
            let text = match unicode {
                BfString::Char(c) => c.to_string(),
                BfString::String(s) => s,
            };
            // Control characters and the private use area are no text a reader could use.
            let text: String = text
                .chars()
                .filter(|c| !c.is_control() && !('\u{E000}'..='\u{F8FF}').contains(c))
                .collect();
            if text.is_empty() {
                continue;
            }
            let placed = props.transform * glyph.transform();
            let advance = match &**glyph {
                hayro::hayro_interpret::font::Glyph::Outline(g) => g.advance_width(),
                hayro::hayro_interpret::font::Glyph::Type3(g) => g.advance_width(),
            }
            .map_or(UNITS_PER_EM * 0.5, f64::from);
            let origin = placed * Point::ORIGIN;
            let up = placed * Point::new(0.0, UNITS_PER_EM) - origin;
            self.push(Placed {
                text,
                origin,
                end: placed * Point::new(advance, 0.0),
                size: up.hypot(),
            });
        }
    }
}
