//! Terraform's contact-list resources as lists: each `genesyscloud_outbound_contact_list` or
//! `genesyscloud_outbound_contact_list_template` resource of a document is mapped, through one
//! attribute table per resource type, onto the API body the provider would send, so that every
//! api rule runs on it unchanged. Rules speak API pointers and names; [`Resource`] turns them back
//! into Terraform's (`/phoneColumns/0/columnName` → `/phone_columns/0/column_name`).
//!
//! What the file does not fix stays unknown: an attribute whose value is unknown is `null` in the
//! body and listed in [`Resource::unknown`]; a `dynamic` block makes its array open.

use serde_json::{Map, Value};

use super::provider::Declared;
use super::{List, Profile};
use crate::pointer::{self, is_under, push_key};
use crate::syntax::{Document, DuplicateKey, Node, Reference, Shape};

/// The resource types that are contact lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResourceKind {
    List,
    Template,
}

impl ResourceKind {
    pub const ALL: [ResourceKind; 2] = [ResourceKind::List, ResourceKind::Template];

    pub fn type_name(self) -> &'static str {
        match self {
            ResourceKind::List => "genesyscloud_outbound_contact_list",
            ResourceKind::Template => "genesyscloud_outbound_contact_list_template",
        }
    }

    /// What the resource is, in messages.
    pub fn noun(self) -> &'static str {
        match self {
            ResourceKind::List => "contact list",
            ResourceKind::Template => "contact-list template",
        }
    }

    /// The resource's attributes and blocks.
    pub fn attributes(self) -> &'static [Attribute] {
        match self {
            ResourceKind::List => LIST_ATTRIBUTES,
            ResourceKind::Template => TEMPLATE_ATTRIBUTES,
        }
    }

    /// Whether the resource has an attribute, at its top level or in a block.
    pub fn has(self, block: Option<&str>, name: &str) -> bool {
        let table = match block {
            None => Some(self.attributes()),
            Some(block) => self.attributes().iter().find_map(|a| match a.kind {
                AttributeKind::Blocks(inner) if a.name == block => Some(inner),
                _ => None,
            }),
        };
        table.is_some_and(|table| table.iter().any(|a| a.name == name))
    }

    /// Whether the api schema itself requires what an attribute maps to (so that its absence
    /// is the schema's finding, not the provider table's): `column_name` in `phone_columns`.
    pub fn api_requires(self, block: Option<&str>, name: &str) -> bool {
        let top = self.attributes();
        let (table, at) = match block {
            None => (top, String::new()),
            Some(block) => match top.iter().find(|a| a.name == block) {
                Some(Attribute {
                    kind: AttributeKind::Blocks(inner),
                    api: Some(api),
                    ..
                }) => (*inner, pointer::element(api, 0)),
                _ => return false,
            },
        };
        let Some(field) = table
            .iter()
            .find(|a| a.name == name)
            .and_then(|a| a.api)
            .and_then(|api| pointer::segments(api).next())
        else {
            return false;
        };
        let required = super::schema::subschema(Profile::Api, &at)
            .and_then(|schema| schema.get("required"))
            .and_then(Value::as_array);
        required.is_some_and(|names| names.iter().any(|n| n.as_str() == Some(&field)))
    }

    pub fn from_type_name(name: &str) -> Option<ResourceKind> {
        ResourceKind::ALL
            .into_iter()
            .find(|k| k.type_name() == name)
    }
}

/// One attribute or block of a resource: its Terraform name, what it is, and (for those the
/// provider sends) the API field it becomes.
#[derive(Debug)]
pub struct Attribute {
    pub name: &'static str,
    pub kind: AttributeKind,
    /// The API pointer it maps to, relative to the list (or to its block's entry); `None` for
    /// Terraform's own attributes (`contacts_filepath`, ...).
    pub api: Option<&'static str>,
}

