use serde_json::Value;

use super::{API, Context, Rule};
use crate::diagnostic::Finding;
use crate::pointer::{Part, child};

declare_rule! {
    /// ## What it does
    /// Warns about a `division` or `attemptLimits` reference without an `id`, or whose `id` is
    /// not a UUID.
    ///
    /// ## Why it matters
    /// The service resolves these references by `id` alone; a name or a malformed id refers to
    /// nothing, and the list lands in the home division or without attempt limits.
    ///
    /// ## Example
    /// ```json
    /// {"name": "Sales", "columnNames": ["phone"], "phoneColumns": [{"columnName": "phone", "type": "cell"}],
    ///  "division": {"name": "Home"}}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"name": "Sales", "columnNames": ["phone"], "phoneColumns": [{"columnName": "phone", "type": "cell"}],
    ///  "division": {"id": "505e2b6a-6e22-4f5a-8b1e-6a1d2b7c9f30", "name": "Home"}}
    /// ```
    InvalidEntityRef {
        id: "invalid-entity-ref",
        severity: Warning,
        profiles: API,
        summary: "A division or attempt-limits reference has no valid id",
    }
}

const REFERENCES: [&str; 2] = ["division", "attemptLimits"];

impl Rule for InvalidEntityRef {
    fn check_list(&self, cx: &Context, out: &mut Vec<Finding>) {
        for field in REFERENCES {
            let Some(reference) = cx.value().get(field).filter(|r| r.is_object()) else {
                continue;
            };
            // A Terraform reference (`attempt_limit_id = genesyscloud_x.y.id`) has an id nobody
            // knows before `apply`.
            if !cx.list.fixes(&child(&child("", field), "id")) {
                continue;
            }
            match reference.get("id") {
                None | Some(Value::Null) => out.push(
                    Finding::new(
                        &Self::META,
                        child("", field),
                        Part::Value,
                        format!("the {field} reference has no \"id\""),
                    )
                    .help("the service resolves references by id; add the entity's UUID"),
                ),
                Some(Value::String(id)) if !is_uuid(id) => out.push(
                    Finding::new(
                        &Self::META,
                        child(&child("", field), "id"),
                        Part::Value,
                        format!("the {field} id \"{id}\" is not a UUID"),
                    )
                    .help(
                        "use the entity's id, a UUID such as 505e2b6a-6e22-4f5a-8b1e-6a1d2b7c9f30",
                    ),
                ),
                // A valid UUID, or a value of the wrong type (reported by `wrong-value-type`).
                Some(_) => {}
            }
        }
    }
}

/// `8-4-4-4-12` hexadecimal digits.
fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, len)| g.len() == len && g.bytes().all(|b| b.is_ascii_hexdigit()))
}
