use super::{API, Context, Rule};
use crate::diagnostic::Finding;
use crate::pointer::Part;

declare_rule! {
    /// ## What it does
    /// Warns about `columnNames` entries that are columns Genesys Cloud adds itself in exports:
    /// `inin-outbound-id`, `ContactCallable`, `ContactableByVoice`, `ContactableBySms`,
    /// `ContactableByEmail`, `ZipCodeAutomaticTimeZone`, and the per-column families such as
    /// `CallRecordLastAttempt-<column>` or `Callable-<column>`. A list gets one finding, at the
    /// first such column, with a label at each other one: they usually come together, from one
    /// pasted header.
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

/// What the system column `name` is, if it is one.
pub(super) fn system_column(name: &str) -> Option<String> {
    if SYSTEM_COLUMNS.contains(&name) {
        return Some("a column Genesys Cloud adds to exports".to_owned());
    }
    let (prefix, column) = name.split_once('-')?;
    (SYSTEM_FAMILIES.contains(&prefix) && !column.is_empty())
        .then(|| format!("the export column {prefix} of the column \"{column}\""))
}

/// How many names a message lists before it counts the rest.
const LISTED: usize = 6;

impl Rule for SystemColumnName {
    fn check_list(&self, cx: &Context, out: &mut Vec<Finding>) {
        let names = cx.column_names();
        let (system, own): (Vec<_>, Vec<_>) = names
            .iter()
            .map(|(place, name)| (place, *name, system_column(name)))
            .partition(|(_, _, what)| what.is_some());
        let Some(((first_place, first_name, first_what), others)) = system.split_first() else {
            return;
        };
        let message = match others.len() {
            0 => format!(
                "\"{first_name}\" is {}, not a column of yours",
                first_what.as_deref().unwrap_or_default()
            ),
            _ => format!(
                "columnNames holds {} Genesys export columns: {}",
                system.len(),
                listed(system.iter().map(|(_, name, _)| *name))
            ),
        };
        let own: Vec<&str> = own.iter().map(|(_, name, _)| *name).collect();
        let origin = "these come from pasting an export's header: Genesys adds them itself when \
            it exports a list";
        let help = if own.is_empty() {
            format!("{origin}; remove them from columnNames")
        } else {
            format!(
                "{origin}; remove them and keep your own columns ({})",
                listed(own.into_iter())
            )
        };
        let mut finding =
            Finding::new(&Self::META, first_place.pointer(), Part::Value, message).help(help);
        for (place, name, what) in others {
            let label = format!("\"{name}\" is {}", what.as_deref().unwrap_or_default());
            finding = finding.label(place.pointer(), Part::Value, label);
        }
        out.push(finding);
    }
}

/// `a, b, c` or `a, b, c and 4 more`.
fn listed<'a>(names: impl ExactSizeIterator<Item = &'a str>) -> String {
    let count = names.len();
    let shown: Vec<&str> = names.take(LISTED).collect();
    match count.saturating_sub(LISTED) {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}
