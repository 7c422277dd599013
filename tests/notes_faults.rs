//! Fault injection for the notes file: a full disk, a read-only file system, a file
//! swapped for a folder, another program writing the file, another window holding it.
//!
//! The disk faults use real file systems: a tmpfs mounted with `size=64k` fills up, and
//! `mount -o remount,ro` makes it read-only. That needs root (CI runs as root); where
//! `mount` is refused, those tests print "skipped: …" and pass.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;
use talkdeck::notes::{
    self, FileStamp, NotesDoc, NotesError, load, load_stamped, save, save_checked,
};
use time::OffsetDateTime;

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

fn small_doc() -> NotesDoc {
    let mut doc = NotesDoc::new("故障测试", "f00d");
    doc.add("obs-1", "第一条", now());
    doc.add("obs-2", "second", now());
    doc
}

/// Notes far bigger than 64 KiB.
fn big_doc() -> NotesDoc {
    let mut doc = small_doc();
    let text = "很长的笔记 long note ".repeat(40);
    for i in 0..300 {
        doc.add(&format!("obs-{}", i % 7), &text, now());
    }
    doc
}

fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// A tmpfs mounted on a fresh temporary folder; unmounted (and the folder removed) on drop,
/// also when the test fails.
struct Tmpfs {
    path: PathBuf,
    // Dropped after `drop` below has unmounted it.
    _dir: tempfile::TempDir,
}

impl Tmpfs {
    /// Mounts a tmpfs of `size` (`64k`, `1m`), or says why not.
    fn mount(size: &str) -> Result<Self, String> {
        if !cfg!(target_os = "linux") {
            return Err("tmpfs mounts are only tried on Linux".to_owned());
        }
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let path = dir.path().to_path_buf();
        run(Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0755"),
                "tmpfs",
            ])
            .arg(&path))?;
        Ok(Self { path, _dir: dir })
    }

    fn remount_read_only(&self) -> Result<(), String> {
        run(Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.path))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let unmounted = run(Command::new("umount").arg(&self.path));
        if unmounted.is_err() {
            // Busy (a file still open after a failed assertion): detach it instead.
            let _ = run(Command::new("umount").arg("-l").arg(&self.path));
        }
    }
}

