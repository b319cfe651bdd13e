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

/// A path as shown to people: relative to the process's working directory, with `../` for one
/// outside it (for the command line's messages, never for matching).
pub fn shown_from_cwd(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let relative = cwd.as_deref().and_then(|cwd| relative_to(path, cwd));
    shown_path(relative.as_deref().unwrap_or(path))
}

/// `path` relative to the directory `base` (`../lists/a.tf`), when both are absolute on the same
/// root; `..` in either is resolved first.
pub(super) fn relative_to(path: &Path, base: &Path) -> Option<PathBuf> {
    if !path.is_absolute() || !base.is_absolute() {
        return None;
    }
    let (path, base) = (lexically_normal(path), lexically_normal(base));
    let (mut to, mut from) = (path.components().peekable(), base.components().peekable());
    // Both start with the same root (and, on Windows, the same drive) or neither is relative.
    if to.peek() != from.peek() {
        return None;
    }
    while let (Some(a), Some(b)) = (to.peek(), from.peek()) {
        if a != b {
            break;
        }
        to.next();
        from.next();
    }
    let mut out: PathBuf = from.map(|_| Component::ParentDir).collect();
    out.extend(to);
    Some(out)
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

/// `9900` as `9,900`: a count as people read it.
pub fn thousands(n: impl ToString) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
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
    fn counts_are_grouped_by_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(9900), "9,900");
        assert_eq!(thousands(1_000_001u64), "1,000,001");
    }

    #[test]
    fn relative_paths_climb_out_of_the_base() {
        let relative = |p: &str, b: &str| relative_to(Path::new(p), Path::new(b));
        assert_eq!(relative("/r/a/b.tf", "/r/a"), Some(PathBuf::from("b.tf")));
        assert_eq!(
            relative("/r/modules/x/l.tf", "/r/environments/prod"),
            Some(PathBuf::from("../../modules/x/l.tf"))
        );
        assert_eq!(relative("/r/a", "/r/a"), Some(PathBuf::new()));
        assert_eq!(
            relative("/r/a/../b/c.tf", "/r/b"),
            Some(PathBuf::from("c.tf"))
        );
        assert_eq!(relative("a/b.tf", "/r"), None);
    }

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
