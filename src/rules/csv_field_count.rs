use super::CONTACT_FILES;
use super::contact_file::{ContactFinding, ContactFindings, ContactRule, Header, RecordCheck, Row};
use crate::model::contact_file::Oversized;

declare_rule! {
    /// ## What it does
    /// Reports every row with more or fewer fields than the header. Blank lines are left to
    /// `csv-blank-row`.
    ///
    /// ## Why it matters
    /// A row with a field too many or too few shifts its values into the wrong columns, or is
    /// refused. The Terraform provider counts the fields of every 1000th row only; this checks
    /// every row.
    ///
    /// ## Example
    /// ```csv
    /// id,phone,name
    /// 1,3175550100,Smith, Ann
    /// ```
    ///
    /// Use instead: quote a value that holds a comma.
    /// ```csv
    /// id,phone,name
    /// 1,3175550100,"Smith, Ann"
    /// ```
    CsvFieldCount {
        id: "csv-field-count",
        severity: Error,
        profiles: CONTACT_FILES,
        summary: "A row has more or fewer fields than the header",
    }
}

contact_rule!(CsvFieldCount);

impl ContactRule for CsvFieldCount {
    fn records(&self, header: &Header) -> Option<Box<dyn RecordCheck>> {
        Some(Box::new(HeaderWidth {
            expected: header.names.len(),
        }))
    }
}

struct HeaderWidth {
    expected: usize,
}

impl RecordCheck for HeaderWidth {
    fn record(&mut self, row: &Row, out: &mut ContactFindings) {
        let record = row.record;
        let found = record.fields.len();
        if found == self.expected || record.is_blank() {
            return;
        }
        let expected = self.expected;
        // The finding starts where the record starts (its line is the record's); a label shows
        // where the extra fields begin.
        out.add(&CsvFieldCount::META, None, |rule| {
            let finding =
                ContactFinding::at(rule, record.shown(), message(found, expected)).row(row.number);
            if found > expected {
                let first_extra = record.fields[expected].start as usize;
                let extra = record.show(first_extra.saturating_sub(1)..record.text.len());
                finding
                    .label(extra, format!("{} more than the header", found - expected))
                    .help("quote a value that holds a comma, or remove the extra fields")
            } else {
                finding.help("add the missing fields (an empty value still needs its comma)")
            }
        });
    }

    fn oversized(&mut self, number: u64, record: &Oversized, out: &mut ContactFindings) {
        let (found, expected) = (record.fields, self.expected);
        if let (true, Some(start)) = (found != expected, &record.start) {
            out.add(&CsvFieldCount::META, None, |rule| {
                ContactFinding::at(rule, start.clone(), message(found, expected)).row(number)
            });
        }
    }
}

fn message(found: usize, expected: usize) -> String {
    format!("the row has {found} fields; the header has {expected}")
}
