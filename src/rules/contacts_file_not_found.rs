use super::{Rule, TERRAFORM};
use crate::diagnostic::Finding;
use crate::pointer::{Part, child};

declare_rule! {
    /// ## What it does
    /// Reports a `contacts_filepath` that names no file (resolved from the directory of the
    /// Terraform file, as the provider resolves it from the module's). A path that is not
    /// written out (a variable, or an interpolation other than `${path.module}`) is not judged.
    ///
    /// ## Why it matters
    /// The provider refuses the resource at plan time; until then the CSV cannot be checked.
    ///
    /// ## Example
    /// ```tf on-disk
    /// resource "genesyscloud_outbound_contact_list" "sales" {
    ///   name              = "Sales"
    ///   column_names      = ["Id", "Cell"]
    ///   contacts_filepath = "no-such-file.csv"
    ///   contacts_id_name  = "Id"
    ///   phone_columns {
    ///     column_name = "Cell"
    ///     type        = "cell"
    ///   }
    /// }
    /// ```
    ///
    /// Use instead: the path of the CSV, relative to the module.
    /// ```tf on-disk
    /// resource "genesyscloud_outbound_contact_list" "sales" {
    ///   name         = "Sales"
    ///   column_names = ["Id", "Cell"]
    ///   phone_columns {
    ///     column_name = "Cell"
    ///     type        = "cell"
    ///   }
    /// }
    /// ```
    ContactsFileNotFound {
        id: "contacts-file-not-found",
        severity: Error,
        profiles: TERRAFORM,
        summary: "contacts_filepath names no file",
    }
}

/// Found by the engine, which resolves the path; no list check of its own.
impl Rule for ContactsFileNotFound {}

impl ContactsFileNotFound {
    /// The finding at the resource's `contacts_filepath`, which resolves to `resolved`.
    pub(crate) fn finding(resolved: &str) -> Finding {
        Finding::new(
            &Self::META,
            child("", "contacts_filepath"),
            Part::Value,
            format!("`contacts_filepath` names no file: {resolved} does not exist"),
        )
        .help(
            "the path is relative to the module's directory (write \"${path.module}/...\" to \
            say so)",
        )
    }
}
