//! Recognising a contact list among the JSON and TOML files of a repository, in one place. A
//! walked file is checked only when it is recognised; the verdict carries its reason, which
//! `--show-files` prints.
//!
//! - An api body: `columnNames`, or phone, email, WhatsApp or data-type entries that carry a
//!   `columnName`.
//! - A definition: a list `type` (`CSV_FILE` or `API`, any case, or a near miss such as `CSV`)
//!   beside `name` when every other key is the format's own; or `columns` whose entries look
//!   like column definitions (a `name`, and a `type` that is or nearly is a column type, one of
//!   them a phone or email type or all of them written as the format writes them).
//! - Keys count in any case, in snake_case and within a small edit distance, so a typo'd list is
//!   still checked (and gets its did-you-mean). Keys of another Genesys object (a campaign, a
//!   contact-list filter) mean it is not a contact list; `columns`, `contacts` or `type` alone
//!   never make one.

use serde_json::{Map, Value};

use crate::suggest::{fold, folded, is_separator};

use super::vocabulary::{
    API_COLUMN_DATA_TYPES, API_MARKERS, COLUMN_NAME, COLUMN_NAME_FIELD, COLUMN_NAMES, COLUMNS,
    CONTACTS, DEFINITION_COLUMN_TYPES, LIST_TYPE, LIST_TYPES, NAME,
};

/// Whether a document is a contact list, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    List(String),
    NotList(String),
}

/// Top-level keys of the definition format.
const DEFINITION_KEYS: [&str; 5] = [NAME, LIST_TYPE, "description", COLUMNS, CONTACTS];

/// Keys of other Genesys outbound objects that hold contact-list-like keys: a campaign (which
/// has `phoneColumns` of its own) and a contact-list filter.
const OTHER_OBJECT_KEYS: [(&str, &str); 9] = [
    ("contactList", "a campaign or filter"),
    ("dialingMode", "a campaign"),
    ("queue", "a campaign"),
    ("script", "a campaign"),
    ("callAnalysisResponseSet", "a campaign"),
    ("campaignStatus", "a campaign"),
    ("contactListFilters", "a campaign"),
    ("clauses", "a contact-list filter"),
    ("filterType", "a contact-list filter"),
];

/// The verdict on a parsed document.
pub fn recognise(value: &Value) -> Verdict {
    let Some(object) = value.as_object() else {
        return Verdict::NotList("its top level is not an object".into());
    };
    if let Some((key, what)) = other_object_key(object) {
        return Verdict::NotList(format!("it has `{key}`, a key of {what}"));
    }
    // Most lists spell their keys right: the exact key is found without comparing words.
    let exact = object
        .get_key_value(COLUMN_NAMES)
        .map(|(key, _)| key.as_str());
    if let Some(key) = exact.or_else(|| find_key(object, COLUMN_NAMES)) {
        return Verdict::List(format!("it has `{key}`"));
    }
    let entries_with_column_names = API_MARKERS.iter().find_map(|marker| {
        let (key, entries) = find_entry(object, marker)?;
        let entries = entries.as_array()?;
        entries
            .iter()
            .any(|e| {
                e.as_object()
                    .is_some_and(|e| find_key(e, COLUMN_NAME).is_some())
            })
            .then_some(key)
    });
    if let Some(key) = entries_with_column_names {
        return Verdict::List(format!("its `{key}` entries name columns"));
    }
    if let Some((key, columns)) = find_entry(object, COLUMNS)
        && looks_like_column_definitions(columns)
    {
        return Verdict::List(format!("its `{key}` look like column definitions"));
    }
    match definition_with_list_type(object) {
        Ok(reason) => Verdict::List(reason),
        Err(reason) => Verdict::NotList(reason),
    }
}

/// A list `type` beside `name`, every other key the definition format's own.
fn definition_with_list_type(object: &Map<String, Value>) -> Result<String, String> {
    let no_keys = || "it has none of the keys of a contact list".to_owned();
    let (_, list_type) = find_entry(object, LIST_TYPE).ok_or_else(no_keys)?;
    let list_type = list_type
        .as_str()
        .filter(|t| is_list_type(t))
        .ok_or_else(no_keys)?;
    find_key(object, NAME).ok_or_else(no_keys)?;
    if let Some(other) = object
        .keys()
        .find(|key| !DEFINITION_KEYS.iter().any(|own| key_is(key, own)))
    {
        return Err(format!(
            "its `type` is \"{list_type}\", but `{other}` is not a key of a contact list"
        ));
    }
    Ok(format!("it has `name` and the list type \"{list_type}\""))
}

