//! `terraform fmt` aligns the `=` of consecutive one-line attributes of a block. A fix that
//! renames or removes an attribute breaks that alignment, and CI's `terraform fmt -check` fails
//! right after `--fix`; so each run of attributes that holds a changed line is aligned again.

use std::collections::HashMap;

/// The fixed text of a Terraform file with the `=` of every run of one-line attributes that holds
/// a line the fixes changed aligned as `terraform fmt` aligns them.
pub(super) fn realign(original: &str, fixed: &str) -> String {
    let mut unchanged: HashMap<&str, usize> = HashMap::new();
    for line in original.lines() {
        *unchanged.entry(line).or_default() += 1;
    }
    let lines: Vec<&str> = fixed.split_inclusive('\n').collect();
    let changed: Vec<bool> = lines
        .iter()
        .map(
            |line| match unchanged.get_mut(line.trim_end_matches(['\n', '\r'])) {
                Some(count) if *count > 0 => {
                    *count -= 1;
                    false
                }
                _ => true,
            },
        )
        .collect();
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
    fn multi_line_values_and_comparisons_are_no_attributes() {
        let text = "  a = [\n    1,\n  ]\n  b = x == y\n";
        assert_eq!(realign("", text), "  a = [\n    1,\n  ]\n  b = x == y\n");
    }
}
