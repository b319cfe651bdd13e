//! Where an editor's cursor stands, read from the text before it by a small lexer of each
//! syntax rather than by its parser, so that it answers while the document does not parse (it
//! seldom does while it is typed): the key whose value is being typed, the objects, tables or
//! blocks open around the cursor, and whether it is among a block's labels. [`Syntax`] chooses
//! the lexer (`Syntax::enclosing`, `Syntax::key_being_valued`, `Syntax::in_block_labels`); what
//! to offer there is the language server's.
//!
//! [`Syntax`]: super::Syntax

/// What is open around the end of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Enclosing {
    /// The keys of the objects and arrays open below the root, `0` standing for an array's
    /// element: a JSON text's open containers, a TOML text's last table header.
    Keys(Vec<String>),
    /// The HCL blocks open, outermost first, each as its type and labels (`resource`, `TYPE`,
    /// `NAME`, then `phone_columns`).
    Blocks(Vec<Vec<String>>),
    /// Nothing the lexers follow (Terraform's JSON syntax, a contact file).
    Unfollowed,
}

/// The key whose value the cursor is in: `"key": "Ce` (JSON) or `key = "Ce` (TOML, HCL), or
/// an element of its list of strings (`key = ["Cell", "Ho`).
pub(super) fn key_being_valued(before: &str) -> Option<&str> {
    let (head, value) = before.rsplit_once([':', '='])?;
    // The value typed so far: at most an opening quote and a word.
    let value = value.trim_start();
    let value = match value.strip_prefix('[') {
        Some(items) if !items.contains(['[', ']', '{', '}']) => {
            items.rsplit(',').next().unwrap_or(items).trim_start()
        }
        _ => value,
    };
    let typed = value.strip_prefix('"').unwrap_or(value);
    if typed.contains(['"', ',', '{', '[', '}', ']']) {
        return None;
    }
    let key = head.trim_end().trim_end_matches('"');
    let start = key
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .map_or(0, |i| i + 1);
    let key = &key[start..];
    (!key.is_empty()).then_some(key)
}

/// The keys of the containers open at the end of a JSON text, `0` standing for an array's
/// element: `{"phoneColumns": [{"col` is `["phoneColumns", "0"]`.
pub(super) fn json_path(before: &str) -> Vec<String> {
    let mut stack: Vec<Option<String>> = Vec::new();
    let (mut last_string, mut pending) = (None, None);
    let mut chars = before.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                let mut text = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        c => text.push(c),
                    }
                }
                last_string = Some(text);
            }
            ':' => pending = last_string.take(),
            '{' | '[' => stack.push(pending.take()),
            '}' | ']' => {
                stack.pop();
            }
            ',' => pending = None,
            _ => {}
        }
    }
    // The root object is the list itself; an element of an array has no key of its own.
    stack
        .into_iter()
        .skip(1)
        .map(|key| key.unwrap_or_else(|| "0".to_owned()))
        .collect()
}

/// The table a TOML text ends in: its last `[a.b]` header, or `[[a]]` as `["a", "0"]`.
pub(super) fn toml_table(before: &str) -> Vec<String> {
    let Some(header) = before
        .lines()
        .map(str::trim)
        .rev()
        .find(|line| line.starts_with('['))
    else {
        return Vec::new();
    };
    let array = header.starts_with("[[");
    let name = header.trim_matches(|c| c == '[' || c == ']').trim();
    let mut path: Vec<String> = name
        .split('.')
        .map(|p| p.trim().trim_matches('"').to_owned())
        .collect();
    if array {
        path.push("0".to_owned());
    }
    path
}

/// The identifiers (and labels) of the HCL blocks open at the end of a text, outermost first:
/// `resource "genesyscloud_outbound_contact_list" "x" { phone_columns {` gives the resource's
/// header words, then `phone_columns`.
pub(super) fn hcl_blocks(before: &str) -> Vec<Vec<String>> {
    let mut stack = Vec::new();
    let mut header: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut chars = before.chars();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            word.push(c);
            continue;
        }
        // A word ends before what follows it is taken in (a line's last word, too).
        if !word.is_empty() {
            header.push(std::mem::take(&mut word));
        }
        match c {
            '"' => {
                let mut text = String::new();
                for c in chars.by_ref() {
                    if c == '"' {
                        break;
                    }
                    text.push(c);
                }
                header.push(text);
            }
            '{' => stack.push(std::mem::take(&mut header)),
            '}' => {
                stack.pop();
            }
            '\n' | '=' => header.clear(),
            _ => {}
        }
    }
    stack
}

