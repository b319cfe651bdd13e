use super::{BOTH, Rule};
use crate::diagnostic::Finding;
use crate::pointer::Part;
use crate::text::human_size;

declare_rule! {
    /// ## What it does
    /// Reports a file larger than the size cap (8 MiB unless configured) without parsing it.
    ///
    /// ## Why it matters
    /// A contact-list definition is a few kilobytes. A file this large is almost always a data
    /// export or a mistake, and reading it whole would slow every hook and CI run.
    ///
    /// ## Example
    /// ```text
    /// lists/export.json    (120 MiB of contacts)
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// lists/sales.json     (the definition only; import contacts separately)
    /// ```
    FileTooLarge {
        id: "file-too-large",
        severity: Error,
        profiles: BOTH,
        summary: "The file is larger than the size cap",
    }
}

/// Found while reading; the engine reports it.
/// Found when the file is read; the engine reports it at the file start.
impl Rule for FileTooLarge {}

impl FileTooLarge {
    pub fn finding(limit: u64) -> Finding {
        let message = format!(
            "the file is larger than the size cap of {}",
            human_size(limit)
        );
        Finding::new(&Self::META, "", Part::Exact(0..0), message)
    }
}
