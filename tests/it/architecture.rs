//! `docs/ARCHITECTURE.md`, held where a test can hold it: each top-level module of `src/`
//! imports only the modules it may (test code aside), and so do the files of `engine/` and the
//! parts of `model/`, so no graph has a cycle; the code map and each module's opening comment say
//! what `ALLOWED` says; only the modules `OUTSIDE` names reach the file system, threads, the
//! working directory, the standard streams, written files or the network; only `engine::place`
//! builds diagnostics; the engine builds without the `cli` feature; no code line is wider than
//! 100 columns.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// What each top-level module may import; the order is the layering, lowest first.
const ALLOWED: &[(&str, &[&str])] = &[
    ("memory", &[]),
    ("pointer", &[]),
    ("parallel", &[]),
    ("suggest", &[]),
    ("syntax", &["memory", "pointer"]),
    ("text", &["memory", "syntax"]),
    ("model", &["pointer", "suggest", "syntax"]),
    ("workspace", &["parallel", "syntax", "text"]),
    ("diagnostic", &["model", "pointer"]),
    (
        "rules",
        &[
            "diagnostic",
            "model",
            "parallel",
            "pointer",
            "suggest",
            "text",
        ],
    ),
    (
        "settings",
        &[
            "diagnostic",
            "model",
            "rules",
            "suggest",
            "syntax",
            "text",
            "workspace",
        ],
    ),
    (
        "engine",
        &[
            "diagnostic",
            "model",
            "parallel",
            "pointer",
            "rules",
            "settings",
            "suggest",
            "syntax",
            "text",
            "workspace",
        ],
    ),
    (
        "walk",
        &["engine", "model", "settings", "syntax", "text", "workspace"],
    ),
    (
        "fix",
        &["diagnostic", "engine", "settings", "syntax", "text"],
    ),
    (
        "server",
        &[
            "diagnostic",
            "engine",
            "fix",
            "model",
            "pointer",
            "settings",
            "syntax",
            "text",
            "walk",
            "workspace",
        ],
    ),
    (
        "render",
        &["diagnostic", "engine", "model", "rules", "text"],
    ),
    (
        "cli",
        &[
            "diagnostic",
            "engine",
            "fix",
            "memory",
            "model",
            "parallel",
            "pointer",
            "render",
            "rules",
            "server",
            "settings",
            "suggest",
            "syntax",
            "text",
            "walk",
            "workspace",
        ],
    ),
];

/// What each file of `engine/` may import of its siblings (`super::`, `crate::engine::`); the
/// order is the layering, lowest first. `mod.rs` joins them and is left out.
const ENGINE: &[(&str, &[&str])] = &[
    ("input", &[]),
    ("contacts_path", &["input"]),
    ("report", &["contacts_path", "input"]),
    ("facts", &[]),
    ("place", &["report"]),
    (
        "file",
        &["contacts_path", "facts", "input", "place", "report"],
    ),
    ("contact_file", &["file", "input", "place", "report"]),
    ("project", &["facts", "file", "input", "place", "report"]),
    ("module", &["input", "place", "report"]),
    (
        "batch",
        &[
            "contact_file",
            "contacts_path",
            "facts",
            "file",
            "input",
            "module",
            "project",
            "report",
        ],
    ),
];

/// What each part of `model/` (a file, or a folder of files) may import, lowest first.
const MODEL: &[(&str, &[&str])] = &[
    ("vocabulary", &[]),
    ("profile", &["vocabulary"]),
    ("recognise", &["vocabulary"]),
    ("schema", &[]),
    ("contact_file", &["vocabulary"]),
    ("provider", &[]),
    ("terraform", &["provider", "schema"]),
    ("outbound", &["contact_file", "terraform", "vocabulary"]),
];

/// The top-level module of a file under `src/` (`None` for `lib.rs` and `main.rs`).
fn module_of(relative: &Path) -> Option<String> {
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "lib" && name != "main").then(|| name.to_owned())
}

