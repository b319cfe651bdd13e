use serde_json::Value;

use super::{API, Context, Place, Rule};
use crate::diagnostic::Finding;
use crate::model::vocabulary::TIME_COLUMNS;
use crate::pointer::{Part, field_path};

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

impl Rule for ConflictingTimeColumn {
    fn check_list(&self, cx: &Context, out: &mut Vec<Finding>) {
        for (array, legacy, current) in TIME_COLUMNS {
            let Some(columns) = cx.value().get(array).and_then(Value::as_array) else {
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
                let place = |field| Place {
                    array,
                    index: Some(index),
                    field: Some(field),
                };
                let mut first = place(legacy).pointer();
                let mut second = place(current).pointer();
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
                    field_path(&place(current).pointer()),
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
