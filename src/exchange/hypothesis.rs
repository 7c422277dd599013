//! Hypothesis's annotations: the API's search response (`GET /api/search`:
//! `{"total": N, "rows": [annotation, …]}`), its client's export
//! (`{"export_date", "export_userid", "annotations": [annotation, …]}`), an array of
//! annotations or a single one.
//!
//! A Hypothesis annotation is close to a W3C one with other names: `text` is the comment
//! (Markdown), `tags` the tags, `target` a list of `{source, selector: [...]}` with the
//! same selectors (`TextQuoteSelector`, `TextPositionSelector`, `RangeSelector`),
//! `created` and `updated` the times, `id` a short string. Each is rewritten as a W3C
//! annotation and read by the W3C reader, so both read selectors the same way. Its web
//! page is not a card: the quote finds the card. Replies (`references` not empty) are
//! conversations about an annotation, not notes on the talk: they are reported, not
//! imported.

use super::Imported;
use super::w3c::{self, jsonld};
use crate::talk::Talk;
use serde_json::{Map, Value, json};
use time::OffsetDateTime;

/// An annotation as Hypothesis writes it: `text` or `tags`, and `uri` or a `target` list,
/// with no JSON-LD `@context` or W3C `type`.
fn is_annotation(v: &Value) -> bool {
    let Some(o) = v.as_object() else {
        return false;
    };
    let w3c = o.contains_key("@context") || o.contains_key("type") || o.contains_key("@type");
    !w3c && (o.contains_key("text") || o.contains_key("tags"))
        && (o.contains_key("uri") || o.get("target").is_some_and(Value::is_array))
}

/// The annotations of a search response or an export, or the value itself.
fn rows(value: &Value) -> Option<&Vec<Value>> {
    value
        .get("rows")
        .or_else(|| value.get("annotations"))
        .and_then(Value::as_array)
}

/// Whether a JSON value is Hypothesis's.
pub fn looks_like(value: &Value) -> bool {
    match value {
        Value::Array(items) => items.first().is_some_and(is_annotation),
        Value::Object(o) => {
            let listed = rows(value).is_some()
                && (o.contains_key("total")
                    || o.contains_key("export_date")
                    || rows(value).is_some_and(|r| r.first().is_none_or(is_annotation)));
            listed || is_annotation(value)
        }
        _ => false,
    }
}

/// The notes the annotations make for `talk`; what could not be read is named by its
/// place in the file and its Hypothesis id.
pub fn import(value: &Value, talk: &Talk, now: OffsetDateTime) -> Imported {
    let single = std::slice::from_ref(value);
    let items: &[Value] = match value {
        Value::Array(items) => items,
        _ => rows(value).map_or(single, Vec::as_slice),
    };
    let mut problems = Vec::new();
    let mut records = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let read = to_w3c(item).and_then(|annotation| {
            let (mut read, bad) = jsonld::import(&annotation);
            match bad.into_iter().next() {
                Some(bad) => Err(bad.reason),
                None => read.pop().ok_or_else(|| "nothing to read".to_owned()),
            }
        });
        match read {
            Ok(record) => records.push(record),
            Err(reason) => problems.push(problem(i, item, &reason)),
        }
    }
    Imported {
        notes: w3c::notes_of(records, talk, now),
        problems,
    }
}

fn problem(index: usize, item: &Value, reason: &str) -> String {
    match item.get("id").and_then(Value::as_str) {
        Some(id) => format!("annotation {} ({id}): {reason}", index + 1),
        None => format!("annotation {}: {reason}", index + 1),
    }
}

/// One Hypothesis annotation as a W3C one.
fn to_w3c(item: &Value) -> Result<Value, String> {
    let Value::Object(o) = item else {
        return Err("not an annotation object".into());
    };
    if o.get("references")
        .and_then(Value::as_array)
        .is_some_and(|r| !r.is_empty())
    {
        return Err("a reply to another annotation (not imported)".into());
    }
    let mut body = Vec::new();
    match o.get("text") {
        Some(Value::String(text)) if !text.is_empty() => {
            body.push(json!({ "type": "TextualBody", "purpose": "commenting", "value": text }));
        }
        None | Some(Value::Null | Value::String(_)) => {}
        Some(_) => return Err("`text` is not a string".into()),
    }
    match o.get("tags") {
        Some(Value::Array(tags)) => {
            for tag in tags {
                let tag = tag.as_str().ok_or("a tag is not a string")?;
                body.push(json!({ "type": "TextualBody", "purpose": "tagging", "value": tag }));
            }
        }
        None | Some(Value::Null) => {}
        Some(_) => return Err("`tags` is not a list".into()),
    }
    let target = match (o.get("target"), o.get("uri")) {
        (Some(target @ (Value::Array(_) | Value::Object(_))), _) => target.clone(),
        (_, Some(Value::String(uri))) => Value::String(uri.clone()),
        _ => return Err("no target".into()),
    };
    let mut a = Map::new();
    a.insert("type".into(), "Annotation".into());
    if let Some(Value::String(id)) = o.get("id") {
        a.insert("id".into(), id.clone().into());
    }
    for (from, to) in [("created", "created"), ("updated", "modified")] {
        if let Some(Value::String(t)) = o.get(from) {
            a.insert(to.into(), t.clone().into());
        }
    }
    a.insert("body".into(), Value::Array(body));
    a.insert("target".into(), target);
    Ok(Value::Object(a))
}
