//! The bytes of a picture inside a deck file (a `.pptx`'s `ppt/media/image1.png`), for
//! egui's image decoders: a card's body names it with a `zip://` address
//! ([`crate::talk::deck::media_uri`]). Read on a thread when a card first shows it, at
//! most [`readfile::MAX_PICTURE_BYTES`] unpacked ([`crate::talk::deck::read_media`]), kept
//! like a picture file's bytes until egui forgets them; the picture guard
//! ([`super::picture_guard`]) then judges its size before it is decoded, as for any file.

use crate::readfile;
use egui::load::{Bytes, BytesLoadResult, BytesLoader, BytesPoll, LoadError};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::task::Poll;

type Entry = Poll<Result<(Arc<[u8]>, Option<String>), String>>;

#[derive(Default)]
pub struct DeckMedia {
    cache: Arc<Mutex<HashMap<String, Entry>>>,
}

/// The MIME type of a picture by its part's name, for the decoders to pick theirs.
fn mime(uri: &str) -> Option<String> {
    let ext = uri.rsplit('.').next()?.to_ascii_lowercase();
    let mime = match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" | "jpe" => "image/jpeg",
        "gif" => "image/gif",
        "svg" => "image/svg+xml",
        _ => return None,
    };
    Some(mime.to_string())
}

impl BytesLoader for DeckMedia {
    fn id(&self) -> &str {
        concat!(module_path!(), "::DeckMedia")
    }

    fn load(&self, ctx: &egui::Context, uri: &str) -> BytesLoadResult {
        if !uri.starts_with("zip://") {
            return Err(LoadError::NotSupported);
        }
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        match cache.get(uri) {
            Some(Poll::Ready(Ok((bytes, mime)))) => Ok(BytesPoll::Ready {
                size: None,
                bytes: Bytes::Shared(bytes.clone()),
                mime: mime.clone(),
            }),
            Some(Poll::Ready(Err(reason))) => Err(LoadError::Loading(reason.clone())),
            Some(Poll::Pending) => Ok(BytesPoll::Pending { size: None }),
            None => {
                cache.insert(uri.to_owned(), Poll::Pending);
                drop(cache);
                let (ctx, cache, uri) = (ctx.clone(), Arc::clone(&self.cache), uri.to_owned());
                let spawned = std::thread::Builder::new()
                    .name("deck-picture".into())
                    .spawn(move || {
                        let result =
                            crate::talk::deck::read_media(&uri, readfile::MAX_PICTURE_BYTES)
                                .map(|bytes| (Arc::from(bytes), mime(&uri)));
                        if let Err(reason) = &result {
                            log::warn!("{uri}: {reason}");
                        }
                        let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
                        // Forgotten meanwhile: not put back.
                        if let Some(entry) = cache.get_mut(&uri) {
                            *entry = Poll::Ready(result);
                            drop(cache);
                            ctx.request_repaint();
                        }
                    });
                match spawned {
                    Ok(_) => Ok(BytesPoll::Pending { size: None }),
                    Err(e) => Err(LoadError::Loading(e.to_string())),
                }
            }
        }
    }

    fn forget(&self, uri: &str) {
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        cache.remove(uri);
    }

    fn forget_all(&self) {
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        cache.clear();
    }

    fn byte_size(&self) -> usize {
        let cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        cache
            .values()
            .map(|entry| match entry {
                Poll::Ready(Ok((bytes, _))) => bytes.len(),
                Poll::Ready(Err(reason)) => reason.len(),
                Poll::Pending => 0,
            })
            .sum()
    }

    fn has_pending(&self) -> bool {
        let cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        cache.values().any(Poll::is_pending)
    }
}

/// Adds the loader to egui's bytes loaders.
pub fn install(ctx: &egui::Context) {
    ctx.add_bytes_loader(Arc::new(DeckMedia::default()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_get_the_mime_type_of_their_part() {
        assert_eq!(
            mime("zip:///a.pptx#ppt/media/image1.PNG").as_deref(),
            Some("image/png")
        );
        assert_eq!(
            mime("zip:///a.pptx#ppt/media/i.jpeg").as_deref(),
            Some("image/jpeg")
        );
        assert_eq!(mime("zip:///a.pptx#ppt/media/i.emf"), None);
    }
}
