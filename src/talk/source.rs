//! Reading a talk file from disk: size, binary and encoding checks, then parsing.
//!
//! [`decode`] turns raw bytes into text: UTF-8 (with or without BOM), UTF-16 LE/BE
//! (with BOM, or plain ASCII-heavy UTF-16 without one), otherwise the encoding that
//! `chardetng` guesses (GB18030/GBK, Big5, Shift_JIS, windows-1252...). Line ends are
//! normalized to `\n` and the BOM is dropped, so the same talk in any encoding gives the
//! same text, the same deck and the same fingerprint. `.md`/`.markdown` files go to the
//! Markdown deck parser, others to the plain-text one.

use super::Talk;
use super::deck::{self, DeckError};
use super::foreign::{self, Kind};
use super::formats::{self, Reader};
use super::markdown::parse_markdown;
use super::parse::parse_text;
use super::subtitle::{Notice, SubtitleError};
use super::text::normalize;
use super::topics::parse_subtitles;
use crate::readfile::{self, MAX_DECK_BYTES, MAX_DECK_IMPORT_BYTES, NotAFile, Refused};
use crate::t;
use crate::textfile::{self, Accept, DecodeError, Found};
use encoding_rs::Encoding;
use std::io;
use std::path::{Path, PathBuf};

/// Talk files above this size are refused (50 MB).
pub use crate::readfile::MAX_TALK_BYTES;

/// Why a talk file could not be read. Every message names the file, in the language of
/// the thread that formats it (see [`crate::i18n`]).
#[derive(Debug)]
pub enum TalkError {
    NotFound {
        path: PathBuf,
    },
    IsDirectory {
        path: PathBuf,
    },
    Empty {
        path: PathBuf,
    },
    Binary {
        path: PathBuf,
    },
    TooLarge {
        path: PathBuf,
        size: u64,
        /// The bound for a file of its kind, in bytes.
        max: u64,
    },
    PermissionDenied {
        path: PathBuf,
        source: io::Error,
    },
    Undecodable {
        path: PathBuf,
        encoding: &'static str,
    },
    Io {
        path: PathBuf,
        source: io::Error,
    },
    /// A subtitle file without a single cue.
    NoCues {
        path: PathBuf,
    },
    /// A file of a structured format talkdeck does not read (a slide deck, a picture,
    /// XML of another kind...).
    Foreign {
        path: PathBuf,
        kind: Kind,
    },
    /// A file of a format talkdeck reads that its parser cannot read.
    Malformed {
        path: PathBuf,
        format: &'static str,
        reason: String,
    },
    /// A file of a format talkdeck reads, with cues but not a word in them.
    NothingSpoken {
        path: PathBuf,
        format: &'static str,
    },
    /// A `.json` file that is not a Whisper transcript.
    NotTranscript {
        path: PathBuf,
        reason: String,
    },
    /// A deck that is not text (a PDF) that its reader cannot read; the error names the
    /// file.
    Deck(DeckError),
}

