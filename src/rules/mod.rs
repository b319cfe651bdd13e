//! The rule catalogue. Each rule lives in its own file with its id, severity, profiles,
//! documentation and check; adding a rule means one file, one line in [`RULES`] and fixtures.
//!
//! Rules see one contact list (never a file, never bytes) and speak JSON pointers relative to
//! it. They find problems by claiming a schema failure they explain better ([`Rule::claim`]), by
//! checking the list ([`Rule::check_list`]), across the lists of a run, through the facts
//! [`RunLists`] indexes ([`Rule::check_across`]), in a contact file
//! ([`Rule::contact_file_checks`]), or in the resources of a Terraform module that use a list,
//! through the facts of [`Module`] ([`Rule::check_module`]).
//!
//! Never imports `syntax` (the parsers), `engine`, `settings`, `render` or `cli`.

use foldhash::{HashMap, HashSet, HashSetExt};
use serde_json::Value;

use crate::diagnostic::{Finding, RuleMeta};
use crate::model::outbound::{ColumnUse, Module, ModulePlace, User};
use crate::model::provider::{Choice, Declared, Judged};
use crate::model::schema::SchemaFailure;
use crate::model::vocabulary::{COLUMN_NAME_FIELD, COLUMN_NAMES, COLUMNS};
use crate::model::{List, Profile};
use crate::pointer::{self, push_index, push_key};

pub use across::{RunList, RunLists};

/// Declares a rule: a unit struct whose doc comment is its documentation, plus its metadata.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $name:ident {
            id: $id:literal,
            severity: $severity:ident,
            profiles: $profiles:expr,
            summary: $summary:literal
            $(, claims: $claims:ident)?
            $(, fix: $fix:ident)? $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub(crate) struct $name;

        impl $name {
            pub(crate) const META: $crate::diagnostic::RuleMeta = $crate::diagnostic::RuleMeta {
                id: $id,
                severity: $crate::diagnostic::Severity::$severity,
                profiles: $profiles,
                summary: $summary,
                docs: concat!($($doc, "\n"),*),
                claims: claim_tier!($($claims)?),
                fix: fix_applicability!($($fix)?),
            };
        }

        impl $crate::rules::Meta for $name {
            fn meta(&self) -> &'static $crate::diagnostic::RuleMeta {
                &Self::META
            }
        }
    };
}

/// A rule of contact files: its checks are its `ContactRule` impl, found through
/// [`Rule::contact_file_checks`].
macro_rules! contact_rule {
    ($name:ident) => {
        impl $crate::rules::Rule for $name {
            fn contact_file_checks(&self) -> Option<&dyn $crate::rules::contact_file::ContactRule> {
                Some(self)
            }
        }
    };
}

/// How sure a rule's fixes are (`fix: Safe` or `fix: Unsafe`), when it offers any.
macro_rules! fix_applicability {
    () => {
        None
    };
    ($applicability:ident) => {
        Some($crate::diagnostic::Applicability::$applicability)
    };
}

/// A rule's `claims:` tier, when it declares one.
macro_rules! claim_tier {
    () => {
        None
    };
    ($tier:ident) => {
        Some($crate::diagnostic::ClaimTier::$tier)
    };
}

mod across;
pub mod contact_file;

