//! Files of a structured format talkdeck does not read (a slide deck, a document, a
//! picture, a recording, XML or JSON of another kind), told by their content so that
//! they are refused with one line that names what they look like, never read as text
//! and shown as cards of markup.
//!
//! The bytes are looked at first ([`from_bytes`], magic numbers: a `.pptx` is a ZIP
//! holding `ppt/`), before the text decoder would call them "binary"; the decoded text
//! second ([`from_text`]), when no reader of the formats table claims it. A kind that a
//! deck reader reads ([`super::deck`], a PowerPoint file) never gets here: the loader
//! asks the deck readers first.

use crate::t;

/// What a file looks like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Pptx,
    Docx,
    Xlsx,
    Keynote,
    OpenDocument,
    Epub,
    Zip,
    /// An old Microsoft Office file (`.doc`, `.ppt`, `.xls`).
    Ole,
    Png,
    Jpeg,
    Gif,
    Webp,
    Mp3,
    /// MP4, M4A, MOV (ISO media).
    Mp4,
    Wav,
    Ogg,
    /// Matroska, WebM.
    Mkv,
    Flac,
    Html,
    /// XML whose root element is not one a reader knows (its name).
    Xml(String),
    Json,
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Self::Pptx => t!("kind-pptx"),
            Self::Docx => t!("kind-docx"),
            Self::Xlsx => t!("kind-xlsx"),
            Self::Keynote => t!("kind-keynote"),
            Self::OpenDocument => t!("kind-opendocument"),
            Self::Epub => t!("kind-epub"),
            Self::Zip => t!("kind-zip"),
            Self::Ole => t!("kind-ole"),
            Self::Png => t!("kind-image", format = "PNG"),
            Self::Jpeg => t!("kind-image", format = "JPEG"),
            Self::Gif => t!("kind-image", format = "GIF"),
            Self::Webp => t!("kind-image", format = "WebP"),
            Self::Mp3 => t!("kind-audio", format = "MP3"),
            Self::Wav => t!("kind-audio", format = "WAV"),
            Self::Ogg => t!("kind-audio", format = "Ogg"),
            Self::Flac => t!("kind-audio", format = "FLAC"),
            Self::Mp4 => t!("kind-video", format = "MP4/MOV"),
            Self::Mkv => t!("kind-video", format = "MKV/WebM"),
            Self::Html => t!("kind-html"),
            Self::Xml(root) => t!("kind-xml", root = root.clone()),
            Self::Json => t!("kind-json"),
        };
        f.write_str(&text)
    }
}

/// The kind of a file by its first bytes (and, for a ZIP, the names of its entries).
pub fn from_bytes(bytes: &[u8]) -> Option<Kind> {
    let at = |offset: usize, magic: &[u8]| bytes.get(offset..offset + magic.len()) == Some(magic);
    let kind = if at(0, b"PK\x03\x04") || at(0, b"PK\x05\x06") {
        zip_kind(bytes)
    } else if at(0, b"\x89PNG\r\n\x1a\n") {
        Kind::Png
    } else if at(0, b"\xFF\xD8\xFF") {
        Kind::Jpeg
    } else if at(0, b"GIF87a") || at(0, b"GIF89a") {
        Kind::Gif
    } else if at(0, b"RIFF") && at(8, b"WEBP") {
        Kind::Webp
    } else if at(0, b"RIFF") && at(8, b"WAVE") {
        Kind::Wav
    } else if (at(0, b"RIFF") && at(8, b"AVI ")) || at(4, b"ftyp") {
        Kind::Mp4
    } else if at(0, b"OggS") {
        Kind::Ogg
    } else if at(0, b"fLaC") {
        Kind::Flac
    } else if at(0, b"\x1A\x45\xDF\xA3") {
        Kind::Mkv
    } else if at(0, b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        Kind::Ole
    } else if (at(0, b"ID3") && bytes.get(3).is_some_and(|v| (2..=4).contains(v)))
        || (bytes.len() > 2
            && bytes[0] == 0xFF
            && matches!(bytes[1], 0xFB | 0xF3 | 0xF2 | 0xFA | 0xE3))
    {
        Kind::Mp3
    } else {
        return None;
    };
    Some(kind)
}

/// Which ZIP container: by its entries' names, which the local headers near the start
/// (and the central directory at the end) hold as plain bytes.
fn zip_kind(bytes: &[u8]) -> Kind {
    const SPAN: usize = 256 * 1024;
    let start = &bytes[..bytes.len().min(SPAN)];
    let end = &bytes[bytes.len().saturating_sub(SPAN)..];
    let has = |needle: &[u8]| {
        [start, end]
            .iter()
            .any(|part| part.windows(needle.len()).any(|w| w == needle))
    };
    if has(b"mimetypeapplication/epub+zip") {
        Kind::Epub
    } else if has(b"mimetypeapplication/vnd.oasis.opendocument") {
        Kind::OpenDocument
    } else if has(b"ppt/") {
        Kind::Pptx
    } else if has(b"word/") {
        Kind::Docx
    } else if has(b"xl/") {
        Kind::Xlsx
    } else if has(b"Index/Document.iwa") || has(b"index.apxl") {
        Kind::Keynote
    } else {
        Kind::Zip
    }
}

