use super::{API, Context, Rule};
use crate::diagnostic::Finding;
use crate::pointer::Part;

declare_rule! {
    /// ## What it does
    /// Reports a `zipCodeColumnName` while `automaticTimeZoneMapping` is not `true`.
    ///
    /// ## Why it matters
    /// The zip code column only serves automatic time-zone mapping; the API documents it as
    /// "only allowed if 'automaticTimeZoneMapping' is set to true" and refuses it otherwise.
    ///
    /// ## Example
    /// ```json
    /// {"name": "Sales", "columnNames": ["phone", "zip"],
    ///  "phoneColumns": [{"columnName": "phone", "type": "cell"}], "zipCodeColumnName": "zip"}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"name": "Sales", "columnNames": ["phone", "zip"],
    ///  "phoneColumns": [{"columnName": "phone", "type": "cell"}], "zipCodeColumnName": "zip",
    ///  "automaticTimeZoneMapping": true}
    /// ```
    ZipCodeWithoutTimeZoneMapping {
        id: "zip-code-without-time-zone-mapping",
        severity: Error,
        profiles: API,
        summary: "zipCodeColumnName is set without automatic time-zone mapping",
    }
}

impl Rule for ZipCodeWithoutTimeZoneMapping {
    fn check_list(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(zip) = cx
            .at("/zipCodeColumnName")
            .and_then(|v| v.as_str())
            .filter(|z| !z.is_empty())
        else {
            return;
        };
        let mapping = cx.at("/automaticTimeZoneMapping").and_then(|v| v.as_bool());
        // `automatic_time_zone_mapping = var.x` may well be true.
        if mapping == Some(true) || !cx.list.fixes("/automaticTimeZoneMapping") {
            return;
        }
        let message = format!(
            "the zip code column \"{zip}\" is set, but automaticTimeZoneMapping is not true"
        );
        let finding = Finding::new(&Self::META, "/zipCodeColumnName", Part::Value, message)
            .help("set `automaticTimeZoneMapping` to true, or remove `zipCodeColumnName`");
        out.push(match cx.at("/automaticTimeZoneMapping") {
            Some(_) => finding.label(
                "/automaticTimeZoneMapping",
                Part::Value,
                "time-zone mapping is off here",
            ),
            None => finding,
        });
    }
}
