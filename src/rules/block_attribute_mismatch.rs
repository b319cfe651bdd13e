use super::{ResourceContext, Rule, TERRAFORM};
use crate::diagnostic::Finding;
use crate::model::provider::Standing;
use crate::pointer::Part;

declare_rule! {
    /// ## What it does
    /// Reports a block written as an argument (`phone_columns = [{ ... }]`) or an argument
    /// written as a block (`column_names { ... }`) in a `.tf` file. Terraform's JSON syntax
    /// writes both alike and is not checked.
    ///
    /// ## Why it matters
    /// The provider declares `phone_columns`, `email_columns`, `whats_app_columns` and
    /// `column_data_type_specifications` as blocks; Terraform rejects the other form
    /// ("Unsupported argument; did you mean to define a block?") before planning.
    ///
    /// ## Example
    /// ```tf
    /// resource "genesyscloud_outbound_contact_list" "sales" {
    ///   name          = "Sales"
    ///   column_names  = ["Cell"]
    ///   phone_columns = [{ column_name = "Cell", type = "cell" }]
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
    BlockAttributeMismatch {
        id: "block-attribute-mismatch",
        severity: Error,
        profiles: TERRAFORM,
        summary: "A block written as an argument, or an argument as a block",
    }
}

impl Rule for BlockAttributeMismatch {
    fn check_resource(&self, cx: &ResourceContext, out: &mut Vec<Finding>) {
        if !cx.declared.blocks_distinct {
            return;
        }
        for item in &cx.judged.items {
            let Some(node) = item.node.filter(|_| item.standing == Standing::Known) else {
                continue;
            };
            let name = item.name;
            let (message, help) = match (node.is_block(), item.as_block) {
                (true, false) => (
                    format!("`{name}` is a block, not an argument"),
                    format!("write one `{name} {{ ... }}` block per entry, without `=`"),
                ),
                (false, true) => (
                    format!("`{name}` is an argument, not a block"),
                    format!("write `{name} = ...`"),
                ),
                (true, true) | (false, false) => continue,
            };
            let at = cx.pointer(cx.judged.pointer(item));
            out.push(Finding::new(&Self::META, at, Part::Key, message).help(help));
        }
    }
}
