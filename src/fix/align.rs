//! `terraform fmt` aligns the `=` of consecutive one-line attributes of a block. A fix that
//! renames or removes an attribute breaks that alignment, and CI's `terraform fmt -check` fails
//! right after `--fix`; so each run of attributes that holds a changed line, or a line next to
//! a removed one, is aligned again.

use super::diff::{Op, diff_lines};

/// The fixed text of a Terraform file with the `=` of every run of one-line attributes that holds
/// a line the fixes changed, or that a removed line was part of, aligned as `terraform fmt`
/// aligns them.
pub(super) fn realign(original: &str, fixed: &str) -> String {
    let old: Vec<&str> = original.split_inclusive('\n').collect();
    let lines: Vec<&str> = fixed.split_inclusive('\n').collect();
    let mut changed = vec![false; lines.len()];
    // The index in `lines` of the next line the diff reaches.
    let mut next = 0;
    for op in diff_lines(&old, &lines) {
        match op {
            Op::Same(_, line) => next = line + 1,
            Op::Added(line) => {
                changed[line] = true;
                next = line + 1;
            }
            // The lines on either side of a removed one: the run it was part of.
            Op::Removed(_) => {
                let around = [next.checked_sub(1), Some(next)];
                for line in around.into_iter().flatten().filter(|&l| l < lines.len()) {
                    changed[line] = true;
                }
            }
        }
    }
    let attributes: Vec<Option<Attribute>> = lines.iter().map(|l| Attribute::of(l)).collect();
    let mut out = String::with_capacity(fixed.len());
    let mut start = 0;
    while start < lines.len() {
        let Some(first) = &attributes[start] else {
            out.push_str(lines[start]);
            start += 1;
            continue;
        };
        let run_length = attributes[start..]
            .iter()
            .take_while(|a| a.as_ref().is_some_and(|a| a.indent == first.indent))
            .count();
        let run = start..start + run_length;
        let aligned = changed[run.clone()].iter().any(|c| *c);
        let width = attributes[run.clone()]
            .iter()
            .flatten()
            .map(|a| a.key.chars().count())
            .max();
        for index in run {
            match (aligned, &attributes[index], width) {
                (true, Some(attribute), Some(width)) => out.push_str(&attribute.aligned(width)),
                _ => out.push_str(lines[index]),
            }
        }
        start += run_length;
    }
    out
}

/// A line that is one whole attribute: `  key = value`, the value closing every bracket it
/// opens.
struct Attribute<'l> {
    indent: &'l str,
    key: &'l str,
    value: &'l str,
    line_end: &'l str,
}

impl<'l> Attribute<'l> {
    fn of(line: &'l str) -> Option<Attribute<'l>> {
        let body = line.trim_end_matches(['\n', '\r']);
        let line_end = &line[body.len()..];
        let content = body.trim_start();
        let indent = &body[..body.len() - content.len()];
        let (key, value) = content.split_once('=')?;
        let key = key.trim_end();
        let value = value.trim_start();
        let identifier = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        let opens = |c: char| matches!(c, '[' | '{' | '(');
        let closes = |c: char| matches!(c, ']' | '}' | ')');
        let balance: i64 = value
            .chars()
            .map(|c| i64::from(opens(c)) - i64::from(closes(c)))
            .sum();
        let one_line = balance == 0 && !value.starts_with("<<") && !value.starts_with('=');
        (identifier && one_line).then_some(Attribute {
            indent,
            key,
            value,
            line_end,
        })
    }

    fn aligned(&self, width: usize) -> String {
        let padding = " ".repeat(width - self.key.chars().count());
        let Attribute {
            indent,
            key,
            value,
            line_end,
        } = self;
        format!("{indent}{key}{padding} = {value}{line_end}")
    }
}

#[cfg(test)]
mod tests {
    use super::realign;

    #[test]
    fn a_run_with_a_changed_line_is_aligned_again_and_others_are_left_alone() {
        let block = |name: &str, time: &str| {
            format!(
                "resource \"r\" \"a\" {{\n  {name} = \"A\"\n  {time} = \"TZ\"\n\n  x   = 1\n  \
                 yy  = 2\n  block {{\n    k = \"v\"\n  }}\n}}\n"
            )
        };
        let original = block("name", "callable_time_column");
        let fixed = block("name", "callable_time_column_name");
        let expected = block("name                     ", "callable_time_column_name");
        assert_eq!(realign(&original, &fixed), expected);
    }

    #[test]
    fn a_run_that_lost_a_line_is_aligned_again() {
        let original = "r {\n  name            = \"S\"\n  trim_whitespace = true\n  \
            columns         = [\"C\"]\n\n  x   = 1\n  yy  = 2\n}\n";
        let fixed = "r {\n  name            = \"S\"\n  columns         = [\"C\"]\n\n  x   = 1\n  \
            yy  = 2\n}\n";
        let expected = "r {\n  name    = \"S\"\n  columns = [\"C\"]\n\n  x   = 1\n  yy  = 2\n}\n";
        assert_eq!(realign(original, fixed), expected);
        // The last line of a run, and the first.
        let original = "r {\n  a = 1\n  long_name = 2\n}\n";
        assert_eq!(realign(original, "r {\n  a = 1\n}\n"), "r {\n  a = 1\n}\n");
        let original = "r {\n  long_name = 1\n  a         = 2\n}\n";
        assert_eq!(
            realign(original, "r {\n  a         = 2\n}\n"),
            "r {\n  a = 2\n}\n"
        );
    }

    #[test]
    fn multi_line_values_and_comparisons_are_no_attributes() {
        let text = "  a = [\n    1,\n  ]\n  b = x == y\n";
        assert_eq!(realign("", text), "  a = [\n    1,\n  ]\n  b = x == y\n");
    }
}
