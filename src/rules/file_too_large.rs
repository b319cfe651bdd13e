use super::{EVERY_PROFILE, Rule};
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
    /// With `max-file-size = 120` (bytes) in `contactlint.toml`, a list that carries its contacts
    /// (an export) is over the cap:
    /// ```json max-file-size:120
    /// {"name": "Sales", "columnNames": ["Cell"], "phoneColumns": [{"columnName": "Cell", "type": "cell"}],
    ///  "contacts": [{"Cell": "+13175550100"}, {"Cell": "+13175550101"}]}
    /// ```
    ///
    /// Use instead: the definition only (import contacts separately), or a larger cap.
    /// ```json max-file-size:120
    /// {"name": "Sales", "columnNames": ["Cell"], "phoneColumns": [{"columnName": "Cell", "type": "cell"}]}
    /// ```
    FileTooLarge {
        id: "file-too-large",
        severity: Error,
        profiles: EVERY_PROFILE,
        summary: "The file is larger than the size cap",
    }
}

/// Found while reading; the engine reports it.
/// Found when the file is read; the engine reports it at the file start.
impl Rule for FileTooLarge {}

impl FileTooLarge {
    pub(crate) fn finding(limit: u64) -> Finding {
        let message = format!(
            "the file is larger than the size cap of {}",
            human_size(limit)
        );
        Finding::new(&Self::META, "", Part::Exact(0..0), message)
    }
}
