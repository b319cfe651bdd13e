//! Values a configuration fixes outside the resource that uses them — a `module` block's
//! argument, a variable's `default`, a `local` — when they are literals (or lists and maps of
//! literals): a column a reusable module's campaign names through `var.phone_column` is
//! written there, and so is the fix.

use serde_json::Value;

use crate::pointer;
use crate::syntax::Document;

/// Whether a Terraform file's text may declare a variable or a `local` (a cheap test before
/// a parse: most files of a module are about something else).
pub fn may_fix_values(text: &str) -> bool {
    text.contains("variable") || text.contains("locals")
}

/// A literal value and the document pointer it is written at.
#[derive(Debug, Clone, PartialEq)]
pub struct Literal {
    pub pointer: String,
    pub value: Value,
}

/// The literal at `pointer` in `document`, when the document fixes all of it (no variable,
/// reference or call in it) and it is not `null`.
pub(super) fn literal_at(document: &Document, pointer: &str) -> Option<Literal> {
    let (value, shape) = document.at(pointer)?.materialise();
    let fixed = !value.is_null() && shape.unknown.is_empty();
    fixed.then(|| Literal {
        pointer: pointer.to_owned(),
        value,
    })
}

/// The variables a document declares with a literal `default`, by name.
pub(super) fn defaults(document: &Document) -> Vec<(String, Literal)> {
    let variables = document
        .root()
        .get("variable")
        .map(|variables| variables.value());
    let Some(Value::Object(variables)) = variables else {
        return Vec::new();
    };
    let at = pointer::child("", "variable");
    let default = |name: &String| {
        let pointer = pointer::child(&pointer::child(&at, name), "default");
        Some((name.clone(), literal_at(document, &pointer)?))
    };
    variables.keys().filter_map(default).collect()
}

/// The `locals` a document fixes, by name (a `locals` block may be written more than once).
pub(super) fn locals(document: &Document) -> Vec<(String, Literal)> {
    let at = pointer::child("", "locals");
    let locals = document.root().get("locals").map(|locals| locals.value());
    let blocks = super::entries(locals.as_ref());
    let mut found = Vec::new();
    for (index, block) in blocks {
        let Some(names) = block.as_object() else {
            continue;
        };
        let block_at = index.map_or_else(|| at.clone(), |i| pointer::element(&at, i));
        for name in names.keys() {
            let local = literal_at(document, &pointer::child(&block_at, name));
            found.extend(local.map(|literal| (name.clone(), literal)));
        }
    }
    found
}

/// The literal values a variable file (`terraform.tfvars`) gives variables, by name.
pub(super) fn assignments(document: &Document) -> Vec<(String, Literal)> {
    let Value::Object(names) = document.value() else {
        return Vec::new();
    };
    let assigned = |name: &String| {
        let literal = literal_at(document, &pointer::child("", name))?;
        Some((name.clone(), literal))
    };
    names.keys().filter_map(assigned).collect()
}
