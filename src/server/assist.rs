//! Hover and completion. Hover shows the rule's explanation under a diagnostic, else the schema's
//! description of the key under the cursor, and on a Terraform attribute since which provider
//! release it exists (docs/provider-versions.md). Completion works on the text before the
//! cursor, as the syntax's lexers read it (`Syntax::enclosing`, `Syntax::key_being_valued`), so
//! that it works in a document that does not parse yet: after a key and its `:` or `=`, the key's
//! allowed values (from the schema, or the provider table at the selected version) or, in a
//! field that names a column, the list's column names of the kind it takes (from the last text
//! that parsed: a campaign's phone columns are its list's phone columns, the list found in the
//! files of its module); elsewhere, the keys of the list's profile, or of the Terraform
//! resource or block around the cursor as the selected provider version has them.

use std::path::Path;

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, Hover, HoverContents,
    HoverParams, MarkupContent, MarkupKind,
};
use serde_json::Value;

use super::documents::{Document, Documents};
use crate::model::outbound::{ColumnKind, FileFacts, Form, ListFact, UserKind};
use crate::model::provider::{Choice, Node, Version};
use crate::model::{self, Admission, Profile, schema};
use crate::syntax::{Enclosing, Layout, Reference, Syntax};
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
        let choice = self.provider_choice(&at.text_document.uri);
        let text = explained.or_else(|| {
            let admission = document.admission?;
            let since = provider_history(&source, offset, &choice);
            match (described(&source, offset, admission), since) {
                (Some(described), Some(since)) => Some(format!("{described}\n\n{since}")),
                (described, since) => described.or(since),
            }
        })?;
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
        let version = self.provider_choice(&at.text_document.uri).version;
        let terraform = source.syntax == Syntax::Terraform;
        let items = match source.syntax.key_being_valued(before) {
            Some(key) if terraform => self
                .terraform_values(document, &source.text[..offset], key, version)
                .into_iter()
                .map(|(value, kind)| item(value, kind))
                .collect(),
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
            None if source.syntax.in_block_labels(before) => Vec::new(),
            None => keys(&source, offset, document.last_good.as_ref(), version)
                .into_iter()
                .map(|key| item(key, CompletionItemKind::PROPERTY))
                .collect(),
        };
        Some(CompletionResponse::Array(items))
    }

    /// The values to offer for `key` in the Terraform text before the cursor: in an attribute
    /// that names a column, the list's columns of the kind it takes (a campaign's
    /// `phone_columns.column_name`: the phone columns of the campaign's list); else the values
    /// the selected provider version allows, or the API schema's.
    fn terraform_values(
        &self,
        document: &Document,
        before: &str,
        key: &str,
        version: Version,
    ) -> Vec<(String, CompletionItemKind)> {
        let blocks = hcl_blocks(before);
        let resource = resource_header(&blocks);
        let mut path: Vec<&str> = blocks
            .iter()
            .skip(1)
            .filter_map(|b| b.first().map(String::as_str))
            .collect();
        path.push(key);
        let columns = |names: Vec<String>| {
            names
                .into_iter()
                .map(|name| (name, CompletionItemKind::VALUE))
                .collect()
        };
        if let Some((type_name, name)) = resource {
            if let Some(kind) = UserKind::ALL
                .into_iter()
                .find(|k| k.type_name() == type_name)
            {
                if let Some(column) = column_kind(kind, &path) {
                    return columns(self.list_columns(document, before, column));
                }
            } else if COLUMN_REFERENCES.contains(&key) {
                // A list's own column names.
                let own = document
                    .last_good
                    .as_ref()
                    .and_then(|value| value.get("resource")?.get(type_name)?.get(name))
                    .and_then(|body| body.get("column_names")?.as_array())
                    .map(|names| {
                        let names = names.iter().filter_map(Value::as_str);
                        names.map(str::to_owned).collect::<Vec<_>>()
                    })
                    .filter(|names| !names.is_empty());
                let all = || document.last_good.as_ref().map(column_names);
                return columns(own.or_else(all).unwrap_or_default());
            }
        }
        let table = resource
            .and_then(|(type_name, _)| Node::resource(type_name))
            .and_then(|node| path.iter().try_fold(node, |node, name| node.child(name)));
        let allowed: Vec<String> = table
            .into_iter()
            .flat_map(Node::values)
            .filter(|value| value.allowed_in(version))
            .map(|value| value.name().to_owned())
            .collect();
        let values = match allowed.is_empty() {
            false => allowed,
            true => terraform_pointer(&blocks, key)
                .and_then(|pointer| enums_at(Profile::Terraform, &pointer))
                .unwrap_or_default(),
        };
        values
            .into_iter()
            .map(|value| (value, CompletionItemKind::ENUM_MEMBER))
            .collect()
    }

    /// The columns of a kind of the list that the resource around the cursor uses: the list its
    /// `contact_list_id` names, found among the Terraform files of its module; when it names
    /// none the file fixes, every list of the module.
    fn list_columns(&self, document: &Document, before: &str, kind: ColumnKind) -> Vec<String> {
        let Some(directory) = document.path.as_deref().and_then(Path::parent) else {
            return Vec::new();
        };
        let named = list_reference(before);
        let mut lists: Vec<ListFact> = Vec::new();
        for (path, text) in self.module_texts(directory) {
            let Some(syntax) = Syntax::from_name(&path) else {
                continue;
            };
            if let Ok(parsed) = syntax.parse(&text) {
                lists.extend(FileFacts::of(&parsed, syntax).lists);
            }
        }
        let chosen: Vec<&ListFact> = match lists.iter().find(|l| Some(&l.address) == named.as_ref())
        {
            Some(list) => vec![list],
            None => lists.iter().collect(),
        };
        let mut names: Vec<String> = chosen
            .into_iter()
            .filter_map(|list| list.of_kind(kind))
            .flatten()
            .cloned()
            .collect();
        names.sort();
        names.dedup();
        names
    }
}

