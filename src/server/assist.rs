//! Hover and completion. Hover shows the rule's explanation under a diagnostic, else the schema's
//! description of the key under the cursor. Completion works on the text around the cursor, so
//! that it works in a document that does not parse yet: after a key and its `:` or `=`, the key's
//! allowed values (from the schema) or, in a field that names a column, the list's column names
//! (from the last text that parsed); elsewhere, the keys of the list's profile.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, Hover, HoverContents,
    HoverParams, MarkupContent, MarkupKind,
};
use serde_json::Value;

use super::documents::Documents;
use crate::model::{self, Admission, Profile, schema};
use crate::syntax::{Spans, Syntax};
use crate::text::SourceFile;

/// Fields whose value names a column of the list, in API and Terraform spelling.
const COLUMN_REFERENCES: &[&str] = &[
    "columnName",
    "zipCodeColumnName",
    "previewModeColumnName",
    "callableTimeColumn",
    "callableTimeColumnName",
    "contactableTimeColumn",
    "contactableTimeColumnName",
    "column_name",
    "zip_code_column_name",
    "preview_mode_column_name",
    "callable_time_column",
    "callable_time_column_name",
    "contactable_time_column",
    "contactable_time_column_name",
];

impl Documents {
    pub(super) fn hover(&self, params: &HoverParams) -> Option<Hover> {
        let at = &params.text_document_position_params;
        let document = self.document(&at.text_document.uri)?;
        let source = SourceFile::from_memory(&document.display, &document.text, u64::MAX);
        let offset = self.encoding.offset(&source, at.position);
        let explained = self
            .linted(&at.text_document.uri)
            .and_then(|(_, diagnostics)| {
                diagnostics
                    .into_iter()
                    .find(|d| d.range.start <= offset && offset <= d.range.end)
                    .map(|d| {
                        format!(
                            "**{}** ({})\n\n{}",
                            d.rule.id,
                            d.severity,
                            d.rule.documentation()
                        )
                    })
            });
        let text = explained.or_else(|| described(&source, offset, document.admission?))?;
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: text,
            }),
            range: None,
        })
    }

    pub(super) fn completion(&self, params: &CompletionParams) -> Option<CompletionResponse> {
        let at = &params.text_document_position;
        let document = self.document(&at.text_document.uri)?;
        let source = SourceFile::from_memory(&document.display, &document.text, u64::MAX);
        let offset = self.encoding.offset(&source, at.position);
        let line_start = source.text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let before = &source.text[line_start..offset];
        let items = match key_being_valued(before) {
            Some(key) if COLUMN_REFERENCES.contains(&key) => document
                .last_good
                .as_ref()
                .map(column_names)
                .unwrap_or_default()
                .into_iter()
                .map(|name| item(name, CompletionItemKind::VALUE))
                .collect(),
            Some(key) => values_here(&source, offset, key, document.last_good.as_ref())
                .unwrap_or_else(|| allowed_values(key))
                .into_iter()
                .map(|value| item(value, CompletionItemKind::ENUM_MEMBER))
                .collect(),
            None if inside_block_labels(before, source.syntax) => Vec::new(),
            None => keys(&source, offset, document.last_good.as_ref())
                .into_iter()
                .map(|key| item(key, CompletionItemKind::PROPERTY))
                .collect(),
        };
        Some(CompletionResponse::Array(items))
    }
}

fn item(label: impl Into<String>, kind: CompletionItemKind) -> CompletionItem {
    CompletionItem {
        label: label.into(),
        kind: Some(kind),
        ..CompletionItem::default()
    }
}

/// The schema's description of the key or value under the cursor: of a JSON or TOML list, or of
/// the API field a Terraform attribute maps to; nothing in a document that is not a list.
fn described(source: &SourceFile, offset: usize, admission: Admission) -> Option<String> {
    let document = source.syntax.parse(&source.text, Spans::Record).ok()?;
    let pointer = document.spans.pointer_at(offset)?.to_owned();
    let recognised = model::lists(&document, source.syntax, None, admission);
    let lists = recognised.lists();
    let (list, shown, api) = lists.iter().find_map(|list| {
        let relative = pointer.strip_prefix(list.base)?;
        if !relative.is_empty() && !relative.starts_with('/') {
            return None;
        }
        let api = match list.resource {
            Some(resource) => resource.api_pointer(relative)?,
            None => relative.to_owned(),
        };
        Some((list, relative.to_owned(), api))
    })?;
    let description = schema::subschema(list.profile, &api)?
        .get("description")?
        .as_str()?;
    let name = crate::pointer::field_path(&shown);
    // The list itself (its opening brace) has no field to describe.
    if name.is_empty() {
        return None;
    }
    Some(format!("**{name}** ({})\n\n{description}", list.profile))
}

