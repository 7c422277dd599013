//! A guard in front of egui_extras' picture loaders: a slide picture whose header (or an
//! SVG whose declared size, at the size it is asked for) needs more pixels than
//! [`MAX_SIDE`] / [`MAX_PIXELS`] is refused with a reason instead of decoded. A 2.6 MB PNG
//! of 30000×30000 pixels took the window to 3 GB, and an SVG declaring 100000×100000
//! aborted the app in tiny_skia's allocation (no save, no signal handler ran).
//!
//! The guard is an [`ImageLoader`] added after egui_extras' ones, so egui asks it first:
//! it looks at a `file://` picture's path before anything reads it (a named pipe would
//! block the reading thread for ever, `/dev/zero` would fill the memory; both are
//! refused, as is a file over [`readfile::MAX_PICTURE_BYTES`]), then reads the bytes
//! through the same bytes loader, looks at the size only, and answers "not mine" for
//! every picture within the bounds, which the decoders then load as before.

use crate::readfile;
use crate::t;
use egui::load::{BytesPoll, ImageLoadResult, ImageLoader, ImagePoll, LoadError, SizeHint};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The longest side of a picture decoded for a card.
pub const MAX_SIDE: u64 = 8192;
/// The most pixels of a picture decoded for a card: 64 MB as RGBA.
pub const MAX_PIXELS: u64 = 16 * 1024 * 1024;

/// A picture over the bounds, with the size it would be decoded at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge {
    pub width: u64,
    pub height: u64,
}

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = t!(
            "picture-too-large",
            width = self.width,
            height = self.height,
            side = MAX_SIDE
        );
        f.write_str(&text)
    }
}

/// Checks the size `bytes` would be decoded at for `hint`; `Ok` also when the size cannot
/// be told (the decoder then says what is wrong).
pub fn check(bytes: &[u8], hint: SizeHint) -> Result<(), TooLarge> {
    let size = match imagesize::blob_size(bytes) {
        Ok(size) => Some((size.width as f64, size.height as f64)),
        Err(_) => svg_size(bytes, hint),
    };
    let Some((w, h)) = size else {
        return Ok(());
    };
    let (width, height) = (w.max(0.0).round() as u64, h.max(0.0).round() as u64);
    let fits =
        width <= MAX_SIDE && height <= MAX_SIDE && width.saturating_mul(height) <= MAX_PIXELS;
    if fits {
        Ok(())
    } else {
        Err(TooLarge { width, height })
    }
}

/// The size egui_extras rasterizes an SVG at for `hint` (its declared size, scaled as
/// `load_svg_bytes_with_size` does), or `None` when the bytes are no SVG.
fn svg_size(bytes: &[u8], hint: SizeHint) -> Option<(f64, f64)> {
    let head = &bytes[..bytes.len().min(4096)];
    if !head.windows(4).any(|w| w == b"<svg") {
        return None;
    }
    let tree = usvg::Tree::from_data(bytes, &usvg::Options::default()).ok()?;
    let (w, h) = (tree.size().width() as f64, tree.size().height() as f64);
    Some(match hint {
        SizeHint::Size {
            width,
            height,
            maintain_aspect_ratio: true,
        } => {
            let k = (width as f64 / w).min(height as f64 / h);
            (w * k, h * k)
        }
        SizeHint::Size { width, height, .. } => (width as f64, height as f64),
        SizeHint::Width(width) => (width as f64, h * width as f64 / w),
        SizeHint::Height(height) => (w * height as f64 / h, height as f64),
        SizeHint::Scale(scale) => (w * scale.into_inner() as f64, h * scale.into_inner() as f64),
    })
}

/// Why the file a `file://` address names must not be read: not a regular file, or too
/// large. Both the address as written and its percent-decoded form are looked at, as
/// egui_extras' file loader tries both.
fn refused_path(uri: &str) -> Option<String> {
    let raw = uri.strip_prefix("file://")?;
    let decoded = percent_encoding::percent_decode_str(raw).decode_utf8().ok();
    let paths = std::iter::once(PathBuf::from(raw)).chain(decoded.map(|d| PathBuf::from(&*d)));
    paths
        .filter_map(|p| readfile::check_path(&p, readfile::MAX_PICTURE_BYTES).err())
        .map(|refused| refused.to_string())
        .next()
}

/// The verdict for each picture and size asked for: `Some(reason)` when refused.
#[derive(Default)]
struct Guard {
    verdicts: Mutex<HashMap<(String, SizeHint), Option<String>>>,
}

