//! Key points: sentences taken verbatim from a section.
