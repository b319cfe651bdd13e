use super::{Context, EVERY_PROFILE, Rule};
use crate::diagnostic::{Finding, show_value};
use crate::model::schema::{FailureKind, SchemaFailure};
use crate::pointer::{Part, field_path};

declare_rule! {
    /// ## What it does
    /// Reports any other way a file fails its profile's schema, so that nothing is lost when no
    /// more specific rule applies. Messages name the value and the constraint; they never dump
    /// the schema.
    ///
    /// ## Why it matters
    /// Every schema failure is something the API would refuse or misread.
    ///
    /// ## Example
    /// ```json
    /// {"name": "Sales", "columnNames": ["phone", "score"], "phoneColumns": [{"columnName": "phone", "type": "cell"}],
    ///  "columnDataTypeSpecifications": [{"columnName": "score", "columnDataType": "NUMERIC", "max": 3000000000}]}
    /// ```
    ///
    /// Use instead (a value the schema allows, here a 32-bit integer; `contactlint schema api`
    /// prints every constraint):
    /// ```json
    /// {"name": "Sales", "columnNames": ["phone", "score"], "phoneColumns": [{"columnName": "phone", "type": "cell"}],
    ///  "columnDataTypeSpecifications": [{"columnName": "score", "columnDataType": "NUMERIC", "max": 2000000000}]}
    /// ```
    SchemaViolation {
        id: "schema-violation",
        severity: Error,
        profiles: EVERY_PROFILE,
        summary: "Any other schema failure",
        claims: Any,
    }
}

impl Rule for SchemaViolation {
    fn claim(&self, failure: &SchemaFailure, cx: &Context) -> Option<Finding> {
        let shown = cx.at(&failure.pointer).map(show_value).unwrap_or_default();
        let path = field_path(&failure.pointer);
        let message = match &failure.kind {
            FailureKind::Enum { allowed } => {
                let allowed: Vec<String> = allowed.iter().map(show_value).collect();
                format!(
                    "`{path}` is {shown}, which is not one of {}",
                    allowed.join(", ")
                )
            }
            FailureKind::Pattern => {
                format!("`{path}` is {shown}, which does not have the expected form")
            }
            FailureKind::MaxLength { limit } => {
                format!("`{path}` is longer than {limit} characters")
            }
            FailureKind::MaxItems { limit } => format!("`{path}` has more than {limit} items"),
            FailureKind::Type { expected } => format!("`{path}` must be {expected}, found {shown}"),
            FailureKind::Required { property } => {
                format!("`{path}` has no \"{property}\", which is required")
            }
            FailureKind::Unknown { property } => format!("unknown field \"{property}\""),
            FailureKind::Other { message } => format!("`{path}`: {message}"),
        };
        let part = match failure.kind {
            FailureKind::Required { .. } => Part::Opening,
            FailureKind::Unknown { .. } => Part::Key,
            _ => Part::Value,
        };
        Some(Finding::new(
            &Self::META,
            failure.pointer.clone(),
            part,
            message,
        ))
    }
}
