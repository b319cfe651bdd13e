use super::{Context, Rule, TERRAFORM};
use crate::diagnostic::{Applicability, Content, Finding, FindingFix, Target, TargetEdit};
use crate::model::terraform::AttributeKind;
use crate::pointer::{Part, child, parent};

declare_rule! {
    /// ## What it does
    /// Warns about an attribute the Genesys Cloud provider has deprecated:
    /// `callable_time_column` in `phone_columns` and `contactable_time_column` in
    /// `email_columns`, which `callable_time_column_name` and `contactable_time_column_name`
    /// replace.
    ///
    /// ## Why it matters
    /// The provider says "Use `callable_time_column_name` instead"; deprecated attributes are
    /// removed in a later major version, and mixing both forms gives a perpetual plan diff.
    ///
    /// ## Fix
    /// Safe: renaming the attribute keeps its value and meaning. It is offered only when the
    /// block does not already set the new attribute.
    ///
    /// ## Example
    /// ```tf
    /// resource "genesyscloud_outbound_contact_list" "sales" {
    ///   name         = "Sales"
    ///   column_names = ["Cell", "Timezone"]
    ///   phone_columns {
    ///     column_name          = "Cell"
    ///     type                 = "cell"
    ///     callable_time_column = "Timezone"
    ///   }
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```tf
    /// resource "genesyscloud_outbound_contact_list" "sales" {
    ///   name         = "Sales"
    ///   column_names = ["Cell", "Timezone"]
    ///   phone_columns {
    ///     column_name               = "Cell"
    ///     type                      = "cell"
    ///     callable_time_column_name = "Timezone"
    ///   }
    /// }
    /// ```
    DeprecatedAttribute {
        id: "deprecated-attribute",
        severity: Warning,
        profiles: TERRAFORM,
        summary: "A deprecated attribute of the Terraform provider",
        fix: Safe,
    }
}

impl Rule for DeprecatedAttribute {
    fn check_list(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(resource) = cx.list.resource else {
            return;
        };
        let written = resource.written_attributes();
        for attribute in &written {
            let Some(AttributeKind::Deprecated(instead)) = attribute.known.map(|a| a.kind) else {
                continue;
            };
            let message = format!(
                "`{}` is deprecated in the Genesys Cloud provider; use `{instead}`",
                attribute.name
            );
            let finding = Finding::new(&Self::META, attribute.pointer.clone(), Part::Key, message);
            let replacement = child(parent(&attribute.pointer), instead);
            if written.iter().any(|other| other.pointer == replacement) {
                out.push(finding.help(format!("remove it: the block already sets `{instead}`")));
                continue;
            }
            let mut finding = finding.help(format!("rename it to `{instead}`"));
            finding.fix = Some(FindingFix {
                edits: vec![TargetEdit {
                    target: Target {
                        pointer: attribute.pointer.clone(),
                        part: Part::Key,
                    },
                    content: Content::Quoted(instead.to_owned()),
                }],
                applicability: Applicability::Safe,
            });
            out.push(finding);
        }
    }
}
