//! W3C Web Annotation (JSON-LD) export and import of highlights and comments.
//!
//! [`export`] writes one `AnnotationPage`:
//!
//! ```json
//! { "@context": "http://www.w3.org/ns/anno.jsonld",
//!   "id": "<source>#annotations", "type": "AnnotationPage", "startIndex": 0,
//!   "items": [ {
//!     "id": "urn:uuid:…", "type": "Annotation", "motivation": "commenting",
//!     "created": "…", "modified": "…",
//!     "body": [
//!       { "type": "TextualBody", "purpose": "commenting", "format": "text/plain", "value": "…" },
//!       { "type": "TextualBody", "purpose": "tagging", "value": "tag" } ],
//!     "target": {
//!       "source": "<source>#card=obs-3",
//!       "selector": [
//!         { "type": "TextQuoteSelector", "exact": "…", "prefix": "…", "suffix": "…" },
//!         { "type": "TextPositionSelector", "start": 10, "end": 24 } ] } } ] }
//! ```
//!
//! **The card** is named by the target's source IRI: the talk's IRI with the fragment
//! `#card=<card id>` (percent-encoded), see [`card_iri`]. The annotated resource is then
//! the card's speaker notes, which is exactly what the selectors' offsets are relative to,
//! and the selectors stay a flat list that any tool can read. Positions count chars (see
//! [`TextPositionSelector`]). An annotation without an
//! anchor targets the card IRI itself (a plain string); one without a card targets the
//! talk IRI.
//!
//! [`import`] is lenient: it takes a single annotation, an array of them, an
//! `AnnotationPage` (`items`) or an `AnnotationCollection` whose pages are embedded
//! (`first`, then `next`); a `target` as an IRI string, an object or an array (the first
//! one with a usable selector wins); a `body` as a string, an object or an array
//! (`bodyValue` too); a `selector` as an object or an array, following `refinedBy`;
//! a JSON-LD `@graph` array.
//! `id`/`@id` and `type`/`@type` are both understood. An annotation it cannot read is
//! reported as an [`ImportProblem`] and the others are still imported.

use crate::anchor::{Anchor, TextPositionSelector, TextQuoteSelector};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use std::fmt;

/// The Web Annotation JSON-LD context.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The fragment key that names a card in a target's source IRI.
pub const CARD_FRAGMENT_KEY: &str = "card";

/// Embedded collection pages followed at most, and nesting of arrays/pages.
const MAX_PAGES: usize = 10_000;
const MAX_DEPTH: usize = 32;

/// Why the annotation was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Motivation {
    #[default]
    Commenting,
    Highlighting,
}

impl Motivation {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Commenting => "commenting",
            Self::Highlighting => "highlighting",
        }
    }
}

/// One annotation as exported or imported, independent of the notes file format.
///
/// `card_id` is empty when the annotation names no card; an imported anchor carries the
/// same card id as its record (empty: anchor by quote over the whole talk).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AnnotationRecord {
    /// An IRI such as `urn:uuid:…`; import makes a `urn:uuid:` one up when it is missing.
    pub id: String,
    pub card_id: String,
    /// The text of the `commenting` bodies (several are joined by a blank line).
    pub comment: String,
    /// The values of the `tagging` bodies.
    pub tags: Vec<String>,
    /// As written (xsd:dateTime, usually RFC 3339); not checked.
    pub created: Option<String>,
    pub modified: Option<String>,
    pub anchor: Option<Anchor>,
    pub motivation: Motivation,
}

/// An annotation that could not be read. `index` counts the annotations of the input in
/// document order (the items of all pages one after another), from 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProblem {
    pub index: usize,
    pub id: Option<String>,
    pub reason: String,
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "annotation {}", self.index + 1)?;
        if let Some(id) = &self.id {
            write!(f, " ({id})")?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// `<source>#card=<card id>`, the card id percent-encoded; `source` itself when the card
/// id is empty.
pub fn card_iri(source: &str, card_id: &str) -> String {
    if card_id.is_empty() {
        return source.to_owned();
    }
    format!("{source}#{CARD_FRAGMENT_KEY}={}", percent_encode(card_id))
}

/// The card id in an IRI made by [`card_iri`] (any `card=` parameter of its fragment).
pub fn card_from_iri(iri: &str) -> Option<String> {
    let (_, fragment) = iri.split_once('#')?;
    card_from_fragment(fragment)
}

fn card_from_fragment(fragment: &str) -> Option<String> {
    fragment.split('&').find_map(|part| {
        let (key, value) = part.split_once('=')?;
        (key == CARD_FRAGMENT_KEY && !value.is_empty()).then(|| percent_decode(value))
    })
}

/// Everything but RFC 3986's unreserved characters is escaped, so any card id survives
/// in a fragment.
const FRAGMENT_VALUE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

fn percent_encode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, FRAGMENT_VALUE).to_string()
}

