use serde_json::Value;

use super::{Context, EVERY_PROFILE, Rule};
use crate::diagnostic::Finding;
use crate::model::Profile;
use crate::model::vocabulary::{COLUMNS, CONTACT_COLUMN_ARRAYS, DEFINITION_COLUMN_TYPES};
use crate::pointer::{Part, child};

declare_rule! {
    /// ## What it does
    /// Reports a list through which nobody can be contacted. In a definition that gives
    /// `columns`, at least one column must be of type `PHONE` or `EMAIL`; in an API body, at
    /// least one of `phoneColumns`, `emailColumns` or `whatsAppColumns` must be non-empty.
    ///
    /// ## Why it matters
    /// Campaigns dial, mail or message the contact columns of a list. Without one, the list
    /// is rejected, or imports succeed and every campaign on the list does nothing.
    ///
    /// ## Example
    /// ```json
    /// {"name": "Sales", "type": "CSV_FILE", "columns": [{"name": "name", "type": "STRING"}]}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"name": "Sales", "type": "CSV_FILE",
    ///  "columns": [{"name": "name", "type": "STRING"}, {"name": "phone", "type": "PHONE"}]}
    /// ```
    NoContactColumn {
        id: "no-contact-column",
        severity: Error,
        profiles: EVERY_PROFILE,
        summary: "No column can be used to contact anyone",
    }
}

impl Rule for NoContactColumn {
    fn check_list(&self, cx: &Context, out: &mut Vec<Finding>) {
        let (reachable, what, help) = match cx.profile() {
            // A contact file declares no columns of its own.
            Profile::ContactFile => return,
            Profile::Definition => {
                let Some(columns) = cx.value().get(COLUMNS).and_then(Value::as_array) else {
                    return;
                };
                // A mistyped column type (`"PHNOE"`) is reported as such; that the list then
                // reaches nobody is its echo, not a second problem.
                let mistyped = columns.iter().any(|c| {
                    c.get("type")
                        .and_then(Value::as_str)
                        .is_some_and(|t| !DEFINITION_COLUMN_TYPES.contains(&t))
                });
                if mistyped {
                    return;
                }
                let reachable = columns.iter().any(|c| {
                    matches!(
                        c.get("type").and_then(Value::as_str),
                        Some("PHONE" | "EMAIL")
                    )
                });
                (
                    reachable,
                    "phone or email",
                    "add a column of type PHONE or EMAIL",
                )
            }
            Profile::Api | Profile::Terraform => {
                let Some(object) = cx.value().as_object() else {
                    return;
                };
                let reachable = CONTACT_COLUMN_ARRAYS.iter().any(|field| {
                    let declared = object.get(*field).and_then(Value::as_array);
                    // A `dynamic` block or a variable may add entries nobody knows yet.
                    let unknown = !cx.list.is_complete(&child("", field));
                    unknown || declared.is_some_and(|a| !a.is_empty())
                });
                (
                    reachable,
                    "phone, email or WhatsApp",
                    "declare at least one entry in phoneColumns, emailColumns or whatsAppColumns",
                )
            }
        };
        if !reachable {
            out.push(
                Finding::new(
                    &Self::META,
                    "",
                    Part::Opening,
                    format!("the list has no {what} column, so no contact can be reached"),
                )
                .help(help),
            );
        }
    }
}
