//! An Office Open XML package (a `.pptx` is one): a ZIP archive of XML parts tied by
//! relationship parts (`_rels/*.rels`), read within bounds, each part made into a small
//! element tree.
//!
//! Bounds, because the archive is the user's and may be hostile: every part is unpacked
//! into at most [`MAX_PART_BYTES`] (the declared size is checked first, then at most one
//! byte more than the bound is read, since a ZIP entry can lie about its size), all parts
//! together into at most [`MAX_UNPACKED_BYTES`], and an element tree is at most
//! [`MAX_DEPTH`] deep (the walks over it recurse). A ZIP bomb is refused with the name of
//! the part that unpacks too far, never unpacked.

use super::DeckError;
use quick_xml::events::{BytesStart, Event};
use std::io::{Cursor, Read};
use std::path::Path;
use zip::ZipArchive;

const MB: u64 = 1024 * 1024;
/// One part unpacked (a slide's XML is a few KB; a picture is read apart, by the UI).
pub const MAX_PART_BYTES: u64 = 32 * MB;
/// All the parts one deck reads, unpacked.
pub const MAX_UNPACKED_BYTES: u64 = 256 * MB;
/// The deepest element tree read (groups in groups in groups…).
pub const MAX_DEPTH: usize = 200;
/// The most entries an archive may list: all a ZIP without ZIP64 can, far more than any
/// deck holds. Millions of tiny entries in a ZIP64 would take gigabytes just to list.
pub const MAX_ENTRIES: u64 = 65_535;

/// The archive, and how many bytes may still be unpacked from it.
pub struct Package<'a> {
    path: &'a Path,
    zip: ZipArchive<Cursor<&'a [u8]>>,
    budget: u64,
}

/// An element: its local name (`a:t` → `t`), its attributes (keys as written, `r:id`),
/// its children.
#[derive(Debug, Default)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug)]
pub enum Node {
    Element(Element),
    Text(String),
}

/// A relationship of a part: its id, its type's last segment (`slide`, `notesSlide`,
/// `image`) and its target resolved to a part name (`ppt/media/image1.png`); `None` for an
/// external target (a web link).
#[derive(Debug, Clone)]
pub struct Rel {
    pub id: String,
    pub kind: String,
    pub target: Option<String>,
}

impl<'a> Package<'a> {
    pub fn open(path: &'a Path, bytes: &'a [u8]) -> Result<Self, DeckError> {
        if let Some(count) = declared_entries(bytes).filter(|&n| n > MAX_ENTRIES) {
            return Err(DeckError::TooManyParts {
                path: path.to_path_buf(),
                count,
            });
        }
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| DeckError::NotZip {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        Ok(Package {
            path,
            zip,
            budget: MAX_UNPACKED_BYTES,
        })
    }

    pub fn path(&self) -> &Path {
        self.path
    }

    /// The name the archive gives a part (part names are case-insensitive in OPC).
    fn entry_name(&self, part: &str) -> Option<String> {
        if self.zip.index_for_name(part).is_some() {
            return Some(part.to_string());
        }
        self.zip
            .file_names()
            .filter_map(Result::ok)
            .find(|n| n.eq_ignore_ascii_case(part))
            .map(|n| n.into_owned())
    }

    pub fn has(&self, part: &str) -> bool {
        self.entry_name(part).is_some()
    }

    /// The unpacked bytes of a part, within the bounds.
    pub fn read(&mut self, part: &str) -> Result<Vec<u8>, DeckError> {
        let owned = || (self.path.to_path_buf(), part.to_string());
        let Some(name) = self.entry_name(part) else {
            let (path, part) = owned();
            return Err(DeckError::MissingPart { path, part });
        };
        let limit = MAX_PART_BYTES.min(self.budget);
        let broken = |e: &dyn std::fmt::Display| {
            let (path, part) = owned();
            DeckError::BrokenPart {
                path,
                part,
                reason: e.to_string(),
            }
        };
        let too_large = || {
            let (path, part) = owned();
            DeckError::Bomb {
                path,
                part,
                limit: limit / MB,
            }
        };
        let entry = self.zip.by_name(&name).map_err(|e| broken(&e))?;
        if entry.size() > limit {
            return Err(too_large());
        }
        let mut bytes = Vec::with_capacity(entry.size() as usize);
        entry
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| broken(&e))?;
        if bytes.len() as u64 > limit {
            return Err(too_large());
        }
        self.budget -= bytes.len() as u64;
        Ok(bytes)
    }

