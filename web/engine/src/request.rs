//! What the page asks and what it gets back: `check` (a list, and optionally the contacts file
//! paired with it), `explain` and `rules`. A check answers with exactly the document
//! `contactlint check --format json` prints for the same text, so that the page and the command
//! line cannot disagree.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{self, Cursor, Read};
use std::sync::Arc;

use contactlint::diagnostic::{Applicability, Diagnostic};
use contactlint::engine::{self, Input, InputId, Opener, Report};
use contactlint::fix;
use contactlint::model::contact_file::{Mode, Target};
use contactlint::model::provider::{Choice, Source, Version};
use contactlint::model::{self, Admission, Profile};
use contactlint::render::{self, Options, OutputFormat};
use contactlint::rules::RULES;
use contactlint::settings::{Pairing, Selection, Settings};
use contactlint::syntax::Syntax;
use contactlint::text::SourceFile;
use serde::Deserialize;
use serde_json::{Value, json};

/// One request of the page.
#[derive(Debug, Deserialize)]
#[serde(tag = "command", rename_all = "lowercase")]
pub enum Request {
    Check(Box<Check>),
    /// What `contactlint explain RULE` prints.
    Explain {
        rule: String,
    },
    /// Every rule: id, default severity, summary (for the select and ignore pickers); the
    /// provider releases; every syntax's extensions (for the file pickers).
    Rules,
}

/// `contactlint check` on one list text, as the page's settings say.
#[derive(Debug, Deserialize)]
pub struct Check {
    /// The file name: its extension gives the syntax, as on the command line.
    name: String,
    text: String,
    /// `definition` or `api`; `None` detects it from the content.
    #[serde(default)]
    profile: Option<String>,
    #[serde(default)]
    select: Option<Vec<String>>,
    #[serde(default)]
    ignore: Vec<String>,
    /// `safe` or `unsafe`: the text with those fixes applied comes back too.
    #[serde(default)]
    fix: Option<Wanted>,
    /// A contacts file the page reads on demand, paired with the text's list.
    #[serde(default)]
    contacts: Option<Contacts>,
    /// The Terraform resource the contacts go into, when the text declares several (the
    /// `#ADDRESS` of `check --list PATH#ADDRESS`).
    #[serde(default)]
    list: Option<String>,
    /// The contacts' column that identifies each contact (`--id-column`).
    #[serde(default)]
    id_column: Option<String>,
    /// The contacts are appended to an existing list (`--append`).
    #[serde(default)]
    append: bool,
    /// The provider release Terraform lists are judged with (the page's select, as
    /// `--provider-version`); `None` is the newest the table covers.
    #[serde(default)]
    provider_version: Option<String>,
    /// The list file's bytes when they are not UTF-8 (`text` then shows them with U+FFFD): the
    /// file itself is checked, so that `invalid-encoding` is found where `check` finds it.
    #[serde(default)]
    bytes: Option<Vec<u8>>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Wanted {
    Safe,
    Unsafe,
}

#[derive(Debug, Deserialize)]
struct Contacts {
    name: String,
    size: u64,
    /// Stream it (the default); `false` only pairs it, for a check of the list that leaves the
    /// contacts to another run.
    #[serde(default = "yes")]
    read: bool,
    /// Pair it with the text's list (the default); `false` checks it on its own, as
    /// `check FILE.csv` does (the page has no list of the user's yet).
    #[serde(default = "yes")]
    pair: bool,
}

fn yes() -> bool {
    true
}

/// The answer to a request, as JSON text; a request that cannot be run says why in `error`.
pub fn answer(request: &[u8]) -> String {
    let answered = serde_json::from_slice::<Request>(request)
        .map_err(|error| format!("the page sent a request the engine cannot read: {error}"))
        .and_then(|request| match request {
            Request::Check(check) => run_check(&check),
            Request::Explain { rule } => explain(&rule),
            Request::Rules => Ok(rules()),
        });
    answered
        .unwrap_or_else(|error| json!({ "error": error }))
        .to_string()
}

fn explain(id: &str) -> Result<Value, String> {
    let rule = rule_id(id)?;
    let meta = RULES.iter().map(|r| r.meta()).find(|m| m.id == rule);
    let text = meta.map(|meta| meta.documentation()).unwrap_or_default();
    Ok(json!({ "rule": rule, "text": text }))
}

fn rules() -> Value {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|rule| {
            let meta = rule.meta();
            json!({ "id": meta.id, "severity": meta.severity, "summary": meta.summary })
        })
        .collect();
    let versions: Vec<String> = Version::releases().map(|v| v.to_string()).collect();
    json!({ "rules": rules, "provider_versions": versions, "syntaxes": syntaxes() })
}

