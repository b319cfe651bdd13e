//! The outbound resources that use a contact list (docs/resources.md): campaigns, messaging campaigns,
//! contact-list filters, rule sets, digital rule sets, DNC lists and single contacts. They are
//! not lists, and list rules never run on them: what is read of each is only what §15 is about —
//! the attribute that names its list, the attributes that name the list's columns (and of which
//! kind), and the attributes that name other such resources. One table per resource type, each
//! entry citing the provider's schema: `MyPureCloud/terraform-provider-genesyscloud` at
//! `f955430e` (v1.84.1), `genesyscloud/outbound_*/resource_*_schema.go`, "L" a line.
//!
//! A value the file does not fix is not read: a column written as `var.x` names nothing, and a
//! list written as anything but a plain reference (`syntax::Reference`) is unknown.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::contact_file::{declared_entries, declared_names};
use super::terraform::{self, Declaration, ResourceKind, Written};
use super::vocabulary::{EMAIL_COLUMNS, PHONE_COLUMNS, WHATSAPP_COLUMNS};
use crate::pointer::{self, Part, push_index, push_key};
use crate::syntax::{Document, Node, Reference, Syntax};

/// The resource types that use a contact list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UserKind {
    Campaign,
    MessagingCampaign,
    ContactListFilter,
    RuleSet,
    DigitalRuleSet,
    DncList,
    ContactListContact,
}

/// What a column reference must name in the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Any column of the list.
    Any,
    /// One of the list's phone columns.
    Phone,
    /// One of the list's email columns.
    Email,
    /// One of the list's WhatsApp columns.
    WhatsApp,
}

/// Where a column name is written in a resource: a path of attribute names (`*`: each entry of
/// a block or list; `**`: any depth), and how the name is written there.
#[derive(Debug)]
pub struct ColumnAttribute {
    pub path: &'static [&'static str],
    pub kind: ColumnKind,
    pub form: Form,
    /// Read only when a sibling attribute has one of these values (a rule set condition's
    /// `type`, say).
    pub when: Option<(&'static str, &'static [&'static str])>,
    /// The provider's schema line it comes from.
    pub source: &'static str,
}

/// How a column is named at its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// The value is the column's name.
    Value,
    /// Each key of the map is a column's name.
    Keys,
    /// Each value of the map written `contact.NAME` names the column `NAME` (a rule set's
    /// `SET_CALLER_ID` properties).
    PrefixedValues(&'static str),
}

/// An attribute that names other resources that use the list (a campaign's rule sets).
#[derive(Debug)]
pub struct LinkAttribute {
    pub name: &'static str,
    pub target: UserKind,
    pub source: &'static str,
}

const fn column(
    path: &'static [&'static str],
    kind: ColumnKind,
    source: &'static str,
) -> ColumnAttribute {
    ColumnAttribute {
        path,
        kind,
        form: Form::Value,
        when: None,
        source,
    }
}

const fn link(name: &'static str, target: UserKind, source: &'static str) -> LinkAttribute {
    LinkAttribute {
        name,
        target,
        source,
    }
}

use ColumnKind::{Any, Email, Phone, WhatsApp};

const CAMPAIGN_COLUMNS: &[ColumnAttribute] = &[
    column(
        &["phone_columns", "*", "column_name"],
        Phone,
        "outbound_campaign L139, L72",
    ),
    column(
        &["contact_sorts", "*", "field_name"],
        Any,
        "outbound_campaign L218, L224",
    ),
    column(&["skill_columns", "*"], Any, "outbound_campaign L268"),
    column(&["agent_owned_column"], Any, "outbound_campaign L161"),
];

const MESSAGING_COLUMNS: &[ColumnAttribute] = &[
    column(
        &["sms_config", "*", "phone_column"],
        Phone,
        "outbound_messagingcampaign L108",
    ),
    column(
        &["sms_config", "*", "message_column"],
        Any,
        "outbound_messagingcampaign L103",
    ),
    column(
        &["email_config", "*", "email_columns", "*"],
        Email,
        "outbound_messagingcampaign L73",
    ),
    column(
        &["whats_app_config", "*", "whats_app_columns", "*"],
        WhatsApp,
        "outbound_messagingcampaign L128",
    ),
    column(
        &["contact_sorts", "*", "field_name"],
        Any,
        "outbound_messagingcampaign L149",
    ),
];

const FILTER_COLUMNS: &[ColumnAttribute] = &[column(
    &["clauses", "*", "predicates", "*", "column"],
    Any,
    "outbound_contactlistfilter L155, L45, L55",
)];

