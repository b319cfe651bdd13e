use super::{API, Context, Rule};
use crate::diagnostic::Finding;
use crate::pointer::Part;

declare_rule! {
    /// ## What it does
    /// Warns about a `columnNames` entry that is a column Genesys Cloud adds itself in exports:
    /// `inin-outbound-id`, `ContactCallable`, `ContactableByVoice`, `ContactableBySms`,
    /// `ContactableByEmail`, `ZipCodeAutomaticTimeZone`, and the per-column families such as
    /// `CallRecordLastAttempt-<column>` or `Callable-<column>`.
    ///
    /// ## Why it matters
    /// These columns come from copying an export's header into a new list. They count toward
    /// the 50-column limit (imports fail with `CONTACT_COLUMNS_LIMIT_EXCEEDED`) and clash with the
    /// columns the system maintains.
    ///
    /// ## Example
    /// ```json
    /// {"name": "Sales", "columnNames": ["inin-outbound-id", "phone", "CallRecordLastResult-phone"],
    ///  "phoneColumns": [{"columnName": "phone", "type": "cell"}]}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"name": "Sales", "columnNames": ["phone"], "phoneColumns": [{"columnName": "phone", "type": "cell"}]}
    /// ```
    SystemColumnName {
        id: "system-column-name",
        severity: Warning,
        profiles: API,
        summary: "A declared column is a Genesys system or export column",
    }
}

const SYSTEM_COLUMNS: [&str; 6] = [
    "inin-outbound-id",
    "ContactCallable",
    "ContactableByVoice",
    "ContactableBySms",
    "ContactableByEmail",
    "ZipCodeAutomaticTimeZone",
];

/// Families written `<prefix>-<column>` in exports.
const SYSTEM_FAMILIES: [&str; 9] = [
    "CallRecordLastAttempt",
    "CallRecordLastResult",
    "CallRecordLastAgentWrapup",
    "SmsLastAttempt",
    "SmsLastResult",
    "Callable",
    "ContactableByVoice",
    "ContactableBySms",
    "AutomaticTimeZone",
];

/// Why `name` is a system column, if it is one.
fn system_column(name: &str) -> Option<String> {
    if SYSTEM_COLUMNS.contains(&name) {
        return Some(format!(
            "\"{name}\" is a system column that Genesys Cloud adds to exports"
        ));
    }
    let (prefix, column) = name.split_once('-')?;
    (SYSTEM_FAMILIES.contains(&prefix) && !column.is_empty())
        .then(|| format!("\"{name}\" is the system column {prefix} of the column \"{column}\""))
}

impl Rule for SystemColumnName {
    fn check_list(&self, cx: &Context, out: &mut Vec<Finding>) {
        for (place, name) in cx.column_names() {
            if let Some(message) = system_column(name) {
                out.push(
                    Finding::new(&Self::META, place.pointer(), Part::Value, message).help(
                        "remove it from columnNames; it was probably copied from an export header",
                    ),
                );
            }
        }
    }
}
