//! The `pattern`s of the schemas, decided in code rather than by a regex compiled at the first
//! check: compiling their Unicode classes (`\s`, `[^\\]`) touched 400 KiB and took half of
//! checking one file. Each pattern the schemas use has a predicate here that accepts exactly the
//! strings the pattern matches under ECMA-262, which JSON Schema's regexes follow (tested against
//! jsonschema's own regex engine over every character).

use jsonschema::paths::Location;
use jsonschema::{Keyword, ValidationError};
use serde_json::{Map, Value};

/// A `pattern` of the schemas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pattern {
    /// `^\s*\S`: not blank.
    NotBlank,
    /// Not blank, and no backslash or control character (a column name).
    ColumnName,
}

impl Pattern {
    /// Every pattern the schemas use, as they write it.
    const ALL: [(&str, Pattern); 2] = [
        (r"^\s*\S", Pattern::NotBlank),
        (
            r"^[^\\\u0000-\u001F\u007F]*[^\\\s\u0000-\u001F\u007F][^\\\u0000-\u001F\u007F]*$",
            Pattern::ColumnName,
        ),
    ];

    fn named(source: &str) -> Option<Pattern> {
        Pattern::ALL
            .into_iter()
            .find_map(|(text, pattern)| (text == source).then_some(pattern))
    }

    fn matches(self, text: &str) -> bool {
        let not_blank = text.chars().any(|c| !is_ecma_white_space(c));
        match self {
            Pattern::NotBlank => not_blank,
            Pattern::ColumnName => not_blank && !text.chars().any(is_backslash_or_control),
        }
    }
}

/// ECMA-262's `\s`: WhiteSpace (tab, vertical tab, form feed, space, no-break space, byte-order
/// mark, every other `Zs`) and LineTerminator (line feed, carriage return, U+2028, U+2029).
/// Not Rust's `char::is_whitespace`, which has U+0085 and lacks U+FEFF.
fn is_ecma_white_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | ' '
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
            | '\u{feff}'
    )
}

fn is_backslash_or_control(c: char) -> bool {
    c == '\\' || c <= '\u{1f}' || c == '\u{7f}'
}

/// The keyword a schema's `pattern` becomes (`build.rs` renames it): a string must match it,
/// anything else passes, as with `pattern`.
struct Matches(Pattern);

impl<'i> Keyword<'i> for Matches {
    fn validate(&self, instance: &'i Value) -> Result<(), ValidationError<'i>> {
        if Keyword::is_valid(self, instance) {
            Ok(())
        } else {
            Err(ValidationError::custom("does not match the pattern"))
        }
    }

    fn is_valid(&self, instance: &'i Value) -> bool {
        instance.as_str().is_none_or(|text| self.0.matches(text))
    }
}

/// Builds the keyword for the pattern `value`; a pattern without a predicate here is an error,
/// which the generated validator turns into a panic at its first use (a test checks every
/// pattern of the schemas has one).
pub(super) fn keyword<'a>(
    _schema: &'a Map<String, Value>,
    value: &'a Value,
    _location: Location,
) -> Result<Box<dyn for<'i> Keyword<'i>>, ValidationError<'a>> {
    match value.as_str().and_then(Pattern::named) {
        Some(pattern) => Ok(Box::new(Matches(pattern))),
        None => Err(ValidationError::custom(format!(
            "no predicate for the pattern {value} in src/model/schema/pattern.rs"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Profile;

    /// Every `pattern` member of `value`, at any depth.
    fn patterns(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(members) => {
                for (key, member) in members {
                    match member.as_str() {
                        Some(text) if key == "pattern" => out.push(text.to_owned()),
                        _ => patterns(member, out),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|item| patterns(item, out)),
            Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) => {}
        }
    }

    #[test]
    fn every_pattern_of_the_schemas_has_a_predicate() {
        for profile in Profile::ALL {
            let mut found = Vec::new();
            patterns(profile.schema(), &mut found);
            assert!(!found.is_empty(), "{profile}");
            for source in found {
                assert!(Pattern::named(&source).is_some(), "{profile}: {source}");
            }
        }
    }

    /// The texts each predicate is compared with the real regex on: every character of the
    /// Basic Multilingual Plane (where every white space and control character is) and one in 97
    /// of the others, each alone and inside, before and after text (to tell "one character" from
    /// "every character").
    fn samples() -> impl Iterator<Item = String> {
        let astral = (0x1_0000..=0x10_FFFF).step_by(97).chain([0x10_FFFF]);
        let chars = (0..0x1_0000).chain(astral).filter_map(char::from_u32);
        chars.flat_map(|c| {
            [
                c.to_string(),
                format!("a{c}b"),
                format!("{c} "),
                format!(" {c}"),
            ]
        })
    }

    #[test]
    fn each_predicate_accepts_what_its_regex_matches() {
        for (source, pattern) in Pattern::ALL {
            let regex = jsonschema::validator_for(&serde_json::json!({"pattern": source}))
                .expect("the pattern compiles");
            for text in samples().chain(["".to_owned(), "\\".to_owned()]) {
                let expected = regex.is_valid(&Value::String(text.clone()));
                assert_eq!(pattern.matches(&text), expected, "{source} on {text:?}");
            }
        }
    }
}
