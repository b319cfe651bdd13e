use super::{Rule, TERRAFORM};
use crate::diagnostic::Finding;
use crate::pointer::{Part, child};

declare_rule! {
    /// ## What it does
    /// Reports a `contacts_filepath` that names no file. As Terraform does, a relative path (or
    /// `${path.root}/...`) is resolved from the directory Terraform runs in: the root module
    /// that calls this one through a local `module` block of the run, or this module's own
    /// directory when none does; `${path.module}/...` from this module's directory. A path that
    /// is not written out (a variable, or another interpolation) is not judged, nor is a URL
    /// (`s3://`, `s3a://`, `http://`, `https://`), which the provider downloads.
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
    /// Use instead: the path of the CSV (here relative to the module), or no upload.
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

/// Where a `contacts_filepath` was resolved from, as its help explains it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum ResolvedFrom<'a> {
    /// `${path.module}/…` or an absolute path.
    Module,
    /// A relative path in a module that no local `module` block of the run calls: Terraform
    /// runs in the module's own directory.
    OwnDirectory,
    /// A relative path, `written`, in a module these `calls` reach (`module.lists in
    /// main.tf`): Terraform runs in the directory of each root. `beside` is the path from the
    /// module's directory, when a file is there.
    Roots {
        calls: &'a [String],
        written: &'a str,
        beside: Option<&'a str>,
    },
}

impl ContactsFileNotFound {
    /// The finding at the resource's `contacts_filepath`, looked for at these paths.
    pub(crate) fn finding(looked: &[String], from: ResolvedFrom<'_>) -> Finding {
        let message = match looked {
            [one] => format!("`contacts_filepath` names no file: {one} does not exist"),
            several => format!(
                "`contacts_filepath` names no file: none of {} exists",
                several.join(", ")
            ),
        };
        let help = match from {
            ResolvedFrom::Module => "the path is resolved from this module's directory \
                (`${path.module}`); correct it, or add the CSV there"
                .to_owned(),
            ResolvedFrom::OwnDirectory => "Terraform resolves a relative path from the \
                directory it runs in (this module's, since no local `module` block of this run \
                calls it); correct the path, or write \"${path.module}/...\" to keep it \
                relative to this module wherever it is called from"
                .to_owned(),
            ResolvedFrom::Roots {
                calls,
                written,
                beside,
            } => {
                let fix = match beside {
                    Some(beside) => {
                        format!("{beside} exists: write \"${{path.module}}/{written}\" to name it")
                    }
                    None => {
                        "write \"${path.module}/...\" for a path relative to this module".to_owned()
                    }
                };
                format!(
                    "Terraform resolves a relative path from the directory it runs in, the root \
                    module, not from this module (called as {}); {fix}",
                    calls.join(" and ")
                )
            }
        };
        Finding::new(
            &Self::META,
            child("", "contacts_filepath"),
            Part::Value,
            message,
        )
        .help(help)
    }
}