/// The type and name of the resource whose block the cursor is in (`resource "T" "N" {`).
fn resource_header(blocks: &[Vec<String>]) -> Option<(&str, &str)> {
    match blocks.first()?.as_slice() {
        [keyword, type_name, name, ..] if keyword == "resource" => Some((type_name, name)),
        _ => None,
    }
}

/// The kind of column an attribute of a resource that uses a list names, when it names one as
/// its value (`phone_columns` then `column_name` in a campaign: a phone column).
fn column_kind(kind: UserKind, path: &[&str]) -> Option<ColumnKind> {
    let matches = |pattern: &[&str]| {
        // Blocks and lists have no index in the cursor's path.
        let pattern: Vec<&str> = pattern.iter().copied().filter(|p| *p != "*").collect();
        match pattern.split_first() {
            Some((&"**", rest)) => path.ends_with(rest),
            _ => pattern == path,
        }
    };
    kind.columns()
        .iter()
        .find(|a| a.form == Form::Value && matches(a.path))
        .map(|a| a.kind)
}

/// The list the resource around the cursor names in `contact_list_id` (or a filter's
/// `contact_list_template_id`), as an address (`genesyscloud_outbound_contact_list.sales`), when
/// it is a plain reference written in the part of the resource before the cursor, or after it.
fn list_reference(before: &str) -> Option<String> {
    let attributes = Syntax::Terraform.resource_attributes(before);
    attributes.into_iter().find_map(|(name, value)| {
        if name != "contact_list_id" && name != "contact_list_template_id" {
            return None;
        }
        let reference = Reference::parse(value)?;
        match reference.0.as_slice() {
            [type_name, list, ..] => Some(format!("{type_name}.{list}")),
            _ => None,
        }
    })
}

/// The HCL blocks open at the end of a Terraform text, outermost first.
fn hcl_blocks(before: &str) -> Vec<Vec<String>> {
    match Syntax::Terraform.enclosing(before) {
        Enclosing::Blocks(blocks) => blocks,
        Enclosing::Keys(_) | Enclosing::Unfollowed => Vec::new(),
    }
}

/// Since which provider release the Terraform attribute, block or resource type under the
/// cursor exists, and what the selected version says of it (docs/provider-versions.md): "Since provider 1.58.0;
/// not in 1.55.0, which the lock file … selects".
fn provider_history(source: &SourceFile, offset: usize, choice: &Choice) -> Option<String> {
    if !matches!(source.syntax, Syntax::Terraform | Syntax::TerraformJson) {
        return None;
    }
    let document = source.syntax.parse(&source.text).ok()?;
    let pointer = document.pointer_at(offset)?;
    let segments: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect();
    let [resource, type_name, _name, rest @ ..] = segments.as_slice() else {
        return None;
    };
    if resource != "resource" {
        return None;
    }
    let mut node = Node::resource(type_name)?;
    let mut shown = type_name.clone();
    let names = rest
        .iter()
        .filter(|s| !s.bytes().all(|b| b.is_ascii_digit()));
    let mut path = Vec::new();
    for name in names {
        node = node.child(name)?;
        path.push(name.as_str());
    }
    if !path.is_empty() {
        shown = path.join(".");
    }
    let since = node.next_since(Version::new(0, 0, 0))?;
    let version = choice.version;
    let mut text = format!("`{shown}`: since provider {since}");
    if let Some(removed) = node
        .removed_before(version)
        .filter(|_| !node.exists_in(version))
    {
        text.push_str(&format!("; removed in {removed}"));
    } else if !node.exists_in(version) {
        text.push_str(&format!("; not in {version}"));
    } else if let Some(deprecation) = node.deprecated_in(version) {
        text.push_str(&format!("; deprecated since {}", deprecation.since));
        if let Some(replacement) = deprecation.replacement {
            text.push_str(&format!(" (use `{replacement}`)"));
        }
    }
    text.push_str(&format!(" ({}).", choice.selects()));
    Some(text)
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
    let document = source.syntax.parse(&source.text).ok()?;
    let pointer = document.pointer_at(offset)?;
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
    let (profile, pointer) = match source.syntax.enclosing(before) {
        Enclosing::Blocks(blocks) => (Profile::Terraform, terraform_pointer(&blocks, key)?),
        Enclosing::Keys(mut path) => {
            path.push(key.to_owned());
            let mut pointer = String::new();
            path.iter()
                .for_each(|segment| crate::pointer::push_key(&mut pointer, segment));
            (last_good.map_or(Profile::Api, Profile::detect), pointer)
        }
        Enclosing::Unfollowed => return None,
    };
    enums_at(profile, &pointer)
}

