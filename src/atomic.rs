//! Replacing a file so that it is always either the old bytes or the new ones: the new
//! bytes go to a temporary file in the same folder, are flushed to disk, and the temporary
//! file is renamed over the old one. The one writer for every file the app writes (notes,
//! recaps, exports), so each follows symlinks, keeps file modes and says what went wrong
//! the same way.

use crate::t;
use std::ffi::OsStr;
use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What a write was doing when it failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Following a symbolic link at the path.
    FollowLink,
    /// Looking at the file or its folder (missing folder, no permission, …).
    Inspect,
    /// The file to replace is marked read-only.
    FileReadOnly,
    /// The path's folder is not a folder.
    NotAFolder,
    /// Reading the file about to be replaced, to check it (see the notes' conflict check).
    ReadOld,
    /// Creating the temporary file.
    CreateTemp,
    /// Writing and flushing the temporary file.
    Write,
    /// Renaming the temporary file over the file.
    Replace,
}

/// Why a file could not be written. Nothing at the path was changed.
#[derive(Debug, thiserror::Error)]
pub struct WriteError {
    pub step: Step,
    /// The folder the file is in.
    pub dir: PathBuf,
    #[source]
    pub source: io::Error,
}

impl WriteError {
    fn new(step: Step, dir: &Path, source: io::Error) -> Self {
        Self {
            step,
            dir: dir.to_path_buf(),
            source,
        }
    }

    pub fn kind(&self) -> io::ErrorKind {
        self.source.kind()
    }
}

/// The reason, without the file's name (the caller says which file), in the language of
/// the thread that formats it (see [`crate::i18n`]).
impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let dir = self.dir.display().to_string();
        let text = match self.step {
            Step::FollowLink => t!("reason-follow-link", reason = one_line(&self.source)),
            Step::FileReadOnly => t!("reason-file-read-only"),
            Step::NotAFolder => t!("reason-dir-not-folder", dir = dir),
            Step::ReadOld => t!("reason-read-to-check", reason = reason(&self.source, &dir)),
            // The folder was just seen to exist, so "not found" here means something else.
            Step::CreateTemp if self.kind() == io::ErrorKind::NotFound => {
                t!(
                    "reason-create-in",
                    dir = dir,
                    reason = one_line(&self.source)
                )
            }
            Step::Inspect | Step::CreateTemp => reason(&self.source, &dir),
            Step::Write => t!("reason-writing-failed", reason = reason(&self.source, &dir)),
            Step::Replace => t!("reason-cannot-replace", reason = reason(&self.source, &dir)),
        };
        f.write_str(&text)
    }
}

/// The everyday reasons a write fails, in words; others as the system says them.
fn reason(e: &io::Error, dir: &str) -> String {
    use io::ErrorKind as K;
    match e.kind() {
        K::NotFound => t!("reason-folder-missing", dir = dir),
        K::PermissionDenied => t!("reason-folder-denied", dir = dir),
        K::ReadOnlyFilesystem => t!("reason-read-only-fs", dir = dir),
        K::StorageFull => t!("reason-disk-full"),
        K::QuotaExceeded => t!("reason-quota"),
        K::IsADirectory => t!("reason-is-folder"),
        K::NotADirectory => t!("reason-not-folder"),
        _ => one_line(e),
    }
}

/// The error's text with control characters escaped, so a message stays on one line.
fn one_line(e: &io::Error) -> String {
    e.to_string().escape_default().to_string()
}

/// Follows `path` if it is a symlink (also a dangling one) to the file to replace.
pub fn resolve_target(path: &Path) -> io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                if let Ok(real) = fs::canonicalize(&p) {
                    return Ok(real);
                }
                let link = fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) => dir.join(link),
                    None => link,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// The prefix of the temporary files written for the file named `file_name`:
/// `.NAME.` (then 6 random letters and digits and `.tmp`), so an interrupted write's
/// leftovers can be found and swept.
pub fn temp_prefix(file_name: &OsStr) -> String {
    format!(".{}.", file_name.to_string_lossy())
}

/// A file about to be replaced: the real target (a symlink followed), its folder and the
/// mode the new file keeps. [`Replacement::stage`] writes the new bytes beside it.
#[derive(Debug)]
pub struct Replacement {
    target: PathBuf,
    dir: PathBuf,
    permissions: Option<fs::Permissions>,
}

