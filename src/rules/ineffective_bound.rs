use serde_json::Value;

use super::{API, Context, Rule, is_unset_bound};
use crate::diagnostic::Finding;
use crate::pointer::{Part, child};

declare_rule! {
    /// ## What it does
    /// Warns about bounds that do not apply to a data-type specification's type: `min` or `max`
    /// on a spec that is not `NUMERIC`, `maxLength` on a spec that is not `TEXT`.
    ///
    /// A bound of `0` counts as unset and is never reported: the Terraform provider sends
    /// `min: 0, max: 0, maxLength: 0` for every bound its user did not set, so Genesys reads 0 as
    /// "no bound", and bodies copied from a Terraform-managed list carry those zeros.
    ///
    /// ## Why it matters
    /// Genesys stores such a bound and returns it, but never checks values against it: the limit
    /// you meant is not enforced on that column.
    ///
    /// ## Example
    /// ```json
    /// {"name": "Sales", "columnNames": ["phone", "code"], "phoneColumns": [{"columnName": "phone", "type": "cell"}],
    ///  "columnDataTypeSpecifications": [{"columnName": "code", "columnDataType": "TEXT", "max": 12}]}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"name": "Sales", "columnNames": ["phone", "code"], "phoneColumns": [{"columnName": "phone", "type": "cell"}],
    ///  "columnDataTypeSpecifications": [{"columnName": "code", "columnDataType": "TEXT", "maxLength": 12}]}
    /// ```
    IneffectiveBound {
        id: "ineffective-bound",
        severity: Warning,
        profiles: API,
        summary: "A bound does not apply to the column's data type",
    }
}

const DATA_TYPES: [&str; 3] = ["TEXT", "NUMERIC", "TIMESTAMP"];

/// Each bound and the only data type it applies to.
const BOUNDS: [(&str, &str); 3] = [
    ("min", "NUMERIC"),
    ("max", "NUMERIC"),
    ("maxLength", "TEXT"),
];

impl Rule for IneffectiveBound {
    fn check_list(&self, cx: &Context, out: &mut Vec<Finding>) {
        for (base, spec) in cx.elements("/columnDataTypeSpecifications") {
            let data_type = spec.get("columnDataType").and_then(Value::as_str);
            // An unknown or absent type is another rule's concern; bounds are judged on known ones.
            let Some(data_type) = data_type.filter(|t| DATA_TYPES.contains(t)) else {
                continue;
            };
            for (bound, applies_to) in BOUNDS {
                if data_type == applies_to || spec.get(bound).is_none_or(is_unset_bound) {
                    continue;
                }
                let message = format!(
                    "\"{bound}\" does not limit a {data_type} column: Genesys checks it only on \
                        {applies_to} columns"
                );
                let pointer = child(&base, bound);
                out.push(
                    Finding::new(&Self::META, pointer, Part::Key, message).help(format!(
                        "remove \"{bound}\", or make the column {applies_to} if the limit is meant"
                    )),
                );
            }
        }
    }
}
