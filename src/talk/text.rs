//! Small character-level helpers shared by the parser and the key point extractor.

use std::borrow::Cow;

/// Strips one leading BOM and turns CRLF and lone CR line ends into `\n`.
pub(crate) fn normalize(text: &str) -> Cow<'_, str> {
    let t = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !t.contains('\r') {
        return Cow::Borrowed(t);
    }
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        if let Some(r) = rest.strip_prefix('\n') {
            rest = r;
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Hex SHA-256 of a string's UTF-8 bytes.
pub(crate) fn sha256_hex(text: &str) -> String {
    use sha2::{Digest, Sha256};
    use std::fmt::Write;
    let digest = Sha256::digest(text.as_bytes());
    let mut hex = String::with_capacity(64);
    for b in digest {
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

/// A Han (Chinese) ideograph: the unified ideographs, Extension A, the compatibility
/// ideographs, and the Supplementary and Tertiary Ideographic Planes (Extensions B to
/// I). The one test of Han in the app.
pub(crate) fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// A character that takes two columns (CJK, full-width forms, Hangul...).
pub(crate) fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{20000}'..='\u{3FFFD}')
}

/// Display width: wide characters count 2, others 1. So "40 Chinese characters" and
/// "80 Latin characters" are the same width.
pub(crate) fn width(s: &str) -> usize {
    s.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

/// Whether the text is mostly Chinese (judged on a prefix, so it stays cheap).
pub(crate) fn is_mostly_han(s: &str) -> bool {
    let mut han = 0usize;
    let mut letters = 0usize;
    for c in s.chars().take(4000) {
        if is_han(c) {
            han += 1;
        } else if c.is_alphabetic() {
            letters += 1;
        }
    }
    // A Chinese character carries about as much as a Latin word of ~4 letters.
    han * 4 >= letters && han > 0
}

/// Trims whitespace, including full-width spaces, zero-width spaces and stray BOMs.
pub(crate) fn clean(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}'))
}

/// Closing quotes and brackets that may follow a sentence's final punctuation.
pub(crate) fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '"' | '\'' | '」' | '』' | ')' | '）' | '】' | '》' | '〉' | ']'
    )
}

/// The last character, looking past closing quotes and brackets.
pub(crate) fn last_significant(s: &str) -> Option<char> {
    let mut last = None;
    for c in s.chars().rev() {
        last = Some(c);
        if !is_closer(c) {
            return Some(c);
        }
    }
    last
}

/// Ends like a sentence: `。！？!?…` or a full stop, `；;`.
pub(crate) fn ends_like_sentence(s: &str) -> bool {
    matches!(
        last_significant(s),
        Some('。' | '！' | '？' | '!' | '?' | '…' | '.' | '．' | '；' | ';')
    )
}

/// Number of characters (not bytes).
pub(crate) fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Removes one pair of enclosing brackets, e.g. `(本文…)` or `【…】`.
pub(crate) fn strip_enclosing(s: &str) -> &str {
    let s = clean(s);
    let pairs = [
        ('(', ')'),
        ('（', '）'),
        ('【', '】'),
        ('[', ']'),
        ('〔', '〕'),
    ];
    for (open, close) in pairs {
        if let Some(inner) = s.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            return clean(inner);
        }
    }
    s
}

/// Whether `hay` contains `needle` (lowercase ASCII), ignoring ASCII case. No allocation.
pub(crate) fn contains_ci(hay: &str, needle: &str) -> bool {
    let n = needle.as_bytes();
    n.is_empty()
        || hay
            .as_bytes()
            .windows(n.len())
            .any(|w| w.eq_ignore_ascii_case(n))
}

/// Whether `hay` starts with `needle` (lowercase ASCII), ignoring ASCII case.
pub(crate) fn starts_with_ci(hay: &str, needle: &str) -> bool {
    hay.as_bytes()
        .get(..needle.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Whether `hay` ends with `needle` (lowercase ASCII), ignoring ASCII case.
pub(crate) fn ends_with_ci(hay: &str, needle: &str) -> bool {
    hay.len() >= needle.len()
        && hay.as_bytes()[hay.len() - needle.len()..].eq_ignore_ascii_case(needle.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_line_ends_and_bom() {
        assert_eq!(normalize("\u{feff}a\r\nb\rc\n"), "a\nb\nc\n");
        assert_eq!(normalize("a\r\r\nb"), "a\n\nb");
        assert!(matches!(normalize("plain\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn widths() {
        assert_eq!(width("ab中文"), 6);
        assert!(is_mostly_han("这是中文 with some English"));
        assert!(!is_mostly_han("This is English with 一 char"));
    }

    #[test]
    fn sentence_endings() {
        assert!(ends_like_sentence("好。”"));
        assert!(ends_like_sentence("Done."));
        assert!(!ends_like_sentence("1、结语"));
        assert_eq!(
            strip_enclosing("(本文首发于钛媒体App)"),
            "本文首发于钛媒体App"
        );
    }
}
