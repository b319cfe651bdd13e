use super::CONTACT_FILES;
use super::contact_file::{
    ContactFinding, ContactFindings, ContactRule, Header, RecordCheck, Row, is_blank,
};

declare_rule! {
    /// ## What it does
    /// Reports a row whose phone, email and WhatsApp columns (as the list declares them) are
    /// all empty.
    ///
    /// ## Why it matters
    /// A contact with no number and no address can never be dialled or messaged: it counts
    /// against the list's million contacts and every campaign skips it.
    ///
    /// ## Example
    /// ```csv files
    /// --- list.json
    /// {"name": "Sales", "columnNames": ["id", "phone"],
    ///  "phoneColumns": [{"columnName": "phone", "type": "cell"}]}
    /// --- contacts.csv
    /// id,phone
    /// 1,
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
    CsvNoContactValue {
        id: "csv-no-contact-value",
        severity: Warning,
        profiles: CONTACT_FILES,
        summary: "A row has no phone number, email address or WhatsApp number",
    }
}

contact_rule!(CsvNoContactValue);

impl ContactRule for CsvNoContactValue {
    fn records(&self, header: &Header) -> Option<Box<dyn RecordCheck>> {
        let columns = header.target?.contact_columns.as_ref()?;
        let indices = header.indices_of(columns);
        // Missing columns are `csv-missing-column`'s to report.
        if indices.is_empty() || indices.len() < columns.len() {
            return None;
        }
        let names = indices.iter().map(|i| header.names[*i].clone()).collect();
        Some(Box::new(ContactCells { indices, names }))
    }
}

struct ContactCells {
    indices: Vec<usize>,
    names: Vec<String>,
}

impl RecordCheck for ContactCells {
    fn record(&mut self, row: &Row, out: &mut ContactFindings) {
        if !row.fits() {
            return;
        }
        if row.is_empty() {
            return;
        }
        let empty = |index: &usize| row.value(*index).is_none_or(|v| is_blank(&v));
        if !self.indices.iter().all(empty) {
            return;
        }
        out.add(&CsvNoContactValue::META, None, |rule| {
            ContactFinding::at(
                rule,
                row.record.shown(),
                format!(
                    "the row has no value in {}: nobody can be contacted",
                    super::alternatives(&self.names.iter().map(String::as_str).collect::<Vec<_>>())
                ),
            )
            .help("fill in a number or an address, or remove the row")
            .row(row.number)
        });
    }
}
