//! One document model for every syntax: a `serde_json::Value` plus an index from JSON pointer
//! (RFC 6901) to the byte spans of each key and value. Rules see only the value and pointers;
//! [`SpanIndex::resolve`] is the one place that turns a pointer into a span.

use std::collections::HashMap;
use std::ops::Range;

use serde_json::Value;

use crate::pointer::Part;

/// A parsed file.
#[derive(Debug)]
pub struct Document {
    pub value: Value,
    pub spans: SpanIndex,
    /// JSON objects that repeat a key (TOML reports those as syntax errors).
    pub duplicate_keys: Vec<DuplicateKey>,
    /// What the text leaves open or writes beyond JSON (Terraform's syntaxes only).
    pub shape: Shape,
}

/// What a Terraform text says beyond its JSON value.
#[derive(Debug, Default)]
pub struct Shape {
    /// Pointers of values the text does not fix (a variable, a reference, a function call, an
    /// interpolated string...): `null` in the value, and no rule may judge them.
    pub unknown: Vec<String>,
    /// Pointers of keys written as HCL blocks (an array of the blocks' bodies), not as attributes.
    pub blocks: Vec<String>,
    /// Of the unknown values, those that are a plain reference (`TYPE.NAME.ATTR`, `var.X`,
    /// `module.M.OUT`), by pointer: written bare, as the only interpolation of a string, or in
    /// Terraform's JSON syntax as a string that is exactly `${...}`. An index, a function or any
    /// other expression is no reference. The value stays `null` and the pointer unknown: only
    /// what resolves the reference may give it a meaning.
    pub references: Vec<(String, Reference)>,
}

/// A reference by attribute names only: `genesyscloud_outbound_contact_list.sales.id` is
/// `["genesyscloud_outbound_contact_list", "sales", "id"]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reference(pub Vec<String>);

impl Reference {
    /// The reference written in `${...}` of Terraform's JSON syntax, when it is one: identifiers
    /// joined by dots, nothing else.
    pub fn parse(text: &str) -> Option<Reference> {
        let segments: Vec<String> = text.trim().split('.').map(str::to_owned).collect();
        let identifier = |s: &String| {
            s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        };
        (segments.len() >= 2 && segments.iter().all(identifier)).then_some(Reference(segments))
    }
}

/// A key that appears twice in one JSON object; the later value wins, as in `serde_json`.
#[derive(Debug, Clone)]
pub struct DuplicateKey {
    pub pointer: String,
    pub first: Range<usize>,
    pub repeat: Range<usize>,
}

/// Invalid JSON or TOML, at a text range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub range: Range<usize>,
}

/// Where a node sits in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeSpan {
    /// The key (with quotes in JSON); `None` for the root and array elements.
    pub key: Option<Range<usize>>,
    /// The whole value, or for a TOML table its `[header]` (empty for the root table).
    pub value: Range<usize>,
}

/// Pointer → spans, filled by the parsers when asked to record them.
#[derive(Debug, Default)]
pub struct SpanIndex {
    recording: bool,
    nodes: HashMap<String, NodeSpan>,
}

/// Whether a parse records spans. Most files have no finding and never need them, so the first
/// parse skips them and only a file with findings is parsed again to place them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spans {
    Skip,
    Record,
}

impl SpanIndex {
    /// The deepest pointer whose key or value covers `offset` (for an editor's hover), when the
    /// spans were recorded.
    pub fn pointer_at(&self, offset: usize) -> Option<&str> {
        let covers = |range: &Range<usize>| range.start <= offset && offset <= range.end;
        self.nodes
            .iter()
            .filter(|(_, span)| covers(&span.value) || span.key.as_ref().is_some_and(covers))
            .map(|(pointer, _)| pointer.as_str())
            .max_by_key(|pointer| (pointer.matches('/').count(), pointer.len()))
    }

    /// The key and value spans of the member at exactly `pointer`, when it has a key.
    pub fn member(&self, pointer: &str) -> Option<(Range<usize>, Range<usize>)> {
        let span = self.nodes.get(pointer)?;
        Some((span.key.clone()?, span.value.clone()))
    }

