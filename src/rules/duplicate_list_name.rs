use std::collections::HashMap;

use super::{BOTH, ListName, Rule, same_name_key};
use crate::diagnostic::{Diagnostic, Label};

declare_rule! {
    /// ## What it does
    /// Reports two files of one run that define lists with the same `name`, ignoring case and
    /// surrounding spaces. The later file (in path order) is reported, with a label at the first.
    ///
    /// ## Why it matters
    /// List names are unique in a Genesys Cloud organisation: the second create fails with
    /// 409 Conflict, or one deployment silently updates the other team's list.
    ///
    /// ## Example
    /// ```text
    /// lists/a.json: {"name": "Sales", ...}
    /// lists/b.toml: name = "sales"
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// lists/a.json: {"name": "Sales EMEA", ...}
    /// lists/b.toml: name = "Sales APAC"
    /// ```
    DuplicateListName {
        id: "duplicate-list-name",
        severity: Error,
        profiles: BOTH,
        summary: "Two files define lists with the same name",
    }
}

impl Rule for DuplicateListName {
    fn check_run(&self, lists: &[ListName], out: &mut Vec<Diagnostic>) {
        let mut first: HashMap<String, &ListName> = HashMap::new();
        for list in lists {
            let key = same_name_key(&list.name);
            if key.is_empty() {
                continue;
            }
            let Some(original) = first.get(&key) else {
                first.insert(key, list);
                continue;
            };
            let mut diagnostic = Diagnostic::at(
                list.file,
                &Self::META,
                list.range.clone(),
                format!(
                    "the list name \"{}\" is already used by another file",
                    list.name
                ),
            );
            diagnostic.profile = Some(list.profile);
            diagnostic.pointer = Some("/name".into());
            diagnostic.help = Some("list names must be unique in the organisation, ignoring case; rename one of the lists".into());
            diagnostic.labels.push(Label {
                file: original.file,
                range: original.range.clone(),
                message: "first defined here".into(),
            });
            out.push(diagnostic);
        }
    }
}
