//! JSON pointers (RFC 6901), the one language in which rules, schemas and parsers name a place in
//! a document whatever its syntax. Every escape, build and display of a pointer happens here.
//!
//! Never imports anything of the crate: a leaf.

use std::borrow::Cow;
use std::ops::Range;

/// Which part of the node at a pointer a diagnostic points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// The key of an object member (the value when the node has no key).
    Key,
    /// The whole value.
    Value,
    /// The opening of an object: its `{`, its `[header]`, or the file start for the TOML root.
    Opening,
    /// A range found by the parser itself (such as the second of two equal keys).
    Exact(Range<usize>),
    /// The whole member — key, separator and value — with what joins it to its neighbours (a
    /// comma, or its own line): what removing it takes.
    Member,
}

/// Appends one member name, escaped. Pointers are built for every value a rule reads: the room
/// is made once, and the key is scanned for the two bytes to escape (both ASCII).
pub fn push_key(pointer: &mut String, key: &str) {
    pointer.reserve(1 + key.len());
    pointer.push('/');
    if key.bytes().any(|b| b == b'~' || b == b'/') {
        for c in key.chars() {
            match c {
                '~' => pointer.push_str("~0"),
                '/' => pointer.push_str("~1"),
                c => pointer.push(c),
            }
        }
    } else {
        pointer.push_str(key);
    }
}

/// Appends an array index without allocating (nor going through `fmt`).
pub fn push_index(pointer: &mut String, index: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = index;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    pointer.push('/');
    let digits = std::str::from_utf8(&digits[at..]).expect("ASCII digits");
    pointer.push_str(digits);
}

/// `pointer` followed by one member name.
pub fn child(pointer: &str, key: &str) -> String {
    // Room for the key as it most often is (unescaped), so that it is not copied again.
    let mut out = String::with_capacity(pointer.len() + 1 + key.len());
    out.push_str(pointer);
    push_key(&mut out, key);
    out
}

/// `pointer` followed by one array index.
pub fn element(pointer: &str, index: usize) -> String {
    let mut out = String::with_capacity(pointer.len() + 4);
    out.push_str(pointer);
    push_index(&mut out, index);
    out
}

/// The value at a pointer below `value`, as `serde_json::Value::pointer` finds it, without a
/// string made for each of its keys (the rules of an export's thousands of lists look up
/// several pointers each).
pub fn resolve<'v>(value: &'v serde_json::Value, pointer: &str) -> Option<&'v serde_json::Value> {
    if pointer.is_empty() {
        return Some(value);
    }
    let mut found = value;
    for segment in pointer.strip_prefix('/')?.split('/') {
        let segment = unescape(segment);
        found = match found {
            serde_json::Value::Object(map) => map.get(segment.as_ref())?,
            serde_json::Value::Array(items) => items.get(array_index(&segment)?)?,
            _ => return None,
        };
    }
    Some(found)
}

/// An array index as a pointer spells it: decimal digits, without a sign or a leading zero.
fn array_index(segment: &str) -> Option<usize> {
    let leading_zero = segment.starts_with('0') && segment.len() != 1;
    match segment.starts_with('+') || leading_zero {
        true => None,
        false => segment.parse().ok(),
    }
}

/// The pointer of the node that holds the one at `pointer` (the root holds itself).
pub fn parent(pointer: &str) -> &str {
    &pointer[..pointer.rfind('/').unwrap_or(0)]
}

/// Whether `pointer` lies strictly inside `ancestor`.
pub fn is_under(pointer: &str, ancestor: &str) -> bool {
    pointer
        .strip_prefix(ancestor)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// The segments of a pointer, unescaped (borrowed unless escaped: the pointers of an export's
/// thousands of resources are walked a segment at a time).
pub fn segments(pointer: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    pointer.split('/').skip(1).map(unescape)
}

/// The unescaped last segment of a pointer.
pub fn last_segment(pointer: &str) -> String {
    unescape(pointer.rsplit('/').next().unwrap_or("")).into_owned()
}

fn unescape(segment: &str) -> Cow<'_, str> {
    match segment.contains('~') {
        true => segment.replace("~1", "/").replace("~0", "~").into(),
        false => segment.into(),
    }
}

/// Whether `pointer` matches `pattern`, where a `*` segment matches any one segment.
pub fn matches(pointer: &str, pattern: &str) -> bool {
    let mut actual = pointer.split('/');
    let mut wanted = pattern.split('/');
    loop {
        match (actual.next(), wanted.next()) {
            (None, None) => return true,
            (Some(a), Some(w)) if w == "*" || a == w => {}
            _ => return false,
        }
    }
}

/// A pointer as the Genesys API names fields in its errors: `columns[1].type`.
pub fn field_path(pointer: &str) -> String {
    let mut out = String::new();
    for segment in pointer.split('/').skip(1) {
        if !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit()) {
            out.push('[');
            out.push_str(segment);
            out.push(']');
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&unescape(segment));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `resolve` finds what `serde_json::Value::pointer` finds, escapes and indexes included.
    #[test]
    fn resolve_finds_what_serde_json_finds() {
        let value = serde_json::json!({"a/b": {"c~d": [10, {"e": null}]}, "": {"x": 1}, "n": 0});
        let pointers = [
            "",
            "/a~1b",
            "/a~1b/c~0d",
            "/a~1b/c~0d/0",
            "/a~1b/c~0d/1/e",
            "/a~1b/c~0d/01",
            "/a~1b/c~0d/+1",
            "/a~1b/c~0d/2",
            "/a~1b/c~0d/-1",
            "//x",
            "/n/0",
            "a",
            "/missing",
            "/a~1b/c~0d/1/e/f",
        ];
        for pointer in pointers {
            assert_eq!(
                resolve(&value, pointer),
                value.pointer(pointer),
                "{pointer}"
            );
        }
    }

    #[test]
    fn keys_are_escaped_and_indexes_spelled_as_decimals() {
        assert_eq!(child("/a", "b/c~d"), "/a/b~1c~0d");
        assert_eq!(child("", "plain"), "/plain");
        assert_eq!(
            segments(&child("/a", "~1/é")).collect::<Vec<_>>(),
            ["a", "~1/é"]
        );
        for index in [0, 7, 10, 99, 1234567, usize::MAX] {
            assert_eq!(element("/a", index), format!("/a/{index}"));
        }
    }

    #[test]
    fn field_paths_read_like_api_field_names() {
        assert_eq!(field_path("/columns/1/type"), "columns[1].type");
        assert_eq!(field_path("/columnNames/0"), "columnNames[0]");
    }

    #[test]
    fn segments_are_escaped_and_unescaped() {
        assert_eq!(child("/a", "b/c~d"), "/a/b~1c~0d");
        assert_eq!(last_segment("/a/b~1c~0d"), "b/c~d");
        assert_eq!(segments("/a/b~1c").collect::<Vec<_>>(), vec!["a", "b/c"]);
        assert_eq!(element("/a", 3), "/a/3");
        assert_eq!(parent("/a/3"), "/a");
        assert_eq!(parent(""), "");
    }

    #[test]
    fn star_matches_one_segment() {
        assert!(matches("/columns/3/name", "/columns/*/name"));
        assert!(!matches("/columns/3", "/columns/*/name"));
    }
}
