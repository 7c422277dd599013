//! What the window tells the user, kept as data until it is drawn.

use super::problem::Problem;
use crate::t;
use crate::textfile::Found;
use crate::{anchor, talk};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NoticeLevel {
    Info,
    Warning,
    Error,
}

/// A message for the user, shown until dismissed or replaced.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub level: NoticeLevel,
    pub message: Message,
    /// More to say about the same event (how highlights fared after notes were opened).
    pub detail: Option<Message>,
}

impl Notice {
    /// The message in the UI's language.
    pub fn text(&self) -> String {
        match &self.detail {
            Some(detail) => format!("{} {}", self.message.text(), detail.text()),
            None => self.message.text(),
        }
    }
}

/// What a notice says, kept as data so it is worded in the language shown, not the one
/// in force when it happened. `reason`s are the file layer's own one-line errors.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Saved {
        count: usize,
        path: PathBuf,
    },
    NotSaved {
        reason: Problem,
    },
    /// Save was asked for a file this window must not write, and why.
    Protected {
        path: PathBuf,
        reason: Problem,
    },
    /// The notes file's folder cannot be written: saves there fail.
    ReadOnlyFolder {
        reason: Problem,
    },
    /// What reading a talk file skipped (each line names where and why).
    Skipped {
        name: String,
        lines: Vec<crate::talk::Notice>,
    },
    /// Notes of an opened file shared their id with another note and got new ones.
    RenamedIds {
        count: usize,
    },
    OpenedNotes {
        count: usize,
        path: PathBuf,
    },
    OtherTalk {
        count: usize,
        path: PathBuf,
        title: String,
        missing: usize,
    },
    NewNotesFile {
        path: PathBuf,
    },
    UnreadableNotes {
        reason: Problem,
    },
    ReadOnlyNotes {
        reason: Problem,
    },
    OpenedTalk {
        name: String,
        count: usize,
        encoding: &'static str,
    },
    /// The talk was not Unicode; its encoding was guessed (`sure`: the guess beat the
    /// other candidates).
    GuessedEncoding {
        name: String,
        encoding: &'static str,
        sure: bool,
    },
    TalkFailed {
        reason: Problem,
    },
    Restored {
        count: usize,
    },
    RestoreFailed {
        reason: Problem,
    },
    Imported {
        count: usize,
        path: PathBuf,
        problems: usize,
    },
    ImportProblems {
        line: String,
    },
    ImportFailed {
        reason: Problem,
    },
    Merged {
        path: PathBuf,
        added: usize,
        updated: usize,
        skipped: usize,
    },
    MergeFailed {
        reason: Problem,
    },
    Exported {
        path: PathBuf,
    },
    ExportFailed {
        reason: Problem,
    },
    Reanchored {
        moved: usize,
        changed: usize,
        orphaned: usize,
    },
}

/// A path as the window shows it: under the home folder as `~/…`, as file managers and
/// shells write it (shorter, and the user's name stays off the screen).
pub fn shown_path(path: &Path) -> String {
    static HOME: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    let home = HOME.get_or_init(|| directories::BaseDirs::new().map(|d| d.home_dir().to_owned()));
    under_home(path, home.as_deref())
}

fn under_home(path: &Path, home: Option<&Path>) -> String {
    match home.and_then(|home| path.strip_prefix(home).ok()) {
        Some(rest) if !rest.as_os_str().is_empty() && path.is_absolute() => {
            format!("~{}{}", std::path::MAIN_SEPARATOR, rest.display())
        }
        _ => path.display().to_string(),
    }
}