/// Every syntax the engine reads (`Syntax::ALL`): its extensions, and whether its files hold
/// contacts (the CSV's picker) or lists (the list's), so that the page lists no extension itself.
fn syntaxes() -> Vec<Value> {
    let syntaxes = Syntax::ALL.iter();
    syntaxes
        .map(|s| json!({ "extensions": s.extensions(), "contacts": s.holds_contacts() }))
        .collect()
}

/// The page's provider version select, which wins as the command line's flag does.
fn provider(version: &str) -> Result<Choice, String> {
    Version::parse(version)
        .filter(|version| version.is_known())
        .map(|version| Choice {
            version,
            source: Source::Page,
            substituted: None,
        })
        .ok_or_else(|| format!("the provider version {version} is not a release contactlint knows"))
}

/// The rule id as the registry spells it (`--select` and `--ignore` take ids only).
fn rule_id(id: &str) -> Result<&'static str, String> {
    RULES
        .iter()
        .map(|rule| rule.meta().id)
        .find(|known| *known == id)
        .ok_or_else(|| format!("unknown rule `{id}` (Select and Ignore offer the rules' ids)"))
}

fn run_check(check: &Check) -> Result<Value, String> {
    let profile: Option<Profile> = check.profile.as_deref().map(str::parse).transpose()?;
    let selection = Selection {
        select: check
            .select
            .as_ref()
            .map(|ids| ids.iter().map(|id| rule_id(id)).collect())
            .transpose()?,
        ignore: check
            .ignore
            .iter()
            .map(|id| rule_id(id))
            .collect::<Result<_, _>>()?,
    };
    let limit = Settings::default().max_file_size;
    let mut layered = Settings::layered(profile, limit, &[], &selection);
    if let Some(version) = &check.provider_version {
        layered.providers = vec![provider(version)?];
    }
    let settings = Arc::new(layered);
    let list = match &check.bytes {
        Some(bytes) => {
            let bytes: Arc<[u8]> = Arc::from(bytes.as_slice());
            let opener = Opener::new(bytes.len() as u64, move || {
                Ok(Box::new(Cursor::new(bytes.clone())))
            });
            Input::opened(check.name.clone(), opener, Admission::Named)
        }
        None => Input::memory(
            check.name.clone(),
            Arc::from(check.text.as_str()),
            Admission::Named,
        ),
    };
    let mut inputs = vec![list];
    let mut contact_settings = settings.clone();
    let mut pairing_error = None;
    let mut lists = Vec::new();
    let mut paired_with = None;
    if let Some(contacts) = &check.contacts {
        if contacts.read {
            let opener = Opener::new(contacts.size, || Ok(Box::new(PageFile { offset: 0 })));
            inputs.push(Input::opened(
                contacts.name.clone(),
                opener,
                Admission::Named,
            ));
        }
        let (addresses, paired) = match (contacts.pair, &check.bytes) {
            (false, _) => (Vec::new(), Err(None)),
            (true, Some(_)) => (Vec::new(), Err(Some("the list is not UTF-8 text".into()))),
            (true, None) => {
                let (addresses, paired) = pairing(check, contacts, profile, limit);
                (addresses, paired.map_err(Some))
            }
        };
        lists = addresses;
        match paired {
            Ok(pairing) => {
                paired_with = pairing.address.clone();
                let mut paired = Settings::clone(&settings);
                paired.pairing = Some(Arc::new(pairing.pairing));
                contact_settings = Arc::new(paired);
            }
            Err(error) => pairing_error = error,
        }
    }
    // What the contacts are judged against: the page streams them again only when it changes.
    let judged_against = check.contacts.as_ref().map(|_| {
        let mut hasher = DefaultHasher::new();
        format!("{contact_settings:?}").hash(&mut hasher);
        format!("{:016x}", hasher.finish())
    });
    let contacts_name = check.contacts.as_ref().map(|c| c.name.as_str());
    let report = engine::lint_inputs(&inputs, &|input: &Input| match Some(input.display.as_str())
        == contacts_name
    {
        true => contact_settings.clone(),
        false => settings.clone(),
    });
    let fixed = check
        .fix
        .filter(|_| check.bytes.is_none())
        .and_then(|wanted| fixed(&report, &check.name, &settings, wanted));
    let mut document = Vec::new();
    let options = Options {
        color: false,
        summary: false,
        warnings_fail: false,
    };
    render::render(&report, OutputFormat::Json, &options, &mut document)
        .map_err(|error| error.to_string())?;
    let report: Value = serde_json::from_slice(&document).map_err(|error| error.to_string())?;
    Ok(json!({
        "report": report, "fixed": fixed, "pairing_error": pairing_error, "lists": lists,
        "paired_with": paired_with, "judged_against": judged_against
    }))
}

