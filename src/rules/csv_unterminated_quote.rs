use super::CONTACT_FILES;
use super::contact_file::{ContactFinding, ContactFindings, ContactRule, Header, RecordCheck, Row};
use crate::diagnostic::RuleMeta;
use crate::model::contact_file::{Oversized, Record};

declare_rule! {
    /// ## What it does
    /// Reports a quoted field whose closing quote never comes: everything after its opening
    /// quote, to the end of the file, becomes one value.
    ///
    /// ## Why it matters
    /// The import reads the rest of the file as one cell, so every contact after it is lost or
    /// the file is refused. The usual cause is a stray `"` inside a value that was not doubled.
    ///
    /// ## Example
    /// ```csv
    /// id,phone,name
    /// 1,3175550100,"Ann
    /// 2,3175550101,Bob
    /// ```
    ///
    /// Use instead:
    /// ```csv
    /// id,phone,name
    /// 1,3175550100,Ann
    /// 2,3175550101,Bob
    /// ```
    CsvUnterminatedQuote {
        id: "csv-unterminated-quote",
        severity: Error,
        profiles: CONTACT_FILES,
        summary: "A quoted field is never closed",
    }
}

contact_rule!(CsvUnterminatedQuote);

impl ContactRule for CsvUnterminatedQuote {
    fn check_header(&self, header: &Header, out: &mut ContactFindings) {
        unterminated(header.record, None, out);
    }

    fn records(&self, _header: &Header) -> Option<Box<dyn RecordCheck>> {
        Some(Box::new(OpenQuotes))
    }
}

struct OpenQuotes;

impl RecordCheck for OpenQuotes {
    fn record(&mut self, row: &Row, out: &mut ContactFindings) {
        unterminated(row.record, Some(row.number), out);
    }

    fn oversized(&mut self, number: u64, record: &Oversized, out: &mut ContactFindings) {
        if let Some(quote) = &record.unterminated {
            out.add(&CsvUnterminatedQuote::META, None, |rule| {
                finding(rule, quote.clone()).row(number)
            });
        }
    }
}

fn unterminated(record: &Record, row: Option<u64>, out: &mut ContactFindings) {
    let Some(last) = record.fields.last().filter(|_| record.unterminated) else {
        return;
    };
    out.add(&CsvUnterminatedQuote::META, None, |rule| {
        let shown = record.show(last.start as usize..last.start as usize + 1);
        let finding = finding(rule, shown);
        match row {
            Some(row) => finding.row(row),
            None => finding,
        }
    });
}

fn finding(rule: &'static RuleMeta, shown: crate::model::contact_file::Shown) -> ContactFinding {
    ContactFinding::at(
        rule,
        shown,
        "this quote is never closed: the rest of the file would import as one value".into(),
    )
    .help("close the quote, or double a `\"` that belongs to the value (`\"\"`)")
}
