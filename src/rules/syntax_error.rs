use std::ops::Range;

use super::{EVERY_PROFILE, Rule};
use crate::diagnostic::Finding;
use crate::pointer::Part;

declare_rule! {
    /// ## What it does
    /// Reports a file that is not valid JSON (RFC 8259: no comments, no trailing commas), not
    /// valid TOML 1.0 or not valid HCL (a `.tf` file; more than 64 nested levels count as
    /// invalid), at the exact position where parsing failed. In TOML and HCL a repeated key is a
    /// syntax error too.
    ///
    /// ## Why it matters
    /// Nothing else can be checked until the file parses, and the Genesys Cloud API (or
    /// `terraform plan`) rejects the whole file.
    ///
    /// ## Example
    /// ```json
    /// {"name": "Sales", "type": "CSV_FILE", "columns": [{"name": "phone", "type": "PHONE"}],}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"name": "Sales", "type": "CSV_FILE", "columns": [{"name": "phone", "type": "PHONE"}]}
    /// ```
    SyntaxError {
        id: "syntax-error",
        severity: Error,
        profiles: EVERY_PROFILE,
        summary: "The file is not valid JSON, TOML or HCL",
    }
}

/// Found by the parsers; the engine reports it.
impl Rule for SyntaxError {}

impl SyntaxError {
    /// `syntax`: how the syntax is named (`JSON`); `message`: the parser's, continuing a sentence.
    pub(crate) fn finding(syntax: &str, message: &str, range: Range<usize>) -> Finding {
        let message = format!("invalid {syntax}: {message}");
        Finding::new(&Self::META, "", Part::Exact(range), message)
    }
}