/// `CSV_FILE` or `API` in any case, or a near miss (`CSV`, `CSVFILE`, `APi`).
fn is_list_type(text: &str) -> bool {
    let folded = fold(text);
    folded == "csv" || LIST_TYPES.iter().any(|t| near(&folded, &fold(t)))
}

/// Entries that are all objects with a `name`, whose `type`s are (nearly) column types, one of
/// them a phone or email type or all of them written exactly as the formats write them.
fn looks_like_column_definitions(columns: &Value) -> bool {
    let Some(entries) = columns.as_array().filter(|e| !e.is_empty()) else {
        return false;
    };
    let mut types = Vec::new();
    for entry in entries {
        let Some(entry) = entry.as_object() else {
            return false;
        };
        if find_key(entry, COLUMN_NAME_FIELD).is_none() {
            return false;
        }
        if let Some((_, column_type)) = find_entry(entry, LIST_TYPE) {
            let Some(column_type) = column_type.as_str() else {
                return false;
            };
            let mut column_types = DEFINITION_COLUMN_TYPES.iter().chain(&API_COLUMN_DATA_TYPES);
            let as_written = column_types.clone().any(|t| *t == column_type);
            if !as_written && !column_types.any(|t| key_is(column_type, t)) {
                return false;
            }
            types.push((column_type, as_written));
        }
    }
    let contact_type = types
        .iter()
        .any(|(t, _)| ["PHONE", "EMAIL"].iter().any(|c| key_is(t, c)));
    let all_as_written = !types.is_empty() && types.iter().all(|(_, as_written)| *as_written);
    contact_type || all_as_written
}

/// A key of another object, written exactly (in any case or snake_case): near misses of these
/// short words are common keys elsewhere (`scripts`, `queues`).
fn other_object_key(object: &Map<String, Value>) -> Option<(&str, &'static str)> {
    OTHER_OBJECT_KEYS.iter().find_map(|(wanted, what)| {
        let key = object.keys().find(|key| same_word(key, wanted))?;
        Some((key.as_str(), *what))
    })
}

/// The key of `object` that is `wanted` in any case, in snake_case, or a near miss of it.
fn find_key<'o>(object: &'o Map<String, Value>, wanted: &str) -> Option<&'o str> {
    object
        .keys()
        .find(|key| key_is(key, wanted))
        .map(String::as_str)
}

fn find_entry<'o>(object: &'o Map<String, Value>, wanted: &str) -> Option<(&'o str, &'o Value)> {
    object
        .iter()
        .find(|(key, _)| key_is(key, wanted))
        .map(|(key, value)| (key.as_str(), value))
}

/// Whether a key is `wanted` written another way. Every walked file asks this of each of its
/// keys many times, so the common answers (equal; lengths too far apart) come without folding.
pub fn key_is(key: &str, wanted: &str) -> bool {
    if same_word(key, wanted) {
        return true;
    }
    let (length, wanted_length) = (folded_length(key), folded_length(wanted));
    let allowed = allowed_edits(wanted_length);
    if length.abs_diff(wanted_length) > allowed || letters_apart(key, wanted) > allowed {
        return false;
    }
    near(&fold(key), &fold(wanted))
}

/// A lower bound of the edit distance of two folded ASCII words, from how many of each letter
/// they hold (a substitution changes two counts, an insertion or deletion one, a transposition
/// none); 0 when either is not ASCII, which proves nothing.
fn letters_apart(key: &str, wanted: &str) -> usize {
    if !key.is_ascii() || !wanted.is_ascii() {
        return 0;
    }
    let mut counts = [0i32; 128];
    for b in ascii_folded(key) {
        counts[usize::from(b)] += 1;
    }
    for b in ascii_folded(wanted) {
        counts[usize::from(b)] -= 1;
    }
    let differing: u32 = counts.iter().map(|n| n.unsigned_abs()).sum();
    (differing as usize).div_ceil(2)
}

/// Equal once folded, compared without allocating.
fn same_word(key: &str, wanted: &str) -> bool {
    if key == wanted {
        return true;
    }
    if key.is_ascii() && wanted.is_ascii() {
        return ascii_folded(key).eq(ascii_folded(wanted));
    }
    folded(key).eq(folded(wanted))
}