/// The top-level modules a file's non-test code names through `crate::` (or `$crate::`).
fn imports(text: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    imports_through(text, &["crate::"], modules)
}

/// The modules a file's non-test code names through one of `prefixes`, directly or in a group.
fn imports_through(text: &str, prefixes: &[&str], modules: &BTreeSet<String>) -> BTreeSet<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    let mut found = BTreeSet::new();
    let lines = code.lines().filter(|l| !l.trim_start().starts_with("//"));
    for line in lines {
        let uses = prefixes
            .iter()
            .flat_map(|p| line.match_indices(p).map(|(at, _)| at + p.len()));
        for after in uses {
            let rest = &line[after..];
            let names: Vec<&str> = match rest.strip_prefix('{') {
                Some(group) => group.split([',', '}']).collect(),
                None => vec![rest],
            };
            for name in names {
                let name: String = name
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if modules.contains(&name) {
                    found.insert(name);
                }
            }
        }
    }
    found
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_module_imports_only_what_it_may() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    files(&src, &mut paths);
    let modules: BTreeSet<String> = paths
        .iter()
        .filter_map(|p| module_of(p.strip_prefix(&src).unwrap()))
        .collect();
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let listed: BTreeSet<String> = allowed.keys().map(|m| m.to_string()).collect();
    assert_eq!(
        modules, listed,
        "every module of src/ has its line in ALLOWED"
    );
    let mut violations = Vec::new();
    for path in &paths {
        let relative = path.strip_prefix(&src).unwrap();
        let Some(module) = module_of(relative) else {
            continue;
        };
        let text = fs::read_to_string(path).unwrap();
        for imported in imports(&text, &modules) {
            if imported != module && !allowed[module.as_str()].contains(&imported.as_str()) {
                violations.push(format!("{} imports {imported}", relative.display()));
            }
        }
    }
    assert!(violations.is_empty(), "{violations:#?}");
}

/// The modules only the `cli` feature builds: what needs a terminal, a file system or threads.
const CLI_ONLY: &[&str] = &["cli", "server", "walk"];

/// The crates only the `cli` feature brings, and the module that may name each outside them.
const CLI_CRATES: &[(&str, Option<&str>)] = &[
    ("clap", None),
    ("clap_complete", None),
    ("ignore", None),
    ("lsp_server", None),
    ("lsp_types", None),
    ("rayon", Some("parallel")),
];

/// The engine builds without the `cli` feature (the browser page's build): the CLI-only modules
/// are declared under `cfg(feature = "cli")`, no other module imports them (the layering above
/// already says so), and no other module names a CLI-only crate except through
/// `cfg_attr(feature = "cli", …)` or in `parallel`, which runs on the calling thread without it.
#[test]
fn the_engine_builds_without_the_cli_feature() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lib = fs::read_to_string(root.join("src/lib.rs")).unwrap();
    for module in CLI_ONLY {
        let gated = format!("#[cfg(feature = \"cli\")]\npub mod {module};");
        assert!(
            lib.contains(&gated),
            "src/lib.rs declares {module} without the feature"
        );
    }
    for (below, allowed) in ALLOWED {
        let not_cli = !CLI_ONLY.contains(below);
        assert!(
            !not_cli || allowed.iter().all(|m| !CLI_ONLY.contains(m)),
            "{below} may import a CLI-only module"
        );
    }
    let src = root.join("src");
    let mut paths = Vec::new();
    files(&src, &mut paths);
    let mut violations = Vec::new();
    for path in &paths {
        let relative = path.strip_prefix(&src).unwrap();
        let module = module_of(relative).unwrap_or_default();
        if CLI_ONLY.contains(&module.as_str()) {
            continue;
        }
        let text = fs::read_to_string(path).unwrap();
        for (crate_name, owner) in CLI_CRATES {
            let named = text
                .lines()
                .filter(|line| line.contains(&format!("{crate_name}::")));
            for line in named {
                let gated = line.contains("cfg_attr(feature = \"cli\"");
                if !gated && *owner != Some(module.as_str()) {
                    violations.push(format!("{}: {}", relative.display(), line.trim()));
                }
            }
        }
    }
    assert!(violations.is_empty(), "{violations:#?}");
}

