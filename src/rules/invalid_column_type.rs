use super::{Context, EVERY_PROFILE, Rule, alternatives};
use crate::diagnostic::{Finding, show_value};
use crate::model::Profile;
use crate::model::schema::{FailureKind, SchemaFailure};
use crate::model::vocabulary::{API_COLUMN_DATA_TYPES, DEFINITION_COLUMN_TYPES};
use crate::pointer;
use crate::pointer::Part;
use crate::suggest::did_you_mean;

declare_rule! {
    /// ## What it does
    /// Reports a column type that Genesys Cloud does not know. In a definition, a column `type`
    /// must be one of `STRING`, `NUMBER`, `PHONE`, `EMAIL`, `DATE`, `DATETIME`, `BOOLEAN`; in an
    /// API body, `columnDataType` must be `TEXT`, `NUMERIC` or `TIMESTAMP`. Both are exact:
    /// case matters. It suggests the value you probably meant, including the names the other
    /// format uses (`TEXT` → `STRING`, `DATETIME` → `TIMESTAMP`).
    ///
    /// ## Why it matters
    /// An unknown type is rejected with `INVALID_VALUE` on `columns[n].type`, and the two
    /// formats use different words for the same idea, which is easy to mix up.
    ///
    /// ## Fix
    /// Unsafe: the suggestion is a guess at the type you meant, and a type decides how every value of
    /// the column is read; review it.
    ///
    /// ## Example
    /// ```json
    /// {"name": "Sales", "type": "CSV_FILE", "columns": [{"name": "phone", "type": "PHONE"},
    ///  {"name": "age", "type": "INTEGER"}]}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"name": "Sales", "type": "CSV_FILE", "columns": [{"name": "phone", "type": "PHONE"},
    ///  {"name": "age", "type": "NUMBER"}]}
    /// ```
    InvalidColumnType {
        id: "invalid-column-type",
        severity: Error,
        profiles: EVERY_PROFILE,
        summary: "A column type is not one Genesys Cloud accepts",
        claims: Specific,
        fix: Unsafe,
    }
}

const DEFINITION_ALIASES: &[(&str, &str)] = &[
    ("TEXT", "STRING"),
    ("STR", "STRING"),
    ("VARCHAR", "STRING"),
    ("INTEGER", "NUMBER"),
    ("INT", "NUMBER"),
    ("NUMERIC", "NUMBER"),
    ("FLOAT", "NUMBER"),
    ("DECIMAL", "NUMBER"),
    ("TEL", "PHONE"),
    ("TELEPHONE", "PHONE"),
    ("MOBILE", "PHONE"),
    ("CELL", "PHONE"),
    ("MAIL", "EMAIL"),
    ("TIMESTAMP", "DATETIME"),
    ("TIME", "DATETIME"),
    ("BOOL", "BOOLEAN"),
];
const API_ALIASES: &[(&str, &str)] = &[
    ("STRING", "TEXT"),
    ("STR", "TEXT"),
    ("VARCHAR", "TEXT"),
    ("NUMBER", "NUMERIC"),
    ("INTEGER", "NUMERIC"),
    ("INT", "NUMERIC"),
    ("FLOAT", "NUMERIC"),
    ("DECIMAL", "NUMERIC"),
    ("DATETIME", "TIMESTAMP"),
    ("DATE", "TIMESTAMP"),
    ("TIME", "TIMESTAMP"),
];

impl Rule for InvalidColumnType {
    fn claim(&self, failure: &SchemaFailure, cx: &Context) -> Option<Finding> {
        if !matches!(failure.kind, FailureKind::Enum { .. }) {
            return None;
        }
        let (allowed, aliases, what) = match cx.profile() {
            Profile::Definition if pointer::matches(&failure.pointer, "/columns/*/type") => (
                &DEFINITION_COLUMN_TYPES[..],
                DEFINITION_ALIASES,
                "column type",
            ),
            Profile::Api | Profile::Terraform
                if pointer::matches(
                    &failure.pointer,
                    "/columnDataTypeSpecifications/*/columnDataType",
                ) =>
            {
                (&API_COLUMN_DATA_TYPES[..], API_ALIASES, "column data type")
            }
            _ => return None,
        };
        let value = cx.at(&failure.pointer)?;
        let message = format!(
            "{} is not a {what} ({})",
            show_value(value),
            alternatives(allowed)
        );
        let finding = Finding::new(&Self::META, failure.pointer.clone(), Part::Value, message);
        match value
            .as_str()
            .and_then(|v| did_you_mean(v, allowed, aliases))
        {
            Some(s) => Some(finding.suggest(Some(s))),
            None => Some(finding.help(format!("use one of {}", allowed.join(", ")))),
        }
    }
}
