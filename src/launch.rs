//! What `talkdeck FILE…` opens, as a file manager starts it: the first file as the talk
//! (the others are named in a notice, not opened), or — for a notes file or another
//! tool's notes given alone — that file together with the talk it was written on.
//!
//! Two steps, because the talks opened before are only known inside the window (eframe
//! keeps them): [`plan`] reads the command line's files before a window exists, so a
//! talk that cannot be read is an error on the command line; [`Plan::resolve`] then
//! finds a notes file's talk among the recent ones.

use crate::session::Session;
use crate::t;
use crate::talk::{self, TalkError};
use std::path::{Path, PathBuf};

/// What the window will open, before the recent talks are known.
pub enum Plan {
    /// A talk (or the embedded one), with a notes file when one was given.
    Ready(Box<Launch>),
    /// A notes or annotations file without its talk: the talk is looked for by fingerprint.
    FindTalk {
        notes: PathBuf,
        /// The fingerprint of the talk the file names; `None` when it names none (or
        /// cannot be read: opening it then says why).
        fingerprint: Option<String>,
        /// The talk's title as the file has it.
        title: Option<String>,
    },
}

/// A talk to show, the notes to open with it, and what to tell the user about it.
pub struct Launch {
    pub session: Session,
    pub notes: Option<PathBuf>,
    pub notice: Option<LaunchNotice>,
}

/// Said once about how the window was started, in the window's language.
#[derive(Debug, Clone, PartialEq)]
pub enum LaunchNotice {
    /// Several files were given: the first is open, these were not.
    NotOpened {
        opened: String,
        ignored: Vec<String>,
    },
    /// A notes file was given alone and its talk is not among the recent talks.
    TalkNotFound {
        notes: String,
        title: Option<String>,
    },
}

impl LaunchNotice {
    pub fn text(&self) -> String {
        match self {
            LaunchNotice::NotOpened { opened, ignored } => t!(
                "launch-not-opened",
                opened = opened.as_str(),
                count = ignored.len(),
                ignored = ignored.join(", ")
            ),
            LaunchNotice::TalkNotFound { notes, title: None } => {
                t!("launch-talk-not-found", notes = notes.as_str())
            }
            LaunchNotice::TalkNotFound {
                notes,
                title: Some(title),
            } => t!(
                "launch-talk-not-found-titled",
                notes = notes.as_str(),
                title = title.as_str()
            ),
        }
    }
}

/// Reads what the command line names: no file is the embedded talk; a talk file is read
/// now (an unreadable one is the error); a notes (or W3C annotations) file alone, without
/// `--notes`, is opened with the talk [`Plan::resolve`] finds for it.
pub fn plan(files: &[PathBuf], notes: Option<PathBuf>) -> Result<Plan, TalkError> {
    let Some(first) = files.first() else {
        return Ok(Plan::Ready(Box::new(Launch {
            session: Session::seed(),
            notes,
            notice: None,
        })));
    };
    if files.len() == 1
        && notes.is_none()
        && let Some((fingerprint, title)) = notes_file_talk(first)
    {
        return Ok(Plan::FindTalk {
            notes: first.clone(),
            fingerprint,
            title,
        });
    }
    let session = Session::open(first.clone())?;
    let notice = (files.len() > 1).then(|| LaunchNotice::NotOpened {
        opened: crate::session::file_name(first),
        ignored: files[1..]
            .iter()
            .map(|p| crate::session::file_name(p))
            .collect(),
    });
    Ok(Plan::Ready(Box::new(Launch {
        session,
        notes,
        notice,
    })))
}

impl Plan {
    /// The talk to open: for a notes file, the embedded talk or one of `recent_talks`
    /// (most recent first) or a talk beside the notes file whose fingerprint the notes
    /// name; else the embedded talk, with a notice that says its own talk was not found.
    pub fn resolve(self, recent_talks: &[PathBuf]) -> Launch {
        let (notes, fingerprint, title) = match self {
            Plan::Ready(launch) => return *launch,
            Plan::FindTalk {
                notes,
                fingerprint,
                title,
            } => (notes, fingerprint, title),
        };
        let seed = Session::seed();
        let found = fingerprint.as_deref().and_then(|fingerprint| {
            if seed.talk().fingerprint == fingerprint {
                return Some(seed);
            }
            let beside = talks_beside(&notes);
            recent_talks
                .iter()
                .chain(&beside)
                .find_map(|path| match talk::load_talk(path) {
                    Ok(loaded) if loaded.talk.fingerprint == fingerprint => {
                        Some(Session::from_file(loaded, path.clone()))
                    }
                    _ => None,
                })
        });
        match found {
            Some(session) => Launch {
                session,
                notes: Some(notes),
                notice: None,
            },
            None => Launch {
                session: Session::seed(),
                notice: Some(LaunchNotice::TalkNotFound {
                    notes: crate::session::file_name(&notes),
                    title,
                }),
                notes: Some(notes),
            },
        }
    }
}