const RULE_SET_COLUMNS: &[ColumnAttribute] = &[
    ColumnAttribute {
        when: Some(("type", &["contactAttributeCondition"])),
        ..column(
            &["rules", "*", "conditions", "*", "attribute_name"],
            Any,
            "outbound_ruleset L158",
        )
    },
    ColumnAttribute {
        when: Some((
            "property_type",
            &["LAST_ATTEMPT_BY_COLUMN", "LAST_WRAPUP_BY_COLUMN"],
        )),
        ..column(
            &["rules", "*", "conditions", "*", "property"],
            Any,
            "outbound_ruleset L188-197",
        )
    },
    ColumnAttribute {
        form: Form::Keys,
        when: Some(("action_type_name", &["MODIFY_CONTACT_ATTRIBUTE"])),
        ..column(
            &["rules", "*", "actions", "*", "properties"],
            Any,
            "outbound_ruleset L277",
        )
    },
    ColumnAttribute {
        form: Form::PrefixedValues("contact."),
        when: Some(("action_type_name", &["SET_CALLER_ID"])),
        ..column(
            &["rules", "*", "actions", "*", "properties"],
            Any,
            "outbound_ruleset L277",
        )
    },
    column(&["**", "contact_column_name"], Any, "outbound_ruleset L40"),
];

const DIGITAL_RULE_SET_COLUMNS: &[ColumnAttribute] = &[
    column(&["**", "column_name"], Any, "outbound_digitalruleset L38"),
    column(
        &["**", "email_column_name"],
        Any,
        "outbound_digitalruleset L94, L142",
    ),
    column(
        &["**", "sms_column_name"],
        Any,
        "outbound_digitalruleset L99, L153",
    ),
    column(
        &["**", "contact_column_name"],
        Any,
        "outbound_digitalruleset L216",
    ),
    // The columns an action updates, each a key of its map (as a rule set's
    // MODIFY_CONTACT_ATTRIBUTE properties).
    ColumnAttribute {
        form: Form::Keys,
        ..column(
            &[
                "rules",
                "*",
                "actions",
                "*",
                "update_contact_column_action_settings",
                "*",
                "properties",
            ],
            Any,
            "outbound_digitalruleset L402, L329",
        )
    },
];

const DNC_COLUMNS: &[ColumnAttribute] = &[column(
    &["custom_exclusion_column"],
    Any,
    "outbound_dnclist L90",
)];

const CONTACT_COLUMNS: &[ColumnAttribute] = &[
    ColumnAttribute {
        form: Form::Keys,
        ..column(&["data"], Any, "outbound_contact_list_contact L127")
    },
    column(
        &["phone_number_status", "*", "key"],
        Phone,
        "outbound_contact_list_contact L133, L59",
    ),
    column(
        &["contactable_status", "*", "column_status", "*", "column"],
        Any,
        "outbound_contact_list_contact L140, L35, L45",
    ),
];

const CAMPAIGN_LINKS: &[LinkAttribute] = &[
    link("rule_set_ids", UserKind::RuleSet, "outbound_campaign L197"),
    link("dnc_list_ids", UserKind::DncList, "outbound_campaign L166"),
    link(
        "contact_list_filter_ids",
        UserKind::ContactListFilter,
        "outbound_campaign L262",
    ),
];

const MESSAGING_LINKS: &[LinkAttribute] = &[
    link(
        "rule_set_ids",
        UserKind::DigitalRuleSet,
        "outbound_messagingcampaign L279",
    ),
    link(
        "dnc_list_ids",
        UserKind::DncList,
        "outbound_messagingcampaign L256",
    ),
    link(
        "contact_list_filter_ids",
        UserKind::ContactListFilter,
        "outbound_messagingcampaign L285",
    ),
];

impl UserKind {
    pub const ALL: [UserKind; 7] = [
        UserKind::Campaign,
        UserKind::MessagingCampaign,
        UserKind::ContactListFilter,
        UserKind::RuleSet,
        UserKind::DigitalRuleSet,
        UserKind::DncList,
        UserKind::ContactListContact,
    ];

