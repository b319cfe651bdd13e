//! How a contact file is paired with its list — the one place a [`Pairing`] is made, whatever
//! says it (docs/inputs/csv.md): a Terraform resource's `contacts_filepath`, `--list` for the
//! files a command line names, a `[[contacts]]` entry of the configuration, the page's list —
//! and which one wins when two do.

use std::path::PathBuf;
use std::sync::Arc;

use super::config::split_address;
use crate::model::contact_file::{Mode, Target};
use crate::text::shown_path;

/// A contact file's list and how the file is imported into it.
#[derive(Debug, Clone, PartialEq)]
pub struct Pairing {
    pub list: ListRef,
    pub id_column: Option<String>,
    pub mode: Mode,
    /// Where the pairing is written, for errors: `contactlint.toml:12`, `--list`.
    pub origin: String,
}

/// The list of a pairing.
#[derive(Debug, Clone, PartialEq)]
pub enum ListRef {
    /// A file to read: a JSON or TOML list, or a Terraform file with the resource's address.
    File {
        path: PathBuf,
        display: String,
        address: Option<String>,
    },
    /// A list already read (a Terraform resource that names its contacts file).
    Known(Arc<Target>),
}

impl Pairing {
    /// `--list PATH[#ADDRESS]`, with `--id-column` and `--append`.
    pub fn command_line(list: &str, id_column: Option<String>, append: bool) -> Pairing {
        let (path, address) = split_address(list);
        Pairing {
            list: ListRef::File {
                path: PathBuf::from(path),
                display: shown_path(path),
                address: address.map(str::to_owned),
            },
            id_column,
            mode: Mode::appending(append),
            origin: "--list".into(),
        }
    }

    /// A `[[contacts]]` entry of the configuration, written at `origin`.
    pub fn configured(
        list: ListRef,
        id_column: Option<String>,
        mode: Mode,
        origin: String,
    ) -> Pairing {
        Pairing {
            list,
            id_column,
            mode,
            origin,
        }
    }

    /// A list already read: the Terraform resource whose `contacts_filepath` uploads the file
    /// (`id_column` `None`: the resource's `contacts_id_name` is in the target), or the page's
    /// list.
    pub fn of_target(
        target: Target,
        id_column: Option<String>,
        mode: Mode,
        origin: String,
    ) -> Pairing {
        Pairing::configured(ListRef::Known(Arc::new(target)), id_column, mode, origin)
    }

    /// The pairing a contact file is checked with: the one its input carries (a resource that
    /// uploads it, `--list` for a named file) wins over the configuration's `[[contacts]]`.
    pub fn chosen<'p>(
        carried: Option<&'p Arc<Pairing>>,
        configured: Option<&'p Arc<Pairing>>,
    ) -> Option<&'p Arc<Pairing>> {
        carried.or(configured)
    }
}
