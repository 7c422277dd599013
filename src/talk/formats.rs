//! The formats table: every timed-text reader talkdeck has, in one list, and the one
//! place that chooses among them.
//!
//! A reader is chosen by what the text looks like; the file's extension only breaks a
//! tie, or names the reader when nothing matches (so that reader's own message says
//! what is wrong). Adding a format is one file under `subtitle/` that defines a
//! [`Reader`] and one line in [`READERS`].
//!
//! Markdown decks and plain text are not in here: they are what a file is when no
//! reader claims it (see `source.rs`).

use super::subtitle::{self, Reading, SubtitleError};

/// One format's reader.
pub struct Reader {
    /// The format's name as users know it (`SRT`, `ASS/SSA`), shown in messages.
    pub name: &'static str,
    /// Extensions (lower case, no dot) files of the format usually have: a hint only.
    pub extensions: &'static [&'static str],
    /// Whether the text is plainly in this format. Looks at the start of the text only,
    /// so that choosing stays instant on a large file; must not claim other formats.
    pub sniff: fn(&str) -> bool,
    /// The text read into cues whose lines are plain text.
    pub read: fn(&str) -> Result<Reading, SubtitleError>,
}

impl std::fmt::Debug for Reader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

impl PartialEq for Reader {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

/// Every reader, the most particular sniffs first.
pub static READERS: &[&Reader] = &[
    &subtitle::WEBVTT,
    &subtitle::SRT,
    &subtitle::ASS,
    &subtitle::BILIBILI,
    &subtitle::WHISPER,
    &subtitle::TTML,
    &subtitle::YOUTUBE,
    &subtitle::SBV,
    &subtitle::LRC,
];

/// How much of the text a sniff looks at.
pub(crate) const SNIFF_BYTES: usize = 4096;

/// The start of `text` a sniff looks at (cut on a character boundary).
pub(crate) fn head(text: &str) -> &str {
    let text = text.trim_start_matches('\u{feff}');
    if text.len() <= SNIFF_BYTES {
        return text;
    }
    let mut end = SNIFF_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The reader for a text: the one whose sniff claims it (the extension's reader first
/// when it does), else the extension's reader, else none (not timed text).
pub fn choose(extension: Option<&str>, text: &str) -> Option<&'static Reader> {
    sniffed(extension, text).or_else(|| extension.and_then(by_extension))
}

/// The reader whose sniff claims the text, the extension's reader first when it does.
pub fn sniffed(extension: Option<&str>, text: &str) -> Option<&'static Reader> {
    let by_extension = extension.and_then(by_extension);
    if let Some(reader) = by_extension
        && (reader.sniff)(text)
    {
        return Some(reader);
    }
    READERS.iter().copied().find(|r| (r.sniff)(text))
}

/// The reader whose format usually has this extension (any case).
pub fn by_extension(extension: &str) -> Option<&'static Reader> {
    READERS.iter().copied().find(|r| {
        r.extensions
            .iter()
            .any(|e| e.eq_ignore_ascii_case(extension))
    })
}

/// The reader of this name (`SRT`, `WebVTT`...).
pub fn by_name(name: &str) -> Option<&'static Reader> {
    READERS.iter().copied().find(|r| r.name == name)
}

/// The formats' names, for messages that say what talkdeck opens.
pub fn names() -> String {
    READERS
        .iter()
        .map(|r| r.name)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_chooses_and_the_extension_breaks_ties() {
        let srt = "1\n00:00:01,000 --> 00:00:02,000\nx\n";
        assert_eq!(choose(Some("txt"), srt).map(|r| r.name), Some("SRT"));
        assert_eq!(choose(None, "WEBVTT\n\n").map(|r| r.name), Some("WebVTT"));
        // A WebVTT file named .srt is still read as WebVTT.
        assert_eq!(
            choose(Some("srt"), "WEBVTT\n\n").map(|r| r.name),
            Some("WebVTT")
        );
        // Nothing claims the text: the extension's reader, which will say what is wrong.
        assert_eq!(choose(Some("SRT"), "").map(|r| r.name), Some("SRT"));
        assert_eq!(choose(Some("txt"), "1、开场\n\n各位好"), None);
        assert!(names().contains("WebVTT"));
    }

    #[test]
    fn every_reader_has_a_name_and_an_extension_of_its_own() {
        let mut names: Vec<&str> = READERS.iter().map(|r| r.name).collect();
        let mut exts: Vec<&str> = READERS
            .iter()
            .flat_map(|r| r.extensions.iter().copied())
            .collect();
        let (n, e) = (names.len(), exts.len());
        names.sort_unstable();
        names.dedup();
        exts.sort_unstable();
        exts.dedup();
        assert_eq!((names.len(), exts.len()), (n, e));
        assert!(READERS.iter().all(|r| by_name(r.name) == Some(*r)));
    }
}