impl std::fmt::Display for TalkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = match self {
            Self::NotFound { path }
            | Self::IsDirectory { path }
            | Self::Empty { path }
            | Self::Binary { path }
            | Self::TooLarge { path, .. }
            | Self::PermissionDenied { path, .. }
            | Self::Undecodable { path, .. }
            | Self::Io { path, .. }
            | Self::NoCues { path }
            | Self::NothingSpoken { path, .. }
            | Self::Foreign { path, .. }
            | Self::Malformed { path, .. }
            | Self::NotTranscript { path, .. } => path.display().to_string(),
            Self::Deck(_) => String::new(),
        };
        let text = match self {
            Self::NotFound { .. } => t!("error-talk-not-found", path = path),
            Self::IsDirectory { .. } => t!("error-talk-folder", path = path),
            Self::Empty { .. } => t!("error-talk-empty", path = path),
            Self::Binary { .. } => t!("error-talk-binary", path = path),
            Self::TooLarge { size, max, .. } => t!(
                "error-talk-too-large",
                path = path,
                size = *size,
                limit = *max / (1024 * 1024)
            ),
            Self::PermissionDenied { .. } => t!("error-talk-permission", path = path),
            Self::Undecodable { encoding, .. } => {
                t!("error-talk-undecodable", path = path, encoding = *encoding)
            }
            Self::Io { source, .. } => {
                t!("error-talk-io", path = path, reason = source.to_string())
            }
            Self::NoCues { .. } => t!("error-talk-no-cues", path = path),
            Self::Foreign { kind, .. } => t!(
                "error-talk-foreign",
                path = path,
                kind = kind.to_string(),
                formats = formats::names(),
                decks = deck::names()
            ),
            Self::Malformed { format, reason, .. } => t!(
                "error-talk-malformed",
                path = path,
                format = *format,
                reason = reason.clone()
            ),
            Self::NothingSpoken { format, .. } => {
                t!("error-talk-nothing-spoken", path = path, format = *format)
            }
            Self::NotTranscript { reason, .. } => {
                t!(
                    "error-talk-not-transcript",
                    path = path,
                    reason = reason.clone()
                )
            }
            Self::Deck(e) => e.to_string(),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for TalkError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::PermissionDenied { source, .. } | Self::Io { source, .. } => Some(source),
            Self::Deck(e) => Some(e),
            _ => None,
        }
    }
}

/// A talk read from disk, with the name of the encoding its bytes were in
/// (an `encoding_rs` name such as `UTF-8`, `UTF-16LE`, `GBK`, `Big5`).
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedTalk {
    pub talk: Talk,
    pub encoding: &'static str,
    /// Whether the encoding was guessed (a talk in a legacy encoding), and how surely.
    pub found: Found,
    /// What was skipped while reading (a subtitle cue with a broken timestamp, named by
    /// its line); put into words where it is shown.
    pub notices: Vec<Notice>,
}

/// Decodes a talk file's bytes with the app's one decoder ([`crate::textfile`]). Returns
/// the text (BOM dropped, line ends normalized to `\n`) and the name of the encoding used.
/// Never panics.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), DecodeError> {
    decode_found(bytes).map(|(text, encoding, _)| (text, encoding))
}

fn decode_found(bytes: &[u8]) -> Result<(String, &'static str, Found), DecodeError> {
    let decoded = textfile::decode(bytes, Accept::AnyText)?;
    let text = normalize(&decoded.text).into_owned();
    Ok((text, decoded.encoding.name(), decoded.found))
}

/// Reads, decodes and parses a talk file.
pub fn read_talk(path: &Path) -> Result<Talk, TalkError> {
    load_talk(path).map(|loaded| loaded.talk)
}

/// Like [`read_talk`], and also tells which encoding the file was in.
pub fn load_talk(path: &Path) -> Result<LoadedTalk, TalkError> {
    load_talk_as(path, None)
}

