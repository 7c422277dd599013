//! Files kept beside a notes file: leftovers of interrupted saves, and copies of files
//! that could not be read.

use crate::atomic::{resolve_target, temp_prefix};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// How old a temporary file must be before [`sweep_temp_files`] removes it. A save takes
/// milliseconds; a minute leaves ample room for one in progress in another process.
pub const STALE_TEMP_AGE: Duration = Duration::from_secs(60);

/// Removes the temporary files that interrupted saves of this notes file left behind
/// (a crash, a power cut, a kill between writing and renaming), and returns how many it
/// removed. Call it when a notes file is opened, after taking its [`lock`](super::lock).
///
/// Only this file's own temporaries are touched: regular files named exactly as
/// [`save`](super::save) names them, `.NAME.XXXXXX.tmp` and `.NAME.bak.XXXXXX.tmp` (6
/// random letters or digits), in the folder of the notes file (of its target when
/// `notes_path` is a symlink), last modified at least [`STALE_TEMP_AGE`] ago, so that a
/// save running right now in another process keeps its file. Errors (an unreadable
/// folder, a file that cannot be removed) are skipped: this is housekeeping.
pub fn sweep_temp_files(notes_path: &Path) -> usize {
    sweep_temp_files_older_than(notes_path, STALE_TEMP_AGE)
}

