//! Crash safety of autosave: a writer process autosaves notes through a `Session` as fast
//! as it can and is killed with SIGKILL at random moments, over and over. After every
//! kill the notes file must load, and hold at least as many notes as the writer last
//! reported saved.
//!
//! The writer is `examples/autosave_stress.rs`, compiled into this test as a module; the
//! test starts its own executable again as the writer (the `stress_writer_child` test,
//! which does nothing unless the environment names a notes file).

#[path = "../examples/autosave_stress.rs"]
#[allow(dead_code)]
mod autosave_stress;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use talkdeck::notes;

/// Set to a notes file path in the environment of the writer process.
const CHILD_ENV: &str = "TALKDECK_CRASH_TEST_WRITER";

#[test]
fn stress_writer_child() {
    if let Some(path) = std::env::var_os(CHILD_ENV) {
        autosave_stress::run(Path::new(&path), None).unwrap();
    }
}

/// What the writer printed.
#[derive(Debug)]
enum Report {
    Opened(usize),
    Saved(usize),
}

fn spawn_writer(path: &Path) -> (Child, mpsc::Receiver<Report>, std::thread::JoinHandle<()>) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "stress_writer_child",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, path)
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the writer");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            // The harness prints "test stress_writer_child ... " just before the first line.
            let line = line.rsplit("... ").next().unwrap_or_default();
            let report = if let Some(n) = line.strip_prefix("opened ") {
                Report::Opened(n.trim().parse().unwrap())
            } else if let Some(n) = line.strip_prefix("saved ") {
                Report::Saved(n.trim().parse().unwrap())
            } else {
                continue; // the harness's own lines
            };
            if tx.send(report).is_err() {
                break;
            }
        }
    });
    (child, rx, reader)
}

/// A small xorshift generator: random enough for kill timing, and reproducible from the
/// printed seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
}

fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn killed_autosave_never_loses_saved_notes() {
    let seed = match std::env::var("TALKDECK_CRASH_SEED") {
        Ok(s) => s.parse().expect("TALKDECK_CRASH_SEED is a number"),
        Err(_) => {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        }
    };
    println!("seed {seed} (rerun with TALKDECK_CRASH_SEED={seed})");
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("talk.notes.json");
    let started = Instant::now();

    let mut promised = 0; // notes the writer said were saved
    let mut saves = 0;
    let mut kills = 0;
    for round in 0..25u32 {
        if round >= 20 && started.elapsed() > Duration::from_secs(15) {
            break;
        }
        let (mut child, reports, reader) = spawn_writer(&path);
        // Wait for the writer to be up, so the kill lands while it saves.
        match reports.recv_timeout(Duration::from_secs(20)) {
            Ok(Report::Opened(n)) => {
                assert!(
                    n >= promised,
                    "round {round}: opened {n} notes, {promised} were saved"
                )
            }
            other => {
                let _ = child.kill();
                panic!("round {round}: the writer did not start: {other:?}");
            }
        }
        if round.is_multiple_of(4) {
            // Now and then (and always at first) let one save land before the clock starts,
            // so there is something to lose however slow saving is on this machine.
            match reports.recv_timeout(Duration::from_secs(20)) {
                Ok(Report::Saved(n)) => {
                    assert!(n >= promised, "round {round}: the count went down");
                    promised = n;
                    saves += 1;
                }
                other => {
                    let _ = child.kill();
                    panic!("round {round}: the writer did not save: {other:?}");
                }
            }
        }
        let delay = Duration::from_millis(rng.range(5, 200));
        std::thread::sleep(delay);
        if let Ok(Some(status)) = child.try_wait() {
            panic!("round {round}: the writer stopped by itself: {status}");
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        kills += 1;
        reader.join().unwrap();
        for report in reports.try_iter() {
            match report {
                Report::Saved(n) => {
                    assert!(n >= promised, "round {round}: the count went down");
                    promised = n;
                    saves += 1;
                }
                Report::Opened(_) => panic!("round {round}: opened twice"),
            }
        }

        match notes::load(&path) {
            Ok(doc) => assert!(
                doc.total() >= promised,
                "round {round} (killed after {delay:?}): the file has {} notes, {promised} were \
                 reported saved",
                doc.total()
            ),
            Err(e) if e.is_not_found() && promised == 0 => {}
            Err(e) => panic!("round {round} (killed after {delay:?}): {e}"),
        }
        let backup = notes::backup_path(&path);
        if backup.exists() {
            notes::load(&backup)
                .unwrap_or_else(|e| panic!("round {round}: the backup does not load: {e}"));
        }
    }
    assert!(saves > 0, "the writer never saved");

    // Kills between writing and renaming leave temporary files; they are the only litter,
    // and a sweep clears them.
    let swept = notes::sweep_temp_files_older_than(&path, Duration::ZERO);
    let left = listing(dir.path());
    println!(
        "{kills} kills, {saves} saves reported, {promised} notes at the end, {swept} \
         temporary files swept, {:?}",
        started.elapsed()
    );
    for name in &left {
        assert!(
            [
                "talk.notes.json",
                "talk.notes.json.bak",
                "talk.notes.json.lock"
            ]
            .contains(&name.as_str()),
            "left behind: {left:?}"
        );
    }
    // The last writer was killed holding the lock; the lock died with it.
    drop(notes::lock(&path).expect("a killed writer's lock is released"));
}
