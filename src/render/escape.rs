//! Text from the files checked, made safe to print in a CI log. A runner reads every line of a
//! step's output for its own commands: GitHub's reads `::command::` at a line's start (after
//! spaces) and the older `##[command]` anywhere in a line, and splits lines at CR as well as LF.
//! A column name holding a line break, printed raw, would start a line of its own: a forged
//! annotation, or `::stop-commands::` hiding the real ones. So the human formats print no
//! control character raw and never the three characters `##[`.

use std::borrow::Cow;

/// Text for one line: control characters written as escapes (`\n`, `\r`, `\t`, `\u{1b}`), and
/// `##[` as `##\[`.
pub(super) fn one_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_control) && !text.contains("##[") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_control(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out.replace("##[", "##\\["))
}

/// A path at the start of a line: [`one_line`], and `./` before one that would read as a
/// workflow command (`::error::x.json` is a file name a pull request can add).
pub(super) fn line_start_path(path: &str) -> Cow<'_, str> {
    let path = one_line(path);
    match path.trim_start().starts_with("::") {
        true => Cow::Owned(format!("./{path}")),
        false => path,
    }
}

/// A whole rendered text of several lines (a code frame shows the file's own lines): a CR that
/// does not end a line is written `\r`, another control character as an escape, `##[` as `##\[`.
/// Line feeds, tabs and the escape character of colours stay.
pub(super) fn lines(text: &str) -> Cow<'_, str> {
    let unsafe_char = |(i, c): (usize, char)| {
        (c == '\r' && !text[i + 1..].starts_with('\n'))
            || (c != '\r' && c != '\n' && c != '\t' && c != '\u{1b}' && is_control(c))
    };
    if !text.char_indices().any(unsafe_char) && !text.contains("##[") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.char_indices() {
        match c {
            '\r' if unsafe_char((i, c)) => out.push_str("\\r"),
            c if unsafe_char((i, c)) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out.replace("##[", "##\\["))
}

/// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
fn is_control(c: char) -> bool {
    c.is_control() || c == '\u{2028}' || c == '\u{2029}'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_escapes_breaks_and_old_style_commands() {
        assert_eq!(one_line("plain"), "plain");
        assert_eq!(
            one_line("a\n::error::x\r\t\u{1b}[0m ##[warning]y"),
            "a\\n::error::x\\r\\t\\u{1b}[0m ##\\[warning]y"
        );
    }

    #[test]
    fn a_path_that_reads_as_a_command_gets_a_leading_dot() {
        assert_eq!(line_start_path("lists/a.json"), "lists/a.json");
        assert_eq!(line_start_path("::error::a.json"), "./::error::a.json");
        assert_eq!(line_start_path(" ::x"), "./ ::x");
    }

    #[test]
    fn lines_keep_line_ends_and_colours() {
        let text = "a\r\nb\n\u{1b}[1mc\u{1b}[0m\td";
        assert_eq!(lines(text), text);
        assert_eq!(
            lines("a\r::error::x\n##[group]\u{7}"),
            "a\\r::error::x\n##\\[group]\\u{7}"
        );
    }
}
