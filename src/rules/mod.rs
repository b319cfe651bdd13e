//! The rule catalogue. Each rule lives in its own file with its id, severity, profiles,
//! documentation and check; adding a rule means one file, one line in [`RULES`] and fixtures.
//!
//! Rules see a parsed document and speak JSON pointers. They find problems in three ways:
//! by claiming a schema failure they explain better ([`Rule::claim`]), by checking the
//! document ([`Rule::check`]), or across all files of a run ([`Rule::check_run`]).

use serde_json::Value;

use crate::diagnostic::{Finding, Severity};
use crate::document::Document;
use crate::profile::Profile;
use crate::schema::SchemaFailure;

/// Declares a rule: a unit struct whose doc comment is its documentation, plus its metadata.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $name:ident {
            id: $id:literal,
            severity: $severity:ident,
            profiles: $profiles:expr,
            summary: $summary:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $name;

        impl $name {
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                id: $id,
                severity: $crate::diagnostic::Severity::$severity,
                profiles: $profiles,
                summary: $summary,
                docs: concat!($($doc, "\n"),*),
            };
        }

        impl $crate::rules::Meta for $name {
            fn meta(&self) -> &'static $crate::rules::RuleMeta {
                &Self::META
            }
        }
    };
}

mod column_name_too_long;
mod conflicting_time_column;
mod duplicate_column_name;
mod duplicate_key;
mod duplicate_list_name;
mod file_too_large;
mod ineffective_bound;
mod inline_contacts;
mod invalid_column_name;
mod invalid_column_type;
mod invalid_encoding;
mod invalid_entity_ref;
mod invalid_list_type;
mod min_greater_than_max;
mod missing_column_names;
mod missing_columns;
mod missing_field;
mod missing_list_type;
mod missing_name;
mod no_contact_column;
mod preview_values_without_column;
mod read_only_field;
mod schema_violation;
mod syntax_error;
mod system_column_name;
mod time_column_with_time_zone_mapping;
mod too_many_columns;
mod undeclared_column;
mod unknown_field;
mod wrong_value_type;
mod zip_code_without_time_zone_mapping;

pub use file_too_large::FileTooLarge;
pub use invalid_encoding::InvalidEncoding;
pub use syntax_error::SyntaxError;

/// Every rule, in catalogue order. Schema failures go to the first rule that claims them, so the
/// generic rules come last and `schema-violation` (which claims anything) is the very last.
pub static RULES: &[&dyn Rule] = &[
    &syntax_error::SyntaxError,
    &invalid_encoding::InvalidEncoding,
    &file_too_large::FileTooLarge,
    &duplicate_key::DuplicateKey,
    &missing_name::MissingName,
    &inline_contacts::InlineContacts,
    &duplicate_column_name::DuplicateColumnName,
    &invalid_column_name::InvalidColumnName,
    &column_name_too_long::ColumnNameTooLong,
    &too_many_columns::TooManyColumns,
    &invalid_column_type::InvalidColumnType,
    &no_contact_column::NoContactColumn,
    &duplicate_list_name::DuplicateListName,
    &missing_list_type::MissingListType,
    &invalid_list_type::InvalidListType,
    &missing_columns::MissingColumns,
    &missing_column_names::MissingColumnNames,
    &undeclared_column::UndeclaredColumn,
    &zip_code_without_time_zone_mapping::ZipCodeWithoutTimeZoneMapping,
    &time_column_with_time_zone_mapping::TimeColumnWithTimeZoneMapping,
    &conflicting_time_column::ConflictingTimeColumn,
    &read_only_field::ReadOnlyField,
    &min_greater_than_max::MinGreaterThanMax,
    &ineffective_bound::IneffectiveBound,
    &preview_values_without_column::PreviewValuesWithoutColumn,
    &system_column_name::SystemColumnName,
    &invalid_entity_ref::InvalidEntityRef,
    &wrong_value_type::WrongValueType,
    &missing_field::MissingField,
    &unknown_field::UnknownField,
    &schema_violation::SchemaViolation,
];

/// What every rule declares about itself.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable kebab-case id, never reused.
    pub id: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// Profiles the rule applies to.
    pub profiles: &'static [Profile],
    /// One line for listings and SARIF short descriptions.
    pub summary: &'static str,
    /// The doc comment: what it does, why it matters, a bad and a good example.
    pub docs: &'static str,
}

impl RuleMeta {
    /// The documentation as written, without the doc comment's leading spaces.
    pub fn documentation(&self) -> String {
        let mut out = String::with_capacity(self.docs.len());
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim_end().to_owned()
    }