/// Malformed escapes stay as they are; bytes that are not UTF-8 become U+FFFD.
fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// The records as one `AnnotationPage` on the talk `source` (an IRI such as
/// `urn:talkdeck:talk:<fingerprint>`).
///
/// The card is taken from `record.card_id` (the anchor's own `card_id` is not written).
/// Empty parts are left out: a record's empty `id`, an empty comment, an anchor's empty
/// quote (position-only anchors) and a `0..0` position (quote-only anchors), so that
/// [`import`] gives the records back; an anchor with neither reads back as `None`.
pub fn export(records: &[AnnotationRecord], source: &str) -> Value {
    let items: Vec<Value> = records.iter().map(|r| annotation(r, source)).collect();
    json!({
        "@context": CONTEXT,
        "id": format!("{source}#annotations"),
        "type": "AnnotationPage",
        "startIndex": 0,
        "items": items,
    })
}

fn annotation(r: &AnnotationRecord, source: &str) -> Value {
    let mut a = Map::new();
    if !r.id.is_empty() {
        a.insert("id".into(), r.id.clone().into());
    }
    a.insert("type".into(), "Annotation".into());
    a.insert("motivation".into(), r.motivation.as_str().into());
    if let Some(c) = &r.created {
        a.insert("created".into(), c.clone().into());
    }
    if let Some(m) = &r.modified {
        a.insert("modified".into(), m.clone().into());
    }
    let mut body = Vec::new();
    if !r.comment.is_empty() {
        body.push(json!({
            "type": "TextualBody",
            "purpose": "commenting",
            "format": "text/plain",
            "value": r.comment,
        }));
    }
    for tag in &r.tags {
        body.push(json!({ "type": "TextualBody", "purpose": "tagging", "value": tag }));
    }
    if !body.is_empty() {
        a.insert("body".into(), Value::Array(body));
    }
    let iri = card_iri(source, &r.card_id);
    let mut selectors = Vec::new();
    if let Some(anchor) = &r.anchor {
        let q = &anchor.quote;
        if !q.exact.is_empty() {
            let mut s = Map::new();
            s.insert("type".into(), "TextQuoteSelector".into());
            s.insert("exact".into(), q.exact.clone().into());
            if !q.prefix.is_empty() {
                s.insert("prefix".into(), q.prefix.clone().into());
            }
            if !q.suffix.is_empty() {
                s.insert("suffix".into(), q.suffix.clone().into());
            }
            selectors.push(Value::Object(s));
        }
        let p = anchor.position;
        if (p.start, p.end) != (0, 0) {
            selectors.push(json!({
                "type": "TextPositionSelector",
                "start": p.start,
                "end": p.end,
            }));
        }
    }
    let target = if selectors.is_empty() {
        Value::String(iri)
    } else {
        json!({ "source": iri, "selector": selectors })
    };
    a.insert("target".into(), target);
    Value::Object(a)
}

/// Reads annotations from any of the shapes in the module docs. Never panics; what
/// cannot be read is reported and skipped.
pub fn import(value: &Value) -> (Vec<AnnotationRecord>, Vec<ImportProblem>) {
    let mut items = Vec::new();
    collect(value, &mut items, 0);
    let mut records = Vec::new();
    let mut problems = Vec::new();
    for (index, item) in items.into_iter().enumerate() {
        let read = item.and_then(|v| read_annotation(v).map_err(|e| (id_of(v), e)));
        match read {
            Ok(r) => records.push(r),
            Err((id, reason)) => problems.push(ImportProblem { index, id, reason }),
        }
    }
    (records, problems)
}

type Item<'a> = Result<&'a Value, (Option<String>, String)>;

fn get<'a>(o: &'a Map<String, Value>, keys: &[&str]) -> Option<&'a Value> {
    keys.iter().find_map(|k| o.get(*k))
}

fn id_of(v: &Value) -> Option<String> {
    let o = v.as_object()?;
    get(o, &["id", "@id"])?.as_str().map(str::to_owned)
}

/// The strings of `type`/`@type`, without an `oa:` or full-IRI prefix.
fn types(o: &Map<String, Value>) -> Vec<&str> {
    match get(o, &["type", "@type"]) {
        Some(Value::String(t)) => vec![short_name(t)],
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .map(short_name)
            .collect(),
        _ => Vec::new(),
    }
}

/// `Annotation` for `oa:Annotation` and `http://www.w3.org/ns/oa#Annotation`.
fn short_name(t: &str) -> &str {
    t.rsplit(['#', ':', '/'])
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or(t)
}

