//! The shape of the code: the top-level modules of `src/` (`src/X.rs` or `src/X/`) depend
//! on one another without cycles, and no module but the command line (which opens the
//! window) depends on the window (`ui`). Read from the source: every `crate::X` path
//! outside comments, `use crate::{X, Y::…}` groups included.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeSet<String>>;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The top-level modules: `src/X.rs` and `src/X/`, but not the crate roots.
fn top_level_modules() -> BTreeSet<String> {
    std::fs::read_dir(src())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|path| {
            let name = path.file_stem()?.to_str()?.to_owned();
            let is_module = path.is_dir() || path.extension().is_some_and(|e| e == "rs");
            (is_module && name != "lib" && name != "main").then_some(name)
        })
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without its comments (`//`, `///`, `//!` and `/* … */`), so a doc
/// link to another module is no dependency. String literals are kept: none of them
/// holds `crate::`.
fn code(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut in_string = false;
    while let Some(c) = rest.chars().next() {
        if !in_string && rest.starts_with("//") {
            rest = rest.find('\n').map_or("", |i| &rest[i..]);
        } else if !in_string && rest.starts_with("/*") {
            rest = rest.find("*/").map_or("", |i| &rest[i + 2..]);
        } else {
            if c == '"' && !out.ends_with('\\') && !out.ends_with('\'') {
                in_string = !in_string;
            }
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

fn ident(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

/// The modules a file's code names by `crate::…`.
fn named_modules(code: &str) -> BTreeSet<String> {
    let mut named = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let after = &code[at + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            // `crate::{a, b::c, d::{e, f}}`: the first name of each item at the top level.
            let mut depth = 0;
            let mut item_start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && !c.is_whitespace() => {
                        named.insert(ident(&group[i..]).to_owned());
                        item_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            named.insert(ident(after).to_owned());
        }
    }
    named
}

/// Which top-level module depends on which.
fn graph() -> Graph {
    let modules = top_level_modules();
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut graph: Graph = modules
        .iter()
        .map(|m| (m.clone(), BTreeSet::new()))
        .collect();
    for file in files {
        let relative = file.strip_prefix(src()).unwrap();
        let first = relative.components().next().unwrap().as_os_str();
        let owner = Path::new(first).file_stem().unwrap().to_str().unwrap();
        if !modules.contains(owner) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for named in named_modules(&code(&text)) {
            if named != owner && modules.contains(&named) {
                graph.get_mut(owner).unwrap().insert(named);
            }
        }
    }
    graph
}

/// A cycle through `start`, as the modules on it (`start` first and last), if any.
fn cycle_through(graph: &Graph, start: &str) -> Option<Vec<String>> {
    // Breadth first, so the shortest cycle is the one shown.
    let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(module) = queue.pop_front() {
        for next in &graph[module] {
            if next == start {
                let mut path = vec![module.to_owned()];
                let mut at = module;
                while at != start {
                    at = came_from[at];
                    path.push(at.to_owned());
                }
                path.reverse();
                path.push(start.to_owned());
                return Some(path);
            }
            if !came_from.contains_key(next.as_str()) && next != start {
                came_from.insert(next, module);
                queue.push_back(next);
            }
        }
    }
    None
}

#[test]
fn the_top_level_modules_depend_on_each_other_without_cycles() {
    let graph = graph();
    assert!(graph.len() > 10, "the modules were found: {graph:?}");
    let mut cycles: Vec<String> = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for module in graph.keys() {
        if let Some(cycle) = cycle_through(&graph, module) {
            let members: BTreeSet<String> = cycle.iter().cloned().collect();
            let key = members.iter().cloned().collect::<Vec<_>>().join(",");
            if seen.insert(key) {
                cycles.push(cycle.join(" -> "));
            }
        }
    }
    assert!(
        cycles.is_empty(),
        "import cycles between top-level modules:\n  {}",
        cycles.join("\n  ")
    );
}

#[test]
fn nothing_but_the_command_line_depends_on_the_window() {
    let graph = graph();
    let on_ui: Vec<&String> = graph
        .iter()
        .filter(|(module, deps)| deps.contains("ui") && module.as_str() != "cli")
        .map(|(module, _)| module)
        .collect();
    assert!(on_ui.is_empty(), "these depend on `ui`: {on_ui:?}");
}

/// The reader itself: a cycle is found and shown, `use` groups and comments are read
/// as they should be.
#[test]
fn the_reader_finds_names_in_groups_and_skips_comments() {
    let text = "use crate::{a, b::c, d::{e, f}};\n/// [`crate::g`]\nfn x() { crate::h::y(); }\n";
    let named = named_modules(&code(text));
    let expected: BTreeSet<String> = ["a", "b", "d", "h"].map(String::from).into();
    assert_eq!(named, expected);
    let graph: Graph = [("a", "b"), ("b", "c"), ("c", "a"), ("d", "a")]
        .into_iter()
        .map(|(m, d)| (m.to_owned(), BTreeSet::from([d.to_owned()])))
        .collect();
    assert_eq!(cycle_through(&graph, "a").unwrap(), ["a", "b", "c", "a"]);
    assert_eq!(cycle_through(&graph, "d"), None);
}