/// A contacts file's pairing, and the Terraform resource it is paired with.
struct Paired {
    pairing: Pairing,
    address: Option<String>,
}

/// The addresses of the text's Terraform lists (the page offers them when there are several),
/// and the contacts file's pairing: with the resource `check.list` names, else with the one
/// whose `contacts_filepath` names the contacts file (as `check` pairs them on disk), else with
/// the text's one list. Several lists and no choice is an error, as `--list` without `#ADDRESS`
/// is: taking the first would judge the contacts against a list they may not go into.
fn pairing(
    check: &Check,
    contacts: &Contacts,
    profile: Option<Profile>,
    limit: u64,
) -> (Vec<String>, Result<Paired, String>) {
    let origin = "the page";
    let source = SourceFile::from_memory(&check.name, &check.text, limit);
    let document = match source.syntax.parse(&source.text) {
        Ok(document) => document,
        Err(error) => {
            return (
                Vec::new(),
                Err(format!("the list cannot be read ({})", error.message)),
            );
        }
    };
    let recognised = model::lists(&document, source.syntax, profile, Admission::Named);
    let addresses: Vec<String> = recognised
        .lists()
        .iter()
        .filter_map(|list| Some(list.resource?.address.clone()))
        .collect();
    // The resources whose literal `contacts_filepath` ends with the contacts file's name (not a
    // URL, which the provider downloads and `check` does not pair).
    let uploading: Vec<String> = recognised
        .lists()
        .iter()
        .filter(|list| list.fixes("/contacts_filepath"))
        .filter_map(|list| {
            let resource = list.resource?;
            let path = resource.written.get("contacts_filepath")?.as_str()?;
            if path.contains("://") {
                return None;
            }
            let file_name = path.rsplit(['/', '\\']).next()?;
            (file_name == contacts.name).then(|| resource.address.clone())
        })
        .collect();
    let address = match (&check.list, uploading.as_slice(), addresses.as_slice()) {
        (Some(chosen), _, _) => Some(chosen.as_str()),
        (None, [named], _) => Some(named.as_str()),
        (None, _, []) => None,
        (None, _, [only]) => Some(only.as_str()),
        (None, _, several) => {
            let error = format!(
                "the text declares {} lists ({}): choose the one the contacts go into",
                several.len(),
                several.join(", ")
            );
            return (addresses, Err(error));
        }
    };
    let uploaded_by_provider = address.is_some_and(|a| uploading.iter().any(|u| u == a));
    let paired = engine::list_target(&source, address, origin).map(|target| Paired {
        pairing: Pairing::of_target(
            Target {
                uploaded_by_provider,
                ..target
            },
            check.id_column.clone(),
            Mode::appending(check.append),
            origin.into(),
        ),
        address: address.map(str::to_owned),
    });
    (addresses, paired)
}

