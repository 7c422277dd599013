//! Slidev's imported slides: a slide whose front matter names another file
//! (`---` / `src: ./pages/intro.md` / `---`) stands for that file's slides, as Slidev
//! reads a deck split over several files. The text of the importing slide after its front
//! matter is ignored, as Slidev ignores it.
//!
//! Done on the deck's text before it is split into slides, so every dialect's reader sees
//! one deck; the files are read by the caller's `read` (the file system for a deck on
//! disk, a map in the tests).

use super::split::{Line, front_matter_at, lines};
use crate::talk::subtitle::Notice;
use std::path::{Path, PathBuf};

/// Imports inside imports, at most this deep (a chain of files, not a loop: a file that
/// imports itself is refused at once).
const MAX_DEPTH: usize = 8;

/// Reads an imported file: its path as found (for loops and the next imports' folder)
/// and its text, or why it cannot be read.
pub type Read<'a> = dyn Fn(&Path) -> Result<(PathBuf, String), String> + 'a;

/// `text` (the deck at `path`) with each importing slide replaced by the slides of the
/// file it names, relative to the deck's folder (`/pages/x.md` too, as in Slidev). An
/// import that cannot be read is named in `notices` (the deck's line, the path, why) and
/// its slide stays as written.
pub fn expand(text: &str, path: &Path, read: &Read<'_>, notices: &mut Vec<Notice>) -> String {
    let mut stack = vec![path.to_path_buf()];
    expand_in(text, &mut stack, read, notices)
}