    pub(super) fn new(spans: Spans) -> SpanIndex {
        SpanIndex {
            recording: spans == Spans::Record,
            nodes: HashMap::new(),
        }
    }

    pub(super) fn insert(&mut self, pointer: &str, span: impl FnOnce() -> NodeSpan) {
        if self.recording {
            self.nodes.insert(pointer.to_owned(), span());
        }
    }

    /// The text range for `part` of the node at `pointer`. An unknown pointer falls back to its
    /// nearest indexed ancestor, so every finding gets a position.
    pub fn resolve(&self, text: &str, pointer: &str, part: &Part) -> Range<usize> {
        if let Part::Exact(range) = part {
            return range.clone();
        }
        let mut current = pointer;
        let (span, exact) = loop {
            if let Some(span) = self.nodes.get(current) {
                break (span, current.len() == pointer.len());
            }
            match current.rfind('/') {
                Some(cut) => current = &current[..cut],
                None => return 0..0,
            }
        };
        match (part, exact) {
            (Part::Member, true) => match &span.key {
                Some(key) => key.start..span.value.end.max(key.end),
                None => span.value.clone(),
            },
            (Part::Key, true) => span.key.clone().unwrap_or_else(|| span.value.clone()),
            (Part::Value, true) | (Part::Exact(_), _) => span.value.clone(),
            (Part::Opening, _) | (_, false) => opening(text, &span.value),
        }
    }
}

/// The range that removing a `key = value` (or `"key": value`) member takes, `separator` being
/// `=` or `:`: the member and the comma after it (or before it, for the last of a list), or its
/// whole line when it stands alone on it. `None` when the node is not such a member (a TOML
/// table or an HCL block, whose value span is only a header).
pub(super) fn member_removal(
    text: &str,
    key: &Range<usize>,
    value: &Range<usize>,
    separator: char,
) -> Option<Range<usize>> {
    let between = text.get(key.end..value.start)?;
    if between.trim() != separator.to_string() || value.end > text.len() {
        return None;
    }
    let after = &text[value.end..];
    let spaces_after = after.len() - after.trim_start_matches([' ', '\t']).len();
    if after[spaces_after..].starts_with(',') {
        let rest = &after[spaces_after + 1..];
        let blank = rest.len() - rest.trim_start().len();
        return Some(key.start..value.end + spaces_after + 1 + blank);
    }
    let before = &text[..key.start];
    let trimmed = before.trim_end();
    if trimmed.ends_with(',') {
        return Some(trimmed.len() - 1..value.end);
    }
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line_end = after.find('\n').map_or(text.len(), |i| value.end + i + 1);
    let alone = before[line_start..].trim().is_empty()
        && matches!(
            after[..line_end - value.end].trim().chars().next(),
            None | Some('#')
        );
    Some(if alone {
        line_start..line_end
    } else {
        key.start..value.end
    })
}