#[test]
fn every_file_of_the_engine_imports_only_what_it_may() {
    let engine = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/engine");
    let mut paths = Vec::new();
    files(&engine, &mut paths);
    let name = |path: &Path| path.file_stem().unwrap().to_str().unwrap().to_owned();
    let modules: BTreeSet<String> = paths
        .iter()
        .map(|p| name(p))
        .filter(|n| n != "mod")
        .collect();
    let allowed: BTreeMap<&str, &[&str]> = ENGINE.iter().copied().collect();
    let listed: BTreeSet<String> = allowed.keys().map(|m| m.to_string()).collect();
    assert_eq!(
        modules, listed,
        "every file of engine/ has its line in ENGINE"
    );
    let mut violations = Vec::new();
    for path in paths.iter().filter(|p| name(p) != "mod") {
        let module = name(path);
        let text = fs::read_to_string(path).unwrap();
        for imported in imports_through(&text, &["super::", "crate::engine::"], &modules) {
            if imported != module && !allowed[module.as_str()].contains(&imported.as_str()) {
                violations.push(format!("engine/{module}.rs imports {imported}"));
            }
        }
    }
    assert!(violations.is_empty(), "{violations:#?}");
}

/// Each part of `model/` (a file, or a folder such as `provider/`) imports only the parts of
/// `model/` listed for it in [`MODEL`], so `model/` has no cycle either.
#[test]
fn every_part_of_the_model_imports_only_what_it_may() {
    let model = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/model");
    let mut paths = Vec::new();
    files(&model, &mut paths);
    let part = |path: &Path| {
        let relative = path.strip_prefix(&model).unwrap();
        let first = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_str()
            .unwrap();
        first.trim_end_matches(".rs").to_owned()
    };
    let parts: BTreeSet<String> = paths
        .iter()
        .map(|p| part(p))
        .filter(|p| p != "mod")
        .collect();
    let allowed: BTreeMap<&str, &[&str]> = MODEL.iter().copied().collect();
    let listed: BTreeSet<String> = allowed.keys().map(|m| m.to_string()).collect();
    assert_eq!(parts, listed, "every part of model/ has its line in MODEL");
    let mut violations = Vec::new();
    for path in paths.iter().filter(|p| part(p) != "mod") {
        let own = part(path);
        let text = fs::read_to_string(path).unwrap();
        // `super::` inside a folder names the folder's own files; only `crate::model::` and a
        // top file's `super::` name the other parts.
        let prefixes: &[&str] = match path.parent() == Some(model.as_path()) {
            true => &["super::", "crate::model::"],
            false => &["crate::model::"],
        };
        for imported in imports_through(&text, prefixes, &parts) {
            if imported != own && !allowed[own.as_str()].contains(&imported.as_str()) {
                violations.push(format!("model/{own} imports {imported}"));
            }
        }
    }
    assert!(violations.is_empty(), "{violations:#?}");
}