/// The values the profile's schema allows at a pointer, with the usual ones of a field that
/// takes any text; `None` when the schema has no such place.
fn enums_at(profile: Profile, pointer: &str) -> Option<Vec<String>> {
    let mut values = Vec::new();
    collect_enums_here(schema::subschema(profile, pointer)?, &mut values);
    // A column's `type` is free text in the API; the usual values are offered, nothing else.
    let usual = match () {
        _ if crate::pointer::matches(pointer, "/phoneColumns/*/type") => USUAL_PHONE_TYPES,
        _ if crate::pointer::matches(pointer, "/emailColumns/*/type") => USUAL_EMAIL_TYPES,
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

/// The values the schemas allow for a field of this name (its camelCase or snake_case form).
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
fn keys(
    source: &SourceFile,
    offset: usize,
    last_good: Option<&Value>,
    version: Version,
) -> Vec<String> {
    let before = &source.text[..offset];
    let terraform = source.syntax.layout() == Layout::TerraformResources;
    let path = match source.syntax.enclosing(before) {
        Enclosing::Blocks(blocks) => return terraform_keys(&blocks, version),
        Enclosing::Keys(path) => path,
        // Terraform's JSON syntax, whose objects are not followed: a contact list's attributes.
        Enclosing::Unfollowed if terraform => return terraform_keys(&[], version),
        Enclosing::Unfollowed => return Vec::new(),
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

/// The attributes to offer inside these HCL blocks, as the provider table has them at the
/// selected version: the resource's (or its block's) attributes and blocks that version has,
/// but none a configuration may not set (computed) or should not (deprecated at that version).
/// Outside any resource (a `.tf.json`, whose blocks are not followed), a contact list's.
fn terraform_keys(blocks: &[Vec<String>], version: Version) -> Vec<String> {
    let node = match blocks.first() {
        None => Node::resource(model::terraform::ResourceKind::List.type_name()),
        Some(_) => resource_header(blocks).and_then(|(type_name, _)| Node::resource(type_name)),
    };
    let Some(mut node) = node.filter(|node| node.is_described()) else {
        return Vec::new();
    };
    for block in blocks.iter().skip(1) {
        let inner = block.first().and_then(|name| node.child(name));
        match inner.filter(|inner| inner.is_block()) {
            Some(inner) => node = inner,
            None => return Vec::new(),
        }
    }
    let settable = |child: &Node| {
        child.exists_in(version)
            && !child.computed_in(version)
            && child.deprecated_in(version).is_none()
    };
    node.children()
        .filter(settable)
        .map(|child| child.name().to_owned())
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
    fn keys_come_from_the_object_or_block_around_the_cursor() {
        let tf = "resource \"genesyscloud_outbound_contact_list_template\" \"t\" {\n  name = \
            \"{x}\"\n  phone_columns {\n    ";
        let keys = terraform_keys(&hcl_blocks(tf), Version::newest());
        assert_eq!(
            keys,
            // Not the deprecated `callable_time_column`.
            ["callable_time_column_name", "column_name", "type"]
        );
        // Before 1.79.0, `callable_time_column` is the one there is, and not deprecated.
        let old = terraform_keys(&hcl_blocks(tf), Version::new(1, 55, 0));
        assert_eq!(old, ["callable_time_column", "column_name", "type"]);
        let top = terraform_keys(
            &hcl_blocks("resource \"genesyscloud_outbound_contact_list_template\" \"t\" {\n"),
            Version::newest(),
        );
        assert!(
            !top.contains(&"whats_app_columns".to_owned())
                && top.contains(&"phone_columns".to_owned())
        );
    }

    #[test]
    fn the_list_a_resource_names_is_read_before_the_cursor() {
        let before = "resource \"genesyscloud_outbound_campaign\" \"s\" {\n  contact_list_id = \
            genesyscloud_outbound_contact_list.sales.id\n  phone_columns {\n    column_name = \"";
        assert_eq!(
            list_reference(before).as_deref(),
            Some("genesyscloud_outbound_contact_list.sales")
        );
    }

    #[test]
    fn a_terraform_attribute_is_found_in_the_api_schema() {
        let tf = "resource \"genesyscloud_outbound_contact_list\" \"s\" {\n  phone_columns {\n    \
            type = \"";
        let blocks = hcl_blocks(tf);
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
