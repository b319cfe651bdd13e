//! A resource that uses a list, read from a document through its type's tables: the references
//! that name its list and the resources it links, the columns it names, the settings the rules
//! of a module read as written.

use serde_json::{Map, Value};

use super::literals::Literal;
use super::tables::{ColumnAttribute, ColumnKind, Form, PRESENCE, REPEATING, SETTINGS, UserKind};
use crate::model::terraform::Declaration;
use crate::pointer::{self, push_index, push_key};
use crate::syntax::{Node, Readable, Reference};

/// One resource that uses a list: what the rules of a module read of it, owned, so that a module's files
/// need not be held.
#[derive(Debug, Clone)]
pub struct User {
    pub kind: UserKind,
    /// `genesyscloud_outbound_campaign.sales`.
    pub address: String,
    /// Its type and name hashed where the fact is made ([`super::address_hash`]).
    pub address_hash: u64,
    /// The pointer of the resource's body in its document.
    pub base: String,
    /// Written with `count` or `for_each`: its instances are indexed, and references to it are
    /// unknown.
    pub repeated: bool,
    /// Its top-level attributes that the rules of a module read as they are (`campaign_status`,
    /// `callable_time_set_id`...), when the file fixes them.
    pub settings: Map<String, Value>,
    /// Each attribute that names its list, with the reference when it is a plain one.
    pub lists: Vec<Named>,
    /// Each column it names, as written.
    pub columns: Vec<NamedColumn>,
    /// Each column attribute whose value is a variable or a `local`.
    pub indirect: Vec<IndirectColumn>,
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

/// A column attribute whose value a resource takes from a variable or a `local`
/// (`column_name = var.phone_column`): the columns are named where the value is written.
#[derive(Debug, Clone)]
pub struct IndirectColumn {
    /// Relative to the resource: where the reference is written.
    pub pointer: String,
    /// `var.NAME` or `local.NAME`.
    pub reference: Reference,
    attribute: &'static ColumnAttribute,
    /// The part of the attribute's path below the reference (`["*"]` for a list of columns).
    rest: &'static [&'static str],
}

impl IndirectColumn {
    /// The columns `literal` names in the reference's place, their pointers into the document
    /// that writes the value.
    pub fn columns_in(&self, literal: &Literal) -> Vec<NamedColumn> {
        let mut found = Found::default();
        let mut pointer = literal.pointer.clone();
        match self.rest {
            // The reference's place was reached, its condition held where it is written.
            [] => named_in(&literal.value, self.attribute, &pointer, &mut found.columns),
            rest => collect(
                &literal.value,
                rest,
                self.attribute,
                None,
                &mut pointer,
                &mut found,
            ),
        }
        found.columns
    }
}

/// The resource that uses a list a declaration is, read from its body where it is written;
/// `None` for another resource, or one written in an array of Terraform's JSON syntax.
pub fn user(declaration: &Declaration<'_>) -> Option<User> {
    let kind = UserKind::from_type_name(declaration.type_name)?;
    if declaration.in_array {
        return None;
    }
    let body = declaration.body();
    if !body.is_object() {
        return None;
    }
    let named = |relative: String, value: Node| Named {
        reference: value.reference(),
        pointer: relative,
    };
    let lists = kind
        .list_attributes()
        .iter()
        .filter_map(|name| Some(named(pointer::child("", name), body.get(name)?)))
        .collect();
    let mut links = Vec::new();
    for attribute in kind.links() {
        let items = body.get(attribute.name).into_iter().flat_map(Node::items);
        for (index, item) in items.enumerate() {
            let relative = pointer::element(&pointer::child("", attribute.name), index);
            links.push((named(relative, item), attribute.target));
        }
    }
    let mut found = Found::default();
    for attribute in kind.columns() {
        let mut at = String::new();
        collect(body, attribute.path, attribute, None, &mut at, &mut found);
    }
    let Found {
        mut columns,
        indirect,
    } = found;
    columns.sort_by(|a, b| a.pointer.cmp(&b.pointer));
    // `null` is unset, unless it stands for an unknown value whose presence is what counts.
    let settings = body
        .members()
        .filter(|(name, _)| SETTINGS.contains(name))
        .filter(|(name, value)| !value.is_unset() || PRESENCE.contains(name) && value.is_unknown())
        .map(|(name, value)| ((*name).to_owned(), value.value()))
        .collect();
    Some(User {
        kind,
        address: declaration.address.clone(),
        address_hash: super::address_hash(&declaration.address),
        base: declaration.base.clone(),
        repeated: REPEATING.iter().any(|key| body.get(key).is_some()),
        settings,
        lists,
        columns,
        indirect,
        links,
    })
}

