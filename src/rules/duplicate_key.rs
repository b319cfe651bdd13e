use super::{Context, EVERY_PROFILE, Rule};
use crate::diagnostic::Finding;
use crate::pointer::{Part, last_segment};

declare_rule! {
    /// ## What it does
    /// Reports a key that appears twice in the same JSON object. The later value is the one that
    /// is checked (and the one most JSON readers keep).
    ///
    /// ## Why it matters
    /// Which of the two values the API sees depends on the reader; the other one is silently
    /// lost. (TOML forbids repeated keys, so they are reported as `syntax-error` there.)
    ///
    /// ## Example
    /// ```json
    /// {"name": "Sales", "type": "CSV_FILE", "name": "Sales EMEA", "columns": [{"name": "phone", "type": "PHONE"}]}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"name": "Sales EMEA", "type": "CSV_FILE", "columns": [{"name": "phone", "type": "PHONE"}]}
    /// ```
    DuplicateKey {
        id: "duplicate-key",
        severity: Error,
        profiles: EVERY_PROFILE,
        summary: "A JSON object repeats a key",
    }
}

impl Rule for DuplicateKey {
    fn check_list(&self, cx: &Context, out: &mut Vec<Finding>) {
        for duplicate in cx.list.duplicate_keys {
            let key = last_segment(&duplicate.pointer);
            let message = format!(
                "the key \"{key}\" appears more than once in this object; only its last value \
                    counts"
            );
            out.push(
                Finding::new(
                    &Self::META,
                    duplicate.pointer.clone(),
                    Part::Exact(duplicate.repeat.clone()),
                    message,
                )
                .label(
                    duplicate.pointer.clone(),
                    Part::Exact(duplicate.first.clone()),
                    "first defined here",
                )
                .help("remove one of them; only the last value is used"),
            );
        }
    }
}
