use super::{ResourceContext, Rule, TERRAFORM};
use crate::diagnostic::{Applicability, Content, Finding, FindingFix, Target, TargetEdit};
use crate::model::provider::Standing;
use crate::pointer::{Part, child, parent};

declare_rule! {
    /// ## What it does
    /// Warns about an attribute the Genesys Cloud provider deprecates in the version the
    /// configuration runs with: `callable_time_column` in `phone_columns` and
    /// `contactable_time_column` in `email_columns`, which `callable_time_column_name` and
    /// `contactable_time_column_name` replace from provider 1.79.0. With an older provider
    /// (a lock file pinning 1.55.0, say) they are not deprecated, and nothing is reported.
    ///
    /// ## Why it matters
    /// The provider says "Use `callable_time_column_name` instead"; deprecated attributes are
    /// removed in a later major version, and mixing both forms gives a perpetual plan diff.
    ///
    /// ## Fix
    /// Safe: renaming the attribute keeps its value and meaning. It is offered only when the
    /// block does not already set the new attribute and the selected provider version has it
    /// (otherwise the help says which version brings it).
    ///
    /// ## Example
    /// ```tf provider:1.80.0
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
    /// ```tf provider:1.80.0
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
    fn check_resource(&self, cx: &ResourceContext, out: &mut Vec<Finding>) {
        let version = cx.provider.version;
        let items = &cx.judged.items;
        for item in items.iter().filter(|item| item.standing == Standing::Known) {
            let Some(deprecation) = item.node.and_then(|node| node.deprecated_in(version)) else {
                continue;
            };
            let at = cx.pointer(cx.judged.pointer(item));
            let Some(instead) = deprecation.replacement else {
                let message = format!(
                    "`{}` is deprecated in the Genesys Cloud provider",
                    item.name
                );
                out.push(Finding::new(&Self::META, at, Part::Key, message));
                continue;
            };
            let message = format!(
                "`{}` is deprecated in the Genesys Cloud provider; use `{instead}`",
                item.name
            );
            let finding = Finding::new(&Self::META, at.clone(), Part::Key, message);
            let replacement = child(parent(cx.judged.pointer(item)), instead);
            if items
                .iter()
                .any(|other| cx.judged.pointer(other) == replacement)
            {
                out.push(finding.help(format!("remove it: the block already sets `{instead}`")));
                continue;
            }
            // The rename is safe only where the selected version has the replacement.
            let successor = item.owner.child(instead);
            if !successor.is_some_and(|node| node.exists_in(version)) {
                let since = successor.and_then(|node| node.next_since(version));
                let when = since.map_or("no release".to_owned(), |v| format!("provider {v}"));
                let help = format!(
                    "`{instead}` comes with {when}; {}: keep `{}` until then",
                    cx.provider.selects(),
                    item.name
                );
                out.push(finding.help(help));
                continue;
            }
            let mut finding = finding.help(format!("rename it to `{instead}`"));
            finding.fix = Some(FindingFix {
                edits: vec![TargetEdit {
                    target: Target {
                        pointer: at,
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
