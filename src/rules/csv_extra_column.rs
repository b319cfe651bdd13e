use super::CONTACT_FILES;
use super::contact_file::{ContactFinding, ContactFindings, ContactRule, Header};
use super::system_column_name::system_column;
use crate::model::contact_file::Mode;

declare_rule! {
    /// ## What it does
    /// Reports a header that is not a column of the list (other than the contact id column).
    /// A column that Genesys Cloud adds to its exports gets a message of its own.
    ///
    /// ## Why it matters
    /// When a list is created from a file (and when Terraform replaces its contacts) the file's
    /// columns must be the list's; an extra column is refused, or silently dropped when
    /// appending. Export columns come from re-importing an export.
    ///
    /// ## Example
    /// ```csv files
    /// --- list.json
    /// {"name": "Sales", "columnNames": ["id", "phone"],
    ///  "phoneColumns": [{"columnName": "phone", "type": "cell"}]}
    /// --- contacts.csv
    /// id,phone,fax
    /// 1,3175550100,3175550199
    /// ```
    ///
    /// Use instead:
    /// ```csv files
    /// --- list.json
    /// {"name": "Sales", "columnNames": ["id", "phone"],
    ///  "phoneColumns": [{"columnName": "phone", "type": "cell"}]}
    /// --- contacts.csv
    /// id,phone
    /// 1,3175550100
    /// ```
    CsvExtraColumn {
        id: "csv-extra-column",
        severity: Warning,
        profiles: CONTACT_FILES,
        summary: "A header is not a column of the list",
    }
}

contact_rule!(CsvExtraColumn);

impl ContactRule for CsvExtraColumn {
    fn check_header(&self, header: &Header, out: &mut ContactFindings) {
        let Some((target, columns)) = header.declared_columns() else {
            return;
        };
        let folded: Vec<String> = columns.iter().map(|c| c.to_lowercase()).collect();
        let misspelt: Vec<usize> = header
            .missing_columns()
            .iter()
            .filter_map(|m| m.1)
            .collect();
        for (index, name) in header.names.iter().enumerate() {
            if misspelt.contains(&index) {
                continue;
            }
            let declared = match target.mode {
                Mode::Create => columns.contains(name),
                Mode::Append => folded.contains(&name.to_lowercase()),
            };
            let is_id = target.id_column.as_deref() == Some(name.as_str());
            if declared || is_id || name.trim().is_empty() {
                continue;
            }
            out.add(&Self::META, None, |rule| {
                let (message, help) = match system_column(name) {
                    Some(what) => (
                        format!("\"{name}\" is {what}, not a column of the list"),
                        "remove the column: the file was exported from Genesys Cloud, and its \
                            export columns do not import"
                            .to_owned(),
                    ),
                    None => (
                        format!("\"{name}\" is not a column of the list {}", target.label),
                        format!("add \"{name}\" to the list's columns, or remove it from the file"),
                    ),
                };
                ContactFinding::at(rule, header.show(index), message).help(help)
            });
        }
    }
}
