use super::{BOTH, Rule};

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
impl Rule for FileTooLarge {}
