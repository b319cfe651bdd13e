use super::CONTACT_FILES;
use super::contact_file::{ContactFinding, ContactFindings, ContactRule, Header, show_text};

declare_rule! {
    /// ## What it does
    /// Reports a contact file whose header has no comma but splits on a semicolon, a tab or a
    /// vertical bar into several names: one finding for the file, at its header, and the other
    /// rules of contact files stay silent (each column and row would be wrong for the same
    /// reason).
    ///
    /// ## Why it matters
    /// Genesys Cloud reads commas only (Help Center, "Format a contact list file"): such a file
    /// imports as one column whose name is the whole header line. Excel writes "CSV" with the
    /// list separator of the system's region, a semicolon in much of Europe.
    ///
    /// ## Example
    /// ```csv files id-column:id
    /// --- list.json
    /// {"name": "Sales", "columnNames": ["id", "phone"],
    ///  "phoneColumns": [{"columnName": "phone", "type": "cell"}]}
    /// --- contacts.csv
    /// id;phone
    /// 1;3175550100
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
    CsvDelimiter {
        id: "csv-delimiter",
        severity: Error,
        profiles: CONTACT_FILES,
        summary: "The file is separated by something else than commas",
    }
}

/// The separators a spreadsheet writes instead of a comma, as messages name them.
const SEPARATORS: [(char, &str); 3] = [(';', "semicolons"), ('\t', "tabs"), ('|', "vertical bars")];

contact_rule!(CsvDelimiter);

impl ContactRule for CsvDelimiter {
    fn silences_the_others(&self) -> bool {
        true
    }

    fn check_header(&self, header: &Header, out: &mut ContactFindings) {
        let [name] = header.names.as_slice() else {
            return;
        };
        let split = |separator: char| {
            let parts = name.split(separator).filter(|part| !part.trim().is_empty());
            parts.count()
        };
        let best = SEPARATORS
            .iter()
            .max_by_key(|(separator, _)| split(*separator));
        let Some(&(separator, separators)) = best.filter(|(s, _)| split(*s) > 1) else {
            return;
        };
        let columns = split(separator);
        out.add(&Self::META, None, |rule| {
            ContactFinding::at(
                rule,
                header.record.shown(),
                format!(
                    "the header {} has no comma but {columns} columns separated by \
                    {separators}: Genesys Cloud reads commas only",
                    show_text(name.as_bytes())
                ),
            )
            .help(
                "save the file with commas between the columns (Excel uses the list separator \
                of the system's region; LibreOffice asks for the field delimiter)",
            )
        });
    }
}
