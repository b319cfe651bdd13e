//! What a contact list is, whatever the syntax it is written in: a parsed document yields zero or
//! more [`List`]s, each with where it sits (its base pointer), its profile and its name. Also the
//! Genesys vocabulary, the profiles with their embedded schemas, schema validation, the provider's
//! resources across its releases and the outbound resources that use a list. Its parts are layered
//! (`tests/it/architecture.rs`, `MODEL`).
//!
//! Never imports `diagnostic`, `rules`, `engine`, `settings`, `render` or `cli`.

pub mod contact_file;
pub mod outbound;
mod profile;
pub mod provider;
mod recognise;
pub mod schema;
pub mod terraform;
pub mod vocabulary;

use serde_json::Value;

pub use profile::Profile;
pub use recognise::{Verdict, key_is, recognise};

use crate::syntax::{Document, DuplicateKey, Layout, Syntax};
use terraform::Resource;
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
    /// The Terraform resource the list is mapped from, when it is one.
    pub resource: Option<&'d Resource>,
}

impl<'d> List<'d> {
    /// The list's `name`, which rules across files compare.
    pub fn name(&self) -> Option<&'d str> {
        self.value.get(NAME).and_then(Value::as_str)
    }

    /// Whether the file fixes the value at a pointer (always, but in Terraform, where a
    /// variable, a reference or a call is present with a value nobody knows before `apply`).
    pub fn fixes(&self, pointer: &str) -> bool {
        self.resource.is_none_or(|resource| resource.fixes(pointer))
    }

    /// Whether every entry of the array at a pointer is known (a rule that needs the whole
    /// set, such as "is this column declared", must not judge an incomplete one).
    pub fn is_complete(&self, pointer: &str) -> bool {
        self.resource
            .is_none_or(|resource| resource.is_complete(pointer))
    }

    /// Its `automaticTimeZoneMapping`: unset is false; `None` when the file does not fix it.
    pub fn time_zone_mapping(&self) -> Option<bool> {
        const FIELD: &str = "/automaticTimeZoneMapping";
        if !self.fixes(FIELD) {
            return None;
        }
        match crate::pointer::resolve(self.value, FIELD) {
            None | Some(Value::Null) => Some(false),
            Some(value) => value.as_bool(),
        }
    }

    /// The pointer in the document of a pointer relative to the list.
    pub fn document_pointer(&self, relative: &str) -> String {
        self.base.to_owned() + &self.shown_pointer(relative)
    }

    /// A pointer relative to the list as machine output shows it: in the list's own names.
    pub fn shown_pointer(&self, relative: &str) -> String {
        match self.resource {
            Some(resource) => resource.terraform_pointer(relative),
            None => relative.to_owned(),
        }
    }

    /// A message written with API field names, in the list's own names.
    pub fn speak<'m>(&self, message: &'m str) -> std::borrow::Cow<'m, str> {
        match self.resource {
            Some(resource) => resource.speak_terraform(message).into(),
            None => message.into(),
        }
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
    found: Found<'d>,
    pub reason: std::borrow::Cow<'static, str>,
}

/// The lists of a document, as its layout holds them.
#[derive(Debug)]
enum Found<'d> {
    Whole(Option<Whole<'d>>),
    Resources(Vec<Resource>),
}

/// A document that is one list: its value, made from the document.
#[derive(Debug)]
struct Whole<'d> {
    value: Value,
    profile: Profile,
    duplicate_keys: &'d [DuplicateKey],
}

impl Recognised<'_> {
    /// The Terraform resources the lists come from (none for a document that is one list).
    pub fn resources(&self) -> &[Resource] {
        match &self.found {
            Found::Whole(_) => &[],
            Found::Resources(resources) => resources,
        }
    }

    /// The lists, in document order.
    pub fn lists(&self) -> Vec<List<'_>> {
        match &self.found {
            Found::Whole(whole) => whole
                .iter()
                .map(|whole| List {
                    base: "",
                    profile: whole.profile,
                    value: &whole.value,
                    duplicate_keys: whole.duplicate_keys,
                    resource: None,
                })
                .collect(),
            Found::Resources(resources) => resources.iter().map(Resource::list).collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        match &self.found {
            Found::Whole(whole) => whole.is_none(),
            Found::Resources(resources) => resources.is_empty(),
        }
    }
}

/// The lists of a document in `syntax`, checked in `forced` profile or the one each list's
/// content suggests. A document whose syntax lays it out as one list (JSON, TOML) is one list at
/// its root; a walked one that does not look like a contact list holds none. A Terraform
/// document holds one list per contact-list resource, whatever the admission.
pub fn lists<'d>(
    document: &'d Document<'_>,
    syntax: Syntax,
    forced: Option<Profile>,
    admission: Admission,
) -> Recognised<'d> {
    match syntax.layout() {
        Layout::WholeDocument => whole_document(document, forced, admission),
        Layout::TerraformResources => {
            let resources = terraform::resources(document, syntax == Syntax::Terraform);
            Recognised {
                reason: resources_reason(admission, resources.len()),
                found: Found::Resources(resources),
            }
        }
        Layout::Contacts => Recognised {
            found: Found::Whole(None),
            reason: "it is a contact file, checked against its list".into(),
        },
    }
}

/// Why a Terraform file that declares `lists` contact lists is checked (or not).
pub fn resources_reason(admission: Admission, lists: usize) -> std::borrow::Cow<'static, str> {
    match (admission.reason(), lists) {
        (Some(reason), _) => reason.into(),
        (None, 0) => "it declares no contact-list resource".into(),
        (None, _) => "it declares a contact-list resource".into(),
    }
}

/// The profile a syntax fixes for all its lists, whatever is chosen: `terraform` for Terraform.
pub fn profile_of_syntax(syntax: Syntax) -> Option<Profile> {
    match syntax.layout() {
        Layout::WholeDocument => None,
        Layout::TerraformResources => Some(Profile::Terraform),
        Layout::Contacts => Some(Profile::ContactFile),
    }
}

/// Whether a file's text may hold a list at all, before it is parsed: a cheap test for
/// syntaxes where most files are about something else.
pub fn may_hold_lists(syntax: Syntax, text: &str) -> bool {
    match syntax.layout() {
        Layout::WholeDocument => true,
        Layout::TerraformResources => terraform::may_declare_lists(text),
        Layout::Contacts => false,
    }
}

/// Whether the text of a file that cannot be read whole or parsed still looks like it holds a
/// list, and is worth reporting although it was only walked.
pub fn text_looks_like_list(syntax: Syntax, text: &str) -> bool {
    match syntax.layout() {
        Layout::WholeDocument => recognise::text_looks_like_list(text),
        Layout::TerraformResources => terraform::may_declare_lists(text),
        Layout::Contacts => false,
    }
}

fn whole_document<'d>(
    document: &'d Document<'_>,
    forced: Option<Profile>,
    admission: Admission,
) -> Recognised<'d> {
    let value = document.value();
    let reason = match admission.reason() {
        Some(reason) => reason.into(),
        None => match recognise(&value) {
            Verdict::List(reason) => reason.into(),
            Verdict::NotList(reason) => {
                return Recognised {
                    found: Found::Whole(None),
                    reason: reason.into(),
                };
            }
        },
    };
    let whole = Whole {
        profile: forced.unwrap_or_else(|| Profile::detect(&value)),
        value,
        duplicate_keys: &document.duplicate_keys,
    };
    Recognised {
        found: Found::Whole(Some(whole)),
        reason,
    }
}
