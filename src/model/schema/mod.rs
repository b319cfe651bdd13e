//! Schema validation, reduced to [`SchemaFailure`]s that rules can claim. Nothing outside this
//! module sees jsonschema's error types.

use jsonschema::JsonType;
use jsonschema::error::{TypeKind, ValidationError, ValidationErrorKind};
use serde_json::Value;

use super::Profile;
use crate::pointer::{child, segments};

mod pattern;

// The schemas of `schemas/`, compiled into validators `DefinitionSchema` and `ApiSchema` when the
// crate is built (by `build.rs`): no schema, meta-schema or regex is compiled at run time, which
// was most of checking one file. Their `pattern`s are decided by [`pattern`], under the keyword
// `PATTERN_KEYWORD`; the texts `Profile::schema_text` embeds are the files as shipped.
include!(concat!(env!("OUT_DIR"), "/validators.rs"));

/// One way a document fails its profile's schema.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaFailure {
    /// The failing value; for [`FailureKind::Unknown`] the unexpected member itself.
    pub pointer: String,
    pub kind: FailureKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FailureKind {
    /// The value has the wrong JSON type; `expected` reads like "a string or null".
    Type {
        expected: String,
    },
    /// The object at `pointer` lacks `property`.
    Required {
        property: String,
    },
    /// A member the schema does not define.
    Unknown {
        property: String,
    },
    /// The value is not one of `allowed`.
    Enum {
        allowed: Vec<Value>,
    },
    /// A string does not match the schema's pattern.
    Pattern,
    MaxLength {
        limit: u64,
    },
    MaxItems {
        limit: u64,
    },
    /// Anything else, already phrased for people.
    Other {
        message: String,
    },
}

/// Every schema failure of `value`, at most one per value for type mismatches (a value of the
/// wrong type fails nothing else).
pub fn failures(profile: Profile, value: &Value) -> Vec<SchemaFailure> {
    let errors: Vec<ValidationError<'_>> = match profile.checked_as() {
        Profile::Definition if !DefinitionSchema::is_valid(value) => {
            DefinitionSchema::iter_errors(value).collect()
        }
        Profile::Api | Profile::Terraform if !ApiSchema::is_valid(value) => {
            ApiSchema::iter_errors(value).collect()
        }
        Profile::Definition | Profile::Api | Profile::Terraform | Profile::ContactFile => {
            return Vec::new();
        }
    };
    let mut out: Vec<SchemaFailure> = errors.into_iter().flat_map(convert).collect();
    let mistyped: Vec<String> = out
        .iter()
        .filter(|f| matches!(f.kind, FailureKind::Type { .. }))
        .map(|f| f.pointer.clone())
        .collect();
    out.retain(|f| matches!(f.kind, FailureKind::Type { .. }) || !mistyped.contains(&f.pointer));
    out
}

fn convert(error: ValidationError<'_>) -> Vec<SchemaFailure> {
    let pointer = error.instance_path().as_str().to_owned();
    let one = |kind| {
        vec![SchemaFailure {
            pointer: pointer.clone(),
            kind,
        }]
    };
    match error.kind() {
        ValidationErrorKind::Type { kind } => one(FailureKind::Type {
            expected: describe_types(kind),
        }),
        ValidationErrorKind::Required { property } => {
            let property = property
                .as_str()
                .map_or_else(|| property.to_string(), str::to_owned);
            one(FailureKind::Required { property })
        }
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => unexpected
            .iter()
            .map(|property| SchemaFailure {
                pointer: child(&pointer, property),
                kind: FailureKind::Unknown {
                    property: property.clone(),
                },
            })
            .collect(),
        ValidationErrorKind::Enum { options } => {
            let allowed = options.as_array().cloned().unwrap_or_default();
            one(FailureKind::Enum { allowed })
        }
        ValidationErrorKind::Custom { keyword, .. } if keyword == PATTERN_KEYWORD => {
            one(FailureKind::Pattern)
        }
        ValidationErrorKind::MaxLength { limit } => one(FailureKind::MaxLength { limit: *limit }),
        ValidationErrorKind::MaxItems { limit } => one(FailureKind::MaxItems { limit: *limit }),
        _ => one(FailureKind::Other {
            message: error.masked().to_string(),
        }),
    }
}

fn describe_types(kind: &TypeKind) -> String {
    let names: Vec<&str> = match kind {
        TypeKind::Single(t) => vec![article(*t)],
        TypeKind::Multiple(set) => set.iter().map(article).collect(),
    };
    names.join(" or ")
}

fn article(t: JsonType) -> &'static str {
    match t {
        JsonType::Array => "an array",
        JsonType::Boolean => "a boolean",
        JsonType::Integer => "an integer",
        JsonType::Null => "null",
        JsonType::Number => "a number",
        JsonType::Object => "an object",
        JsonType::String => "a string",
    }
}

/// The JSON type of a value, as people say it.
pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The subschema that describes the value at `pointer`, following local `$ref`s.
pub fn subschema(profile: Profile, pointer: &str) -> Option<&'static Value> {
    let root = profile.schema();
    let mut node = resolve_ref(root, root);
    for segment in segments(pointer) {
        let next = match node.get("properties").and_then(|p| p.get(segment.as_ref())) {
            Some(property) => property,
            None if segment.parse::<usize>().is_ok() => node.get("items")?,
            None => return None,
        };
        node = resolve_ref(root, next);
    }
    Some(node)
}

/// The members the schema defines for the object at `pointer`.
pub fn known_properties(profile: Profile, pointer: &str) -> Vec<&'static str> {
    subschema(profile, pointer)
        .and_then(|s| s.get("properties"))
        .and_then(Value::as_object)
        .map(|p| p.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

fn resolve_ref<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    let mut node = node;
    // Bounded: our schemas never chain more than a few references.
    for _ in 0..8 {
        match node
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix('#'))
        {
            Some(target) => match root.pointer(target) {
                Some(resolved) => node = resolved,
                None => break,
            },
            None => break,
        }
    }
    node
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn failures_are_reduced_to_our_kinds() {
        let value = json!({"name": "A", "type": "CSV", "extra": 1, "columns": [{"name": 5}]});
        let mut found = failures(Profile::Definition, &value);
        found.sort_by(|a, b| a.pointer.cmp(&b.pointer));
        let kinds: Vec<(&str, &FailureKind)> = found
            .iter()
            .map(|f| (f.pointer.as_str(), &f.kind))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (
                    "/columns/0",
                    &FailureKind::Required {
                        property: "type".into()
                    }
                ),
                (
                    "/columns/0/name",
                    &FailureKind::Type {
                        expected: "a string".into()
                    }
                ),
                (
                    "/extra",
                    &FailureKind::Unknown {
                        property: "extra".into()
                    }
                ),
                (
                    "/type",
                    &FailureKind::Enum {
                        allowed: vec![json!("CSV_FILE"), json!("API")]
                    }
                ),
            ]
        );
    }

    #[test]
    fn subschemas_follow_refs_and_items() {
        let props = known_properties(Profile::Definition, "/columns/3");
        assert_eq!(props, vec!["name", "type", "required"]);
        assert!(
            known_properties(Profile::Api, "/phoneColumns/0").contains(&"callableTimeColumnName")
        );
    }
}
