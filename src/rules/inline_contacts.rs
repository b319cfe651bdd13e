use super::{Context, EVERY_PROFILE, Rule};
use crate::diagnostic::Finding;
use crate::model::schema::{FailureKind, SchemaFailure};
use crate::pointer::Part;

declare_rule! {
    /// ## What it does
    /// Reports a `contacts` field in a contact-list definition.
    ///
    /// ## Why it matters
    /// Contacts cannot be sent when a list is created: they are imported afterwards (CSV upload
    /// or the contacts endpoint). The create request fails or the contacts are silently dropped.
    ///
    /// ## Fix
    /// Unsafe: it removes `contacts`; those contacts then live nowhere but in the history, and must be
    /// imported (as a CSV file) instead.
    ///
    /// ## Example
    /// ```json
    /// {"name": "Sales", "type": "API", "columns": [{"name": "phone", "type": "PHONE"}],
    ///  "contacts": [{"phone": "+13175550100"}]}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"name": "Sales", "type": "API", "columns": [{"name": "phone", "type": "PHONE"}]}
    /// ```
    InlineContacts {
        id: "inline-contacts",
        severity: Error,
        profiles: EVERY_PROFILE,
        summary: "Contacts are given inline instead of imported",
        claims: Specific,
        fix: Unsafe,
    }
}

impl Rule for InlineContacts {
    fn claim(&self, failure: &SchemaFailure, _cx: &Context) -> Option<Finding> {
        match &failure.kind {
            FailureKind::Unknown { property }
                if property == "contacts" && failure.pointer == "/contacts" =>
            {
                Some(
                    Finding::new(
                        &Self::META,
                        "/contacts",
                        Part::Key,
                        "contacts cannot be part of the \
                    list definition: import them from a CSV file once the list exists"
                            .into(),
                    )
                    .help(
                        "remove \"contacts\" and import them after the list is created (CSV \
                        upload or the contacts API)",
                    )
                    .removal(),
                )
            }
            _ => None,
        }
    }
}
