//! Replacing a file so that it is always either the old bytes or the new ones: the new
//! bytes go to a temporary file in the same folder, are flushed to disk, and the temporary
//! file is renamed over the old one. The one writer for every file the app writes (notes,
//! recaps, exports), so each follows symlinks, keeps file modes and says what went wrong
//! the same way.

use crate::readfile::{NotAFile, Refused, not_a_file};
use crate::t;
use std::ffi::OsStr;
use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

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
    if let Some(refused) = crate::readfile::refused(e) {
        return refused.to_string();
    }
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

/// What names a temporary file as the app's own: `.NAME` + this + 6 random letters and
/// digits + [`TEMP_SUFFIX`]. No other program names files so, which lets
/// [`sweep_temp_files`] remove what an interrupted write left without touching anyone
/// else's files.
const TEMP_MARK: &str = ".talkdeck-";
const TEMP_SUFFIX: &str = ".tmp";

/// How old a temporary file must be before [`sweep_temp_files`] removes it. A write takes
/// milliseconds; a minute leaves ample room for one in progress in another window.
pub const STALE_TEMP_AGE: Duration = Duration::from_secs(60);

/// The prefix of the temporary files written for the file named `file_name`:
/// `.NAME.talkdeck-` (then 6 random letters and digits and `.tmp`).
pub fn temp_prefix(file_name: &OsStr) -> String {
    format!(".{}{TEMP_MARK}", file_name.to_string_lossy())
}

/// Whether `name` is that of a temporary file the app writes (see [`temp_prefix`]).
pub fn is_temp_name(name: &OsStr) -> bool {
    let Some(name) = name.to_str() else {
        return false;
    };
    let Some((head, random)) = name
        .strip_suffix(TEMP_SUFFIX)
        .and_then(|stem| stem.rsplit_once(TEMP_MARK))
    else {
        return false;
    };
    head.len() > 1
        && head.starts_with('.')
        && random.len() == 6
        && random.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Removes from `dir` the app's temporary files (see [`is_temp_name`]) that interrupted
/// writes left behind (a crash, a power cut, kill -9 between writing and renaming), last
/// modified at least `min_age` ago so that a write running now in another window keeps
/// its file, and returns how many it removed. Only regular files are removed. Errors (an
/// unreadable folder, a file that cannot be removed) are skipped: this is housekeeping.
pub fn sweep_temp_files(dir: &Path, min_age: Duration) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let now = SystemTime::now();
    let mut removed = 0;
    for entry in entries.flatten() {
        if !is_temp_name(&entry.file_name()) {
            continue;
        }
        // Not followed: a symlink with the name is no file the app wrote.
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
            // Never written over, nor read to be backed up: a FIFO would block, a device
            // give bytes forever or take the write (`/dev/full`, `/dev/null`).
            Ok(m) if !m.is_file() => {
                let what = not_a_file(&m.file_type()).unwrap_or(NotAFile::Other);
                return Err(fail(Step::Inspect, Refused::NotAFile(what).into()));
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

/// Replaces the file at `path` with `bytes`, atomically, then removes the temporary files
/// that earlier writes into its folder left when they were interrupted (an export killed
/// halfway, say; see [`sweep_temp_files`]).
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let replacement = Replacement::prepare(path)?;
    replacement.stage(bytes)?.commit()?;
    sweep_temp_files(replacement.dir(), STALE_TEMP_AGE);
    Ok(())
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
    fn temporaries_have_a_name_only_talkdeck_gives() {
        let dir = tempfile::tempdir().unwrap();
        let replacement = Replacement::prepare(&dir.path().join("讲稿.md")).unwrap();
        let staged = replacement.stage(b"x").unwrap();
        let name = staged.tmp.path().file_name().unwrap().to_owned();
        assert!(is_temp_name(&name), "{name:?}");
        assert!(name.to_string_lossy().starts_with(".讲稿.md.talkdeck-"));
        drop(staged);
        assert_eq!(names(dir.path()), Vec::<String>::new());
    }

    /// Before, an export killed between writing and renaming left `.NAME.XXXXXX.tmp`
    /// (up to 8 MB) for ever.
    #[test]
    fn a_write_removes_what_interrupted_writes_left_in_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let stale = [
            ".recap.md.talkdeck-AAAAAA.tmp",
            ".deck.apkg.talkdeck-BBBBBB.tmp",
        ];
        let kept = [
            ".recap.md.talkdeck-CCCCCC.tmp", // young: another window writing now
            ".recap.md.DDDDDD.tmp",          // another program's
        ];
        for name in stale.iter().chain(&kept) {
            fs::write(d.join(name), "x").unwrap();
        }
        let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
        for name in stale.iter().chain(&kept[1..]) {
            let f = fs::File::options().write(true).open(d.join(name)).unwrap();
            f.set_modified(an_hour_ago).unwrap();
        }
        write(&d.join("recap.md"), b"new").unwrap();
        let mut expected = vec![kept[0], kept[1], "recap.md"];
        expected.sort();
        assert_eq!(names(d), expected);
        assert_eq!(sweep_temp_files(d, Duration::ZERO), 1);
        assert_eq!(names(d), [kept[1], "recap.md"]);
    }

    /// A path that is a symlink to a device is never written (as root, the rename used to
    /// put a file in place of `/dev/null`), nor read.
    #[cfg(unix)]
    #[test]
    fn never_replaces_a_device() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("out.md");
        std::os::unix::fs::symlink("/dev/null", &link).unwrap();
        let dev_before = names(Path::new("/dev"));
        let err = write(&link, b"x").unwrap_err();
        assert_eq!(err.step, Step::Inspect);
        assert_eq!(err.to_string(), "it is a device, not a file");
        assert_eq!(names(Path::new("/dev")), dev_before);
        use std::os::unix::fs::FileTypeExt;
        assert!(
            fs::metadata("/dev/null")
                .unwrap()
                .file_type()
                .is_char_device()
        );
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
