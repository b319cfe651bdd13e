use super::{Context, EVERY_PROFILE, Rule};
use crate::diagnostic::Finding;
use crate::model::schema::{FailureKind, SchemaFailure};
use crate::pointer::Part;

declare_rule! {
    /// ## What it does
    /// Reports a contact list whose `name` is absent, empty or only whitespace.
    ///
    /// ## Why it matters
    /// The name is how people and campaigns find the list, and it must be unique in the
    /// organisation. The API (and Genesys's own Terraform provider) refuses a list without one.
    ///
    /// ## Example
    /// ```json
    /// {"name": "  ", "type": "CSV_FILE", "columns": [{"name": "phone", "type": "PHONE"}]}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"name": "Sales leads", "type": "CSV_FILE", "columns": [{"name": "phone", "type": "PHONE"}]}
    /// ```
    MissingName {
        id: "missing-name",
        severity: Error,
        profiles: EVERY_PROFILE,
        summary: "The list has no name, or a blank one",
        claims: Specific,
    }
}

impl Rule for MissingName {
    fn claim(&self, failure: &SchemaFailure, cx: &Context) -> Option<Finding> {
        match (&failure.kind, failure.pointer.as_str()) {
            (FailureKind::Required { property }, "") if property == "name" => Some(
                Finding::new(
                    &Self::META,
                    "",
                    Part::Opening,
                    "the contact list has no `name`".into(),
                )
                .help("add a \"name\" that identifies the list, unique in your organisation"),
            ),
            (FailureKind::Pattern, "/name") => {
                let shown = cx.at("/name").map(ToString::to_string).unwrap_or_default();
                Some(
                    Finding::new(
                        &Self::META,
                        "/name",
                        Part::Value,
                        format!("the list name {shown} is blank"),
                    )
                    .help("give the list a name with at least one visible character"),
                )
            }
            _ => None,
        }
    }
}
