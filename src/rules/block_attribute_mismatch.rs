use super::{Context, Rule, TERRAFORM};
use crate::diagnostic::Finding;
use crate::model::terraform::AttributeKind;
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
    fn check_list(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(resource) = cx.list.resource.filter(|r| r.blocks_distinct) else {
            return;
        };
        for attribute in resource.written_attributes() {
            let Some(known) = attribute.known else {
                continue;
            };
            let name = attribute.name;
            let (message, help) = match (known.kind, attribute.as_block) {
                (AttributeKind::Blocks(_), false) => (
                    format!("`{name}` is a block, not an argument"),
                    format!("write one `{name} {{ ... }}` block per entry, without `=`"),
                ),
                (AttributeKind::Blocks(_), true) => continue,
                (_, true) => (
                    format!("`{name}` is an argument, not a block"),
                    format!("write `{name} = ...`"),
                ),
                (_, false) => continue,
            };
            out.push(Finding::new(&Self::META, attribute.pointer, Part::Key, message).help(help));
        }
    }
}
