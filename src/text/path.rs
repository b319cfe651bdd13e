//! Paths as output shows them.

use std::path::{Component, Path, PathBuf};

/// A path as shown in output: `/` separators, without a leading `./`; bytes that are not UTF-8
/// are written `\xNN`, so that two such names never print alike.
pub fn shown_path(path: impl AsRef<Path>) -> String {
    let text = escaped(path.as_ref());
    let text = if std::path::MAIN_SEPARATOR == '\\' {
        text.replace('\\', "/")
    } else {
        text
    };
    let mut rest = text.as_str();
    while let Some(stripped) = rest.strip_prefix("./") {
        rest = stripped.trim_start_matches('/');
    }
    if rest.is_empty() {
        ".".to_owned()
    } else {
        rest.to_owned()
    }
}

/// The path as text, invalid UTF-8 escaped byte by byte.
fn escaped(path: &Path) -> String {
    if let Some(text) = path.to_str() {
        return text.to_owned();
    }
    let mut out = String::new();
    for chunk in path.as_os_str().as_encoded_bytes().utf8_chunks() {
        out.push_str(chunk.valid());
        for byte in chunk.invalid() {
            out.push_str(&format!("\\x{byte:02X}"));
        }
    }
    out
}

/// A path as shown to people: relative to the process's working directory when it lies inside
/// it (for the command line's messages, never for matching).
pub fn shown_from_cwd(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let relative = cwd.as_deref().and_then(|cwd| path.strip_prefix(cwd).ok());
    shown_path(relative.unwrap_or(path))
}

/// Resolves `.` and `..` without touching the file system (symlinks stay as written).
pub fn lexically_normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A path as shown (relative to `working_dir`, or absolute) made relative to `root`, as the CI
/// formats show paths: `lists/a.json` run in `repo/sub` with `repo` as the root is
/// `sub/lists/a.json`, and `../b.json` is `b.json`. A path outside `root` is shown absolute.
pub fn shown_from_root(shown: &str, working_dir: &Path, root: &Path) -> String {
    let absolute = lexically_normal(&working_dir.join(shown));
    match absolute.strip_prefix(lexically_normal(root)) {
        Ok(inside) => shown_path(inside),
        Err(_) => shown_path(absolute),
    }
}

/// `8 MiB`, `512 KiB` or `100 bytes`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
    for (size, unit) in UNITS {
        if bytes >= size && bytes.is_multiple_of(size) {
            return format!("{} {unit}", bytes / size);
        }
    }
    format!("{bytes} bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_paths_drop_leading_dot_slash() {
        assert_eq!(shown_path("./lists/a.json"), "lists/a.json");
        assert_eq!(shown_path("lists/a.json"), "lists/a.json");
        assert_eq!(shown_path("./"), ".");
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_are_escaped() {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"lists/caf\xe9.json");
        assert_eq!(shown_path(name), "lists/caf\\xE9.json");
    }

    #[cfg(unix)]
    #[test]
    fn paths_from_the_root() {
        let (cwd, root) = (Path::new("/repo/sub"), Path::new("/repo"));
        assert_eq!(
            shown_from_root("lists/a.json", cwd, root),
            "sub/lists/a.json"
        );
        assert_eq!(shown_from_root("../b.json", cwd, root), "b.json");
        assert_eq!(shown_from_root("/repo/c d.tf", cwd, root), "c d.tf");
        assert_eq!(shown_from_root("../../x.json", cwd, root), "/x.json");
        assert_eq!(shown_from_root(".", cwd, root), "sub");
        assert_eq!(shown_from_root("a.json", root, root), "a.json");
    }

    #[test]
    fn sizes_use_the_largest_exact_unit() {
        assert_eq!(human_size(8 << 20), "8 MiB");
        assert_eq!(human_size(1000), "1000 bytes");
    }
}
