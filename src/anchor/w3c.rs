//! W3C Web Annotation import and export.