impl ImageLoader for Guard {
    fn id(&self) -> &str {
        concat!(module_path!(), "::Guard")
    }

    fn load(&self, ctx: &egui::Context, uri: &str, hint: SizeHint) -> ImageLoadResult {
        let key = (uri.to_owned(), hint);
        let mut verdicts = self.verdicts.lock().unwrap_or_else(|e| e.into_inner());
        let verdict = match verdicts.get(&key) {
            Some(verdict) => verdict.clone(),
            None => {
                let verdict = match refused_path(uri) {
                    Some(reason) => Some(reason),
                    None => match ctx.try_load_bytes(uri) {
                        Ok(BytesPoll::Ready { bytes, .. }) => {
                            check(&bytes, hint).err().map(|e| e.to_string())
                        }
                        Ok(BytesPoll::Pending { size }) => {
                            return Ok(ImagePoll::Pending { size });
                        }
                        // Not a picture the bytes loaders read: the decoders say why.
                        Err(_) => None,
                    },
                };
                if let Some(reason) = &verdict {
                    log::warn!("{uri}: {reason}");
                }
                verdicts.insert(key, verdict.clone());
                verdict
            }
        };
        match verdict {
            Some(reason) => Err(LoadError::Loading(reason)),
            None => Err(LoadError::NotSupported),
        }
    }

    fn forget(&self, uri: &str) {
        let mut verdicts = self.verdicts.lock().unwrap_or_else(|e| e.into_inner());
        verdicts.retain(|(u, _), _| u != uri);
    }

    fn forget_all(&self) {
        let mut verdicts = self.verdicts.lock().unwrap_or_else(|e| e.into_inner());
        verdicts.clear();
    }

    fn byte_size(&self) -> usize {
        0
    }
}

/// Puts the guard in front of the loaders installed so far.
pub fn install(ctx: &egui::Context) {
    ctx.add_image_loader(Arc::new(Guard::default()));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first bytes of a PNG of `w`×`h` pixels: all a header reader needs.
    fn png_header(w: u32, h: u32) -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        b.extend_from_slice(&w.to_be_bytes());
        b.extend_from_slice(&h.to_be_bytes());
        b.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
        b
    }

    fn svg(w: u32, h: u32) -> Vec<u8> {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}"><rect width="10" height="10"/></svg>"#
        )
        .into_bytes()
    }

    #[test]
    fn a_png_bomb_is_refused_from_its_header() {
        let scale = SizeHint::Scale(1.0.into());
        assert_eq!(
            check(&png_header(30000, 30000), scale),
            Err(TooLarge {
                width: 30000,
                height: 30000
            })
        );
        assert_eq!(check(&png_header(1920, 1080), scale), Ok(()));
        // A long strip within each side but over the pixel budget.
        assert!(check(&png_header(8192, 8192), scale).is_err());
    }

    #[test]
    fn an_svg_is_judged_at_the_size_it_is_rasterized_at() {
        let huge = svg(100_000, 100_000);
        assert!(check(&huge, SizeHint::Scale(1.0.into())).is_err());
        // Asked for at the card's width it is small.
        assert_eq!(check(&huge, SizeHint::Width(800)), Ok(()));
        assert_eq!(check(&svg(400, 300), SizeHint::Scale(2.0.into())), Ok(()));
    }

    #[cfg(unix)]
    #[test]
    fn a_device_or_a_pipe_named_as_a_picture_is_refused_before_it_is_read() {
        assert!(refused_path("file:///dev/zero").is_some());
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.png");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        let uri = format!("file://{}", fifo.display());
        assert!(refused_path(&uri).is_some());
        let plain = dir.path().join("a picture.png");
        std::fs::write(&plain, png_header(10, 10)).unwrap();
        assert_eq!(refused_path(&format!("file://{}", plain.display())), None);
        // Written percent-encoded, as a Markdown link often is.
        let encoded = format!("file://{}/with%20space.png", dir.path().display());
        let spaced = dir.path().join("with space.png");
        std::process::Command::new("mkfifo")
            .arg(&spaced)
            .status()
            .unwrap();
        assert!(refused_path(&encoded).is_some());
    }

    #[test]
    fn bytes_of_no_known_picture_are_left_to_the_decoders() {
        assert_eq!(check(b"not a picture", SizeHint::Scale(1.0.into())), Ok(()));
    }

    #[test]
    fn the_reason_names_the_size_in_both_languages() {
        let e = TooLarge {
            width: 30000,
            height: 30000,
        };
        crate::i18n::set_language(crate::i18n::Lang::En);
        assert!(e.to_string().contains("30000"), "{e}");
    }
}
