//! All notes and highlights as W3C Web Annotation JSON-LD, written by the W3C code
//! beside its reader ([`crate::exchange::w3c`]); each annotation names the card its note
//! is on now.

use super::Snapshot;

pub fn render(snapshot: &Snapshot) -> String {
    crate::exchange::w3c::export(&snapshot.notes, &snapshot.talk, Some(&snapshot.anchorings))
}