#[derive(Debug, Clone, Copy)]
pub enum AttributeKind {
    /// An argument (`name = ...`).
    Argument,
    /// An argument that must be given.
    Required,
    /// Nested blocks (`phone_columns { ... }`), with their own arguments.
    Blocks(&'static [Attribute]),
    /// Deprecated for the named argument, which replaces it.
    Deprecated(&'static str),
    /// Set by the provider; a configuration may not set it.
    Computed,
}

const fn argument(name: &'static str, api: &'static str) -> Attribute {
    Attribute {
        name,
        kind: AttributeKind::Argument,
        api: Some(api),
    }
}

const fn terraform_only(name: &'static str, kind: AttributeKind) -> Attribute {
    Attribute {
        name,
        kind,
        api: None,
    }
}

const fn blocks(name: &'static str, api: &'static str, inner: &'static [Attribute]) -> Attribute {
    Attribute {
        name,
        kind: AttributeKind::Blocks(inner),
        api: Some(api),
    }
}

const fn deprecated(name: &'static str, api: &'static str, instead: &'static str) -> Attribute {
    Attribute {
        name,
        kind: AttributeKind::Deprecated(instead),
        api: Some(api),
    }
}

const COLUMN_NAME: Attribute = argument("column_name", "/columnName");
const TYPE: Attribute = argument("type", "/type");

const PHONE_COLUMN: &[Attribute] = &[
    COLUMN_NAME,
    TYPE,
    deprecated(
        "callable_time_column",
        "/callableTimeColumn",
        "callable_time_column_name",
    ),
    argument("callable_time_column_name", "/callableTimeColumnName"),
];
const EMAIL_COLUMN: &[Attribute] = &[
    COLUMN_NAME,
    TYPE,
    deprecated(
        "contactable_time_column",
        "/contactableTimeColumn",
        "contactable_time_column_name",
    ),
    argument("contactable_time_column_name", "/contactableTimeColumnName"),
];
const WHATSAPP_COLUMN: &[Attribute] = &[COLUMN_NAME, TYPE];

const DATA_TYPE_SPECIFICATION: &[Attribute] = &[
    COLUMN_NAME,
    argument("column_data_type", "/columnDataType"),
    argument("min", "/min"),
    argument("max", "/max"),
    argument("max_length", "/maxLength"),
];
/// In the template, `max_length` is required (the provider's template schema, L183–186).
const TEMPLATE_DATA_TYPE_SPECIFICATION: &[Attribute] = &[
    COLUMN_NAME,
    argument("column_data_type", "/columnDataType"),
    argument("min", "/min"),
    argument("max", "/max"),
    Attribute {
        name: "max_length",
        kind: AttributeKind::Required,
        api: Some("/maxLength"),
    },
];

// The attributes both resources have, written once.
const NAME: Attribute = argument("name", "/name");
const COLUMN_NAMES: Attribute = argument("column_names", "/columnNames");
const PHONE_COLUMNS: Attribute = blocks("phone_columns", "/phoneColumns", PHONE_COLUMN);
const EMAIL_COLUMNS: Attribute = blocks("email_columns", "/emailColumns", EMAIL_COLUMN);
const PREVIEW_MODE_COLUMN_NAME: Attribute =
    argument("preview_mode_column_name", "/previewModeColumnName");
const PREVIEW_MODE_ACCEPTED_VALUES: Attribute =
    argument("preview_mode_accepted_values", "/previewModeAcceptedValues");
const ATTEMPT_LIMIT_ID: Attribute = argument("attempt_limit_id", "/attemptLimits/id");
const AUTOMATIC_TIME_ZONE_MAPPING: Attribute =
    argument("automatic_time_zone_mapping", "/automaticTimeZoneMapping");
const ZIP_CODE_COLUMN_NAME: Attribute = argument("zip_code_column_name", "/zipCodeColumnName");
const ID: Attribute = terraform_only("id", AttributeKind::Computed);

/// `genesyscloud_outbound_contact_list` (the provider's schema file, L238–343).
const LIST_ATTRIBUTES: &[Attribute] = &[
    NAME,
    argument("division_id", "/division/id"),
    COLUMN_NAMES,
    PHONE_COLUMNS,
    EMAIL_COLUMNS,
    blocks("whats_app_columns", "/whatsAppColumns", WHATSAPP_COLUMN),
    PREVIEW_MODE_COLUMN_NAME,
    PREVIEW_MODE_ACCEPTED_VALUES,
    ATTEMPT_LIMIT_ID,
    AUTOMATIC_TIME_ZONE_MAPPING,
    ZIP_CODE_COLUMN_NAME,
    blocks(
        "column_data_type_specifications",
        "/columnDataTypeSpecifications",
        DATA_TYPE_SPECIFICATION,
    ),
    argument("trim_whitespace", "/trimWhitespace"),
    terraform_only("contacts_filepath", AttributeKind::Argument),
    terraform_only("contacts_id_name", AttributeKind::Argument),
    terraform_only("contacts_file_content_hash", AttributeKind::Computed),
    terraform_only("contacts_record_count", AttributeKind::Computed),
    ID,
];

/// `genesyscloud_outbound_contact_list_template`: the list's shape without WhatsApp,
/// `trim_whitespace`, `division_id` or `contacts_*`, and with `max_length` required.
const TEMPLATE_ATTRIBUTES: &[Attribute] = &[
    NAME,
    COLUMN_NAMES,
    PHONE_COLUMNS,
    EMAIL_COLUMNS,
    PREVIEW_MODE_COLUMN_NAME,
    PREVIEW_MODE_ACCEPTED_VALUES,
    ATTEMPT_LIMIT_ID,
    AUTOMATIC_TIME_ZONE_MAPPING,
    ZIP_CODE_COLUMN_NAME,
    blocks(
        "column_data_type_specifications",
        "/columnDataTypeSpecifications",
        TEMPLATE_DATA_TYPE_SPECIFICATION,
    ),
    ID,
];

pub use crate::syntax::{DYNAMIC, META_ARGUMENTS};

/// One contact-list resource of a Terraform document, mapped onto an API body.
#[derive(Debug)]
pub struct Resource {
    pub kind: ResourceKind,
    /// `genesyscloud_outbound_contact_list.sales`.
    pub address: String,
    /// The pointer of the resource's body in its document.
    pub base: String,
    /// The body as written (Terraform's names).
    pub written: Map<String, Value>,
    /// The API body the provider would send.
    pub body: Value,
    /// API pointers whose value the file does not fix.
    pub unknown: Vec<String>,
    /// API pointers of arrays a `dynamic` block may add entries to.
    pub open: Vec<String>,
    /// Keys repeated within the resource, as Terraform pointers relative to it.
    pub duplicate_keys: Vec<DuplicateKey>,
    /// Terraform pointers (relative) of keys written as blocks.
    pub blocks: Vec<String>,
    /// Terraform pointers (relative) of values the file does not fix.
    pub unknown_written: Vec<String>,
    /// Of those, the plain references, by Terraform pointer (relative).
    pub references: Vec<(String, Reference)>,
    /// Whether blocks and arguments are written differently, so that one written as the other
    /// is a mistake (true in HCL; in Terraform's JSON syntax both are JSON values).
    pub blocks_distinct: bool,
}

/// An attribute or block as a resource writes it, with what the resource's table says of it.
#[derive(Debug)]
pub struct WrittenAttribute<'r> {
    /// Its Terraform pointer, relative to the resource.
    pub pointer: String,
    pub name: &'r str,
    /// Its entry in the table; `None` when the resource has no such attribute.
    pub known: Option<&'static Attribute>,
    /// What the resource (or the block it is in) has, for did-you-mean.
    pub table: &'static [Attribute],
    /// The block it is in (`phone_columns`), `None` at the resource's top level.
    pub block: Option<&'static str>,
    /// Whether it is written as a block.
    pub as_block: bool,
}

impl Resource {
    /// The list rules see.
    pub fn list(&self) -> List<'_> {
        List {
            base: &self.base,
            profile: Profile::Terraform,
            value: &self.body,
            duplicate_keys: &self.duplicate_keys,
            resource: Some(self),
        }
    }