    pub fn applies_to(&self, profile: Profile) -> bool {
        self.profiles.contains(&profile)
    }
}

impl PartialEq for RuleMeta {
    fn eq(&self, other: &RuleMeta) -> bool {
        self.id == other.id
    }
}

pub const BOTH: &[Profile] = &[Profile::Definition, Profile::Api];
pub const DEFINITION: &[Profile] = &[Profile::Definition];
pub const API: &[Profile] = &[Profile::Api];

/// Implemented by [`declare_rule!`].
pub trait Meta {
    fn meta(&self) -> &'static RuleMeta;
}

/// A rule's checks; each has a default that does nothing.
pub trait Rule: Meta + Sync {
    /// Explains a schema failure this rule owns, or leaves it to the next rule.
    fn claim(&self, _failure: &SchemaFailure, _cx: &Context) -> Option<Finding> {
        None
    }

    /// Checks one parsed document.
    fn check(&self, _cx: &Context, _out: &mut Vec<Finding>) {}

    /// Checks the lists of a run together: every list whose name (as [`same_name_key`] makes
    /// it) may be shared with another, in path order. Each finding names the list's `file`.
    fn check_run(&self, _lists: &[ListName<'_>], _out: &mut Vec<(usize, Finding)>) {}
}

/// What a rule sees of one file.
pub struct Context<'a> {
    pub document: &'a Document,
    pub profile: Profile,
}

impl Context<'_> {
    pub fn value(&self) -> &Value {
        &self.document.value
    }

    /// The value at a pointer.
    pub fn at(&self, pointer: &str) -> Option<&Value> {
        self.document.value.pointer(pointer)
    }

    /// The elements of the array at `pointer` with their own pointers (none when it is not an
    /// array).
    pub fn elements<'v>(
        &'v self,
        pointer: &'v str,
    ) -> impl Iterator<Item = (String, &'v Value)> + 'v {
        let items = self
            .at(pointer)
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default();
        items
            .iter()
            .enumerate()
            .map(move |(i, item)| (format!("{pointer}/{i}"), item))
    }

    /// The declared column names with where they sit, for either profile.
    pub fn column_names(&self) -> Vec<(Place, &str)> {
        let (array, field) = match self.profile {
            Profile::Definition => ("columns", Some("name")),
            Profile::Api => ("columnNames", None),
        };
        let Some(items) = self.value().get(array).and_then(Value::as_array) else {
            return Vec::new();
        };
        items
            .iter()
            .enumerate()
            .filter_map(|(index, item)| {
                let name = match field {
                    Some(f) => item.get(f)?,
                    None => item,
                };
                Some((
                    Place {
                        array,
                        index: Some(index),
                        field,
                    },
                    name.as_str()?,
                ))
            })
            .collect()
    }
}

/// A place in a document named by fixed field names: `/array`, `/array/3` or `/array/3/field`.
/// Rules walk many of them per file; the pointer string is only built when a finding needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub array: &'static str,
    pub index: Option<usize>,
    pub field: Option<&'static str>,
}

impl Place {
    pub fn pointer(&self) -> String {
        let mut pointer = format!("/{}", self.array);
        if let Some(index) = self.index {
            crate::document::push_index(&mut pointer, index);
        }
        if let Some(field) = self.field {
            crate::document::push_segment(&mut pointer, field);
        }
        pointer
    }
}

/// The list name of one checked file, for rules across files.
#[derive(Debug, Clone)]
pub struct ListName<'a> {
    /// Its index among the lists given to [`Rule::check_run`].
    pub file: usize,
    pub profile: Profile,
    pub name: &'a str,
}

/// Whether `pointer` matches `pattern`, where a `*` segment matches any one segment.
pub fn pointer_matches(pointer: &str, pattern: &str) -> bool {
    let mut actual = pointer.split('/');
    let mut wanted = pattern.split('/');
    loop {
        match (actual.next(), wanted.next()) {
            (None, None) => return true,
            (Some(a), Some(w)) if w == "*" || a == w => {}
            _ => return false,
        }
    }
}

/// Whether `pointer` names a column name in either profile.
pub fn is_column_name(pointer: &str) -> bool {
    pointer_matches(pointer, "/columns/*/name") || pointer_matches(pointer, "/columnNames/*")
}

/// Looks a rule up by id.
pub fn find(id: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.meta().id == id)
}

/// Normalises a column or list name for "the same name" comparisons.
pub fn same_name_key(name: &str) -> String {
    name.trim().to_lowercase()
}
