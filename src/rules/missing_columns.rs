use super::{Context, DEFINITION, Rule};
use crate::diagnostic::Finding;
use crate::model::vocabulary::COLUMNS;
use crate::pointer::Part;

declare_rule! {
    /// ## What it does
    /// Warns when a definition has no `columns`.
    ///
    /// ## Why it matters
    /// Without columns, Genesys Cloud infers them from the first upload, and later imports whose
    /// columns differ are rejected. Declaring them makes the list's shape explicit and checkable.
    ///
    /// ## Example
    /// ```json
    /// {"name": "My List", "type": "CSV_FILE"}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"name": "My List", "type": "CSV_FILE", "columns": [{"name": "phone", "type": "PHONE", "required": true}]}
    /// ```
    MissingColumns {
        id: "missing-columns",
        severity: Warning,
        profiles: DEFINITION,
        summary: "The definition declares no columns",
    }
}

impl Rule for MissingColumns {
    fn check_list(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(object) = cx.value().as_object() else {
            return;
        };
        if !object.contains_key(COLUMNS) {
            out.push(
                Finding::new(
                    &Self::META,
                    "",
                    Part::Opening,
                    "the contact list declares no \
                    `columns`"
                        .into(),
                )
                .help(
                    "declare the columns (name, type, required) so that imports are checked \
                        against them",
                ),
            );
        }
    }
}