/// The kind of a decoded text that no reader claimed: XML, HTML or JSON (a text that
/// starts like JSON but does not parse as JSON is left to be read as text).
pub fn from_text(text: &str) -> Option<Kind> {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('<') {
        let root = xml_root(t)?;
        if root.eq_ignore_ascii_case("html") {
            return Some(Kind::Html);
        }
        // XML states itself, or closes its root at the end; a transcript that merely
        // starts with a WebVTT voice tag (`<v Joe>`) is text.
        let closed = root.len() >= 3 && t.trim_end().ends_with(&format!("</{root}>"));
        return (t.starts_with("<?xml") || closed).then(|| Kind::Xml(root.to_string()));
    }
    if (t.starts_with('{') || t.starts_with('['))
        && serde_json::from_str::<serde::de::IgnoredAny>(t).is_ok()
    {
        return Some(Kind::Json);
    }
    None
}

/// The name of the first element of an XML (or HTML) text, after its declaration,
/// comments, processing instructions and doctype (`html` for `<!DOCTYPE html>`).
pub fn xml_root(text: &str) -> Option<&str> {
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    loop {
        if let Some(r) = rest.strip_prefix("<?") {
            rest = r.split_once("?>")?.1.trim_start();
        } else if let Some(r) = rest.strip_prefix("<!--") {
            rest = r.split_once("-->")?.1.trim_start();
        } else if let Some(r) = rest.strip_prefix("<!") {
            let (decl, after) = r.split_once('>')?;
            if decl.to_ascii_lowercase().starts_with("doctype html") {
                return Some("html");
            }
            rest = after.trim_start();
        } else if let Some(r) = rest.strip_prefix('<') {
            let end = r
                .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .unwrap_or(r.len());
            let name = &r[..end];
            let ok = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, ':' | '-' | '_' | '.'));
            return ok.then_some(name);
        } else {
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_numbers_name_the_kind() {
        let zip = |name: &[u8]| {
            let mut b =
                b"PK\x03\x04\x14\0\0\0\x08\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x13\0\0\0".to_vec();
            b.extend_from_slice(name);
            b.extend_from_slice(b"\0\0binary\xFF\0");
            b
        };
        assert_eq!(
            from_bytes(&zip(b"[Content_Types].xmlppt/slides/slide1.xml")),
            Some(Kind::Pptx)
        );
        assert_eq!(
            from_bytes(&zip(b"[Content_Types].xmlword/document.xml")),
            Some(Kind::Docx)
        );
        assert_eq!(
            from_bytes(&zip(b"mimetypeapplication/epub+zip")),
            Some(Kind::Epub)
        );
        assert_eq!(
            from_bytes(&zip(
                b"mimetypeapplication/vnd.oasis.opendocument.presentation"
            )),
            Some(Kind::OpenDocument)
        );
        assert_eq!(from_bytes(&zip(b"Index/Document.iwa")), Some(Kind::Keynote));
        assert_eq!(from_bytes(&zip(b"notes.txt")), Some(Kind::Zip));
        // A PDF is a deck talkdeck reads (`talk::deck`), not a foreign file.
        assert_eq!(from_bytes(b"%PDF-1.7\n%\xE2\xE3"), None);
        assert_eq!(
            from_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Some(Kind::Png)
        );
        assert_eq!(from_bytes(b"\xFF\xD8\xFF\xE0\0\x10JFIF"), Some(Kind::Jpeg));
        assert_eq!(from_bytes(b"GIF89a\x01\0"), Some(Kind::Gif));
        assert_eq!(from_bytes(b"RIFF\x24\0\0\0WEBPVP8 "), Some(Kind::Webp));
        assert_eq!(from_bytes(b"RIFF\x24\0\0\0WAVEfmt "), Some(Kind::Wav));
        assert_eq!(from_bytes(b"ID3\x04\0\0\0\0\0\x21"), Some(Kind::Mp3));
        assert_eq!(from_bytes(b"\xFF\xFB\x90\x64\0"), Some(Kind::Mp3));
        assert_eq!(from_bytes(b"\0\0\0\x20ftypisom\0\0\x02\0"), Some(Kind::Mp4));
        assert_eq!(from_bytes(b"OggS\0\x02\0\0"), Some(Kind::Ogg));
        assert_eq!(from_bytes(b"\x1A\x45\xDF\xA3\x9F\x42\x86"), Some(Kind::Mkv));
        // Text, in any encoding, is none of them.
        assert_eq!(from_bytes("ID3 标签是什么".as_bytes()), None);
        assert_eq!(from_bytes(b"\xFF\xFE1\x00"), None);
        assert_eq!(from_bytes("1、开场".as_bytes()), None);
    }

    #[test]
    fn structured_text_is_named() {
        assert_eq!(
            from_text("<?xml version=\"1.0\"?>\n<!-- x -->\n<rss version=\"2.0\">"),
            Some(Kind::Xml("rss".into()))
        );
        assert_eq!(from_text("<!DOCTYPE html>\n<html>"), Some(Kind::Html));
        assert_eq!(from_text("{\"a\": [1, 2]}"), Some(Kind::Json));
        assert_eq!(from_text("[Music] and then the talk"), None);
        assert_eq!(
            from_text("<svg width=\"1\"><g/></svg>\n"),
            Some(Kind::Xml("svg".into()))
        );
        assert_eq!(from_text("<v Joe> hello, not XML</v>"), None);
        assert_eq!(from_text("<3 thanks everyone"), None);
        assert!(Kind::Xml("rss".into()).to_string().contains("rss"));
    }
}