impl Replacement {
    /// Checks that `path` can be replaced: its folder exists, it is not a folder itself
    /// and it is not marked read-only. Writes nothing.
    pub fn prepare(path: &Path) -> Result<Self, WriteError> {
        let here = path.parent().unwrap_or(Path::new("."));
        let target =
            resolve_target(path).map_err(|e| WriteError::new(Step::FollowLink, here, e))?;
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let fail = |step, e| WriteError::new(step, &dir, e);
        let permissions = match fs::metadata(&target) {
            Ok(m) if m.is_dir() => {
                let e = io::Error::new(io::ErrorKind::IsADirectory, "is a directory");
                return Err(fail(Step::Inspect, e));
            }
            Ok(m) if m.permissions().readonly() => {
                let e = io::Error::new(io::ErrorKind::PermissionDenied, "file is read-only");
                return Err(fail(Step::FileReadOnly, e));
            }
            Ok(m) => Some(m.permissions()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(fail(Step::Inspect, e)),
        };
        match fs::metadata(&dir) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                let e = io::Error::new(io::ErrorKind::NotADirectory, "not a directory");
                return Err(fail(Step::NotAFolder, e));
            }
            Err(e) => return Err(fail(Step::Inspect, e)),
        }
        Ok(Self {
            target,
            dir,
            permissions,
        })
    }

    /// The file that will be replaced (after following a symlink).
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// The folder the file is in, where the temporary files go.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The mode of the file being replaced; `None` when there is no file yet.
    pub fn permissions(&self) -> Option<&fs::Permissions> {
        self.permissions.as_ref()
    }

    /// [`temp_prefix`] for this file.
    pub fn temp_prefix(&self) -> String {
        temp_prefix(self.target.file_name().unwrap_or(OsStr::new("file")))
    }

    /// An error at `step` about this file's folder, for checks the caller makes between
    /// the steps (reading the old file, say).
    pub fn error(&self, step: Step, source: io::Error) -> WriteError {
        WriteError::new(step, &self.dir, source)
    }

    /// Writes `bytes` to a temporary file beside the target and flushes it to disk. Nothing
    /// is replaced until [`Staged::commit`]; dropping the result deletes the temporary file.
    pub fn stage(&self, bytes: &[u8]) -> Result<Staged<'_>, WriteError> {
        let mut tmp = temp_file(&self.dir, &self.temp_prefix(), self.permissions.as_ref())
            .map_err(|e| self.error(Step::CreateTemp, e))?;
        write_synced(&mut tmp, bytes, self.permissions.as_ref())
            .map_err(|e| self.error(Step::Write, e))?;
        Ok(Staged { tmp, to: self })
    }
}

/// New bytes safely in a temporary file beside the file they will replace.
pub struct Staged<'a> {
    tmp: tempfile::NamedTempFile,
    to: &'a Replacement,
}

impl Staged<'_> {
    /// Renames the temporary file over the target and makes the rename durable. Returns the
    /// file that now holds the new bytes.
    pub fn commit(self) -> Result<fs::File, WriteError> {
        let file = self
            .tmp
            .persist(&self.to.target)
            .map_err(|e| self.to.error(Step::Replace, e.error))?;
        // Not possible everywhere (e.g. Windows); ignore.
        if let Ok(d) = fs::File::open(&self.to.dir) {
            let _ = d.sync_all();
        }
        Ok(file)
    }
}

/// A temporary file in `dir` named `PREFIX` + random + `.tmp`, with the mode the file it
/// replaces has (or a plain new file's mode, the umask applied, not tempfile's 0600).
pub fn temp_file(
    dir: &Path,
    prefix: &str,
    permissions: Option<&fs::Permissions>,
) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix).suffix(".tmp");
    #[cfg(unix)]
    if permissions.is_none() {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

/// Writes all of `bytes`, sets the mode to keep (not worth failing over) and flushes the
/// file to disk.
pub fn write_synced(
    tmp: &mut tempfile::NamedTempFile,
    bytes: &[u8],
    permissions: Option<&fs::Permissions>,
) -> io::Result<()> {
    tmp.write_all(bytes)?;
    tmp.flush()?;
    if let Some(perm) = permissions {
        let _ = tmp.as_file().set_permissions(perm.clone());
    }
    tmp.as_file().sync_all()
}

/// Replaces the file at `path` with `bytes`, atomically.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    Replacement::prepare(path)?.stage(bytes)?.commit().map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("recap.md");
        write(&path, b"one").unwrap();
        write(&path, "二".as_bytes()).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "二");
        assert_eq!(names(dir.path()), ["recap.md"]);
    }

    #[cfg(unix)]
    #[test]
    fn follows_symlinks_and_keeps_the_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        fs::write(&real, "old").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink("real.md", &link).unwrap();
        write(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        let mode = fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }

    #[test]
    fn says_why_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let err = write(&dir.path().join("no/such/recap.md"), b"x").unwrap_err();
        assert_eq!(err.step, Step::Inspect);
        assert!(err.to_string().contains("does not exist"), "{err}");
        let err = write(dir.path(), b"x").unwrap_err();
        assert_eq!(err.to_string(), "it is a folder, not a file");
        let ro = dir.path().join("ro.md");
        fs::write(&ro, "keep").unwrap();
        let mut perm = fs::metadata(&ro).unwrap().permissions();
        perm.set_readonly(true);
        fs::set_permissions(&ro, perm).unwrap();
        let err = write(&ro, b"x").unwrap_err();
        assert_eq!(err.step, Step::FileReadOnly);
        assert_eq!(fs::read_to_string(&ro).unwrap(), "keep");
        assert_eq!(names(dir.path()), ["ro.md"]);
    }
}
