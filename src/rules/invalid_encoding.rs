use super::{EVERY_FILE, Rule};
use crate::diagnostic::Finding;
use crate::pointer::Part;

declare_rule! {
    /// ## What it does
    /// Reports a file that is not UTF-8, at its first invalid byte. A UTF-8 byte-order mark is
    /// accepted and skipped.
    ///
    /// ## Why it matters
    /// JSON and TOML files must be UTF-8, and Genesys Cloud stores column names as UTF-8: a
    /// Latin-1 or UTF-16 file silently turns names into different text.
    ///
    /// ## Example
    /// This text saved as Latin-1 (the `é` is the one byte 0xE9):
    /// ```json latin1
    /// {"name": "Café", "columnNames": ["Cell"], "phoneColumns": [{"columnName": "Cell", "type": "cell"}]}
    /// ```
    ///
    /// Use instead: the same text saved as UTF-8.
    /// ```json
    /// {"name": "Café", "columnNames": ["Cell"], "phoneColumns": [{"columnName": "Cell", "type": "cell"}]}
    /// ```
    InvalidEncoding {
        id: "invalid-encoding",
        severity: Error,
        profiles: EVERY_FILE,
        summary: "The file is not UTF-8",
    }
}

/// Found while decoding; the engine reports it.
/// Found when the file is decoded; the engine reports it at the first bad byte.
impl Rule for InvalidEncoding {}

impl InvalidEncoding {
    /// `offset`: the text offset of the first byte that is not UTF-8.
    pub(crate) fn finding(offset: usize) -> Finding {
        let message = "the file is not valid UTF-8".to_owned();
        Finding::new(&Self::META, "", Part::Exact(offset..offset), message)
    }

    /// A file in UTF-16 (Windows tools' "Unicode"), which has no text to show.
    pub(crate) fn utf16() -> Finding {
        let message = "the file is UTF-16; save it as UTF-8".to_owned();
        Finding::new(&Self::META, "", Part::Exact(0..0), message).help(
            "Excel's \"Unicode text\" and Windows PowerShell's `>` write UTF-16; save the \
                file again as UTF-8 (in PowerShell: Out-File -Encoding utf8)",
        )
    }
}
