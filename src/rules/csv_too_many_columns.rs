use super::CONTACT_FILES;
use super::contact_file::{ContactFinding, ContactFindings, ContactRule, Header};

declare_rule! {
    /// ## What it does
    /// Reports a header row with more columns than `[limits] columns` in `contactlint.toml`
    /// (50 by default, the documented limit), from the first one past the limit on.
    ///
    /// ## Why it matters
    /// Genesys Cloud refuses such a file with `CONTACT_COLUMNS_LIMIT_EXCEEDED` — an error that
    /// does not appear in the Event Viewer, and that users of the Terraform provider meet only
    /// at apply. An organisation whose limit was raised sets it: `[limits] columns = 60`.
    ///
    /// ## Example
    /// ```csv
    /// c1,c2,c3,c4,c5,c6,c7,c8,c9,c10,c11,c12,c13,c14,c15,c16,c17,c18,c19,c20,c21,c22,c23,c24,c25,c26,c27,c28,c29,c30,c31,c32,c33,c34,c35,c36,c37,c38,c39,c40,c41,c42,c43,c44,c45,c46,c47,c48,c49,c50,c51
    /// ```
    ///
    /// Use instead: at most 50 columns.
    /// ```csv
    /// c1,c2,c3,c4,c5,c6,c7,c8,c9,c10,c11,c12,c13,c14,c15,c16,c17,c18,c19,c20,c21,c22,c23,c24,c25,c26,c27,c28,c29,c30,c31,c32,c33,c34,c35,c36,c37,c38,c39,c40,c41,c42,c43,c44,c45,c46,c47,c48,c49,c50
    /// ```
    CsvTooManyColumns {
        id: "csv-too-many-columns",
        severity: Error,
        profiles: CONTACT_FILES,
        summary: "More columns than `[limits] columns` (50 by default)",
    }
}

contact_rule!(CsvTooManyColumns);

impl ContactRule for CsvTooManyColumns {
    fn check_header(&self, header: &Header, out: &mut ContactFindings) {
        let (count, limit) = (header.names.len(), header.max_columns);
        if count <= limit {
            return;
        }
        let fields = header.record.fields;
        let span = fields[limit].start as usize..fields[count - 1].end as usize;
        out.add(&Self::META, None, |rule| {
            ContactFinding::at(
                rule,
                header.record.show(span),
                format!(
                    "the file has {count} columns, over the limit of {limit}: Genesys Cloud \
                    refuses more (CONTACT_COLUMNS_LIMIT_EXCEEDED)"
                ),
            )
            .help(format!(
                "remove {} columns, or split the contacts into two lists; an organisation whose \
                limit is higher says so in contactlint.toml: `[limits] columns = N`",
                count - limit
            ))
        });
    }
}