/// What a walk of a resource's column attributes finds.
#[derive(Default)]
struct Found {
    columns: Vec<NamedColumn>,
    indirect: Vec<IndirectColumn>,
}

/// The `var.NAME` or `local.NAME` written in a value's place, if that is what it is.
fn variable_in<'v>(value: impl Readable<'v>) -> Option<Reference> {
    let reference = value.reference()?;
    let variable = matches!(reference.0.as_slice(), [root, _] if root == "var" || root == "local");
    variable.then_some(reference)
}

/// The columns at `path` below `value` (at `pointer`); `parent` is the object that holds
/// `value`, for the attribute's condition on a sibling.
fn collect<'v, V: Readable<'v>>(
    value: V,
    path: &'static [&'static str],
    attribute: &'static ColumnAttribute,
    parent: Option<V>,
    pointer: &mut String,
    found: &mut Found,
) {
    let len = pointer.len();
    match path.first() {
        _ if value.is_unset() => {
            let refused = path.is_empty() && !holds(attribute, parent);
            if let Some(reference) = variable_in(value).filter(|_| !refused) {
                found.indirect.push(IndirectColumn {
                    pointer: pointer.clone(),
                    reference,
                    attribute,
                    rest: path,
                });
            }
        }
        None if holds(attribute, parent) => named_in(value, attribute, pointer, &mut found.columns),
        None => {}
        Some(&"**") => {
            collect(value, &path[1..], attribute, parent, pointer, found);
            each_child(value, pointer, &mut |child, parent, pointer| {
                collect(child, path, attribute, parent, pointer, found);
            });
        }
        // A single block may be written as one object in Terraform's JSON syntax.
        Some(&"*") if value.is_object() => {
            collect(value, &path[1..], attribute, parent, pointer, found)
        }
        Some(&"*") => {
            for (index, item) in value.items().enumerate() {
                push_index(pointer, index);
                collect(item, &path[1..], attribute, parent, pointer, found);
                pointer.truncate(len);
            }
        }
        Some(name) => {
            if let Some(child) = value.get(name) {
                push_key(pointer, name);
                collect(child, &path[1..], attribute, Some(value), pointer, found);
                pointer.truncate(len);
            }
        }
    }
}

/// What [`each_child`] calls with a child, the object that holds it (if one does) and its
/// pointer.
type Visit<'f, V> = dyn FnMut(V, Option<V>, &mut String) + 'f;

/// Calls `visit` with each child of an object or array, its holder and its pointer.
fn each_child<'v, V: Readable<'v>>(value: V, pointer: &mut String, visit: &mut Visit<'_, V>) {
    let len = pointer.len();
    for (key, child) in value.members() {
        push_key(pointer, key);
        visit(child, Some(value), pointer);
        pointer.truncate(len);
    }
    for (index, child) in value.items().enumerate() {
        push_index(pointer, index);
        visit(child, None, pointer);
        pointer.truncate(len);
    }
}

/// Whether a column attribute's condition on a sibling holds in `parent` (the object that
/// holds it).
fn holds<'v>(attribute: &ColumnAttribute, parent: Option<impl Readable<'v>>) -> bool {
    let Some((sibling, values)) = attribute.when else {
        return true;
    };
    let sibling = parent
        .and_then(|p| p.get(sibling))
        .and_then(Readable::as_str);
    sibling.is_some_and(|v| values.contains(&v))
}

/// The column(s) a value at a column attribute's place names.
fn named_in<'v>(
    value: impl Readable<'v>,
    attribute: &ColumnAttribute,
    pointer: &str,
    out: &mut Vec<NamedColumn>,
) {
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
    match attribute.form {
        Form::Value => {
            if let Some(name) = value.as_str().filter(|name| !unset(name)) {
                push(pointer.to_owned(), name, false);
            }
        }
        Form::PrefixedValues(prefix) => {
            for (key, value) in value.members() {
                if let Some(name) = value.as_str().and_then(|text| text.strip_prefix(prefix)) {
                    push(pointer::child(pointer, key), name, false);
                }
            }
        }
        Form::Keys => {
            for (key, _) in value.members() {
                push(pointer::child(pointer, key), key, true);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::outbound::FileFacts;
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
}
