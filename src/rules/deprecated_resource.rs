use super::{ResourceContext, Rule, TERRAFORM};
use crate::diagnostic::Finding;
use crate::pointer::Part;
use crate::text::thousands;

declare_rule! {
    /// ## What it does
    /// Reports a resource of a type that the provider version the configuration runs with
    /// deprecates, on its header line: `genesyscloud_outbound_contact_list_contact`, deprecated
    /// from provider 1.58.0 (with an older provider, nothing is reported). Once per file, on the
    /// first such resource, with their count: an exported organisation holds thousands.
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
    fn check_resource(&self, cx: &ResourceContext, out: &mut Vec<Finding>) {
        let version = cx.provider.version;
        let Some(deprecation) = cx.judged.type_node.and_then(|t| t.deprecated_in(version)) else {
            return;
        };
        // Once per file, on the first such resource: an export's thousands would bury the rest.
        if !cx.in_file.first {
            return;
        }
        let type_name = cx.declared.type_name;
        let since = deprecation.since;
        let message = match cx.in_file.count {
            1 => format!("`{type_name}` is deprecated by the provider (since {since})"),
            count => format!(
                "{} `{type_name}` resources in this file: the provider deprecates this resource \
                 (since {since})",
                thousands(count)
            ),
        };
        let help = "upload the contacts with the list's `contacts_filepath` (a CSV) instead";
        let finding = Finding::new(&Self::META, cx.pointer(""), Part::Key, message);
        out.push(finding.help(help));
    }
}