/// For a notes file (`talk.fingerprint`) or annotations (`urn:talkdeck:talk:<fingerprint>`
/// targets): the fingerprint and title of the talk it was written on. `None` for a file
/// that is not one: not JSON by name, or JSON of another kind (a Whisper transcript is a
/// talk). JSON that does not parse goes to the notes loader, which says what is wrong.
fn notes_file_talk(path: &Path) -> Option<(Option<String>, Option<String>)> {
    if !is_json_path(path) {
        return None;
    }
    let bytes = crate::readfile::read(path, crate::readfile::MAX_NOTES_BYTES).ok();
    let decoded = bytes
        .as_deref()
        .and_then(|bytes| crate::textfile::decode(bytes, crate::textfile::Accept::Unicode).ok());
    let parsed = decoded.and_then(|d| serde_json::from_str::<serde_json::Value>(&d.text).ok());
    let Some(value) = parsed else {
        return Some((None, None));
    };
    let field = |name: &str| {
        value
            .get("talk")
            .and_then(|t| t.get(name))
            .and_then(|v| v.as_str())
            .map(str::to_owned)
    };
    use crate::exchange::Format;
    match crate::exchange::detect(&value)? {
        Format::Talkdeck => Some((field("fingerprint"), field("title"))),
        Format::W3c => Some((crate::exchange::w3c::talk_fingerprint(&value), None)),
        // They name a web page or a PDF, not a talk.
        Format::Hypothesis | Format::Pdfpc => Some((None, None)),
    }
}

fn is_json_path(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["json", "jsonld", "pdfpc"]
            .iter()
            .any(|known| e.eq_ignore_ascii_case(known))
    })
}

