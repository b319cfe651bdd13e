use super::{Context, EVERY_PROFILE, Rule};
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
    /// ```json
    /// {"name": "Wide", "phoneColumns": [{"columnName": "c1", "type": "cell"}],
    ///  "columnNames": ["c1","c2","c3","c4","c5","c6","c7","c8","c9","c10","c11","c12","c13","c14","c15","c16","c17","c18","c19","c20","c21","c22","c23","c24","c25","c26","c27","c28","c29","c30","c31","c32","c33","c34","c35","c36","c37","c38","c39","c40","c41","c42","c43","c44","c45","c46","c47","c48","c49","c50","c51"]}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"name": "Wide", "phoneColumns": [{"columnName": "c1", "type": "cell"}],
    ///  "columnNames": ["c1","c2","c3","c4","c5","c6","c7","c8","c9","c10","c11","c12","c13","c14","c15","c16","c17","c18","c19","c20","c21","c22","c23","c24","c25","c26","c27","c28","c29","c30","c31","c32","c33","c34","c35","c36","c37","c38","c39","c40","c41","c42","c43","c44","c45","c46","c47","c48","c49","c50"]}
    /// ```
    TooManyColumns {
        id: "too-many-columns",
        severity: Error,
        profiles: EVERY_PROFILE,
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
