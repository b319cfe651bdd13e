use super::CONTACT_FILES;
use super::contact_file::{ContactFinding, ContactFindings, ContactRule, Header};

declare_rule! {
    /// ## What it does
    /// Reports a header that is blank, longer than 128 characters, or holds a backslash or a
    /// control character.
    ///
    /// ## Why it matters
    /// Genesys Cloud limits column names to 128 characters and refuses special characters
    /// "such as a backslash"; a blank header (often from a trailing comma) makes a column
    /// nobody can name.
    ///
    /// ## Example
    /// ```csv
    /// id,phone,
    /// 1,3175550100,
    /// ```
    ///
    /// Use instead:
    /// ```csv
    /// id,phone
    /// 1,3175550100
    /// ```
    CsvInvalidHeader {
        id: "csv-invalid-header",
        severity: Error,
        profiles: CONTACT_FILES,
        summary: "A header is blank, too long or holds a forbidden character",
    }
}

/// Genesys Cloud's limit on a column name, in characters.
const MAX_HEADER: usize = 128;

contact_rule!(CsvInvalidHeader);

impl ContactRule for CsvInvalidHeader {
    fn check_header(&self, header: &Header, out: &mut ContactFindings) {
        for (index, name) in header.names.iter().enumerate() {
            let Some((problem, help)) = problem(name) else {
                continue;
            };
            out.add(&Self::META, None, |rule| {
                ContactFinding::at(rule, header.show(index), problem).help(help)
            });
        }
    }
}

fn problem(name: &str) -> Option<(String, &'static str)> {
    let length = name.chars().count();
    if name.trim().is_empty() {
        Some((
            "a header is blank".into(),
            "name the column, or remove it (a trailing comma makes a blank header)",
        ))
    } else if length > MAX_HEADER {
        Some((
            format!("the header has {length} characters; Genesys Cloud allows {MAX_HEADER}"),
            "shorten the column name",
        ))
    } else if name.contains('\\') {
        Some((
            format!("the header \"{name}\" holds a backslash, which Genesys Cloud refuses"),
            "remove the backslash from the column name",
        ))
    } else if name.chars().any(char::is_control) {
        Some((
            format!("the header {:?} holds a control character", name),
            "remove the control character (a tab or line end inside the quotes) from the column \
                name",
        ))
    } else {
        None
    }
}