/// [`sweep_temp_files`] with another minimum age (`Duration::ZERO`: all of them).
pub fn sweep_temp_files_older_than(notes_path: &Path, min_age: Duration) -> usize {
    let target = resolve_target(notes_path).unwrap_or_else(|_| notes_path.to_path_buf());
    let Some(file_name) = target.file_name() else {
        return 0;
    };
    let prefix = temp_prefix(file_name);
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let now = SystemTime::now();
    let mut removed = 0;
    for entry in entries.flatten() {
        if !is_temp_name(&entry.file_name().to_string_lossy(), &prefix) {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        let old_enough = meta
            .modified()
            .ok()
            .and_then(|mtime| now.duration_since(mtime).ok())
            .is_some_and(|age| age >= min_age);
        if meta.is_file() && old_enough && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// `.NAME.` + 6 letters or digits + `.tmp`, or `.NAME.bak.` + 6 + `.tmp`.
fn is_temp_name(candidate: &str, prefix: &str) -> bool {
    let Some(rest) = candidate.strip_prefix(prefix) else {
        return false;
    };
    let rest = rest.strip_prefix("bak.").unwrap_or(rest);
    rest.strip_suffix(".tmp").is_some_and(|random| {
        random.len() == 6 && random.bytes().all(|b| b.is_ascii_alphanumeric())
    })
}

/// Copies a notes file that cannot be read (broken JSON, …) to
/// `NAME.corrupt-YYYYMMDDTHHMMSSZ` beside it (UTC; `-2`, `-3`, … added if that exists),
/// so the user, or someone helping them, can rescue what is in it. The original is never
/// modified. The copy is flushed to disk; its path is returned.
pub fn keep_corrupt_copy(path: &Path) -> io::Result<PathBuf> {
    let target = resolve_target(path)?;
    let bytes = fs::read(&target)?;
    let permissions = fs::metadata(&target)?.permissions();
    let stamp = time::OffsetDateTime::now_utc()
        .format(time::macros::format_description!(
            "[year][month][day]T[hour][minute][second]Z"
        ))
        .map_err(io::Error::other)?;
    let mut base = target
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?
        .to_os_string();
    base.push(format!(".corrupt-{stamp}"));
    for n in 1..1000 {
        let mut name = base.clone();
        if n > 1 {
            name.push(format!("-{n}"));
        }
        let copy = target.with_file_name(name);
        let mut file = match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&copy)
        {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        };
        let written = file
            .write_all(&bytes)
            .and_then(|()| file.sync_all())
            .and_then(|()| file.set_permissions(permissions.clone()));
        if let Err(e) = written {
            drop(file);
            let _ = fs::remove_file(&copy);
            return Err(e);
        }
        if let Some(dir) = copy.parent()
            && let Ok(d) = fs::File::open(if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            })
        {
            let _ = d.sync_all();
        }
        return Ok(copy);
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "too many corrupt copies already",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::file::tests::listing;
    use crate::notes::{NotesDoc, load, save};

    fn age(path: &Path, by: Duration) {
        let f = fs::File::options().write(true).open(path).unwrap();
        f.set_modified(SystemTime::now() - by).unwrap();
    }

    #[test]
    fn temp_names() {
        let p = ".n.json.";
        assert!(is_temp_name(".n.json.aB3xYz.tmp", p));
        assert!(is_temp_name(".n.json.bak.aB3xYz.tmp", p));
        assert!(!is_temp_name(".n.json.aB3xY.tmp", p), "5 random");
        assert!(!is_temp_name(".n.json.aB3xYzz.tmp", p), "7 random");
        assert!(!is_temp_name(".n.json.aB-xYz.tmp", p));
        assert!(!is_temp_name(".n.json.aB3xYz.tmp~", p));
        assert!(!is_temp_name("n.json.aB3xYz.tmp", p));
        assert!(!is_temp_name(".m.json.aB3xYz.tmp", p));
        assert!(!is_temp_name(".n.json.x.aB3xYz.tmp", p));
        assert!(!is_temp_name("n.json", p));
    }

    #[test]
    fn sweep_removes_only_old_temp_files_of_this_notes_file() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let p = d.join("n.json");
        save(&p, &NotesDoc::new("t", "f")).unwrap();
        let names = [
            ".n.json.AAAAAA.tmp",     // old: swept
            ".n.json.bak.BBBBBB.tmp", // old backup temp: swept
            ".n.json.CCCCCC.tmp",     // young: kept
            ".m.json.DDDDDD.tmp",     // another file's: kept
            "n.json.EEEEEE.tmp",      // not hidden: kept
            "n.json.bak",             // kept
        ];
        for name in names {
            fs::write(d.join(name), "x").unwrap();
        }
        for name in [names[0], names[1], names[3], names[4], names[5]] {
            age(&d.join(name), Duration::from_secs(3600));
        }
        // A folder with a temp file's name is not touched.
        fs::create_dir(d.join(".n.json.FFFFFF.tmp")).unwrap();
        assert_eq!(sweep_temp_files(&p), 2);
        assert_eq!(
            listing(d),
            [
                ".m.json.DDDDDD.tmp",
                ".n.json.CCCCCC.tmp",
                ".n.json.FFFFFF.tmp",
                "n.json",
                "n.json.EEEEEE.tmp",
                "n.json.bak",
            ]
        );
        assert_eq!(sweep_temp_files_older_than(&p, Duration::ZERO), 1);
        assert!(!d.join(".n.json.CCCCCC.tmp").exists());
        assert_eq!(sweep_temp_files(&p), 0);
        assert!(load(&p).is_ok());
        // A missing folder sweeps nothing.
        assert_eq!(sweep_temp_files(&d.join("gone").join("n.json")), 0);
    }

    #[test]
    fn corrupt_copy_beside_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("n.json");
        fs::write(&p, "{ broken").unwrap();
        let first = keep_corrupt_copy(&p).unwrap();
        let second = keep_corrupt_copy(&p).unwrap();
        assert_ne!(first, second);
        for copy in [&first, &second] {
            assert_eq!(copy.parent(), Some(dir.path()));
            assert_eq!(fs::read_to_string(copy).unwrap(), "{ broken");
            let name = copy.file_name().unwrap().to_string_lossy().into_owned();
            assert!(name.starts_with("n.json.corrupt-2"), "{name}");
        }
        let name = first.file_name().unwrap().to_string_lossy().into_owned();
        let stamp = name.strip_prefix("n.json.corrupt-").unwrap();
        assert_eq!(stamp.len(), "20260101T000000Z".len(), "{stamp}");
        assert!(
            stamp.ends_with('Z') && stamp.as_bytes()[8] == b'T',
            "{stamp}"
        );
        assert_eq!(fs::read_to_string(&p).unwrap(), "{ broken", "original kept");
        assert_eq!(listing(dir.path()).len(), 3);
        // Errors are plain I/O errors.
        let err = keep_corrupt_copy(&dir.path().join("missing.json")).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    }
}