/// The `{` of an inline object, else the span as it is (a TOML header, or empty for the root).
fn opening(text: &str, value: &Range<usize>) -> Range<usize> {
    match text.as_bytes().get(value.start) {
        Some(b'{') if !value.is_empty() => value.start..value.start + 1,
        _ => value.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::Syntax;

    fn doc(path: &str, text: &str) -> Document {
        Syntax::detect(path, text.as_bytes())
            .parse(text, Spans::Record)
            .unwrap()
    }

    fn slice<'a>(text: &'a str, doc: &Document, pointer: &str, part: Part) -> &'a str {
        &text[doc.spans.resolve(text, pointer, &part)]
    }

    #[test]
    fn json_spans_cover_keys_values_and_openings() {
        let text = r#"{"name": "A", "columns": [{"name": "p", "type": "PHONE"}]}"#;
        let d = doc("a.json", text);
        assert_eq!(slice(text, &d, "/name", Part::Key), "\"name\"");
        assert_eq!(slice(text, &d, "/name", Part::Value), "\"A\"");
        assert_eq!(slice(text, &d, "/columns/0", Part::Opening), "{");
        assert_eq!(slice(text, &d, "/columns/0/type", Part::Value), "\"PHONE\"");
        assert_eq!(slice(text, &d, "", Part::Opening), "{");
        assert_eq!(d.value["columns"][0]["type"], "PHONE");
    }

    #[test]
    fn json_duplicate_keys_keep_the_last_value_and_both_spans() {
        let text = r#"{"name": "A", "name": "B"}"#;
        let d = doc("a.json", text);
        assert_eq!(d.value["name"], "B");
        let dup = &d.duplicate_keys[0];
        assert_eq!((&text[dup.first.clone()], dup.first.start), ("\"name\"", 1));
        assert_eq!(
            (&text[dup.repeat.clone()], dup.repeat.start),
            ("\"name\"", 14)
        );
        assert_eq!(slice(text, &d, "/name", Part::Value), "\"B\"");
    }

    #[test]
    fn toml_spans_for_tables_arrays_of_tables_dotted_keys_and_inline_tables() {
        let text = "name = \"A\"\nmeta.owner = \"x\"\n\n[[columns]]\nname = \"p\"\ntype = \
            \"PHONE\"\n\n[[columns]]\n{}\n";
        let text = text.replace("{}\n", "name = 'e'\ntype = { a = 1 }\n");
        let d = doc("a.toml", &text);
        assert_eq!(slice(&text, &d, "/name", Part::Key), "name");
        assert_eq!(slice(&text, &d, "/name", Part::Value), "\"A\"");
        assert_eq!(slice(&text, &d, "/meta/owner", Part::Key), "owner");
        assert_eq!(slice(&text, &d, "/columns/1/name", Part::Value), "'e'");
        assert_eq!(slice(&text, &d, "/columns/1/type", Part::Opening), "{");
        assert_eq!(slice(&text, &d, "/columns/0", Part::Opening), "[[columns]]");
        assert_eq!(d.spans.resolve(&text, "", &Part::Opening), 0..0);
    }

    fn removed(path: &str, text: &str, pointer: &str) -> String {
        let d = doc(path, text);
        let (key, value) = d.spans.member(pointer).unwrap();
        let syntax = Syntax::detect(path, text.as_bytes());
        let range = syntax.member_removal(text, &key, &value).unwrap();
        format!("{}{}", &text[..range.start], &text[range.end..])
    }

    #[test]
    fn removing_a_member_keeps_the_rest_valid_and_formatted() {
        let json = "{\n  \"a\": 1,\n  \"b\": [2],\n  \"c\": 3\n}\n";
        assert_eq!(
            removed("x.json", json, "/a"),
            "{\n  \"b\": [2],\n  \"c\": 3\n}\n"
        );
        assert_eq!(
            removed("x.json", json, "/c"),
            "{\n  \"a\": 1,\n  \"b\": [2]\n}\n"
        );
        let toml = "name = 'x' # the name\nid = 3\n\n[[columns]]\nname = 'p'\n";
        assert_eq!(
            removed("x.toml", toml, "/name"),
            "id = 3\n\n[[columns]]\nname = 'p'\n"
        );
        let inline = "t = { a = 1, b = 2 }\n";
        assert_eq!(removed("x.toml", inline, "/t/b"), "t = { a = 1 }\n");
        let hcl = "resource \"a\" \"b\" {\n  id   = 1\n  name = \"x\"\n  c {\n  }\n}\n";
        assert_eq!(
            removed("x.tf", hcl, "/resource/a/b/id"),
            "resource \"a\" \"b\" {\n  name = \"x\"\n  c {\n  }\n}\n"
        );
        let d = doc("x.tf", hcl);
        let (key, value) = d.spans.member("/resource/a/b/c/0").unwrap();
        assert_eq!(Syntax::Terraform.member_removal(hcl, &key, &value), None);
    }

    #[test]
    fn unknown_pointers_fall_back_to_the_nearest_ancestor_opening() {
        let text = r#"{"columns": [{"name": "p"}]}"#;
        let d = doc("a.json", text);
        assert_eq!(slice(text, &d, "/columns/0/type", Part::Value), "{");
    }
}
