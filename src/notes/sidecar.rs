//! Files kept beside a notes file: leftovers of interrupted saves, and copies of files
//! that could not be read.

use crate::atomic::{self, resolve_target};
use crate::readfile::{self, MAX_NOTES_BYTES};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use crate::atomic::STALE_TEMP_AGE;

/// Removes the temporary files that interrupted writes left in the folder of this notes
/// file (of its target when `notes_path` is a symlink): a crash, a power cut, a kill
/// between writing and renaming. Returns how many it removed. Call it when a notes file is
/// opened, after taking its [`lock`](super::lock).
///
/// Only files the app itself names are touched (`.NAME.talkdeck-XXXXXX.tmp`, see
/// [`crate::atomic::sweep_temp_files`]), last modified at least [`STALE_TEMP_AGE`] ago, so
/// that a save running right now in another window keeps its file.
pub fn sweep_temp_files(notes_path: &Path) -> usize {
    sweep_temp_files_older_than(notes_path, STALE_TEMP_AGE)
}

/// [`sweep_temp_files`] with another minimum age (`Duration::ZERO`: all of them).
pub fn sweep_temp_files_older_than(notes_path: &Path, min_age: Duration) -> usize {
    let target = resolve_target(notes_path).unwrap_or_else(|_| notes_path.to_path_buf());
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    atomic::sweep_temp_files(dir, min_age)
}

/// Copies a notes file that cannot be read (broken JSON, …) to
/// `NAME.corrupt-YYYYMMDDTHHMMSSZ` beside it (UTC; `-2`, `-3`, … added if that exists),
/// so the user, or someone helping them, can rescue what is in it. The original is never
/// modified. The copy is flushed to disk; its path is returned.
pub fn keep_corrupt_copy(path: &Path) -> io::Result<PathBuf> {
    let target = resolve_target(path)?;
    let bytes = readfile::read(&target, MAX_NOTES_BYTES)?;
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
    use std::time::SystemTime;

    fn age(path: &Path, by: Duration) {
        let f = fs::File::options().write(true).open(path).unwrap();
        f.set_modified(SystemTime::now() - by).unwrap();
    }

    #[test]
    fn temp_names() {
        let yes = |n: &str| atomic::is_temp_name(std::ffi::OsStr::new(n));
        assert!(yes(".n.json.talkdeck-aB3xYz.tmp"));
        assert!(yes(".n.json.bak.talkdeck-aB3xYz.tmp"));
        assert!(yes(".讲稿.md.talkdeck-aB3xYz.tmp"));
        assert!(!yes(".n.json.aB3xYz.tmp"), "no mark: another program's");
        assert!(!yes(".n.json.talkdeck-aB3xY.tmp"), "5 random");
        assert!(!yes(".n.json.talkdeck-aB3xYzz.tmp"), "7 random");
        assert!(!yes(".n.json.talkdeck-aB-xYz.tmp"));
        assert!(!yes(".n.json.talkdeck-aB3xYz.tmp~"));
        assert!(!yes("n.json.talkdeck-aB3xYz.tmp"), "not hidden");
        assert!(!yes("..talkdeck-aB3xYz.tmp"), "no file name");
        assert!(!yes("n.json"));
    }

    #[test]
    fn sweep_removes_only_old_temp_files_the_app_names() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let p = d.join("n.json");
        save(&p, &NotesDoc::new("t", "f")).unwrap();
        let names = [
            ".n.json.talkdeck-AAAAAA.tmp",     // old: swept
            ".n.json.bak.talkdeck-BBBBBB.tmp", // old backup temp: swept
            ".recap.md.talkdeck-GGGGGG.tmp",   // old export temp in the folder: swept
            ".n.json.talkdeck-CCCCCC.tmp",     // young: kept
            ".m.json.DDDDDD.tmp",              // another program's: kept
            "n.json.talkdeck-EEEEEE.tmp",      // not hidden: kept
            "n.json.bak",                      // kept
        ];
        for name in names {
            fs::write(d.join(name), "x").unwrap();
        }
        for name in [names[0], names[1], names[2], names[4], names[5], names[6]] {
            age(&d.join(name), Duration::from_secs(3600));
        }
        // A folder with a temp file's name is not touched.
        fs::create_dir(d.join(".n.json.talkdeck-FFFFFF.tmp")).unwrap();
        assert_eq!(sweep_temp_files(&p), 3);
        assert_eq!(
            listing(d),
            [
                ".m.json.DDDDDD.tmp",
                ".n.json.talkdeck-CCCCCC.tmp",
                ".n.json.talkdeck-FFFFFF.tmp",
                "n.json",
                "n.json.bak",
                "n.json.talkdeck-EEEEEE.tmp",
            ]
        );
        assert_eq!(sweep_temp_files_older_than(&p, Duration::ZERO), 1);
        assert!(!d.join(".n.json.talkdeck-CCCCCC.tmp").exists());
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