    pub fn type_name(self) -> &'static str {
        match self {
            UserKind::Campaign => "genesyscloud_outbound_campaign",
            UserKind::MessagingCampaign => "genesyscloud_outbound_messagingcampaign",
            UserKind::ContactListFilter => "genesyscloud_outbound_contactlistfilter",
            UserKind::RuleSet => "genesyscloud_outbound_ruleset",
            UserKind::DigitalRuleSet => "genesyscloud_outbound_digitalruleset",
            UserKind::DncList => "genesyscloud_outbound_dnclist",
            UserKind::ContactListContact => "genesyscloud_outbound_contact_list_contact",
        }
    }

    /// What the resource is, in messages.
    pub fn noun(self) -> &'static str {
        match self {
            UserKind::Campaign => "campaign",
            UserKind::MessagingCampaign => "messaging campaign",
            UserKind::ContactListFilter => "contact-list filter",
            UserKind::RuleSet => "rule set",
            UserKind::DigitalRuleSet => "digital rule set",
            UserKind::DncList => "DNC list",
            UserKind::ContactListContact => "contact-list contact",
        }
    }

    /// The attributes that name the resource's own list (a filter may name a template instead):
    /// campaign L98, messaging campaign L251, filter L143/L149, rule set L363, digital rule set
    /// L509, contact L86; a DNC list names none (campaigns name it).
    pub fn list_attributes(self) -> &'static [&'static str] {
        match self {
            UserKind::ContactListFilter => &["contact_list_id", "contact_list_template_id"],
            UserKind::DncList => &[],
            UserKind::Campaign
            | UserKind::MessagingCampaign
            | UserKind::RuleSet
            | UserKind::DigitalRuleSet
            | UserKind::ContactListContact => &["contact_list_id"],
        }
    }

    /// Where the resource names the list's columns.
    pub fn columns(self) -> &'static [ColumnAttribute] {
        match self {
            UserKind::Campaign => CAMPAIGN_COLUMNS,
            UserKind::MessagingCampaign => MESSAGING_COLUMNS,
            UserKind::ContactListFilter => FILTER_COLUMNS,
            UserKind::RuleSet => RULE_SET_COLUMNS,
            UserKind::DigitalRuleSet => DIGITAL_RULE_SET_COLUMNS,
            UserKind::DncList => DNC_COLUMNS,
            UserKind::ContactListContact => CONTACT_COLUMNS,
        }
    }

    /// The attributes that name other resources that use the list.
    pub fn links(self) -> &'static [LinkAttribute] {
        match self {
            UserKind::Campaign => CAMPAIGN_LINKS,
            UserKind::MessagingCampaign => MESSAGING_LINKS,
            UserKind::ContactListFilter
            | UserKind::RuleSet
            | UserKind::DigitalRuleSet
            | UserKind::DncList
            | UserKind::ContactListContact => &[],
        }
    }

    fn from_type_name(name: &str) -> Option<UserKind> {
        UserKind::ALL.into_iter().find(|k| k.type_name() == name)
    }
}

/// One resource that uses a list: what §15's rules read of it, owned, so that a module's files
/// need not be held.
#[derive(Debug, Clone)]
pub struct User {
    pub kind: UserKind,
    /// `genesyscloud_outbound_campaign.sales`.
    pub address: String,
    /// The pointer of the resource's body in its document.
    pub base: String,
    /// Written with `count` or `for_each`: its instances are indexed, and references to it are
    /// unknown.
    pub repeated: bool,
    /// Its top-level attributes that §15's rules read as they are (`campaign_status`,
    /// `callable_time_set_id`...), when the file fixes them.
    pub settings: Map<String, Value>,
    /// Each attribute that names its list, with the reference when it is a plain one.
    pub lists: Vec<Named>,
    /// Each column it names, as written.
    pub columns: Vec<NamedColumn>,
    /// Each resource it names through a link attribute (one per list element).
    pub links: Vec<(Named, UserKind)>,
}

/// An attribute (or list element) that names another resource, by its pointer relative to the
/// resource; `reference` is `None` when the file does not fix it as a plain reference.
#[derive(Debug, Clone, PartialEq)]
pub struct Named {
    pub pointer: String,
    pub reference: Option<Reference>,
}

/// A column a resource names.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedColumn {
    /// Relative to the resource; the key itself when the column is a map's key.
    pub pointer: String,
    pub name: String,
    pub kind: ColumnKind,
    pub is_key: bool,
    /// Whether the written key or string is the name itself (not `contact.NAME`), so that a
    /// fix may replace it.
    pub whole: bool,
}

/// The meta-arguments that make a resource several instances.
const REPEATING: [&str; 2] = ["count", "for_each"];

/// The top-level attributes of a resource that §15's rules read as written.
const SETTINGS: [&str; 5] = [
    "campaign_status",
    "callable_time_set_id",
    "contact_sorts",
    "contact_list_filter_ids",
    "clauses",
];

/// The settings whose presence is what a rule needs: they count when their value is unknown
/// (a reference to a callable time set is the usual form, and the set exists).
const PRESENCE: [&str; 2] = ["callable_time_set_id", "contact_list_filter_ids"];