fn run(command: &mut Command) -> Result<(), String> {
    let shown = format!("{command:?}");
    match command.output() {
        Ok(out) if out.status.success() => Ok(()),
        Ok(out) => Err(format!(
            "{shown} failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        )),
        Err(e) => Err(format!("{shown} could not run: {e}")),
    }
}

macro_rules! mount_or_skip {
    ($expr:expr) => {
        match $expr {
            Ok(m) => m,
            Err(why) => {
                println!("skipped: {why}");
                return;
            }
        }
    };
}

/// The file still holds exactly `bytes`, and they load as `doc`.
fn intact(path: &Path, bytes: &[u8], doc: &NotesDoc) {
    assert_eq!(fs::read(path).unwrap(), bytes, "the old file is unchanged");
    assert_eq!(&load(path).unwrap(), doc, "the old file still loads");
}

#[test]
fn a_full_disk_fails_the_save_and_keeps_the_old_file() {
    let fs_ = mount_or_skip!(Tmpfs::mount("64k"));
    let p = fs_.path.join("talk.notes.json");
    let doc = small_doc();
    let stamp = save_checked(&p, &doc, None).unwrap();
    let old = fs::read(&p).unwrap();

    let big = big_doc();
    assert!(notes::to_json(&big).len() > 4 * 64 * 1024);
    for result in [
        save(&p, &big),
        save_checked(&p, &big, Some(&stamp)).map(drop),
    ] {
        let err = result.unwrap_err();
        assert_eq!(err.io_kind(), Some(io::ErrorKind::StorageFull), "{err:?}");
        let msg = err.to_string();
        assert!(
            msg.contains("talk.notes.json: cannot save") && msg.contains("the disk is full"),
            "{msg}"
        );
        assert!(!msg.contains('\n'), "{msg}");
        intact(&p, &old, &doc);
        // No temporary file and no backup left taking the little space there is.
        assert_eq!(listing(&fs_.path), ["talk.notes.json"]);
    }

    // Once there is room again (smaller notes), saving works, with the backup.
    let mut doc2 = doc.clone();
    doc2.add("obs-3", "fits", now());
    save_checked(&p, &doc2, Some(&stamp)).unwrap();
    assert_eq!(load(&p).unwrap(), doc2);
    assert_eq!(fs::read(notes::backup_path(&p)).unwrap(), old);
}

#[test]
fn a_full_disk_while_filling_up_never_tears_the_file() {
    // Notes growing a little per save until the disk is full: every failed save leaves
    // the last good file.
    let fs_ = mount_or_skip!(Tmpfs::mount("64k"));
    let p = fs_.path.join("n.json");
    let mut doc = small_doc();
    save(&p, &doc).unwrap();
    let mut last_good = fs::read(&p).unwrap();
    let mut failures = 0;
    for i in 0..200 {
        doc.add("obs-1", &"填满磁盘 fill ".repeat(30), now());
        match save(&p, &doc) {
            Ok(()) => last_good = fs::read(&p).unwrap(),
            Err(e) => {
                assert_eq!(e.io_kind(), Some(io::ErrorKind::StorageFull), "{i}: {e:?}");
                assert_eq!(fs::read(&p).unwrap(), last_good, "{i}");
                assert!(load(&p).is_ok());
                failures += 1;
                if failures > 3 {
                    break;
                }
            }
        }
    }
    assert!(failures > 0, "the disk never filled up");
    assert_eq!(
        notes::sweep_temp_files_older_than(&p, std::time::Duration::ZERO),
        0
    );
}

#[test]
fn a_read_only_file_system_fails_the_save_and_keeps_the_old_file() {
    let fs_ = mount_or_skip!(Tmpfs::mount("1m"));
    let p = fs_.path.join("n.json");
    let doc = small_doc();
    save(&p, &doc).unwrap();
    let (_, stamp) = load_stamped(&p).unwrap();
    let old = fs::read(&p).unwrap();
    if let Err(why) = fs_.remount_read_only() {
        println!("skipped: {why}");
        return;
    }

    let mut changed = doc.clone();
    changed.add("obs-9", "不能写", now());
    for result in [
        save(&p, &changed),
        save_checked(&p, &changed, Some(&stamp)).map(drop),
    ] {
        let err = result.unwrap_err();
        assert_eq!(
            err.io_kind(),
            Some(io::ErrorKind::ReadOnlyFilesystem),
            "{err:?}"
        );
        let msg = err.to_string();
        assert!(
            msg.contains("n.json: cannot save") && msg.contains("read-only file system"),
            "{msg}"
        );
        intact(&p, &old, &doc);
    }
    // The other helpers fail cleanly too.
    let err = notes::lock(&p).unwrap_err();
    assert!(matches!(err, NotesError::LockFailed { .. }), "{err:?}");
    assert!(err.to_string().contains("read-only"), "{err}");
    assert!(notes::keep_corrupt_copy(&p).is_err());
    assert_eq!(notes::sweep_temp_files(&p), 0);
    // Reading still works.
    assert_eq!(load_stamped(&p).unwrap().1, stamp);
    assert_eq!(listing(&fs_.path), ["n.json"]);
}

#[test]
fn a_file_swapped_for_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("n.json");
    let doc = small_doc();
    save(&p, &doc).unwrap();
    let (_, stamp) = load_stamped(&p).unwrap();
    fs::remove_file(&p).unwrap();
    fs::create_dir(&p).unwrap();
    fs::write(p.join("inside.txt"), "someone's file").unwrap();

    let err = save_checked(&p, &doc, Some(&stamp)).unwrap_err();
    assert_eq!(err.io_kind(), Some(io::ErrorKind::IsADirectory), "{err:?}");
    assert!(err.to_string().contains("it is a folder"), "{err}");
    let err = save(&p, &doc).unwrap_err();
    assert_eq!(err.io_kind(), Some(io::ErrorKind::IsADirectory), "{err:?}");
    let err = load_stamped(&p).unwrap_err();
    assert_eq!(err.io_kind(), Some(io::ErrorKind::IsADirectory), "{err:?}");
    assert!(!err.is_corrupt() && !err.is_not_found());
    assert!(notes::keep_corrupt_copy(&p).is_err());
    assert_eq!(listing(&p), ["inside.txt"]);
    assert_eq!(listing(dir.path()), ["n.json"]);
}

/// The notes path turned into a symlink to a device: the save used to read `/dev/zero`
/// without bound (memory grew until the process was killed); a load did the same. Now both
/// fail at once, saying what the path is, and nothing is written to the device or beside it.
#[cfg(unix)]
#[test]
fn a_file_swapped_for_a_symlink_to_a_device() {
    for device in ["/dev/zero", "/dev/full"] {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("notes.json");
        let doc = small_doc();
        save(&p, &doc).unwrap();
        let (_, stamp) = load_stamped(&p).unwrap();
        fs::remove_file(&p).unwrap();
        std::os::unix::fs::symlink(device, &p).unwrap();
        let dev_before = listing(Path::new("/dev"));

        let err = save_checked(&p, &doc, Some(&stamp)).unwrap_err();
        assert!(
            err.to_string().contains("it is a device, not a file"),
            "{err}"
        );
        assert!(err.to_string().contains("notes.json"), "{err}");
        let err = save(&p, &doc).unwrap_err();
        assert!(
            err.to_string().contains("it is a device, not a file"),
            "{err}"
        );
        let err = load_stamped(&p).unwrap_err();
        assert!(
            err.to_string().contains("it is a device, not a file"),
            "{err}"
        );
        assert!(!err.is_corrupt() && !err.is_not_found());
        assert!(notes::keep_corrupt_copy(&p).is_err());

        use std::os::unix::fs::FileTypeExt;
        assert!(fs::metadata(device).unwrap().file_type().is_char_device());
        assert_eq!(
            listing(Path::new("/dev")),
            dev_before,
            "nothing written in /dev"
        );
        assert_eq!(listing(dir.path()), ["notes.json"]);
    }
}

/// A FIFO at the notes path used to block the load (and the save's read) for ever.
#[cfg(unix)]
#[test]
fn a_file_swapped_for_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("notes.json");
    let made = Command::new("mkfifo").arg(&p).status().unwrap();
    assert!(made.success());
    let err = load_stamped(&p).unwrap_err();
    assert!(
        err.to_string().contains("named pipe (FIFO), not a file"),
        "{err}"
    );
    let err = save(&p, &small_doc()).unwrap_err();
    assert!(
        err.to_string().contains("named pipe (FIFO), not a file"),
        "{err}"
    );
    assert_eq!(listing(dir.path()), ["notes.json"]);
}

