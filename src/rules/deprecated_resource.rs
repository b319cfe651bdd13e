use super::{ModuleFinding, Rule, TERRAFORM};
use crate::diagnostic::Finding;
use crate::model::outbound::{Module, ModulePlace, UserKind};
use crate::pointer::Part;

declare_rule! {
    /// ## What it does
    /// Reports a `genesyscloud_outbound_contact_list_contact` resource, on its header line.
    ///
    /// ## Why it matters
    /// The provider deprecates it (its schema: "Please use the contacts_* fields" of
    /// `genesyscloud_outbound_contact_list`): one resource per contact does not scale to a list
    /// of thousands, and the list's `contacts_filepath` uploads a CSV of them instead.
    ///
    /// ## Example
    /// ```tf on-disk files
    /// --- main.tf
    /// resource "genesyscloud_outbound_contact_list_contact" "ann" {
    ///   contact_list_id = "00000000-0000-0000-0000-000000000000"
    ///   data            = { Cell = "+13175550100" }
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```tf on-disk files
    /// --- main.tf
    /// resource "genesyscloud_outbound_contact_list" "sales" {
    ///   name              = "Sales"
    ///   column_names      = ["Cell"]
    ///   contacts_filepath = "contacts.csv"
    ///   contacts_id_name  = "Cell"
    ///   phone_columns {
    ///     column_name = "Cell"
    ///     type        = "cell"
    ///   }
    /// }
    /// --- contacts.csv
    /// Cell
    /// +13175550100
    /// ```
    DeprecatedResource {
        id: "deprecated-resource",
        severity: Warning,
        profiles: TERRAFORM,
        summary: "A resource type the provider deprecates",
    }
}

impl Rule for DeprecatedResource {
    fn check_module(&self, module: &Module, out: &mut Vec<ModuleFinding>) {
        let contacts = module
            .users()
            .filter(|(_, user)| user.kind == UserKind::ContactListContact);
        for (file, user) in contacts {
            let place = ModulePlace {
                file,
                pointer: user.base.clone(),
                part: Part::Key,
            };
            let message = format!(
                "`{}` is deprecated by the provider",
                UserKind::ContactListContact.type_name()
            );
            let help = "upload the contacts with the list's `contacts_filepath` (a CSV) instead";
            out.push(Finding::at(&Self::META, place, message).help(help));
        }
    }
}
