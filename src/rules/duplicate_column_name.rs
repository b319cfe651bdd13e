use foldhash::{HashMap, HashMapExt};

use super::{Context, EVERY_PROFILE, Place, Rule, same_name_key};
use crate::diagnostic::{Finding, Severity};
use crate::pointer::Part;

declare_rule! {
    /// ## What it does
    /// Reports two columns with the same name once surrounding spaces are ignored
    /// (`columns[].name` in a definition, `columnNames` in an API body). Two names that differ
    /// only in case (`name` and `Name`) are a warning.
    ///
    /// ## Why it matters
    /// A CSV whose header repeats a name does not import, so the list cannot be filled. Names
    /// that differ only in case are accepted (live lists hold `name` and `Name`), but an append,
    /// which matches headers in any case, may take them for one column.
    ///
    /// ## Example
    /// ```json
    /// {"name": "Sales", "type": "CSV_FILE",
    ///  "columns": [{"name": "Phone", "type": "PHONE"}, {"name": "Phone ", "type": "PHONE"}]}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"name": "Sales", "type": "CSV_FILE",
    ///  "columns": [{"name": "Phone", "type": "PHONE"}, {"name": "Mobile", "type": "PHONE"}]}
    /// ```
    DuplicateColumnName {
        id: "duplicate-column-name",
        severity: Error,
        profiles: EVERY_PROFILE,
        summary: "Two columns have the same name (a warning when only case differs)",
    }
}

impl Rule for DuplicateColumnName {
    fn check_list(&self, cx: &Context, out: &mut Vec<Finding>) {
        // The first column of each name as written (trimmed), and of each name in any case.
        let mut exact: HashMap<&str, (Place, &str)> = HashMap::new();
        let mut folded: HashMap<String, (Place, &str)> = HashMap::new();
        for (place, name) in cx.column_names() {
            let key = same_name_key(name);
            if key.is_empty() {
                continue;
            }
            let finding = |first: &(Place, &str), message: String, help: &str| {
                Finding::new(&Self::META, place.pointer(), Part::Value, message)
                    .label(first.0.pointer(), Part::Value, "first used here")
                    .help(help)
            };
            if let Some(first) = exact.get(name.trim()) {
                let message = format!(
                    "the column name \"{name}\" repeats \"{}\": names must differ, ignoring \
                    surrounding spaces",
                    first.1
                );
                let help = "a CSV whose header repeats a name does not import; rename or remove \
                    one of the two columns";
                out.push(finding(first, message, help));
                continue;
            }
            exact.insert(name.trim(), (place, name));
            match folded.get(&key) {
                Some(first) => {
                    let message = format!(
                        "the column name \"{name}\" differs from \"{}\" only in case: an \
                        append, which matches headers in any case, may take them for one column",
                        first.1
                    );
                    let help = "give the two columns names that differ in more than case";
                    let mut found = finding(first, message, help);
                    found.severity = Some(Severity::Warning);
                    out.push(found);
                }
                None => {
                    folded.insert(key, (place, name));
                }
            }
        }
    }
}
