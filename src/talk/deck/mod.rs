//! Deck files that are not text (PDF, PowerPoint): read from their bytes into a Talk.
//!
//! Each format is one [`DeckReader`] of the [`DECKS`] table: its extensions, a look at its
//! first bytes ([`DeckReader::sniff`]), and the reader. [`crate::talk::load_talk`] asks the
//! table before the text decoder, so a deck is never called "binary".

pub mod pdf;

use crate::t;
use std::path::{Path, PathBuf};

pub struct DeckReader {
    pub name: &'static str,
    pub extensions: &'static [&'static str],
    pub sniff: fn(&[u8]) -> bool,
    pub read: fn(&std::path::Path, &[u8]) -> Result<crate::talk::Talk, DeckError>,
}

pub static DECKS: &[&DeckReader] = &[&pdf::PDF];

/// The reader for a file's bytes: the one whose [`DeckReader::sniff`] claims them.
pub fn sniffed(bytes: &[u8]) -> Option<&'static DeckReader> {
    DECKS.iter().copied().find(|deck| (deck.sniff)(bytes))
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
