//! Saving: atomic replace, the backup, the check against another program's edits.

use super::error::{describe_read, one_line};
use super::read::FileIn;
use super::write::{normalize_time, try_to_json};
use super::{FileStamp, NotesError, is_notes_file};
use crate::atomic::{self, Replacement, Step, WriteError, resolve_target};
use crate::notes::{Note, NotesDoc};
use crate::readfile::{self, MAX_NOTES_BYTES};
use sha2::{Digest, Sha256};
use std::ffi::OsStr;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The notes content of two docs is the same (everything but the `extra` maps, whose
/// floating-point numbers may not come back bit for bit).
fn same_content(written: &NotesDoc, read: &NotesDoc) -> bool {
    let note_eq = |a: &Note, b: &Note| {
        a.id == b.id
            && a.text == b.text
            && a.tags == b.tags
            && a.highlight == b.highlight
            && normalize_time(a.created) == b.created
            && normalize_time(a.modified) == b.modified
    };
    written.talk.title == read.talk.title
        && written.talk.fingerprint == read.talk.fingerprint
        && written.starred == read.starred
        && written.titles == read.titles
        && written.rehearsal == read.rehearsal
        && written.cards.len() == read.cards.len()
        && written
            .cards
            .iter()
            .zip(&read.cards)
            .all(|((ka, a), (kb, b))| {
                ka == kb && a.len() == b.len() && a.iter().zip(b).all(|(x, y)| note_eq(x, y))
            })
}

/// Saves atomically: the new text goes to a temporary file in the same folder, is flushed
/// to disk, and then renamed over `path`, so the file is always either the old or the new
/// notes. A symlink at `path` is followed and its target replaced. The text is checked to
/// load back before anything is written. On error nothing is left behind.
///
/// When an existing file is replaced and it loads as a notes file (of any version), its
/// bytes are first kept as `NAME.bak` beside it (see [`backup_path`]), written the same
/// atomic way. Garbage is never backed up over a good `.bak`, and neither is a file with
/// the very bytes being saved (that would only lose the older version in the `.bak`).
/// Failing to write the backup is logged and does not stop the save: the user's current
/// notes reaching the disk matters more than keeping the version before them.
pub fn save(path: &Path, doc: &NotesDoc) -> Result<(), NotesError> {
    write_notes(path, doc, None).map(drop)
}

/// [`save`], but only when the file on disk is still the one `expected` describes (what
/// [`load_stamped`] or the previous `save_checked` returned); otherwise nothing is written
/// and the error is [`NotesError::Changed`]. `None` skips the check (a file the app has
/// not loaded, e.g. Save As). Returns the stamp of what was written, for the next save.
///
/// The check is by content: the file's bytes are read and compared by length and SHA-256
/// every time, so a rewrite with the same size and modification time is still noticed,
/// and a file that was only touched (or rewritten with the same bytes by a sync tool) is
/// not taken for a change. The file is read anyway, for the backup. A file that no longer
/// exists is not a conflict: nobody's notes would be overwritten, so it is created again.
/// Between the check and the rename there is a window of a few milliseconds in which
/// another program's write would still be lost; programs that do not take part in
/// [`lock`](super::lock) cannot be excluded completely.
pub fn save_checked(
    path: &Path,
    doc: &NotesDoc,
    expected: Option<&FileStamp>,
) -> Result<FileStamp, NotesError> {
    write_notes(path, doc, expected)
}

/// `NAME.bak` beside the notes file (beside the target when `notes_path` is a symlink):
/// the version before the last save, kept by [`save`] when it was a readable notes file.
pub fn backup_path(notes_path: &Path) -> PathBuf {
    sidecar(notes_path, ".bak")
}

/// The file `notes_path` stands for with `suffix` added to its name, in the same folder
/// (after following a symlink at `notes_path`).
pub(in crate::notes) fn sidecar(notes_path: &Path, suffix: &str) -> PathBuf {
    let target = resolve_target(notes_path).unwrap_or_else(|_| notes_path.to_path_buf());
    let mut name = target
        .file_name()
        .unwrap_or(OsStr::new("notes"))
        .to_os_string();
    name.push(suffix);
    target.with_file_name(name)
}

fn write_notes(
    path: &Path,
    doc: &NotesDoc,
    expected: Option<&FileStamp>,
) -> Result<FileStamp, NotesError> {
    let verify_err = |reason: String| NotesError::Verify {
        path: path.to_owned(),
        reason,
    };
    let text = try_to_json(doc).map_err(|e| verify_err(e.to_string()))?;
    // Checking the text takes about as long as writing it to disk: both at once. The new
    // file replaces the old one only once the check has passed.
    let check = || check_text(&text, doc).map_err(verify_err);
    std::thread::scope(|scope| {
        let checking = std::thread::Builder::new()
            .name("talkdeck-verify".into())
            .spawn_scoped(scope, check);
        let confirm = || match checking {
            Ok(thread) => thread
                .join()
                .unwrap_or_else(|_| Err(verify_err("the check of the text failed".to_owned()))),
            // No thread to be had: check here.
            Err(_) => check(),
        };
        replace_file(path, &text, expected, confirm)
    })
}

/// What a save checks before it writes over anything: the text reads back as the same
/// notes (this only catches a bug). Returns the text's SHA-256, for its stamp.
pub(super) fn check_text(text: &str, doc: &NotesDoc) -> Result<[u8; 32], String> {
    // The current reader straight from the text: the header is what `to_json` just
    // wrote, and error positions are not needed.
    match serde_json::from_str::<FileIn>(text) {
        Ok(FileIn(back)) if same_content(doc, &back) => Ok(Sha256::digest(text).into()),
        Ok(_) => Err("the notes read back differ".to_owned()),
        Err(e) => Err(e.to_string()),
    }
}

/// Writes `text` over `path` atomically, with the backup and the `expected` check of
/// [`save_checked`]. `confirm` runs once the new text is safely in its temporary file;
/// an error from it stops the save before anything is replaced, and its `Ok` is the
/// text's SHA-256.
pub(super) fn replace_file(
    path: &Path,
    text: &str,
    expected: Option<&FileStamp>,
    confirm: impl FnOnce() -> Result<[u8; 32], NotesError>,
) -> Result<FileStamp, NotesError> {
    let fail = |source: WriteError| NotesError::Save {
        path: path.to_owned(),
        source,
    };
    let replacement = Replacement::prepare(path).map_err(fail)?;
    let target = replacement.target();

    // The file about to be replaced, read once: checked against `expected` and kept as the
    // backup.
    let old = match replacement.permissions() {
        None => None,
        Some(_) => match readfile::read(target, MAX_NOTES_BYTES) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) if expected.is_some() => return Err(fail(replacement.error(Step::ReadOld, e))),
            Err(e) => {
                log::warn!(
                    "{}: cannot read the old notes to back them up: {}",
                    target.display(),
                    describe_read(&e)
                );
                None
            }
        },
    };
    if let (Some(expected), Some(old)) = (expected, &old)
        && !expected.matches(old)
    {
        return Err(NotesError::Changed {
            path: path.to_owned(),
        });
    }

    // From here on, returning early drops `staged`, which deletes the temporary file.
    let staged = replacement.stage(text.as_bytes()).map_err(fail)?;
    let sha256 = confirm()?;

    // The new notes are safely on disk; keep the old ones before they are replaced. Bytes
    // that match `expected` are notes this app loaded or wrote: no need to check them.
    let keep = |old: &Vec<u8>| {
        old.as_slice() != text.as_bytes() && (expected.is_some() || is_notes_file(old))
    };
    if let Some(old) = old.filter(keep)
        && let Err(e) = write_backup(&replacement, &old)
    {
        log::warn!(
            "{}: could not keep the previous notes as {}: {}",
            target.display(),
            backup_path(target).display(),
            one_line(&e.to_string())
        );
    }

    let file = staged.commit().map_err(fail)?;
    // Same file as the one written, whatever happened at `target` since the rename.
    let mtime = file.metadata().and_then(|m| m.modified()).ok();
    Ok(FileStamp {
        len: text.len() as u64,
        mtime,
        sha256,
    })
}

