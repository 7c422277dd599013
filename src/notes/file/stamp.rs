//! What a notes file was when it was loaded or saved, to notice another program's edits.

use sha2::{Digest, Sha256};
use std::time::SystemTime;

/// What a notes file was when it was loaded or saved: its length, modification time and
/// SHA-256 of its bytes. [`save_checked`] compares it with the file on disk to find out
/// whether another program changed the file in between.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStamp {
    /// Length in bytes.
    pub len: u64,
    /// Modification time, where the platform has one. Informational: [`save_checked`]
    /// decides by content (length and hash), not by time.
    pub mtime: Option<SystemTime>,
    /// SHA-256 of the file's bytes.
    pub sha256: [u8; 32],
}

impl FileStamp {
    pub(super) fn new(bytes: &[u8], mtime: Option<SystemTime>) -> Self {
        Self {
            len: bytes.len() as u64,
            mtime,
            sha256: Sha256::digest(bytes).into(),
        }
    }

    /// True when `bytes` are the bytes this stamp was taken of (same length, same hash).
    pub fn matches(&self, bytes: &[u8]) -> bool {
        self.len == bytes.len() as u64 && self.sha256 == <[u8; 32]>::from(Sha256::digest(bytes))
    }
}