    /// A part as an element tree (its root element).
    pub fn xml(&mut self, part: &str) -> Result<Element, DeckError> {
        let bytes = self.read(part)?;
        parse(&bytes).map_err(|reason| DeckError::BrokenXml {
            path: self.path.to_path_buf(),
            part: part.to_string(),
            reason,
        })
    }

    /// A part's relationships (none when it has no relationship part).
    pub fn rels(&mut self, part: &str) -> Result<Vec<Rel>, DeckError> {
        let (dir, file) = part.rsplit_once('/').unwrap_or(("", part));
        let rels_part = if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        };
        if !self.has(&rels_part) {
            return Ok(Vec::new());
        }
        let root = self.xml(&rels_part)?;
        Ok(root
            .elements("Relationship")
            .filter_map(|r| {
                let id = r.attr("Id")?.to_string();
                let kind = r.attr("Type")?.rsplit('/').next()?.to_string();
                let external = r.attr("TargetMode") == Some("External");
                let target = r.attr("Target")?;
                let target = (!external).then(|| resolve(dir, target));
                Some(Rel { id, kind, target })
            })
            .collect())
    }
}

/// The number of entries the archive's end record declares (the ZIP64 one when it defers
/// to it), read before the directory itself is.
fn declared_entries(bytes: &[u8]) -> Option<u64> {
    let tail = bytes.len().saturating_sub(22 + 65_535);
    let pos = bytes[tail..].windows(4).rposition(|w| w == b"PK\x05\x06")? + tail;
    let end = bytes.get(pos..pos + 22)?;
    let count = u16::from_le_bytes([end[10], end[11]]);
    if count != u16::MAX {
        return Some(count.into());
    }
    let locator = bytes.get(pos.checked_sub(20)?..pos)?;
    if !locator.starts_with(b"PK\x06\x07") {
        return Some(count.into());
    }
    let at = usize::try_from(u64::from_le_bytes(locator[8..16].try_into().ok()?)).ok()?;
    let record = bytes.get(at..at.checked_add(56)?)?;
    record
        .starts_with(b"PK\x06\x06")
        .then(|| u64::from_le_bytes(record[32..40].try_into().expect("8 bytes")))
}

/// A relationship's target taken from the folder of its source part: `../media/a.png`
/// from `ppt/slides` is `ppt/media/a.png`; `/ppt/x.xml` is from the package's root.
pub fn resolve(dir: &str, target: &str) -> String {
    let target = percent_encoding::percent_decode_str(target).decode_utf8_lossy();
    let mut parts: Vec<&str> = match target.strip_prefix('/') {
        Some(_) => Vec::new(),
        None => dir.split('/').filter(|s| !s.is_empty()).collect(),
    };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

impl Element {
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// A relationship attribute (`r:id`, `r:embed`), whatever its prefix.
    pub fn rel_attr(&self, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k.split_once(':').is_some_and(|(_, l)| l == local))
            .map(|(_, v)| v.as_str())
    }

    /// The child elements.
    pub fn children(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The child elements of this local name.
    pub fn elements<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s Element> {
        self.children().filter(move |e| e.name == name)
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children().find(|e| e.name == name)
    }

    /// The first element of this name at any depth below, in document order.
    pub fn find(&self, name: &str) -> Option<&Element> {
        self.children().find_map(|c| {
            if c.name == name {
                Some(c)
            } else {
                c.find(name)
            }
        })
    }

    /// The text directly inside the element.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for n in &self.children {
            if let Node::Text(t) = n {
                out.push_str(t);
            }
        }
        out
    }
}

/// The element tree of an XML document, entities resolved; text that is only white space
/// is kept only inside text elements (`t`, `p`, `span`, `h`, `a`).
pub fn parse(bytes: &[u8]) -> Result<Element, String> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut stack: Vec<Element> = vec![Element::default()];
    let mut buf = Vec::new();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("{e} (byte {})", reader.error_position()))?;
        match event {
            Event::Start(e) => {
                if stack.len() > MAX_DEPTH {
                    return Err(format!("elements nested more than {MAX_DEPTH} deep"));
                }
                stack.push(open(&e));
            }
            Event::Empty(e) => {
                let element = open(&e);
                push(&mut stack, Node::Element(element));
            }
            Event::End(_) => {
                if stack.len() < 2 {
                    return Err("a closing tag without its opening tag".into());
                }
                let done = stack.pop().expect("two or more on the stack");
                push(&mut stack, Node::Element(done));
            }
            Event::Text(e) => {
                let t = e.xml10_content().map_err(|e| e.to_string())?;
                push_text(&mut stack, &t);
            }
            Event::CData(e) => push_text(&mut stack, &String::from_utf8_lossy(&e)),
            Event::GeneralRef(e) => {
                let resolved = match e.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => {
                        let name = String::from_utf8_lossy(&e).into_owned();
                        quick_xml::escape::resolve_xml_entity(&name)
                            .map_or_else(|| format!("&{name};"), str::to_string)
                    }
                };
                push_text(&mut stack, &resolved);
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if stack.len() != 1 {
        return Err(format!(
            "the document ends inside <{}>",
            stack[stack.len() - 1].name
        ));
    }
    let document = stack.pop().expect("the document");
    document
        .children
        .into_iter()
        .find_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
        .ok_or_else(|| "no element in the document".to_string())
}

