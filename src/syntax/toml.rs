//! TOML 1.0 through toml's span-preserving `DeTable`, converted to a `Value` and a span index;
//! what the crate accepts beyond TOML 1.0 is refused in the same walk (`version`). Datetimes
//! become strings (never toml's private marker object), so schemas see plain JSON.

mod version;

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
    if let Some(error) = version::second_byte_order_mark(text) {
        return Err(error);
    }
    let root = DeTable::parse(text).map_err(|error| {
        let range = error.span().unwrap_or(0..0);
        SyntaxError {
            message: error.message().trim().to_owned(),
            range,
        }
    })?;
    let mut converter = Converter {
        text,
        spans: SpanIndex::new(spans),
        pointer: String::new(),
    };
    converter.spans.insert("", || NodeSpan {
        key: None,
        value: 0..0,
    });
    let value = converter.table(root.get_ref())?;
    Ok(Document {
        value,
        spans: converter.spans,
        duplicate_keys: Vec::new(),
        shape: Default::default(),
    })
}

/// One walk over the parsed tree: values, spans, and what TOML 1.0 refuses.
struct Converter<'t> {
    text: &'t str,
    spans: SpanIndex,
    pointer: String,
}

impl Converter<'_> {
    fn table(&mut self, table: &DeTable) -> Result<Value, SyntaxError> {
        let mut map = Map::with_capacity(table.len());
        for (key, value) in table {
            refuse(version::string(self.text, key.span()))?;
            let len = self.pointer.len();
            push_key(&mut self.pointer, key.get_ref());
            self.spans.insert(&self.pointer, || NodeSpan {
                key: Some(key.span()),
                value: value.span(),
            });
            let converted = self.value(value)?;
            self.pointer.truncate(len);
            map.insert(key.get_ref().to_string(), converted);
        }
        Ok(Value::Object(map))
    }

    fn value(&mut self, value: &Spanned<DeValue>) -> Result<Value, SyntaxError> {
        let (text, span) = (self.text, value.span());
        Ok(match value.get_ref() {
            DeValue::String(s) => {
                refuse(version::string(text, span))?;
                Value::String(s.to_string())
            }
            DeValue::Integer(i) => {
                refuse(version::integer(text, span))?;
                integer(i.as_str(), i.radix())
            }
            DeValue::Float(f) => float(f.as_str()),
            DeValue::Boolean(b) => Value::Bool(*b),
            DeValue::Datetime(d) => {
                refuse(version::datetime(text, span))?;
                Value::String(d.to_string())
            }
            DeValue::Array(items) => self.array(items)?,
            DeValue::Table(table) => {
                if text[span.clone()].starts_with('{') {
                    refuse(version::inline_table(text, span))?;
                }
                self.table(table)?
            }
        })
    }

    fn array(&mut self, items: &[Spanned<DeValue>]) -> Result<Value, SyntaxError> {
        let mut out = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let len = self.pointer.len();
            push_index(&mut self.pointer, index);
            self.spans.insert(&self.pointer, || NodeSpan {
                key: None,
                value: item.span(),
            });
            out.push(self.value(item)?);
            self.pointer.truncate(len);
        }
        Ok(Value::Array(out))
    }
}

/// A check's finding as the walk's error.
fn refuse(found: Option<SyntaxError>) -> Result<(), SyntaxError> {
    found.map_or(Ok(()), Err)
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