    /// Every attribute and block the resource writes, and those of its blocks, in order;
    /// meta-arguments and `dynamic` blocks are not attributes.
    pub fn written_attributes(&self) -> Vec<WrittenAttribute<'_>> {
        let mut out = Vec::new();
        self.collect_written(&self.written, "", self.kind.attributes(), None, &mut out);
        out
    }

    fn collect_written<'r>(
        &'r self,
        written: &'r Map<String, Value>,
        at: &str,
        table: &'static [Attribute],
        block: Option<&'static str>,
        out: &mut Vec<WrittenAttribute<'r>>,
    ) {
        for (name, value) in written {
            if block.is_none() && (META_ARGUMENTS.contains(&name.as_str()) || name == DYNAMIC) {
                continue;
            }
            let pointer = pointer::child(at, name);
            let known = table.iter().find(|attribute| attribute.name == name);
            let as_block = self.blocks.contains(&pointer);
            if let Some(attribute) = known
                && let AttributeKind::Blocks(inner) = attribute.kind
            {
                for (at, entry) in self.block_entries(value, &pointer) {
                    self.collect_written(entry, &at, inner, Some(attribute.name), out);
                }
            }
            out.push(WrittenAttribute {
                pointer,
                name,
                known,
                table,
                block,
                as_block,
            });
        }
    }

    /// Required arguments its blocks leave unset (absent, or `null`), as the pointer of the
    /// block and the argument's name.
    pub fn missing_required(&self) -> Vec<(String, &'static str)> {
        let mut out = Vec::new();
        for attribute in self.kind.attributes() {
            let (AttributeKind::Blocks(inner), Some(value)) =
                (attribute.kind, self.written.get(attribute.name))
            else {
                continue;
            };
            let required = inner
                .iter()
                .filter(|a| matches!(a.kind, AttributeKind::Required));
            for (block, entry) in self.block_entries(value, &pointer::child("", attribute.name)) {
                for argument in required.clone() {
                    let at = pointer::child(&block, argument.name);
                    let set = entry.get(argument.name).is_some_and(|v| !v.is_null())
                        || self.unknown_written.contains(&at);
                    if !set {
                        out.push((block.clone(), argument.name));
                    }
                }
            }
        }
        out
    }

    /// The blocks a block attribute's value (at Terraform pointer `at`) writes, with their
    /// pointers: each object of an array, or in Terraform's JSON syntax one object for a single
    /// block (`"phone_columns": {…}`, at `at` itself).
    fn block_entries<'v>(
        &self,
        value: &'v Value,
        at: &str,
    ) -> Vec<(String, &'v Map<String, Value>)> {
        match value {
            Value::Object(_) if self.blocks_distinct => Vec::new(),
            _ => entries(value, at.to_owned()),
        }
    }

    /// Whether the block attribute at a Terraform pointer is one object written for a single
    /// block, whose entry has no index in Terraform's pointers and index 0 in the API's.
    fn is_single_block(&self, at: &str) -> bool {
        let mut segments = pointer::segments(at);
        let mut value = segments.next().and_then(|first| self.written.get(&*first));
        for segment in segments {
            value = match value {
                Some(Value::Object(map)) => map.get(&*segment),
                Some(Value::Array(items)) => segment.parse().ok().and_then(|i: usize| items.get(i)),
                _ => None,
            };
        }
        !self.blocks_distinct && matches!(value, Some(Value::Object(_)))
    }

    /// The Terraform pointer (relative to the resource) for an API pointer; segments that are
    /// no API field of the resource (already Terraform's) pass as they are.
    pub fn terraform_pointer(&self, api: &str) -> String {
        let mut out = String::new();
        let mut table = self.kind.attributes();
        let mut segments = pointer::segments(api);
        while let Some(segment) = segments.next() {
            let found = table.iter().find(|attribute| {
                attribute
                    .api
                    .and_then(|api| pointer::segments(api).next())
                    .is_some_and(|first| first == segment)
            });
            let Some(attribute) = found else {
                push_key(&mut out, &segment);
                continue;
            };
            push_key(&mut out, attribute.name);
            // `/attemptLimits/id` is one attribute, `attempt_limit_id`.
            let nested = attribute
                .api
                .map_or(0, |api| pointer::segments(api).count() - 1);
            for _ in 0..nested {
                segments.next();
            }
            if let AttributeKind::Blocks(inner) = attribute.kind {
                if let Some(index) = segments.next()
                    && !self.is_single_block(&out)
                {
                    push_key(&mut out, &index);
                }
                table = inner;
            }
        }
        out
    }

    /// The API pointer for a Terraform pointer relative to the resource (the way back of
    /// [`Resource::terraform_pointer`]); `None` for an attribute the provider does not send.
    pub fn api_pointer(&self, terraform: &str) -> Option<String> {
        let (mut out, mut written) = (String::new(), String::new());
        let mut table = self.kind.attributes();
        let mut segments = pointer::segments(terraform);
        while let Some(segment) = segments.next() {
            let attribute = table.iter().find(|a| a.name == segment)?;
            out.push_str(attribute.api?);
            push_key(&mut written, &segment);
            if let AttributeKind::Blocks(inner) = attribute.kind {
                let index = if self.is_single_block(&written) {
                    Some("0".into())
                } else {
                    segments.next()
                };
                if let Some(index) = index {
                    push_key(&mut out, &index);
                    push_key(&mut written, &index);
                }
                table = inner;
            }
        }
        Some(out)
    }

    /// A message written with API names (`phoneColumns[0].columnName`), in Terraform's
    /// (`phone_columns[0].column_name`).
    pub fn speak_terraform(&self, message: &str) -> String {
        let mut message = message.to_owned();
        for attribute in self.kind.attributes() {
            if let Some(path) = attribute.api.filter(|api| api.matches('/').count() > 1) {
                message = message.replace(&pointer::field_path(path), attribute.name);
            }
        }
        let mut out = String::with_capacity(message.len());
        let mut rest = message.as_str();
        while let Some(start) = rest.find(|c: char| c.is_ascii_alphanumeric() || c == '_') {
            out.push_str(&rest[..start]);
            rest = &rest[start..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            let word = &rest[..end];
            out.push_str(self.terraform_name(word).unwrap_or(word));
            rest = &rest[end..];
        }
        out.push_str(rest);
        out
    }

    /// The Terraform name of an API field name this resource has, at any depth.
    fn terraform_name(&self, api_name: &str) -> Option<&'static str> {
        fn find(table: &'static [Attribute], name: &str) -> Option<&'static str> {
            table.iter().find_map(|attribute| {
                let own = attribute.api.and_then(|api| pointer::segments(api).next());
                match attribute.kind {
                    _ if own.as_deref() == Some(name) => Some(attribute.name),
                    AttributeKind::Blocks(inner) => find(inner, name),
                    _ => None,
                }
            })
        }
        find(self.kind.attributes(), api_name)
    }

    /// Whether the file fixes the value at an API pointer: neither it nor a value it is part
    /// of is unknown.
    pub fn fixes(&self, api: &str) -> bool {
        !self
            .unknown
            .iter()
            .any(|unknown| api == unknown || is_under(api, unknown))
    }

    /// Whether every entry of the array at an API pointer is known: the array is fixed, holds
    /// no unknown value and no `dynamic` block adds to it.
    pub fn is_complete(&self, api: &str) -> bool {
        self.fixes(api)
            && !self.open.iter().any(|open| open == api)
            && !self.unknown.iter().any(|unknown| is_under(unknown, api))
    }
}

