//! Keeping two talkdeck windows from writing the same notes file.
//!
//! The lock is an exclusive advisory lock ([`std::fs::File::try_lock`]) on a sidecar file
//! `NAME.lock` beside the notes file, not on the notes file itself: saving replaces the
//! notes file by a rename, which would leave a lock on it behind on the old, unlinked
//! file. Locks are per open file, so a second [`lock`] in the same process is refused
//! too. The operating system releases the lock when the process ends, also on a crash, so
//! a `.lock` file left behind never blocks anyone.
//!
//! On Unix the `.lock` file is removed when the lock is dropped. A taker checks, once it
//! holds the lock, that the path still names the file it locked (and starts over if the
//! holder removed it in between), so removing it is safe. Elsewhere it is left in place.

use super::NotesError;
use super::file::sidecar;
use std::fs::{self, File, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

/// An exclusive lock on a notes file, held until dropped.
#[derive(Debug)]
pub struct NotesLock {
    file: File,
    lock_path: PathBuf,
    notes_path: PathBuf,
}

impl NotesLock {
    /// The notes file this lock is for (as given to [`lock`]).
    pub fn notes_path(&self) -> &Path {
        &self.notes_path
    }

    /// The sidecar file that carries the lock.
    pub fn lock_path(&self) -> &Path {
        &self.lock_path
    }
}

impl Drop for NotesLock {
    fn drop(&mut self) {
        // Remove the file while still holding the lock; `file` unlocks when it drops.
        #[cfg(unix)]
        if same_file(&self.file, &self.lock_path) {
            let _ = fs::remove_file(&self.lock_path);
        }
    }
}

/// `NAME.lock` beside the notes file (beside the target when `notes_path` is a symlink).
pub fn lock_path(notes_path: &Path) -> PathBuf {
    sidecar(notes_path, ".lock")
}

/// Takes the lock on a notes file, which need not exist yet. Fails with
/// [`NotesError::Locked`] when another window or process holds it, and with
/// [`NotesError::LockFailed`] when the lock file cannot be made (read-only folder, …).
pub fn lock(notes_path: &Path) -> Result<NotesLock, NotesError> {
    let lock_path = lock_path(notes_path);
    let failed = |source: io::Error| NotesError::LockFailed {
        path: notes_path.to_owned(),
        lock_file: lock_path.clone(),
        source,
    };
    // Normally once; again only when the holder removed the file as we locked it.
    for _ in 0..20 {
        let file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
            .map_err(failed)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(NotesError::Locked {
                    path: notes_path.to_owned(),
                });
            }
            Err(TryLockError::Error(e)) => return Err(failed(e)),
        }
        if same_file(&file, &lock_path) {
            return Ok(NotesLock {
                file,
                lock_path,
                notes_path: notes_path.to_owned(),
            });
        }
    }
    Err(failed(io::Error::other(
        "the lock file keeps being removed and made again",
    )))
}

/// True when `path` still names the open `file`.
#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, _path: &Path) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("n.json");
        let first = lock(&p).unwrap();
        assert_eq!(first.lock_path(), dir.path().join("n.json.lock"));
        assert_eq!(first.notes_path(), p);
        let err = lock(&p).unwrap_err();
        assert!(err.is_locked(), "{err:?}");
        assert!(!err.is_corrupt());
        assert_eq!(err.path(), p);
        let msg = err.to_string();
        assert!(
            msg.contains("n.json") && msg.contains("another talkdeck window"),
            "{msg}"
        );
        assert!(msg.contains("read-only"), "{msg}");
        // Another lock file is another lock.
        let other = lock(&dir.path().join("m.json")).unwrap();
        drop(first);
        #[cfg(unix)]
        assert!(!dir.path().join("n.json.lock").exists(), "removed on drop");
        let again = lock(&p).unwrap();
        drop((again, other));
        assert!(!p.exists(), "the notes file is not touched");
    }

    #[test]
    fn a_left_over_lock_file_does_not_block() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("n.json");
        fs::write(dir.path().join("n.json.lock"), "stale").unwrap();
        let held = lock(&p).unwrap();
        assert!(lock(&p).unwrap_err().is_locked());
        drop(held);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_notes_file_shares_the_lock_of_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        fs::write(&real, "{}").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("real.json", &link).unwrap();
        let held = lock(&real).unwrap();
        assert!(lock(&link).unwrap_err().is_locked());
        assert_eq!(lock_path(&link), dir.path().join("real.json.lock"));
        drop(held);
    }

    #[test]
    fn a_missing_folder_is_a_lock_failure_not_locked() {
        let dir = tempfile::tempdir().unwrap();
        let err = lock(&dir.path().join("gone").join("n.json")).unwrap_err();
        assert!(matches!(err, NotesError::LockFailed { .. }), "{err:?}");
        assert!(!err.is_locked());
        assert!(err.to_string().contains("does not exist"), "{err}");
    }

    #[test]
    fn many_threads_race_for_one_lock() {
        // Takers and droppers racing: at no moment do two hold it.
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("n.json");
        let holders = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for _ in 0..200 {
                        if let Ok(held) = lock(&p) {
                            let n = holders.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                            assert_eq!(n, 0, "two holders at once");
                            std::thread::yield_now();
                            holders.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
                            drop(held);
                        }
                    }
                });
            }
        });
    }
}
