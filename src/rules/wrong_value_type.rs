use serde_json::Value;

use super::{Context, EVERY_PROFILE, Rule};
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
        profiles: EVERY_PROFILE,
        summary: "A value has the wrong JSON type",
        claims: Kind,
    }
}

/// How to write the value in the expected type, when the value says what was meant: a quoted
/// boolean or number, or a yes/no word.
fn help(expected: &str, value: &Value) -> Option<String> {
    let text = value.as_str()?.trim();
    if expected.starts_with("a boolean") {
        let meant = match text.to_ascii_lowercase().as_str() {
            "true" | "yes" | "y" | "1" | "on" => "true",
            "false" | "no" | "n" | "0" | "off" => "false",
            _ => return Some("write true or false, without quotes".to_owned()),
        };
        return Some(format!("write {meant}, without quotes"));
    }
    let is_number = expected.starts_with("an integer") || expected.starts_with("a number");
    (is_number && text.parse::<f64>().is_ok()).then(|| format!("write {text}, without quotes"))
}

impl Rule for WrongValueType {
    fn claim(&self, failure: &SchemaFailure, cx: &Context) -> Option<Finding> {
        let FailureKind::Type { expected } = &failure.kind else {
            return None;
        };
        let value = cx.at(&failure.pointer)?;
        // `null` needs no echo: "found null", not "found null null".
        let found = match value {
            Value::Null => "null".to_owned(),
            _ => format!("{} {}", type_name(value), show_value(value)),
        };
        let owner = match failure.pointer.as_str() {
            "" => "a contact list".to_owned(),
            pointer => format!("`{}`", field_path(pointer)),
        };
        let message = format!("{owner} must be {expected}, found {found}");
        let finding = Finding::new(&Self::META, failure.pointer.clone(), Part::Value, message);
        Some(match help(expected, value) {
            Some(help) => finding.help(help),
            None => finding,
        })
    }
}
