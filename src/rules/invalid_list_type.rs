use super::{Context, DEFINITION, Rule, alternatives};
use crate::diagnostic::{Finding, show_value};
use crate::model::schema::{FailureKind, SchemaFailure};
use crate::model::vocabulary::LIST_TYPES;
use crate::pointer::Part;
use crate::suggest::did_you_mean;

declare_rule! {
    /// ## What it does
    /// Reports a list `type` other than `CSV_FILE` or `API` (exact, case matters), with the value
    /// you probably meant.
    ///
    /// ## Why it matters
    /// The API answers an unknown type with `INVALID_VALUE` on `type`; `CSV` instead of
    /// `CSV_FILE` is the classic slip.
    ///
    /// ## Fix
    /// Unsafe: the suggested type (`CSV` → `CSV_FILE`) is a guess at what you meant.
    ///
    /// ## Example
    /// ```json
    /// {"name": "Sales", "type": "CSV", "columns": [{"name": "phone", "type": "PHONE"}]}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"name": "Sales", "type": "CSV_FILE", "columns": [{"name": "phone", "type": "PHONE"}]}
    /// ```
    InvalidListType {
        id: "invalid-list-type",
        severity: Error,
        profiles: DEFINITION,
        summary: "The list type is not CSV_FILE or API",
        claims: Specific,
        fix: Unsafe,
    }
}

const ALIASES: &[(&str, &str)] = &[
    ("FILE", "CSV_FILE"),
    ("IMPORT", "CSV_FILE"),
    ("UPLOAD", "CSV_FILE"),
    ("REST", "API"),
];

impl Rule for InvalidListType {
    fn claim(&self, failure: &SchemaFailure, cx: &Context) -> Option<Finding> {
        if !matches!(failure.kind, FailureKind::Enum { .. }) || failure.pointer != "/type" {
            return None;
        }
        let value = cx.at("/type")?;
        let finding = Finding::new(
            &Self::META,
            "/type",
            Part::Value,
            format!(
                "{} is not a list type ({})",
                show_value(value),
                alternatives(&LIST_TYPES)
            ),
        );
        Some(
            match value
                .as_str()
                .and_then(|v| did_you_mean(v, &LIST_TYPES, ALIASES))
            {
                Some(s) => finding.suggest(Some(s)),
                None => finding.help("use \"CSV_FILE\" or \"API\""),
            },
        )
    }
}