fn expand_in(
    text: &str,
    stack: &mut Vec<PathBuf>,
    read: &Read<'_>,
    notices: &mut Vec<Notice>,
) -> String {
    let lines = lines(text);
    let dir = stack
        .last()
        .and_then(|p| p.parent())
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut out = String::new();
    let mut copied = 0;
    let mut after_break = true;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let separator = is_separator(&line, after_break);
        after_break = is_break(&line);
        i += 1;
        if !separator {
            continue;
        }
        after_break = true;
        let Some(skip) = front_matter_at(&lines, i) else {
            continue;
        };
        let src = lines[i..i + skip - 1]
            .iter()
            .enumerate()
            .find_map(|(k, l)| {
                let value = l
                    .text
                    .strip_prefix("src:")?
                    .trim()
                    .trim_matches(['"', '\'']);
                (!value.is_empty()).then_some((i + k + 1, value))
            });
        i += skip;
        let Some((src_line, src)) = src else {
            continue;
        };
        // The importing slide runs to the next separator; its own text is ignored.
        let mut end = i;
        let mut blank_before = true;
        while end < lines.len() && !is_separator(&lines[end], blank_before) {
            blank_before = is_break(&lines[end]);
            end += 1;
        }
        match import(&dir, src, stack, read) {
            Ok((found, imported)) => {
                out.push_str(&text[copied..line.start]);
                stack.push(found);
                let inner = expand_in(&imported, stack, read, notices);
                stack.pop();
                let inner = inner.trim_start_matches('\n');
                if !inner.starts_with("---") {
                    out.push_str("---\n");
                }
                out.push_str(inner);
                if !out.ends_with('\n') {
                    out.push('\n');
                }
                out.push('\n');
                copied = lines.get(end).map_or(text.len(), |l| l.start);
                i = end;
            }
            Err(reason) => notices.push(Notice::BadImport {
                line: src_line,
                src: src.to_owned(),
                reason,
            }),
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// A Slidev slide separator: `---` outside code, after a blank line (or the start, or
/// the end of a front matter).
fn is_separator(line: &Line<'_>, after_break: bool) -> bool {
    !line.fenced && after_break && line.text.trim_end() == "---"
}

/// A blank line outside code, after which a `---` separates slides.
fn is_break(line: &Line<'_>) -> bool {
    !line.fenced && line.text.trim().is_empty()
}

/// Reads the file an import names, refusing loops and too deep a chain.
fn import(
    dir: &Path,
    src: &str,
    stack: &[PathBuf],
    read: &Read<'_>,
) -> Result<(PathBuf, String), String> {
    if stack.len() > MAX_DEPTH {
        return Err(crate::t!("import-too-deep", depth = MAX_DEPTH));
    }
    let (found, text) = read(&dir.join(src.trim_start_matches('/')))?;
    if stack.contains(&found) {
        return Err(crate::t!("import-loop"));
    }
    Ok((found, text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn files(list: &[(&str, &str)]) -> HashMap<PathBuf, String> {
        list.iter()
            .map(|(p, t)| (PathBuf::from(p), (*t).to_owned()))
            .collect()
    }

    fn expand_with(deck: &str, files: &HashMap<PathBuf, String>) -> (String, Vec<Notice>) {
        let read = |p: &Path| {
            let p = PathBuf::from(p.to_string_lossy().replace("/./", "/"));
            files
                .get(&p)
                .map(|t| (p.clone(), t.clone()))
                .ok_or_else(|| "not found".to_owned())
        };
        let mut notices = Vec::new();
        let text = expand(deck, Path::new("/deck/slides.md"), &read, &mut notices);
        (text, notices)
    }

    #[test]
    fn an_importing_slide_becomes_the_files_slides_and_its_own_text_goes() {
        let deck = "# Start\n\n---\nsrc: ./pages/intro.md\n---\n\nContents here are ignored\n\n---\n\n# End\n";
        let pages = files(&[(
            "/deck/pages/intro.md",
            "---\nlayout: center\n---\n\n# Intro\n\n---\n\n# Second\n",
        )]);
        let (text, notices) = expand_with(deck, &pages);
        assert!(notices.is_empty());
        assert_eq!(
            text,
            "# Start\n\n---\nlayout: center\n---\n\n# Intro\n\n---\n\n# Second\n\n---\n\n# End\n"
        );
    }

    #[test]
    fn imports_nest_from_the_imported_files_folder_and_loops_are_refused() {
        let deck = "# A\n\n---\nsrc: /pages/b.md\n---\n";
        let pages = files(&[
            ("/deck/pages/b.md", "# B\n\n---\nsrc: ./more/c.md\n---\n"),
            ("/deck/pages/more/c.md", "# C\n\n---\nsrc: ../b.md\n---\n"),
        ]);
        let read = |p: &Path| {
            // Resolve `..` the way the file system would.
            let mut out = PathBuf::new();
            for part in p.components() {
                match part {
                    std::path::Component::ParentDir => {
                        out.pop();
                    }
                    std::path::Component::CurDir => {}
                    other => out.push(other),
                }
            }
            pages
                .get(&out)
                .map(|t| (out.clone(), t.clone()))
                .ok_or_else(|| "not found".to_owned())
        };
        let mut notices = Vec::new();
        let text = expand(deck, Path::new("/deck/slides.md"), &read, &mut notices);
        assert!(text.contains("# B") && text.contains("# C"), "{text}");
        assert_eq!(notices.len(), 1, "{notices:?}");
        assert!(matches!(&notices[0], Notice::BadImport { src, .. } if src == "../b.md"));
    }

    #[test]
    fn a_missing_file_is_named_with_its_line_and_the_slide_stays() {
        let deck = "# A\n\n---\nlayout: two-cols\nsrc: pages/gone.md\n---\n\n# Kept\n";
        let (text, notices) = expand_with(deck, &files(&[]));
        assert_eq!(text, deck);
        assert_eq!(
            notices,
            [Notice::BadImport {
                line: 5,
                src: "pages/gone.md".into(),
                reason: "not found".into()
            }]
        );
    }

    #[test]
    fn src_in_a_code_block_or_in_plain_text_is_no_import() {
        let deck = "# A\n\n```yaml\n---\nsrc: pages/x.md\n---\n```\n\nsrc: pages/y.md\n";
        let (text, notices) = expand_with(deck, &files(&[]));
        assert_eq!(text, deck);
        assert!(notices.is_empty());
    }
}