/// A resource block of a Terraform document, found but not read yet.
#[derive(Debug, Clone)]
pub struct Declaration<'d> {
    pub type_name: &'d str,
    /// `genesyscloud_outbound_campaign.sales`.
    pub address: String,
    /// The pointer of its body in its document.
    pub base: String,
    /// Whether an array holds it at some level (Terraform's JSON syntax may write any of the
    /// three levels, `resource`, a type and a resource, as an array of objects).
    pub in_array: bool,
    body: Node<'d>,
}

/// A resource's body as written, and what the text leaves open in it (pointers relative to
/// the body): made when the resource is read, dropped once what it says is kept.
#[derive(Debug)]
pub struct Written {
    /// An object.
    pub body: Value,
    pub shape: Shape,
}

impl<'d> Declaration<'d> {
    /// Its body where it is written, to read in place.
    pub fn body(&self) -> Node<'d> {
        self.body
    }

    /// Its body as a value made from the document, with what it leaves open.
    pub fn read(&self) -> Written {
        let (body, shape) = self.body.materialise();
        Written { body, shape }
    }

    /// The contact-list resource type it is, if it is one.
    pub fn list_kind(&self) -> Option<ResourceKind> {
        ResourceKind::from_type_name(self.type_name)
    }

    /// Whether it is an outbound resource of the provider (`genesyscloud_outbound_*`).
    pub fn is_outbound(&self) -> bool {
        self.type_name.starts_with(OUTBOUND_PREFIX)
    }
}