/// The key whose value the cursor is in: `"key": "Ce` (JSON) or `key = "Ce` (TOML, HCL).
fn key_being_valued(before: &str) -> Option<&str> {
    let (head, value) = before.rsplit_once([':', '='])?;
    // The value typed so far: at most an opening quote and a word.
    let value = value.trim_start();
    let typed = value.strip_prefix('"').unwrap_or(value);
    if typed.contains(['"', ',', '{', '[', '}', ']']) {
        return None;
    }
    let key = head.trim_end().trim_end_matches('"');
    let start = key
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .map_or(0, |i| i + 1);
    let key = &key[start..];
    (!key.is_empty()).then_some(key)
}

/// The values the schemas allow for a field of this name (its camelCase or snake_case form).
/// The values the schema allows for `key` where the cursor is (a phone column's `type`: the
/// usual phone types only); `None` when the place is not known.
fn values_here(
    source: &SourceFile,
    offset: usize,
    key: &str,
    last_good: Option<&Value>,
) -> Option<Vec<String>> {
    // The text before the key, where the object or block that holds it is open.
    let before = &source.text[..offset];
    let before = before[..before.rfind(key)?].trim_end_matches('"');
    let (profile, pointer) = match source.syntax {
        Syntax::Terraform => (
            Profile::Terraform,
            terraform_pointer(&enclosing_blocks(before), key)?,
        ),
        Syntax::Json | Syntax::Toml => {
            let mut path = match source.syntax {
                Syntax::Toml => toml_table(before),
                _ => json_path(before),
            };
            path.push(key.to_owned());
            let mut pointer = String::new();
            path.iter()
                .for_each(|segment| crate::pointer::push_key(&mut pointer, segment));
            (last_good.map_or(Profile::Api, Profile::detect), pointer)
        }
        Syntax::TerraformJson | Syntax::Csv => return None,
    };
    let mut values = Vec::new();
    collect_enums_here(schema::subschema(profile, &pointer)?, &mut values);
    // A column's `type` is free text in the API; the usual values are offered, nothing else.
    let usual = match () {
        _ if crate::pointer::matches(&pointer, "/phoneColumns/*/type") => USUAL_PHONE_TYPES,
        _ if crate::pointer::matches(&pointer, "/emailColumns/*/type") => USUAL_EMAIL_TYPES,
        _ => &[],
    };
    values.extend(usual.iter().map(|value| (*value).to_owned()));
    Some(values)
}

/// The phone and email column types Genesys Cloud's own examples and UI use. The API takes any
/// text (`reference/genesys-contactlist-api.md`): these are offered, never required.
const USUAL_PHONE_TYPES: &[&str] = &["cell", "home", "work"];
const USUAL_EMAIL_TYPES: &[&str] = &["work", "personal"];

/// The enum values of a schema node, through its `anyOf`/`oneOf` alternatives.
fn collect_enums_here(node: &Value, out: &mut Vec<String>) {
    let values = node
        .get("enum")
        .and_then(Value::as_array)
        .into_iter()
        .flatten();
    for value in values.filter_map(Value::as_str) {
        if !out.iter().any(|v| v == value) {
            out.push(value.to_owned());
        }
    }
    for alternatives in ["anyOf", "oneOf"] {
        let nodes = node
            .get(alternatives)
            .and_then(Value::as_array)
            .into_iter()
            .flatten();
        nodes.for_each(|node| collect_enums_here(node, out));
    }
}

/// The API pointer of an attribute of the HCL blocks around the cursor (`phone_columns` then
/// `type`: `/phoneColumns/0/type`).
fn terraform_pointer(blocks: &[Vec<String>], key: &str) -> Option<String> {
    use model::terraform::AttributeKind;
    let mut table = resource_kind(blocks).attributes();
    let mut pointer = String::new();
    for block in blocks.iter().skip(1) {
        let name = block.first()?;
        let (api, inner) = table.iter().find_map(|a| match a.kind {
            AttributeKind::Blocks(inner) if a.name == name => Some((a.api?, inner)),
            _ => None,
        })?;
        pointer.push_str(api);
        pointer.push_str("/0");
        table = inner;
    }
    pointer.push_str(table.iter().find(|a| a.name == key)?.api?);
    Some(pointer)
}

/// Whether the cursor is in a block's header, among its labels (`resource "…" "|`), where no
/// key or value belongs.
fn inside_block_labels(before: &str, syntax: Syntax) -> bool {
    let line = before.rsplit('\n').next().unwrap_or(before).trim_start();
    let header = line
        .split_once(char::is_whitespace)
        .is_some_and(|(word, rest)| {
            word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && rest.trim_start().starts_with('"')
        });
    syntax == Syntax::Terraform && header && !line.contains('=')
}

