use serde_json::Value;

use super::{API, Context, Place, Rule};
use crate::diagnostic::Finding;
use crate::model::vocabulary::{
    COLUMN_NAME, COLUMN_NAMES, DATA_TYPE_SPECIFICATIONS, PREVIEW_MODE_COLUMN_NAME, TIME_COLUMNS,
    ZIP_CODE_COLUMN_NAME,
};
use crate::pointer::{Part, child, field_path};
use crate::suggest::did_you_mean;

declare_rule! {
    /// ## What it does
    /// Reports a column reference that does not name an entry of `columnNames` (exact match):
    /// the `columnName` of phone, email and WhatsApp columns, their callable and contactable time
    /// columns, `zipCodeColumnName`, `previewModeColumnName` and the `columnName` of each
    /// `columnDataTypeSpecifications` entry (an empty `columnName` of an entry names no column and
    /// is reported too). When a declared name is close (another case,
    /// separators, a typo such as `Emial` or `Cel`), it suggests that spelling. In the optional
    /// references (`zipCodeColumnName`, the time columns, ...), empty strings and `null` count as
    /// unset, as real payloads write them.
    ///
    /// ## Why it matters
    /// Genesys Cloud can only dial, mail or map a column the list has. A reference to a column
    /// that is not declared is rejected, or the feature silently never applies.
    ///
    /// ## Fix
    /// Unsafe: it writes the declared name closest to the reference; a similar name may still be a
    /// different column.
    ///
    /// ## Example
    /// ```json
    /// {"name": "Sales", "columnNames": ["Phone", "Zip"],
    ///  "phoneColumns": [{"columnName": "phone", "type": "cell"}]}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"name": "Sales", "columnNames": ["Phone", "Zip"],
    ///  "phoneColumns": [{"columnName": "Phone", "type": "cell"}]}
    /// ```
    UndeclaredColumn {
        id: "undeclared-column",
        severity: Error,
        profiles: API,
        summary: "A column reference is not in columnNames",
        fix: Unsafe,
    }
}

/// Top-level fields that name columns.
const TOP_REFERENCES: [&str; 2] = [ZIP_CODE_COLUMN_NAME, PREVIEW_MODE_COLUMN_NAME];

/// Arrays of objects whose fields name columns, with those fields.
fn nested_references() -> impl Iterator<Item = (&'static str, [Option<&'static str>; 3])> {
    let contact_columns = TIME_COLUMNS
        .into_iter()
        .map(|(array, legacy, current)| (array, [Some(COLUMN_NAME), Some(legacy), Some(current)]));
    let specifications = (DATA_TYPE_SPECIFICATIONS, [Some(COLUMN_NAME), None, None]);
    contact_columns.chain(std::iter::once(specifications))
}

/// Every set column reference of an API body, with where it sits.
fn column_references(value: &Value) -> Vec<(Place, &str)> {
    let top = |array: &'static str| Place {
        array,
        index: None,
        field: None,
    };
    let mut found: Vec<(Place, &str)> = TOP_REFERENCES
        .iter()
        .filter_map(|field| Some((top(field), value.get(*field)?.as_str()?)))
        .collect();
    for (array, fields) in nested_references() {
        let Some(items) = value.get(array).and_then(Value::as_array) else {
            continue;
        };
        for (index, item) in items.iter().enumerate() {
            for field in fields.into_iter().flatten() {
                if let Some(name) = item.get(field).and_then(Value::as_str) {
                    found.push((
                        Place {
                            array,
                            index: Some(index),
                            field: Some(field),
                        },
                        name,
                    ));
                }
            }
        }
    }
    // An empty optional reference counts as unset (real payloads write ""); the `columnName` of
    // an entry is required, and empty there names no column at all.
    found.retain(|(place, name)| !name.is_empty() || place.field == Some(COLUMN_NAME));
    found
}

impl Rule for UndeclaredColumn {
    fn check_list(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(declared) = cx.value().get(COLUMN_NAMES).and_then(Value::as_array) else {
            return;
        };
        // Against `column_names = var.columns` (or a list with a variable in it), no reference
        // can be known to be undeclared.
        if !cx.list.is_complete(&child("", COLUMN_NAMES)) {
            return;
        }
        let declared: Vec<&str> = declared.iter().filter_map(Value::as_str).collect();
        for (place, name) in column_references(cx.value()) {
            if declared.contains(&name) {
                continue;
            }
            let pointer = place.pointer();
            let message = if name.is_empty() {
                format!("`{}` is empty: it names no column", field_path(&pointer))
            } else {
                format!(
                    "`{}` names the column \"{name}\", which is not in columnNames",
                    field_path(&pointer)
                )
            };
            let finding = Finding::new(&Self::META, pointer, Part::Value, message);
            let quoted: Vec<String> = declared.iter().map(|d| format!("\"{d}\"")).collect();
            out.push(match did_you_mean(name, &declared, &[]) {
                Some(declared_name) => finding.suggest(Some(declared_name)),
                None if name.is_empty() => {
                    finding.help(format!("name one of {}", quoted.join(", ")))
                }
                None if declared.is_empty() => {
                    finding.help(format!("add \"{name}\" to columnNames"))
                }
                None => finding.help(format!(
                    "add \"{name}\" to columnNames, or name one of {}",
                    quoted.join(", ")
                )),
            });
        }
    }
}
