use super::{API, Context, Rule};
use crate::diagnostic::Finding;
use crate::pointer::{Part, child};

declare_rule! {
    /// ## What it does
    /// Warns about fields the service sets itself: `id`, `dateCreated`, `dateModified`,
    /// `importStatus`, `size` and `selfUri`.
    ///
    /// ## Why it matters
    /// They are read-only: the service ignores them in a request, so a body that carries them
    /// was usually copied from a GET response and may hold other stale values too.
    ///
    /// ## Fix
    /// Unsafe: it removes the field. The service ignores it, but the body may have been copied from a
    /// response for its other values too.
    ///
    /// ## Example
    /// ```json
    /// {"id": "0f8f8a5e-4f7e-4d3c-9d55-2f0e8b6f5a11", "name": "Sales", "columnNames": ["phone"],
    ///  "phoneColumns": [{"columnName": "phone", "type": "cell"}], "size": 1200}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"name": "Sales", "columnNames": ["phone"], "phoneColumns": [{"columnName": "phone", "type": "cell"}]}
    /// ```
    ReadOnlyField {
        id: "read-only-field",
        severity: Warning,
        profiles: API,
        summary: "A read-only field is sent in the request",
        fix: Unsafe,
    }
}

const READ_ONLY: [&str; 6] = [
    "id",
    "dateCreated",
    "dateModified",
    "importStatus",
    "size",
    "selfUri",
];

impl Rule for ReadOnlyField {
    fn check_list(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(object) = cx.value().as_object() else {
            return;
        };
        for field in READ_ONLY.iter().filter(|f| object.contains_key(**f)) {
            let message = format!("\"{field}\" is read-only and ignored in a request");
            out.push(
                Finding::new(&Self::META, child("", field), Part::Key, message)
                    .help("remove it; the service sets it")
                    .removal(),
            );
        }
    }
}
