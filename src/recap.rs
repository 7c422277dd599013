//! The recap: the deck and the notes turned into a document to share.
