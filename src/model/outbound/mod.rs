//! The outbound resources that use a contact list (docs/resources.md): campaigns, messaging
//! campaigns, contact-list filters, rule sets, digital rule sets, DNC lists and single contacts.
//! They are not lists, and list rules never run on them: what is read of each is only what the
//! rules of a module judge — the attribute that names its list, the attributes that name the
//! list's columns (and of which kind), and the attributes that name other such resources.
//!
//! - `tables.rs`: one table per resource type, each entry citing the provider's schema line;
//! - `users.rs`: a resource that uses a list, as read from a document through its tables;
//! - `facts.rs`: what one Terraform file declares for its module (`FileFacts`: its lists'
//!   columns, its resources, its local module calls and outputs), small and owned;
//! - `literals.rs`: values a file fixes outside the resources that use them (a `module` block's
//!   arguments, variables' defaults, `locals`), with where they are written;
//! - `module.rs`: a directory's facts indexed once, and the references they resolve (`Module`).
//!
//! A value the file does not fix is not read: a column written as `var.x` names what the call
//! passes (or the default) when that is a literal, and nothing otherwise; a list written as
//! anything but a plain reference (`syntax::Reference`) is unknown. Of `model/`
//! it reads the Terraform mapping, the contact-file declarations and the vocabulary; never rules,
//! diagnostics, the engine or output.

mod facts;
mod literals;
mod module;
mod tables;
mod users;

pub use facts::{FileFacts, ListFact, ModuleCall, entries};
pub use literals::{Literal, may_fix_values};
pub use module::{ColumnUse, Context, Module, ModulePlace, UsedList, address_hash};
pub use tables::{ColumnAttribute, ColumnKind, Form, LinkAttribute, UserKind};
pub use users::{IndirectColumn, Named, NamedColumn, User, user};
