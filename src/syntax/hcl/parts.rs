//! Where a Terraform text can be cut between top-level structures, so that hcl-edit parses it a
//! part at a time: its syntax tree of a whole exported organisation is 17 times the text
//! (docs/performance.md), that of one part a few hundred kilobytes.

use std::ops::Range;

/// The parts of `text`: runs of whole top-level structures of at least `size` bytes each (the
/// last may be shorter). A structure ends at a line end outside brackets, strings, comments and
/// heredocs. A text this scan cannot follow is one part; one it misreads is cut where a part
/// does not parse, and is then parsed whole.
pub(super) fn parts(text: &str, size: usize) -> Vec<Range<usize>> {
    let whole: Vec<Range<usize>> = std::iter::once(0..text.len()).collect();
    let mut scan = Scan {
        bytes: text.as_bytes(),
        at: 0,
        modes: Vec::new(),
        depth: 0,
    };
    let mut parts = Vec::new();
    let mut start = 0;
    while scan.at < scan.bytes.len() {
        match scan.step() {
            Some(true) if scan.at - start >= size => {
                parts.push(start..scan.at);
                start = scan.at;
            }
            Some(_) => {}
            None => return whole,
        }
    }
    if start < text.len() {
        parts.push(start..text.len());
    }
    parts
}

/// What the scan is inside of, innermost last; nothing is the body of the file.
enum Mode {
    /// A quoted string (a template).
    String,
    /// An interpolation or directive in a string, with the brackets open in it.
    Template(usize),
}

struct Scan<'t> {
    bytes: &'t [u8],
    at: usize,
    modes: Vec<Mode>,
    /// The brackets open in the body of the file.
    depth: usize,
}

impl Scan<'_> {
    /// Reads one token; `Some(true)` after a line end in the body of the file outside any
    /// bracket, `None` when the text cannot be followed (an unterminated string, comment or
    /// heredoc, a bracket closed that was not open).
    fn step(&mut self) -> Option<bool> {
        let rest = &self.bytes[self.at..];
        match self.modes.last() {
            Some(Mode::String) => {
                let skip = match rest {
                    [b'\\', ..] => 2,
                    [b'$', b'$', b'{', ..] | [b'%', b'%', b'{', ..] => 3,
                    [b'$' | b'%', b'{', ..] => {
                        self.modes.push(Mode::Template(0));
                        2
                    }
                    [b'"', ..] => {
                        self.modes.pop();
                        1
                    }
                    [b'\n', ..] => return None,
                    _ => 1,
                };
                self.at += skip;
                Some(false)
            }
            _ => self.code(rest),
        }
    }

    /// One token of expressions: in the body of the file or in an interpolation.
    fn code(&mut self, rest: &[u8]) -> Option<bool> {
        let skip = match rest {
            [b'#', ..] | [b'/', b'/', ..] => line_end(rest),
            [b'/', b'*', ..] => find(rest, b"*/")? + 2,
            [b'<', b'<', ..] => heredoc(rest)?,
            [b'"', ..] => {
                self.modes.push(Mode::String);
                1
            }
            [b'{' | b'[' | b'(', ..] => {
                self.open(1)?;
                1
            }
            [b'}' | b']' | b')', ..] => {
                self.open(-1)?;
                1
            }
            [b'\n', ..] => {
                self.at += 1;
                return Some(self.modes.is_empty() && self.depth == 0);
            }
            _ => 1,
        };
        self.at += skip;
        Some(false)
    }

    /// A bracket opened (`1`) or closed (`-1`); the `}` that closes an interpolation ends it.
    fn open(&mut self, by: isize) -> Option<()> {
        match self.modes.last_mut() {
            Some(Mode::Template(0)) if by < 0 => {
                self.modes.pop();
            }
            Some(Mode::Template(depth)) => *depth = depth.checked_add_signed(by)?,
            _ => self.depth = self.depth.checked_add_signed(by)?,
        }
        Some(())
    }
}

/// The length of the rest of the line, its line end left.
fn line_end(rest: &[u8]) -> usize {
    rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len())
}

fn find(rest: &[u8], needle: &[u8]) -> Option<usize> {
    rest.windows(needle.len()).position(|w| w == needle)
}

/// The length of a heredoc (`<<EOT` or `<<-EOT`, a line end, lines, a line that is the marker)
/// up to its marker's line end; 2 when `<<` opens none, `None` when it opens one that never
/// ends.
fn heredoc(rest: &[u8]) -> Option<usize> {
    let after = &rest[2..];
    let after = after.strip_prefix(b"-").unwrap_or(after);
    let marker = after
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-'))
        .unwrap_or(after.len());
    let (marker, after) = after.split_at(marker);
    let after = after.strip_prefix(b"\r").unwrap_or(after);
    if marker.is_empty() || after.first() != Some(&b'\n') {
        return Some(2);
    }
    let mut at = rest.len() - after.len() + 1;
    while at < rest.len() {
        let line = &rest[at..at + line_end(&rest[at..])];
        if line.trim_ascii() == marker {
            return Some(at + line.len());
        }
        at += line.len() + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Vec<&str> {
        parts(text, 1).into_iter().map(|part| &text[part]).collect()
    }

    #[test]
    fn structures_end_at_line_ends_outside_brackets_strings_comments_and_heredocs() {
        let text = concat!(
            "a = 1\nb {\n  c = \"}\\n\"\n}\nd = \"${x[\"}\"]}\"\n/* {\n */\n",
            "e = <<-EOT\n  {\n  EOT\nf = [\n  1,\n]\n"
        );
        assert_eq!(
            cut(text),
            [
                "a = 1\n",
                "b {\n  c = \"}\\n\"\n}\n",
                "d = \"${x[\"}\"]}\"\n",
                "/* {\n */\n",
                "e = <<-EOT\n  {\n  EOT\n",
                "f = [\n  1,\n]\n"
            ]
        );
    }

    #[test]
    fn a_text_the_scan_cannot_follow_is_one_part() {
        for text in [
            "a = \"x\nb = 1\n",
            "a = 1\n}\nb = 2\n",
            "/* a\nb = 1\n",
            "a = <<EOT\nb\n",
        ] {
            assert_eq!(cut(text), [text]);
        }
    }

    #[test]
    fn parts_hold_whole_structures_of_at_least_the_size() {
        let text = "a = 1\nb = 2\nc = 3\n";
        let parts: Vec<&str> = parts(text, 8).into_iter().map(|r| &text[r]).collect();
        assert_eq!(parts, ["a = 1\nb = 2\n", "c = 3\n"]);
    }
}