#[test]
fn another_program_writing_between_load_and_save() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("n.json");
    save(&p, &small_doc()).unwrap();
    let (mut mine, stamp) = load_stamped(&p).unwrap();

    // Another program (here a shell, else plain Rust) edits the file in place.
    let edited = fs::read_to_string(&p)
        .unwrap()
        .replace("第一条", "别人改的");
    let by_shell = Command::new("sh")
        .arg("-c")
        .arg("cat > \"$1\"")
        .arg("sh")
        .arg(&p)
        .stdin(fs::File::open(write_aside(dir.path(), &edited)).unwrap())
        .status()
        .is_ok_and(|s| s.success());
    if !by_shell {
        fs::write(&p, &edited).unwrap();
    }

    mine.add("obs-1", "我的新笔记", now());
    let err = save_checked(&p, &mine, Some(&stamp)).unwrap_err();
    assert!(err.is_changed(), "{err:?}");
    assert!(
        err.to_string().contains("changed by another program"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&p).unwrap(), edited, "theirs is kept");

    // The app's way out: load theirs, and save with the new stamp (or Save As).
    let (theirs, stamp2): (NotesDoc, FileStamp) = load_stamped(&p).unwrap();
    assert_eq!(theirs.notes("obs-1")[0].text, "别人改的");
    save_checked(&p, &mine, Some(&stamp2)).unwrap();
    assert_eq!(load(&p).unwrap(), mine);
    assert_eq!(load(&notes::backup_path(&p)).unwrap(), theirs);
}

fn write_aside(dir: &Path, text: &str) -> PathBuf {
    let aside = dir.join("aside.txt");
    fs::write(&aside, text).unwrap();
    aside
}

#[test]
fn two_locks_on_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("n.json");
    let first = notes::lock(&p).unwrap();
    let err = notes::lock(&p).unwrap_err();
    assert!(err.is_locked(), "{err:?}");
    assert!(err.to_string().contains("another talkdeck window"), "{err}");
    drop(first);
    let second = notes::lock(&p).unwrap();
    drop(second);
}

#[test]
fn a_lock_held_by_another_process() {
    // flock(1) takes the same kind of lock as talkdeck (flock(2) on Linux).
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("n.json");
    let lock_file = notes::lock_path(&p);
    // One process holds it: the shell opens the file, locks it and becomes `sleep`.
    let child = Command::new("sh")
        .arg("-c")
        .arg("exec 9>\"$1\" && flock --exclusive 9 && exec sleep 30")
        .arg("sh")
        .arg(&lock_file)
        .spawn();
    let Ok(mut child) = child else {
        println!("skipped: no sh");
        return;
    };
    // Wait until the other process holds it (probing with a plain lock, because dropping a
    // `NotesLock` removes the file, which flock(1) does not expect).
    let mut held_by_child = false;
    for _ in 0..500 {
        if let Ok(f) = fs::File::open(&lock_file)
            && matches!(f.try_lock(), Err(fs::TryLockError::WouldBlock))
        {
            held_by_child = true;
            break;
        }
        if let Ok(Some(status)) = child.try_wait() {
            println!("skipped: could not lock with flock(1) ({status})");
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let refused = notes::lock(&p);
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(held_by_child, "the other process never took the lock");
    let refused = refused.unwrap_err();
    assert!(refused.is_locked(), "{refused:?}");
    assert_eq!(refused.path(), p);
    // Its lock died with it.
    let held = notes::lock(&p).unwrap();
    drop(held);
}
