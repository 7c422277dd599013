//! Errors as the layers below report them, kept typed on their way to the window and put
//! into words only where they are drawn: a language switch words them anew, and the I/O
//! thread never needs to know the window's language.

use crate::atomic::WriteError;
use crate::notes::NotesError;
use crate::t;
use crate::talk::TalkError;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

/// What went wrong with a file, worded by [`fmt::Display`] in the language of the thread
/// that formats it (see [`crate::i18n`]).
#[derive(Debug, Clone)]
pub enum Problem {
    Notes(Arc<NotesError>),
    Talk(Arc<TalkError>),
    /// A file the app writes (an export, a recap) could not be written.
    Write {
        path: PathBuf,
        error: Arc<WriteError>,
    },
    /// A notes file that could not be read, copied aside before anything else happened
    /// (and the backup of it that is there, if any).
    CopyKept {
        error: Arc<NotesError>,
        copy: PathBuf,
        backup: Option<PathBuf>,
    },
    /// Words a reader of another format gave (an annotation import's own message).
    Text(String),
}

impl From<NotesError> for Problem {
    fn from(e: NotesError) -> Self {
        Self::Notes(Arc::new(e))
    }
}

impl From<TalkError> for Problem {
    fn from(e: TalkError) -> Self {
        Self::Talk(Arc::new(e))
    }
}

impl Problem {
    /// The notes error behind this problem, if it is one.
    pub fn notes_error(&self) -> Option<&NotesError> {
        match self {
            Self::Notes(e) | Self::CopyKept { error: e, .. } => Some(e),
            _ => None,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Notes(e) => e.fmt(f),
            Self::Talk(e) => e.fmt(f),
            Self::Write { path, error } => write!(f, "{}: {error}", path.display()),
            Self::CopyKept {
                error,
                copy,
                backup,
            } => {
                let mut text = t!(
                    "error-notes-copy-kept",
                    message = error.to_string(),
                    copy = copy.display().to_string()
                );
                if let Some(backup) = backup {
                    text = t!(
                        "error-notes-backup-there",
                        message = text,
                        backup = backup.display().to_string()
                    );
                }
                f.write_str(&text)
            }
            Self::Text(text) => f.write_str(text),
        }
    }
}

/// Two problems are the same when they say the same (errors from the file layer carry
/// `io::Error`s, which cannot be compared).
impl PartialEq for Problem {
    fn eq(&self, other: &Self) -> bool {
        self.to_string() == other.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, set_language};
    use std::path::Path;

    #[test]
    fn worded_when_shown_in_the_language_shown() {
        set_language(Lang::En);
        let problem = Problem::from(NotesError::Empty {
            path: PathBuf::from("n.json"),
        });
        let english = problem.to_string();
        set_language(Lang::Zh);
        let chinese = problem.to_string();
        set_language(Lang::En);
        assert!(
            english.starts_with("n.json: ") && english.contains("empty"),
            "{english}"
        );
        assert_ne!(english, chinese);
        assert!(
            chinese
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{chinese}"
        );
    }

    #[test]
    fn a_kept_copy_names_the_copy_and_the_backup() {
        set_language(Lang::En);
        let problem = Problem::CopyKept {
            error: Arc::new(NotesError::Empty {
                path: PathBuf::from("n.json"),
            }),
            copy: Path::new("n.json.corrupt").to_path_buf(),
            backup: Some(Path::new("n.json.bak").to_path_buf()),
        };
        let text = problem.to_string();
        assert!(
            text.contains("n.json.corrupt") && text.contains("n.json.bak"),
            "{text}"
        );
    }
}
