use super::CONTACT_FILES;
use super::contact_file::{ContactFinding, ContactFindings, ContactRule, Header};
use crate::model::contact_file::Mode;

declare_rule! {
    /// ## What it does
    /// Reports a column of the list (`columnNames`, or a definition's `columns`) that has no
    /// header in the contact file, with a did-you-mean. A new list (and Terraform, which
    /// replaces the contacts) needs the exact name; appending matches in any case.
    ///
    /// ## Why it matters
    /// Genesys Cloud creates the list's columns from the file, and "you cannot append data that
    /// contains a different set of columns": the import is refused, late, in the Event Viewer.
    ///
    /// ## Example
    /// ```csv files
    /// --- list.json
    /// {"name": "Sales", "columnNames": ["id", "phone"],
    ///  "phoneColumns": [{"columnName": "phone", "type": "cell"}]}
    /// --- contacts.csv
    /// id,Phone
    /// 1,3175550100
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
    CsvMissingColumn {
        id: "csv-missing-column",
        severity: Error,
        profiles: CONTACT_FILES,
        summary: "A column of the list has no header in the file",
    }
}

contact_rule!(CsvMissingColumn);

impl ContactRule for CsvMissingColumn {
    fn check_header(&self, header: &Header, out: &mut ContactFindings) {
        let Some((target, _)) = header.declared_columns() else {
            return;
        };
        let missing = header.missing_columns().into_iter();
        // A missing id column is `csv-missing-id-column`'s alone.
        let missing = missing.filter(|(column, _)| target.id_column.as_deref() != Some(column));
        for (column, misspelt) in missing {
            out.add(&Self::META, None, |rule| {
                let exactly = match target.mode {
                    Mode::Create => " (the names must match exactly)",
                    Mode::Append => "",
                };
                let message = format!(
                    "the list {} has a column \"{column}\" that this file lacks",
                    target.label
                );
                // A misspelt header is where the fix goes: the finding sits on it.
                let Some(index) = misspelt else {
                    let help = format!("add a column \"{column}\", or remove it from the list");
                    return ContactFinding::at(rule, header.record.shown(), message).help(help);
                };
                let written = &header.names[index];
                let help = format!(
                    "the header \"{written}\" is probably it: rename it to \"{column}\"{exactly}"
                );
                ContactFinding::at(rule, header.show(index), message).help(help)
            });
        }
    }
}