/// Whether an HCL text ends in a block's header, among its labels (`resource "…" "|`), where no
/// key or value belongs.
pub(super) fn hcl_in_block_labels(before: &str) -> bool {
    let line = before.rsplit('\n').next().unwrap_or(before).trim_start();
    let header = line
        .split_once(char::is_whitespace)
        .is_some_and(|(word, rest)| {
            word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && rest.trim_start().starts_with('"')
        });
    header && !line.contains('=')
}

/// The attributes written one to a line (name, and the value's text) in the part of the last
/// `resource` block that an HCL text ends in.
pub(super) fn hcl_resource_attributes(before: &str) -> impl Iterator<Item = (&str, &str)> {
    let body = before
        .rfind("resource ")
        .map_or("", |start| &before[start..]);
    body.lines().filter_map(|line| {
        let (name, value) = line.split_once('=')?;
        Some((name.trim(), value.trim()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_being_valued_is_found_in_half_typed_lines() {
        assert_eq!(
            key_being_valued(r#"  "columnName": "Ce"#),
            Some("columnName")
        );
        assert_eq!(
            key_being_valued(r#"  "columnDataType":"#),
            Some("columnDataType")
        );
        assert_eq!(key_being_valued("column_name = \""), Some("column_name"));
        assert_eq!(key_being_valued("type = "), Some("type"));
        assert_eq!(key_being_valued(r#"  "name": "x", "#), None);
        assert_eq!(key_being_valued("  col"), None);
        assert_eq!(
            key_being_valued(r#"  skill_columns = ["Cell", "La"#),
            Some("skill_columns")
        );
        assert_eq!(
            key_being_valued(r#"  skill_columns = ["Cell", "#),
            Some("skill_columns")
        );
        assert_eq!(key_being_valued(r#"  skill_columns = ["Cell""#), None);
        assert_eq!(key_being_valued(r#"  "phoneColumns": [{"#), None);
    }

    #[test]
    fn the_open_objects_and_tables_are_read_from_the_text_before() {
        assert_eq!(
            json_path(r#"{"name": "x", "phoneColumns": [{"columnName": "a", "#),
            ["phoneColumns", "0"]
        );
        assert_eq!(json_path(r#"{"a": {"b": [1, 2]}, "c": {"#), ["c"]);
        assert_eq!(json_path(r#"{"n": "a{[\"", "#), Vec::<String>::new());
        assert_eq!(
            toml_table("name = 'x'\n[[columns]]\nname = 'p'\n"),
            ["columns", "0"]
        );
    }

    #[test]
    fn a_block_after_a_reference_is_its_own() {
        let before = "resource \"genesyscloud_outbound_campaign\" \"s\" {\n  contact_list_id = \
            genesyscloud_outbound_contact_list.sales.id\n  phone_columns {\n    column_name = \"";
        assert_eq!(
            hcl_blocks(before),
            [
                vec!["resource", "genesyscloud_outbound_campaign", "s"],
                vec!["phone_columns"]
            ]
        );
        let attributes: Vec<(&str, &str)> = hcl_resource_attributes(before).collect();
        assert_eq!(
            attributes,
            [
                (
                    "contact_list_id",
                    "genesyscloud_outbound_contact_list.sales.id"
                ),
                ("column_name", "\"")
            ]
        );
    }

    #[test]
    fn labels_are_told_from_values() {
        assert!(hcl_in_block_labels(
            "resource \"genesyscloud_outbound_contact_list\" \""
        ));
        assert!(!hcl_in_block_labels("  name = \""));
        assert!(!hcl_in_block_labels("  phone_columns {\n    "));
    }
}