fn allowed_values(key: &str) -> Vec<String> {
    let camel = camel_case(key);
    let mut values = Vec::new();
    for profile in Profile::ALL {
        collect_enums(profile.schema(), &camel, &mut values);
    }
    values.dedup();
    values
}

fn collect_enums(node: &Value, key: &str, out: &mut Vec<String>) {
    match node {
        Value::Object(map) => {
            if let Some(Value::Object(properties)) = map.get("properties")
                && let Some(property) = properties.get(key)
            {
                let values = property.get("enum").and_then(Value::as_array);
                for value in values.into_iter().flatten().filter_map(Value::as_str) {
                    if !out.iter().any(|v| v == value) {
                        out.push(value.to_owned());
                    }
                }
            }
            map.values()
                .for_each(|child| collect_enums(child, key, out));
        }
        Value::Array(items) => items
            .iter()
            .for_each(|child| collect_enums(child, key, out)),
        _ => {}
    }
}

fn camel_case(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut upper = false;
    for c in key.chars() {
        match c {
            '_' => upper = true,
            c if upper => {
                out.extend(c.to_uppercase());
                upper = false;
            }
            c => out.push(c),
        }
    }
    out
}

/// The column names a document declares: `columnNames`, a definition's `columns[].name`, or a
/// Terraform resource's `column_names`.
fn column_names(value: &Value) -> Vec<String> {
    let strings = |v: Option<&Value>| -> Vec<String> {
        v.and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|item| item.as_str().or_else(|| item.get("name")?.as_str()))
            .map(str::to_owned)
            .collect()
    };
    let mut names = strings(value.get("columnNames"));
    names.extend(strings(value.get("columns")));
    let resources = value.get("resource").and_then(Value::as_object);
    for named in resources.into_iter().flat_map(|r| r.values()) {
        for body in named.as_object().into_iter().flat_map(|n| n.values()) {
            names.extend(strings(body.get("column_names")));
        }
    }
    names.sort();
    names.dedup();
    names
}

/// The keys to offer where a key is typed, in the object or block around the cursor: a
/// Terraform resource's (or block's) attributes, or the fields the list's profile defines there.
fn keys(source: &SourceFile, offset: usize, last_good: Option<&Value>) -> Vec<String> {
    let before = &source.text[..offset];
    match source.syntax {
        Syntax::Terraform => return terraform_keys(&enclosing_blocks(before)),
        Syntax::TerraformJson => return terraform_keys(&[]),
        Syntax::Csv => return Vec::new(),
        Syntax::Json | Syntax::Toml => {}
    }
    let path = match source.syntax {
        Syntax::Toml => toml_table(before),
        _ => json_path(before),
    };
    let profile = last_good.map_or(Profile::Api, Profile::detect);
    let mut pointer = String::new();
    for segment in &path {
        crate::pointer::push_key(&mut pointer, segment);
    }
    schema::known_properties(profile, &pointer)
        .into_iter()
        .filter(|key| !key.starts_with('$'))
        .map(str::to_owned)
        .collect()
}

/// The keys of the containers open at the end of a JSON text, `0` standing for an array's
/// element: `{"phoneColumns": [{"col` is `["phoneColumns", "0"]`.
fn json_path(before: &str) -> Vec<String> {
    let mut stack: Vec<Option<String>> = Vec::new();
    let (mut last_string, mut pending) = (None, None);
    let mut chars = before.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                let mut text = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        c => text.push(c),
                    }
                }
                last_string = Some(text);
            }
            ':' => pending = last_string.take(),
            '{' | '[' => stack.push(pending.take()),
            '}' | ']' => {
                stack.pop();
            }
            ',' => pending = None,
            _ => {}
        }
    }
    // The root object is the list itself; an element of an array has no key of its own.
    stack
        .into_iter()
        .skip(1)
        .map(|key| key.unwrap_or_else(|| "0".to_owned()))
        .collect()
}

/// The table a TOML text ends in: its last `[a.b]` header, or `[[a]]` as `["a", "0"]`.
fn toml_table(before: &str) -> Vec<String> {
    let Some(header) = before
        .lines()
        .map(str::trim)
        .rev()
        .find(|line| line.starts_with('['))
    else {
        return Vec::new();
    };
    let array = header.starts_with("[[");
    let name = header.trim_matches(|c| c == '[' || c == ']').trim();
    let mut path: Vec<String> = name
        .split('.')
        .map(|p| p.trim().trim_matches('"').to_owned())
        .collect();
    if array {
        path.push("0".to_owned());
    }
    path
}

