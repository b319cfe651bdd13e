use super::{Context, DEFINITION, Rule};
use crate::diagnostic::Finding;
use crate::model::schema::{FailureKind, SchemaFailure};
use crate::pointer::Part;

declare_rule! {
    /// ## What it does
    /// Reports a definition without a `type`.
    ///
    /// ## Why it matters
    /// Without a type the API falls back to a default that may need fields you did not give, and
    /// the create request fails with `INVALID_VALUE` on `type`.
    ///
    /// ## Example
    /// ```json
    /// {"name": "My List", "columns": [{"name": "phone", "type": "PHONE"}]}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"name": "My List", "type": "CSV_FILE", "columns": [{"name": "phone", "type": "PHONE"}]}
    /// ```
    MissingListType {
        id: "missing-list-type",
        severity: Error,
        profiles: DEFINITION,
        summary: "The definition has no list type",
        claims: Specific,
    }
}

impl Rule for MissingListType {
    fn claim(&self, failure: &SchemaFailure, _cx: &Context) -> Option<Finding> {
        match &failure.kind {
            FailureKind::Required { property }
                if property == "type" && failure.pointer.is_empty() =>
            {
                Some(
                    Finding::new(
                        &Self::META,
                        "",
                        Part::Opening,
                        "the contact list has no `type` \
                    (CSV_FILE or API)"
                            .into(),
                    )
                    .help(
                        "add `type` with \"CSV_FILE\" for lists imported from CSV files, or \
                        \"API\" for lists filled through the API",
                    ),
                )
            }
            _ => None,
        }
    }
}
