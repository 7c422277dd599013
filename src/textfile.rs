//! Bytes → text, for every file the app reads: talks, notes files, annotation imports.
//! One decoder, so a notes file and a talk with the same bytes are read the same way, and
//! every error says the same thing in the same words.
//!
//! Unicode first: a byte order mark (UTF-8, UTF-16 LE/BE), UTF-16 without one (ASCII-heavy
//! text has a zero in every other byte), then strict UTF-8. A talk may also be in a legacy
//! encoding ([`Accept::AnyText`]): `chardetng` guesses it (GB18030/GBK, Big5, Shift_JIS,
//! windows-1252…) and says whether it is sure. JSON is Unicode by definition (RFC 8259),
//! so notes and annotation files take [`Accept::Unicode`] and never get a guess.

use crate::t;
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};
use std::borrow::Cow;
use std::fmt;

/// Which encodings a file may be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accept {
    /// Any text: Unicode, else the legacy encoding `chardetng` guesses (talks).
    AnyText,
    /// UTF-8 or UTF-16 only (JSON).
    Unicode,
}

/// How the encoding was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// A byte order mark, the UTF-16 zero pattern, or bytes that are valid UTF-8.
    Unicode,
    /// Guessed from the bytes, and the text it gives reads as text.
    Guessed,
    /// Guessed from little text, or the text it gives looks garbled.
    Unsure,
    /// The user named the encoding ([`decode_as`]).
    Named,
}

/// Text decoded from a file's bytes, without its byte order mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static Encoding,
    pub found: Found,
}

/// Why bytes could not be turned into text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Binary data (zero bytes, mostly control characters), not text.
    Binary,
    /// A byte sequence that is not valid in `encoding`. `line` and `column` (from 1) point
    /// at the first bad byte where they are known (UTF-8), else they are 0.
    Malformed {
        encoding: &'static str,
        line: usize,
        column: usize,
    },
    /// UTF-16 with an odd number of bytes: the file looks cut short.
    OddUtf16,
}

impl std::error::Error for DecodeError {}

/// In the language of the thread that formats it (see [`crate::i18n`]).
impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Self::Binary => t!("reason-binary"),
            Self::Malformed {
                encoding: "UTF-8",
                line,
                column,
            } if *line > 0 => t!("reason-not-utf8", line = *line, column = *column),
            Self::Malformed { encoding, .. } => t!("reason-malformed", encoding = *encoding),
            Self::OddUtf16 => t!("reason-utf16-odd"),
        };
        f.write_str(&text)
    }
}

/// Decodes `bytes`. Never panics.
pub fn decode(bytes: &[u8], accept: Accept) -> Result<Decoded<'_>, DecodeError> {
    let unicode = |encoding, body| (encoding, body, Found::Unicode);
    let (encoding, body, found): (&'static Encoding, &[u8], Found) =
        if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
            unicode(UTF_8, rest)
        } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
            unicode(UTF_16LE, rest)
        } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
            unicode(UTF_16BE, rest)
        } else if let Some(enc) = sniff_utf16(bytes) {
            unicode(enc, bytes)
        } else if accept == Accept::AnyText && bytes.contains(&0) {
            return Err(DecodeError::Binary);
        } else if std::str::from_utf8(bytes).is_ok() {
            unicode(UTF_8, bytes)
        } else if accept == Accept::Unicode || damaged_utf8(bytes) {
            return Err(utf8_error(bytes));
        } else {
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(bytes, true);
            // chardetng's own assessment (`guess_assess`) is true for every guess in 0.1;
            // how sure the guess is gets judged from the text it gives (see `assess`).
            (detector.guess(None, false), bytes, Found::Guessed)
        };
    if encoding == UTF_8 {
        let text = std::str::from_utf8(body).map_err(|_| utf8_error(body))?;
        return checked(accept, Cow::Borrowed(text), encoding, found);
    }
    if (encoding == UTF_16LE || encoding == UTF_16BE) && body.len() % 2 != 0 {
        return Err(DecodeError::OddUtf16);
    }
    // UTF-16, or a legacy guess (chardetng saw bytes that this encoding decodes).
    let text = encoding
        .decode_without_bom_handling_and_without_replacement(body)
        .ok_or(DecodeError::Malformed {
            encoding: encoding.name(),
            line: 0,
            column: 0,
        })?;
    checked(accept, text, encoding, found)
}

/// Decodes `bytes` as `encoding`, which the user chose: its byte order mark is dropped,
/// bytes it cannot decode become U+FFFD. Never fails.
pub fn decode_as<'a>(bytes: &'a [u8], encoding: &'static Encoding) -> Decoded<'a> {
    let (text, _) = encoding.decode_with_bom_removal(bytes);
    Decoded {
        text,
        encoding,
        found: Found::Named,
    }
}

fn checked<'a>(
    accept: Accept,
    text: Cow<'a, str>,
    encoding: &'static Encoding,
    found: Found,
) -> Result<Decoded<'a>, DecodeError> {
    if accept == Accept::AnyText && mostly_control(&text) {
        return Err(DecodeError::Binary);
    }
    let found = match found {
        Found::Guessed => assess(&text),
        other => other,
    };
    Ok(Decoded {
        text,
        encoding,
        found,
    })
}

/// How sure a guessed encoding is, from the text it gives: sure with enough non-ASCII
/// characters (20) to go on, nearly all of them ones that text is written in; unsure with
/// less to go on, or with characters that come of reading bytes in the wrong encoding (C1
/// controls, private use, box drawing, replacement characters).
fn assess(text: &str) -> Found {
    let (mut evidence, mut odd) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        evidence += 1;
        let wrong = c.is_control()
            || ('\u{e000}'..='\u{f8ff}').contains(&c)
            || ('\u{2500}'..='\u{259f}').contains(&c)
            || c == '\u{fffd}';
        odd += usize::from(wrong);
    }
    if evidence >= 20 && odd * 50 <= evidence {
        Found::Guessed
    } else {
        Found::Unsure
    }
}

