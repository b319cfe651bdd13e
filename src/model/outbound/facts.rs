//! What one Terraform file declares that the rules of its module read: its lists and
//! templates with their columns by kind, its resources that use a list, its local module calls
//! and its outputs — small and owned, so that the module index keeps no document.

use serde_json::Value;

use super::literals::{self, Literal, literal_at};
use super::tables::{ColumnKind, REPEATING, UserKind};
use super::users::{User, user};
use crate::model::contact_file::{declared_entries, declared_names};
use crate::model::terraform::{self, ResourceKind};
use crate::model::vocabulary::{EMAIL_COLUMNS, PHONE_COLUMNS, WHATSAPP_COLUMNS};
use crate::pointer;
use crate::syntax::{Document, META_ARGUMENTS, Node, Reference, Syntax};

/// What the rules of a module need of one contact-list (or template) resource.
#[derive(Debug, Clone)]
pub struct ListFact {
    pub kind: ResourceKind,
    /// `genesyscloud_outbound_contact_list.sales`.
    pub address: String,
    /// Its type and name hashed where the fact is made ([`super::address_hash`]).
    pub address_hash: u64,
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
    /// Its variables with a literal `default`, and its literal `locals`, by name.
    pub defaults: Vec<(String, Literal)>,
    pub locals: Vec<(String, Literal)>,
    /// A variable file's literal values, by variable (`terraform.tfvars`).
    pub assignments: Vec<(String, Literal)>,
}

/// A `module "NAME" { source = "./dir" … }` block: the arguments that are plain references,
/// and those that are literals.
#[derive(Debug, Clone, PartialEq)]
pub struct ModuleCall {
    pub name: String,
    /// As written: relative to the calling module's directory.
    pub source: String,
    pub arguments: Vec<(String, Reference)>,
    pub literals: Vec<(String, Literal)>,
}

/// The arguments of a `module` block that are not the module's variables.
const MODULE_META_ARGUMENTS: [&str; 3] = ["source", "version", "providers"];

impl FileFacts {
    /// The facts of a parsed Terraform document (HCL when `syntax` is), read a resource at a
    /// time.
    pub fn of(document: &Document, syntax: Syntax) -> FileFacts {
        let mut facts = FileFacts::of_modules(document);
        for declaration in terraform::declarations(document) {
            match declaration.list_kind() {
                Some(kind) => {
                    let blocks_distinct = syntax == Syntax::Terraform;
                    let written = declaration.read();
                    let resource =
                        terraform::map(kind, &declaration, written, document, blocks_distinct);
                    facts.add_list(&resource);
                }
                None => facts.users.extend(user(&declaration)),
            }
        }
        facts
    }

    /// The facts of a document's blocks but its resources (`module`, `output`, `variable`,
    /// `locals`); its resources are added as they are read ([`FileFacts::add_list`],
    /// [`user`]).
    pub fn of_modules(document: &Document) -> FileFacts {
        FileFacts {
            calls: calls(document),
            outputs: outputs(document),
            defaults: literals::defaults(document),
            locals: literals::locals(document),
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
            address_hash: super::address_hash(&resource.address),
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

    /// The facts of a Terraform variable file (`terraform.tfvars`): its literal values.
    pub fn of_variables(document: &Document) -> FileFacts {
        FileFacts {
            assignments: literals::assignments(document),
            ..FileFacts::default()
        }
    }

    /// How many lists and resources that use one it declares.
    pub fn resources(&self) -> usize {
        self.lists.len() + self.users.len()
    }

    pub fn is_empty(&self) -> bool {
        let values = self.defaults.is_empty() && self.locals.is_empty();
        let values = values && self.assignments.is_empty();
        self.lists.is_empty() && self.users.is_empty() && self.calls.is_empty() && values
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
fn untimed_phone(list: &crate::model::List<'_>) -> Option<(String, String)> {
    let at = pointer::child("", PHONE_COLUMNS);
    if !list.is_complete(&at) {
        return None;
    }
    let entries = pointer::resolve(list.value, &at)?.as_array()?;
    for (index, entry) in entries.iter().enumerate() {
        let field = |name: &str| pointer::child(&pointer::element(&at, index), name);
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
    let modules = document.root().get("module").map(|modules| modules.value());
    let Some(Value::Object(modules)) = modules else {
        return Vec::new();
    };
    let reference = |pointer: &str| document.at(pointer)?.reference();
    let mut found = Vec::new();
    for (name, body) in &modules {
        let Some(body) = body.as_object() else {
            continue;
        };
        let source = body
            .get("source")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if !(source.starts_with("./") || source.starts_with("../")) {
            continue;
        }
        let at = pointer::child(&pointer::child("", "module"), name);
        let variables = body.keys().filter(|argument| {
            let meta = MODULE_META_ARGUMENTS.iter().chain(&META_ARGUMENTS);
            !meta.into_iter().any(|m| m == argument)
        });
        let (mut arguments, mut literals) = (Vec::new(), Vec::new());
        for argument in variables {
            let pointer = pointer::child(&at, argument);
            match reference(&pointer) {
                Some(reference) => arguments.push((argument.clone(), reference)),
                None => literals.extend(
                    literal_at(document, &pointer).map(|literal| (argument.clone(), literal)),
                ),
            }
        }
        found.push(ModuleCall {
            name: name.clone(),
            source: source.to_owned(),
            arguments,
            literals,
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
        .map(|(name, output)| (name.to_owned(), value_of(output)))
        .collect()
}
