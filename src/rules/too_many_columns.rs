use super::{Context, EVERY_PROFILE, Rule};
use crate::diagnostic::Finding;
use crate::model::Profile;
use crate::model::vocabulary::{COLUMN_NAMES, COLUMNS};
use crate::pointer::{Part, child};

declare_rule! {
    /// ## What it does
    /// Reports a list with more columns than `[limits] columns` in `contactlint.toml` (50 by
    /// default, the documented limit): `columns` in a definition, `columnNames` in an API body.
    ///
    /// ## Why it matters
    /// A Genesys Cloud contact list holds at most 50 columns unless the organisation's limit
    /// was raised (live organisations hold lists of 54); imports beyond the limit fail with
    /// `CONTACT_COLUMNS_LIMIT_EXCEEDED`. An organisation with a higher limit sets it:
    /// `[limits] columns = 60`.
    ///
    /// ## Example
    /// ```json
    /// {"name": "Wide", "phoneColumns": [{"columnName": "c1", "type": "cell"}],
    ///  "columnNames": ["c1","c2","c3","c4","c5","c6","c7","c8","c9","c10","c11","c12","c13","c14","c15","c16","c17","c18","c19","c20","c21","c22","c23","c24","c25","c26","c27","c28","c29","c30","c31","c32","c33","c34","c35","c36","c37","c38","c39","c40","c41","c42","c43","c44","c45","c46","c47","c48","c49","c50","c51"]}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"name": "Wide", "phoneColumns": [{"columnName": "c1", "type": "cell"}],
    ///  "columnNames": ["c1","c2","c3","c4","c5","c6","c7","c8","c9","c10","c11","c12","c13","c14","c15","c16","c17","c18","c19","c20","c21","c22","c23","c24","c25","c26","c27","c28","c29","c30","c31","c32","c33","c34","c35","c36","c37","c38","c39","c40","c41","c42","c43","c44","c45","c46","c47","c48","c49","c50"]}
    /// ```
    TooManyColumns {
        id: "too-many-columns",
        severity: Error,
        profiles: EVERY_PROFILE,
        summary: "The list has more columns than `[limits] columns` (50 by default)",
    }
}

impl Rule for TooManyColumns {
    fn check_list(&self, cx: &Context, out: &mut Vec<Finding>) {
        let array = match cx.profile() {
            Profile::Definition => COLUMNS,
            Profile::Api | Profile::Terraform => COLUMN_NAMES,
            Profile::ContactFile => return,
        };
        let pointer = child("", array);
        let Some(count) = cx.at(&pointer).and_then(|v| v.as_array()).map(Vec::len) else {
            return;
        };
        let limit = cx.max_columns;
        if count <= limit {
            return;
        }
        let message = format!("the list has {count} columns, over the limit of {limit}");
        out.push(
            Finding::new(&Self::META, pointer, Part::Value, message).help(format!(
                "keep at most {limit} columns, splitting the data across lists if needed; an \
                organisation whose limit is higher says so in contactlint.toml: \
                `[limits] columns = N`"
            )),
        );
    }
}