mod block_attribute_mismatch;
mod column_name_too_long;
mod column_not_in_list;
mod computed_attribute;
mod conflicting_time_column;
mod contacts_file_not_found;
mod csv_blank_row;
mod csv_byte_order_mark;
mod csv_cell_too_long;
mod csv_delimiter;
mod csv_duplicate_header;
mod csv_duplicate_id;
mod csv_extra_column;
mod csv_field_count;
mod csv_invalid_header;
mod csv_missing_column;
mod csv_missing_id_column;
mod csv_no_contact_value;
mod csv_phone_format;
mod csv_too_many_columns;
mod csv_too_many_rows;
mod csv_unmappable_time_zone;
mod csv_unterminated_quote;
mod csv_value_type;
mod deprecated_attribute;
mod deprecated_resource;
mod duplicate_column_name;
mod duplicate_key;
mod duplicate_list_name;
mod file_too_large;
mod filter_list_mismatch;
mod incomplete_contacts_upload;
mod ineffective_bound;
mod inline_contacts;
mod invalid_column_name;
mod invalid_column_type;
mod invalid_encoding;
mod invalid_entity_ref;
mod invalid_filter_predicate;
mod invalid_list_type;
mod min_greater_than_max;
mod missing_column_names;
mod missing_columns;
mod missing_field;
mod missing_list_type;
mod missing_name;
mod missing_time_zone_column;
mod needs_newer_provider;
mod no_contact_column;
mod preview_values_without_column;
mod read_only_field;
mod schema_violation;
mod shared_contact_list;
mod syntax_error;
mod system_column_name;
mod time_column_with_time_zone_mapping;
mod too_many_columns;
mod too_many_entries;
mod undeclared_column;
mod undeclared_resource;
mod unknown_field;
mod wrong_column_kind;
mod wrong_value_type;
mod zip_code_without_time_zone_mapping;

/// The rules about a file that cannot be read or parsed: no other rule can say anything about
/// it, so a selection of other rules never hides them.
pub const FILE_RULES: [&str; 3] = [
    syntax_error::SyntaxError::META.id,
    invalid_encoding::InvalidEncoding::META.id,
    file_too_large::FileTooLarge::META.id,
];

pub(crate) use contacts_file_not_found::{ContactsFileNotFound, ResolvedFrom};
pub(crate) use csv_invalid_header::CsvInvalidHeader;
pub(crate) use file_too_large::FileTooLarge;
pub(crate) use invalid_encoding::InvalidEncoding;
pub(crate) use syntax_error::SyntaxError;

/// Every rule, in catalogue order (the order of `contactlint rules`). Which rule explains a
/// schema failure is said by each rule's `claims` tier, never by this order.
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
    &block_attribute_mismatch::BlockAttributeMismatch,
    &incomplete_contacts_upload::IncompleteContactsUpload,
    &computed_attribute::ComputedAttribute,
    &deprecated_attribute::DeprecatedAttribute,
    &needs_newer_provider::NeedsNewerProvider,
    &contacts_file_not_found::ContactsFileNotFound,
    &column_not_in_list::ColumnNotInList,
    &wrong_column_kind::WrongColumnKind,
    &deprecated_resource::DeprecatedResource,
    &too_many_entries::TooManyEntries,
    &invalid_filter_predicate::InvalidFilterPredicate,
    &filter_list_mismatch::FilterListMismatch,
    &undeclared_resource::UndeclaredResource,
    &shared_contact_list::SharedContactList,
    &missing_time_zone_column::MissingTimeZoneColumn,
    &csv_unterminated_quote::CsvUnterminatedQuote,
    &csv_duplicate_header::CsvDuplicateHeader,
    &csv_delimiter::CsvDelimiter,
    &csv_byte_order_mark::CsvByteOrderMark,
    &csv_too_many_columns::CsvTooManyColumns,
    &csv_invalid_header::CsvInvalidHeader,
    &csv_field_count::CsvFieldCount,
    &csv_cell_too_long::CsvCellTooLong,
    &csv_blank_row::CsvBlankRow,
    &csv_too_many_rows::CsvTooManyRows,
    &csv_missing_column::CsvMissingColumn,
    &csv_extra_column::CsvExtraColumn,
    &csv_missing_id_column::CsvMissingIdColumn,
    &csv_duplicate_id::CsvDuplicateId,
    &csv_no_contact_value::CsvNoContactValue,
    &csv_phone_format::CsvPhoneFormat,
    &csv_unmappable_time_zone::CsvUnmappableTimeZone,
    &csv_value_type::CsvValueType,
    &wrong_value_type::WrongValueType,
    &missing_field::MissingField,
    &unknown_field::UnknownField,
    &schema_violation::SchemaViolation,
];