/// The list text with the fixes `wanted` applied, as `check --fix` would write it.
fn fixed(report: &Report, name: &str, settings: &Settings, wanted: Wanted) -> Option<Value> {
    let (index, source) = report
        .files
        .iter()
        .enumerate()
        .find(|(_, source)| source.id == InputId::Document(name.to_owned()))?;
    let diagnostics: Vec<&Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| d.file == index)
        .collect();
    let wanted = match wanted {
        Wanted::Safe => Applicability::Safe,
        Wanted::Unsafe => Applicability::Unsafe,
    };
    let fixed = fix::fix_source(source, &diagnostics, settings, wanted)?;
    Some(json!({ "text": fixed.text, "applied": fixed.applied }))
}

/// The page's contacts file, read from `offset` on through the page.
struct PageFile {
    offset: u64,
}

impl Read for PageFile {
    fn read(&mut self, into: &mut [u8]) -> io::Result<usize> {
        let read = page::read_contacts(self.offset, into);
        let read = usize::try_from(read)
            .map_err(|_| io::Error::other("the contacts file can no longer be read"))?;
        self.offset += read as u64;
        Ok(read)
    }
}

/// The page's side of the ABI: in the browser, an import the worker provides; in native tests,
/// bytes a test sets.
mod page {
    #[cfg(target_arch = "wasm32")]
    #[link(wasm_import_module = "page")]
    unsafe extern "C" {
        #[link_name = "read_contacts"]
        fn import(offset: f64, into: *mut u8, len: usize) -> i32;
    }

    /// Copies the contacts file's bytes from `offset` into `into`: how many, or -1.
    #[cfg(target_arch = "wasm32")]
    pub(super) fn read_contacts(offset: u64, into: &mut [u8]) -> i32 {
        // SAFETY: the worker writes at most `into.len()` bytes at `into`.
        unsafe { import(offset as f64, into.as_mut_ptr(), into.len()) }
    }

    #[cfg(not(target_arch = "wasm32"))]
    thread_local! {
        pub(super) static CONTACTS: std::cell::RefCell<Vec<u8>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }

    #[cfg(not(target_arch = "wasm32"))]
    pub(super) fn read_contacts(offset: u64, into: &mut [u8]) -> i32 {
        CONTACTS.with(|bytes| {
            let bytes = bytes.borrow();
            let rest = bytes.get(offset as usize..).unwrap_or_default();
            let len = rest.len().min(into.len()).min(i32::MAX as usize);
            into[..len].copy_from_slice(&rest[..len]);
            len as i32
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ask(request: Value) -> Value {
        serde_json::from_str(&answer(request.to_string().as_bytes())).unwrap()
    }

    /// The page's file pickers take the extensions of every syntax from the engine.
    #[test]
    fn the_rules_answer_says_every_syntaxs_extensions() {
        let answer = ask(json!({"command": "rules"}));
        let syntaxes = answer["syntaxes"].as_array().unwrap();
        assert_eq!(syntaxes.len(), Syntax::ALL.len());
        for (given, syntax) in syntaxes.iter().zip(Syntax::ALL) {
            assert_eq!(given["extensions"], json!(syntax.extensions()));
            assert_eq!(given["contacts"], syntax.holds_contacts());
        }
        assert_eq!(
            syntaxes[4],
            json!({"extensions": ["csv"], "contacts": true})
        );
    }

    #[test]
    fn a_check_answers_with_the_json_output_and_the_fixed_text() {
        let text = "{\"name\": \"a\", \"type\": \"CSV\", \"columns\": []}";
        let answer = ask(json!({
            "command": "check", "name": "list.json", "text": text, "fix": "unsafe"
        }));
        let rules: Vec<&str> = answer["report"]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap())
            .collect();
        assert!(rules.contains(&"invalid-list-type"), "{answer}");
        assert!(
            answer["fixed"]["text"]
                .as_str()
                .unwrap()
                .contains("CSV_FILE")
        );
    }

    #[test]
    fn contacts_are_read_through_the_page_and_paired_with_the_list() {
        let list = json!({"name": "a", "type": "CSV_FILE", "columns": [
            {"name": "phone", "type": "PHONE", "required": true}
        ]});
        page::CONTACTS.with(|c| *c.borrow_mut() = b"phone,extra\n,1\n".to_vec());
        let answer = ask(json!({
            "command": "check", "name": "list.json", "text": list.to_string(),
            "contacts": {"name": "contacts.csv", "size": 15}
        }));
        let found: Vec<(&str, &str)> = answer["report"]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (d["path"].as_str().unwrap(), d["rule"].as_str().unwrap()))
            .collect();
        assert!(
            found.contains(&("contacts.csv", "csv-extra-column")),
            "{answer}"
        );
        assert_eq!(answer["pairing_error"], Value::Null);
    }

    /// Two Terraform lists: `a` with the column Home, `b` with Cell.
    const TWO_LISTS: &str = r#"
resource "genesyscloud_outbound_contact_list" "a" {
  name         = "A"
  column_names = ["Home"]
  phone_columns {
    column_name = "Home"
    type        = "home"
  }
}

resource "genesyscloud_outbound_contact_list" "b" {
  name         = "B"
  column_names = ["Cell"]
  phone_columns {
    column_name = "Cell"
    type        = "cell"
  }
}
"#;

    /// `check` on [`TWO_LISTS`] with a CSV whose one column is Cell, pairing with `list`.
    fn check_two_lists(list: Option<&str>) -> Value {
        let csv = b"Cell\n5551234\n";
        page::CONTACTS.with(|c| *c.borrow_mut() = csv.to_vec());
        ask(json!({
            "command": "check", "name": "main.tf", "text": TWO_LISTS, "list": list,
            "contacts": {"name": "contacts.csv", "size": csv.len()}
        }))
    }

    fn contact_rules(answer: &Value) -> Vec<&str> {
        let diagnostics = answer["report"]["diagnostics"].as_array().unwrap();
        diagnostics
            .iter()
            .filter(|d| d["path"] == "contacts.csv")
            .map(|d| d["rule"].as_str().unwrap())
            .collect()
    }

    #[test]
    fn contacts_pair_with_the_chosen_one_of_several_lists_and_never_with_a_guess() {
        let unchosen = check_two_lists(None);
        assert_eq!(
            unchosen["lists"],
            json!([
                "genesyscloud_outbound_contact_list.a",
                "genesyscloud_outbound_contact_list.b"
            ])
        );
        assert_eq!(
            unchosen["pairing_error"],
            "the text declares 2 lists (genesyscloud_outbound_contact_list.a, \
             genesyscloud_outbound_contact_list.b): choose the one the contacts go into"
        );
        assert_eq!(contact_rules(&unchosen), Vec::<&str>::new(), "{unchosen}");

        let into_b = check_two_lists(Some("genesyscloud_outbound_contact_list.b"));
        assert_eq!(into_b["pairing_error"], Value::Null, "{into_b}");
        assert_eq!(contact_rules(&into_b), Vec::<&str>::new(), "{into_b}");

        let into_a = check_two_lists(Some("genesyscloud_outbound_contact_list.a"));
        assert_eq!(into_a["pairing_error"], Value::Null, "{into_a}");
        assert!(
            contact_rules(&into_a).contains(&"csv-extra-column"),
            "{into_a}"
        );

        let gone = check_two_lists(Some("genesyscloud_outbound_contact_list.c"));
        let error = gone["pairing_error"].as_str().unwrap();
        assert!(
            error.contains("declares no contact-list resource"),
            "{error}"
        );
    }

    /// A list with the column phone; contacts whose header says PHONE and id, with one id twice.
    fn check_appended(settings: Value) -> Value {
        let list = json!({"name": "a", "type": "CSV_FILE", "columns": [
            {"name": "phone", "type": "PHONE"}
        ]});
        let csv = b"PHONE,id\n5551234,7\n5551235,7\n";
        page::CONTACTS.with(|c| *c.borrow_mut() = csv.to_vec());
        let mut request = json!({
            "command": "check", "name": "list.json", "text": list.to_string(),
            "contacts": {"name": "contacts.csv", "size": csv.len()}
        });
        request
            .as_object_mut()
            .unwrap()
            .extend(settings.as_object().unwrap().clone());
        ask(request)
    }

    #[test]
    fn the_id_column_and_append_are_those_of_the_command_line() {
        // As `check --list list.json [--append] [--id-column ID] contacts.csv` says.
        let cases = [
            (json!({}), vec!["csv-extra-column", "csv-missing-column"]),
            (json!({"append": true}), vec!["csv-extra-column"]),
            (
                json!({"append": true, "id_column": "id"}),
                vec!["csv-duplicate-id"],
            ),
            (
                json!({"append": true, "id_column": "key"}),
                vec!["csv-extra-column", "csv-missing-id-column"],
            ),
        ];
        for (settings, wanted) in cases {
            let answer = check_appended(settings.clone());
            let mut rules = contact_rules(&answer);
            rules.sort_unstable();
            assert_eq!(rules, wanted, "{settings}: {answer}");
        }
    }

    fn rules_of(answer: &Value, path: &str) -> Vec<String> {
        let diagnostics = answer["report"]["diagnostics"].as_array().unwrap();
        diagnostics
            .iter()
            .filter(|d| d["path"] == path)
            .map(|d| d["rule"].as_str().unwrap().to_owned())
            .collect()
    }

    #[test]
    fn the_provider_version_select_reaches_the_engine() {
        let text = r#"
resource "genesyscloud_outbound_contact_list" "sales" {
  name            = "Sales"
  column_names    = ["phone"]
  trim_whitespace = true
  phone_columns {
    column_name = "phone"
    type        = "cell"
  }
}
"#;
        let check = |version: Value| {
            ask(json!({
                "command": "check", "name": "main.tf", "text": text, "provider_version": version
            }))
        };
        assert_eq!(
            rules_of(&check(json!("1.55.0")), "main.tf"),
            ["needs-newer-provider"]
        );
        assert_eq!(
            rules_of(&check(Value::Null), "main.tf"),
            Vec::<String>::new()
        );
        let newest = ask(json!({"command": "rules"}))["provider_versions"]
            .as_array()
            .unwrap()
            .last()
            .unwrap()
            .clone();
        assert_eq!(rules_of(&check(newest), "main.tf"), Vec::<String>::new());
        let unknown = check(json!("0.0.1"));
        assert!(
            unknown["error"].as_str().unwrap().contains("0.0.1"),
            "{unknown}"
        );
    }

    #[test]
    fn bytes_that_are_not_utf8_are_checked_as_the_file_and_never_fixed() {
        let bytes = b"{\n  \"name\": \"M\xfcller\",\n  \"type\": \"CSV\", \"columns\": []\n}\n";
        let answer = ask(json!({
            "command": "check", "name": "list.json", "text": String::from_utf8_lossy(bytes),
            "bytes": bytes.to_vec(), "fix": "unsafe"
        }));
        let found = &answer["report"]["diagnostics"][0];
        assert_eq!(found["rule"], "invalid-encoding", "{answer}");
        assert_eq!(
            (
                &found["range"]["start"]["line"],
                &found["range"]["start"]["column"]
            ),
            (&json!(2), &json!(13))
        );
        assert_eq!(answer["fixed"], Value::Null);
    }

    #[test]
    fn a_resource_whose_contacts_filepath_names_the_csv_is_paired_without_asking() {
        let text = TWO_LISTS.replace(
            "name         = \"B\"",
            "name         = \"B\"\n  contacts_filepath = \"${path.module}/data/cells.csv\"",
        );
        let csv = b"Cell\n5551234\n";
        page::CONTACTS.with(|c| *c.borrow_mut() = csv.to_vec());
        let answer = ask(json!({
            "command": "check", "name": "main.tf", "text": text,
            "contacts": {"name": "cells.csv", "size": csv.len()}
        }));
        assert_eq!(answer["pairing_error"], Value::Null, "{answer}");
        assert_eq!(
            answer["paired_with"],
            "genesyscloud_outbound_contact_list.b"
        );
        assert_eq!(
            rules_of(&answer, "cells.csv"),
            Vec::<String>::new(),
            "{answer}"
        );
        // A URL is downloaded by the provider: not the file chosen, whatever its name.
        let remote = text.replace("${path.module}/data/", "s3://bucket/");
        let answer = ask(json!({
            "command": "check", "name": "main.tf", "text": remote,
            "contacts": {"name": "cells.csv", "size": csv.len()}
        }));
        assert_eq!(answer["paired_with"], Value::Null, "{answer}");
        let error = answer["pairing_error"].as_str().unwrap();
        assert!(error.contains("choose the one"), "{error}");
    }

    #[test]
    fn contacts_can_be_paired_without_reading_and_read_without_pairing() {
        let list = json!({"name": "a", "type": "CSV_FILE", "columns": [
            {"name": "phone", "type": "PHONE", "required": true}
        ]});
        page::CONTACTS.with(|c| *c.borrow_mut() = b"phone,extra\n,1\n".to_vec());
        let check = |contacts: Value, text: &str| {
            ask(json!({
                "command": "check", "name": "list.json", "text": text, "contacts": contacts
            }))
        };
        let text = list.to_string();
        let paired_only = check(json!({"name": "c.csv", "size": 15, "read": false}), &text);
        assert_eq!(rules_of(&paired_only, "c.csv"), Vec::<String>::new());
        let read = check(json!({"name": "c.csv", "size": 15}), &text);
        assert!(rules_of(&read, "c.csv").contains(&"csv-extra-column".into()));
        // The key of what the contacts are judged against: the same list gives the same key,
        // whitespace in its text too, and another list another.
        assert_eq!(paired_only["judged_against"], read["judged_against"]);
        let spaced = check(json!({"name": "c.csv", "size": 15}), &format!(" {text} "));
        assert_eq!(spaced["judged_against"], read["judged_against"]);
        let other = text.replace("phone", "cell");
        let other = check(json!({"name": "c.csv", "size": 15}), &other);
        assert_ne!(other["judged_against"], read["judged_against"]);
        let alone = check(json!({"name": "c.csv", "size": 15, "pair": false}), &text);
        assert_eq!(rules_of(&alone, "c.csv"), Vec::<String>::new(), "{alone}");
        assert_eq!(alone["pairing_error"], Value::Null);
    }

    #[test]
    fn unknown_rules_and_bad_requests_are_errors() {
        let answer = ask(json!({"command": "explain", "rule": "no-such-rule"}));
        assert!(answer["error"].as_str().unwrap().contains("no-such-rule"));
        let answer: Value = serde_json::from_str(&super::answer(b"{")).unwrap();
        assert!(answer["error"].as_str().is_some());
    }
}
