//! Search over the deck and the notes.
