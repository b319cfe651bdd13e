use super::CONTACT_FILES;
use super::contact_file::{ContactFinding, ContactFindings, ContactRule, Header};
use crate::diagnostic::Severity;
use foldhash::{HashMap, HashMapExt};

declare_rule! {
    /// ## What it does
    /// Reports a header that repeats an earlier one, with a label at the first. A header that
    /// differs from an earlier one only in case is a warning: appending matches columns in any
    /// case, so the two become one.
    ///
    /// ## Why it matters
    /// Genesys Cloud: "If you duplicate a column name, the file does not import."
    ///
    /// ## Example
    /// ```csv
    /// id,phone,phone
    /// 1,3175550100,3175550101
    /// ```
    ///
    /// Use instead:
    /// ```csv
    /// id,phone,phone2
    /// 1,3175550100,3175550101
    /// ```
    CsvDuplicateHeader {
        id: "csv-duplicate-header",
        severity: Error,
        profiles: CONTACT_FILES,
        summary: "A header appears twice",
    }
}

contact_rule!(CsvDuplicateHeader);

impl ContactRule for CsvDuplicateHeader {
    fn check_header(&self, header: &Header, out: &mut ContactFindings) {
        let mut seen = HashMap::new();
        let mut folded = HashMap::new();
        for (index, name) in header.names.iter().enumerate() {
            if let Some(&first) = seen.get(name.as_str()) {
                out.add(&Self::META, None, |rule| {
                    ContactFinding::at(
                        rule,
                        header.show(index),
                        format!("the header \"{name}\" appears twice; the file would not import"),
                    )
                    .label(header.show(first), "first here")
                    .help("rename or remove one of the two columns")
                });
                continue;
            }
            seen.insert(name.as_str(), index);
            let key = name.to_lowercase();
            if let Some(&first) = folded.get(&key) {
                let earlier = &header.names[first];
                out.add(&Self::META, Some(Severity::Warning), |rule| {
                    ContactFinding::at(
                        rule,
                        header.show(index),
                        format!(
                            "the header \"{name}\" differs from \"{earlier}\" only in case; \
                            appending treats them as one column"
                        ),
                    )
                    .label(header.show(first), "the other one")
                    .help("give the two columns names that differ in more than case")
                });
                continue;
            }
            folded.insert(key, index);
        }
    }
}
