use super::CONTACT_FILES;
use super::contact_file::{
    ContactFinding, ContactFindings, ContactRule, Header, MAX_CELL, RecordCheck, Row,
};
use crate::diagnostic::RuleMeta;
use crate::model::contact_file::{Oversized, chars};

declare_rule! {
    /// ## What it does
    /// Reports a value longer than 512 characters (counted in characters, not bytes).
    ///
    /// ## Why it matters
    /// Genesys Cloud refuses such a value on import and says so only in its Event Viewer,
    /// after the upload.
    ///
    /// ## Example
    /// A `notes` value of 600 characters:
    /// ```csv
    /// id,phone,notes
    /// 1,3175550100,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
    /// ```
    ///
    /// Use instead: keep values to 512 characters.
    /// ```csv
    /// id,phone,notes
    /// 1,3175550100,xxxx
    /// ```
    CsvCellTooLong {
        id: "csv-cell-too-long",
        severity: Error,
        profiles: CONTACT_FILES,
        summary: "A value is longer than 512 characters",
    }
}

contact_rule!(CsvCellTooLong);

impl ContactRule for CsvCellTooLong {
    fn records(&self, header: &Header) -> Option<Box<dyn RecordCheck>> {
        Some(Box::new(HeaderNames {
            names: header.names.clone(),
        }))
    }
}

struct HeaderNames {
    names: Vec<String>,
}

impl HeaderNames {
    fn name(&self, index: usize) -> String {
        self.names
            .get(index)
            .cloned()
            .unwrap_or_else(|| format!("field {}", index + 1))
    }
}

impl RecordCheck for HeaderNames {
    fn record(&mut self, row: &Row, out: &mut ContactFindings) {
        for (index, field) in row.record.fields.iter().enumerate() {
            // A value of at most 512 bytes has at most 512 characters.
            if (field.end - field.start) as u64 <= MAX_CELL {
                continue;
            }
            let length = chars(&row.value(index).unwrap_or_default());
            if length <= MAX_CELL {
                continue;
            }
            let name = self.name(index);
            out.add(&CsvCellTooLong::META, None, |rule| {
                finding(rule, row.show(index), length, &name).cell(row.number, &name)
            });
        }
    }

    fn oversized(&mut self, number: u64, record: &Oversized, out: &mut ContactFindings) {
        for (index, length, shown) in &record.long {
            let name = self.name(*index);
            out.add(&CsvCellTooLong::META, None, |rule| {
                finding(rule, shown.clone(), *length, &name).cell(number, &name)
            });
        }
    }
}

fn finding(
    rule: &'static RuleMeta,
    shown: crate::model::contact_file::Shown,
    length: u64,
    name: &str,
) -> ContactFinding {
    ContactFinding::at(
        rule,
        shown,
        format!("this {name} value has {length} characters; Genesys Cloud allows {MAX_CELL}"),
    )
    .help("shorten the value, or keep long text outside the contact list")
}
