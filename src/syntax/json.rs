//! Strict RFC 8259 JSON through jsonc-parser's AST, converted to a `Value` and a span index in one
//! walk.

use std::str::FromStr;

use jsonc_parser::ast::{ObjectPropName, Value as Node};
use jsonc_parser::common::{Range as NodeRange, Ranged};
use jsonc_parser::{CollectOptions, ParseOptions, parse_to_ast};
use serde_json::{Map, Number, Value};

use super::{Document, DuplicateKey, Layout, NodeSpan, Shape, SpanIndex, Spans, SyntaxError};
use crate::pointer::{push_index, push_key};

pub(super) const LAYOUT: Layout = Layout::WholeDocument;

pub(super) const EXTENSIONS: &[&str] = &["json"];

/// Whether text (after any byte-order mark) opens like a JSON document: `{` or `[` first.
pub(super) fn starts_like_json(text: &[u8]) -> bool {
    matches!(
        text.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'{' | b'[')
    )
}

/// A JSON string literal.
pub(super) fn quote(text: &str) -> String {
    Value::from(text).to_string()
}

/// Every leniency of the parser off: comments, trailing commas, JSON5 forms.
fn strict() -> ParseOptions {
    ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

pub(super) fn parse(text: &str, spans: Spans) -> Result<Document, SyntaxError> {
    let parsed = parse_to_ast(text, &CollectOptions::default(), &strict()).map_err(|error| {
        let range = error.range();
        SyntaxError {
            message: lowercase_first(&error.kind().to_string()),
            range: range.start..range.end,
        }
    })?;
    let Some(root) = parsed.value else {
        let end = text.len();
        return Err(SyntaxError {
            message: "expected a JSON value, found nothing".into(),
            range: end..end,
        });
    };
    let mut builder = Builder {
        spans: SpanIndex::new(spans),
        duplicate_keys: Vec::new(),
        strings: Vec::new(),
    };
    let mut pointer = String::new();
    let value = builder.convert(&root, &mut pointer, None);
    let mistake = raw_control_character(text, &builder.strings)
        .or_else(|| foreign_white_space(text, &builder.strings));
    if let Some(error) = mistake {
        return Err(error);
    }
    Ok(Document {
        value,
        spans: builder.spans,
        duplicate_keys: builder.duplicate_keys,
        shape: Shape::default(),
    })
}

struct Builder {
    spans: SpanIndex,
    duplicate_keys: Vec<DuplicateKey>,
    /// Ranges of string literals (keys and values), checked for raw control characters.
    strings: Vec<NodeRange>,
}

impl Builder {
    fn convert(&mut self, node: &Node, pointer: &mut String, key: Option<NodeRange>) -> Value {
        let range = node.range();
        self.spans.insert(pointer, || NodeSpan {
            key: key.map(|k| k.start..k.end),
            value: range.start..range.end,
        });
        match node {
            Node::Object(object) => {
                let mut map = Map::with_capacity(object.properties.len());
                for property in &object.properties {
                    let name = property.name.as_str();
                    let key = key_range(&property.name);
                    if matches!(property.name, ObjectPropName::String(_)) {
                        self.strings.push(key);
                    }
                    let len = pointer.len();
                    push_key(pointer, name);
                    let value = self.convert(&property.value, pointer, Some(key));
                    // A repeated key keeps its first position and takes the later value.
                    if map.insert(name.to_owned(), value).is_some() {
                        let first = object
                            .properties
                            .iter()
                            .map(|p| &p.name)
                            .find(|n| n.as_str() == name)
                            .map(key_range);
                        let first = first.unwrap_or(key);
                        self.duplicate_keys.push(DuplicateKey {
                            pointer: pointer.clone(),
                            first: first.start..first.end,
                            repeat: key.start..key.end,
                        });
                    }
                    pointer.truncate(len);
                }
                Value::Object(map)
            }
            Node::Array(array) => {
                let mut items = Vec::with_capacity(array.elements.len());
                for (index, element) in array.elements.iter().enumerate() {
                    let len = pointer.len();
                    push_index(pointer, index);
                    items.push(self.convert(element, pointer, None));
                    pointer.truncate(len);
                }
                Value::Array(items)
            }
            Node::StringLit(lit) => {
                self.strings.push(lit.range);
                Value::String(lit.value.to_string())
            }
            Node::NumberLit(lit) => number(lit.value),
            Node::BooleanLit(lit) => Value::Bool(lit.value),
            Node::NullKeyword(_) => Value::Null,
        }
    }
}

fn key_range(name: &ObjectPropName) -> NodeRange {
    match name {
        ObjectPropName::String(lit) => lit.range,
        ObjectPropName::Word(lit) => lit.range,
    }
}

/// RFC 8259 forbids unescaped control characters (U+0000 to U+001F) in strings, which
/// jsonc-parser lets through.
fn raw_control_character(text: &str, strings: &[NodeRange]) -> Option<SyntaxError> {
    strings.iter().find_map(|range| {
        let at = text.as_bytes()[range.start..range.end]
            .iter()
            .position(|b| *b < 0x20)?
            + range.start;
        let message = format!(
            "control character U+{:04X} must be escaped in a string",
            text.as_bytes()[at]
        );
        Some(SyntaxError {
            message,
            range: at..at + 1,
        })
    })
}

/// RFC 8259's white space is space, tab, line feed and carriage return; jsonc-parser also skips
/// the others (a form feed, a no-break space), which the API's parser refuses. Between string
/// literals (in document order) every other byte is a token, so any white space there is this.
fn foreign_white_space(text: &str, strings: &[NodeRange]) -> Option<SyntaxError> {
    let mut gaps = std::iter::once(0)
        .chain(strings.iter().map(|range| range.end))
        .zip(strings.iter().map(|range| range.start).chain([text.len()]));
    gaps.find_map(|(start, end)| {
        let (at, found) = text[start..end]
            .char_indices()
            .find(|(_, c)| c.is_whitespace() && !matches!(c, ' ' | '\t' | '\n' | '\r'))?;
        let at = start + at;
        Some(SyntaxError {
            message: format!(
                "U+{:04X} is not JSON white space (only space, tab, line feed and carriage \
                 return are)",
                u32::from(found)
            ),
            range: at..at + found.len_utf8(),
        })
    })
}

/// jsonc-parser's messages are sentences; ours continue one (`invalid JSON: expected comma`).
fn lowercase_first(message: &str) -> String {
    let mut chars = message.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A JSON number; one beyond `f64` stays as its text so that nothing is silently changed.
fn number(text: &str) -> Value {
    Number::from_str(text).map_or_else(|_| Value::String(text.to_owned()), Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_json5_and_jsonc_leniencies() {
        for bad in [
            "[\"a\tb\"]",
            "{\"a\u{0}\": 1}",
            "{\"a\": 1,}",
            "{// c\n}",
            "{a: 1}",
            "{'a': 1}",
            "[0x1]",
            "[+1]",
            "[.5]",
            "[NaN]",
            "[1,\u{c}2]",
            "{\"a\":\u{a0}1}",
            "",
        ] {
            assert!(
                parse(bad, Spans::Skip).is_err(),
                "{bad:?} must be a syntax error"
            );
        }
    }

    #[test]
    fn syntax_errors_keep_their_position() {
        let error = parse("{\n  \"a\": 1,\n}", Spans::Skip).unwrap_err();
        assert_eq!(error.range.start, 10);
    }
}