/// What reaches outside the process's memory: its name, the names in code that reach it, and the
/// files of `src/` that may (a folder ends in `/`), each for its reason in docs/ARCHITECTURE.md
/// ("Invariants"). The list is exact: each place named here uses it.
const OUTSIDE: &[(&str, &[&str], &[&str])] = &[
    (
        "the file system",
        &[
            "fs::",
            "File::open",
            "File::create",
            "read_dir",
            "metadata(",
            "canonicalize",
            ".exists()",
            ".is_file()",
            ".is_dir()",
            ".is_symlink()",
            "ignore::",
        ],
        &[
            // An input the engine is given as a path: its size, and its bytes under the cap.
            "engine/input.rs",
            "text/source.rs",
            // The files around the inputs, through `Disk`, the command line's `Environment`.
            "workspace.rs",
            // `contactlint.toml`, found and read for the command line and the server, and the
            // lists its `[[contacts]]` name.
            "settings/config/",
            // A fixed file, written through a temporary file (`--fix`).
            "fix/write.rs",
            // The `cli` feature's: the walk, the command line, the language server.
            "walk.rs",
            "cli/",
            "server/",
        ],
    ),
    (
        "threads",
        &["thread::", "rayon::", "available_parallelism"],
        &[
            // The engine's pool (rayon's with the `cli` feature, the calling thread without).
            "parallel.rs",
            // A large contact file's reader thread (`std::thread::scope`).
            "engine/contact_file.rs",
            // The transport's reader and writer, a workspace folder's first read.
            "server/",
        ],
    ),
    (
        "the working directory",
        &["current_dir", "path::absolute"],
        &[
            // How a path is shown, read at each call (never kept).
            "text/path.rs",
            // An input's id: its absolute path.
            "text/source.rs",
            // The configuration's root.
            "settings/config/",
            "cli/",
        ],
    ),
    (
        "writing files",
        &[
            "File::create",
            "fs::write",
            "rename(",
            "remove_file",
            "set_permissions",
            "OpenOptions",
            "create_dir",
        ],
        &[
            // A fixed file (`--fix`): checking itself never writes.
            "fix/write.rs",
            // `--output FORMAT=PATH`.
            "cli/",
        ],
    ),
    (
        "the standard streams",
        &[
            "print!", "println!", "eprint", "dbg!", "stdout()", "stderr()", "stdin()",
        ],
        &[
            // Standard input as an input (`-`).
            "text/source.rs",
            // The protocol, on standard input and output.
            "server/transport.rs",
            // What a run prints.
            "cli/",
        ],
    ),
    (
        "the network",
        &[
            "std::net",
            "TcpStream",
            "UdpSocket",
            "Connection::listen",
            "Connection::connect",
        ],
        &[],
    ),
];

/// Whether `place` (a file, or a folder ending in `/`) holds the file at `relative`.
fn holds(place: &str, relative: &str) -> bool {
    match place.strip_suffix('/') {
        Some(folder) => relative.starts_with(&format!("{folder}/")),
        None => relative == place,
    }
}

/// The file system, threads, the working directory, the standard streams and the network are
/// reached only where [`OUTSIDE`] allows (test code and comments aside), and each place it
/// allows does reach them: docs/ARCHITECTURE.md's statements of who may, held.
#[test]
fn only_the_allowed_modules_reach_outside_memory() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    files(&src, &mut paths);
    let mut violations = Vec::new();
    for (what, names, allowed) in OUTSIDE {
        let mut used: BTreeSet<&str> = BTreeSet::new();
        for path in &paths {
            let relative = path.strip_prefix(&src).unwrap().to_str().unwrap();
            let relative = relative.replace('\\', "/");
            let text = fs::read_to_string(path).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or(&text);
            let lines = code.lines().filter(|l| !l.trim_start().starts_with("//"));
            for line in lines.filter(|line| names.iter().any(|name| line.contains(name))) {
                match allowed.iter().find(|place| holds(place, &relative)) {
                    Some(place) => {
                        used.insert(place);
                    }
                    None => violations.push(format!("{relative} reaches {what}: {}", line.trim())),
                }
            }
        }
        for place in allowed.iter().filter(|place| !used.contains(*place)) {
            violations.push(format!(
                "{place} may reach {what} but does not: leave it out"
            ));
        }
    }
    assert!(violations.is_empty(), "{violations:#?}");
}

/// The backticked names of `text` that are modules of [`ALLOWED`] (`engine`, `syntax/`,
/// `walk.rs`).
fn modules_named(text: &str) -> BTreeSet<&'static str> {
    let names = text.split('`').skip(1).step_by(2);
    let names = names.map(|name| name.trim_end_matches('/').trim_end_matches(".rs"));
    let module = |name: &str| ALLOWED.iter().map(|(m, _)| *m).find(|m| *m == name);
    names.filter_map(module).collect()
}

