//! What the page asks and what it gets back: `check` (a list, and optionally the contacts file
//! paired with it), `explain` and `rules`. A check answers with exactly the document
//! `contactlint check --format json` prints for the same text, so that the page and the command
//! line cannot disagree.

use std::io::{self, Read};
use std::sync::Arc;

use contactlint::diagnostic::{Applicability, Diagnostic};
use contactlint::engine::{self, Input, Opener, Report};
use contactlint::fix;
use contactlint::model::contact_file::Mode;
use contactlint::model::{self, Admission, Profile};
use contactlint::render::{self, Options, OutputFormat};
use contactlint::rules::RULES;
use contactlint::settings::{ListRef, Pairing, Selection, Settings};
use contactlint::syntax::Spans;
use contactlint::text::SourceFile;
use serde::Deserialize;
use serde_json::{Value, json};

/// One request of the page.
#[derive(Debug, Deserialize)]
#[serde(tag = "command", rename_all = "lowercase")]
pub enum Request {
    Check(Check),
    /// What `contactlint explain RULE` prints.
    Explain {
        rule: String,
    },
    /// Every rule: id, default severity, summary (for the select and ignore pickers).
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
    json!({ "rules": rules })
}

/// The rule id as the registry spells it (`--select` and `--ignore` take ids only).
fn rule_id(id: &str) -> Result<&'static str, String> {
    RULES
        .iter()
        .map(|rule| rule.meta().id)
        .find(|known| *known == id)
        .ok_or_else(|| format!("unknown rule `{id}` (the rules are listed under Settings)"))
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
    let settings = Arc::new(Settings::layered(profile, limit, &[], &selection));
    let mut inputs = vec![Input::memory(
        check.name.clone(),
        Arc::from(check.text.as_str()),
        Admission::Named,
    )];
    let mut contact_settings = settings.clone();
    let mut pairing_error = None;
    let mut lists = Vec::new();
    if let Some(contacts) = &check.contacts {
        let opener = Opener::new(contacts.size, || Ok(Box::new(PageFile { offset: 0 })));
        inputs.push(Input::opened(
            contacts.name.clone(),
            opener,
            Admission::Named,
        ));
        let (addresses, paired) = pairing(check, profile, limit);
        lists = addresses;
        match paired {
            Ok(pairing) => {
                let mut paired = Settings::clone(&settings);
                paired.pairing = Some(Arc::new(pairing));
                contact_settings = Arc::new(paired);
            }
            Err(error) => pairing_error = Some(error),
        }
    }
    let contacts_name = check.contacts.as_ref().map(|c| c.name.as_str());
    let report = engine::lint_inputs(&inputs, &|input: &Input| match Some(input.display.as_str())
        == contacts_name
    {
        true => contact_settings.clone(),
        false => settings.clone(),
    });
    let fixed = check
        .fix
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
        "report": report, "fixed": fixed, "pairing_error": pairing_error, "lists": lists
    }))
}

/// The addresses of the text's Terraform lists (the page offers them when there are several),
/// and the contacts file's pairing: with the text's one list, or with the resource `check.list`
/// names. Several lists and no choice is an error, as `--list` without `#ADDRESS` is: taking the
/// first would judge the contacts against a list they may not go into.
fn pairing(
    check: &Check,
    profile: Option<Profile>,
    limit: u64,
) -> (Vec<String>, Result<Pairing, String>) {
    let origin = "the page";
    let source = SourceFile::from_memory(&check.name, &check.text, limit);
    let document = match source.syntax.parse(&source.text, Spans::Skip) {
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
    let address = match (&check.list, addresses.as_slice()) {
        (Some(chosen), _) => Some(chosen.as_str()),
        (None, []) => None,
        (None, [only]) => Some(only.as_str()),
        (None, several) => {
            let error = format!(
                "the text declares {} lists ({}): choose the one the contacts go into",
                several.len(),
                several.join(", ")
            );
            return (addresses, Err(error));
        }
    };
    let paired = engine::list_target(&source, address, origin).map(|target| Pairing {
        list: ListRef::Known(Arc::new(target)),
        id_column: check.id_column.clone(),
        mode: Mode::appending(check.append),
        origin: origin.into(),
    });
    (addresses, paired)
}

/// The list text with the fixes `wanted` applied, as `check --fix` would write it.
fn fixed(report: &Report, name: &str, settings: &Settings, wanted: Wanted) -> Option<Value> {
    let (index, source) = report
        .files
        .iter()
        .enumerate()
        .find(|(_, source)| source.path == name)?;
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

    #[test]
    fn unknown_rules_and_bad_requests_are_errors() {
        let answer = ask(json!({"command": "explain", "rule": "no-such-rule"}));
        assert!(answer["error"].as_str().unwrap().contains("no-such-rule"));
        let answer: Value = serde_json::from_str(&super::answer(b"{")).unwrap();
        assert!(answer["error"].as_str().is_some());
    }
}