/// The resource that uses a list a declaration is, read from its body as written; `None` for
/// another resource, or one written in an array of Terraform's JSON syntax.
pub fn user(declaration: &Declaration<'_>, written: &Written) -> Option<User> {
    let kind = UserKind::from_type_name(declaration.type_name)?;
    if declaration.in_array {
        return None;
    }
    let references: HashMap<&str, &Reference> = written
        .shape
        .references
        .iter()
        .map(|(pointer, reference)| (pointer.as_str(), reference))
        .collect();
    let unknown: HashSet<&str> = written.shape.unknown.iter().map(String::as_str).collect();
    let body = written.body.as_object()?;
    let named = |relative: String| Named {
        reference: references.get(relative.as_str()).map(|r| (*r).clone()),
        pointer: relative,
    };
    let lists = kind
        .list_attributes()
        .iter()
        .filter(|name| body.contains_key(**name))
        .map(|name| named(pointer::child("", name)))
        .collect();
    let mut links = Vec::new();
    for attribute in kind.links() {
        let count = body
            .get(attribute.name)
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        for index in 0..count {
            let relative = pointer::element(&pointer::child("", attribute.name), index);
            links.push((named(relative), attribute.target));
        }
    }
    let mut columns = Vec::new();
    for attribute in kind.columns() {
        let mut at = String::new();
        collect(
            &written.body,
            attribute.path,
            attribute,
            None,
            &mut at,
            &mut columns,
        );
    }
    columns.sort_by(|a, b| a.pointer.cmp(&b.pointer));
    // `null` is unset, unless it stands for an unknown value whose presence is what counts.
    let present = |name: &str| {
        PRESENCE.contains(&name) && unknown.contains(pointer::child("", name).as_str())
    };
    let settings = body
        .iter()
        .filter(|(name, _)| SETTINGS.contains(&name.as_str()))
        .filter(|(name, value)| !value.is_null() || present(name))
        .map(|(name, value)| (name.clone(), value.clone()))
        .collect();
    Some(User {
        kind,
        address: declaration.address.clone(),
        base: declaration.base.clone(),
        repeated: REPEATING.iter().any(|key| body.contains_key(*key)),
        settings,
        lists,
        columns,
        links,
    })
}

/// The columns at `path` below `value` (at `pointer`); `parent` is the object that holds
/// `value`, for the attribute's condition on a sibling.
fn collect(
    value: &Value,
    path: &[&str],
    attribute: &ColumnAttribute,
    parent: Option<&Map<String, Value>>,
    pointer: &mut String,
    out: &mut Vec<NamedColumn>,
) {
    let len = pointer.len();
    match (path.first(), value) {
        (None, _) => named_here(value, attribute, parent, pointer, out),
        (Some(&"**"), _) => {
            collect(value, &path[1..], attribute, parent, pointer, out);
            each_child(value, pointer, &mut |child, parent, pointer| {
                collect(child, path, attribute, parent, pointer, out);
            });
        }
        // A single block may be written as one object in Terraform's JSON syntax.
        (Some(&"*"), Value::Object(_)) => {
            collect(value, &path[1..], attribute, parent, pointer, out)
        }
        (Some(&"*"), Value::Array(items)) => {
            for (index, item) in items.iter().enumerate() {
                push_index(pointer, index);
                collect(item, &path[1..], attribute, parent, pointer, out);
                pointer.truncate(len);
            }
        }
        (Some(name), Value::Object(map)) => {
            if let Some(child) = map.get(*name) {
                push_key(pointer, name);
                collect(child, &path[1..], attribute, Some(map), pointer, out);
                pointer.truncate(len);
            }
        }
        (Some(_), _) => {}
    }
}

/// What [`each_child`] calls with a child, the object that holds it (if one does) and its
/// pointer.
type Visit<'v> = dyn FnMut(&Value, Option<&Map<String, Value>>, &mut String) + 'v;

/// Calls `visit` with each child of an object or array, its holder and its pointer.
fn each_child(value: &Value, pointer: &mut String, visit: &mut Visit<'_>) {
    let len = pointer.len();
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                push_key(pointer, key);
                visit(child, Some(map), pointer);
                pointer.truncate(len);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                push_index(pointer, index);
                visit(child, None, pointer);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

/// The column(s) a value at a column attribute's place names, if its condition holds.
fn named_here(
    value: &Value,
    attribute: &ColumnAttribute,
    parent: Option<&Map<String, Value>>,
    pointer: &str,
    out: &mut Vec<NamedColumn>,
) {
    if let Some((sibling, values)) = attribute.when {
        let holds = parent
            .and_then(|p| p.get(sibling))
            .and_then(Value::as_str)
            .is_some_and(|v| values.contains(&v));
        if !holds {
            return;
        }
    }
    let whole = !matches!(attribute.form, Form::PrefixedValues(_));
    let mut push = |pointer: String, name: &str, is_key: bool| {
        out.push(NamedColumn {
            pointer,
            name: name.to_owned(),
            kind: attribute.kind,
            is_key,
            whole,
        });
    };
    // An attribute written `""` is unset: the provider drops an empty string before it calls
    // the API (`BuildSDKStringValueIfNotNil`). A list's entry is sent as written.
    let unset = |name: &str| name.is_empty() && attribute.path.last() != Some(&"*");
    match (attribute.form, value) {
        (Form::Value, Value::String(name)) if unset(name) => {}
        (Form::Value, Value::String(name)) => push(pointer.to_owned(), name, false),
        (Form::PrefixedValues(prefix), Value::Object(map)) => {
            for (key, value) in map {
                if let Some(name) = value.as_str().and_then(|text| text.strip_prefix(prefix)) {
                    push(pointer::child(pointer, key), name, false);
                }
            }
        }
        (Form::Keys, Value::Object(map)) => {
            for key in map.keys() {
                push(pointer::child(pointer, key), key, true);
            }
        }
        _ => {}
    }
}

/// What the rules of a module need of one contact-list (or template) resource.
#[derive(Debug, Clone)]
pub struct ListFact {
    pub kind: ResourceKind,
    /// `genesyscloud_outbound_contact_list.sales`.
    pub address: String,
    /// The document pointer of its `column_names`, where findings about its columns are
    /// labelled (of its body when it writes none).
    pub columns_at: String,
    /// Each kind of column, when the file fixes them all.
    pub columns: Option<Vec<String>>,
    pub phone: Option<Vec<String>>,
    pub email: Option<Vec<String>>,
    pub whatsapp: Option<Vec<String>>,
    /// Written with `count` or `for_each`.
    pub repeated: bool,
    /// Whether it sets `automatic_time_zone_mapping = true`; `None` when the file does not fix
    /// it.
    pub time_zone_mapping: Option<bool>,
    /// The document pointer of the name of its first phone column without a time-zone column
    /// (`callable_time_column_name`, or the deprecated `callable_time_column`), when the file
    /// fixes them all and there is one.
    pub untimed_phone: Option<(String, String)>,
}

impl ListFact {
    /// The columns of a kind, when known.
    pub fn of_kind(&self, kind: ColumnKind) -> Option<&[String]> {
        match kind {
            ColumnKind::Any => self.columns.as_deref(),
            ColumnKind::Phone => self.phone.as_deref(),
            ColumnKind::Email => self.email.as_deref(),
            ColumnKind::WhatsApp => self.whatsapp.as_deref(),
        }
    }
}

/// The entries of a block written as an array of blocks, or as one object (Terraform's JSON
/// syntax allows both for a single block), each with its index in the pointer (`None` for the
/// single object).
pub fn entries(value: Option<&Value>) -> Vec<(Option<usize>, &Value)> {
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (Some(i), v))
            .collect(),
        Some(object @ Value::Object(_)) => vec![(None, object)],
        _ => Vec::new(),
    }
}

