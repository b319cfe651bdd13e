use super::{API, Context, Rule};
use crate::diagnostic::Finding;
use crate::model::schema::{FailureKind, SchemaFailure};
use crate::pointer::Part;

declare_rule! {
    /// ## What it does
    /// Reports an API body without `columnNames`, the one field the `ContactList` model
    /// requires.
    ///
    /// ## Why it matters
    /// The service cannot create a list without knowing its columns: the request fails with a
    /// 400 before anything else is looked at.
    ///
    /// ## Example
    /// ```json
    /// {"name": "Sales", "phoneColumns": [{"columnName": "phone", "type": "cell"}]}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"name": "Sales", "columnNames": ["phone"], "phoneColumns": [{"columnName": "phone", "type": "cell"}]}
    /// ```
    MissingColumnNames {
        id: "missing-column-names",
        severity: Error,
        profiles: API,
        summary: "The API body has no columnNames",
        claims: Specific,
    }
}

impl Rule for MissingColumnNames {
    fn claim(&self, failure: &SchemaFailure, _cx: &Context) -> Option<Finding> {
        match &failure.kind {
            FailureKind::Required { property }
                if property == "columnNames" && failure.pointer.is_empty() =>
            {
                Some(
                    Finding::new(
                        &Self::META,
                        "",
                        Part::Opening,
                        "the contact list has no \
                    `columnNames`"
                            .into(),
                    )
                    .help(
                        "add `columnNames`: the names of every column of the list, in CSV \
                        header order",
                    ),
                )
            }
            _ => None,
        }
    }
}
