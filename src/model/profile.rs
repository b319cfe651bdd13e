//! The profiles a contact list can be written in, their embedded schemas and detection.

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use serde_json::Value;

use super::key_is;
use super::vocabulary::API_MARKERS;

/// Which format a file is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    /// The authoring format of the tutorial (`name`, `type`, `columns`).
    Definition,
    /// The real Genesys Cloud `ContactList` request body.
    Api,
    /// A Terraform contact-list resource, checked as the API body it maps to. It comes from the
    /// file's syntax, never from a choice.
    #[cfg_attr(feature = "cli", value(skip))]
    Terraform,
    /// A CSV contact file, checked against the list it is imported into. It comes from the
    /// file's syntax, never from a choice. Named `contacts` in output (public API).
    #[cfg_attr(feature = "cli", value(skip))]
    #[serde(rename = "contacts")]
    ContactFile,
}

impl Profile {
    /// The profiles a user or the configuration can choose, each with its own schema.
    pub const ALL: [Profile; 2] = [Profile::Definition, Profile::Api];

    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Definition => "definition",
            Profile::Api => "api",
            Profile::Terraform => "terraform",
            Profile::ContactFile => "contacts",
        }
    }

    /// The profile whose schema and vocabulary the list is checked with: a Terraform resource
    /// is checked as the API body the provider sends.
    pub fn checked_as(self) -> Profile {
        match self {
            Profile::Terraform => Profile::Api,
            chosen => chosen,
        }
    }

    /// `api` when the top level has any api-only field (in any case, snake_case or nearly
    /// spelt), otherwise `definition`.
    pub fn detect(value: &Value) -> Profile {
        let Some(object) = value.as_object() else {
            return Profile::Definition;
        };
        let exact = || {
            API_MARKERS
                .iter()
                .any(|marker| object.contains_key(*marker))
        };
        let near = || {
            let is_api_key = |key: &String| API_MARKERS.iter().any(|marker| key_is(key, marker));
            object.keys().any(is_api_key)
        };
        if exact() || near() {
            Profile::Api
        } else {
            Profile::Definition
        }
    }

    /// The JSON Schema (draft 2020-12) of the profile, as shipped in `schemas/`. A contact file
    /// is no JSON value: its schema (`true`) accepts anything, and its rules say the rest.
    pub fn schema_text(self) -> &'static str {
        match self.checked_as() {
            Profile::Definition => include_str!("../../schemas/definition.schema.json"),
            Profile::Api | Profile::Terraform => include_str!("../../schemas/api.schema.json"),
            Profile::ContactFile => "true",
        }
    }

    /// The slot of the profile's schema in the per-process caches.
    fn schema_slot(self) -> usize {
        match self.checked_as() {
            Profile::Definition => 0,
            Profile::Api | Profile::Terraform => 1,
            Profile::ContactFile => 2,
        }
    }

    /// The parsed schema, once per process.
    pub fn schema(self) -> &'static Value {
        static SCHEMAS: [OnceLock<Value>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
        SCHEMAS[self.schema_slot()].get_or_init(|| {
            serde_json::from_str(self.schema_text())
                .expect("embedded schemas are valid JSON (tested)")
        })
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Profile {
    type Err = String;

    fn from_str(s: &str) -> Result<Profile, String> {
        Profile::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| format!("unknown profile `{s}` (expected `definition` or `api`)"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection_looks_for_api_fields() {
        assert_eq!(
            Profile::detect(&serde_json::json!({"columnNames": []})),
            Profile::Api
        );
        assert_eq!(
            Profile::detect(&serde_json::json!({"columns": []})),
            Profile::Definition
        );
        assert_eq!(
            Profile::detect(&serde_json::json!([1])),
            Profile::Definition
        );
    }
}
