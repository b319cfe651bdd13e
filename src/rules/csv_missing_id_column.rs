use super::CONTACT_FILES;
use super::contact_file::{ContactFinding, ContactFindings, ContactRule, Header};

declare_rule! {
    /// ## What it does
    /// Reports a contact file without the column that identifies each contact (Terraform's
    /// `contacts_id_name`, `id-column` in `[[contacts]]`, or `--id-column`).
    ///
    /// ## Why it matters
    /// The upload names that column (`contact-id-name`); without it Genesys Cloud cannot tell
    /// contacts apart, and the provider's upload fails.
    ///
    /// ## Example
    /// ```csv files id-column:id
    /// --- list.json
    /// {"name": "Sales", "columnNames": ["id", "phone"],
    ///  "phoneColumns": [{"columnName": "phone", "type": "cell"}]}
    /// --- contacts.csv
    /// ident,phone
    /// 1,3175550100
    /// ```
    ///
    /// Use instead:
    /// ```csv files id-column:id
    /// --- list.json
    /// {"name": "Sales", "columnNames": ["id", "phone"],
    ///  "phoneColumns": [{"columnName": "phone", "type": "cell"}]}
    /// --- contacts.csv
    /// id,phone
    /// 1,3175550100
    /// ```
    CsvMissingIdColumn {
        id: "csv-missing-id-column",
        severity: Error,
        profiles: CONTACT_FILES,
        summary: "The contact id column has no header in the file",
    }
}

contact_rule!(CsvMissingIdColumn);

impl ContactRule for CsvMissingIdColumn {
    fn check_header(&self, header: &Header, out: &mut ContactFindings) {
        let Some(id) = header.target.and_then(|t| t.id_column.as_deref()) else {
            return;
        };
        if header.index_of(id).is_some() {
            return;
        }
        let headers: Vec<&str> = header.names.iter().map(String::as_str).collect();
        out.add(&Self::META, None, |rule| {
            let help = match crate::suggest::did_you_mean(id, &headers, &[]) {
                Some(s) => format!("did you mean \"{s}\"? the id column must be named \"{id}\""),
                None => format!("add a column \"{id}\" that identifies each contact"),
            };
            ContactFinding::at(
                rule,
                header.record.shown(),
                format!("the contact id column \"{id}\" has no header in this file"),
            )
            .help(help)
        });
    }
}
