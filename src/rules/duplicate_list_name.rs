use super::{EVERY_PROFILE, Rule, RunLists};
use crate::diagnostic::Finding;
use crate::pointer::Part;

declare_rule! {
    /// ## What it does
    /// Reports two files of one run that define lists with the same `name`, ignoring case and
    /// surrounding spaces. The later file (in path order) is reported, naming the first (its path
    /// and line) and with a label there. A contact-list template (Terraform's
    /// `genesyscloud_outbound_contact_list_template`) is another kind of object with names of
    /// its own: templates are compared only with templates.
    ///
    /// Names are compared within one organisation. A repository that keeps one folder per
    /// environment (dev, test, prod), each deployed to an organisation of its own, says so in
    /// `contactlint.toml` with `name-scopes = ["environments/*"]`: every directory a glob matches
    /// is a namespace of its own, and files outside any scope share the run's.
    ///
    /// ## Why it matters
    /// List names are unique in a Genesys Cloud organisation: the second create fails with
    /// 409 Conflict, or one deployment silently updates the other team's list.
    ///
    /// ## Example
    /// ```json files
    /// --- lists/a.json
    /// {"name": "Sales", "columnNames": ["Cell"], "phoneColumns": [{"columnName": "Cell", "type": "cell"}]}
    /// --- lists/b.json
    /// {"name": "sales", "columnNames": ["Cell"], "phoneColumns": [{"columnName": "Cell", "type": "cell"}]}
    /// ```
    ///
    /// Use instead:
    /// ```json files
    /// --- lists/a.json
    /// {"name": "Sales EMEA", "columnNames": ["Cell"], "phoneColumns": [{"columnName": "Cell", "type": "cell"}]}
    /// --- lists/b.json
    /// {"name": "Sales APAC", "columnNames": ["Cell"], "phoneColumns": [{"columnName": "Cell", "type": "cell"}]}
    /// ```
    DuplicateListName {
        id: "duplicate-list-name",
        severity: Error,
        profiles: EVERY_PROFILE,
        summary: "Two files define lists with the same name",
    }
}

impl Rule for DuplicateListName {
    fn check_across(&self, lists: &RunLists<'_>, out: &mut Vec<(usize, Finding)>) {
        for list in lists.iter() {
            let Some(original) = lists.named_like(list).next() else {
                continue;
            };
            if original.index == list.index {
                continue;
            }
            let (kind, kinds) = match list.template {
                true => ("template", "templates"),
                false => ("list", "lists"),
            };
            let message = format!(
                "the {kind} name \"{}\" is already used by {}",
                list.name, original.location
            );
            let help = match list.scope {
                Some(scope) => format!(
                    "{kind} names must be unique in the organisation, ignoring \
                    case, and both {kinds} are in the name scope {scope}; rename one of them"
                ),
                None => format!(
                    "{kind} names must be unique in the organisation, ignoring case; rename one \
                    of the {kinds}, or, if their folders deploy to different organisations, \
                    declare those folders in `name-scopes`"
                ),
            };
            let finding = Finding::new(&Self::META, "/name", Part::Value, message)
                .label_in(
                    Some(original.index),
                    "/name",
                    Part::Value,
                    "first defined here",
                )
                .help(help);
            out.push((list.index, finding));
        }
    }
}
