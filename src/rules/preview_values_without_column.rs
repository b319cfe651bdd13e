use serde_json::Value;

use super::{API, Context, Rule};
use crate::diagnostic::Finding;
use crate::pointer::Part;

declare_rule! {
    /// ## What it does
    /// Warns about a non-empty `previewModeAcceptedValues` without a `previewModeColumnName`.
    ///
    /// ## Why it matters
    /// The accepted values are matched against the preview-mode column; without that column
    /// they are never used and no contact is dialled in preview mode.
    ///
    /// ## Example
    /// ```json
    /// {"name": "Sales", "columnNames": ["phone", "vip"], "phoneColumns": [{"columnName": "phone", "type": "cell"}],
    ///  "previewModeAcceptedValues": ["yes"]}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"name": "Sales", "columnNames": ["phone", "vip"], "phoneColumns": [{"columnName": "phone", "type": "cell"}],
    ///  "previewModeColumnName": "vip", "previewModeAcceptedValues": ["yes"]}
    /// ```
    PreviewValuesWithoutColumn {
        id: "preview-values-without-column",
        severity: Warning,
        profiles: API,
        summary: "Preview-mode values are given without a preview-mode column",
    }
}

impl Rule for PreviewValuesWithoutColumn {
    fn check_list(&self, cx: &Context, out: &mut Vec<Finding>) {
        let has_values = cx
            .at("/previewModeAcceptedValues")
            .and_then(Value::as_array)
            .is_some_and(|v| !v.is_empty());
        let has_column = cx
            .at("/previewModeColumnName")
            .and_then(Value::as_str)
            .is_some_and(|c| !c.is_empty());
        // A column given by a variable may well be set.
        let column_unknown = !cx.list.fixes("/previewModeColumnName");
        if has_values && !has_column && !column_unknown {
            out.push(
                Finding::new(
                    &Self::META,
                    "/previewModeAcceptedValues",
                    Part::Key,
                    "previewModeAcceptedValues is set without previewModeColumnName".into(),
                )
                .help(
                    "set \"previewModeColumnName\" to the column whose values these are, or \
                        remove the values",
                ),
            );
        }
    }
}
