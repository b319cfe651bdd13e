use serde_json::Value;

use super::{API, Context, Place, Rule};
use crate::diagnostic::Finding;
use crate::model::vocabulary::PHONE_COLUMNS;
use crate::pointer::{Part, field_path};

declare_rule! {
    /// ## What it does
    /// Warns about a phone column's `callableTimeColumn` or `callableTimeColumnName` while
    /// `automaticTimeZoneMapping` is `true`.
    ///
    /// ## Why it matters
    /// The API documents callable time columns as "not allowed if 'automaticTimeZoneMapping' is
    /// set to true", and in practice drops them silently: the column you configured is ignored.
    ///
    /// ## Example
    /// ```json
    /// {"name": "Sales", "columnNames": ["phone", "tz"], "automaticTimeZoneMapping": true,
    ///  "phoneColumns": [{"columnName": "phone", "type": "cell", "callableTimeColumnName": "tz"}]}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"name": "Sales", "columnNames": ["phone", "tz"], "automaticTimeZoneMapping": true,
    ///  "phoneColumns": [{"columnName": "phone", "type": "cell"}]}
    /// ```
    TimeColumnWithTimeZoneMapping {
        id: "time-column-with-time-zone-mapping",
        severity: Warning,
        profiles: API,
        summary: "A phone column's time column is ignored under automatic time-zone mapping",
    }
}

const TIME_FIELDS: [&str; 2] = ["callableTimeColumn", "callableTimeColumnName"];

impl Rule for TimeColumnWithTimeZoneMapping {
    fn check_list(&self, cx: &Context, out: &mut Vec<Finding>) {
        if cx.at("/automaticTimeZoneMapping").and_then(Value::as_bool) != Some(true) {
            return;
        }
        let Some(columns) = cx.value().get(PHONE_COLUMNS).and_then(Value::as_array) else {
            return;
        };
        for (index, column) in columns.iter().enumerate() {
            for field in TIME_FIELDS {
                let Some(name) = column
                    .get(field)
                    .and_then(Value::as_str)
                    .filter(|n| !n.is_empty())
                else {
                    continue;
                };
                let pointer = Place {
                    array: PHONE_COLUMNS,
                    index: Some(index),
                    field: Some(field),
                }
                .pointer();
                let message = format!(
                    "`{}` (\"{name}\") is ignored while automaticTimeZoneMapping is true",
                    field_path(&pointer)
                );
                out.push(
                    Finding::new(&Self::META, pointer, Part::Value, message)
                        .label(
                            "/automaticTimeZoneMapping",
                            Part::Value,
                            "time zones are mapped automatically here",
                        )
                        .help("remove the time column, or turn automaticTimeZoneMapping off"),
                );
            }
        }
    }
}