/// [`folded`] for ASCII text, byte by byte: most keys are ASCII, and this is much cheaper.
fn ascii_folded(text: &str) -> impl Iterator<Item = u8> + '_ {
    text.bytes()
        .filter(|b| !matches!(b, b'_' | b'-' | b' '))
        .map(|b| b.to_ascii_lowercase())
}

/// The length in characters of a folded text, without folding it.
fn folded_length(text: &str) -> usize {
    if text.is_ascii() {
        return ascii_folded(text).count();
    }
    text.chars().filter(|c| !is_separator(*c)).count()
}

/// Edits a near miss of a word of this many characters may have: none below 5, one below 10,
/// else two.
fn allowed_edits(length: usize) -> usize {
    match length {
        0..5 => 0,
        5..10 => 1,
        _ => 2,
    }
}

/// Equal, or within the edits its length allows.
fn near(folded: &str, wanted: &str) -> bool {
    let allowed = allowed_edits(wanted.chars().count());
    folded == wanted || (allowed > 0 && strsim::osa_distance(folded, wanted) <= allowed)
}

/// Whether the raw text of a file that could not be parsed (or read whole) looks like a contact
/// list: a key of one, written as a key (`"columnNames":` or `columnNames =`).
pub(super) fn text_looks_like_list(text: &str) -> bool {
    const KEYS: [&str; 6] = [
        COLUMN_NAMES,
        "phoneColumns",
        "emailColumns",
        "whatsAppColumns",
        "columnDataTypeSpecifications",
        "CSV_FILE",
    ];
    KEYS.iter().any(|key| {
        text.match_indices(key).any(|(at, _)| {
            let after = text[at + key.len()..].trim_start_matches(['"', '\'', ' ', '\t']);
            *key == "CSV_FILE" || after.starts_with(':') || after.starts_with('=')
        })
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn is_list(value: Value) -> bool {
        matches!(recognise(&value), Verdict::List(_))
    }

    #[test]
    fn lists_and_their_typos_are_recognised() {
        assert!(is_list(json!({"name": "S", "columnNames": []})));
        assert!(is_list(json!({"name": "S", "column_names": []})));
        assert!(is_list(json!({"name": "S", "columnnames": ["a"]})));
        assert!(is_list(
            json!({"columnDataTypeSpecifications": [{"columnName": "a"}]})
        ));
        assert!(is_list(
            json!({"phonecolumns": [{"columnName": "a", "type": "cell"}]})
        ));
        assert!(is_list(json!({"name": "S", "type": "CSV_FILE"})));
        assert!(is_list(json!({"name": "S", "type": "csv", "colums": []})));
        assert!(is_list(
            json!({"name": "S", "colums": [{"name": "p", "type": "PHONE"}]})
        ));
        assert!(is_list(
            json!({"columns": [{"name": "p", "type": "PHONES"}]})
        ));
    }

    #[test]
    fn lookalikes_are_not_lists() {
        let webhook = json!({"name": "hook", "type": "API", "endpoint": "x", "retries": 3});
        assert!(!is_list(webhook));
        let campaign = json!({"name": "C", "contactList": {"id": "x"}, "dialingMode": "preview",
            "phoneColumns": [{"columnName": "Cell", "type": "cell"}]});
        assert_eq!(
            recognise(&campaign),
            Verdict::NotList("it has `contactList`, a key of a campaign or filter".into())
        );
        let sql =
            json!({"columns": [{"name": "id", "type": "integer"}, {"name": "d", "type": "date"}]});
        assert!(!is_list(sql));
        let grid =
            json!({"columns": [{"name": "a", "type": "string"}, {"name": "b", "type": "text"}]});
        assert!(!is_list(grid));
        assert!(!is_list(
            json!({"columns": ["a", "b"], "index": [0], "data": [[1, 2]]})
        ));
        assert!(!is_list(json!({"contacts": {"title": "Contacts"}})));
        assert!(!is_list(json!({"columns": 3})));
        assert!(!is_list(json!({"type": "API"})));
        assert!(!is_list(json!({"name": "x", "version": "1.0.0"})));
        assert!(!is_list(json!([1, 2])));
    }

    #[test]
    fn raw_text_is_sniffed_for_keys_written_as_keys() {
        assert!(text_looks_like_list("{\"columnNames\" : [\"a\",}"));
        assert!(text_looks_like_list("columnNames = [\n"));
        assert!(text_looks_like_list("{\"type\": \"CSV_FILE\""));
        assert!(!text_looks_like_list(
            "// the columnNames of the table\n{\"a\": 1,}"
        ));
        assert!(!text_looks_like_list(""));
    }
}
