use super::CONTACT_FILES;
use super::contact_file::{
    ContactFinding, ContactFindings, ContactRule, Header, RecordCheck, Row, is_blank, show_text,
};

declare_rule! {
    /// ## What it does
    /// Reports a value of a phone or WhatsApp column that, once formatting characters (spaces,
    /// `(`, `)`, `-`, `.`) are dropped, is not an optional `+` and 7 to 15 digits.
    ///
    /// ## Why it matters
    /// Genesys Cloud ignores formatting characters but cannot dial letters, an extension or a
    /// truncated number. It is a warning: the import accepts numbers a stricter check would
    /// refuse (`000000000000`), so nothing here is refused for sure.
    ///
    /// ## Example
    /// ```csv files
    /// --- list.json
    /// {"name": "Sales", "columnNames": ["id", "phone"],
    ///  "phoneColumns": [{"columnName": "phone", "type": "cell"}]}
    /// --- contacts.csv
    /// id,phone
    /// 1,555-CALL-NOW
    /// ```
    ///
    /// Use instead:
    /// ```csv files
    /// --- list.json
    /// {"name": "Sales", "columnNames": ["id", "phone"],
    ///  "phoneColumns": [{"columnName": "phone", "type": "cell"}]}
    /// --- contacts.csv
    /// id,phone
    /// 1,(317) 555-0100
    /// ```
    CsvPhoneFormat {
        id: "csv-phone-format",
        severity: Warning,
        profiles: CONTACT_FILES,
        summary: "A phone number is not 7 to 15 digits",
    }
}

contact_rule!(CsvPhoneFormat);

impl ContactRule for CsvPhoneFormat {
    fn records(&self, header: &Header) -> Option<Box<dyn RecordCheck>> {
        let columns = &header.target?.phone_columns;
        let indices: Vec<(usize, String)> = header
            .indices_of(columns)
            .into_iter()
            .map(|i| (i, header.names[i].clone()))
            .collect();
        (!indices.is_empty()).then(|| Box::new(PhoneCells { indices }) as Box<dyn RecordCheck>)
    }
}

struct PhoneCells {
    indices: Vec<(usize, String)>,
}

impl RecordCheck for PhoneCells {
    fn record(&mut self, row: &Row, out: &mut ContactFindings) {
        if !row.fits() {
            return;
        }
        for (index, name) in &self.indices {
            let Some(value) = row.value(*index) else {
                continue;
            };
            if is_plausible_phone(&value) || is_blank(&value) {
                continue;
            }
            out.add(&CsvPhoneFormat::META, None, |rule| {
                ContactFinding::at(
                    rule,
                    row.show(*index),
                    format!(
                        "{} is not a phone number: after formatting characters, expected an \
                        optional + and 7 to 15 digits",
                        show_text(&value)
                    ),
                )
                .help("write the number with digits only, or in E.164 (+13175550100)")
                .cell(row.number, name)
            });
        }
    }
}

/// An optional leading `+` and 7 to 15 digits, once spaces, `(`, `)`, `-` and `.` are dropped
/// (the spirit of libphonenumber's `IsPossibleNumber`, without a region).
pub(super) fn is_plausible_phone(value: &[u8]) -> bool {
    let mut digits = 0;
    let mut seen_any = false;
    for &byte in value {
        match byte {
            b'0'..=b'9' => digits += 1,
            b'+' if !seen_any => {}
            b' ' | b'\t' | b'(' | b')' | b'-' | b'.' => {}
            _ => return false,
        }
        seen_any |= !matches!(byte, b' ' | b'\t');
    }
    (7..=15).contains(&digits)
}

#[cfg(test)]
mod tests {
    use super::is_plausible_phone;

    #[test]
    fn formatting_is_dropped_and_digits_counted() {
        for good in [
            "317-123-4567",
            "(317) 555-1234",
            "+44 20 7946 0958",
            " +13175550100",
            "000000000000",
        ] {
            assert!(is_plausible_phone(good.as_bytes()), "{good}");
        }
        for bad in [
            "555-CALL",
            "12345",
            "3175550100 x12",
            "1234567890123456",
            "++13175550100",
            "31+75550100",
        ] {
            assert!(!is_plausible_phone(bad.as_bytes()), "{bad}");
        }
    }
}
