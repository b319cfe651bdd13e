//! Puts the commit the binary is built from into `--version`, when the build runs in a git
//! checkout (a source archive without `.git` gives the version alone), and writes the schemas
//! the compiled validators are generated from (see `validators` below).
//!
//! Cargo reruns a build script on every invocation when a path it watches does not exist, and a
//! rerun rebuilds the crate and relinks every target. So this script watches only paths that
//! exist: the HEAD file, and the ref HEAD names (loose, or `packed-refs` when it is packed), in
//! the repository's git directory or, for a linked worktree, in its own and the common one. The
//! logic follows ruff's `crates/ruff/build.rs`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Map, Value};

/// The schemas of `schemas/` the crate validates against, and the struct each one's validator is.
const VALIDATORS: [(&str, &str); 2] = [
    ("definition.schema.json", "DefinitionSchema"),
    ("api.schema.json", "ApiSchema"),
];

/// What `pattern` is renamed to in the schemas the validators are generated from: a keyword
/// `src/model/schema/pattern.rs` decides in code.
const PATTERN_KEYWORD: &str = "contactlintPattern";

/// The arrays whose `maxItems` (the documented limit of 50 columns) the validators leave out:
/// the limit is a setting (`[limits] columns`), which `too-many-columns` checks.
const COLUMN_ARRAYS: [&str; 2] = ["/properties/columns", "/properties/columnNames"];

fn main() {
    // Without this, a script that watches nothing is rerun when any file of the package changes.
    println!("cargo:rerun-if-changed=build.rs");
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    if let Some(head) = manifest_dir.and_then(|dir| git_head(&dir.join(".git"))) {
        watch(&head);
        if let Some(branch) = fs::read_to_string(&head)
            .ok()
            .and_then(|text| text.strip_prefix("ref:").map(|name| name.trim().to_owned()))
        {
            watch_ref(&head, &branch);
        }
    }
    let version = env!("CARGO_PKG_VERSION");
    let text = match commit() {
        Some(commit) => format!("{version} ({commit})"),
        None => version.to_owned(),
    };
    println!("cargo:rustc-env=CONTACTLINT_VERSION={text}");
    validators();
}

/// Writes `validators.rs` into `OUT_DIR`: one `#[jsonschema::validator]` struct per schema of
/// [`VALIDATORS`], generated from a copy of the schema whose `pattern`s are [`PATTERN_KEYWORD`]s.
/// A `pattern` would be a regex compiled at the first check, and compiling its Unicode classes
/// was half the time of checking one file; the shipped schemas keep `pattern`, which editors and
/// other validators understand. The copy has no limit of columns ([`COLUMN_ARRAYS`]); the
/// shipped schemas keep the documented one.
fn validators() {
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut items = format!("const PATTERN_KEYWORD: &str = {PATTERN_KEYWORD:?};\n");
    for (file, name) in VALIDATORS {
        let shipped = Path::new("schemas").join(file);
        watch(&shipped);
        let text = fs::read_to_string(&shipped).expect("the schemas are part of the package");
        let mut schema: Value = serde_json::from_str(&text).expect("the schemas are valid JSON");
        for pointer in COLUMN_ARRAYS {
            if let Some(Value::Object(array)) = schema.pointer_mut(pointer) {
                array.shift_remove("maxItems");
            }
        }
        let derived = out_dir.join(file);
        let written = serde_json::to_string_pretty(&rename_patterns(schema));
        fs::write(&derived, written.expect("a Value serialises")).expect("OUT_DIR is writable");
        let path = derived.display().to_string();
        items.push_str(&format!(
            "#[jsonschema::validator(path = {path:?}, draft = Draft202012, keywords = {{ \
             {PATTERN_KEYWORD:?} => crate::model::schema::pattern::keyword }})]\n\
             struct {name};\n",
        ));
    }
    fs::write(out_dir.join("validators.rs"), items).expect("OUT_DIR is writable");
}

/// `value` with every schema's `pattern` member renamed, in place (members keep their order).
fn rename_patterns(value: Value) -> Value {
    match value {
        Value::Object(members) => Value::Object(
            members
                .into_iter()
                .map(|(key, member)| {
                    let is_pattern = key == "pattern" && member.is_string();
                    let key = if is_pattern {
                        PATTERN_KEYWORD.to_owned()
                    } else {
                        key
                    };
                    (key, rename_patterns(member))
                })
                .collect::<Map<String, Value>>(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(rename_patterns).collect()),
        scalar @ (Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_)) => scalar,
    }
}

/// Tells cargo to rerun when `path` changes; only ever called with a path that exists.
fn watch(path: &Path) {
    println!("cargo:rerun-if-changed={}", path.display());
}

/// The HEAD file of the checkout whose `.git` is `git`: inside it when it is a directory, in the
/// directory its `gitdir:` line names when it is a file (a linked worktree, a submodule).
fn git_head(git: &Path) -> Option<PathBuf> {
    if git.is_dir() {
        return Some(git.join("HEAD")).filter(|head| head.is_file());
    }
    let pointer = fs::read_to_string(git).ok()?;
    // The pointer itself changes when the worktree is moved.
    watch(git);
    let named = PathBuf::from(pointer.strip_prefix("gitdir:")?.trim());
    let dir = if named.is_absolute() {
        named
    } else {
        git.parent()?.join(named)
    };
    Some(dir.join("HEAD")).filter(|head| head.is_file())
}

/// Watches where the branch `name` (`refs/heads/main`) keeps its commit: a loose ref file, or
/// `packed-refs` and the nearest directory a new loose ref would appear in.
fn watch_ref(head: &Path, name: &str) {
    let Some(own_dir) = head.parent() else {
        return;
    };
    // A worktree's branch refs live in the common git directory its `commondir` names.
    let common_file = own_dir.join("commondir");
    let common_dir = match fs::read_to_string(&common_file) {
        Ok(text) => {
            watch(&common_file);
            own_dir.join(text.trim())
        }
        Err(_) => own_dir.to_path_buf(),
    };
    let loose = common_dir.join(name);
    if loose.is_file() {
        watch(&loose);
        return;
    }
    let packed = common_dir.join("packed-refs");
    if packed.is_file() {
        watch(&packed);
    }
    if let Some(existing) = loose.ancestors().find(|dir| dir.is_dir()) {
        watch(existing);
    }
}

/// The short hash of HEAD.
fn commit() -> Option<String> {
    let output = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .output()
        .ok()
        .filter(|output| output.status.success())?;
    let hash = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    (!hash.is_empty()).then_some(hash)
}
