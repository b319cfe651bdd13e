//! What the rules of contact files see and how they report. A contact file is streamed: a rule
//! checks its header once ([`ContactRule::check_header`]) and may follow its records with a
//! checker of its own ([`ContactRule::records`]) that keeps what it needs across rows (and no
//! more: memory must not grow with the file). Findings point at a shown span of the file; what is
//! only known at the end (a duplicate id) asks for its rows again ([`RecordCheck::wanted`]), and
//! the engine reads the file a second time for them.

use std::borrow::Cow;

use crate::diagnostic::{Finding, FindingLabel, RuleMeta, Severity};
use crate::model::contact_file::{Mode, Oversized, Record, Shown, Target, unquote};

/// Findings of one rule in one file beyond this many are counted, not kept.
pub const PRINTED_PER_RULE: usize = 100;

/// Genesys Cloud's limit on a value, in characters.
pub const MAX_CELL: u64 = 512;

/// Where a finding in a contact file points: a shown span of the file and, for a finding about
/// a row or a cell, its 1-based data row and its column's header.
#[derive(Debug, Clone, Default)]
pub struct Spot {
    pub shown: Shown,
    pub row: Option<u64>,
    pub column_name: Option<String>,
}

impl From<Shown> for Spot {
    fn from(shown: Shown) -> Spot {
        Spot {
            shown,
            row: None,
            column_name: None,
        }
    }
}

/// A finding in a contact file.
pub type ContactFinding = Finding<Spot>;

impl Finding<Spot> {
    pub fn label(mut self, shown: Shown, message: impl Into<String>) -> ContactFinding {
        self.labels.push(FindingLabel {
            file: None,
            target: shown.into(),
            message: message.into(),
        });
        self
    }

    /// The finding is about a cell: its row and its column's header.
    pub fn cell(mut self, row: u64, column_name: &str) -> ContactFinding {
        self.target.row = Some(row);
        self.target.column_name = Some(column_name.to_owned());
        self
    }

    pub fn row(mut self, row: u64) -> ContactFinding {
        self.target.row = Some(row);
        self
    }
}

/// The findings of one file: up to [`PRINTED_PER_RULE`] of each rule kept, the rest counted.
#[derive(Debug, Default)]
pub struct ContactFindings {
    pub kept: Vec<ContactFinding>,
    /// Per rule (and own severity): how many findings there were in all.
    counts: Vec<(&'static str, Option<Severity>, usize)>,
}

impl ContactFindings {
    /// Adds a finding of `rule`, built (and given the rule) only when it is kept.
    pub fn add(
        &mut self,
        rule: &'static RuleMeta,
        severity: Option<Severity>,
        build: impl FnOnce(&'static RuleMeta) -> ContactFinding,
    ) {
        let of_rule: usize = self
            .counts
            .iter()
            .filter(|c| c.0 == rule.id)
            .map(|c| c.2)
            .sum();
        match self
            .counts
            .iter_mut()
            .find(|c| c.0 == rule.id && c.1 == severity)
        {
            Some(count) => count.2 += 1,
            None => self.counts.push((rule.id, severity, 1)),
        }
        if of_rule < PRINTED_PER_RULE {
            let mut finding = build(rule);
            finding.severity = severity.or(finding.severity);
            self.kept.push(finding);
        }
    }

    /// Drops every finding but those of `rule` (whose finding makes the others meaningless).
    pub fn only(&mut self, rule: &RuleMeta) {
        self.kept.retain(|f| f.rule.id == rule.id);
        self.counts.retain(|c| c.0 == rule.id);
    }

    /// How many findings of each rule (and own severity) were counted but not kept.
    pub fn omitted(&self) -> impl Iterator<Item = (&'static str, Option<Severity>, usize)> + '_ {
        self.counts.iter().filter_map(|&(rule, severity, count)| {
            let kept = self
                .kept
                .iter()
                .filter(|f| f.rule.id == rule && f.severity == severity)
                .count();
            (count > kept).then_some((rule, severity, count - kept))
        })
    }
}

/// The header of a contact file and what it is checked against.
pub struct Header<'a> {
    pub record: &'a Record<'a>,
    /// Each header's text (invalid UTF-8 replaced).
    pub names: Vec<String>,
    pub target: Option<&'a Target>,
    /// The most data rows a list takes (1,000,000; lower only in tests).
    pub max_rows: u64,
    /// The most columns a list takes (`[limits] columns`).
    pub max_columns: usize,
    /// The file starts with a UTF-8 byte-order mark (not part of `names`).
    pub byte_order_mark: bool,
}

impl<'a> Header<'a> {
    pub fn new(
        record: &'a Record<'a>,
        target: Option<&'a Target>,
        max_rows: u64,
        max_columns: usize,
    ) -> Header<'a> {
        let names = record
            .fields
            .iter()
            .map(|f| String::from_utf8_lossy(&record.value(f)).into_owned())
            .collect();
        Header {
            record,
            names,
            target,
            max_rows,
            max_columns,
            byte_order_mark: false,
        }
    }

    /// The list and its declared columns, when the file is paired and its columns are known.
    pub fn declared_columns(&self) -> Option<(&'a Target, &'a [String])> {
        let target = self.target?;
        Some((target, target.columns.as_deref()?))
    }