/// What one Terraform file declares that the rules of its module read.
#[derive(Debug, Clone, Default)]
pub struct FileFacts {
    pub lists: Vec<ListFact>,
    pub users: Vec<User>,
    /// Its `module` blocks whose `source` is a local path (`./…`, `../…`).
    pub calls: Vec<ModuleCall>,
    /// Its `output` blocks, with their value when it is a plain reference.
    pub outputs: Vec<(String, Option<Reference>)>,
}

/// A `module "NAME" { source = "./dir" … }` block: the arguments that are plain references.
#[derive(Debug, Clone, PartialEq)]
pub struct ModuleCall {
    pub name: String,
    /// As written: relative to the calling module's directory.
    pub source: String,
    pub arguments: Vec<(String, Reference)>,
}

impl FileFacts {
    /// The facts of a parsed Terraform document (HCL when `syntax` is), read a resource at a
    /// time.
    pub fn of(document: &Document, syntax: Syntax) -> FileFacts {
        let mut facts = FileFacts::of_modules(document);
        for declaration in terraform::declarations(document) {
            let written = declaration.read();
            match declaration.list_kind() {
                Some(kind) => {
                    let blocks_distinct = syntax == Syntax::Terraform;
                    let resource =
                        terraform::map(kind, &declaration, written, document, blocks_distinct);
                    facts.add_list(&resource);
                }
                None => facts.users.extend(user(&declaration, &written)),
            }
        }
        facts
    }

    /// The facts of a document's `module` and `output` blocks; its resources are added as they
    /// are read ([`FileFacts::add_list`], [`user`]).
    pub fn of_modules(document: &Document) -> FileFacts {
        FileFacts {
            calls: calls(document),
            outputs: outputs(document),
            ..FileFacts::default()
        }
    }

