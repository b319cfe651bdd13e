use super::{BOTH, Context, Rule};
use crate::diagnostic::{Finding, show_value};
use crate::model::schema::{FailureKind, SchemaFailure, type_name};
use crate::pointer::{Part, field_path};

declare_rule! {
    /// ## What it does
    /// Reports a value of the wrong JSON type: a number where a string belongs, a string
    /// `"true"` instead of the boolean `true`, an object where a list of columns belongs. A
    /// value of the wrong type is not checked any further.
    ///
    /// ## Why it matters
    /// The API does not convert types: the request fails with a 400, or the SDK you generate it
    /// with fails before sending.
    ///
    /// ## Example
    /// ```json
    /// {"name": "Sales", "type": "CSV_FILE", "columns": [{"name": "phone", "type": "PHONE", "required": "yes"}]}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"name": "Sales", "type": "CSV_FILE", "columns": [{"name": "phone", "type": "PHONE", "required": true}]}
    /// ```
    WrongValueType {
        id: "wrong-value-type",
        severity: Error,
        profiles: BOTH,
        summary: "A value has the wrong JSON type",
        claims: Kind,
    }
}

impl Rule for WrongValueType {
    fn claim(&self, failure: &SchemaFailure, cx: &Context) -> Option<Finding> {
        let FailureKind::Type { expected } = &failure.kind else {
            return None;
        };
        let value = cx.at(&failure.pointer)?;
        let message = if failure.pointer.is_empty() {
            format!(
                "a contact list must be {expected}, found {} {}",
                type_name(value),
                show_value(value)
            )
        } else {
            format!(
                "`{}` must be {expected}, found {} {}",
                field_path(&failure.pointer),
                type_name(value),
                show_value(value)
            )
        };
        Some(Finding::new(
            &Self::META,
            failure.pointer.clone(),
            Part::Value,
            message,
        ))
    }
}
