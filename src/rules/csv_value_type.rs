use super::CONTACT_FILES;
use super::contact_file::{
    ContactFinding, ContactFindings, ContactRule, Header, RecordCheck, Row, is_blank, show_text,
};
use crate::model::contact_file::{ValueType, chars};

declare_rule! {
    /// ## What it does
    /// Checks values against the list's `columnDataTypeSpecifications` (and a definition's
    /// `NUMBER` columns): a NUMERIC value that is not a number or lies outside `min`/`max`, a
    /// TEXT value longer than `maxLength`.
    ///
    /// ## Why it matters
    /// Dynamic queueing and rules compare these values as numbers or cut them at their length;
    /// a value that is not what the column says sorts and filters wrongly. It is a warning:
    /// Genesys Cloud does not document how it imports such a value.
    ///
    /// ## Example
    /// ```csv files
    /// --- list.json
    /// {"name": "Sales", "columnNames": ["id", "phone", "score"],
    ///  "phoneColumns": [{"columnName": "phone", "type": "cell"}],
    ///  "columnDataTypeSpecifications": [{"columnName": "score", "columnDataType": "NUMERIC", "min": 1, "max": 10}]}
    /// --- contacts.csv
    /// id,phone,score
    /// 1,3175550100,eleven
    /// ```
    ///
    /// Use instead:
    /// ```csv files
    /// --- list.json
    /// {"name": "Sales", "columnNames": ["id", "phone", "score"],
    ///  "phoneColumns": [{"columnName": "phone", "type": "cell"}],
    ///  "columnDataTypeSpecifications": [{"columnName": "score", "columnDataType": "NUMERIC", "min": 1, "max": 10}]}
    /// --- contacts.csv
    /// id,phone,score
    /// 1,3175550100,7
    /// ```
    CsvValueType {
        id: "csv-value-type",
        severity: Warning,
        profiles: CONTACT_FILES,
        summary: "A value does not fit its column's data type",
    }
}

contact_rule!(CsvValueType);

impl ContactRule for CsvValueType {
    fn records(&self, header: &Header) -> Option<Box<dyn RecordCheck>> {
        let columns: Vec<(usize, String, ValueType)> = header
            .target?
            .value_types
            .iter()
            .filter_map(|(name, kind)| {
                let index = header.index_of(name)?;
                Some((index, header.names[index].clone(), kind.clone()))
            })
            .collect();
        (!columns.is_empty()).then(|| Box::new(TypedCells { columns }) as Box<dyn RecordCheck>)
    }
}

struct TypedCells {
    columns: Vec<(usize, String, ValueType)>,
}

impl RecordCheck for TypedCells {
    fn record(&mut self, row: &Row, out: &mut ContactFindings) {
        if !row.fits() {
            return;
        }
        for (index, name, kind) in &self.columns {
            let Some(value) = row.value(*index) else {
                continue;
            };
            let Some((problem, help)) = problem(&value, kind).filter(|_| !is_blank(&value)) else {
                continue;
            };
            out.add(&CsvValueType::META, None, |rule| {
                ContactFinding::at(rule, row.show(*index), problem)
                    .help(help)
                    .cell(row.number, name)
            });
        }
    }
}

/// What is wrong with a value of a typed column, and how to mend it.
fn problem(value: &[u8], kind: &ValueType) -> Option<(String, &'static str)> {
    const OUT_OF_RANGE: &str = "correct the value, or widen the column's range in the list";
    match *kind {
        ValueType::Numeric { min, max } => {
            let Some(number) = number(value) else {
                return Some((
                    format!(
                        "{} is not a number, but its column is NUMERIC",
                        show_text(value)
                    ),
                    "write a plain number (digits, an optional sign and decimal point), or \
                    leave the cell empty",
                ));
            };
            match (min, max) {
                (Some(min), _) if number < min => Some((
                    format!("{number} is below the column's min of {min}"),
                    OUT_OF_RANGE,
                )),
                (_, Some(max)) if number > max => Some((
                    format!("{number} is above the column's max of {max}"),
                    OUT_OF_RANGE,
                )),
                _ => None,
            }
        }
        ValueType::Text {
            max_length: Some(limit),
        } => {
            // A value has no more characters than bytes: most need no counting.
            if value.len() as f64 <= limit {
                return None;
            }
            let length = chars(value);
            (length as f64 > limit).then(|| {
                let problem =
                    format!("the value has {length} characters; its column's maxLength is {limit}");
                (
                    problem,
                    "shorten the value, or raise the column's maxLength in the list",
                )
            })
        }
        ValueType::Text { max_length: None } => None,
    }
}

/// A value as a number: a plain integer is read directly (most values are), anything else as
/// Rust reads a float; `None` when it is not a finite number.
fn number(value: &[u8]) -> Option<f64> {
    let digits = value.trim_ascii();
    if !digits.is_empty() && digits.len() <= 15 && digits.iter().all(u8::is_ascii_digit) {
        return Some(
            digits
                .iter()
                .fold(0u64, |n, d| n * 10 + u64::from(d - b'0')) as f64,
        );
    }
    let text = std::str::from_utf8(digits).ok()?;
    text.parse::<f64>().ok().filter(|n| n.is_finite())
}
