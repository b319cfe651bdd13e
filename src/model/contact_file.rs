//! What a contact file is checked against: the columns of the list it is imported into, which of
//! them hold phone numbers, email addresses and WhatsApp numbers, their data types, the contact
//! id column and the import mode. Built from a [`List`] of any profile; a value the list's file
//! does not fix (a Terraform variable) leaves that part unknown, and no rule judges by it.
//!
//! The records themselves come from [`crate::syntax::csv`], re-exported here so that rules read
//! contact files through the model, never through a parser.

use serde_json::Value;

pub use crate::syntax::csv::{Field, Oversized, Piece, Record, Shown, chars, unquote};

use super::vocabulary::{
    COLUMN_NAME, COLUMN_NAMES, COLUMNS, DATA_TYPE_SPECIFICATIONS, EMAIL_COLUMNS, PHONE_COLUMNS,
    WHATSAPP_COLUMNS, ZIP_CODE_COLUMN_NAME,
};
use super::{List, Profile};
use crate::pointer;

const ZIP_POINTER: &str = "/zipCodeColumnName";

/// How the file is imported: a new list (or a replacement of its contacts, as Terraform does)
/// must match the columns exactly; an append matches them in any case and may add columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Create,
    Append,
}

impl Mode {
    /// The mode `--append` (or the page's "Appended") asks for.
    pub fn appending(append: bool) -> Mode {
        match append {
            true => Mode::Append,
            false => Mode::Create,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Create => "create",
            Mode::Append => "append",
        }
    }
}

/// A column's data type, as far as values can be checked against it.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueType {
    Text { max_length: Option<f64> },
    Numeric { min: Option<f64>, max: Option<f64> },
}

/// What the contacts are checked against.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Target {
    /// How messages name the list: `lists/sales.json` or `main.tf#genesyscloud_...sales`.
    pub label: String,
    /// The declared columns, or `None` when the list's file does not fix them all.
    pub columns: Option<Vec<String>>,
    /// The columns that make a contact reachable (phone, email, WhatsApp), or `None` when any
    /// of them is unknown.
    pub contact_columns: Option<Vec<String>>,
    /// The phone and WhatsApp columns that are known.
    pub phone_columns: Vec<String>,
    /// Checked data types of known columns.
    pub value_types: Vec<(String, ValueType)>,
    pub id_column: Option<String>,
    pub mode: Mode,
    /// Uploaded by the Terraform provider from a resource's `contacts_filepath`: its plan-time
    /// check reads the header as Go's `encoding/csv` does, byte-order mark included.
    pub uploaded_by_provider: bool,
    /// The list maps each contact to a time zone from its zip code or phone number
    /// (`automaticTimeZoneMapping` fixed to true).
    pub automatic_time_zone_mapping: bool,
    /// Its `zipCodeColumnName`, when the file fixes it.
    pub zip_code_column: Option<String>,
}

impl Target {
    /// The target of a list; `label` names it in messages.
    pub fn of(list: &List<'_>, label: String) -> Target {
        let value = list.value;
        let entries = |array: &str| declared_entries(list, array);
        let mut target = Target {
            label,
            ..Target::default()
        };
        match list.profile {
            Profile::Definition => definition_columns(value, &mut target),
            Profile::Api | Profile::Terraform => {
                target.columns = declared_names(list);
                let phone = entries(PHONE_COLUMNS);
                let email = entries(EMAIL_COLUMNS);
                let whatsapp = entries(WHATSAPP_COLUMNS);
                target.phone_columns = phone.iter().chain(&whatsapp).flatten().cloned().collect();
                target.contact_columns = match (phone, email, whatsapp) {
                    (Some(p), Some(e), Some(w)) => Some([p, e, w].concat()),
                    _ => None,
                };
                target.value_types = data_types(list);
                target.automatic_time_zone_mapping = list.time_zone_mapping() == Some(true);
                let zip = value.get(ZIP_CODE_COLUMN_NAME).and_then(Value::as_str);
                target.zip_code_column = zip.filter(|_| list.fixes(ZIP_POINTER)).map(str::to_owned);
            }
            Profile::ContactFile => {}
        }
        target.id_column = terraform_id_column(list);
        target
    }
}

