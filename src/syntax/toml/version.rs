//! TOML 1.0, exactly. The `toml` crate reads TOML 1.1 and lets a few malformed literals through;
//! a list must be TOML 1.0 (docs/inputs/json-toml.md), the version Python's `tomllib` and most
//! converters read. Each check takes the source text of one node the parser accepted and says
//! what 1.0 refuses.

use std::ops::Range;

use super::SyntaxError;

/// Most converters read TOML 1.0; said once, at the end of every message about a 1.1 form.
const NEWER: &str = "a TOML 1.1 form that TOML 1.0 readers such as Python's tomllib refuse";

/// A second byte-order mark: the decoder has already taken off the first.
pub(super) fn second_byte_order_mark(text: &str) -> Option<SyntaxError> {
    text.starts_with('\u{feff}').then(|| SyntaxError {
        message: "a second byte-order mark; a file starts with at most one".into(),
        range: 0..'\u{feff}'.len_utf8(),
    })
}

/// An integer as TOML 1.0 writes it: an optional sign and decimal digits without a leading
/// zero, or `0x`, `0o`, `0b` and at least one digit of that base; `_` only between digits.
pub(super) fn integer(text: &str, span: Range<usize>) -> Option<SyntaxError> {
    let raw = &text[span.clone()];
    let (digits, radix) = match raw.get(..2) {
        Some("0x") => (&raw[2..], 16),
        Some("0o") => (&raw[2..], 8),
        Some("0b") => (&raw[2..], 2),
        _ => (raw.strip_prefix(['+', '-']).unwrap_or(raw), 10),
    };
    let each_digit = digits
        .split('_')
        .all(|group| !group.is_empty() && group.chars().all(|c| c.is_ascii() && c.is_digit(radix)));
    let leading_zero = radix == 10 && digits.len() > 1 && digits.starts_with('0');
    (!each_digit || leading_zero).then(|| SyntaxError {
        message: format!(
            "`{raw}` is not a TOML integer: write ASCII digits of its base, with `_` only \
             between two of them and no leading zero"
        ),
        range: span,
    })
}

/// A time has seconds in TOML 1.0 (`17:45:00`, not `17:45`).
pub(super) fn datetime(text: &str, span: Range<usize>) -> Option<SyntaxError> {
    let raw = &text[span.clone()];
    let colon = raw.find(':')?;
    let has_seconds = raw.as_bytes().get(colon + 3) == Some(&b':');
    (!has_seconds).then(|| SyntaxError {
        message: format!("the time in `{raw}` has no seconds (write `HH:MM:SS`): {NEWER}"),
        range: span,
    })
}

/// The escapes `\x` and `\e` of a basic string (a key or a value) came in TOML 1.1.
pub(super) fn string(text: &str, span: Range<usize>) -> Option<SyntaxError> {
    let raw = &text[span.clone()];
    if !raw.starts_with('"') {
        return None;
    }
    let mut bytes = raw.bytes().enumerate();
    while let Some((at, byte)) = bytes.next() {
        if byte != b'\\' {
            continue;
        }
        let (replacement, start) = match bytes.next() {
            Some((_, b'x')) => ("`\\u00XX`", at),
            Some((_, b'e')) => ("`\\u001B`", at),
            _ => continue,
        };
        let start = span.start + start;
        return Some(SyntaxError {
            message: format!("this escape is {NEWER}; write {replacement}"),
            range: start..start + 2,
        });
    }
    None
}

/// What an inline table's brackets and strings leave to read, one byte at a time.
#[derive(Clone, Copy, PartialEq)]
enum Within {
    Table,
    Array,
}

