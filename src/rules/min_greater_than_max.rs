use serde_json::Value;

use super::{API, Context, Rule, is_unset_bound};
use crate::diagnostic::Finding;
use crate::pointer::{Part, child};

declare_rule! {
    /// ## What it does
    /// Warns about a `columnDataTypeSpecifications` entry whose `min` is greater than its `max`.
    ///
    /// A `max` of `0` counts as unset and is never compared: the Terraform provider sends
    /// `max: 0` when only `min` is set (and 0 for every bound not set), so Genesys reads 0 as "no
    /// upper bound".
    ///
    /// ## Why it matters
    /// No value can satisfy both bounds, so dynamic queueing on that column can never match.
    ///
    /// ## Example
    /// ```json
    /// {"name": "Sales", "columnNames": ["phone", "score"], "phoneColumns": [{"columnName": "phone", "type": "cell"}],
    ///  "columnDataTypeSpecifications": [{"columnName": "score", "columnDataType": "NUMERIC", "min": 10, "max": 1}]}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"name": "Sales", "columnNames": ["phone", "score"], "phoneColumns": [{"columnName": "phone", "type": "cell"}],
    ///  "columnDataTypeSpecifications": [{"columnName": "score", "columnDataType": "NUMERIC", "min": 1, "max": 10}]}
    /// ```
    MinGreaterThanMax {
        id: "min-greater-than-max",
        severity: Warning,
        profiles: API,
        summary: "A data-type specification has min greater than max",
    }
}

impl Rule for MinGreaterThanMax {
    fn check_list(&self, cx: &Context, out: &mut Vec<Finding>) {
        for (base, spec) in cx.elements("/columnDataTypeSpecifications") {
            let bound = |field| {
                spec.get(field)
                    .filter(|b| !is_unset_bound(b))
                    .and_then(Value::as_i64)
            };
            let (Some(min), Some(max)) = (bound("min"), bound("max")) else {
                continue;
            };
            if min > max {
                out.push(
                    Finding::new(
                        &Self::META,
                        child(&base, "max"),
                        Part::Value,
                        format!("max {max} is less than min {min}: no value can satisfy both"),
                    )
                    .label(child(&base, "min"), Part::Value, "min is set here")
                    .help("swap the bounds, or fix the one that is wrong"),
                );
            }
        }
    }
}
