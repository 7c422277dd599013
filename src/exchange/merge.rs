//! Adding another file's notes to these: a colleague's, a second machine's, a sync
//! conflict's copy, or an import.
//!
//! De-duplicated as Hypothesis does it: a note with the same text, tags and quote as
//! one already here (on the same card) is a duplicate, whatever its id. A note with
//! an id already here is the same note: the newer edit wins. Every change is returned
//! as the [`Edit`] that takes it back, so a merge is one undo step.

use crate::history::Edit;
use crate::notes::{Note, NotesDoc};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use uuid::Uuid;

/// What a merge did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MergeCounts {
    pub added: usize,
    /// Notes already here (by id) that the other file had a newer edit of.
    pub updated: usize,
    /// Notes the file had that are here already: the same id and no newer edit, or the
    /// same text, tags and quote.
    pub skipped: usize,
}

/// A note's content as Hypothesis compares it: card, text, tags (in any order), quote.
type Key = (String, String, BTreeSet<String>, Option<String>);

fn key(card: &str, note: &Note) -> Key {
    (
        card.to_owned(),
        note.text.trim().to_owned(),
        note.tags.iter().map(|t| t.trim().to_owned()).collect(),
        note.highlight
            .as_ref()
            .map(|h| h.target.quote.exact.trim().to_owned()),
    )
}

/// One note per id, its newest edit, in the order the file had them. A file may hold
/// one id twice (an export edited by hand, a tool that reuses ids): merged one after the
/// other, the older one could be skipped as a duplicate by content the first time and
/// update the note the second time, so merging the same file twice would not be a no-op.
fn newest_per_id(incoming: Vec<(String, Note)>) -> Vec<(String, Note)> {
    let mut newest: HashMap<Uuid, usize> = HashMap::new();
    for (i, (_, note)) in incoming.iter().enumerate() {
        let kept = newest.entry(note.id).or_insert(i);
        if note.modified > incoming[*kept].1.modified {
            *kept = i;
        }
    }
    incoming
        .into_iter()
        .enumerate()
        .filter(|(i, (_, note))| newest[&note.id] == *i)
        .map(|(_, entry)| entry)
        .collect()
}

/// Adds `incoming` (notes with their cards) to `doc`; returns what it did and the edits
/// that undo it, in the order to apply them.
pub fn merge(doc: &mut NotesDoc, incoming: Vec<(String, Note)>) -> (MergeCounts, Vec<Edit>) {
    let mut counts = MergeCounts::default();
    let before = incoming.len();
    let incoming = newest_per_id(incoming);
    counts.skipped = before - incoming.len();
    let mut undo = Vec::new();
    let mut seen: HashSet<Key> = doc.all().map(|(card, n)| key(card, n)).collect();
    for (card, note) in incoming {
        if let Some(here) = doc.find(note.id) {
            if note.modified > here.modified && key(&card, &note) != key(&card, here) {
                // The newer edit of the same note: take its text, tags and highlight
                // (and the card it is on now), keep its place when the card is the same.
                let (old_card, old_pos, old) = doc.remove(note.id).expect("found just above");
                let pos = if old_card == card {
                    old_pos
                } else {
                    doc.count(&card)
                };
                seen.insert(key(&card, &note));
                let id = note.id;
                doc.insert(&card, pos, note);
                undo.push(vec![
                    Edit::Remove { id },
                    Edit::Insert {
                        card: old_card,
                        pos: old_pos,
                        note: Box::new(old),
                    },
                ]);
                counts.updated += 1;
            } else {
                counts.skipped += 1;
            }
            continue;
        }
        if !seen.insert(key(&card, &note)) {
            counts.skipped += 1;
            continue;
        }
        undo.push(vec![Edit::Remove { id: note.id }]);
        let end = doc.count(&card);
        doc.insert(&card, end, note);
        counts.added += 1;
    }
    // Undone last change first; each change's own edits in their order.
    (counts, undo.into_iter().rev().flatten().collect())
}

/// Stars the cards `starred` has that `doc` lacks; returns the edits that undo it.
pub fn merge_stars(doc: &mut NotesDoc, starred: &BTreeSet<String>) -> Vec<Edit> {
    starred
        .iter()
        .filter(|card| doc.starred.insert((*card).clone()))
        .map(|card| Edit::Star {
            card: card.clone(),
            on: false,
        })
        .collect()
}