/// The sentence of `text` that starts with `start`, up to its full stop.
fn sentence<'a>(text: &'a str, start: &str) -> Option<&'a str> {
    let from = &text[text.find(start)?..];
    let end = from.match_indices('.').map(|(at, _)| at).find(|&at| {
        from[at + 1..]
            .chars()
            .next()
            .is_none_or(char::is_whitespace)
    });
    Some(&from[..end.unwrap_or(from.len())])
}

fn allowed(module: &str) -> BTreeSet<&'static str> {
    let (_, may) = ALLOWED.iter().find(|(m, _)| *m == module).unwrap();
    may.iter().copied().collect()
}

/// Every other module of [`ALLOWED`].
fn others(module: &str) -> BTreeSet<&'static str> {
    ALLOWED
        .iter()
        .map(|(m, _)| *m)
        .filter(|m| *m != module)
        .collect()
}

/// docs/ARCHITECTURE.md's code map has a section for each top-level module, in an order where
/// each imports only modules above it, and each section says exactly what [`ALLOWED`] says:
/// "A leaf" (nothing), "May import anything", or "Imports `a` and `b`; never `c` or `d`."
#[test]
fn the_code_map_says_what_each_module_imports() {
    let doc =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/ARCHITECTURE.md"));
    let doc = doc.unwrap();
    let map = doc.split("\n## Code map\n").nth(1).unwrap();
    let map = map.split("\n## ").next().unwrap();
    let mut above: Vec<&str> = Vec::new();
    for section in map.split("\n### ").skip(1) {
        let (heading, text) = section.split_once('\n').unwrap();
        // A module's section is headed by its name alone (`syntax/`, `walk.rs`).
        let name = heading
            .trim()
            .strip_prefix('`')
            .and_then(|h| h.strip_suffix('`'));
        let named = name.map(|name| modules_named(&format!("`{name}`")));
        let Some(&module) = named.as_ref().and_then(BTreeSet::first) else {
            continue;
        };
        let text = text.replace('\n', " ");
        let may = allowed(module);
        if text.contains("A leaf") {
            assert!(may.is_empty(), "{module} is said to be a leaf");
        } else if text.contains("May import anything") {
            assert_eq!(may, others(module), "{module} is said to import anything");
        } else {
            let says = sentence(&text, "Imports ");
            let says = says.unwrap_or_else(|| panic!("{module}: no \"Imports\" sentence"));
            let (imports, never) = says.split_once("; never").unwrap_or((says, ""));
            assert_eq!(modules_named(imports), may, "{module}: {says}");
            let never = modules_named(never);
            let both: Vec<&&str> = never.intersection(&may).collect();
            assert!(both.is_empty(), "{module} is said never to import {both:?}");
        }
        let later: Vec<&&str> = may.iter().filter(|m| !above.contains(m)).collect();
        assert!(
            later.is_empty(),
            "{module} imports {later:?}, shown below it"
        );
        above.push(module);
    }
    let missing: Vec<&str> = ALLOWED
        .iter()
        .map(|(m, _)| *m)
        .filter(|m| !above.contains(m))
        .collect();
    assert!(
        missing.is_empty(),
        "no section in the code map for {missing:?}"
    );
}

