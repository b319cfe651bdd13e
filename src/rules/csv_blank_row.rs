use super::CONTACT_FILES;
use super::contact_file::{
    ContactFinding, ContactFindings, ContactRule, End, Header, PRINTED_PER_RULE, RecordCheck, Row,
};
use crate::diagnostic::Severity;
use crate::model::contact_file::Shown;

declare_rule! {
    /// ## What it does
    /// Reports blank rows, and rows whose every value is empty (`,,,`). At the end of the file
    /// they are errors; between contacts, warnings.
    ///
    /// ## Why it matters
    /// Genesys Cloud: a CSV "must not include any blank rows at the end of the data, which can
    /// cause an import failure". Spreadsheets leave them behind when rows are deleted.
    ///
    /// ## Example
    /// ```csv
    /// id,phone
    /// 1,3175550100
    /// ,
    /// ```
    ///
    /// Use instead:
    /// ```csv
    /// id,phone
    /// 1,3175550100
    /// ```
    CsvBlankRow {
        id: "csv-blank-row",
        severity: Error,
        profiles: CONTACT_FILES,
        summary: "A blank row (an error at the end of the file)",
    }
}

contact_rule!(CsvBlankRow);

impl ContactRule for CsvBlankRow {
    fn records(&self, _header: &Header) -> Option<Box<dyn RecordCheck>> {
        Some(Box::new(BlankRun::default()))
    }
}

/// Blank rows not yet known to be at the end: the first ones shown, all counted.
#[derive(Default)]
struct BlankRun {
    pending: Vec<(u64, Shown)>,
    count: u64,
    first: u64,
}

impl RecordCheck for BlankRun {
    fn record(&mut self, row: &Row, out: &mut ContactFindings) {
        if row.is_empty() {
            if self.count == 0 {
                self.first = row.number;
            }
            self.count += 1;
            if self.pending.len() < PRINTED_PER_RULE {
                self.pending.push((row.number, row.record.shown()));
            }
        } else {
            self.flush(false, out);
        }
    }

    fn finish(&mut self, _end: &End, out: &mut ContactFindings) {
        self.flush(true, out);
    }
}

impl BlankRun {
    fn flush(&mut self, at_end: bool, out: &mut ContactFindings) {
        let severity = if at_end {
            Severity::Error
        } else {
            Severity::Warning
        };
        let mut shown = std::mem::take(&mut self.pending).into_iter();
        for number in self.first..self.first + self.count {
            let spot = shown.next();
            out.add(&CsvBlankRow::META, Some(severity), |rule| {
                let spot = spot.map(|(_, s)| s).unwrap_or_default();
                let (message, help) = if at_end {
                    (
                        "a blank row at the end of the file: the import can fail".to_owned(),
                        "delete the blank rows at the end of the file",
                    )
                } else {
                    (
                        "a blank row".to_owned(),
                        "delete the row: it holds no contact",
                    )
                };
                ContactFinding::at(rule, spot, message)
                    .help(help)
                    .row(number)
            });
        }
        self.count = 0;
    }
}
