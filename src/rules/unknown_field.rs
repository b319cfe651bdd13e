use super::{Context, EVERY_PROFILE, Rule};
use crate::diagnostic::Finding;
use crate::model::Profile;
use crate::model::schema::{FailureKind, SchemaFailure, known_properties};
use crate::model::terraform::ResourceKind;
use crate::pointer::{Part, child, field_path, parent};
use crate::suggest::did_you_mean;

declare_rule! {
    /// ## What it does
    /// Warns about a field the profile does not define, usually a typo (`colums`) or a field
    /// from another format. It suggests the field you probably meant.
    ///
    /// ## Why it matters
    /// The API ignores or rejects fields it does not know: a misspelt optional field is
    /// silently lost, and the setting you meant never takes effect.
    ///
    /// ## Fix
    /// Unsafe: it renames the field to the suggestion or, with none, removes it — a guess at what you
    /// meant, and a removal loses what was written.
    ///
    /// ## Example
    /// ```json
    /// {"name": "Sales", "type": "CSV_FILE", "colums": [{"name": "phone", "type": "PHONE"}]}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"name": "Sales", "type": "CSV_FILE", "columns": [{"name": "phone", "type": "PHONE"}]}
    /// ```
    UnknownField {
        id: "unknown-field",
        severity: Warning,
        profiles: EVERY_PROFILE,
        summary: "A field the profile does not define",
        claims: Kind,
        fix: Unsafe,
    }
}

/// Fields of the tutorial's definition format, and what an API body uses instead.
const API_INSTEAD: &[(&str, &str)] = &[
    ("type", "an API body has no list type; remove it"),
    (
        "columns",
        "an API body lists column names in \"columnNames\" and marks contact columns in \
            \"phoneColumns\", \"emailColumns\" or \"whatsAppColumns\"",
    ),
    ("description", "an API body has no description; remove it"),
];

impl Rule for UnknownField {
    fn claim(&self, failure: &SchemaFailure, cx: &Context) -> Option<Finding> {
        let FailureKind::Unknown { property } = &failure.kind else {
            return None;
        };
        let parent = &failure.pointer[..failure.pointer.rfind('/').unwrap_or(0)];
        let owner = if parent.is_empty() {
            let article = match cx.profile() {
                Profile::Api | Profile::Terraform => "an",
                Profile::Definition | Profile::ContactFile => "a",
            };
            format!("{article} {} contact list", cx.profile())
        } else {
            format!("`{}`", field_path(parent))
        };
        let known = known_properties(cx.profile(), parent);
        let message = format!("unknown field \"{property}\" in {owner}");
        let finding = Finding::new(&Self::META, failure.pointer.clone(), Part::Key, message);
        let instead = API_INSTEAD.iter().find(|(field, _)| {
            cx.profile() == Profile::Api && parent.is_empty() && field == property
        });
        if let Some((_, help)) = instead {
            // `type` and `description` go; `columns` must be rewritten, not dropped.
            let finding = finding.help(*help);
            return Some(match help.ends_with("remove it") {
                true => finding.removal(),
                false => finding,
            });
        }
        let siblings = cx.at(parent).and_then(|p| p.as_object());
        let is_set = |key: &str| siblings.is_some_and(|s| s.contains_key(key));
        Some(rename_or_remove(
            finding, property, &known, is_set, "fields",
        ))
    }

    /// In Terraform, an attribute or block the resource (or its block) does not have.
    fn check_list(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(resource) = cx.list.resource else {
            return;
        };
        let written = resource.written_attributes();
        for attribute in &written {
            if attribute.known.is_some() {
                continue;
            }
            let owner = match attribute.block {
                Some(block) => format!("a `{block}` block"),
                None => format!("`{}`", resource.kind.type_name()),
            };
            let message = format!("unknown attribute \"{}\" in {owner}", attribute.name);
            let known: Vec<&str> = attribute.table.iter().map(|a| a.name).collect();
            let finding = Finding::new(&Self::META, attribute.pointer.clone(), Part::Key, message);
            let other = ResourceKind::ALL
                .into_iter()
                .filter(|kind| *kind != resource.kind)
                .find(|kind| kind.has(attribute.block, attribute.name));
            if let Some(other) = other {
                let help = format!("only `{}` has it; remove it here", other.type_name());
                out.push(finding.help(help).removal());
                continue;
            }
            let block = parent(&attribute.pointer);
            let is_set = |key: &str| written.iter().any(|w| w.pointer == child(block, key));
            out.push(rename_or_remove(
                finding,
                attribute.name,
                &known,
                is_set,
                "attributes",
            ));
        }
    }
}

/// The fix for an unknown key: rename it to the known key it most likely means — unless that key
/// is already set beside it, when this one goes — or, with no likely key, remove it.
fn rename_or_remove(
    finding: Finding,
    name: &str,
    known: &[&str],
    is_set: impl Fn(&str) -> bool,
    kind: &str,
) -> Finding {
    match did_you_mean(name, known, &[]) {
        Some(meant) if is_set(meant) => finding
            .help(format!(
                "did you mean \"{meant}\"? It is already set here; remove this one"
            ))
            .removal(),
        Some(meant) => finding.suggest(Some(meant)),
        None if known.is_empty() => finding.help("remove it").removal(),
        None => finding
            .help(format!(
                "remove it; the known {kind} are {}",
                known.join(", ")
            ))
            .removal(),
    }
}