/// [`load_talk`] in the encoding the user named (`None`: found from the bytes). A name
/// `encoding_rs` does not know is taken as `None`.
pub fn load_talk_as(path: &Path, encoding: Option<&str>) -> Result<LoadedTalk, TalkError> {
    let bytes = read_bytes(path, max_bytes(path))?;
    let owned = || path.to_path_buf();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(TalkError::Empty { path: owned() });
    }
    // A deck that is not text (a PDF), told by its bytes whatever its name.
    if let Some(reader) = deck::sniffed(&bytes) {
        let talk = (reader.read)(path, &bytes).map_err(TalkError::Deck)?;
        return Ok(LoadedTalk {
            talk,
            encoding: reader.name,
            found: Found::Unicode,
            notices: Vec::new(),
        });
    }
    // A slide deck, a picture, a recording: named before the decoder calls it binary.
    if let Some(kind) = foreign::from_bytes(&bytes) {
        return Err(TalkError::Foreign {
            path: owned(),
            kind,
        });
    }
    let named = encoding.and_then(|name| Encoding::for_label(name.as_bytes()));
    let decoded = match named {
        Some(encoding) => {
            let decoded = textfile::decode_as(&bytes, encoding);
            let text = normalize(&decoded.text).into_owned();
            Ok((text, encoding.name(), Found::Named))
        }
        None => decode_found(&bytes),
    };
    let (text, encoding, found) = decoded.map_err(|e| match e {
        DecodeError::Binary => TalkError::Binary { path: owned() },
        DecodeError::Malformed { encoding, .. } => TalkError::Undecodable {
            path: owned(),
            encoding,
        },
        DecodeError::OddUtf16 => TalkError::Undecodable {
            path: owned(),
            encoding: "UTF-16",
        },
    })?;
    if super::text::clean(&text).is_empty() {
        return Err(TalkError::Empty { path: owned() });
    }
    let reader = subtitle_format(path, &text).map_err(|kind| TalkError::Foreign {
        path: owned(),
        kind,
    })?;
    if let Some(reader) = reader {
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy())
            .unwrap_or_default();
        let (talk, notices) = parse_subtitles(&text, reader, &name).map_err(|e| match e {
            SubtitleError::NoCues => TalkError::NoCues { path: owned() },
            SubtitleError::NothingSpoken(format) => TalkError::NothingSpoken {
                path: owned(),
                format,
            },
            SubtitleError::Malformed(format, reason) => TalkError::Malformed {
                path: owned(),
                format,
                reason,
            },
            SubtitleError::NotWhisper(reason) => TalkError::NotTranscript {
                path: owned(),
                reason,
            },
        })?;
        return Ok(LoadedTalk {
            talk,
            encoding,
            found,
            notices,
        });
    }
    let mut notices = Vec::new();
    let text = if is_markdown_path(path) {
        // Slidev decks split over several files: the imported slides, read like the deck.
        let deck = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        super::markdown::imports::expand(&text, &deck, &read_import, &mut notices)
    } else {
        text
    };
    Ok(LoadedTalk {
        talk: parse_for_path(path, &text),
        encoding,
        found,
        notices,
    })
}

/// The most bytes a talk file at `path` may hold: a deck's bound for the extensions of
/// the decks that are not text (`.pdf`), the talk's for the rest.
fn max_bytes(path: &Path) -> u64 {
    if deck::has_deck_extension(path) {
        MAX_DECK_BYTES
    } else {
        MAX_TALK_BYTES
    }
}

/// A file a deck imports (Slidev's `src:`), read and decoded like the deck (the same size
/// bound and wording of what went wrong); its canonical path tells a loop.
fn read_import(path: &Path) -> Result<(PathBuf, String), String> {
    let bytes = read_bytes(path, MAX_DECK_IMPORT_BYTES).map_err(|e| e.to_string())?;
    let found = path.canonicalize().map_err(|e| e.to_string())?;
    let (text, _, _) = decode_found(&bytes).map_err(|_| crate::t!("import-not-text"))?;
    Ok((found, text))
}

/// The reader of the formats table for a file: the one its text looks like (the
/// extension a hint, [`formats::sniffed`]); else, when the text is XML, HTML or JSON,
/// what kind of file it is (an error); else the extension's reader, if any, whose
/// message will say what is wrong. Markdown is never read as subtitles.
fn subtitle_format(path: &Path, text: &str) -> Result<Option<&'static Reader>, Kind> {
    if is_markdown_path(path) {
        return Ok(None);
    }
    let extension = path.extension().and_then(|e| e.to_str());
    if let Some(reader) = formats::sniffed(extension, text) {
        return Ok(Some(reader));
    }
    if let Some(kind) = foreign::from_text(text) {
        return Err(kind);
    }
    Ok(extension.and_then(formats::by_extension))
}

