//! The one way the app reads a whole file it was given (a talk, a deck's imported file,
//! a notes file and the files kept beside it, an annotation export): never blocking, never
//! without bound.
//!
//! A path can name something that is not a file: a named pipe (`mkfifo`) blocks a plain
//! `open` until someone writes to it, and a device (`/dev/zero`, a notes path turned into a
//! symlink to it) gives bytes forever. So the file is opened with `O_NONBLOCK | O_NOCTTY`
//! (a FIFO opens at once, a terminal never becomes ours), the *opened handle* is checked
//! (`fstat`, not the path, so nothing can be swapped in between) and anything but a regular
//! file is refused at once, saying what it is. The size is checked before reading, and at
//! most the bound plus one byte is read, so a file that grows meanwhile is refused too.
//!
//! Errors are [`io::Error`]s, so every caller keeps its own wording of "cannot read X"; a
//! refusal carries a [`Refused`] (see [`refused`]) whose text is the reason, without the
//! file's name, in the language of the thread that formats it.

use crate::t;
use std::fs;
use std::io::{self, Read};
use std::path::Path;
use std::time::SystemTime;

const MB: u64 = 1024 * 1024;

/// A talk (transcript, subtitles, article, Markdown deck).
pub const MAX_TALK_BYTES: u64 = 50 * MB;
/// A deck that is not text (a PDF, a PowerPoint file; its pictures and fonts make it
/// larger than a talk). A PowerPoint file's unpacked parts are bound apart.
pub const MAX_DECK_BYTES: u64 = 200 * MB;
/// A file a Slidev deck imports (`src:`): a part of a deck, bound like a deck.
pub const MAX_DECK_IMPORT_BYTES: u64 = MAX_TALK_BYTES;
/// A notes file, and the files that hold notes beside it or for it: its `.bak`, the
/// recovery file, a copy of a broken notes file.
pub const MAX_NOTES_BYTES: u64 = 100 * MB;
/// An annotation export to import or merge (W3C, Hypothesis, Readwise, …).
pub const MAX_ANNOTATION_BYTES: u64 = 100 * MB;

/// A slide picture's file, before decoding (egui_extras reads it; the guard in
/// `ui::picture_guard` checks the path first with [`check_path`]).
pub const MAX_PICTURE_BYTES: u64 = 64 * MB;

/// What a path names when it is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotAFile {
    Folder,
    /// A named pipe (FIFO).
    Pipe,
    /// A character or block device (`/dev/zero`, a disk, a terminal).
    Device,
    Socket,
    /// Anything else that is not a regular file.
    Other,
}

/// Why a file was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    /// The path names something other than a regular file.
    NotAFile(NotAFile),
    /// The file holds `size` bytes (at least), more than the `max` a file of its kind may.
    TooLarge { size: u64, max: u64 },
}

/// The reason, without the file's name (the caller says which file).
impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Self::NotAFile(NotAFile::Folder) => t!("reason-is-folder"),
            Self::NotAFile(NotAFile::Pipe) => t!("reason-is-pipe"),
            Self::NotAFile(NotAFile::Device) => t!("reason-is-device"),
            Self::NotAFile(NotAFile::Socket) => t!("reason-is-socket"),
            Self::NotAFile(NotAFile::Other) => t!("reason-not-regular"),
            Self::TooLarge { size, max } => {
                t!("reason-too-large", size = *size, limit = *max / MB)
            }
        };
        f.write_str(&text)
    }
}

impl From<Refused> for io::Error {
    fn from(refused: Refused) -> Self {
        let kind = match refused {
            Refused::NotAFile(NotAFile::Folder) => io::ErrorKind::IsADirectory,
            Refused::NotAFile(_) => io::ErrorKind::InvalidInput,
            Refused::TooLarge { .. } => io::ErrorKind::FileTooLarge,
        };
        io::Error::new(kind, refused)
    }
}

/// The [`Refused`] inside an error of [`read`], if the file was refused rather than failed.
pub fn refused(e: &io::Error) -> Option<Refused> {
    e.get_ref()?.downcast_ref::<Refused>().copied()
}

/// What `file_type` is when it is not a regular file.
pub fn not_a_file(file_type: &fs::FileType) -> Option<NotAFile> {
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some(NotAFile::Folder);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some(NotAFile::Pipe);
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return Some(NotAFile::Device);
        }
        if file_type.is_socket() {
            return Some(NotAFile::Socket);
        }
    }
    Some(NotAFile::Other)
}

