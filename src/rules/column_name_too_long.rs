use super::{Context, EVERY_PROFILE, Rule, is_column_name};
use crate::diagnostic::{Finding, show_value};
use crate::model::schema::{FailureKind, SchemaFailure};
use crate::pointer::Part;

declare_rule! {
    /// ## What it does
    /// Reports a column name longer than 128 characters.
    ///
    /// ## Why it matters
    /// Genesys Cloud limits contact-list header columns to 128 characters; a longer name is
    /// refused when the list is created or when data is imported.
    ///
    /// ## Example
    /// ```json
    /// {"name": "Sales", "type": "CSV_FILE", "columns": [{"name": "phone", "type": "PHONE"},
    ///  {"name": "the customer's preferred contact time window as agreed with the account manager during the last quarterly business review meeting in person", "type": "STRING"}]}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"name": "Sales", "type": "CSV_FILE", "columns": [{"name": "phone", "type": "PHONE"},
    ///  {"name": "preferred contact window", "type": "STRING"}]}
    /// ```
    ColumnNameTooLong {
        id: "column-name-too-long",
        severity: Error,
        profiles: EVERY_PROFILE,
        summary: "A column name is longer than 128 characters",
        claims: Specific,
    }
}

impl Rule for ColumnNameTooLong {
    fn claim(&self, failure: &SchemaFailure, cx: &Context) -> Option<Finding> {
        let FailureKind::MaxLength { limit } = failure.kind else {
            return None;
        };
        if !is_column_name(&failure.pointer) {
            return None;
        }
        let value = cx.at(&failure.pointer)?;
        let length = value.as_str()?.chars().count();
        let message = format!(
            "the column name {} is {length} characters long, over the limit of {limit}",
            show_value(value)
        );
        Some(
            Finding::new(&Self::META, failure.pointer.clone(), Part::Value, message)
                .help(format!("shorten it to {limit} characters or fewer")),
        )
    }
}
