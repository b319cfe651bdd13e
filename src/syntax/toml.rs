//! TOML 1.0 through toml's span-preserving `DeTable`, converted to a [`Document`];
//! what the crate accepts beyond TOML 1.0 is refused in the same walk (`version`). Datetimes
//! become strings (never toml's private marker object), so schemas see plain JSON.

mod version;

use serde_json::{Number, Value};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::tree::{Builder, Kind};
use super::{Document, Layout, SyntaxError, json};
use crate::pointer::Part;

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

pub(super) fn parse(text: &str) -> Result<Document<'_>, SyntaxError> {
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
        tree: Builder::new(text)?,
    };
    let id = converter.tree.add(None, Kind::Object, None, Some(0..0));
    converter.table(root.get_ref(), id)?;
    Ok(converter.tree.finish())
}

/// One walk over the parsed tree: values, spans, and what TOML 1.0 refuses.
struct Converter<'t> {
    text: &'t str,
    tree: Builder<'t>,
}

impl Converter<'_> {
    /// A table's members, as the members of node `id`.
    fn table(&mut self, table: &DeTable, id: u32) -> Result<(), SyntaxError> {
        for (key, value) in table {
            refuse(version::string(self.text, key.span()))?;
            let member = self
                .tree
                .add(Some(id), Kind::Null, Some(key.span()), Some(value.span()));
            self.tree.key_is(member, key.get_ref());
            self.value(value, member)?;
        }
        Ok(())
    }

    /// Makes node `id` the value.
    fn value(&mut self, value: &Spanned<DeValue>, id: u32) -> Result<(), SyntaxError> {
        let (text, span) = (self.text, value.span());
        let kind = match value.get_ref() {
            DeValue::String(s) => {
                refuse(version::string(text, span))?;
                self.tree.string_is(id, s);
                Kind::String
            }
            DeValue::Integer(i) => {
                refuse(version::integer(text, span))?;
                self.tree.scalar_is(id, integer(i.as_str(), i.radix()));
                Kind::Scalar
            }
            DeValue::Float(f) => {
                self.tree.scalar_is(id, float(f.as_str()));
                Kind::Scalar
            }
            DeValue::Boolean(true) => Kind::True,
            DeValue::Boolean(false) => Kind::False,
            DeValue::Datetime(d) => {
                refuse(version::datetime(text, span))?;
                self.tree.string_is(id, &d.to_string());
                Kind::String
            }
            DeValue::Array(items) => {
                self.tree.set_kind(id, Kind::Array);
                for item in items {
                    let element = self.tree.add(Some(id), Kind::Null, None, Some(item.span()));
                    self.value(item, element)?;
                }
                return Ok(());
            }
            DeValue::Table(table) => {
                if text[span.clone()].starts_with('{') {
                    refuse(version::inline_table(text, span))?;
                }
                self.tree.set_kind(id, Kind::Object);
                return self.table(table, id);
            }
        };
        self.tree.set_kind(id, kind);
        Ok(())
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
        let doc = parse("a = 1_000\nb = 0x1F\nc = 1.5\nd = 1979-05-27\ne = true\nf = inf").unwrap();
        assert_eq!(
            doc.value(),
            serde_json::json!({
                "a": 1000, "b": 31, "c": 1.5, "d": "1979-05-27", "e": true, "f": "inf"
            })
        );
    }

    #[test]
    fn duplicate_keys_are_syntax_errors_at_the_repeat() {
        let error = parse("name = 'a'\nname = 'b'\n").unwrap_err();
        assert_eq!(error.range.start, 11);
    }
}