/// Files beside a notes file that would have it as their `TALK.notes.json`.
fn talks_beside(notes: &Path) -> Vec<PathBuf> {
    let folder = match notes.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut talks: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && !is_json_path(p)
                && crate::notes::default_notes_path(p).file_name() == notes.file_name()
        })
        .collect();
    talks.sort();
    talks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::NotesDoc;

    fn write_notes(dir: &Path, name: &str, talk: &crate::talk::Talk) -> PathBuf {
        let path = dir.join(name);
        let mut doc = NotesDoc::new(&talk.title, &talk.fingerprint);
        doc.add(
            &talk.cards[0].id,
            "一条笔记",
            time::OffsetDateTime::now_utc(),
        );
        crate::notes::save(&path, &doc).unwrap();
        path
    }

    fn ready(plan: Plan) -> Launch {
        match plan {
            Plan::Ready(launch) => *launch,
            Plan::FindTalk { notes, .. } => panic!("expected a talk, got notes {notes:?}"),
        }
    }

    const TALK: &str = "一场演讲\n\n1、第一点\n\n正文一。\n\n2、第二点\n\n正文二。\n";

    #[test]
    fn no_file_is_the_embedded_talk() {
        let launch = ready(plan(&[], None).unwrap());
        assert_eq!(launch.session.talk_name(), crate::SEED_NAME);
        assert!(launch.notice.is_none());
    }

    #[test]
    fn the_first_of_several_files_opens_and_the_notice_names_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<PathBuf> = ["a.txt", "b.md", "c.srt"]
            .iter()
            .map(|name| {
                let path = dir.path().join(name);
                std::fs::write(&path, TALK).unwrap();
                path
            })
            .collect();
        let launch = ready(plan(&files, None).unwrap());
        assert_eq!(launch.session.talk_name(), "a.txt");
        let notice = launch.notice.unwrap();
        assert_eq!(
            notice,
            LaunchNotice::NotOpened {
                opened: "a.txt".into(),
                ignored: vec!["b.md".into(), "c.srt".into()],
            }
        );
        crate::i18n::set_language(crate::i18n::Lang::En);
        let text = notice.text();
        assert!(
            text.contains("a.txt") && text.contains("b.md, c.srt"),
            "{text}"
        );
    }

    #[test]
    fn an_unreadable_talk_is_the_error() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.txt");
        assert!(matches!(
            plan(&[missing], None),
            Err(TalkError::NotFound { .. })
        ));
    }

    #[test]
    fn notes_alone_open_with_the_recent_talk_they_name() {
        let dir = tempfile::tempdir().unwrap();
        let other = dir.path().join("other.txt");
        std::fs::write(&other, "另一场\n\n1、别的\n\n别的正文。\n").unwrap();
        let talk_path = dir.path().join("talk.txt");
        std::fs::write(&talk_path, TALK).unwrap();
        let talk = talk::load_talk(&talk_path).unwrap().talk;
        let notes = write_notes(dir.path(), "my notes.json", &talk);
        let plan = plan(std::slice::from_ref(&notes), None).unwrap();
        let launch = plan.resolve(&[other, talk_path.clone()]);
        assert_eq!(launch.session.talk_path(), Some(talk_path.as_path()));
        assert_eq!(launch.notes.as_deref(), Some(notes.as_path()));
        assert!(launch.notice.is_none());
    }

    #[test]
    fn notes_beside_their_talk_find_it_without_the_recent_list() {
        let dir = tempfile::tempdir().unwrap();
        let talk_path = dir.path().join("talk.md");
        std::fs::write(&talk_path, "# 标题\n\n正文。\n\n# 第二张\n\n更多。\n").unwrap();
        let talk = talk::load_talk(&talk_path).unwrap().talk;
        let notes = write_notes(dir.path(), "talk.notes.json", &talk);
        let launch = plan(&[notes], None).unwrap().resolve(&[]);
        assert_eq!(launch.session.talk_path(), Some(talk_path.as_path()));
    }

    #[test]
    fn notes_on_the_embedded_talk_open_it() {
        let dir = tempfile::tempdir().unwrap();
        let notes = write_notes(dir.path(), "n.json", Session::seed().talk());
        let launch = plan(&[notes], None).unwrap().resolve(&[]);
        assert_eq!(launch.session.talk_name(), crate::SEED_NAME);
        assert!(launch.notice.is_none());
    }

    #[test]
    fn annotations_alone_name_their_talk_by_its_iri() {
        let dir = tempfile::tempdir().unwrap();
        let talk_path = dir.path().join("t.txt");
        std::fs::write(&talk_path, TALK).unwrap();
        let talk = talk::load_talk(&talk_path).unwrap().talk;
        let mut doc = NotesDoc::new(&talk.title, &talk.fingerprint);
        doc.add("obs-1", "评论", time::OffsetDateTime::now_utc());
        let annotations = dir.path().join("exported.jsonld");
        std::fs::write(
            &annotations,
            crate::exchange::w3c::export(&doc, &talk, None),
        )
        .unwrap();
        let launch = plan(&[annotations], None)
            .unwrap()
            .resolve(std::slice::from_ref(&talk_path));
        assert_eq!(launch.session.talk_path(), Some(talk_path.as_path()));
    }

    #[test]
    fn notes_whose_talk_is_nowhere_open_on_the_embedded_talk_and_say_so() {
        let dir = tempfile::tempdir().unwrap();
        let talk = talk::parse_text(TALK);
        let notes = write_notes(dir.path(), "lost.json", &talk);
        let launch = plan(std::slice::from_ref(&notes), None)
            .unwrap()
            .resolve(&[dir.path().join("gone.txt")]);
        assert_eq!(launch.session.talk_name(), crate::SEED_NAME);
        assert_eq!(launch.notes.as_deref(), Some(notes.as_path()));
        let notice = launch.notice.unwrap();
        crate::i18n::set_language(crate::i18n::Lang::Zh);
        let text = notice.text();
        assert!(
            text.contains("lost.json") && text.contains("一场演讲"),
            "{text}"
        );
    }

    /// A Whisper transcript is JSON too, and a talk.
    #[test]
    fn a_json_transcript_alone_is_a_talk() {
        let dir = tempfile::tempdir().unwrap();
        let whisper = dir.path().join("talk.json");
        let segments = r#"{"text": "大家好。今天讲三点。", "segments": [
            {"id": 0, "start": 0.0, "end": 2.0, "text": "大家好。"},
            {"id": 1, "start": 2.5, "end": 5.0, "text": "今天讲三点。"}]}"#;
        std::fs::write(&whisper, segments).unwrap();
        let launch = ready(plan(std::slice::from_ref(&whisper), None).unwrap());
        assert_eq!(launch.session.talk_path(), Some(whisper.as_path()));
        assert!(launch.notes.is_none());
    }

    #[test]
    fn a_broken_json_file_still_goes_to_the_notes_loader_to_say_what_is_wrong() {
        let dir = tempfile::tempdir().unwrap();
        let broken = dir.path().join("broken.json");
        std::fs::write(&broken, "{ \"format\": ").unwrap();
        let launch = plan(std::slice::from_ref(&broken), None)
            .unwrap()
            .resolve(&[]);
        assert_eq!(launch.notes.as_deref(), Some(broken.as_path()));
        assert!(matches!(
            launch.notice,
            Some(LaunchNotice::TalkNotFound { title: None, .. })
        ));
    }
}