    /// The list's declared columns (and its id column) that have no header, each with the
    /// header it is probably misspelt as (a did-you-mean): `csv-missing-column` and
    /// `csv-missing-id-column` report them, and `csv-extra-column` leaves the misspelt headers
    /// to them, so that one mistake gives one finding.
    pub fn missing_columns(&self) -> Vec<(&'a str, Option<usize>)> {
        let Some(target) = self.target else {
            return Vec::new();
        };
        let declared = target.columns.as_deref().unwrap_or_default();
        let id = target.id_column.iter().filter(|id| !declared.contains(id));
        let headers: Vec<&str> = self.names.iter().map(String::as_str).collect();
        declared
            .iter()
            .chain(id)
            .filter(|column| self.index_of(column).is_none())
            .map(|column| {
                let suggestion = crate::suggest::did_you_mean(column, &headers, &[]);
                let index = suggestion.and_then(|s| headers.iter().position(|h| *h == s));
                (column.as_str(), index)
            })
            .collect()
    }

    /// The index of the header that names `column`: exactly, or in any case when appending.
    pub fn index_of(&self, column: &str) -> Option<usize> {
        let exact = self.names.iter().position(|n| n == column);
        match self.target.map(|t| t.mode) {
            Some(Mode::Append) => exact.or_else(|| {
                let folded = column.to_lowercase();
                self.names.iter().position(|n| n.to_lowercase() == folded)
            }),
            _ => exact,
        }
    }

    /// The indices of the headers of some columns that are present.
    pub fn indices_of(&self, columns: &[String]) -> Vec<usize> {
        columns.iter().filter_map(|c| self.index_of(c)).collect()
    }

    /// A header, shown.
    pub fn show(&self, index: usize) -> Shown {
        self.record.show_field(&self.record.fields[index])
    }
}

/// One data row.
pub struct Row<'a> {
    /// 1-based, after the header.
    pub number: u64,
    pub record: &'a Record<'a>,
    /// How many headers there are.
    pub columns: usize,
}

impl Row<'_> {
    /// Whether the row has a field for each header. Rules about a column's values judge only
    /// such rows: in any other the values sit under the wrong headers, which `csv-field-count`
    /// reports once.
    pub fn fits(&self) -> bool {
        self.record.fields.len() == self.columns
    }

    /// The value of a cell, when the row has it.
    pub fn value(&self, index: usize) -> Option<Cow<'_, [u8]>> {
        let field = self.record.fields.get(index)?;
        Some(unquote(self.record.raw(field), field.quoted))
    }

    /// A cell, shown.
    pub fn show(&self, index: usize) -> Shown {
        match self.record.fields.get(index) {
            Some(field) => self.record.show_field(field),
            None => self.record.shown(),
        }
    }

    /// Whether every cell is empty (or the line is blank).
    pub fn is_empty(&self) -> bool {
        // Most rows start with a value: no need to look at each cell.
        let maybe_empty = |b: &u8| matches!(b, b',' | b' ' | b'\t' | b'"');
        if !self.record.text.iter().all(maybe_empty) {
            return false;
        }
        self.record.fields.iter().all(|f| {
            let value = unquote(self.record.raw(f), f.quoted);
            value.iter().all(|b| *b == b' ' || *b == b'\t')
        })
    }
}

/// Where the file ends, for checks made at the end.
pub struct End {
    /// Data rows read.
    pub rows: u64,
}

/// A rule about contact files.
pub trait ContactRule: super::Meta + Sync {
    /// Checks the header row.
    fn check_header(&self, _header: &Header, _out: &mut ContactFindings) {}

    /// A checker that follows the data rows of one file, if the rule checks rows.
    fn records(&self, _header: &Header) -> Option<Box<dyn RecordCheck>> {
        None
    }

    /// Whether a finding of this rule in the header makes every other finding of the file
    /// meaningless (a file not separated by commas): the engine then keeps only its own.
    fn silences_the_others(&self) -> bool {
        false
    }
}

/// Follows the data rows of one file.
pub trait RecordCheck {
    fn record(&mut self, row: &Row, out: &mut ContactFindings);

    /// A row too long to hold (over a megabyte), read through: only its field count and its
    /// long fields are known.
    fn oversized(&mut self, _number: u64, _record: &Oversized, _out: &mut ContactFindings) {}

    /// Rows to see again once every row has been seen (in any order; none by default).
    fn wanted(&mut self) -> Vec<u64> {
        Vec::new()
    }

    /// One of the rows asked for by [`RecordCheck::wanted`], read again.
    fn revisit(&mut self, _row: &Row) {}

    fn finish(&mut self, _end: &End, _out: &mut ContactFindings) {}
}

/// Text of a value for messages (cut when long).
pub fn show_text(value: &[u8]) -> String {
    let text = String::from_utf8_lossy(value);
    let mut shown: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        shown.push('…');
    }
    serde_json::Value::from(shown).to_string()
}

/// Whether a value is blank once trimmed (Genesys trims values by default).
pub fn is_blank(value: &[u8]) -> bool {
    value.iter().all(|b| b.is_ascii_whitespace())
}