pub const EVERY_PROFILE: &[Profile] = &[Profile::Definition, Profile::Api, Profile::Terraform];
pub const DEFINITION: &[Profile] = &[Profile::Definition];
/// The API body, as written or as a Terraform resource maps to it.
pub const API: &[Profile] = &[Profile::Api, Profile::Terraform];
/// Terraform resources only.
pub const TERRAFORM: &[Profile] = &[Profile::Terraform];
/// CSV contact files only.
pub const CONTACT_FILES: &[Profile] = &[Profile::ContactFile];
/// Every file contactlint reads, lists and contact files alike.
pub const EVERY_FILE: &[Profile] = &[
    Profile::Definition,
    Profile::Api,
    Profile::Terraform,
    Profile::ContactFile,
];

/// Implemented by `declare_rule!`.
pub trait Meta {
    fn meta(&self) -> &'static RuleMeta;
}

/// A rule's checks; each has a default that does nothing.
pub trait Rule: Meta + Sync {
    /// Explains a schema failure this rule owns, or leaves it to the next rule.
    fn claim(&self, _failure: &SchemaFailure, _cx: &Context) -> Option<Finding> {
        None
    }

    /// Checks one list.
    fn check_list(&self, _cx: &Context, _out: &mut Vec<Finding>) {}

    /// Checks the lists of a run together, querying what [`RunLists`] knows of them: every list
    /// whose name may be shared with another. Each finding names its list's `index`.
    fn check_across(&self, _lists: &RunLists<'_>, _out: &mut Vec<(usize, Finding)>) {}

    /// The rule's checks of contact files, when it has any.
    fn contact_file_checks(&self) -> Option<&dyn contact_file::ContactRule> {
        None
    }

    /// Checks one outbound resource of a Terraform file (a list or a resource that uses one)
    /// against the provider version the file is judged with. Findings are document pointers
    /// ([`ResourceContext::pointer`]).
    fn check_resource(&self, _cx: &ResourceContext, _out: &mut Vec<Finding>) {}

    /// Checks the resources that use a list in one Terraform module (a directory), against
    /// the lists they name (docs/resources.md). Findings are placed in the module's files.
    fn check_module(&self, _module: &Module, _out: &mut Vec<ModuleFinding>) {}
}

/// A finding in a file of a Terraform module.
pub type ModuleFinding = Finding<ModulePlace>;

/// How many resources that use a list one run of [`each_user`] checks.
const USERS_RUN: usize = 512;

/// The findings of `check` over each resource of a module that uses a list (with its file's
/// index), in order. An export's thousands are checked in runs spread over the pool: the
/// heaviest rules of its module would otherwise each hold one thread while the others wait.
fn each_user<F>(module: &Module, out: &mut Vec<ModuleFinding>, check: F)
where
    F: Fn(usize, &User, &mut Vec<ModuleFinding>) + Sync + Send,
{
    let users: Vec<(usize, &User)> = module.users().collect();
    let runs: Vec<&[(usize, &User)]> = users.chunks(USERS_RUN).collect();
    let found = crate::parallel::map(&runs, |run| {
        let mut found = Vec::new();
        for &(file, user) in *run {
            check(file, user, &mut found);
        }
        found
    });
    out.extend(found.into_iter().flatten());
}

impl Finding<ModulePlace> {
    /// A secondary place, in any file of the module.
    pub fn label_at(mut self, place: ModulePlace, message: impl Into<String>) -> ModuleFinding {
        self.labels.push(crate::diagnostic::FindingLabel {
            file: None,
            target: place,
            message: message.into(),
        });
        self
    }

