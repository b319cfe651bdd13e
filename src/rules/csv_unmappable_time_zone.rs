use super::CONTACT_FILES;
use super::contact_file::{
    ContactFinding, ContactFindings, ContactRule, Header, RecordCheck, Row, is_blank, show_text,
};
use super::csv_phone_format::is_plausible_phone;

declare_rule! {
    /// ## What it does
    /// With the list's automatic time-zone mapping on, reports a zip-code cell that is not a US
    /// zip code (5 digits, or ZIP+4 as `12345-6789`) and, when the list has no zip-code column, a
    /// phone cell that is not a North American number (an optional `+1` or `1`, then ten digits,
    /// the area code and the exchange each starting with 2 to 9). A number that is no phone
    /// number at all is `csv-phone-format`'s.
    ///
    /// ## Why it matters
    /// Automatic time-zone mapping reads US zip codes and North American area codes only (Help
    /// Center, "Automatic time zone mapping examples"): any other contact cannot be placed and
    /// silently gets the campaign's default calling window, which may be the middle of its night.
    ///
    /// ## Example
    /// ```csv files id-column:id
    /// --- list.json
    /// {"name": "Sales", "columnNames": ["id", "phone", "zip"],
    ///  "phoneColumns": [{"columnName": "phone", "type": "cell"}],
    ///  "automaticTimeZoneMapping": true, "zipCodeColumnName": "zip"}
    /// --- contacts.csv
    /// id,phone,zip
    /// 1,3175550100,K1A 0B6
    /// ```
    ///
    /// Use instead: US zip codes (or a list without automatic mapping, with a time-zone column).
    /// ```csv files id-column:id
    /// --- list.json
    /// {"name": "Sales", "columnNames": ["id", "phone", "zip"],
    ///  "phoneColumns": [{"columnName": "phone", "type": "cell"}],
    ///  "automaticTimeZoneMapping": true, "zipCodeColumnName": "zip"}
    /// --- contacts.csv
    /// id,phone,zip
    /// 1,3175550100,46204-1234
    /// ```
    CsvUnmappableTimeZone {
        id: "csv-unmappable-time-zone",
        severity: Warning,
        profiles: CONTACT_FILES,
        summary: "Automatic time-zone mapping cannot place a contact",
    }
}

contact_rule!(CsvUnmappableTimeZone);

impl ContactRule for CsvUnmappableTimeZone {
    fn records(&self, header: &Header) -> Option<Box<dyn RecordCheck>> {
        let target = header.target.filter(|t| t.automatic_time_zone_mapping)?;
        let named = |index: usize| (index, header.names[index].clone());
        let (columns, kind) = match &target.zip_code_column {
            Some(zip) => (
                header.index_of(zip).map(named).into_iter().collect(),
                Kind::Zip,
            ),
            None => {
                let phones = header.indices_of(&target.phone_columns);
                (phones.into_iter().map(named).collect(), Kind::Phone)
            }
        };
        let check: Vec<(usize, String)> = columns;
        (!check.is_empty()).then(|| {
            Box::new(Placed {
                columns: check,
                kind,
            }) as Box<dyn RecordCheck>
        })
    }
}

/// What automatic mapping reads: the zip code when the list has a zip-code column, else the
/// phone numbers.
#[derive(Clone, Copy)]
enum Kind {
    Zip,
    Phone,
}

struct Placed {
    columns: Vec<(usize, String)>,
    kind: Kind,
}

impl RecordCheck for Placed {
    fn record(&mut self, row: &Row, out: &mut ContactFindings) {
        if !row.fits() {
            return;
        }
        for (index, name) in &self.columns {
            let Some(value) = row.value(*index).filter(|v| !is_blank(v)) else {
                continue;
            };
            let (mappable, what, help) = match self.kind {
                Kind::Zip => (
                    is_us_zip_code(&value),
                    "a US zip code",
                    "write a 5-digit US zip code (or ZIP+4); a contact outside the US needs a \
                    list without automatic mapping, with a time-zone column",
                ),
                Kind::Phone => (
                    is_north_american(&value) || !is_plausible_phone(&value),
                    "a North American number",
                    "automatic mapping reads North American area codes only: add a zip-code \
                    column, or use a list with a time-zone column for contacts elsewhere",
                ),
            };
            if mappable {
                continue;
            }
            out.add(&CsvUnmappableTimeZone::META, None, |rule| {
                ContactFinding::at(
                    rule,
                    row.show(*index),
                    format!(
                        "{} is not {what}: automatic time-zone mapping cannot place this contact, \
                        who gets the default calling window",
                        show_text(&value)
                    ),
                )
                .help(help)
                .cell(row.number, name)
            });
        }
    }
}

/// `12345` or `12345-6789` (surrounding spaces aside).
fn is_us_zip_code(value: &[u8]) -> bool {
    let digits =
        |part: &[u8], count: usize| part.len() == count && part.iter().all(u8::is_ascii_digit);
    match value
        .trim_ascii()
        .split(|&b| b == b'-')
        .collect::<Vec<_>>()
        .as_slice()
    {
        [zip] => digits(zip, 5),
        [zip, plus_four] => digits(zip, 5) && digits(plus_four, 4),
        _ => false,
    }
}

/// A North American Numbering Plan number: an optional `+1` or `1`, then ten digits whose area
/// code and exchange start with 2 to 9 (formatting characters aside).
fn is_north_american(value: &[u8]) -> bool {
    let text = value.trim_ascii();
    let international = text.first() == Some(&b'+');
    let digits: Vec<u8> = text.iter().copied().filter(u8::is_ascii_digit).collect();
    let national = match (international, digits.as_slice()) {
        (true, [b'1', rest @ ..]) => rest,
        (true, _) => return false,
        (false, [b'1', rest @ ..]) if rest.len() == 10 => rest,
        (false, all) => all,
    };
    national.len() == 10 && national[0] >= b'2' && national[3] >= b'2'
}

#[cfg(test)]
mod tests {
    use super::{is_north_american, is_us_zip_code};

    #[test]
    fn zip_codes_are_five_digits_or_zip_plus_four() {
        for good in ["46204", " 46204-1234 "] {
            assert!(is_us_zip_code(good.as_bytes()), "{good}");
        }
        for bad in ["K1A 0B6", "4620", "462041234", "46204-12", "SW1A 1AA"] {
            assert!(!is_us_zip_code(bad.as_bytes()), "{bad}");
        }
    }

    #[test]
    fn north_american_numbers_have_ten_digits_after_the_country_code() {
        for good in [
            "(317) 555-0100",
            "+1 317 555 0100",
            "13175550100",
            "416-555-0199",
        ] {
            assert!(is_north_american(good.as_bytes()), "{good}");
        }
        for bad in [
            "+44 20 7946 0958",
            "020 7946 0958",
            "+33 1 23 45 67 89",
            "1175550100",
        ] {
            assert!(!is_north_american(bad.as_bytes()), "{bad}");
        }
    }
}
