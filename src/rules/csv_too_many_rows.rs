use super::CONTACT_FILES;
use super::contact_file::{
    ContactFinding, ContactFindings, ContactRule, End, Header, RecordCheck, Row,
};
use crate::model::contact_file::Shown;
use crate::text::thousands;

declare_rule! {
    /// ## What it does
    /// Reports a file with more than 1,000,000 data rows, at the first row over the limit.
    ///
    /// ## Why it matters
    /// A Genesys Cloud contact list holds at most 1,000,000 contacts; the import stops there.
    ///
    /// ## Example
    /// A file with one row over the limit (written short here: the limit is lowered to 1):
    /// ```csv max-rows:1
    /// id,phone
    /// 1,3175550100
    /// 2,3175550101
    /// ```
    ///
    /// Use instead: split the contacts into two lists.
    /// ```csv max-rows:1
    /// id,phone
    /// 1,3175550100
    /// ```
    CsvTooManyRows {
        id: "csv-too-many-rows",
        severity: Error,
        profiles: CONTACT_FILES,
        summary: "More than 1,000,000 contacts",
    }
}

contact_rule!(CsvTooManyRows);

impl ContactRule for CsvTooManyRows {
    fn records(&self, header: &Header) -> Option<Box<dyn RecordCheck>> {
        Some(Box::new(RowLimit {
            limit: header.max_rows,
            first_over: None,
        }))
    }
}

struct RowLimit {
    limit: u64,
    first_over: Option<Shown>,
}

impl RecordCheck for RowLimit {
    fn record(&mut self, row: &Row, _out: &mut ContactFindings) {
        if row.number == self.limit + 1 {
            self.first_over = Some(row.record.shown());
        }
    }

    fn finish(&mut self, end: &End, out: &mut ContactFindings) {
        let Some(shown) = self.first_over.take() else {
            return;
        };
        let (rows, limit) = (end.rows, self.limit);
        let (shown_rows, shown_limit) = (thousands(rows), thousands(limit));
        out.add(&CsvTooManyRows::META, None, |rule| {
            ContactFinding::at(
                rule,
                shown,
                format!(
                    "the file has {shown_rows} contacts; a contact list holds at most \
                    {shown_limit}, and this row is the first over"
                ),
            )
            .help("split the contacts into several lists")
            .row(limit + 1)
        });
    }
}
