use foldhash::{HashMap, HashMapExt};

use super::CONTACT_FILES;
use super::contact_file::{
    ContactFinding, ContactFindings, ContactRule, End, Header, RecordCheck, Row, is_blank,
    show_text,
};
use crate::model::contact_file::Shown;

declare_rule! {
    /// ## What it does
    /// Reports a contact id (the value of the id column) used by an earlier row, with a label
    /// at the first.
    ///
    /// ## Why it matters
    /// The id identifies a contact: a second row with the same id overwrites the first, so one
    /// of the two contacts is lost without a word.
    ///
    /// ## Example
    /// ```csv files id-column:id
    /// --- list.json
    /// {"name": "Sales", "columnNames": ["id", "phone"],
    ///  "phoneColumns": [{"columnName": "phone", "type": "cell"}]}
    /// --- contacts.csv
    /// id,phone
    /// 7,3175550100
    /// 7,3175550101
    /// ```
    ///
    /// Use instead:
    /// ```csv files id-column:id
    /// --- list.json
    /// {"name": "Sales", "columnNames": ["id", "phone"],
    ///  "phoneColumns": [{"columnName": "phone", "type": "cell"}]}
    /// --- contacts.csv
    /// id,phone
    /// 7,3175550100
    /// 8,3175550101
    /// ```
    CsvDuplicateId {
        id: "csv-duplicate-id",
        severity: Warning,
        profiles: CONTACT_FILES,
        summary: "Two rows have the same contact id",
    }
}

contact_rule!(CsvDuplicateId);

impl ContactRule for CsvDuplicateId {
    fn records(&self, header: &Header) -> Option<Box<dyn RecordCheck>> {
        let id = header.target?.id_column.as_deref()?;
        let column = header.index_of(id)?;
        Some(Box::new(IdHashes {
            column,
            name: header.names[column].clone(),
            ids: vec![Vec::new(); 256],
            seen: HashMap::new(),
        }))
    }
}

/// Rows are told apart by 20 bits: ids are compared for the first 2^20 rows (a list holds a
/// million contacts).
const ROW_BITS: u32 = 20;

/// First pass: each id's hash (44 bits) and row (20 bits) in 8 bytes a row. Rows whose hashes
/// meet are read again, and only equal values are reported.
struct IdHashes {
    column: usize,
    name: String,
    /// The ids by their top byte: 256 small sorts, each in cache, instead of one large one.
    ids: Vec<Vec<u64>>,
    /// In the second pass: each id value of the rows read again, with its first row and shown
    /// cell, and the later rows that repeat it.
    seen: HashMap<Vec<u8>, Seen>,
}

struct Seen {
    first: (u64, Shown),
    repeats: Vec<(u64, Shown)>,
}

impl RecordCheck for IdHashes {
    fn record(&mut self, row: &Row, _out: &mut ContactFindings) {
        if !row.fits() {
            return;
        }
        if row.number >= 1 << ROW_BITS {
            return;
        }
        let Some(value) = row.value(self.column) else {
            return;
        };
        let value = value.trim_ascii();
        if is_blank(value) {
            return;
        }
        let id = hash(value) << ROW_BITS | row.number;
        self.ids[(id >> 56) as usize].push(id);
    }

    fn wanted(&mut self) -> Vec<u64> {
        // A million ids sort in a few milliseconds, a bucket at a time on every core.
        let buckets = std::mem::take(&mut self.ids);
        crate::parallel::flat_map(buckets, |mut bucket| {
            bucket.sort_unstable();
            repeated_rows(&bucket)
        })
    }

    fn revisit(&mut self, row: &Row) {
        let Some(value) = row.value(self.column) else {
            return;
        };
        let shown = (row.number, row.show(self.column));
        let value = value.trim_ascii().to_vec();
        match self.seen.get_mut(&value) {
            Some(seen) => seen.repeats.push(shown),
            None => {
                let seen = Seen {
                    first: shown,
                    repeats: Vec::new(),
                };
                self.seen.insert(value, seen);
            }
        }
    }

    fn finish(&mut self, _end: &End, out: &mut ContactFindings) {
        let mut repeats: Vec<(&[u8], &Seen, &(u64, Shown))> = self
            .seen
            .iter()
            .flat_map(|(value, seen)| {
                seen.repeats
                    .iter()
                    .map(move |r| (value.as_slice(), seen, r))
            })
            .collect();
        repeats.sort_by_key(|(_, _, (row, _))| *row);
        for (value, seen, (row, shown)) in repeats {
            let (_, first_shown) = &seen.first;
            let name = &self.name;
            out.add(&CsvDuplicateId::META, None, |rule| {
                let first = match first_shown.line() {
                    Some(line) => format!("on line {line}"),
                    None => "earlier".to_owned(),
                };
                ContactFinding::at(
                    rule,
                    shown.clone(),
                    format!(
                        "the contact id {} is already used {first}",
                        show_text(value)
                    ),
                )
                .label(first_shown.clone(), "first used here")
                .help("give each contact its own id: a repeated id overwrites the earlier contact")
                .cell(*row, name)
            });
        }
    }
}

/// The rows of sorted ids whose hashes are equal.
fn repeated_rows(sorted: &[u64]) -> Vec<u64> {
    let mask = (1 << ROW_BITS) - 1;
    let groups = sorted.chunk_by(|a, b| a >> ROW_BITS == b >> ROW_BITS);
    let repeated = groups.filter(|group| group.len() > 1);
    repeated.flatten().map(|id| id & mask).collect()
}

/// A fast 64-bit hash of an id, eight bytes at a time (the `wyhash`/`fxhash` family's multiply
/// and rotate, then murmur3's finaliser). Equal hashes are only candidates: their values are
/// compared when the rows are read again.
fn hash(value: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = value.len() as u64;
    let mut chunks = value.chunks_exact(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        h = (h ^ word).wrapping_mul(K).rotate_left(29);
    }
    let mut last = [0u8; 8];
    last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    h = (h ^ u64::from_le_bytes(last)).wrapping_mul(K);
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    h ^ (h >> 33)
}
