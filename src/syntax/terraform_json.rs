//! Terraform's JSON syntax (`*.tf.json`): JSON as [`super::json`] parses it, where every string
//! is a template. A string with an interpolation or a directive is not fixed by the text: it is
//! `null` in the value and its pointer is in [`super::Shape::unknown`].

use super::tree::{Builder, Kind};
use super::{Document, Layout, PATH_MODULE, PATH_ROOT, Reference, SyntaxError};

pub(super) const LAYOUT: Layout = Layout::TerraformResources;

pub(super) const EXTENSIONS: &[&str] = &["tf.json"];

pub(super) fn parse(text: &str) -> Result<Document<'_>, SyntaxError> {
    let mut tree = super::json::build(text)?;
    unfix_templates(&mut tree);
    Ok(tree.finish())
}

/// Makes every string that interpolates (`${...}` or `%{...}`, not escaped as `$${`) unknown,
/// with the reference it is when it is exactly one; unescapes the others. (A member whose key
/// its object repeats is changed too, and never read.)
fn unfix_templates(tree: &mut Builder<'_>) {
    for id in 0..tree.len() {
        if tree.kind(id) != Kind::String {
            continue;
        }
        let text = tree.string(id);
        // Neither an interpolation nor an escape: the string is as it is.
        let bytes = text.as_bytes();
        let opens = memchr::memchr_iter(b'{', bytes)
            .any(|at| at > 0 && matches!(bytes[at - 1], b'$' | b'%'));
        if !opens {
            continue;
        }
        // `${path.module}` and `${path.root}` stay as written, for the engine to resolve.
        let unfixed = match text.contains("${path.") {
            true => interpolates(&without_path_directories(text)),
            false => interpolates(text),
        };
        let only = text.strip_prefix("${").and_then(|t| t.strip_suffix('}'));
        let reference = unfixed && only.is_some_and(Reference::is);
        // A literal: its escapes stand for a plain `${` and `%{`.
        let escaped = text.contains("$${") || text.contains("%%{");
        let literal = (!unfixed && escaped).then(|| without_escapes(text));
        match (reference, unfixed, literal) {
            (true, _, _) => tree.written_reference(id),
            (false, true, _) => tree.unknown(id, None),
            (false, false, Some(literal)) => tree.string_is(id, &literal),
            (false, false, None) => {}
        }
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
        let document = parse(text).unwrap();
        let (value, shape) = document.root().materialise();
        assert_eq!(value["resource"]["t"]["n"]["name"], serde_json::Value::Null);
        assert_eq!(shape.unknown, ["/resource/t/n/name"]);
    }

    #[test]
    fn a_string_that_is_exactly_one_reference_is_kept() {
        let text = r#"{"resource": {"genesyscloud_outbound_campaign": {"c": {
  "contact_list_id": "${genesyscloud_outbound_contact_list.sales.id}",
  "dnc_list_ids": ["${genesyscloud_outbound_dnclist.d.id}", "${x[0].id}", "a${b.c}"],
  "other": "${a.b}${c.d}"
}}}}"#;
        let (_, shape) = parse(text).unwrap().root().materialise();
        let found: Vec<String> = shape
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
        assert_eq!(shape.unknown.len(), 5);
    }
}