/// Every resource of a Terraform document, in document order; each object of an array (in
/// Terraform's JSON syntax) counts.
pub fn declarations<'d>(document: &'d Document<'_>) -> Vec<Declaration<'d>> {
    let mut found = Vec::new();
    let Some(resource) = document.root().get("resource") else {
        return found;
    };
    for (at, types, listed) in objects(resource, pointer::child("", "resource")) {
        for (type_name, named) in types.members() {
            for (at, named, in_type) in objects(named, pointer::child(&at, type_name)) {
                for (name, written) in named.members() {
                    for (base, body, alone) in objects(written, pointer::child(&at, name)) {
                        found.push(Declaration {
                            type_name,
                            address: [type_name, ".", name].concat(),
                            base,
                            in_array: listed || in_type || alone,
                            body,
                        });
                    }
                }
            }
        }
    }
    found
}

/// Every contact-list resource of a Terraform document, mapped, in document order;
/// `blocks_distinct` when the document is HCL.
pub fn resources(document: &Document, blocks_distinct: bool) -> Vec<Resource> {
    let declared = declarations(document);
    let lists = declared.iter().filter_map(|declaration| {
        let kind = declaration.list_kind()?;
        let written = declaration.read();
        Some(map(kind, declaration, written, document, blocks_distinct))
    });
    lists.collect()
}

