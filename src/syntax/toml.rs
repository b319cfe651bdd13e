//! TOML 1.0 through toml's span-preserving `DeTable`, converted to a `Value` and a span index.
//! Datetimes become strings (never toml's private marker object), so schemas see plain JSON.

use serde_json::{Map, Number, Value};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{Document, Layout, NodeSpan, SpanIndex, Spans, SyntaxError, json};
use crate::pointer::{Part, push_index, push_key};

pub(super) const LAYOUT: Layout = Layout::WholeDocument;

pub(super) const EXTENSIONS: &[&str] = &["toml"];

/// A bare key where a key can be bare, else a basic string (JSON strings are valid TOML basic
/// strings).
pub(super) fn quote(text: &str, part: &Part) -> String {
    let bare = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if *part == Part::Key && bare {
        text.to_owned()
    } else {
        json::quote(text)
    }
}

pub(super) fn parse(text: &str, spans: Spans) -> Result<Document, SyntaxError> {
    let root = DeTable::parse(text).map_err(|error| {
        let range = error.span().unwrap_or(0..0);
        SyntaxError {
            message: error.message().trim().to_owned(),
            range,
        }
    })?;
    let mut spans = SpanIndex::new(spans);
    let mut pointer = String::new();
    spans.insert("", || NodeSpan {
        key: None,
        value: 0..0,
    });
    let value = convert_table(root.get_ref(), &mut pointer, &mut spans);
    Ok(Document {
        value,
        spans,
        duplicate_keys: Vec::new(),
        shape: Default::default(),
    })
}

fn convert_table(table: &DeTable, pointer: &mut String, spans: &mut SpanIndex) -> Value {
    let mut map = Map::with_capacity(table.len());
    for (key, value) in table {
        let len = pointer.len();
        push_key(pointer, key.get_ref());
        spans.insert(pointer, || NodeSpan {
            key: Some(key.span()),
            value: value.span(),
        });
        let converted = convert(value, pointer, spans);
        pointer.truncate(len);
        map.insert(key.get_ref().to_string(), converted);
    }
    Value::Object(map)
}

fn convert(value: &Spanned<DeValue>, pointer: &mut String, spans: &mut SpanIndex) -> Value {
    match value.get_ref() {
        DeValue::String(s) => Value::String(s.to_string()),
        DeValue::Integer(i) => integer(i.as_str(), i.radix()),
        DeValue::Float(f) => float(f.as_str()),
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(d) => Value::String(d.to_string()),
        DeValue::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (index, item) in items.iter().enumerate() {
                let len = pointer.len();
                push_index(pointer, index);
                spans.insert(pointer, || NodeSpan {
                    key: None,
                    value: item.span(),
                });
                out.push(convert(item, pointer, spans));
                pointer.truncate(len);
            }
            Value::Array(out)
        }
        DeValue::Table(table) => convert_table(table, pointer, spans),
    }
}

/// An integer; one beyond `i64` keeps its text rather than being altered.
fn integer(text: &str, radix: u32) -> Value {
    let digits = text.replace('_', "");
    i64::from_str_radix(&digits, radix).map_or_else(|_| Value::String(text.to_owned()), Value::from)
}

/// A float; `inf` and `nan` have no JSON form and keep their text.
fn float(text: &str) -> Value {
    text.replace('_', "")
        .parse::<f64>()
        .ok()
        .and_then(Number::from_f64)
        .map_or_else(|| Value::String(text.to_owned()), Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_convert_to_plain_json() {
        let doc = parse(
            "a = 1_000\nb = 0x1F\nc = 1.5\nd = 1979-05-27\ne = true\nf = inf",
            Spans::Skip,
        )
        .unwrap();
        assert_eq!(
            doc.value,
            serde_json::json!({
                "a": 1000, "b": 31, "c": 1.5, "d": "1979-05-27", "e": true, "f": "inf"
            })
        );
    }

    #[test]
    fn duplicate_keys_are_syntax_errors_at_the_repeat() {
        let error = parse("name = 'a'\nname = 'b'\n", Spans::Skip).unwrap_err();
        assert_eq!(error.range.start, 11);
    }
}
