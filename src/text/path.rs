//! Paths as output shows them.

use std::path::Path;

/// A path as shown in output: `/` separators, without a leading `./`.
pub fn shown_path(path: impl AsRef<Path>) -> String {
    let text = path.as_ref().to_string_lossy();
    let text = if std::path::MAIN_SEPARATOR == '\\' {
        text.replace('\\', "/")
    } else {
        text.into_owned()
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

    #[test]
    fn sizes_use_the_largest_exact_unit() {
        assert_eq!(human_size(8 << 20), "8 MiB");
        assert_eq!(human_size(1000), "1000 bytes");
    }
}