fn collect<'a>(v: &'a Value, out: &mut Vec<Item<'a>>, depth: usize) {
    if depth > MAX_DEPTH {
        out.push(Err((None, "nested too deeply".into())));
        return;
    }
    match v {
        Value::Array(items) => {
            for item in items {
                if is_container(item) {
                    collect(item, out, depth + 1);
                } else {
                    out.push(Ok(item));
                }
            }
        }
        Value::Object(o) => {
            let ts = types(o);
            if let Some(graph @ Value::Array(_)) = o.get("@graph") {
                collect(graph, out, depth + 1);
            } else if ts.contains(&"AnnotationCollection")
                || (ts.is_empty() && o.contains_key("first") && !o.contains_key("target"))
            {
                collection(o, out, depth);
            } else if is_page(o) {
                page_items(o, out, depth);
            } else {
                out.push(Ok(v));
            }
        }
        _ => out.push(Err((None, format!("not an annotation: {}", kind(v))))),
    }
}

fn is_container(v: &Value) -> bool {
    match v {
        Value::Array(_) => true,
        Value::Object(o) => {
            let ts = types(o);
            ts.contains(&"AnnotationCollection") || is_page(o)
        }
        _ => false,
    }
}

fn is_page(o: &Map<String, Value>) -> bool {
    let ts = types(o);
    ts.contains(&"AnnotationPage")
        || (ts.is_empty()
            && o.get("items").is_some_and(Value::is_array)
            && !o.contains_key("target"))
}

fn page_items<'a>(o: &'a Map<String, Value>, out: &mut Vec<Item<'a>>, depth: usize) {
    match o.get("items") {
        Some(Value::Array(items)) => {
            for item in items {
                if is_container(item) {
                    collect(item, out, depth + 1);
                } else {
                    out.push(Ok(item));
                }
            }
        }
        Some(other) => collect(other, out, depth + 1),
        None => {}
    }
}

