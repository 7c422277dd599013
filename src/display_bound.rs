//! How much of one text the window lays out at a time.
//!
//! egui lays a text out whole, glyph by glyph, every time it is shown or changes: the
//! galley of a 50 MB note (an imported annotation) or of a talk that is one 10 MB line
//! took several GB, and the app was killed. The command line reads such files in a
//! few hundred MB. So the window shows at most [`SHOWN_CHARS`] chars of a note, of a
//! card's speaker notes or of a quoted passage, and says how much more there is; what is
//! not shown stays in the notes and the talk, untouched (the notes file keeps every
//! byte). No UI in here.

/// The chars of one text the window lays out: a long article's card or a long note
/// fits many times over, and the galley stays in the tens of MB.
pub const SHOWN_CHARS: usize = 100_000;

/// The part of a text that is shown, and how many of its bytes are left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Head<'a> {
    pub shown: &'a str,
    pub hidden: usize,
}

impl Head<'_> {
    /// True when part of the text is left out.
    pub fn is_cut(&self) -> bool {
        self.hidden > 0
    }
}

/// The first `max` chars of `text` (all of it when it is no longer).
pub fn head(text: &str, max: usize) -> Head<'_> {
    let end = text.char_indices().nth(max).map_or(text.len(), |(i, _)| i);
    Head {
        shown: &text[..end],
        hidden: text.len() - end,
    }
}

/// A byte count for people, in decimal units as file managers show them: `812 B`,
/// `12.3 kB`, `49.9 MB`, `1.2 GB`.
pub fn size(bytes: usize) -> String {
    const UNITS: [&str; 4] = ["kB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1000.0;
    let mut unit = 0;
    while value >= 999.95 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_head_counts_chars_and_says_what_is_left_out() {
        let text = "规模效应还有效";
        let cut = head(text, 4);
        assert_eq!(cut.shown, "规模效应");
        assert_eq!(cut.hidden, "还有效".len());
        assert!(cut.is_cut());
        let whole = head(text, 7);
        assert_eq!((whole.shown, whole.hidden), (text, 0));
        assert!(!head("", 0).is_cut());
    }

    #[test]
    fn sizes_read_as_file_managers_show_them() {
        assert_eq!(size(812), "812 B");
        assert_eq!(size(12_345), "12.3 kB");
        assert_eq!(size(49_900_000), "49.9 MB");
        assert_eq!(size(999_990), "1.0 MB");
        assert_eq!(size(1_200_000_000), "1.2 GB");
    }
}
