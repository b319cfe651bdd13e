use serde_json::Value;

use super::{Context, EVERY_PROFILE, ResourceContext, Rule, alternatives};
use crate::diagnostic::Finding;
use crate::model::provider::{Node, Standing, WrittenValue};
use crate::model::schema::{FailureKind, SchemaFailure, subschema};
use crate::model::terraform::ResourceKind;
use crate::pointer::{Part, field_path};

declare_rule! {
    /// ## What it does
    /// Reports an object that lacks a field it requires, such as a column without a `type` or a
    /// phone column without a `columnName`.
    ///
    /// ## Why it matters
    /// The API rejects the request with `INVALID_VALUE` on the missing field, naming only its
    /// path; this points at the object itself.
    ///
    /// A `columnDataTypeSpecifications` entry without `columnName` is reported too, though the
    /// API's own description marks the field optional: a specification that names no column
    /// applies to none, and the Terraform provider requires `column_name` in every
    /// `column_data_type_specifications` block.
    ///
    /// ## Example
    /// ```json
    /// {"name": "Sales", "type": "CSV_FILE", "columns": [{"name": "phone"}]}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"name": "Sales", "type": "CSV_FILE", "columns": [{"name": "phone", "type": "PHONE"}]}
    /// ```
    MissingField {
        id: "missing-field",
        severity: Error,
        profiles: EVERY_PROFILE,
        summary: "An object lacks a required field",
        claims: Kind,
    }
}

impl Rule for MissingField {
    fn claim(&self, failure: &SchemaFailure, cx: &Context) -> Option<Finding> {
        let FailureKind::Required { property } = &failure.kind else {
            return None;
        };
        let owner = if failure.pointer.is_empty() {
            "the contact list".to_owned()
        } else {
            format!("`{}`", field_path(&failure.pointer))
        };
        let finding = Finding::new(
            &Self::META,
            failure.pointer.clone(),
            Part::Opening,
            format!("{owner} has no \"{property}\", which is required"),
        );
        let field_schema = subschema(
            cx.profile(),
            &crate::pointer::child(&failure.pointer, property),
        );
        let description = field_schema
            .and_then(|s| s.get("description"))
            .and_then(Value::as_str);
        // A field with a fixed set of values names them: `add "type" (STRING, NUMBER, ...)`.
        let allowed: Vec<&str> = field_schema
            .and_then(|s| s.get("enum"))
            .and_then(Value::as_array)
            .map(|values| values.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let mut help = format!("add \"{property}\"");
        if !allowed.is_empty() {
            help.push_str(&format!(", one of {}", alternatives(&allowed)));
        }
        if let Some(description) = description {
            help.push_str(&format!(" — {description}"));
        }
        Some(finding.help(help))
    }

    /// What the schema of the API body cannot say: a Terraform block that leaves out an
    /// argument its resource requires (`max_length` in a template's data-type specification).
    /// In Terraform, an argument the selected provider version requires in a block of a
    /// contact list or template (`max_length` in a data-type specification, required from
    /// 1.16.0 to 1.58.x in lists). What the api schema requires of a list is the schema's to
    /// report (`missing-name`, a phone column's `column_name`); the required arguments of the
    /// resources that use a list are `terraform validate`'s.
    fn check_resource(&self, cx: &ResourceContext, out: &mut Vec<Finding>) {
        if let Some(finding) = rds_custom_without_column(cx) {
            out.push(finding);
        }
        let Some(kind) = ResourceKind::from_type_name(cx.declared.type_name) else {
            return;
        };
        let version = cx.provider.version;
        let declared = cx.declared;
        // `null` is unset; a value the file does not fix is set.
        let is_set =
            |entry: WrittenValue, name: &str| entry.get(name).is_some_and(|v| !v.is_null());
        let missing = |owner: Node, block: &str, entry: WrittenValue| {
            let lacking: Vec<&'static str> = owner
                .children()
                .filter(|child| child.required_in(version))
                .filter(|child| !is_set(entry, child.name()))
                .filter(|child| !kind.api_requires(Some(block), child.name()))
                .map(|child| child.name())
                .collect();
            lacking
        };
        for item in &cx.judged.items {
            let Some(block) = item
                .node
                .filter(|n| item.standing == Standing::Known && n.is_described())
            else {
                continue;
            };
            for (at, entry) in declared.block_entries(item.value, cx.judged.pointer(item)) {
                for name in missing(block, block.name(), entry) {
                    let message = format!(
                        "`{}` has no \"{name}\", which `{}` requires",
                        field_path(&at),
                        declared.type_name
                    );
                    out.push(
                        Finding::new(&Self::META, cx.pointer(&at), Part::Opening, message)
                            .help(format!("add `{name} = ...` to the block")),
                    );
                }
            }
        }
    }
}

/// A DNC list of `dnc_source_type = "rds_custom"` without the `custom_exclusion_column` it
/// excludes by (the provider has the column from 1.54.0), on the source type's value.
fn rds_custom_without_column(cx: &ResourceContext) -> Option<Finding> {
    const COLUMN: &str = "custom_exclusion_column";
    let declared = cx.declared;
    let source = declared.written.get("dnc_source_type")?.as_str()?;
    let is_custom = declared.type_name == "genesyscloud_outbound_dnclist" && source == "rds_custom";
    let column = cx.judged.type_node?.child(COLUMN)?;
    if !is_custom
        || declared.written.get(COLUMN).is_some()
        || !column.exists_in(cx.provider.version)
    {
        return None;
    }
    let at = cx.pointer("/dnc_source_type");
    let message = format!(
        "`{}` has no \"{COLUMN}\", which `dnc_source_type = \"rds_custom\"` requires",
        declared.address
    );
    let help = format!("add `{COLUMN} = ...`: the column of the contact list it excludes by");
    Some(Finding::new(&MissingField::META, at, Part::Value, message).help(help))
}