/// A list's `columnNames`, when the file fixes every one of them.
pub fn declared_names(list: &List<'_>) -> Option<Vec<String>> {
    if !list.is_complete(&pointer::child("", COLUMN_NAMES)) {
        return None;
    }
    let items = list.value.get(COLUMN_NAMES)?.as_array()?;
    items
        .iter()
        .map(|item| item.as_str().map(str::to_owned))
        .collect()
}

/// The `columnName`s of a list's `array` of column entries (`phoneColumns`...), when the file
/// fixes every one of them; none written is an empty list.
pub fn declared_entries(list: &List<'_>, array: &str) -> Option<Vec<String>> {
    let at = pointer::child("", array);
    if !list.is_complete(&at) {
        return None;
    }
    let items = list.value.get(array).and_then(Value::as_array);
    let names = items
        .into_iter()
        .flatten()
        .enumerate()
        .filter_map(|(i, item)| {
            let name_at = pointer::child(&pointer::element(&at, i), COLUMN_NAME);
            list.fixes(&name_at)
                .then(|| item.get(COLUMN_NAME)?.as_str())?
        });
    let names: Vec<String> = names.map(str::to_owned).collect();
    let known = items.map_or(0, Vec::len) == names.len();
    known.then_some(names)
}

/// A Terraform resource's `contacts_id_name`, when written out.
fn terraform_id_column(list: &List) -> Option<String> {
    let id = list.resource?.written.get("contacts_id_name")?.as_str()?;
    list.fixes("/contacts_id_name").then(|| id.to_owned())
}

/// A definition's `columns`: each with a `name` and a `type` (`PHONE`, `EMAIL`, `NUMBER`, ...).
fn definition_columns(value: &Value, target: &mut Target) {
    let Some(columns) = value.get(COLUMNS).and_then(Value::as_array) else {
        return;
    };
    let named: Option<Vec<(String, String)>> = columns
        .iter()
        .map(|c| {
            let name = c.get("name")?.as_str()?.to_owned();
            let kind = c.get("type").and_then(Value::as_str).unwrap_or_default();
            Some((name, kind.to_ascii_uppercase()))
        })
        .collect();
    let Some(named) = named else {
        return;
    };
    let of_type = |kinds: &[&str]| -> Vec<String> {
        let matching = named.iter().filter(|(_, k)| kinds.contains(&k.as_str()));
        matching.map(|(n, _)| n.clone()).collect()
    };
    target.phone_columns = of_type(&["PHONE"]);
    target.contact_columns = Some(of_type(&["PHONE", "EMAIL"]));
    target.value_types = of_type(&["NUMBER"])
        .into_iter()
        .map(|name| {
            (
                name,
                ValueType::Numeric {
                    min: None,
                    max: None,
                },
            )
        })
        .collect();
    target.columns = Some(named.into_iter().map(|(n, _)| n).collect());
}

/// The api's `columnDataTypeSpecifications` whose column and bounds the file fixes.
fn data_types(list: &List<'_>) -> Vec<(String, ValueType)> {
    let items = list
        .value
        .get(DATA_TYPE_SPECIFICATIONS)
        .and_then(Value::as_array);
    let mut out = Vec::new();
    for (i, spec) in items.into_iter().flatten().enumerate() {
        let at = |field: &str| format!("/{DATA_TYPE_SPECIFICATIONS}/{i}/{field}");
        let known = |field: &str| list.fixes(&at(field));
        let bound = |field: &str| {
            let bound = spec.get(field)?;
            (known(field) && !is_unset_bound(bound)).then(|| bound.as_f64())?
        };
        let (Some(name), Some(kind)) = (
            spec.get(COLUMN_NAME)
                .and_then(Value::as_str)
                .filter(|_| known(COLUMN_NAME)),
            spec.get("columnDataType")
                .and_then(Value::as_str)
                .filter(|_| known("columnDataType")),
        ) else {
            continue;
        };
        let value_type = match kind {
            "TEXT" => ValueType::Text {
                max_length: bound("maxLength"),
            },
            "NUMERIC" => ValueType::Numeric {
                min: bound("min"),
                max: bound("max"),
            },
            _ => continue,
        };
        out.push((name.to_owned(), value_type));
    }
    out
}

/// Whether a `min`, `max` or `maxLength` bound is unset: `null`, or `0`, which the Terraform
/// provider writes for every bound its user did not set.
pub fn is_unset_bound(bound: &Value) -> bool {
    bound.is_null() || bound.as_f64() == Some(0.0)
}
