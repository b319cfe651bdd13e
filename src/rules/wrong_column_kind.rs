use super::column_not_in_list::shown;
use super::{ModuleFinding, Rule, TERRAFORM, each_user};
use crate::diagnostic::Finding;
use crate::model::outbound::{ColumnKind, Module, ModulePlace};
use crate::pointer::Part;

declare_rule! {
    /// ## What it does
    /// Reports a column that is in the list but not of the kind its place needs: a campaign's
    /// `phone_columns` or an SMS `phone_column` that is not one of the list's `phone_columns`,
    /// an `email_columns` entry that is not one of its email columns, a `whats_app_columns`
    /// entry that is not one of its WhatsApp columns, a contact's `phone_number_status` key
    /// that is not a phone column. A column missing from the list altogether is
    /// `column-not-in-list`'s.
    ///
    /// ## Why it matters
    /// A campaign dials the list's phone columns (the provider's schema: "the
    /// ContactPhoneNumberColumns on the ContactList that this Campaign should dial"); a column
    /// the list does not declare as a phone column is never dialled, and Genesys Cloud accepts
    /// it without an error.
    ///
    /// ## Example
    /// ```tf on-disk files
    /// --- main.tf
    /// resource "genesyscloud_outbound_contact_list" "sales" {
    ///   name         = "Sales"
    ///   column_names = ["Cell", "Zip"]
    ///   phone_columns {
    ///     column_name = "Cell"
    ///     type        = "cell"
    ///   }
    /// }
    /// resource "genesyscloud_outbound_campaign" "sales" {
    ///   contact_list_id = genesyscloud_outbound_contact_list.sales.id
    ///   phone_columns {
    ///     column_name = "Zip"
    ///   }
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```tf on-disk files
    /// --- main.tf
    /// resource "genesyscloud_outbound_contact_list" "sales" {
    ///   name         = "Sales"
    ///   column_names = ["Cell", "Zip"]
    ///   phone_columns {
    ///     column_name = "Cell"
    ///     type        = "cell"
    ///   }
    /// }
    /// resource "genesyscloud_outbound_campaign" "sales" {
    ///   contact_list_id = genesyscloud_outbound_contact_list.sales.id
    ///   phone_columns {
    ///     column_name = "Cell"
    ///   }
    /// }
    /// ```
    WrongColumnKind {
        id: "wrong-column-kind",
        severity: Error,
        profiles: TERRAFORM,
        summary: "A column of the list that is not of the kind its place needs",
    }
}

impl Rule for WrongColumnKind {
    fn check_module(&self, module: &Module, out: &mut Vec<ModuleFinding>) {
        each_user(module, out, |file, user, out| {
            let lists = module.lists_of(user);
            let columns = module.columns_of(file, user);
            for used_column in columns.iter().filter(|c| c.column.kind != ColumnKind::Any) {
                let column = &used_column.column;
                let wrong = lists.iter().find(|used| {
                    let all = used.list.columns.as_deref().unwrap_or_default();
                    let of_kind = used.list.of_kind(column.kind);
                    all.contains(&column.name)
                        && of_kind.is_some_and(|names| !names.contains(&column.name))
                });
                let Some(used) = wrong else {
                    continue;
                };
                let (a, kind) = match column.kind {
                    ColumnKind::Phone => ("a", "phone"),
                    ColumnKind::Email => ("an", "email"),
                    ColumnKind::WhatsApp => ("a", "WhatsApp"),
                    ColumnKind::Any => continue,
                };
                let of_kind = used.list.of_kind(column.kind).unwrap_or_default();
                let (name, list) = (&column.name, &used.list.address);
                let mut message =
                    format!("\"{name}\" is a column of {list}, but not {a} {kind} column");
                if let (Some(call), None) = (used.through, &used_column.used_at) {
                    message += &format!(", through {call}");
                }
                let help = match of_kind {
                    [] => format!("{list} declares no {kind} column: add \"{name}\" as one"),
                    _ => format!("name one of its {kind} columns: {}", shown(of_kind)),
                };
                let place = used_column.place();
                let columns = ModulePlace {
                    file: used.file,
                    pointer: used.list.columns_at.clone(),
                    part: Part::Value,
                };
                let finding = Finding::at(&Self::META, place, message)
                    .used_at(used_column)
                    .label_at(columns, "the list's columns")
                    .help(help);
                out.push(finding);
            }
        });
    }
}