fn open(e: &BytesStart<'_>) -> Element {
    let attrs = e
        .attributes()
        .flatten()
        .map(|a| {
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned());
            (String::from_utf8_lossy(a.key.as_ref()).into_owned(), value)
        })
        .collect();
    Element {
        name: String::from_utf8_lossy(e.local_name().as_ref()).into_owned(),
        attrs,
        children: Vec::new(),
    }
}

fn push(stack: &mut [Element], node: Node) {
    if let Some(top) = stack.last_mut() {
        top.children.push(node);
    }
}

fn push_text(stack: &mut [Element], text: &str) {
    let Some(top) = stack.last_mut() else {
        return;
    };
    // Between runs of DrawingML (`a:t`) and inside ODF's paragraphs and spans, a space is
    // text; elsewhere it is the indentation of the XML.
    if text.trim().is_empty() && !matches!(top.name.as_str(), "t" | "p" | "span" | "h" | "a") {
        return;
    }
    match top.children.last_mut() {
        Some(Node::Text(t)) => t.push_str(text),
        _ => top.children.push(Node::Text(text.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An archive listing more entries than any deck (a ZIP64 of 70 000 empty ones) is
    /// refused before its directory is read.
    #[test]
    fn an_archive_of_too_many_entries_is_refused_unlisted() {
        use std::io::Write;
        let mut out = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for k in 0..70_000 {
            zip.start_file(format!("{k}"), stored).unwrap();
            zip.write_all(b"").unwrap();
        }
        zip.finish().unwrap();
        let bytes = out.into_inner();
        assert_eq!(declared_entries(&bytes), Some(70_000));
        let Err(e) = Package::open(Path::new("/t/many.pptx"), &bytes) else {
            panic!("opened");
        };
        assert!(
            matches!(e, DeckError::TooManyParts { count: 70_000, .. }),
            "{e:?}"
        );
        assert!(e.to_string().contains("many.pptx"), "{e}");
        assert_eq!(declared_entries(b"PK\x03\x04 no end record"), None);
    }

    #[test]
    fn targets_resolve_from_the_source_folder() {
        assert_eq!(resolve("ppt/slides", "../media/a.png"), "ppt/media/a.png");
        assert_eq!(resolve("ppt", "slides/slide1.xml"), "ppt/slides/slide1.xml");
        assert_eq!(resolve("ppt/slides", "/ppt/x.xml"), "ppt/x.xml");
        assert_eq!(resolve("", "ppt/presentation.xml"), "ppt/presentation.xml");
        assert_eq!(
            resolve("ppt/slides", "../media/a%20b.png"),
            "ppt/media/a b.png"
        );
    }

    #[test]
    fn a_tree_keeps_run_spaces_and_resolves_entities() {
        let root = parse(
            br#"<?xml version="1.0"?><p:sld xmlns:a="x" xmlns:p="y"> <a:r><a:t> A &amp; B&#x4E2D;</a:t></a:r><a:t> </a:t></p:sld>"#,
        )
        .unwrap();
        assert_eq!(root.name, "sld");
        let r = root.child("r").unwrap();
        assert_eq!(r.child("t").unwrap().text(), " A & B中");
        assert_eq!(root.child("t").unwrap().text(), " ");
        assert_eq!(root.children.len(), 2);
    }

    #[test]
    fn broken_and_too_deep_xml_is_an_error() {
        assert!(parse(b"<a><b></a>").is_err());
        assert!(parse(b"<a><b>").unwrap_err().contains("ends inside"));
        assert!(parse(b"").is_err());
        let deep = "<g>".repeat(MAX_DEPTH + 5) + &"</g>".repeat(MAX_DEPTH + 5);
        assert!(parse(deep.as_bytes()).unwrap_err().contains("nested"));
    }
}
