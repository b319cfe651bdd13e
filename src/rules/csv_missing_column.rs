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
        let Some((target, columns)) = header.declared_columns() else {
            return;
        };
        let headers: Vec<&str> = header.names.iter().map(String::as_str).collect();
        for column in columns {
            if header.index_of(column).is_some() {
                continue;
            }
            out.add(&Self::META, None, |rule| {
                let suggestion = crate::suggest::did_you_mean(column, &headers, &[]);
                let exactly = match target.mode {
                    Mode::Create => " (the names must match exactly)",
                    Mode::Append => "",
                };
                let help = match suggestion {
                    Some(s) => {
                        format!("did you mean \"{s}\"? rename that header to \"{column}\"{exactly}")
                    }
                    None => format!("add a \"{column}\" column, or remove it from the list"),
                };
                ContactFinding::at(
                    rule,
                    header.record.shown(),
                    format!(
                        "the list {} has a column \"{column}\" that this file lacks",
                        target.label
                    ),
                )
                .help(help)
            });
        }
    }
}
