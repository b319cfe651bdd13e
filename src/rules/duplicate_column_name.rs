use std::collections::HashMap;

use super::{Context, EVERY_PROFILE, Place, Rule, same_name_key};
use crate::diagnostic::Finding;
use crate::pointer::Part;

declare_rule! {
    /// ## What it does
    /// Reports two columns whose names are the same once case and surrounding spaces are ignored
    /// (`columns[].name` in a definition, `columnNames` in an API body).
    ///
    /// ## Why it matters
    /// Genesys Cloud matches columns case-insensitively on import: a CSV whose header repeats a
    /// name does not import, and `Phone` and `phone` end up as one column.
    ///
    /// ## Example
    /// ```json
    /// {"name": "Sales", "type": "CSV_FILE",
    ///  "columns": [{"name": "Phone", "type": "PHONE"}, {"name": "phone ", "type": "PHONE"}]}
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
        summary: "Two columns have the same name, ignoring case and spaces",
    }
}

impl Rule for DuplicateColumnName {
    fn check_list(&self, cx: &Context, out: &mut Vec<Finding>) {
        let mut first: HashMap<String, (Place, &str)> = HashMap::new();
        for (place, name) in cx.column_names() {
            let key = same_name_key(name);
            if key.is_empty() {
                continue;
            }
            match first.get(&key) {
                Some((first_place, first_name)) => out.push(
                    Finding::new(
                        &Self::META,
                        place.pointer(),
                        Part::Value,
                        format!(
                            "the column name \"{name}\" repeats \"{first_name}\": names must \
                            differ, ignoring case and surrounding spaces"
                        ),
                    )
                    .label(first_place.pointer(), Part::Value, "first used here")
                    .help(
                        "column names must be unique, ignoring case and surrounding spaces; \
                        rename or remove one",
                    ),
                ),
                None => {
                    first.insert(key, (place, name));
                }
            }
        }
    }
}
