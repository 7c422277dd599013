//! Deck files that are not text (PDF, PowerPoint): read from their bytes into a Talk.
//!
//! Each format is one [`DeckReader`] of the [`DECKS`] table: its extensions, a look at its
//! first bytes ([`DeckReader::sniff`]), and the reader. [`crate::talk::load_talk`] asks the
//! table before the text decoder, so a deck is never called "binary". A PowerPoint or
//! OpenDocument deck's pictures stay in the file: a card's body names them with a
//! [`media_uri`] (`zip://…#ppt/media/image1.png`), which the window's loader reads with
//! [`read_media`] when the card is shown, so opening a deck holds none of them.

mod markdown;
pub mod odp;
mod package;
pub mod pdf;
pub mod pptx;

use crate::t;
use std::path::{Path, PathBuf};

pub struct DeckReader {
    pub name: &'static str,
    pub extensions: &'static [&'static str],
    pub sniff: fn(&[u8]) -> bool,
    pub read: fn(&std::path::Path, &[u8]) -> Result<crate::talk::Talk, DeckError>,
}

pub static DECKS: &[&DeckReader] = &[&pdf::PDF, &pptx::PPTX, &odp::ODP];

/// The reader for a file's bytes: the one whose [`DeckReader::sniff`] claims them.
pub fn sniffed(bytes: &[u8]) -> Option<&'static DeckReader> {
    DECKS.iter().copied().find(|deck| (deck.sniff)(bytes))
}

/// The deck formats' names, for messages (`PDF, PowerPoint`).
pub fn names() -> String {
    DECKS.iter().map(|d| d.name).collect::<Vec<_>>().join(", ")
}

/// Whether a path's extension is one a deck reader reads (any case): such a file may be
/// larger than a text talk ([`crate::readfile::MAX_DECK_BYTES`]).
pub fn has_deck_extension(path: &Path) -> bool {
    let Some(extension) = path.extension().and_then(|e| e.to_str()) else {
        return false;
    };
    DECKS.iter().any(|deck| {
        deck.extensions
            .iter()
            .any(|e| e.eq_ignore_ascii_case(extension))
    })
}

/// Why a deck file could not be read: each message names the file and what is wrong, in
/// the language of the thread that formats it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeckError {
    #[error("{}", t!("deck-not-zip", path = path.display().to_string(), reason = reason.clone()))]
    NotZip { path: PathBuf, reason: String },
    #[error("{}", t!("deck-missing-part", path = path.display().to_string(), part = part.clone()))]
    MissingPart { path: PathBuf, part: String },
    #[error("{}", t!("deck-broken-part", path = path.display().to_string(), part = part.clone(), reason = reason.clone()))]
    BrokenPart {
        path: PathBuf,
        part: String,
        reason: String,
    },
    #[error("{}", t!("deck-broken-xml", path = path.display().to_string(), part = part.clone(), reason = reason.clone()))]
    BrokenXml {
        path: PathBuf,
        part: String,
        reason: String,
    },
    /// A part that unpacks to more than the bound (in MB): a ZIP bomb, or no deck.
    #[error("{}", t!("deck-bomb", path = path.display().to_string(), part = part.clone(), limit = *limit))]
    Bomb {
        path: PathBuf,
        part: String,
        limit: u64,
    },
    /// An archive listing more entries than a deck holds (`count`).
    #[error("{}", t!("deck-too-many-parts", path = path.display().to_string(), count = *count))]
    TooManyParts { path: PathBuf, count: u64 },
    #[error("{}", t!("deck-no-slides", path = path.display().to_string()))]
    NoSlides { path: PathBuf },
    /// The file asks for a password (or uses an encryption the reader does not know).
    #[error("{}", t!("deck-encrypted", path = shown(.path), format = *.format))]
    Encrypted { path: PathBuf, format: &'static str },
    /// The file is not one the reader can make sense of.
    #[error("{}", t!("deck-malformed", path = shown(.path), format = *.format, reason = .reason.clone()))]
    Malformed {
        path: PathBuf,
        format: &'static str,
        reason: String,
    },
    /// A deck without a single page or slide.
    #[error("{}", t!("deck-no-pages", path = shown(.path), format = *.format))]
    NoPages { path: PathBuf, format: &'static str },
    /// More pages than a deck may have (a book, not slides).
    #[error("{}", t!("deck-too-many-pages", path = shown(.path), pages = *.pages, limit = *.limit))]
    TooManyPages {
        path: PathBuf,
        pages: usize,
        limit: usize,
    },
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

const URI_SET: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The address a card's body gives a picture inside a deck file: `zip://` and the deck's
/// absolute path, `#` and the part's name, both percent-encoded (so the Markdown link
/// holds no space or parenthesis).
pub fn media_uri(deck: &Path, part: &str) -> String {
    let deck = std::path::absolute(deck).unwrap_or_else(|_| deck.to_path_buf());
    let encode = |s: &str| percent_encoding::utf8_percent_encode(s, URI_SET).to_string();
    format!("zip://{}#{}", encode(&deck.to_string_lossy()), encode(part))
}

/// The deck file and the part a [`media_uri`] names.
pub fn parse_media_uri(uri: &str) -> Option<(PathBuf, String)> {
    let rest = uri.strip_prefix("zip://")?;
    let (deck, part) = rest.rsplit_once('#')?;
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8()
            .ok()
            .map(|c| c.into_owned())
    };
    Some((PathBuf::from(decode(deck)?), decode(part)?))
}

/// The bytes of the picture a [`media_uri`] names, at most `max` of them unpacked; the
/// error is the reason, for the card to show in place of the picture.
pub fn read_media(uri: &str, max: u64) -> Result<Vec<u8>, String> {
    let (deck, part) = parse_media_uri(uri).ok_or_else(|| t!("deck-media-bad-address"))?;
    crate::readfile::check_path(&deck, crate::readfile::MAX_DECK_BYTES)
        .map_err(|e| e.to_string())?;
    let file = std::fs::File::open(&deck).map_err(|e| e.to_string())?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| e.to_string())?;
    let entry = zip.by_name(&part).map_err(|e| e.to_string())?;
    let too_large = |size| crate::readfile::Refused::TooLarge { size, max }.to_string();
    if entry.size() > max {
        return Err(too_large(entry.size()));
    }
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(entry, max + 1), &mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > max {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_media_address_round_trips_with_spaces_and_chinese() {
        let uri = media_uri(
            Path::new("/talks/我的 deck (1).pptx"),
            "ppt/media/image 1.png",
        );
        assert!(uri.starts_with("zip:///talks/"), "{uri}");
        assert!(!uri.contains(' ') && !uri.contains('(') && !uri.contains(')'));
        assert_eq!(
            parse_media_uri(&uri),
            Some((
                PathBuf::from("/talks/我的 deck (1).pptx"),
                "ppt/media/image 1.png".to_string()
            ))
        );
        assert_eq!(parse_media_uri("file:///a.png"), None);
    }
}