/// Whether a file is read as Markdown (`.md`, `.markdown`, and the Markdown of Quarto
/// and R Markdown decks, `.qmd` and `.rmd`; any case).
pub fn is_markdown_path(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["md", "markdown", "qmd", "rmd"]
            .iter()
            .any(|m| e.eq_ignore_ascii_case(m))
    })
}

/// Parses decoded text the way [`read_talk`] does for a file at `path`: Markdown for
/// `.md`/`.markdown`, subtitles for `.srt`/`.vtt`/Whisper `.json` (or text that is
/// plainly one), a speaker-and-time transcript ([`super::transcript`]), plain text
/// otherwise (also for subtitles without a cue).
pub fn parse_for_path(path: &Path, text: &str) -> Talk {
    if is_markdown_path(path) {
        return parse_markdown(text);
    }
    if let Ok(Some(reader)) = subtitle_format(path, text) {
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy())
            .unwrap_or_default();
        if let Ok((talk, _)) = parse_subtitles(text, reader, &name) {
            return talk;
        }
    }
    let name = path.file_stem().map(|s| s.to_string_lossy());
    if let Some(talk) = super::transcript::read(text, name.as_deref().unwrap_or_default()) {
        return talk;
    }
    parse_text(text)
}

/// The file's bytes through [`readfile`], which refuses at once what is not a regular
/// file (a FIFO, a device) and anything over `max` bytes.
fn read_bytes(path: &Path, max: u64) -> Result<Vec<u8>, TalkError> {
    readfile::read(path, max).map_err(|source| {
        let path = path.to_path_buf();
        match (readfile::refused(&source), source.kind()) {
            (Some(Refused::TooLarge { size, max }), _) => TalkError::TooLarge { path, size, max },
            (Some(Refused::NotAFile(NotAFile::Folder)), _)
            | (None, io::ErrorKind::IsADirectory) => TalkError::IsDirectory { path },
            (None, io::ErrorKind::NotFound) => TalkError::NotFound { path },
            (None, io::ErrorKind::PermissionDenied) => TalkError::PermissionDenied { path, source },
            _ => TalkError::Io { path, source },
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SEED_TALK;
    use std::io::Write;

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut out = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
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

    fn write_temp(bytes: &[u8]) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(bytes).unwrap();
        f.flush().unwrap();
        f
    }

    #[test]
    fn decode_utf8_with_and_without_bom() {
        let (t, enc) = decode("héllo\r\nwörld".as_bytes()).unwrap();
        assert_eq!((t.as_str(), enc), ("héllo\nwörld", "UTF-8"));
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice("中文\r".as_bytes());
        assert_eq!(decode(&bom).unwrap(), ("中文\n".to_string(), "UTF-8"));
    }

    #[test]
    fn decode_utf16_both_orders() {
        let le = utf16("张宏江\r\nScaling Law", false);
        let be = utf16("张宏江\r\nScaling Law", true);
        assert_eq!(
            decode(&le).unwrap(),
            ("张宏江\nScaling Law".into(), "UTF-16LE")
        );
        assert_eq!(
            decode(&be).unwrap(),
            ("张宏江\nScaling Law".into(), "UTF-16BE")
        );
        // Without a BOM, ASCII-heavy UTF-16 is still recognized.
        let no_bom = &le[2..];
        assert_eq!(decode(no_bom).unwrap().1, "UTF-16LE");
    }

    #[test]
    fn decode_gb18030_and_big5() {
        let (gb, _, _) = encoding_rs::GB18030.encode(SEED_TALK);
        let (text, enc) = decode(&gb).unwrap();
        assert_eq!(text, SEED_TALK);
        assert!(enc == "GBK" || enc == "gb18030", "{enc}");

        let big5_src = "以下是演講全文，經整理：\n\n1、開場\n\n各位嘉賓，大家下午好！今天我想跟大家分享幾點觀察。";
        let (big5, _, _) = encoding_rs::BIG5.encode(big5_src);
        let (text, enc) = decode(&big5).unwrap();
        assert_eq!((text.as_str(), enc), (big5_src, "Big5"));
    }

    #[test]
    fn decode_rejects_binary_and_malformed() {
        assert_eq!(
            decode(b"\x7fELF\x02\x01\x01\0\0\0\0"),
            Err(DecodeError::Binary)
        );
        assert_eq!(
            decode(&[0x01, 0x02, 0x03, 0x04, 0x05, 0x06, b'a']),
            Err(DecodeError::Binary)
        );
        // An unpaired surrogate in UTF-16.
        assert_eq!(
            decode(&[0xFF, 0xFE, 0x00, 0xD8, b'a', 0]),
            Err(DecodeError::Malformed {
                encoding: "UTF-16LE",
                line: 0,
                column: 0
            })
        );
        // UTF-8 with a corrupted byte is reported, not guessed as another encoding.
        let mut damaged = SEED_TALK.as_bytes().to_vec();
        damaged[200] = 0xFF;
        assert!(matches!(
            decode(&damaged),
            Err(DecodeError::Malformed {
                encoding: "UTF-8",
                ..
            })
        ));
        // So is UTF-8 cut in the middle of a character.
        let cut = &SEED_TALK.as_bytes()[..SEED_TALK.len() - 1];
        assert!(matches!(
            decode(cut),
            Err(DecodeError::Malformed {
                encoding: "UTF-8",
                ..
            })
        ));
        // Invalid UTF-8 after a UTF-8 BOM.
        assert_eq!(
            decode(b"\xEF\xBB\xBFabc\xFF\xFEdef"),
            Err(DecodeError::Malformed {
                encoding: "UTF-8",
                line: 1,
                column: 4
            })
        );
    }

    fn seed_variants() -> Vec<(&'static str, Vec<u8>)> {
        let (gb, _, had_errors) = encoding_rs::GB18030.encode(SEED_TALK);
        assert!(!had_errors);
        let mut bom_crlf = b"\xEF\xBB\xBF".to_vec();
        bom_crlf.extend_from_slice(SEED_TALK.replace('\n', "\r\n").as_bytes());
        vec![
            ("utf-8", SEED_TALK.as_bytes().to_vec()),
            ("gb18030", gb.into_owned()),
            ("utf-16le+bom", utf16(SEED_TALK, false)),
            ("utf-16be+bom", utf16(SEED_TALK, true)),
            ("utf-8+bom+crlf", bom_crlf),
            ("cr only", SEED_TALK.replace('\n', "\r").into_bytes()),
        ]
    }

    #[test]
    fn every_encoding_of_the_seed_gives_the_same_deck() {
        let reference = parse_text(SEED_TALK);
        assert!(!reference.cards.is_empty());
        for (name, bytes) in seed_variants() {
            let f = write_temp(&bytes);
            let loaded = load_talk(f.path()).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(loaded.talk, reference, "{name}");
            assert_eq!(loaded.talk.fingerprint, reference.fingerprint, "{name}");
        }
    }

    #[test]
    fn read_talk_reports_errors_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();

        let missing = dir.path().join("missing.txt");
        let e = read_talk(&missing).unwrap_err();
        assert!(matches!(e, TalkError::NotFound { .. }), "{e:?}");
        assert!(e.to_string().contains("missing.txt"));
        assert!(e.to_string().contains("no such file"));

        let e = read_talk(dir.path()).unwrap_err();
        assert!(matches!(e, TalkError::IsDirectory { .. }), "{e:?}");
        assert!(e.to_string().contains("directory"));

        for bytes in [
            &b""[..],
            b"  \n\t\r\n ",
            b"\xEF\xBB\xBF \n",
            b"\xFF\xFE \0\n\0",
        ] {
            let f = write_temp(bytes);
            let e = read_talk(f.path()).unwrap_err();
            assert!(matches!(e, TalkError::Empty { .. }), "{bytes:?}: {e:?}");
            assert!(e.to_string().contains("empty"));
            assert!(e.to_string().contains(&f.path().display().to_string()));
        }

        let f = write_temp(b"\x7fELF\x02\x01\x01\0\0\0\0binary\0stuff");
        let e = read_talk(f.path()).unwrap_err();
        assert!(matches!(e, TalkError::Binary { .. }), "{e:?}");
        assert!(e.to_string().contains("binary"));

        // A document is named, with what talkdeck opens instead.
        let f = write_temp(b"PK\x03\x04\x14\0\0\0\x08\0[Content_Types].xml\0word/document.xml");
        let e = read_talk(f.path()).unwrap_err();
        assert!(
            matches!(
                e,
                TalkError::Foreign {
                    kind: Kind::Docx,
                    ..
                }
            ),
            "{e:?}"
        );
        assert!(e.to_string().contains("Word"), "{e}");
        assert!(e.to_string().contains("SRT"), "{e}");
        assert!(e.to_string().contains("PowerPoint"), "{e}");

        // A PowerPoint file goes to its reader, which names what is wrong with this one.
        let f = write_temp(b"PK\x03\x04\x14\0\0\0\x08\0[Content_Types].xml\0ppt/slides/slide1.xml");
        let e = read_talk(f.path()).unwrap_err();
        assert!(
            matches!(e, TalkError::Deck(DeckError::NotZip { .. })),
            "{e:?}"
        );
        assert!(e.to_string().contains("ZIP"), "{e}");
        assert!(
            e.to_string().contains(&f.path().display().to_string()),
            "{e}"
        );

        let f = write_temp(b"\xFF\xFE\x00\xD8x\0");
        let e = read_talk(f.path()).unwrap_err();
        assert!(matches!(e, TalkError::Undecodable { .. }), "{e:?}");
        assert!(e.to_string().contains("UTF-16LE"));

        let big = dir.path().join("big.txt");
        let file = std::fs::File::create(&big).unwrap();
        file.set_len(MAX_TALK_BYTES + 1).unwrap();
        let e = read_talk(&big).unwrap_err();
        assert!(matches!(e, TalkError::TooLarge { .. }), "{e:?}");
        assert!(e.to_string().contains("too large"));
        assert!(e.to_string().contains("big.txt"));
    }

    #[cfg(unix)]
    #[test]
    fn read_talk_reports_unreadable_files() {
        use std::os::unix::fs::PermissionsExt;
        let f = write_temp("1、标题\n\n内容。".as_bytes());
        std::fs::set_permissions(f.path(), std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::File::open(f.path()).is_ok() {
            // Running as root: permissions are not enforced, nothing to test.
            return;
        }
        let e = read_talk(f.path()).unwrap_err();
        assert!(matches!(e, TalkError::PermissionDenied { .. }), "{e:?}");
        assert!(e.to_string().contains("permission denied"));
    }

    #[test]
    fn load_talk_names_the_encoding() {
        let (gb, _, _) = encoding_rs::GB18030.encode(SEED_TALK);
        let f = write_temp(&gb);
        let loaded = load_talk(f.path()).unwrap();
        assert!(loaded.encoding == "GBK" || loaded.encoding == "gb18030");
        let f = write_temp(SEED_TALK.as_bytes());
        assert_eq!(load_talk(f.path()).unwrap().encoding, "UTF-8");
    }

    mod prop {
        use super::super::decode;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn decode_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
                if let Ok((text, _)) = decode(&bytes) {
                    prop_assert!(!text.contains('\r'));
                    let _ = crate::talk::parse_text(&text);
                }
            }

            #[test]
            fn decode_with_boms_never_panics(
                bom in prop_oneof![Just(vec![0xEFu8, 0xBB, 0xBF]), Just(vec![0xFF, 0xFE]), Just(vec![0xFE, 0xFF])],
                bytes in proptest::collection::vec(any::<u8>(), 0..256),
            ) {
                let mut all = bom;
                all.extend(bytes);
                let _ = decode(&all);
            }
        }
    }
}