/// The copies sync tools leave beside `notes` when two machines changed it at once:
/// Syncthing's `NOTES.sync-conflict-<date>-<time>-<device>.json` and Dropbox's (or
/// Nextcloud's) `NOTES (… conflicted copy …).json`. Sorted by name.
pub fn conflict_copies(notes: &Path) -> Vec<PathBuf> {
    let (Some(stem), Some(name)) = (notes.file_stem(), notes.file_name()) else {
        return Vec::new();
    };
    let (stem, name) = (stem.to_string_lossy(), name.to_string_lossy());
    let extension = name.strip_prefix(stem.as_ref()).unwrap_or_default();
    let folder = match notes.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| {
            let other = e.file_name();
            let other = other.to_string_lossy();
            let Some(middle) = other
                .strip_prefix(stem.as_ref())
                .and_then(|rest| rest.strip_suffix(extension))
            else {
                return false;
            };
            let syncthing = middle.starts_with(".sync-conflict-");
            let dropbox = middle.starts_with(" (")
                && middle.ends_with(')')
                && middle.to_lowercase().contains("conflicted copy");
            (syncthing || dropbox) && e.file_type().is_ok_and(|t| t.is_file())
        })
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::{Duration, OffsetDateTime};

    fn apply_all(doc: &mut NotesDoc, edits: Vec<Edit>) {
        for edit in edits {
            edit.apply(doc);
        }
    }

    #[test]
    fn sync_conflict_copies_beside_the_notes_file_are_found() {
        let dir = tempfile::tempdir().unwrap();
        let notes = dir.path().join("talk.notes.json");
        for name in [
            "talk.notes.json",
            "talk.notes.sync-conflict-20261201-101500-ABCDEFG.json",
            "talk.notes (Ada's conflicted copy 2026-12-01).json",
            "talk.notes.json.bak",
            "other.sync-conflict-20261201-101500-ABCDEFG.json",
            "talk.notes (copy).json",
        ] {
            std::fs::write(dir.path().join(name), "{}").unwrap();
        }
        let names: Vec<String> = conflict_copies(&notes)
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            [
                "talk.notes (Ada's conflicted copy 2026-12-01).json",
                "talk.notes.sync-conflict-20261201-101500-ABCDEFG.json"
            ]
        );
    }

    #[test]
    fn merging_a_file_with_itself_adds_nothing() {
        let now = OffsetDateTime::now_utc();
        let mut doc = NotesDoc::new("t", "f");
        doc.add("obs-1", "甲", now);
        doc.add("obs-2", "乙", now);
        let before = doc.clone();
        let incoming: Vec<(String, Note)> = before
            .all()
            .map(|(c, n)| (c.to_owned(), n.clone()))
            .collect();
        let (counts, undo) = merge(&mut doc, incoming);
        assert_eq!(
            counts,
            MergeCounts {
                added: 0,
                updated: 0,
                skipped: 2
            }
        );
        assert!(undo.is_empty());
        assert_eq!(doc, before);
    }

    #[test]
    fn a_file_with_one_id_twice_merges_once_and_again_changes_nothing() {
        // Found by the notes_import fuzz target: the newest copy of an id duplicates
        // another note by content, an older copy of it does not.
        let now = OffsetDateTime::now_utc();
        let mut theirs = NotesDoc::new("t", "f");
        let first = theirs.add("title", "", now);
        theirs.set_tags(first, &["推理".into()], now);
        let mut newest = theirs.find(first).unwrap().clone();
        newest.id = Uuid::from_u128(7);
        newest.modified = now + Duration::minutes(1);
        let mut stale = newest.clone();
        stale.text = "页面笔记".into();
        stale.tags.clear();
        stale.modified = now - Duration::minutes(1);
        let mut incoming: Vec<(String, Note)> = theirs
            .all()
            .map(|(c, n)| (c.to_owned(), n.clone()))
            .collect();
        incoming.push(("title".into(), newest));
        incoming.push(("title".into(), stale));

        let mut doc = NotesDoc::new("t", "f");
        let (counts, _) = merge(&mut doc, incoming.clone());
        assert_eq!(
            counts,
            MergeCounts {
                added: 1,
                updated: 0,
                skipped: 2
            }
        );
        let once = doc.clone();
        let (again, undo) = merge(&mut doc, incoming);
        assert_eq!((again.added, again.updated), (0, 0));
        assert!(undo.is_empty());
        assert_eq!(doc, once);
        // The id's newest copy was a duplicate; its stale copy never made a note.
        assert!(doc.find(Uuid::from_u128(7)).is_none());
    }

    #[test]
    fn duplicates_by_content_are_skipped_and_the_newer_edit_wins() {
        let now = OffsetDateTime::now_utc();
        let mut doc = NotesDoc::new("t", "f");
        let kept = doc.add("obs-1", "同一条", now);
        doc.set_tags(kept, &["a".into(), "b".into()], now);
        let edited = doc.add("obs-2", "旧的", now);
        let before = doc.clone();

        let mut theirs = NotesDoc::new("t", "f");
        // Same content under another id (tags in another order): a duplicate.
        let dup = theirs.add("obs-1", "同一条", now);
        theirs.set_tags(dup, &["b".into(), "a".into()], now);
        // The same note edited later there: theirs wins.
        let mut newer = doc.find(edited).unwrap().clone();
        newer.text = "新的".into();
        newer.modified = now + Duration::minutes(5);
        // An older edit of the same note: ours stays.
        let mut older = doc.find(kept).unwrap().clone();
        older.text = "更早".into();
        older.modified = now - Duration::minutes(5);
        theirs.add("obs-3", "新笔记", now);
        let mut incoming: Vec<(String, Note)> = theirs
            .all()
            .map(|(c, n)| (c.to_owned(), n.clone()))
            .collect();
        incoming.push(("obs-2".into(), newer));
        incoming.push(("obs-1".into(), older));

        let (counts, undo) = merge(&mut doc, incoming);
        assert_eq!(
            counts,
            MergeCounts {
                added: 1,
                updated: 1,
                skipped: 2
            }
        );
        assert_eq!(doc.find(edited).unwrap().text, "新的");
        assert_eq!(doc.find(kept).unwrap().text, "同一条");
        assert_eq!(doc.notes("obs-3")[0].text, "新笔记");
        apply_all(&mut doc, undo);
        assert_eq!(doc, before, "the undo edits take the merge back");
    }
}