fn collection<'a>(o: &'a Map<String, Value>, out: &mut Vec<Item<'a>>, depth: usize) {
    let collection_id = get(o, &["id", "@id"]).and_then(Value::as_str);
    if o.contains_key("items") {
        page_items(o, out, depth);
    }
    let mut next = o.get("first");
    let mut pages = 0;
    while let Some(page) = next {
        pages += 1;
        if pages > MAX_PAGES {
            out.push(Err((
                collection_id.map(str::to_owned),
                "too many pages".into(),
            )));
            return;
        }
        match page {
            Value::Object(p) => {
                page_items(p, out, depth + 1);
                next = p.get("next");
            }
            Value::String(iri) => {
                out.push(Err((
                    collection_id.map(str::to_owned),
                    format!("page {iri} is not embedded in the collection (not fetched)"),
                )));
                return;
            }
            Value::Null => return,
            other => {
                out.push(Err((
                    collection_id.map(str::to_owned),
                    format!("collection page is {}", kind(other)),
                )));
                return;
            }
        }
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn read_annotation(v: &Value) -> Result<AnnotationRecord, String> {
    let Value::Object(o) = v else {
        return Err(format!("not an annotation: {}", kind(v)));
    };
    let ts = types(o);
    if !ts.is_empty() && !ts.contains(&"Annotation") {
        return Err(format!("type {} is not Annotation", ts.join(", ")));
    }
    let id = match get(o, &["id", "@id"]) {
        Some(Value::String(id)) if !id.is_empty() => id.clone(),
        _ => format!("urn:uuid:{}", uuid::Uuid::new_v4()),
    };
    let target = get(o, &["target", "oa:hasTarget"]).ok_or("no target")?;
    let (card_id, anchor) = read_target(target, 0)?;

    let mut comments = Vec::new();
    let mut tags = Vec::new();
    if let Some(body) = get(o, &["body", "oa:hasBody"]) {
        read_body(body, &mut comments, &mut tags, 0);
    }
    if let Some(Value::String(s)) = o.get("bodyValue")
        && !s.is_empty()
    {
        comments.push(s.clone());
    }
    let comment = comments.join("\n\n");

    let motivation = motivations(o.get("motivation"))
        .into_iter()
        .find_map(|m| match m {
            "highlighting" => Some(Motivation::Highlighting),
            "commenting" => Some(Motivation::Commenting),
            _ => None,
        })
        .unwrap_or(if comment.is_empty() {
            Motivation::Highlighting
        } else {
            Motivation::Commenting
        });
    let date = |k: &str| o.get(k).and_then(Value::as_str).map(str::to_owned);
    Ok(AnnotationRecord {
        id,
        card_id,
        comment,
        tags,
        created: date("created"),
        modified: date("modified"),
        anchor,
        motivation,
    })
}

fn motivations(v: Option<&Value>) -> Vec<&str> {
    match v {
        Some(Value::String(m)) => vec![short_name(m)],
        Some(Value::Array(ms)) => ms
            .iter()
            .filter_map(Value::as_str)
            .map(short_name)
            .collect(),
        _ => Vec::new(),
    }
}

fn read_body(v: &Value, comments: &mut Vec<String>, tags: &mut Vec<String>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match v {
        Value::String(s) if !s.is_empty() => comments.push(s.clone()),
        Value::Array(parts) => {
            for p in parts {
                read_body(p, comments, tags, depth + 1);
            }
        }
        Value::Object(o) => {
            // A `Choice` offers alternatives: take the first.
            if types(o).contains(&"Choice") {
                if let Some(Value::Array(items)) = o.get("items")
                    && let Some(first) = items.first()
                {
                    read_body(first, comments, tags, depth + 1);
                }
                return;
            }
            let Some(value) = get(o, &["value", "chars", "rdf:value"]).and_then(Value::as_str)
            else {
                return; // an external resource: nothing to keep
            };
            let tagging = motivations(o.get("purpose")).contains(&"tagging");
            if tagging {
                tags.push(value.to_owned());
            } else if !value.is_empty() {
                comments.push(value.to_owned());
            }
        }
        _ => {}
    }
}

/// The card and anchor a target names.
fn read_target(v: &Value, depth: usize) -> Result<(String, Option<Anchor>), String> {
    if depth > MAX_DEPTH {
        return Err("target nested too deeply".into());
    }
    match v {
        Value::String(iri) => Ok((card_from_iri(iri).unwrap_or_default(), None)),
        Value::Object(o) => Ok(read_specific_resource(o)),
        Value::Array(targets) => {
            let mut first = None;
            let mut last_err = None;
            for t in targets {
                match read_target(t, depth + 1) {
                    Ok(r @ (_, Some(_))) => return Ok(r),
                    Ok(r) => {
                        first.get_or_insert(r);
                    }
                    Err(e) => last_err = Some(e),
                }
            }
            first.ok_or_else(|| last_err.unwrap_or_else(|| "empty target".into()))
        }
        other => Err(format!("target is {}", kind(other))),
    }
}

fn read_specific_resource(o: &Map<String, Value>) -> (String, Option<Anchor>) {
    let source = match o.get("source") {
        Some(Value::String(s)) => Some(s.as_str()),
        Some(Value::Object(s)) => get(s, &["id", "@id"]).and_then(Value::as_str),
        _ => get(o, &["id", "@id"]).and_then(Value::as_str),
    };
    let mut card_id = source.and_then(card_from_iri);
    let mut quote: Option<TextQuoteSelector> = None;
    let mut position: Option<TextPositionSelector> = None;
    let mut selectors = Vec::new();
    if let Some(s) = o.get("selector") {
        flatten_selectors(s, &mut selectors, 0);
    }
    for s in selectors {
        let text = |k: &str| s.get(k).and_then(Value::as_str);
        match types(s).first().copied() {
            Some("TextQuoteSelector") if quote.is_none() => {
                if let Some(exact) = text("exact").filter(|e| !e.is_empty()) {
                    quote = Some(TextQuoteSelector {
                        exact: exact.to_owned(),
                        prefix: text("prefix").unwrap_or_default().to_owned(),
                        suffix: text("suffix").unwrap_or_default().to_owned(),
                    });
                }
            }
            Some("TextPositionSelector") if position.is_none() => {
                let num = |k: &str| s.get(k).and_then(Value::as_u64);
                if let (Some(start), Some(end)) = (num("start"), num("end"))
                    && start <= end
                    && let (Ok(start), Ok(end)) = (usize::try_from(start), usize::try_from(end))
                {
                    position = Some(TextPositionSelector { start, end });
                }
            }
            Some("FragmentSelector") if card_id.is_none() => {
                card_id = text("value").and_then(card_from_fragment);
            }
            _ => {}
        }
    }
    let card_id = card_id.unwrap_or_default();
    let anchor = (quote.is_some() || position.is_some()).then(|| Anchor {
        card_id: card_id.clone(),
        quote: quote.unwrap_or_default(),
        position: position.unwrap_or_default(),
    });
    (card_id, anchor)
}

fn flatten_selectors<'a>(v: &'a Value, out: &mut Vec<&'a Map<String, Value>>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match v {
        Value::Array(items) => {
            for s in items {
                flatten_selectors(s, out, depth + 1);
            }
        }
        Value::Object(o) => {
            out.push(o);
            if let Some(refined) = o.get("refinedBy") {
                flatten_selectors(refined, out, depth + 1);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests;
