use super::{Context, Rule, TERRAFORM};
use crate::diagnostic::Finding;
use crate::model::terraform::AttributeKind;
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
    fn check_list(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(resource) = cx.list.resource else {
            return;
        };
        for attribute in resource.written_attributes() {
            if !matches!(
                attribute.known.map(|a| a.kind),
                Some(AttributeKind::Computed)
            ) {
                continue;
            }
            let message = format!(
                "`{}` is computed by the provider and cannot be set in a configuration",
                attribute.name
            );
            out.push(
                Finding::new(&Self::META, attribute.pointer, Part::Key, message)
                    .help("remove it; the provider fills it in after `apply`"),
            );
        }
    }
}