/// The prefix of every outbound resource type of the provider.
pub const OUTBOUND_PREFIX: &str = "genesyscloud_outbound_";

impl<'d> Declared<'d> {
    /// An outbound resource as written (`genesyscloud_outbound_*`, lists and the resources that
    /// use them, and types the provider has never had), read where it is written; `None` for
    /// a body that is not an object.
    pub fn of(declaration: &Declaration<'d>, blocks_distinct: bool) -> Option<Declared<'d>> {
        declaration.body.is_object().then(|| Declared {
            type_name: declaration.type_name,
            address: declaration.address.clone(),
            base: declaration.base.clone(),
            written: declaration.body,
            blocks_distinct,
        })
    }
}

/// An object with its pointer, or each object of an array with its own; whether an array held
/// them.
fn objects(value: Node<'_>, at: String) -> Vec<(String, Node<'_>, bool)> {
    match value.is_array() {
        true => value
            .items()
            .enumerate()
            .filter(|(_, item)| item.is_object())
            .map(|(index, item)| (pointer::element(&at, index), item, true))
            .collect(),
        false if value.is_object() => vec![(at, value, false)],
        false => Vec::new(),
    }
}

/// The object entries of an array, or the object itself, with their pointers.
fn entries(value: &Value, at: String) -> Vec<(String, &Map<String, Value>)> {
    match value {
        Value::Object(map) => vec![(at, map)],
        Value::Array(items) => items
            .iter()
            .enumerate()
            .filter_map(|(index, item)| Some((pointer::element(&at, index), item.as_object()?)))
            .collect(),
        _ => Vec::new(),
    }
}

/// Maps one resource's body onto the API body.
pub fn map(
    kind: ResourceKind,
    declaration: &Declaration<'_>,
    written: Written,
    document: &Document,
    blocks_distinct: bool,
) -> Resource {
    let Written { body, shape } = written;
    let written = match body {
        Value::Object(written) => written,
        _ => Map::new(),
    };
    let base = declaration.base.clone();
    let mut mapping = Mapping {
        unknown: Vec::new(),
        open: Vec::new(),
        unknown_written: &shape.unknown,
        blocks: &shape.blocks,
        blocks_distinct,
    };
    let (mut at, mut into) = (String::new(), String::new());
    let body = mapping.object(kind.attributes(), &written, &mut at, &mut into);
    if let Some(generated) = written.get(DYNAMIC).and_then(Value::as_object) {
        for attribute in kind.attributes() {
            if let (true, Some(api)) = (generated.contains_key(attribute.name), attribute.api) {
                mapping.open.push(api.to_owned());
            }
        }
    }
    let (unknown, open) = (mapping.unknown, mapping.open);
    let duplicate_keys = document
        .duplicate_keys
        .iter()
        .filter_map(|duplicate| {
            let pointer = &duplicate.pointer;
            let inside = *pointer == base || is_under(pointer, &base);
            inside.then(|| DuplicateKey {
                pointer: pointer[base.len()..].to_owned(),
                ..duplicate.clone()
            })
        })
        .collect();
    Resource {
        kind,
        address: declaration.address.clone(),
        written,
        body: Value::Object(body),
        unknown,
        open,
        duplicate_keys,
        blocks: shape.blocks,
        base,
        unknown_written: shape.unknown,
        references: shape.references,
        blocks_distinct,
    }
}

/// The state of mapping one resource.
struct Mapping<'u> {
    unknown: Vec<String>,
    open: Vec<String>,
    /// Terraform pointers (relative to the resource) of unknown values.
    unknown_written: &'u [String],
    /// Terraform pointers (relative to the resource) of keys written as blocks.
    blocks: &'u [String],
    blocks_distinct: bool,
}