/// The position of the first byte that is not UTF-8.
fn utf8_error(bytes: &[u8]) -> DecodeError {
    let valid = std::str::from_utf8(bytes)
        .err()
        .map_or(0, |e| e.valid_up_to());
    let good = &bytes[..valid];
    let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    DecodeError::Malformed {
        encoding: "UTF-8",
        line,
        column: good.len() - line_start + 1,
    }
}

/// UTF-8 text with a few bad bytes (corrupted or cut short), as opposed to text in a
/// legacy encoding, where well-formed multi-byte UTF-8 sequences are rare accidents.
/// Guessing a legacy encoding for it would show mojibake; it is reported instead.
fn damaged_utf8(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    let (mut good, mut bad) = (0usize, 0usize);
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                good += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                good += std::str::from_utf8(valid)
                    .map_or(0, |s| s.chars().filter(|c| !c.is_ascii()).count());
                bad += 1;
                match e.error_len() {
                    Some(len) => rest = &after[len..],
                    None => break,
                }
            }
        }
    }
    good >= 8 * bad.max(1)
}

/// UTF-16 without a BOM: ASCII characters have a zero in every other byte (Chinese ones
/// have a zero in the same half only by chance). A short file (a tiny JSON object) is
/// judged by its first character alone.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return match sample {
            [a, 0, ..] if *a != 0 => Some(UTF_16LE),
            [0, b, ..] if *b != 0 => Some(UTF_16BE),
            _ => None,
        };
    }
    let pairs = sample.len() / 2;
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    if odd * 10 >= pairs * 3 && even * 10 < pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 3 && odd * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// More than 10% control characters (other than tab, line ends, form feed) is not text.
fn mostly_control(text: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars() {
        total += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            control += 1;
        }
    }
    control > 0 && control * 10 > total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = match (bom, big_endian) {
            (false, _) => vec![],
            (true, true) => vec![0xFE, 0xFF],
            (true, false) => vec![0xFF, 0xFE],
        };
        for unit in text.encode_utf16() {
            let b = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            out.extend_from_slice(&b);
        }
        out
    }

    #[test]
    fn unicode_in_every_form_reads_the_same() {
        let text = "{\"a\": \"观察 1\"}";
        let mut bom8 = b"\xEF\xBB\xBF".to_vec();
        bom8.extend_from_slice(text.as_bytes());
        for accept in [Accept::AnyText, Accept::Unicode] {
            for bytes in [
                text.as_bytes().to_vec(),
                bom8.clone(),
                utf16(text, false, true),
                utf16(text, true, true),
                utf16(text, false, false),
                utf16(text, true, false),
                utf16("{}", false, false),
            ] {
                let decoded = decode(&bytes, accept).unwrap();
                assert!(text == decoded.text || decoded.text == "{}", "{decoded:?}");
                assert_eq!(decoded.found, Found::Unicode);
            }
        }
    }

    #[test]
    fn json_is_never_guessed() {
        let (gbk, _, _) = encoding_rs::GBK.encode("{\"text\": \"张宏江的六点观察\"}");
        assert_eq!(
            decode(&gbk, Accept::AnyText).unwrap().encoding.name(),
            "GBK"
        );
        let err = decode(&gbk, Accept::Unicode).unwrap_err();
        assert!(
            matches!(
                err,
                DecodeError::Malformed {
                    line: 1,
                    column: 11,
                    ..
                }
            ),
            "{err:?}"
        );
    }

    #[test]
    fn errors_say_where() {
        let err = decode(b"{\n \"a\": \"\xFF\"}", Accept::Unicode).unwrap_err();
        assert_eq!(
            err.to_string(),
            "not UTF-8 text (invalid byte at line 2, column 8)"
        );
        let mut odd = utf16("{\"a\": 1}", false, true);
        odd.pop();
        assert_eq!(decode(&odd, Accept::Unicode), Err(DecodeError::OddUtf16));
        assert_eq!(decode(b"ab\0cd", Accept::AnyText), Err(DecodeError::Binary));
    }

    #[test]
    fn a_guess_says_how_sure_it_is() {
        let (gb, _, _) = encoding_rs::GB18030.encode(crate::SEED_TALK);
        let decoded = decode(&gb, Accept::AnyText).unwrap();
        assert_eq!(decoded.found, Found::Guessed);
        assert_eq!(decoded.text, crate::SEED_TALK);
        // One high byte in ASCII: too little to go on.
        let decoded = decode(b"caf\xe9 ok", Accept::AnyText).unwrap();
        assert_eq!(decoded.found, Found::Unsure, "{decoded:?}");
        // Chinese text in GBK read as windows-1252 is all accented letters and symbols,
        // but plausible ones; read as it is, the GB18030 seed is sure (above). Box drawing
        // and private-use characters mark a wrong guess.
        assert_eq!(assess(&"标题│╔═╗".repeat(10)), Found::Unsure);
    }

    #[test]
    fn a_named_encoding_is_taken_as_it_is() {
        let (gb, _, _) = encoding_rs::GB18030.encode("规模效应");
        let as_big5 = decode_as(&gb, encoding_rs::BIG5);
        assert_eq!(as_big5.found, Found::Named);
        assert_ne!(as_big5.text, "规模效应");
        assert_eq!(decode_as(&gb, encoding_rs::GB18030).text, "规模效应");
    }

    proptest::proptest! {
        #[test]
        fn never_panics(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..512)) {
            let _ = decode(&bytes, Accept::AnyText);
            let _ = decode(&bytes, Accept::Unicode);
        }
    }
}