/// Makes `NAME.bak` hold `old`, the bytes at the target now, atomically (a temporary file,
/// then a rename). When the target is still those bytes and has no other name, the
/// temporary file is a second name (hard link) for it: the bytes are on disk already, so
/// nothing is written or flushed. Otherwise `old` is written and flushed.
fn write_backup(replacement: &Replacement, old: &[u8]) -> io::Result<()> {
    let target = replacement.target();
    let dir = replacement.dir();
    let bak_prefix = atomic::temp_prefix(backup_path(target).file_name().unwrap_or_default());
    if only_name_of(target, old.len())
        && let Ok(link) = tempfile::Builder::new()
            .prefix(&bak_prefix)
            .suffix(".tmp")
            .make_in(dir, |name| fs::hard_link(target, name))
    {
        link.persist(backup_path(target)).map_err(|e| e.error)?;
        return Ok(());
    }
    let permissions = replacement.permissions();
    let mut tmp = atomic::temp_file(dir, &bak_prefix, permissions)?;
    atomic::write_synced(&mut tmp, old, permissions)?;
    tmp.persist(backup_path(target)).map_err(|e| e.error)?;
    Ok(())
}

/// Whether `path` is a file of `len` bytes with no other hard link: a link to it then
/// stays the bytes just read (the rename that follows gives `path` a new file), and no
/// other name's later edits reach it.
fn only_name_of(path: &Path, len: usize) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        fs::symlink_metadata(path).is_ok_and(|m| m.nlink() == 1 && m.len() == len as u64)
    }
    #[cfg(not(unix))]
    {
        let _ = (path, len);
        false
    }
}