impl Message {
    pub fn text(&self) -> String {
        let shown = |p: &Path| shown_path(p);
        match self {
            Message::Saved { count, path } => {
                t!("notice-saved", count = *count, path = shown(path))
            }
            Message::NotSaved { reason } => t!("notice-not-saved", reason = reason.to_string()),
            Message::Protected { path, reason } => t!(
                "notice-protected",
                path = shown(path),
                reason = reason.to_string()
            ),
            Message::ReadOnlyFolder { reason } => {
                t!("notice-read-only-folder", reason = reason.to_string())
            }
            Message::Skipped { name, lines } => t!(
                "notice-skipped",
                name = name.as_str(),
                count = lines.len(),
                lines = lines
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            Message::RenamedIds { count } => t!("notice-renamed-ids", count = *count),
            Message::OpenedNotes { count, path } => {
                t!("notice-opened-notes", count = *count, path = shown(path))
            }
            Message::OtherTalk {
                count,
                path,
                title,
                missing: 0,
            } => t!(
                "notice-other-talk",
                count = *count,
                path = shown(path),
                title = title.as_str()
            ),
            Message::OtherTalk {
                count,
                path,
                title,
                missing,
            } => t!(
                "notice-other-talk-missing",
                count = *count,
                path = shown(path),
                title = title.as_str(),
                missing = *missing
            ),
            Message::NewNotesFile { path } => t!("notice-new-notes-file", path = shown(path)),
            Message::UnreadableNotes { reason } => {
                t!("notice-unreadable-notes", reason = reason.to_string())
            }
            Message::ReadOnlyNotes { reason } => {
                t!("notice-read-only-notes", reason = reason.to_string())
            }
            Message::OpenedTalk {
                name,
                count,
                encoding,
            } => t!(
                "notice-opened-talk",
                name = name.as_str(),
                count = *count,
                encoding = *encoding
            ),
            Message::GuessedEncoding {
                name,
                encoding,
                sure,
            } => t!(
                "notice-guessed-encoding",
                name = name.as_str(),
                encoding = *encoding,
                sure = if *sure { "yes" } else { "no" }
            ),
            Message::TalkFailed { reason } => t!("notice-talk-failed", reason = reason.to_string()),
            Message::Restored { count } => t!("notice-restored", count = *count),
            Message::Imported {
                count,
                path,
                problems,
            } => t!(
                "notice-imported",
                count = *count,
                path = shown(path),
                problems = *problems
            ),
            Message::ImportProblems { line } => line.clone(),
            Message::ImportFailed { reason } => {
                t!("notice-import-failed", reason = reason.to_string())
            }
            Message::Merged {
                path,
                added,
                updated,
                skipped,
            } => t!(
                "notice-merged",
                path = shown(path),
                added = *added,
                updated = *updated,
                skipped = *skipped
            ),
            Message::MergeFailed { reason } => {
                t!("notice-merge-failed", reason = reason.to_string())
            }
            Message::Exported { path } => t!("notice-exported", path = shown(path)),
            Message::ExportFailed { reason } => {
                t!("notice-export-failed", reason = reason.to_string())
            }
            Message::Reanchored {
                moved,
                changed,
                orphaned,
            } => t!(
                "notice-reanchored",
                moved = *moved,
                changed = *changed,
                orphaned = *orphaned
            ),
            Message::RestoreFailed { reason } => {
                t!("notice-restore-failed", reason = reason.to_string())
            }
        }
    }
}

/// The session's notice: one at a time, the last event's.
impl super::Session {
    /// A talk not in Unicode was read in the encoding `chardetng` guessed: say so, and how
    /// sure the guess is, so a garbled text is not taken for the talk.
    pub(super) fn report_guess(&mut self) {
        let sure = match self.found {
            Found::Unicode | Found::Named => return,
            Found::Guessed => true,
            Found::Unsure => false,
        };
        let message = Message::GuessedEncoding {
            name: self.talk_name.clone(),
            encoding: self.encoding,
            sure,
        };
        self.notify(NoticeLevel::Warning, message);
    }

    pub(super) fn report_skipped(&mut self, lines: Vec<talk::Notice>) {
        if !lines.is_empty() {
            let name = self.talk_name.clone();
            self.notify(NoticeLevel::Warning, Message::Skipped { name, lines });
        }
    }

    /// After notes were opened: says how many highlights moved, changed or lost their
    /// passage, when any did.
    pub(super) fn report_anchoring(&mut self) {
        let summary =
            anchor::AnchorSummary::of(&self.anchorings.values().cloned().collect::<Vec<_>>());
        if summary.moved + summary.fuzzy + summary.orphaned > 0
            && let Some(notice) = &mut self.notice
        {
            notice.level = notice.level.max(NoticeLevel::Warning);
            notice.detail = Some(Message::Reanchored {
                moved: summary.moved,
                changed: summary.fuzzy,
                orphaned: summary.orphaned,
            });
        }
    }

    pub(super) fn notify(&mut self, level: NoticeLevel, message: Message) {
        self.notice = Some(Notice {
            level,
            message,
            detail: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::under_home;
    use std::path::Path;

    #[test]
    fn a_save_without_notes_says_what_it_saved() {
        use crate::i18n::{Lang, tr_in};
        let saved = |lang, count: usize| {
            tr_in(
                lang,
                "notice-saved",
                &[("count", count.into()), ("path", "a.json".into())],
            )
            .replace(['\u{2068}', '\u{2069}'], "")
        };
        // A renamed or starred card, a rehearsal run: saved, and no "0 notes".
        assert_eq!(saved(Lang::En, 0), "Saved your changes to a.json");
        assert_eq!(saved(Lang::En, 1), "Saved 1 note to a.json");
        assert_eq!(saved(Lang::En, 3), "Saved 3 notes to a.json");
        assert_eq!(saved(Lang::Zh, 0), "已将修改保存到 a.json");
        assert_eq!(saved(Lang::Zh, 3), "已将 3 条笔记保存到 a.json");
    }

    #[test]
    fn paths_under_home_are_shown_from_the_tilde() {
        let home = Some(Path::new("/home/ann"));
        assert_eq!(
            under_home(Path::new("/home/ann/Talks/a.json"), home),
            "~/Talks/a.json"
        );
        assert_eq!(
            under_home(Path::new("/home/annie/a.json"), home),
            "/home/annie/a.json"
        );
        assert_eq!(under_home(Path::new("/home/ann"), home), "/home/ann");
        assert_eq!(under_home(Path::new("a.json"), home), "a.json");
        assert_eq!(under_home(Path::new("/srv/a.json"), None), "/srv/a.json");
    }
}
