use super::{ResourceContext, Rule, TERRAFORM};
use crate::diagnostic::Finding;
use crate::model::provider::Standing;
use crate::pointer::Part;

declare_rule! {
    /// ## What it does
    /// Reports an attribute that the Genesys Cloud provider computes and a configuration may
    /// not set: `contacts_file_content_hash`, `contacts_record_count` and `id`.
    ///
    /// ## Why it matters
    /// Terraform rejects the configuration ("Value for unconfigurable attribute") before
    /// anything is planned; such a line is usually copied from `terraform show` or state.
    ///
    /// ## Example
    /// ```tf
    /// resource "genesyscloud_outbound_contact_list" "sales" {
    ///   name                  = "Sales"
    ///   column_names          = ["Cell"]
    ///   contacts_record_count = 1200
    ///   phone_columns {
    ///     column_name = "Cell"
    ///     type        = "cell"
    ///   }
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```tf
    /// resource "genesyscloud_outbound_contact_list" "sales" {
    ///   name         = "Sales"
    ///   column_names = ["Cell"]
    ///   phone_columns {
    ///     column_name = "Cell"
    ///     type        = "cell"
    ///   }
    /// }
    /// ```
    ComputedAttribute {
        id: "computed-attribute",
        severity: Error,
        profiles: TERRAFORM,
        summary: "An attribute only the provider may set",
    }
}

impl Rule for ComputedAttribute {
    fn check_resource(&self, cx: &ResourceContext, out: &mut Vec<Finding>) {
        let version = cx.provider.version;
        for item in &cx.judged.items {
            let computed = item.standing == Standing::Known
                && item.node.is_some_and(|node| node.computed_in(version));
            if !computed {
                continue;
            }
            let message = format!(
                "`{}` is computed by the provider and cannot be set in a configuration",
                item.name
            );
            out.push(
                Finding::new(
                    &Self::META,
                    cx.pointer(cx.judged.pointer(item)),
                    Part::Key,
                    message,
                )
                .help("remove it; the provider fills it in after `apply`"),
            );
        }
    }
}