/// An inline table stays on one line and has no comma after its last pair in TOML 1.0; newlines
/// are fine inside its arrays and multi-line strings.
pub(super) fn inline_table(text: &str, span: Range<usize>) -> Option<SyntaxError> {
    let raw = text[span.clone()].as_bytes();
    let mut open = Vec::new();
    let mut last_comma = None;
    let mut at = 0;
    while at < raw.len() {
        let byte = raw[at];
        match byte {
            b'"' | b'\'' => at = string_end(raw, at),
            b'#' => at = memchr::memchr(b'\n', &raw[at..]).map_or(raw.len(), |n| at + n),
            b'{' => open.push(Within::Table),
            b'[' => open.push(Within::Array),
            b'}' | b']' => {
                open.pop();
            }
            _ => {}
        }
        let in_table = open.last() == Some(&Within::Table);
        if in_table && byte == b'\n' {
            let message = format!("an inline table must stay on one line: this newline is {NEWER}");
            // At the end of the line, not over the line break (which would show two lines).
            let end = span.start + at - usize::from(raw[..at].ends_with(b"\r"));
            return Some(SyntaxError {
                message,
                range: end..end,
            });
        }
        if in_table && byte == b',' {
            last_comma = Some(at);
        } else if byte == b'}' && last_comma.is_some() {
            let message = format!("a comma after an inline table's last pair is {NEWER}");
            return Some(error(span.start + last_comma?, message));
        } else if !byte.is_ascii_whitespace() {
            last_comma = None;
        }
        at += 1;
    }
    None
}

fn error(at: usize, message: String) -> SyntaxError {
    SyntaxError {
        message,
        range: at..at + 1,
    }
}

/// The index of the last byte of the string that opens at `start` (basic or literal, on one
/// line or several); the parser has accepted it, so it is closed.
fn string_end(raw: &[u8], start: usize) -> usize {
    let quote = raw[start];
    let triple = raw[start..].starts_with(&[quote; 3]);
    let delimiter = if triple { 3 } else { 1 };
    let mut at = start + delimiter;
    while at < raw.len() {
        if raw[at] == b'\\' && quote == b'"' {
            at += 2;
        } else if raw[at..].starts_with(&[quote; 3][..delimiter]) {
            // A multi-line string may end with up to two more quotes of its own.
            let run = raw[at..].iter().take_while(|b| **b == quote).count();
            return at + run.min(delimiter + 2 * usize::from(triple)) - 1;
        } else {
            at += 1;
        }
    }
    raw.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(check: fn(&str, Range<usize>) -> Option<SyntaxError>, text: &str) -> Option<usize> {
        check(text, 0..text.len()).map(|error| error.range.start)
    }

    #[test]
    fn integers_are_those_of_toml_1_0() {
        for good in ["0", "-17", "+1_000", "0xDEAD_beef", "0o17", "0b1_0"] {
            assert_eq!(whole(integer, good), None, "{good}");
        }
        for bad in [
            "0x",
            "0b",
            "0o",
            "1_0\u{660}",
            "1__0",
            "_1",
            "01",
            "0x_1",
            "0o8",
        ] {
            assert_eq!(whole(integer, bad), Some(0), "{bad}");
        }
    }

    #[test]
    fn times_have_seconds() {
        assert_eq!(whole(datetime, "1987-07-05"), None);
        assert_eq!(whole(datetime, "1987-07-05T17:45:00+05:00"), None);
        assert_eq!(whole(datetime, "17:45"), Some(0));
        assert_eq!(whole(datetime, "1987-07-05 17:45Z"), Some(0));
    }

    #[test]
    fn basic_strings_have_no_newer_escapes() {
        assert_eq!(whole(string, r#""a\x33""#), Some(2));
        assert_eq!(whole(string, r#""\e""#), Some(1));
        assert_eq!(whole(string, r#""a\\x""#), None);
        assert_eq!(whole(string, r"'\x33'"), None);
    }

    #[test]
    fn inline_tables_stay_on_one_line_without_a_trailing_comma() {
        assert_eq!(
            whole(inline_table, "{ a = [\n1,\n], b = \"\"\"x\ny\"\"\" }"),
            None
        );
        assert_eq!(
            whole(inline_table, "{ a = '}', b = \"{\\\"\", c = {} }"),
            None
        );
        assert_eq!(whole(inline_table, "{ a = 1,\n b = 2 }"), Some(8));
        assert_eq!(whole(inline_table, "{ a = 1,\r\n b = 2 }"), Some(8));
        assert_eq!(whole(inline_table, "{ a = 1, }"), Some(7));
        assert_eq!(whole(inline_table, "{ a = [1,], b = 2 }"), None);
        assert_eq!(whole(inline_table, "{ a = { b = 1, } }"), Some(13));
    }
}
