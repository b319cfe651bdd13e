use serde_json::Value;

use super::{API, Context, Rule};
use crate::diagnostic::Finding;
use crate::document::{Part, display_path};

declare_rule! {
    /// ## What it does
    /// Warns when a phone, email or WhatsApp column sets both the legacy time-column field
    /// (`callableTimeColumn`, `contactableTimeColumn`) and its newer `…Name` form to different
    /// columns. The later of the two in the file is reported.
    ///
    /// ## Why it matters
    /// Only one of them takes effect, and which one depends on the API version; Genesys's own
    /// tooling sends one or the other, never both.
    ///
    /// ## Example
    /// ```json
    /// {"name": "Sales", "columnNames": ["phone", "tz", "zone"],
    ///  "phoneColumns": [{"columnName": "phone", "type": "cell",
    ///    "callableTimeColumn": "tz", "callableTimeColumnName": "zone"}]}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"name": "Sales", "columnNames": ["phone", "tz", "zone"],
    ///  "phoneColumns": [{"columnName": "phone", "type": "cell", "callableTimeColumnName": "zone"}]}
    /// ```
    ConflictingTimeColumn {
        id: "conflicting-time-column",
        severity: Warning,
        profiles: API,
        summary: "Legacy and new time-column fields name different columns",
    }
}

const PAIRS: [(&str, &str, &str); 3] = [
    (
        "phoneColumns",
        "callableTimeColumn",
        "callableTimeColumnName",
    ),
    (
        "emailColumns",
        "contactableTimeColumn",
        "contactableTimeColumnName",
    ),
    (
        "whatsAppColumns",
        "contactableTimeColumn",
        "contactableTimeColumnName",
    ),
];

impl Rule for ConflictingTimeColumn {
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for (array, legacy, current) in PAIRS {
            let Some(columns) = cx.at(&format!("/{array}")).and_then(Value::as_array) else {
                continue;
            };
            for (index, column) in columns.iter().enumerate() {
                let set = |field: &str| {
                    column
                        .get(field)
                        .and_then(Value::as_str)
                        .filter(|v| !v.is_empty())
                };
                let (Some(old), Some(new)) = (set(legacy), set(current)) else {
                    continue;
                };
                if old == new {
                    continue;
                }
                let mut first = format!("/{array}/{index}/{legacy}");
                let mut second = format!("/{array}/{index}/{current}");
                // Keys keep their order from the file, so the later one is the second.
                let order = |field: &str| {
                    column
                        .as_object()
                        .and_then(|o| o.keys().position(|k| k == field))
                };
                if order(legacy) > order(current) {
                    std::mem::swap(&mut first, &mut second);
                }
                let message = format!(
                    "`{}` names \"{new}\" but `{}` names \"{old}\"",
                    display_path(&format!("/{array}/{index}/{current}")),
                    legacy
                );
                out.push(
                    Finding::new(&Self::META, second, Part::Value, message)
                        .label(first, Part::Value, "the other time column")
                        .help(format!("keep only \"{current}\"")),
                );
            }
        }
    }
}