/// Whether the path (a symlink followed) names a regular file of at most `max` bytes, for
/// a file another library reads (slide pictures). `Ok` when the path cannot be looked at
/// (the reader then says why). Never blocks: `stat` does not open the file.
pub fn check_path(path: &Path, max: u64) -> Result<(), Refused> {
    let Ok(meta) = fs::metadata(path) else {
        return Ok(());
    };
    if let Some(what) = not_a_file(&meta.file_type()) {
        return Err(Refused::NotAFile(what));
    }
    if meta.len() > max {
        return Err(Refused::TooLarge {
            size: meta.len(),
            max,
        });
    }
    Ok(())
}

/// The whole of the regular file at `path` (a symlink followed), if it holds at most `max`
/// bytes. Returns at once, whatever the path names.
pub fn read(path: &Path, max: u64) -> io::Result<Vec<u8>> {
    read_stamped(path, max).map(|(bytes, _)| bytes)
}

/// [`read`], with the modification time of the file that was read (from the same handle).
pub fn read_stamped(path: &Path, max: u64) -> io::Result<(Vec<u8>, Option<SystemTime>)> {
    let file = open(path)?;
    let meta = file.metadata()?;
    if let Some(what) = not_a_file(&meta.file_type()) {
        return Err(Refused::NotAFile(what).into());
    }
    if meta.len() > max {
        return Err(Refused::TooLarge {
            size: meta.len(),
            max,
        }
        .into());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max + 1).read_to_end(&mut bytes)?;
    let size = bytes.len() as u64;
    if size > max {
        return Err(Refused::TooLarge { size, max }.into());
    }
    Ok((bytes, meta.modified().ok()))
}

/// Opens `path` for reading without waiting for a writer (a FIFO) and without making a
/// terminal the process's own.
fn open(path: &Path) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    options.open(path).map_err(|e| {
        // A socket cannot be opened at all (ENXIO), and some systems refuse to open a
        // folder with "permission denied": say what the path is instead.
        match fs::metadata(path)
            .ok()
            .and_then(|m| not_a_file(&m.file_type()))
        {
            Some(what) => Refused::NotAFile(what).into(),
            None => e,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;
    use std::process::Command;

    fn fifo(dir: &Path) -> PathBuf {
        let path = dir.join("t.txt");
        let made = Command::new("mkfifo").arg(&path).status().unwrap();
        assert!(made.success());
        path
    }

    #[test]
    fn reads_a_regular_file_and_its_time() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "二三").unwrap();
        let (bytes, mtime) = read_stamped(&path, 6).unwrap();
        assert_eq!(bytes, "二三".as_bytes());
        assert_eq!(mtime, fs::metadata(&path).unwrap().modified().ok());
    }

    #[test]
    fn a_file_over_the_bound_is_refused_with_its_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "1234567").unwrap();
        let e = read(&path, 6).unwrap_err();
        assert_eq!(refused(&e), Some(Refused::TooLarge { size: 7, max: 6 }));
        assert_eq!(e.kind(), io::ErrorKind::FileTooLarge);
    }

    #[test]
    fn a_missing_file_is_an_ordinary_error() {
        let dir = tempfile::tempdir().unwrap();
        let e = read(&dir.path().join("gone"), 10).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::NotFound);
        assert_eq!(refused(&e), None);
    }

    #[test]
    fn a_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let e = read(dir.path(), 10).unwrap_err();
        assert_eq!(refused(&e), Some(Refused::NotAFile(NotAFile::Folder)));
        assert_eq!(e.kind(), io::ErrorKind::IsADirectory);
    }

    /// Without `O_NONBLOCK` this test never ends: `open` waits for a writer.
    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = fifo(dir.path());
        let e = read(&path, MAX_TALK_BYTES).unwrap_err();
        assert_eq!(refused(&e), Some(Refused::NotAFile(NotAFile::Pipe)));
        assert_eq!(e.to_string(), "it is a named pipe (FIFO), not a file");
    }

    /// Without the check, `/dev/zero` is read until the bound (or, unbounded, until the
    /// memory runs out).
    #[cfg(unix)]
    #[test]
    fn a_device_behind_a_symlink_is_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("notes.json");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        let e = read(&link, u64::MAX - 1).unwrap_err();
        assert_eq!(refused(&e), Some(Refused::NotAFile(NotAFile::Device)));
        crate::i18n::set_language(crate::i18n::Lang::Zh);
        let text = e.to_string();
        crate::i18n::set_language(crate::i18n::Lang::En);
        assert_eq!(text, "是设备文件，不是普通文件");
    }

    #[cfg(unix)]
    #[test]
    fn a_socket_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s");
        let _listener = std::os::unix::net::UnixListener::bind(&path).unwrap();
        let e = read(&path, 10).unwrap_err();
        assert_eq!(refused(&e), Some(Refused::NotAFile(NotAFile::Socket)));
    }
}
