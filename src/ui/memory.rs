//! What the window keeps between runs (eframe persistence): every field has a default, so
//! a state file of an older or newer talkdeck still loads.

use super::card_view;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// What survives a restart (eframe persistence): per talk, by fingerprint, the notes file
/// last used and the card last shown.
#[derive(Debug, Serialize, Deserialize)]
#[serde(default)]
pub(super) struct Memory {
    pub(super) notes_files: BTreeMap<String, PathBuf>,
    pub(super) last_card: BTreeMap<String, usize>,
    pub(super) presenter_notes_size: f32,
    /// Talk files opened, most recent first.
    pub(super) recent_talks: Vec<PathBuf>,
    /// The UI language the user chose; the system's until they choose.
    pub(super) language: Option<crate::i18n::Lang>,
    /// Text size of the speaker notes in the deck, apart from the window's zoom.
    pub(super) notes_size: f32,
    /// The recap gives each card the last rehearsal run's time on it.
    pub(super) recap_rehearsal: bool,
    /// Whether S, H, O, P and R alone act (their Alt forms always do).
    pub(super) single_letter_keys: bool,
}

impl Default for Memory {
    fn default() -> Self {
        Self {
            notes_files: BTreeMap::new(),
            last_card: BTreeMap::new(),
            presenter_notes_size: 22.0,
            recent_talks: Vec::new(),
            language: None,
            notes_size: card_view::NOTES_SIZE,
            recap_rehearsal: false,
            single_letter_keys: true,
        }
    }
}

impl Memory {
    const RECENT_TALKS: usize = 10;

    pub(super) fn remember_talk(&mut self, path: &std::path::Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent_talks.retain(|p| *p != path);
        self.recent_talks.insert(0, path);
        self.recent_talks.truncate(Self::RECENT_TALKS);
    }
}

pub(super) const MEMORY_KEY: &str = "talkdeck";

#[cfg(test)]
mod tests {
    use super::Memory;

    #[test]
    fn single_letter_keys_are_on_unless_turned_off() {
        // Remembered state from before the setting existed.
        let old: Memory = serde_json::from_str(r#"{"notes_size": 18.0}"#).unwrap();
        assert!(old.single_letter_keys);
        let off = Memory {
            single_letter_keys: false,
            ..Memory::default()
        };
        let again: Memory = serde_json::from_str(&serde_json::to_string(&off).unwrap()).unwrap();
        assert!(!again.single_letter_keys);
    }
}
