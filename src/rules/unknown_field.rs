use super::{Context, EVERY_PROFILE, ResourceContext, Rule};
use crate::diagnostic::Finding;
use crate::model::Profile;
use crate::model::provider::{Node, Standing, Version};
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

    /// In Terraform, a resource type, attribute or block the provider does not have at the
    /// selected version (and will not have in a later one: that is `needs-newer-provider`).
    fn check_resource(&self, cx: &ResourceContext, out: &mut Vec<Finding>) {
        if cx.judged.type_standing == Standing::Never {
            out.push(unknown_type(cx));
            return;
        }
        let version = cx.provider.version;
        let items = &cx.judged.items;
        for item in items {
            // Said first: an export writes a hundred thousand attributes, all known.
            let removed = match item.standing {
                Standing::Known | Standing::NotYet(_) => continue,
                Standing::Removed(removed) => Some(removed),
                Standing::Never => None,
            };
            let owner = match item.block {
                Some(block) => format!("a `{block}` block"),
                None => format!("`{}`", cx.declared.type_name),
            };
            let mut message = format!("unknown attribute \"{}\" in {owner}", item.name);
            if let Some(removed) = removed {
                message.push_str(&format!(": removed in provider {removed}"));
            }
            let at = cx.pointer(cx.judged.pointer(item));
            let finding = Finding::new(&Self::META, at, Part::Key, message);
            if removed.is_some() {
                out.push(finding.help("remove it").removal());
                continue;
            }
            if let Some(other) = other_list_kind_with(cx, item.block, item.name, version) {
                let help = format!("only `{other}` has it; remove it here");
                out.push(finding.help(help).removal());
                continue;
            }
            let known: Vec<&str> = item
                .owner
                .children()
                .filter(|node| node.exists_in(version))
                .map(|node| node.name())
                .collect();
            let block = parent(cx.judged.pointer(item));
            let is_set = |key: &str| {
                items
                    .iter()
                    .any(|w| cx.judged.pointer(w) == child(block, key))
            };
            out.push(rename_or_remove(
                finding,
                item.name,
                &known,
                is_set,
                "attributes",
            ));
        }
    }
}

/// A `genesyscloud_outbound_*` type no release of the provider has, on its type label.
fn unknown_type(cx: &ResourceContext) -> Finding {
    let name = cx.declared.type_name;
    let types: Vec<&str> = Node::types()
        .filter(|node| node.ever_exists())
        .map(|node| node.name())
        .collect();
    let message = format!("unknown resource type \"{name}\": the Genesys Cloud provider has none");
    let help = match did_you_mean(name, &types, &[]) {
        Some(meant) => format!("did you mean \"{meant}\"?"),
        None => "check the type against the provider's documentation".to_owned(),
    };
    Finding::new(&UnknownField::META, cx.type_label(), Part::Key, message).help(help)
}

/// The other contact-list resource type (list or template) that has the attribute, when the
/// resource is one of them and it is the other's.
fn other_list_kind_with(
    cx: &ResourceContext,
    block: Option<&str>,
    name: &str,
    version: Version,
) -> Option<&'static str> {
    let own = ResourceKind::ALL
        .into_iter()
        .find(|kind| kind.type_name() == cx.declared.type_name)?;
    let other = ResourceKind::ALL.into_iter().find(|kind| *kind != own)?;
    let node = Node::resource(other.type_name())?;
    let owner = match block {
        Some(block) => node.child(block)?,
        None => node,
    };
    owner
        .child(name)
        .filter(|attribute| attribute.exists_in(version))
        .map(|_| other.type_name())
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
