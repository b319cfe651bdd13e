use super::{ModuleFinding, Rule, TERRAFORM, each_user};
use crate::diagnostic::{
    Applicability, Content, Finding, FindingFix, Severity, Target, TargetEdit,
};
use crate::model::outbound::{ColumnUse, Module, ModulePlace, UsedList};
use crate::pointer::Part;
use crate::suggest::did_you_mean;

declare_rule! {
    /// ## What it does
    /// Reports a column named by a resource that uses a contact list — a campaign's
    /// `phone_columns`, `contact_sorts` or `skill_columns`, a messaging campaign's SMS, email or
    /// WhatsApp columns, a filter's predicate `column`, a rule set's condition or action
    /// column, a digital rule set's columns, a DNC list's `custom_exclusion_column`, a contact's
    /// `data` — that is not in the list's `column_names`. The list is the resource's own
    /// (`contact_list_id`) and, for a rule set or DNC list, the list of every campaign that
    /// names it. A name that matches only when case is ignored is a warning; a near miss gets a
    /// did-you-mean and an unsafe fix. References the file does not fix (a variable, a data
    /// source, an indexed resource) are not judged, nor is an attribute written `""`: the
    /// provider drops an empty string, so the attribute is unset.
    ///
    /// ## Why it matters
    /// Genesys Cloud accepts a column the list does not have without any error: the rule never
    /// fires, the skill never routes, the filter matches nothing, and the campaign may stop as
    /// `invalid` while it dials. The provider's own examples do it (a rule set testing
    /// `attribute_name = "Phone"` against a list with no `Phone` column), and `terraform
    /// validate` checks none of it.
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
    ///   skill_columns   = ["language"]
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```tf on-disk files
    /// --- main.tf
    /// resource "genesyscloud_outbound_contact_list" "sales" {
    ///   name         = "Sales"
    ///   column_names = ["Cell", "Zip", "language"]
    ///   phone_columns {
    ///     column_name = "Cell"
    ///     type        = "cell"
    ///   }
    /// }
    /// resource "genesyscloud_outbound_campaign" "sales" {
    ///   contact_list_id = genesyscloud_outbound_contact_list.sales.id
    ///   skill_columns   = ["language"]
    /// }
    /// ```
    ColumnNotInList {
        id: "column-not-in-list",
        severity: Error,
        profiles: TERRAFORM,
        summary: "A resource that uses a list names a column the list does not have",
        fix: Unsafe,
    }
}

impl Rule for ColumnNotInList {
    fn check_module(&self, module: &Module, out: &mut Vec<ModuleFinding>) {
        each_user(module, out, |file, user, out| {
            let lists = module.lists_of(user);
            for column in module.columns_of(file, user) {
                if let Some(finding) = finding(&column, &lists) {
                    out.push(finding);
                }
            }
        });
    }
}

/// The finding for a column that some of `lists` lack, if any does: where the name is written,
/// labelled where a variable brings it in and at the first list that lacks it.
fn finding(column: &ColumnUse, lists: &[UsedList]) -> Option<ModuleFinding> {
    let name = &column.column.name;
    let known = |used: &&UsedList| used.list.columns.is_some();
    let lacking: Vec<&UsedList> = lists
        .iter()
        .filter(known)
        .filter(|used| !has(used, name))
        .collect();
    let first = lacking.first()?;
    let columns = first.list.columns.as_deref().unwrap_or_default();
    let folded = name.to_lowercase();
    let only_case = lacking.iter().all(|used| {
        let columns = used.list.columns.as_deref().unwrap_or_default();
        columns.iter().any(|c| c.to_lowercase() == folded)
    });
    let candidates: Vec<&str> = columns.iter().map(String::as_str).collect();
    let suggestion = did_you_mean(name, &candidates, &[]);
    let list = &first.list.address;
    let mut message = match only_case {
        true => format!("\"{name}\" matches a column of {list} only when case is ignored"),
        false => format!("\"{name}\" is not a column of {list}"),
    };
    if let Some(via) = first.via {
        message += &format!(" (the list of {})", via.address);
    }
    // A value written outside the resource says its call in the label where it is used.
    if let (Some(call), None) = (first.through, &column.used_at) {
        message += &format!(", through {call}");
    }
    let place = column.place();
    let mut finding = Finding::at(&ColumnNotInList::META, place.clone(), message)
        .used_at(column)
        .label_at(
            ModulePlace {
                file: first.file,
                pointer: first.list.columns_at.clone(),
                part: Part::Value,
            },
            "the list's columns",
        );
    if only_case {
        finding.severity = Some(Severity::Warning);
    }
    let target = Target {
        pointer: place.pointer,
        part: place.part,
    };
    Some(match (suggestion, column.column.whole) {
        (Some(suggestion), true) => suggest(finding, suggestion, target),
        (Some(suggestion), false) => finding.help(format!("did you mean \"{suggestion}\"?")),
        (None, _) => finding.help(format!(
            "name one of the list's columns: {}",
            shown(columns)
        )),
    })
}

/// Whether the list has the column, exactly.
fn has(used: &UsedList, name: &str) -> bool {
    let columns = used.list.columns.as_deref().unwrap_or_default();
    columns.iter().any(|c| c == name)
}

/// A did-you-mean with an unsafe fix that writes the suggestion in place of the name.
fn suggest(finding: ModuleFinding, suggestion: &str, target: Target) -> ModuleFinding {
    let mut finding = finding.help(format!("did you mean \"{suggestion}\"?"));
    finding.fix = Some(FindingFix {
        edits: vec![TargetEdit {
            target,
            content: Content::Quoted(suggestion.to_owned()),
        }],
        applicability: Applicability::Unsafe,
    });
    finding
}

/// Columns as a message lists them: `"Cell", "Zip"` (the first ten).
pub(super) fn shown(columns: &[String]) -> String {
    let mut shown: Vec<String> = columns
        .iter()
        .take(10)
        .map(|c| format!("\"{c}\""))
        .collect();
    if columns.len() > 10 {
        shown.push("…".to_owned());
    }
    shown.join(", ")
}
