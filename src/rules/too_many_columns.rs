use super::{BOTH, Context, Rule};
use crate::diagnostic::Finding;
use crate::model::schema::{FailureKind, SchemaFailure};
use crate::pointer::Part;

declare_rule! {
    /// ## What it does
    /// Reports a list with more than 50 columns (`columns` in a definition, `columnNames` in an
    /// API body).
    ///
    /// ## Why it matters
    /// A Genesys Cloud contact list holds at most 50 columns; imports beyond that fail with
    /// `CONTACT_COLUMNS_LIMIT_EXCEEDED`.
    ///
    /// ## Example
    /// ```text
    /// {"name": "Wide", "type": "CSV_FILE", "columns": [ …51 columns… ]}
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// {"name": "Wide", "type": "CSV_FILE", "columns": [ …at most 50 columns… ]}
    /// ```
    TooManyColumns {
        id: "too-many-columns",
        severity: Error,
        profiles: BOTH,
        summary: "The list has more than 50 columns",
        claims: Specific,
    }
}

impl Rule for TooManyColumns {
    fn claim(&self, failure: &SchemaFailure, cx: &Context) -> Option<Finding> {
        let FailureKind::MaxItems { limit } = failure.kind else {
            return None;
        };
        if !matches!(failure.pointer.as_str(), "/columns" | "/columnNames") {
            return None;
        }
        let count = cx.at(&failure.pointer)?.as_array()?.len();
        let message = format!("the list has {count} columns, over the limit of {limit}");
        Some(
            Finding::new(&Self::META, failure.pointer.clone(), Part::Value, message).help(format!(
                "keep at most {limit} columns; split the data across lists if needed"
            )),
        )
    }
}
