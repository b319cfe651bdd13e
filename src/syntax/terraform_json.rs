//! Terraform's JSON syntax (`*.tf.json`): JSON as [`super::json`] parses it, where every string
//! is a template. A string with an interpolation or a directive is not fixed by the text: it is
//! `null` in the value and its pointer is in [`Shape::unknown`].

use serde_json::Value;

use super::{Document, Layout, PATH_MODULE, PATH_ROOT, Reference, Shape, Spans, SyntaxError};
use crate::pointer::{push_index, push_key};

pub(super) const LAYOUT: Layout = Layout::TerraformResources;

pub(super) const EXTENSIONS: &[&str] = &["tf.json"];

pub(super) fn parse(text: &str, spans: Spans) -> Result<Document, SyntaxError> {
    let mut document = super::json::parse(text, spans)?;
    let mut pointer = String::new();
    unfix_templates(&mut document.value, &mut pointer, &mut document.shape);
    Ok(document)
}

/// Replaces every string that interpolates (`${...}` or `%{...}`, not escaped as `$${`) with
/// `null`, and records its pointer as unknown; unescapes the others.
fn unfix_templates(value: &mut Value, pointer: &mut String, shape: &mut Shape) {
    let len = pointer.len();
    match value {
        // `${path.module}` and `${path.root}` stay as written, for the engine to resolve.
        Value::String(text) if interpolates(&without_path_directories(text)) => {
            let only = text.strip_prefix("${").and_then(|t| t.strip_suffix('}'));
            if let Some(reference) = only.and_then(Reference::parse) {
                shape.references.push((pointer.clone(), reference));
            }
            shape.unknown.push(pointer.clone());
            *value = Value::Null;
        }
        // A literal: its escapes stand for a plain `${` and `%{`.
        Value::String(text) if text.contains("$${") || text.contains("%%{") => {
            *text = without_escapes(text);
        }
        Value::Array(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                push_index(pointer, index);
                unfix_templates(item, pointer, shape);
                pointer.truncate(len);
            }
        }
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                push_key(pointer, key);
                unfix_templates(item, pointer, shape);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

/// The text without the interpolations a run fixes (`${path.module}`, `${path.root}`).
fn without_path_directories(text: &str) -> String {
    text.replace(PATH_MODULE, "").replace(PATH_ROOT, "")
}

/// A literal template's text: `$${` and `%%{` as `${` and `%{`.
fn without_escapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("$${") {
            out.push_str("${");
            rest = after;
        } else if let Some(after) = rest.strip_prefix("%%{") {
            out.push_str("%{");
            rest = after;
        } else {
            let c = rest.chars().next().unwrap_or_default();
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// Whether a template string holds an interpolation or a directive.
fn interpolates(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut index = 0;
    while index + 1 < bytes.len() {
        match (bytes[index], bytes[index + 1]) {
            // `$${` and `%%{` are escapes for a literal `${` and `%{`.
            (b'$', b'$') | (b'%', b'%') => index += 2,
            (b'$' | b'%', b'{') => return true,
            _ => index += 1,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interpolations_are_unknown_and_escapes_are_not() {
        assert!(interpolates("Zip${var.suffix}"));
        assert!(interpolates("%{if true}x%{endif}"));
        assert!(!interpolates("$${literal}"));
        assert!(!interpolates("100% {sure} $5"));
    }

    #[test]
    fn unknown_strings_become_null() {
        let text =
            r#"{"resource": {"t": {"n": {"name": "${var.n}", "column_names": ["A", "B"]}}}}"#;
        let document = parse(text, Spans::Skip).unwrap();
        assert_eq!(document.value["resource"]["t"]["n"]["name"], Value::Null);
        assert_eq!(document.shape.unknown, ["/resource/t/n/name"]);
    }

    #[test]
    fn a_string_that_is_exactly_one_reference_is_kept() {
        let text = r#"{"resource": {"genesyscloud_outbound_campaign": {"c": {
  "contact_list_id": "${genesyscloud_outbound_contact_list.sales.id}",
  "dnc_list_ids": ["${genesyscloud_outbound_dnclist.d.id}", "${x[0].id}", "a${b.c}"],
  "other": "${a.b}${c.d}"
}}}}"#;
        let document = parse(text, Spans::Skip).unwrap();
        let found: Vec<String> = document
            .shape
            .references
            .iter()
            .map(|(_, r)| r.0.join("."))
            .collect();
        assert_eq!(
            found,
            [
                "genesyscloud_outbound_contact_list.sales.id",
                "genesyscloud_outbound_dnclist.d.id"
            ]
        );
        assert_eq!(document.shape.unknown.len(), 5);
    }
}
