//! Highlights anchored in the speaker notes: W3C Web Annotation selectors and re-anchoring.