impl Mapping<'_> {
    /// Maps the arguments of `table` found in `written` (at Terraform pointer `at`) into the
    /// body under API pointer `into`. Both pointers grow and shrink back in place: an export
    /// maps thousands of lists.
    fn object(
        &mut self,
        table: &'static [Attribute],
        written: &Map<String, Value>,
        at: &mut String,
        into: &mut String,
    ) -> Map<String, Value> {
        let mut object = Map::new();
        // In the table's order, each written attribute found in the table by its name (a body
        // writes a few of the dozens a table has).
        let mut present: Vec<(usize, &Attribute, &Value)> = written
            .iter()
            .filter_map(|(name, value)| {
                let at = table.iter().position(|attribute| attribute.name == name)?;
                Some((at, &table[at], value))
            })
            .collect();
        present.sort_unstable_by_key(|&(at, _, _)| at);
        let (at_len, into_len) = (at.len(), into.len());
        for (_, attribute, value) in present {
            let Some(api) = attribute.api else {
                continue;
            };
            pointer::push_key(at, attribute.name);
            // In Terraform, `null` is the attribute left unset; an argument written as a block
            // has no value (`block-attribute-mismatch` says so).
            let unset = value.is_null() && !self.unknown_written.contains(at);
            let misplaced_block = !matches!(attribute.kind, AttributeKind::Blocks(_))
                && !self.blocks.is_empty()
                && self.blocks.contains(at);
            if !(unset || misplaced_block) {
                into.push_str(api);
                let value = self.attribute(attribute.kind, value, at, into);
                insert(&mut object, api, value);
            }
            at.truncate(at_len);
            into.truncate(into_len);
        }
        object
    }

    /// The API value of one attribute written at `at`, mapped to `into`.
    fn attribute(
        &mut self,
        kind: AttributeKind,
        value: &Value,
        at: &mut String,
        into: &mut String,
    ) -> Value {
        let (at_len, into_len) = (at.len(), into.len());
        match (kind, value) {
            (AttributeKind::Blocks(inner), Value::Array(entries)) => {
                let mut mapped = Vec::with_capacity(entries.len());
                for (index, entry) in entries.iter().enumerate() {
                    pointer::push_index(at, index);
                    pointer::push_index(into, index);
                    mapped.push(match entry.as_object() {
                        Some(entry) => Value::Object(self.object(inner, entry, at, into)),
                        None => self.value(entry, at, into),
                    });
                    at.truncate(at_len);
                    into.truncate(into_len);
                }
                Value::Array(mapped)
            }
            // Terraform's JSON syntax writes a single block as one object.
            (AttributeKind::Blocks(inner), Value::Object(entry)) if !self.blocks_distinct => {
                pointer::push_index(into, 0);
                let object = self.object(inner, entry, at, into);
                into.truncate(into_len);
                Value::Array(vec![Value::Object(object)])
            }
            _ => self.value(value, at, into),
        }
    }

    /// A value as it is, with its unknown parts recorded under their API pointers.
    fn value(&mut self, value: &Value, at: &str, target: &str) -> Value {
        for unknown in self.unknown_written {
            if let Some(rest) = unknown.strip_prefix(at)
                && (rest.is_empty() || rest.starts_with('/'))
            {
                self.unknown.push([target, rest].concat());
            }
        }
        value.clone()
    }
}