    /// Adds what the rules of a module need of one contact-list resource.
    pub fn add_list(&mut self, resource: &terraform::Resource) {
        let list = resource.list();
        let written = |name: &str| resource.written.contains_key(name);
        let columns_at = match written("column_names") {
            true => pointer::child(&resource.base, "column_names"),
            false => resource.base.clone(),
        };
        self.lists.push(ListFact {
            kind: resource.kind,
            address: resource.address.clone(),
            columns_at,
            columns: declared_names(&list),
            phone: declared_entries(&list, PHONE_COLUMNS),
            email: declared_entries(&list, EMAIL_COLUMNS),
            whatsapp: declared_entries(&list, WHATSAPP_COLUMNS),
            repeated: REPEATING.iter().any(|key| written(key)),
            time_zone_mapping: list.time_zone_mapping(),
            untimed_phone: untimed_phone(&list),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.lists.is_empty() && self.users.is_empty() && self.calls.is_empty()
    }

    /// What the file declares, counted (`it declares 2 contact lists and 1 campaign; it calls
    /// 1 local module`), for `--show-files`; `None` when it declares none of it.
    pub fn declarations(&self) -> Option<String> {
        let lists = ResourceKind::ALL.map(|kind| {
            let count = self.lists.iter().filter(|list| list.kind == kind).count();
            (count, kind.noun())
        });
        let users = UserKind::ALL.map(|kind| {
            let count = self.users.iter().filter(|user| user.kind == kind).count();
            (count, kind.noun())
        });
        let declared: Vec<String> = lists
            .into_iter()
            .chain(users)
            .filter(|&(count, _)| count > 0)
            .map(|(count, noun)| counted(count, noun))
            .collect();
        let mut parts = Vec::new();
        if !declared.is_empty() {
            let declared = match declared.as_slice() {
                [rest @ .., last] if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
                _ => declared.concat(),
            };
            parts.push(format!("it declares {declared}"));
        }
        if !self.calls.is_empty() {
            let modules = counted(self.calls.len(), "local module");
            parts.push(format!("it calls {modules}"));
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

/// `1 campaign`, `2 campaigns`.
fn counted(count: usize, noun: &str) -> String {
    match count {
        1 => format!("1 {noun}"),
        _ => format!("{count} {noun}s"),
    }
}

/// The name (and its document pointer) of a list's first phone column without a time-zone
/// column, when the file fixes every phone column.
fn untimed_phone(list: &super::List<'_>) -> Option<(String, String)> {
    let at = format!("/{PHONE_COLUMNS}");
    if !list.is_complete(&at) {
        return None;
    }
    let entries = list.value.pointer(&at)?.as_array()?;
    for (index, entry) in entries.iter().enumerate() {
        let field = |name: &str| format!("{at}/{index}/{name}");
        let timed = ["callableTimeColumn", "callableTimeColumnName"]
            .iter()
            .any(|name| {
                let set = entry
                    .get(*name)
                    .and_then(Value::as_str)
                    .is_some_and(|s| !s.is_empty());
                set || !list.fixes(&field(name))
            });
        let name = entry.get("columnName").and_then(Value::as_str);
        if let (false, Some(name)) = (timed, name) {
            let pointer = list.document_pointer(&field("columnName"));
            return Some((name.to_owned(), pointer));
        }
    }
    None
}

/// The `module` blocks of a document with a local `source`.
fn calls(document: &Document) -> Vec<ModuleCall> {
    let Some(modules) = document.root().get("module") else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for (name, body) in modules.members() {
        if !body.is_object() {
            continue;
        }
        let source = body
            .get("source")
            .and_then(Node::as_str)
            .unwrap_or_default();
        if !(source.starts_with("./") || source.starts_with("../")) {
            continue;
        }
        let arguments = body
            .members()
            .into_iter()
            .filter_map(|(argument, value)| Some((argument.to_owned(), value.reference()?)))
            .collect();
        found.push(ModuleCall {
            name: name.to_owned(),
            source: source.to_owned(),
            arguments,
        });
    }
    found
}

/// The `output` blocks of a document, with their value when it is a plain reference.
fn outputs(document: &Document) -> Vec<(String, Option<Reference>)> {
    let Some(outputs) = document.root().get("output") else {
        return Vec::new();
    };
    let value_of = |output: Node<'_>| output.get("value")?.reference();
    outputs
        .members()
        .into_iter()
        .map(|(name, output)| (name.to_owned(), value_of(output)))
        .collect()
}

/// A place in a file of a module: the file's index among the module's files, a document
/// pointer and which part of the node.
#[derive(Debug, Clone, PartialEq)]
pub struct ModulePlace {
    pub file: usize,
    pub pointer: String,
    pub part: Part,
}

/// A Terraform module (one directory) as its rules see it: the facts of each of its files —
/// its own first (`own` of them), then files of other modules that hold a list it reaches
/// through a module call — indexed once, so that resolving a reference costs a lookup whatever
/// the module's size (an exported organisation is one module of thousands of resources).
#[derive(Debug)]
pub struct Module<'a> {
    pub files: Vec<&'a FileFacts>,
    pub own: usize,
    /// The module's variables that name a list, as the call being checked passes them
    /// (`var.NAME` → a file and a list); empty for a module checked on its own.
    pub variables: HashMap<String, (usize, &'a ListFact)>,
    /// The call the module is checked through (`module.campaigns in main.tf`), if any.
    pub call: Option<String>,
    /// The own files' lists and resources by address (more than one: declared twice).
    lists: HashMap<&'a str, Vec<(usize, &'a ListFact)>>,
    users: HashMap<&'a str, Vec<(usize, &'a User)>>,
    /// For each resource, the resources that link it (a rule set, the campaigns whose
    /// `rule_set_ids` name it), by its address.
    linked_by: HashMap<&'a str, Vec<&'a User>>,
}

impl<'a> Module<'a> {
    /// A module of `files`, the first `own` of them its own.
    pub fn new(
        files: Vec<&'a FileFacts>,
        own: usize,
        variables: HashMap<String, (usize, &'a ListFact)>,
        call: Option<String>,
    ) -> Module<'a> {
        let mut lists: HashMap<&str, Vec<(usize, &ListFact)>> = HashMap::new();
        let mut users: HashMap<&str, Vec<(usize, &User)>> = HashMap::new();
        for (file, facts) in files[..own].iter().enumerate() {
            for list in &facts.lists {
                lists
                    .entry(list.address.as_str())
                    .or_default()
                    .push((file, list));
            }
            for user in &facts.users {
                users
                    .entry(user.address.as_str())
                    .or_default()
                    .push((file, user));
            }
        }
        let mut module = Module {
            files,
            own,
            variables,
            call,
            lists,
            users,
            linked_by: HashMap::new(),
        };
        let mut linked_by: HashMap<&'a str, Vec<&'a User>> = HashMap::new();
        for (_, campaign) in module.users() {
            for (named, kind) in &campaign.links {
                let linked = named.reference.as_ref().and_then(|r| module.user(r, *kind));
                if let Some((_, linked)) = linked {
                    linked_by
                        .entry(linked.address.as_str())
                        .or_default()
                        .push(campaign);
                }
            }
        }
        module.linked_by = linked_by;
        module
    }

    /// The addresses of the outbound resources the module's own files declare: its lists and
    /// templates, and its resources that use a list.
    pub fn declared_addresses(&self) -> Vec<&'a str> {
        let own = &self.files[..self.own];
        let lists = own
            .iter()
            .flat_map(|f| f.lists.iter().map(|l| l.address.as_str()));
        let users = own
            .iter()
            .flat_map(|f| f.users.iter().map(|u| u.address.as_str()));
        lists.chain(users).collect()
    }

    /// Every resource of the module's own files that uses a list, with its file's index.
    pub fn users(&self) -> impl Iterator<Item = (usize, &'a User)> + 'a {
        let files: Vec<&'a FileFacts> = self.files[..self.own].to_vec();
        files
            .into_iter()
            .enumerate()
            .flat_map(|(file, facts)| facts.users.iter().map(move |user| (file, user)))
    }

    /// The list a reference names: `genesyscloud_outbound_contact_list.NAME.id` (or
    /// `_template`), declared once in the module and not repeated, or `var.NAME` as the call
    /// passes it; anything else is unknown.
    pub fn list(&self, reference: &Reference) -> Option<(usize, &'a ListFact)> {
        if let [root, name] = reference.0.as_slice()
            && root == "var"
        {
            return self.variables.get(name.as_str()).copied();
        }
        self.declared(reference)
    }

    /// The list a reference names among the module's own files.
    pub fn declared(&self, reference: &Reference) -> Option<(usize, &'a ListFact)> {
        let [type_name, name, attribute] = reference.0.as_slice() else {
            return None;
        };
        let known = ResourceKind::ALL
            .iter()
            .any(|kind| kind.type_name() == type_name);
        if !known || attribute != "id" {
            return None;
        }
        match self
            .lists
            .get(format!("{type_name}.{name}").as_str())?
            .as_slice()
        {
            [(file, list)] if !list.repeated => Some((*file, *list)),
            _ => None,
        }
    }

    /// The resource of `kind` a reference names, declared once and not repeated.
    pub fn user(&self, reference: &Reference, kind: UserKind) -> Option<(usize, &'a User)> {
        let [type_name, name, attribute] = reference.0.as_slice() else {
            return None;
        };
        if type_name != kind.type_name() || attribute != "id" {
            return None;
        }
        match self
            .users
            .get(format!("{type_name}.{name}").as_str())?
            .as_slice()
        {
            [(file, user)] if !user.repeated => Some((*file, *user)),
            _ => None,
        }
    }

    /// The list a resource names itself (its `contact_list_id`), when the file fixes it.
    pub fn own_list(&self, user: &User) -> Option<(usize, &'a ListFact)> {
        let named = user
            .lists
            .iter()
            .filter_map(|named| named.reference.as_ref());
        named.filter_map(|reference| self.list(reference)).next()
    }

    /// The lists a resource's columns are checked against: the one it names itself, and the
    /// list of every campaign that links it (a rule set in `rule_set_ids`, a DNC list in
    /// `dnc_list_ids`...), but a filter's: a filter belongs to its own list or template, and a
    /// campaign of another list that uses it is `filter-list-mismatch`. Each list once;
    /// unknown ones are left out.
    pub fn lists_of(&'a self, user: &User) -> Vec<UsedList<'a>> {
        let mut used: Vec<UsedList<'a>> = Vec::new();
        let mut add = |reference: Option<&Reference>, via: Option<&'a User>| {
            let Some((file, list)) = reference.and_then(|r| self.list(r)) else {
                return;
            };
            let through = match reference.map(|r| r.0[0].as_str()) {
                Some("var") => self.call.as_deref(),
                _ => None,
            };
            if !used.iter().any(|u| std::ptr::eq(u.list, list)) {
                used.push(UsedList {
                    file,
                    list,
                    via,
                    through,
                });
            }
        };
        for named in &user.lists {
            add(named.reference.as_ref(), None);
        }
        let linked_once = matches!(self.users.get(user.address.as_str()).map(Vec::len), Some(1));
        let own_list_only = match user.kind {
            UserKind::ContactListFilter => true,
            UserKind::Campaign
            | UserKind::MessagingCampaign
            | UserKind::RuleSet
            | UserKind::DigitalRuleSet
            | UserKind::DncList
            | UserKind::ContactListContact => false,
        };
        let campaigns = self
            .linked_by
            .get(user.address.as_str())
            .filter(|_| linked_once && !own_list_only);
        for campaign in campaigns.into_iter().flatten() {
            for named in &campaign.lists {
                add(named.reference.as_ref(), Some(campaign));
            }
        }
        used
    }
}

/// A list a resource's columns are checked against, and the campaign that brought it in when
/// it is not the resource's own.
#[derive(Debug, Clone, Copy)]
pub struct UsedList<'a> {
    pub file: usize,
    pub list: &'a ListFact,
    pub via: Option<&'a User>,
    /// Reached through a variable of the module: the call that passes it.
    pub through: Option<&'a str>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::Syntax;

    /// Each resource's address, list reference and (pointer, column) pairs.
    type Found = Vec<(String, String, Vec<(String, String)>)>;

    fn columns_of(text: &str, syntax: Syntax) -> Found {
        let document = syntax.parse(text).unwrap();
        FileFacts::of(&document, syntax)
            .users
            .iter()
            .map(|user| {
                let list = user.lists.iter().filter_map(|l| l.reference.as_ref());
                let list = list.map(|r| r.0.join(".")).collect::<Vec<_>>().join(",");
                let columns = user
                    .columns
                    .iter()
                    .map(|c| (c.pointer.clone(), c.name.clone()))
                    .collect();
                (user.address.clone(), list, columns)
            })
            .collect()
    }

    #[test]
    fn a_campaign_names_its_list_and_columns() {
        let text = r#"
resource "genesyscloud_outbound_campaign" "c" {
  contact_list_id = genesyscloud_outbound_contact_list.sales.id
  phone_columns { column_name = "Cell" }
  phone_columns { column_name = var.other }
  skill_columns = ["language"]
  contact_sorts {
    field_name = "Zip"
  }
  rule_set_ids = [genesyscloud_outbound_ruleset.r.id]
}"#;
        let found = columns_of(text, Syntax::Terraform);
        let expected = vec![(
            "genesyscloud_outbound_campaign.c".to_owned(),
            "genesyscloud_outbound_contact_list.sales.id".to_owned(),
            vec![
                ("/contact_sorts/0/field_name".to_owned(), "Zip".to_owned()),
                ("/phone_columns/0/column_name".to_owned(), "Cell".to_owned()),
                ("/skill_columns/0".to_owned(), "language".to_owned()),
            ],
        )];
        assert_eq!(found, expected);
    }

    #[test]
    fn rule_set_columns_are_read_only_where_their_condition_says() {
        let text = r#"
resource "genesyscloud_outbound_ruleset" "r" {
  contact_list_id = "${genesyscloud_outbound_contact_list.sales.id}"
  rules {
    conditions {
      type           = "contactAttributeCondition"
      attribute_name = "Phone"
    }
    conditions {
      type           = "wrapupCondition"
      attribute_name = "Ignored"
    }
    actions {
      action_type_name = "MODIFY_CONTACT_ATTRIBUTE"
      properties       = { Status = "done" }
    }
    actions {
      action_type_name = "SET_CALLER_ID"
      properties       = { callerAddress = "contact.Cell", callerName = "Sales" }
    }
  }
}"#;
        let found = columns_of(text, Syntax::Terraform);
        let columns: Vec<&str> = found[0].2.iter().map(|(_, name)| name.as_str()).collect();
        assert_eq!(columns, ["Status", "Cell", "Phone"]);
        assert_eq!(found[0].1, "genesyscloud_outbound_contact_list.sales.id");
    }

    #[test]
    fn a_single_block_written_as_an_object_in_json_is_one_block() {
        let text = r#"{"resource": {"genesyscloud_outbound_messagingcampaign": {"m": {
  "contact_list_id": "${genesyscloud_outbound_contact_list.sales.id}",
  "sms_config": {"phone_column": "Cell", "message_column": "Text"}
}}}}"#;
        let found = columns_of(text, Syntax::TerraformJson);
        let expected = vec![
            ("/sms_config/message_column".to_owned(), "Text".to_owned()),
            ("/sms_config/phone_column".to_owned(), "Cell".to_owned()),
        ];
        assert_eq!(found[0].2, expected);
    }

    #[test]
    fn every_type_has_a_table_of_columns() {
        for kind in UserKind::ALL {
            assert!(!kind.columns().is_empty(), "{kind:?}");
            assert!(
                kind.columns().iter().all(|c| c.source.contains(" L")),
                "{kind:?}"
            );
        }
    }
}