/// Each top-level module's opening comment says what it must not import ("Never imports `a`
/// or `b`.", or "Never imports anything of the crate." for a leaf), and [`ALLOWED`] agrees;
/// `cli`'s says it may import every other module.
#[test]
fn every_module_header_says_what_it_must_not_import() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for (module, _) in ALLOWED {
        let folder = src.join(module).join("mod.rs");
        let path = match folder.is_file() {
            true => folder,
            false => src.join(format!("{module}.rs")),
        };
        let text = fs::read_to_string(&path).unwrap();
        let header: Vec<&str> = text
            .lines()
            .map_while(|line| line.strip_prefix("//!"))
            .map(str::trim)
            .collect();
        let header = header.join(" ");
        let may = allowed(module);
        if *module == "cli" {
            assert!(header.contains("May import every other module"), "{header}");
            assert_eq!(may, others(module));
            continue;
        }
        let never = sentence(&header, "Never imports ");
        let never = never.unwrap_or_else(|| panic!("{module}: no \"Never imports\" in {header}"));
        if never.contains("anything of the crate") {
            assert!(may.is_empty(), "{module}: {never}");
            continue;
        }
        let named = modules_named(never);
        assert!(!named.is_empty(), "{module}: {never}");
        let both: Vec<&&str> = named.intersection(&may).collect();
        assert!(both.is_empty(), "{module} may import {both:?}: {never}");
    }
}

/// A finding's severity is decided in `engine::place` only: no other code of the crate builds a
/// `Diagnostic` or an `Omitted` (test code aside).
#[test]
fn diagnostics_are_built_in_engine_place_only() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    files(&src, &mut paths);
    let mut built = Vec::new();
    for path in &paths {
        let relative = path
            .strip_prefix(&src)
            .unwrap()
            .to_str()
            .unwrap()
            .replace('\\', "/");
        let text = fs::read_to_string(path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or(&text);
        let literals = code.lines().filter(|line| {
            let literal = |name: &str| {
                line.contains(&format!("{name} {{"))
                    && !line.contains(&format!("struct {name}"))
                    && !line.contains(&format!("lsp_types::{name}"))
                    && !line.contains("->")
                    && !line.contains("impl")
            };
            !line.trim_start().starts_with("//") && (literal("Diagnostic") || literal("Omitted"))
        });
        for line in literals {
            built.push(format!("{relative}: {}", line.trim()));
        }
    }
    let placed: Vec<&String> = built
        .iter()
        .filter(|b| b.starts_with("engine/place.rs"))
        .collect();
    assert_eq!(placed.len(), 2, "{built:#?}");
    assert_eq!(built.len(), 2, "built outside engine/place.rs: {built:#?}");
}

/// Each module may import only modules listed before it, so the allowed graph has no cycle.
#[test]
fn the_allowed_imports_are_layered() {
    for table in [ALLOWED, ENGINE, MODEL] {
        for (position, (module, may)) in table.iter().enumerate() {
            let lower: Vec<&str> = table[..position].iter().map(|(m, _)| *m).collect();
            for imported in *may {
                assert!(
                    lower.contains(imported),
                    "{module} may import {imported}, a later module"
                );
            }
        }
    }
}

#[test]
fn imports_are_read_from_paths_and_groups_but_not_from_tests() {
    let modules: BTreeSet<String> = ["engine", "rules", "text"].map(String::from).into();
    let text = "use crate::{engine, text::SourceFile};\nlet x = $crate::rules::X;\n// \
        crate::walk\n#[cfg(test)]\nuse crate::model;";
    let expected: BTreeSet<String> = ["engine", "rules", "text"].map(String::from).into();
    assert_eq!(imports(text, &modules), expected);
}

/// rustfmt leaves alone a statement it cannot fit (a long string, a macro), and `cargo fmt
/// --check` then accepts it: no code line of the crate, its tests or benches is wider than 100
/// columns (comments aside; long messages are split with `\` or kept in constants).
#[test]
fn no_code_line_is_wider_than_100_columns() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = vec![root.join("build.rs")];
    for dir in ["src", "tests/it", "benches"] {
        files(&root.join(dir), &mut paths);
    }
    let mut wide = Vec::new();
    for path in &paths {
        let text = fs::read_to_string(path).unwrap();
        for (index, line) in text.lines().enumerate() {
            let width = line.chars().count();
            if width > 100 && !line.trim_start().starts_with("//") {
                let shown = path.strip_prefix(root).unwrap().display();
                wide.push(format!("{shown}:{}: {width} columns", index + 1));
            }
        }
    }
    assert!(wide.is_empty(), "{wide:#?}");
}