/// Puts `value` at a relative API pointer (`/name`, `/attemptLimits/id`) of `object`.
fn insert(object: &mut Map<String, Value>, api: &str, value: Value) {
    if let Some(name) = api
        .strip_prefix('/')
        .filter(|name| !name.contains(['/', '~']))
    {
        object.insert(name.to_owned(), value);
        return;
    }
    let mut segments: Vec<String> = pointer::segments(api).map(Into::into).collect();
    let last = segments.pop().unwrap_or_default();
    let mut level = object;
    for segment in segments {
        let entry = level
            .entry(segment)
            .or_insert_with(|| Value::Object(Map::new()));
        let Value::Object(next) = entry else {
            return;
        };
        level = next;
    }
    level.insert(last, value);
}

/// Whether a Terraform file may declare a contact-list resource: a cheap test on its text, so
/// that the many `.tf` files of a repository that do not cost next to nothing.
pub fn may_declare_lists(text: &str) -> bool {
    // A list, its template, or a resource that uses one (docs/resources.md) all share the prefix; a root
    // module may only wire local modules together.
    text.contains("genesyscloud_outbound_") || crate::syntax::may_call_local_modules(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::Syntax;

    /// A body's attribute is found in its table by name (`Mapping::object`): no table, nor
    /// the table of any block, names one twice.
    #[test]
    fn no_attribute_table_names_one_twice() {
        fn unique(table: &'static [Attribute]) {
            for (at, attribute) in table.iter().enumerate() {
                assert!(
                    !table[..at].iter().any(|a| a.name == attribute.name),
                    "{}",
                    attribute.name
                );
                if let AttributeKind::Blocks(inner) = attribute.kind {
                    unique(inner);
                }
            }
        }
        for kind in ResourceKind::ALL {
            unique(kind.attributes());
        }
    }

    #[test]
    fn pointers_go_to_the_api_body_and_back() {
        let text = "resource \"genesyscloud_outbound_contact_list\" \"s\" {\n  attempt_limit_id = \
            \"x\"\n  phone_columns {\n    column_name = \"a\"\n  }\n}\n";
        let document = Syntax::Terraform.parse(text).unwrap();
        let resources = resources(&document, true);
        let resource = &resources[0];
        for (terraform, api) in [
            ("/phone_columns/0/column_name", "/phoneColumns/0/columnName"),
            ("/attempt_limit_id", "/attemptLimits/id"),
        ] {
            assert_eq!(resource.api_pointer(terraform).as_deref(), Some(api));
            assert_eq!(resource.terraform_pointer(api), terraform);
        }
        assert_eq!(resource.api_pointer("/contacts_filepath"), None);
        assert_eq!(
            resource.speak_terraform("`phoneColumns[0].columnName` is not in columnNames"),
            "`phone_columns[0].column_name` is not in column_names"
        );
    }
}
