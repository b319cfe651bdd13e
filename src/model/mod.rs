//! What a contact list is, whatever the syntax it is written in: a parsed document yields zero or
//! more [`List`]s, each with where it sits (its base pointer), its profile and its name. Also the
//! Genesys vocabulary, the profiles with their embedded schemas, and schema validation.
//!
//! Imports [`crate::syntax`] and [`crate::pointer`]; never rules, diagnostics, the engine or output.

mod profile;
pub mod schema;
pub mod vocabulary;

use serde_json::Value;

pub use profile::Profile;

use crate::syntax::{Document, DuplicateKey, Layout, Syntax};
use vocabulary::{LIST_MARKERS, LIST_TYPE, LIST_TYPES, NAME};

/// One contact list of a document.
#[derive(Debug, Clone, Copy)]
pub struct List<'d> {
    /// The pointer of the list's object in its document (`""` for a list that is the whole
    /// file); the pointers rules speak are relative to it.
    pub base: &'d str,
    pub profile: Profile,
    /// The list's object.
    pub value: &'d Value,
    /// The keys its objects repeat, as pointers relative to the list.
    pub duplicate_keys: &'d [DuplicateKey],
}

impl<'d> List<'d> {
    /// The list's `name`, which rules across files compare.
    pub fn name(&self) -> Option<&'d str> {
        self.value.get(NAME).and_then(Value::as_str)
    }
}

/// Whether lists must be recognised as such to be checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// Named by the user: whatever the file holds is checked as a list.
    Named,
    /// Found by walking: only what looks like a contact list is.
    Walked,
}

/// The lists of a document in `syntax`, checked in `forced` profile or the one each list's
/// content suggests. A document whose syntax lays it out as one list (JSON, TOML) is one list at
/// its root; a walked one that does not look like a contact list holds none.
pub fn lists<'d>(
    document: &'d Document,
    syntax: Syntax,
    forced: Option<Profile>,
    admission: Admission,
) -> Vec<List<'d>> {
    match syntax.layout() {
        Layout::WholeDocument => {
            let value = &document.value;
            if admission == Admission::Walked && !looks_like_contact_list(value) {
                return Vec::new();
            }
            vec![List {
                base: "",
                profile: forced.unwrap_or_else(|| Profile::detect(value)),
                value,
                duplicate_keys: &document.duplicate_keys,
            }]
        }
    }
}

/// Whether a value is a contact list rather than some other JSON or TOML object.
pub fn looks_like_contact_list(value: &Value) -> bool {
    let Some(object) = value.as_object() else {
        return false;
    };
    LIST_MARKERS.iter().any(|f| object.contains_key(*f))
        || object
            .get(LIST_TYPE)
            .and_then(Value::as_str)
            .is_some_and(|t| LIST_TYPES.iter().any(|l| t.eq_ignore_ascii_case(l)))
}