    /// Labelled where the resource uses a column whose value is written elsewhere (a module
    /// call's argument, a variable's `default`, a `local`); unchanged for a column written in
    /// the resource.
    pub fn used_at(self, column: &ColumnUse) -> ModuleFinding {
        let Some(place) = &column.used_at else {
            return self;
        };
        let message = match column.through {
            Some(call) => format!("used here, through {call}"),
            None => "used here".to_owned(),
        };
        self.label_at(place.clone(), message)
    }
}

/// What a rule sees of one outbound resource of a Terraform file: as written, and judged at the
/// provider version the file is judged with.
pub struct ResourceContext<'a> {
    pub declared: &'a Declared<'a>,
    pub judged: &'a Judged<'a>,
    pub provider: &'a Choice,
    /// Where it stands among the resources of its type in its file.
    pub in_file: InFile,
}

/// A resource among those of its type in its file: an export holds thousands of one type, and a
/// finding that one cause repeats per resource is said once, with the count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InFile {
    /// Whether it is the first of its type in the file.
    pub first: bool,
    /// How many of its type the file declares.
    pub count: usize,
}

impl InFile {
    /// The standing of each of a file's resources, in order, by their types.
    pub fn all(types: &[&str]) -> Vec<InFile> {
        let mut counts: HashMap<&str, usize> = Default::default();
        for type_name in types {
            *counts.entry(type_name).or_default() += 1;
        }
        let mut seen = HashSet::new();
        let standing = types.iter().map(|type_name| InFile {
            first: seen.insert(type_name),
            count: counts[type_name],
        });
        standing.collect()
    }
}

impl ResourceContext<'_> {
    /// The document pointer of a Terraform pointer relative to the resource.
    pub fn pointer(&self, relative: &str) -> String {
        format!("{}{relative}", self.declared.base)
    }

    /// The document pointer whose key is the resource's type label.
    pub fn type_label(&self) -> String {
        pointer::parent(&self.declared.base).to_owned()
    }
}

/// What a rule sees: one list, and the limits it is held to.
pub struct Context<'a> {
    pub list: List<'a>,
    /// The most columns a list may have (`[limits] columns`).
    pub max_columns: usize,
}

impl Context<'_> {
    /// The list's object.
    pub fn value(&self) -> &Value {
        self.list.value
    }

    pub fn profile(&self) -> Profile {
        self.list.profile
    }

    /// The value at a pointer relative to the list.
    pub fn at(&self, pointer: &str) -> Option<&Value> {
        pointer::resolve(self.list.value, pointer)
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
            .map(move |(i, item)| (pointer::element(pointer, i), item))
    }

    /// The declared column names with where they sit, for either profile.
    pub fn column_names(&self) -> Vec<(Place, &str)> {
        let (array, field) = match self.profile() {
            Profile::Definition => (COLUMNS, Some(COLUMN_NAME_FIELD)),
            Profile::Api | Profile::Terraform => (COLUMN_NAMES, None),
            Profile::ContactFile => return Vec::new(),
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
        let mut pointer = String::new();
        push_key(&mut pointer, self.array);
        if let Some(index) = self.index {
            push_index(&mut pointer, index);
        }
        if let Some(field) = self.field {
            push_key(&mut pointer, field);
        }
        pointer
    }
}

/// Whether `pointer` names a column name in either profile.
pub fn is_column_name(pointer: &str) -> bool {
    pointer::matches(pointer, "/columns/*/name") || pointer::matches(pointer, "/columnNames/*")
}

/// Looks a rule up by id.
pub fn find(id: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.meta().id == id)
}

/// Allowed values as a message names them: `A, B or C`.
pub fn alternatives(values: &[&str]) -> String {
    match values {
        [] => String::new(),
        [only] => (*only).to_owned(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

pub use crate::model::contact_file::is_unset_bound;

/// Normalises a column or list name for "the same name" comparisons.
pub fn same_name_key(name: &str) -> String {
    name.trim().to_lowercase()
}