/// The identifiers (and labels) of the HCL blocks open at the end of a text, outermost first:
/// `resource "genesyscloud_outbound_contact_list" "x" { phone_columns {` gives the resource's
/// header words, then `phone_columns`.
fn enclosing_blocks(before: &str) -> Vec<Vec<String>> {
    let mut stack = Vec::new();
    let mut header: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut chars = before.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                let mut text = String::new();
                for c in chars.by_ref() {
                    if c == '"' {
                        break;
                    }
                    text.push(c);
                }
                header.push(text);
            }
            '{' => stack.push(std::mem::take(&mut header)),
            '}' => {
                stack.pop();
            }
            '\n' | '=' => header.clear(),
            c if c.is_alphanumeric() || c == '_' || c == '-' => {
                word.push(c);
                continue;
            }
            _ => {}
        }
        if !word.is_empty() {
            header.push(std::mem::take(&mut word));
        }
    }
    stack
}

/// The attributes to offer inside these HCL blocks: a contact-list resource's, or its block's.
fn terraform_keys(blocks: &[Vec<String>]) -> Vec<String> {
    use model::terraform::AttributeKind;
    let mut table = resource_kind(blocks).attributes();
    for block in blocks.iter().skip(1) {
        let inner = table.iter().find_map(|a| match a.kind {
            AttributeKind::Blocks(inner) if block.first().map(String::as_str) == Some(a.name) => {
                Some(inner)
            }
            _ => None,
        });
        match inner {
            Some(inner) => table = inner,
            None => return Vec::new(),
        }
    }
    // Nothing a configuration may not set (computed) or should not (deprecated).
    let settable = |a: &&model::terraform::Attribute| {
        !matches!(
            a.kind,
            AttributeKind::Computed | AttributeKind::Deprecated(_)
        )
    };
    table
        .iter()
        .filter(settable)
        .map(|a| a.name.to_owned())
        .collect()
}

/// The contact-list resource type the outermost block names (a list when it names none).
fn resource_kind(blocks: &[Vec<String>]) -> model::terraform::ResourceKind {
    use model::terraform::ResourceKind;
    let type_name = blocks.first().and_then(|header| header.get(1));
    let kind = type_name.and_then(|name| {
        ResourceKind::ALL
            .into_iter()
            .find(|k| k.type_name() == name)
    });
    kind.unwrap_or(ResourceKind::List)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_being_valued_is_found_in_half_typed_lines() {
        assert_eq!(
            key_being_valued(r#"  "columnName": "Ce"#),
            Some("columnName")
        );
        assert_eq!(
            key_being_valued(r#"  "columnDataType":"#),
            Some("columnDataType")
        );
        assert_eq!(key_being_valued("column_name = \""), Some("column_name"));
        assert_eq!(key_being_valued("type = "), Some("type"));
        assert_eq!(key_being_valued(r#"  "name": "x", "#), None);
        assert_eq!(key_being_valued("  col"), None);
    }

    #[test]
    fn keys_come_from_the_object_or_block_around_the_cursor() {
        assert_eq!(
            json_path(r#"{"name": "x", "phoneColumns": [{"columnName": "a", "#),
            ["phoneColumns", "0"]
        );
        assert_eq!(json_path(r#"{"a": {"b": [1, 2]}, "c": {"#), ["c"]);
        assert_eq!(json_path(r#"{"n": "a{[\"", "#), Vec::<String>::new());
        assert_eq!(
            toml_table("name = 'x'\n[[columns]]\nname = 'p'\n"),
            ["columns", "0"]
        );
        let tf = "resource \"genesyscloud_outbound_contact_list_template\" \"t\" {\n  name = \
            \"{x}\"\n  phone_columns {\n    ";
        let keys = terraform_keys(&enclosing_blocks(tf));
        assert_eq!(
            keys,
            // Not the deprecated `callable_time_column`.
            ["column_name", "type", "callable_time_column_name"]
        );
        let top = terraform_keys(&enclosing_blocks(
            "resource \"genesyscloud_outbound_contact_list_template\" \"t\" {\n",
        ));
        assert!(
            !top.contains(&"whats_app_columns".to_owned())
                && top.contains(&"phone_columns".to_owned())
        );
    }

    #[test]
    fn a_terraform_attribute_is_found_in_the_api_schema() {
        let tf = "resource \"genesyscloud_outbound_contact_list\" \"s\" {\n  phone_columns {\n    \
            type = \"";
        let blocks = enclosing_blocks(tf);
        assert_eq!(
            terraform_pointer(&blocks, "type").as_deref(),
            Some("/phoneColumns/0/type"),
            "{blocks:?}"
        );
    }

    #[test]
    fn values_come_from_either_schema_in_either_spelling() {
        assert_eq!(
            allowed_values("column_data_type"),
            ["TEXT", "NUMERIC", "TIMESTAMP"]
        );
        assert!(allowed_values("type").contains(&"CSV_FILE".to_owned()));
    }
}
