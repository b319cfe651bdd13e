//! What a contact list is, whatever the syntax it is written in: a parsed document yields zero or
//! more [`List`]s, each with where it sits (its base pointer), its profile and its name. Also the
//! Genesys vocabulary, the profiles with their embedded schemas, and schema validation.
//!
//! Imports [`crate::syntax`] and [`crate::pointer`]; never rules, diagnostics, the engine or output.

mod profile;
mod recognise;
pub mod schema;
pub mod vocabulary;

use serde_json::Value;

pub use profile::Profile;
pub use recognise::{Verdict, key_is, recognise, text_looks_like_list};

use crate::syntax::{Document, DuplicateKey, Layout, Syntax};
use vocabulary::NAME;

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
    /// Walked and matched by the configuration's `include`: a list by the user's word.
    Included,
    /// Found by walking: only what looks like a contact list is.
    Walked,
}

impl Admission {
    /// Why a file so admitted is checked, when it needs no recognising.
    pub fn reason(self) -> Option<&'static str> {
        match self {
            Admission::Named => Some("named on the command line"),
            Admission::Included => Some("matched by `include`"),
            Admission::Walked => None,
        }
    }
}

/// The lists of a document, and why it holds them (or none).
#[derive(Debug)]
pub struct Recognised<'d> {
    pub lists: Vec<List<'d>>,
    pub reason: std::borrow::Cow<'static, str>,
}

/// The lists of a document in `syntax`, checked in `forced` profile or the one each list's
/// content suggests. A document whose syntax lays it out as one list (JSON, TOML) is one list at
/// its root; a walked one that does not look like a contact list holds none.
pub fn lists<'d>(
    document: &'d Document,
    syntax: Syntax,
    forced: Option<Profile>,
    admission: Admission,
) -> Recognised<'d> {
    match syntax.layout() {
        Layout::WholeDocument => {
            let value = &document.value;
            let reason = match admission.reason() {
                Some(reason) => reason.into(),
                None => match recognise(value) {
                    Verdict::List(reason) => reason.into(),
                    Verdict::NotList(reason) => {
                        let lists = Vec::new();
                        return Recognised {
                            lists,
                            reason: reason.into(),
                        };
                    }
                },
            };
            let list = List {
                base: "",
                profile: forced.unwrap_or_else(|| Profile::detect(value)),
                value,
                duplicate_keys: &document.duplicate_keys,
            };
            Recognised {
                lists: vec![list],
                reason,
            }
        }
    }
}
