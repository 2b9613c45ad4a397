//! The import rules of the library's layers (docs/architecture.md), read from the
//! `use crate::…` lines and `crate::…` paths of every source file: a module may use only
//! the layers its row allows, and there is no import cycle between top-level modules.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module and the modules it may import. Lower layers first.
const ALLOWED: &[(&str, &[&str])] = &[
    ("text", &[]),
    ("fonts", &[]),
    ("diag", &[]),
    ("grid", &[]),
    ("data", &["text", "diag", "grid"]),
    ("rules", &["text", "diag", "data"]),
    ("docx_in", &["text", "diag", "data", "rules", "fonts"]),
    ("template", &["text", "diag", "data"]),
    ("doc", &["text", "diag", "fonts", "grid"]),
    ("export", &["doc", "fonts"]),
    ("schema", &["data"]),
    (
        "pipeline",
        &[
            "text", "diag", "grid", "data", "rules", "template", "doc", "export", "fonts",
        ],
    ),
    ("output", &["text", "diag", "export", "pipeline"]),
    (
        "register",
        &["text", "diag", "data", "export", "output", "pipeline"],
    ),
    (
        "generate",
        &["text", "diag", "data", "export", "output", "pipeline"],
    ),
    (
        "serve",
        &[
            "text", "diag", "data", "export", "pipeline", "schema", "generate",
        ],
    ),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("src is readable").flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The top-level modules a file names through `crate::`, outside test modules.
fn imports(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    // `#[cfg(test)]` modules may reach further (test fixtures): stop at the first one.
    let code = match text.find("#[cfg(test)]") {
        Some(i) => &text[..i],
        None => text,
    };
    for line in code.lines() {
        let t = line.trim_start();
        if t.starts_with("//") {
            continue;
        }
        let mut rest = t;
        while let Some(i) = rest.find("crate::") {
            let after = &rest[i + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.insert(name);
            } else if let Some(group) = after.strip_prefix('{') {
                // use crate::{a, b::c};
                for part in group.split(['}', ',']) {
                    let n: String = part
                        .trim()
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    if !n.is_empty() {
                        out.insert(n);
                    }
                }
            }
            rest = after;
        }
    }
    out
}

/// The top-level module of a file under src/.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel
        .components()
        .next()?
        .as_os_str()
        .to_string_lossy()
        .into_owned();
    Some(first.trim_end_matches(".rs").to_string())
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in files {
        let Some(m) = module_of(&src, &f) else {
            continue;
        };
        // the binary (main.rs, cli/) uses the library through `vanban::`, not `crate::`
        if m == "main" || m == "cli" || m == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(&f).expect("source is UTF-8");
        let entry = g.entry(m.clone()).or_default();
        for i in imports(&text) {
            if i != m {
                entry.insert(i);
            }
        }
    }
    g
}

#[test]
fn every_module_has_a_layer() {
    let g = graph();
    let known: BTreeSet<&str> = ALLOWED.iter().map(|(m, _)| *m).collect();
    for m in g.keys() {
        assert!(
            known.contains(m.as_str()),
            "src/{m} is not in tests/layers.rs: give it a layer (and docs/architecture.md)"
        );
    }
}

#[test]
fn modules_import_only_lower_layers() {
    let g = graph();
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let mut wrong = Vec::new();
    for (m, uses) in &g {
        let Some(ok) = allowed.get(m.as_str()) else {
            continue;
        };
        for u in uses {
            if !ok.contains(&u.as_str()) {
                wrong.push(format!("{m} -> {u}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layers (docs/architecture.md): {wrong:?}"
    );
}

#[test]
fn no_import_cycles() {
    let g = graph();
    // depth-first search for a back edge
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match state.get(n) {
            Some(1) => {
                let i = path.iter().position(|p| p == n).unwrap_or(0);
                let mut cycle = path[i..].to_vec();
                cycle.push(n.to_string());
                return Some(cycle);
            }
            Some(2) => return None,
            _ => {}
        }
        state.insert(n.to_string(), 1);
        path.push(n.to_string());
        for next in g.get(n).into_iter().flatten() {
            if let Some(c) = visit(next, g, state, path) {
                return Some(c);
            }
        }
        path.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in g.keys() {
        let mut path = Vec::new();
        if let Some(c) = visit(n, &g, &mut state, &mut path) {
            panic!("import cycle: {}", c.join(" -> "));
        }
    }
}

#[test]
fn the_binary_stays_thin() {
    let main = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/main.rs"))
        .expect("main.rs");
    assert!(
        main.lines().count() <= 30,
        "src/main.rs has grown past 30 lines"
    );
}

#[test]
fn no_source_file_is_too_long() {
    // Data tables and tests are allowed to be long; everything else stays readable.
    const LIMIT: usize = 600;
    const EXEMPT: &[&str] = &["tests.rs", "schema.rs"];
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut long = Vec::new();
    for f in files {
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if EXEMPT.contains(&name.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(&f).expect("source");
        // a file's own unit tests do not count
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        let n = code.lines().count();
        if n > LIMIT {
            long.push(format!(
                "{} ({n} lines)",
                f.strip_prefix(&src).unwrap_or(&f).display()
            ));
        }
    }
    assert!(long.is_empty(), "split these files: {long:?}");
}

#[test]
fn the_scanner_reads_imports() {
    let t = "use crate::data::{self, model};\nuse crate::{doc, fonts::x};\nlet a = crate::text::slug(s);\n// crate::nope\n#[cfg(test)]\nuse crate::template;";
    let got: Vec<String> = imports(t).into_iter().collect();
    assert_eq!(got, ["data", "doc", "fonts", "text"]);
}
