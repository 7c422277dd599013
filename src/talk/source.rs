//! Reading a talk file from disk: size, binary and encoding checks, then parsing.

use super::Talk;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum TalkError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

pub fn read_talk(_path: &Path) -> Result<Talk, TalkError> {
    todo!()
}
