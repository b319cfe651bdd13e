use super::{Context, EVERY_PROFILE, Rule, is_column_name};
use crate::diagnostic::Finding;
use crate::model::schema::{FailureKind, SchemaFailure};
use crate::pointer::Part;

declare_rule! {
    /// ## What it does
    /// Reports a column name that is blank or holds a backslash or a control character (a tab,
    /// a newline, NUL…).
    ///
    /// ## Why it matters
    /// Genesys Cloud refuses column names with special characters such as a backslash, and a
    /// blank or invisible name cannot be matched to a CSV header.
    ///
    /// ## Example
    /// ```json
    /// {"name": "Sales", "type": "CSV_FILE", "columns": [{"name": "home\\phone", "type": "PHONE"}]}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"name": "Sales", "type": "CSV_FILE", "columns": [{"name": "home phone", "type": "PHONE"}]}
    /// ```
    InvalidColumnName {
        id: "invalid-column-name",
        severity: Error,
        profiles: EVERY_PROFILE,
        summary: "A column name is blank or holds a backslash or control character",
        claims: Specific,
    }
}

impl Rule for InvalidColumnName {
    fn claim(&self, failure: &SchemaFailure, cx: &Context) -> Option<Finding> {
        if failure.kind != FailureKind::Pattern || !is_column_name(&failure.pointer) {
            return None;
        }
        let name = cx.at(&failure.pointer)?.as_str()?;
        let shown = serde_json::Value::from(name).to_string();
        let (message, help) = if name.contains('\\') {
            (
                format!("the column name {shown} holds a backslash"),
                "remove the backslash or use another character",
            )
        } else if name.chars().any(char::is_control) {
            (
                format!("the column name {shown} holds a control character"),
                "remove tabs, line breaks and other control characters",
            )
        } else {
            (
                format!("the column name {shown} is blank"),
                "give the column a name with at least one visible character",
            )
        };
        Some(Finding::new(&Self::META, failure.pointer.clone(), Part::Value, message).help(help))
    }
}
