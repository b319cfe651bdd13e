//! The language server, in process over `Connection::memory()`: the lifecycle, diagnostics on
//! open, change and close, UTF-16 and UTF-8 positions, code actions, hover, completion, the
//! editor's settings, files changed on disk, and malformed or unknown requests (over stdio too).

use std::collections::BTreeSet;
use std::thread;
use std::time::Duration;

use contactlint::syntax::{Syntax, TERRAFORM_VARIABLE_EXTENSIONS};
use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use serde_json::{Value, json};

struct Client {
    connection: Connection,
    server: Option<thread::JoinHandle<()>>,
    next_id: i32,
}

impl Client {
    /// Starts a server and initializes it, offering these position encodings.
    fn start(encodings: &[&str]) -> Client {
        let params = json!({"capabilities": {"general": {"positionEncodings": encodings}}});
        Client::initialized(params)
    }

    /// Starts a server and initializes it with these parameters.
    fn initialized(params: Value) -> Client {
        let (server, connection) = Connection::memory();
        let handle = thread::spawn(move || contactlint::server::serve(&server).unwrap());
        let mut client = Client {
            connection,
            server: Some(handle),
            next_id: 0,
        };
        let result = client.request("initialize", params);
        assert!(
            result["capabilities"]["codeActionProvider"].is_object(),
            "{result}"
        );
        client.notify("initialized", json!({}));
        client
    }

    fn notify(&self, method: &str, params: Value) {
        let notification = Notification::new(method.to_owned(), params);
        self.connection.sender.send(notification.into()).unwrap();
    }

    /// Sends a request and returns its response (notifications in between are skipped).
    fn response(&mut self, method: &str, params: Value) -> Response {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        let request = Request::new(id.clone(), method.to_owned(), params);
        self.connection.sender.send(request.into()).unwrap();
        loop {
            match self.receive() {
                Message::Response(response) if response.id == id => return response,
                _ => {}
            }
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.response(method, params);
        response.response_result.expect("a result, not an error")
    }

    /// The next diagnostics published for `uri`, which must be one finding of the rule `code`
    /// starting at `line` and `character`.
    fn one_diagnostic(&self, uri: &str, code: &str, line: u32, character: u32) -> Value {
        let diagnostics = self.diagnostics(uri);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!(diagnostics[0]["code"], code, "{diagnostics:?}");
        let start = json!({"line": line, "character": character});
        assert_eq!(diagnostics[0]["range"]["start"], start, "{diagnostics:?}");
        diagnostics[0].clone()
    }

    /// The text of a hover at a position of `uri`.
    fn hover(&mut self, uri: &str, line: u32, character: u32) -> String {
        let position = json!({"line": line, "character": character});
        let hover = self.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": position}),
        );
        hover["contents"]["value"].as_str().unwrap().to_owned()
    }

    fn receive(&self) -> Message {
        self.connection
            .receiver
            .recv_timeout(Duration::from_secs(10))
            .expect("the server answers")
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&self, uri: &str) -> Vec<Value> {
        loop {
            if let Message::Notification(n) = self.receive()
                && n.method == "textDocument/publishDiagnostics"
                && n.params["uri"] == uri
            {
                return n.params["diagnostics"].as_array().unwrap().clone();
            }
        }
    }

    /// The rule ids of the next diagnostics published for `uri`.
    fn codes(&self, uri: &str) -> Vec<String> {
        let diagnostics = self.diagnostics(uri);
        diagnostics
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_owned())
            .collect()
    }

    fn open(&self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}),
        );
    }

    fn shutdown(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        self.server.take().unwrap().join().unwrap();
    }
}

const URI: &str = "file:///nonexistent-contactlint-test/sales.json";

#[test]
fn diagnostics_on_open_change_and_close_in_utf16_positions() {
    let client = Client::start(&["utf-16"]);
    // "é😀" before the finding: 2 UTF-16 units for the emoji, 1 for é.
    let text = "{\"name\": \"Sé😀\", \"type\": \"CSV\", \"columns\": [{\"name\": \"p\", \"type\": \
        \"PHONE\"}]}";
    client.open(URI, text);
    let diagnostics = client.diagnostics(URI);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let d = &diagnostics[0];
    assert_eq!(d["code"], "invalid-list-type");
    assert_eq!(d["source"], "contactlint");
    // `"CSV"` starts at scalar column 24 (0-based); in UTF-16 units, one more for the emoji.
    let scalar = text[..text.find("\"CSV\"").unwrap()].chars().count();
    assert_eq!(scalar, 24);
    assert_eq!(d["range"]["start"], json!({"line": 0, "character": 25}));
    assert_eq!(d["range"]["end"], json!({"line": 0, "character": 30}));
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2},
               "contentChanges": [{"text": text.replace("CSV", "CSV_FILE")}]}),
    );
    assert_eq!(client.diagnostics(URI), Vec::<Value>::new());
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 3},
        "contentChanges": [{"text": text}]}),
    );
    assert_eq!(client.diagnostics(URI).len(), 1);
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": URI}}),
    );
    assert_eq!(client.diagnostics(URI), Vec::<Value>::new());
    client.shutdown();
}

#[test]
fn utf8_is_used_when_the_client_offers_it() {
    let mut client = Client::start(&["utf-8", "utf-16"]);
    let text = "{\"name\": \"Sé😀\", \"type\": \"CSV\"}";
    client.open(URI, text);
    let diagnostics = client.diagnostics(URI);
    let d = diagnostics
        .iter()
        .find(|d| d["code"] == "invalid-list-type")
        .unwrap();
    let bytes = text.find("\"CSV\"").unwrap() as u64;
    assert_eq!(d["range"]["start"]["character"], bytes);
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": bytes + 1}}),
    );
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("invalid-list-type")
    );
    client.shutdown();
}

#[test]
fn duplicate_list_names_are_found_across_open_documents() {
    let client = Client::start(&[]);
    let list = concat!(
        r#"{"name": "Sales", "columnNames": ["Cell"], "#,
        r#""phoneColumns": [{"columnName": "Cell", "type": "cell"}]}"#
    );
    client.open("file:///nonexistent-contactlint-test/a.json", list);
    client.diagnostics("file:///nonexistent-contactlint-test/a.json");
    client.open("file:///nonexistent-contactlint-test/b.json", list);
    let b = client.diagnostics("file:///nonexistent-contactlint-test/b.json");
    assert_eq!(b[0]["code"], "duplicate-list-name");
    let related = &b[0]["relatedInformation"][0]["location"]["uri"];
    assert_eq!(related, "file:///nonexistent-contactlint-test/a.json");
    client.shutdown();
}

#[test]
fn code_actions_come_from_fixes_and_fix_all_applies_the_safe_ones() {
    let mut client = Client::start(&[]);
    let uri = "file:///nonexistent-contactlint-test/main.tf";
    let text = "resource \"genesyscloud_outbound_contact_list\" \"s\" {\n  name = \"S\"\n  \
        column_names = [\"Cell\", \"Tz\"]\n  phone_columns {\n    column_name = \"Cel\"\n    type \
            = \"cell\"\n    callable_time_column = \"Tz\"\n  }\n}\n";
    client.open(uri, text);
    let diagnostics = client.diagnostics(uri);
    let codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["undeclared-column", "deprecated-attribute"]);
    let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": 9, "character": 0}});
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": whole, "context": {"diagnostics": []}}),
    );
    let actions = actions.as_array().unwrap();
    let titles: Vec<(&str, bool)> = actions
        .iter()
        .map(|a| {
            (
                a["title"].as_str().unwrap(),
                a["isPreferred"].as_bool().unwrap_or(false),
            )
        })
        .collect();
    assert_eq!(
        titles,
        [
            ("Change \"Cel\" to \"Cell\"", false),
            (
                "Change \"callable_time_column\" to \"callable_time_column_name\"",
                true
            ),
            ("Apply every safe contactlint fix", false),
        ]
    );
    let edit = &actions[0]["edit"]["changes"][uri][0];
    assert_eq!(edit["newText"], "\"Cell\"");
    assert_eq!(edit["range"]["start"], json!({"line": 4, "character": 18}));
    let fix_all = &actions[2]["edit"]["changes"][uri][0]["newText"];
    // The rename, and its block's `=` aligned as `terraform fmt` aligns them.
    let renamed = text
        .replace("callable_time_column =", "callable_time_column_name =")
        .replace(
            "column_name = \"Cel\"",
            "column_name               = \"Cel\"",
        )
        .replace("type = \"cell\"", "type                      = \"cell\"");
    assert_eq!(fix_all.as_str().unwrap(), renamed);
    let only = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": whole,
               "context": {"diagnostics": [], "only": ["source.fixAll.contactlint"]}}),
    );
    assert_eq!(only.as_array().unwrap().len(), 1);
    client.shutdown();
}

#[test]
fn hover_describes_the_key_under_the_cursor() {
    let mut client = Client::start(&[]);
    let text = "{\n  \"name\": \"Sales\",\n  \"columnNames\": [\"Cell\"],\n  \"phoneColumns\": \
        [{\"columnName\": \"Cell\", \"type\": \"cell\"}]\n}";
    client.open(URI, text);
    client.diagnostics(URI);
    let value = client.hover(URI, 2, 5);
    assert!(value.starts_with("**columnNames** (api)"), "{value}");
    // The opening brace is the list itself: no field, no empty title.
    let top = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(top, Value::Null);
    client.shutdown();
}

#[test]
fn completion_offers_values_and_column_names_in_a_document_that_does_not_parse() {
    let mut client = Client::start(&[]);
    let good = "{\"name\": \"S\", \"columnNames\": [\"Cell\", \"Home\"], \"phoneColumns\": \
        [{\"columnName\": \"Cell\", \"type\": \"cell\"}]}";
    client.open(URI, good);
    client.diagnostics(URI);
    let broken = "{\"name\": \"S\", \"columnNames\": [\"Cell\", \"Home\"], \"phoneColumns\": \
        [{\"columnName\": \"";
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2},
        "contentChanges": [{"text": broken}]}),
    );
    client.diagnostics(URI);
    let at = |character: usize| {
        let position = json!({"line": 0, "character": character});
        json!({"textDocument": {"uri": URI}, "position": position})
    };
    let labels = |value: Value| -> Vec<String> {
        value
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["label"].as_str().unwrap().to_owned())
            .collect()
    };
    let items = client.request("textDocument/completion", at(broken.len()));
    assert_eq!(labels(items), ["Cell", "Home"]);
    let typing = "{\"columnDataTypeSpecifications\": [{\"columnDataType\": \"";
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 3},
        "contentChanges": [{"text": typing}]}),
    );
    client.diagnostics(URI);
    let items = client.request("textDocument/completion", at(typing.len()));
    assert_eq!(labels(items), ["TEXT", "NUMERIC", "TIMESTAMP"]);
    client.shutdown();
}

/// Completion offers only what is valid where the cursor is: a phone column's `type` offers phone
/// types (not list or column types), a Terraform block no computed attribute, and a resource's
/// labels nothing.
#[test]
fn completion_offers_only_what_is_valid_where_the_cursor_is() {
    let mut client = Client::start(&[]);
    let mut version = 0;
    let mut complete = |uri: &str, text: &str| -> Vec<String> {
        version += 1;
        complete_at_end(&mut client, uri, text, version)
    };
    let phone_type = "{\"name\": \"S\", \"phoneColumns\": [{\"columnName\": \"C\", \"type\": \"";
    let types = complete(URI, phone_type);
    assert!(types.contains(&"cell".to_owned()), "{types:?}");
    for wrong in ["CSV_FILE", "STRING", "TEXT", "personal"] {
        assert!(!types.contains(&wrong.to_owned()), "{wrong} in {types:?}");
    }
    let tf = "file:///nonexistent-contactlint-test/main.tf";
    let resource = "resource \"genesyscloud_outbound_contact_list\" \"s\" {\n  ";
    let keys = complete(tf, resource);
    assert!(keys.contains(&"column_names".to_owned()), "{keys:?}");
    for hidden in [
        "contacts_file_content_hash",
        "contacts_record_count",
        "callable_time_column",
    ] {
        assert!(!keys.contains(&hidden.to_owned()), "{hidden} in {keys:?}");
    }
    let block_type = format!("{resource}phone_columns {{\n    type = \"");
    let types = complete(tf, &block_type);
    assert!(types.contains(&"cell".to_owned()) && !types.contains(&"STRING".to_owned()));
    let labels = complete(tf, "resource \"genesyscloud_outbound_contact_list\" \"");
    assert_eq!(labels, Vec::<String>::new());
    client.shutdown();
}

#[test]
fn malformed_and_unknown_requests_get_error_responses() {
    let mut client = Client::start(&[]);
    let unknown = client.response("workspace/symbol", json!({"query": "x"}));
    assert_eq!(
        unknown.response_result.unwrap_err().code,
        lsp_server::ErrorCode::MethodNotFound as i32
    );
    let malformed = client.response("textDocument/hover", json!({"nonsense": true}));
    assert_eq!(
        malformed.response_result.unwrap_err().code,
        lsp_server::ErrorCode::InvalidParams as i32
    );
    // A malformed notification is dropped; a position past the end is clamped.
    client.notify("textDocument/didOpen", json!({"textDocument": 3}));
    client.open(URI, "{\"name\": \"S\", \"type\": \"CSV\", \"columns\": []}");
    client.diagnostics(URI);
    let hover = client.response(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 99, "character": 99999}}),
    );
    assert!(hover.response_result.is_ok());
    client.shutdown();
}

#[test]
fn a_huge_document_gets_a_diagnostic() {
    let client = Client::start(&[]);
    // A list by the keys at its head (the rest is too large to read).
    let text = format!(
        "{{\"columnNames\": [], \"name\": \"{}\"}}",
        "x".repeat(20 << 20)
    );
    client.open(URI, &text);
    let diagnostics = client.diagnostics(URI);
    assert_eq!(diagnostics[0]["code"], "file-too-large");
    client.shutdown();
}

#[test]
fn the_server_stops_when_the_client_hangs_up() {
    let (server, client) = Connection::memory();
    let handle = thread::spawn(move || {
        let _ = contactlint::server::serve(&server);
    });
    let init = Request::new(
        RequestId::from(1),
        "initialize".into(),
        json!({"capabilities": {}}),
    );
    client.sender.send(init.into()).unwrap();
    client
        .receiver
        .recv_timeout(Duration::from_secs(10))
        .unwrap();
    drop(client);
    handle.join().unwrap();
}

#[test]
fn duplicate_list_names_are_found_against_the_workspace_lists() {
    let dir = tempfile::tempdir().unwrap();
    let list = concat!(
        r#"{"name": "Sales", "columnNames": ["Cell"], "#,
        r#""phoneColumns": [{"columnName": "Cell", "type": "cell"}]}"#
    );
    std::fs::write(dir.path().join("a.json"), list).unwrap();
    std::fs::write(dir.path().join("package.json"), r#"{"name": "Sales"}"#).unwrap();
    let root = format!("file://{}", dir.path().display());
    let params = json!({"capabilities": {}, "workspaceFolders": [{"uri": root, "name": "lists"}]});
    let client = Client::initialized(params);
    let b = format!("{root}/b.json");
    client.open(&b, list);
    let diagnostics = client.diagnostics(&b);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "duplicate-list-name");
    let related = &diagnostics[0]["relatedInformation"][0]["location"]["uri"];
    assert_eq!(related.as_str().unwrap(), format!("{root}/a.json"));
    client.shutdown();
}

/// An editor attaches the server to every JSON, TOML and Terraform buffer: a document that is
/// not a list gets no diagnostic and no hover, as a walk skips it, while a bad list beside it is
/// judged; `include` makes a file a list by the user's word, and `exclude` leaves one out.
#[test]
fn documents_that_are_not_lists_get_no_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    let root = format!("file://{}", dir.path().display());
    let mut client = Client::start(&[]);
    let others = [
        (
            "package.json",
            "{\"name\": \"app\", \"version\": \"1.0.0\"}",
        ),
        (
            "tsconfig.json",
            "{\n  // comments\n  \"compilerOptions\": {\"strict\": true,},\n}",
        ),
        (
            "Cargo.toml",
            "[package]\nname = \"app\"\nversion = \"0.1.0\"\n",
        ),
        ("notes.toml", "This is a plain sentence, not TOML.\n"),
        (
            "main.tf",
            "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n}\n",
        ),
    ];
    for (name, text) in others {
        let uri = format!("{root}/{name}");
        client.open(&uri, text);
        assert_eq!(client.diagnostics(&uri), Vec::<Value>::new(), "{name}");
    }
    let package = format!("{root}/package.json");
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": package}, "position": {"line": 0, "character": 3}}),
    );
    assert_eq!(hover, Value::Null);
    let list = format!("{root}/sales.json");
    client.open(&list, "{\"name\": \"Sales\", \"columnNames\": []}");
    let codes = client.codes(&list);
    assert_eq!(codes, ["no-contact-column"]);
    client.shutdown();

    let config = "include = [\"lists/**\"]\nexclude = [\"lists/old/**\"]\n";
    std::fs::write(dir.path().join("contactlint.toml"), config).unwrap();
    let client = Client::start(&[]);
    let included = format!("{root}/lists/app.json");
    client.open(&included, "{\"name\": \"app\", \"version\": \"1.0.0\"}");
    let codes = client.codes(&included);
    assert!(codes.contains(&"unknown-field".to_owned()), "{codes:?}");
    for left_out in ["lists/old/sales.json", "sales.json"] {
        let uri = format!("{root}/{left_out}");
        client.open(&uri, "{\"name\": \"Sales\", \"columnNames\": []}");
        assert_eq!(client.diagnostics(&uri), Vec::<Value>::new(), "{left_out}");
    }
    client.shutdown();
}

#[test]
fn hover_describes_a_terraform_attribute_by_the_api_field_it_maps_to() {
    let mut client = Client::start(&[]);
    let uri = "file:///nonexistent-contactlint-test/lists.tf";
    let text = "resource \"genesyscloud_outbound_contact_list\" \"s\" {\n  name         = \
        \"S\"\n  column_names = [\"Cell\"]\n  phone_columns {\n    column_name = \"Cell\"\n    \
            type        = \"cell\"\n  }\n}\n";
    client.open(uri, text);
    client.diagnostics(uri);
    let value = client.hover(uri, 4, 6);
    assert!(
        value.starts_with("**phone_columns[0].column_name** (terraform)"),
        "{value}"
    );
    client.shutdown();
}

#[test]
fn configuration_changes_are_watched_when_the_client_can() {
    let capabilities =
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}});
    let client = Client::initialized(json!({"capabilities": capabilities}));
    let request = loop {
        if let Message::Request(request) = client.receive() {
            break request;
        }
    };
    assert_eq!(request.method, "client/registerCapability");
    let registration = &request.params["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    let watchers: Vec<&str> = registration["registerOptions"]["watchers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["globPattern"].as_str().unwrap())
        .collect();
    assert_eq!(
        watchers[1..],
        ["**/.terraform.lock.hcl", "**/contactlint.toml"]
    );
    // The files of every syntax, and Terraform's variable files.
    let watched: BTreeSet<&str> = watchers[0]
        .strip_prefix("**/*.{")
        .and_then(|list| list.strip_suffix('}'))
        .unwrap_or_else(|| panic!("{}", watchers[0]))
        .split(',')
        .collect();
    let syntaxes = Syntax::ALL.iter().flat_map(|syntax| syntax.extensions());
    let expected: BTreeSet<&str> = syntaxes
        .chain(TERRAFORM_VARIABLE_EXTENSIONS)
        .copied()
        .collect();
    assert_eq!(watched, expected);
    // The server goes on serving whatever the client answers.
    let answer = Response::new_ok(request.id, Value::Null);
    client.connection.sender.send(answer.into()).unwrap();
    client.open(URI, "{\"name\": \"S\", \"type\": \"CSV\", \"columns\": []}");
    assert!(!client.diagnostics(URI).is_empty());
    client.shutdown();
}

/// An open CSV is checked against the Terraform list that uploads it, found on disk around it
/// (docs/inputs/csv.md), or, when that file is open too, against its buffer.
#[test]
fn an_open_csv_finds_the_terraform_list_that_uploads_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let list = |columns: &str| {
        format!(
            "resource \"genesyscloud_outbound_contact_list\" \"s\" {{\n  name = \"S\"\n  \
             column_names = [{columns}]\n  contacts_filepath = \"c.csv\"\n  contacts_id_name = \
             \"id\"\n  phone_columns {{\n    column_name = \"phone\"\n    type = \"cell\"\n  \
             }}\n}}\n"
        )
    };
    std::fs::write(dir.path().join("main.tf"), list("\"id\", \"phone\"")).unwrap();
    // On disk as committed; open with an edit.
    std::fs::write(dir.path().join("c.csv"), "id,phone\n1,3175550100\n").unwrap();
    let root = format!("file://{}", dir.path().display());
    let client = Client::start(&[]);
    let csv = format!("{root}/c.csv");
    client.open(&csv, "id,phone,extra\n1,3175550100,x\n");
    assert_eq!(client.codes(&csv), ["csv-extra-column"]);
    // The list opened and edited: its buffer wins over the file on disk.
    let main = format!("{root}/main.tf");
    client.open(&main, &list("\"id\", \"phone\", \"extra\""));
    let mut published = Vec::new();
    while published.len() < 2 {
        if let Message::Notification(n) = client.receive() {
            published.push((n.params["uri"].clone(), n.params["diagnostics"].clone()));
        }
    }
    let for_csv = published
        .iter()
        .find(|(uri, _)| uri == &json!(csv))
        .unwrap();
    assert_eq!(for_csv.1, json!([]), "{published:?}");
    client.shutdown();
}

/// A contact file open in the editor gets its diagnostics at the lines and UTF-16 columns of the
/// document, though only the parts of it that diagnostics show are kept.
#[test]
fn a_contact_file_gets_diagnostics_at_its_lines() {
    let client = Client::start(&["utf-16"]);
    let uri = URI.replace(".json", ".csv");
    let text = "id,phone\r\n1,\"31\r\n7\"\r\n😀,2,3\r\n";
    client.open(&uri, text);
    let diagnostics = client.diagnostics(&uri);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let d = &diagnostics[0];
    assert_eq!(d["code"], "csv-field-count");
    assert_eq!(d["range"]["start"], json!({"line": 3, "character": 0}));
    assert_eq!(d["range"]["end"], json!({"line": 3, "character": 6}));
    client.shutdown();
}

/// An open campaign is checked against the list in another file of its directory (on disk
/// while it is closed, as edited once it is open), and editing the list checks it again.
#[test]
fn an_open_campaign_is_checked_against_its_directorys_list() {
    let dir = tempfile::tempdir().unwrap();
    let list = |columns: &str| {
        format!(
            "resource \"genesyscloud_outbound_contact_list\" \"sales\" {{\n  name = \"Sales\"\n  \
             column_names = [{columns}]\n  phone_columns {{\n    column_name = \"Cell\"\n    \
             type = \"cell\"\n  }}\n}}\n"
        )
    };
    std::fs::write(dir.path().join("lists.tf"), list("\"Cell\"")).unwrap();
    let campaign = "resource \"genesyscloud_outbound_campaign\" \"sales\" {\n  contact_list_id = \
        genesyscloud_outbound_contact_list.sales.id\n  skill_columns = [\"Language\"]\n}\n";
    let root = format!("file://{}", dir.path().display());
    let client = Client::start(&[]);
    let campaigns = format!("{root}/campaigns.tf");
    client.open(&campaigns, campaign);
    let diagnostic = client.one_diagnostic(&campaigns, "column-not-in-list", 2, 19);
    let related = &diagnostic["relatedInformation"][0]["location"]["uri"];
    assert_eq!(related.as_str().unwrap(), format!("{root}/lists.tf"));
    // The list, opened and edited (not saved): the campaign is checked again against it.
    let lists = format!("{root}/lists.tf");
    client.open(&lists, &list("\"Cell\", \"Language\""));
    let again = client.diagnostics(&campaigns);
    assert_eq!(
        again,
        Vec::<Value>::new(),
        "gone once the list has the column"
    );
    client.shutdown();
}

/// A message framed as the protocol frames it.
fn frame(body: &str) -> String {
    format!("Content-Length: {}\r\n\r\n{body}", body.len())
}

/// A request, framed.
fn framed_request(id: u32, method: &str, params: &str) -> String {
    frame(&format!(
        r#"{{"jsonrpc": "2.0", "id": {id}, "method": "{method}", "params": {params}}}"#
    ))
}

const HOVER_AT_START: &str =
    r#"{"textDocument": {"uri": "file:///x.json"}, "position": {"line": 0, "character": 0}}"#;

/// Runs `contactlint` with `args` on `input` and returns each reply's id and error code, by id
/// (malformed bodies are answered as they are read, the others as the server gets to them);
/// the server must exit cleanly, and soon.
fn stdio_replies(args: &[&str], input: &str) -> Vec<(Value, Value)> {
    let mut server = std::process::Command::new(env!("CARGO_BIN_EXE_contactlint"));
    let started = std::time::Instant::now();
    let (status, output) = crate::common::piped(server.args(args), input);
    assert!(status.success(), "{status:?}: {output}");
    assert!(started.elapsed() < Duration::from_secs(30));
    let replies: Vec<Value> = output
        .split("Content-Length: ")
        .filter(|part| !part.is_empty())
        .map(|part| serde_json::from_str(part.split_once("\r\n\r\n").unwrap().1).unwrap())
        .collect();
    let mut summary: Vec<(Value, Value)> = replies
        .iter()
        .map(|r| (r["id"].clone(), r["error"]["code"].clone()))
        .collect();
    summary.sort_by_key(|(id, _)| id.as_u64());
    summary
}

/// Over stdio, as an editor runs it: a body that is not JSON, and JSON that is no message, get
/// error replies and the server goes on; after `shutdown`, a request is refused and only `exit`
/// ends the process (docs/integrations/editors.md).
#[test]
fn over_stdio_the_server_survives_malformed_messages_and_refuses_requests_after_shutdown() {
    let input = [
        framed_request(1, "initialize", r#"{"capabilities": {}}"#),
        frame("{oops"),
        frame(r#"{"id": 7, "method": 3}"#),
        framed_request(2, "textDocument/hover", HOVER_AT_START),
        framed_request(3, "shutdown", "null"),
        framed_request(4, "textDocument/hover", HOVER_AT_START),
        frame(r#"{"jsonrpc": "2.0", "method": "exit"}"#),
    ]
    .concat();
    let (parse, invalid) = (-32700, -32600);
    assert_eq!(
        stdio_replies(&["server"], &input),
        [
            (Value::Null, json!(parse)),
            (json!(1), Value::Null),
            (json!(2), Value::Null),
            (json!(3), Value::Null),
            (json!(4), json!(invalid)),
            (json!(7), json!(invalid)),
        ]
    );
}

/// A workspace folder as large as a whole file system is read on a thread of its own: the first
/// diagnostics come while it is still being read (they waited for the whole walk before).
#[test]
fn a_huge_workspace_folder_does_not_hold_back_diagnostics() {
    let params = json!({"capabilities": {}, "rootUri": "file:///"});
    let client = Client::initialized(params);
    client.open(URI, "{\"name\": \"S\", \"type\": \"CSV\", \"columns\": []}");
    let diagnostics = client.diagnostics(URI);
    assert!(!diagnostics.is_empty());
    client.shutdown();
}

/// A repository (a `.git` directory) holding `files`, and its `file:` URI.
fn workspace(files: &[(&str, &str)]) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let root = format!("file://{}", dir.path().display());
    (dir, root)
}

/// A server whose workspace folder is `root`, started with these `initializationOptions`.
fn start_in(root: &str, options: Value) -> Client {
    let params = json!({"capabilities": {}, "rootUri": root, "initializationOptions": options});
    Client::initialized(params)
}

/// A list in `lists.tf` with these columns (`Cell` and `Home` its phone columns, `Email` its
/// email column), and a second list whose phone column is `Other`.
fn lists_tf(columns: &str) -> String {
    format!(
        "resource \"genesyscloud_outbound_contact_list\" \"sales\" {{\n  name         = \
         \"Sales\"\n  column_names = [{columns}]\n  phone_columns {{\n    column_name = \
         \"Cell\"\n    type        = \"cell\"\n  }}\n  phone_columns {{\n    column_name = \
         \"Home\"\n    type        = \"home\"\n  }}\n  email_columns {{\n    column_name = \
         \"Email\"\n    type        = \"work\"\n  }}\n}}\n\nresource \
         \"genesyscloud_outbound_contact_list\" \"other\" {{\n  name         = \"Other\"\n  \
         column_names = [\"Other\"]\n  phone_columns {{\n    column_name = \"Other\"\n    type \
                = \"cell\"\n  }}\n}}\n"
    )
}

const CAMPAIGN_HEAD: &str = "resource \"genesyscloud_outbound_campaign\" \"sales\" {\n  \
    contact_list_id = genesyscloud_outbound_contact_list.sales.id\n  ";

/// The labels of a completion at the end of `text`, opened (or changed to) in `uri`.
fn complete_at_end(client: &mut Client, uri: &str, text: &str, version: i32) -> Vec<String> {
    match version {
        1 => client.open(uri, text),
        _ => client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"text": text}]}),
        ),
    }
    client.diagnostics(uri);
    let lines: Vec<&str> = text.split('\n').collect();
    let position = json!({"line": lines.len() - 1, "character": lines.last().unwrap().len()});
    let items = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": position}),
    );
    let mut labels: Vec<String> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_owned())
        .collect();
    labels.sort();
    labels
}

/// Inside a campaign, completion offers the campaign's attributes (not the list's), and where a
/// column goes, the columns of the kind it takes of the list the campaign names, found in
/// another file of its module (docs/integrations/editors.md).
#[test]
fn completion_in_a_campaign_offers_its_attributes_and_its_lists_columns_of_the_right_kind() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("lists.tf"),
        lists_tf("\"Cell\", \"Home\", \"Email\", \"Language\""),
    )
    .unwrap();
    let uri = format!("file://{}/campaigns.tf", dir.path().display());
    let mut client = Client::start(&[]);
    let keys = complete_at_end(&mut client, &uri, CAMPAIGN_HEAD, 1);
    for campaign in [
        "dialing_mode",
        "contact_list_id",
        "phone_columns",
        "skill_columns",
    ] {
        assert!(
            keys.contains(&campaign.to_owned()),
            "{campaign} not in {keys:?}"
        );
    }
    for not_here in ["column_names", "id", "email_columns", "name "] {
        assert!(
            !keys.contains(&not_here.to_owned()),
            "{not_here} in {keys:?}"
        );
    }
    let phone = format!("{CAMPAIGN_HEAD}phone_columns {{\n    column_name = \"");
    let columns = complete_at_end(&mut client, &uri, &phone, 2);
    assert_eq!(
        columns,
        ["Cell", "Home"],
        "the list's phone columns, not `Email` or `Other`"
    );
    let skills = format!("{CAMPAIGN_HEAD}skill_columns = [\"Cell\", \"");
    let columns = complete_at_end(&mut client, &uri, &skills, 3);
    assert_eq!(columns, ["Cell", "Email", "Home", "Language"]);
    let status = format!("{CAMPAIGN_HEAD}campaign_status = \"");
    assert_eq!(
        complete_at_end(&mut client, &uri, &status, 4),
        ["off", "on"]
    );
    client.shutdown();
}

/// The provider version the editor selects (`contactlint.providerVersion`, as
/// `initializationOptions` and then `workspace/didChangeConfiguration`) wins over
/// `contactlint.toml`'s, as `--provider-version` does; completion offers only what that version
/// has, and hover says since which version an attribute exists (docs/provider-versions.md, docs/integrations/editors.md).
#[test]
fn the_editors_provider_version_selects_diagnostics_completion_and_hover() {
    let (_dir, root) = workspace(&[("contactlint.toml", "provider-version = \"1.84.0\"\n")]);
    let mut client = start_in(&root, json!({"providerVersion": "1.55.0"}));
    let uri = format!("{root}/lists.tf");
    let list = "resource \"genesyscloud_outbound_contact_list\" \"s\" {\n  name            = \
                \"S\"\n  column_names    = [\"Cell\"]\n  trim_whitespace = true\n  \
                phone_columns {\n    column_name = \"Cell\"\n    type        = \"cell\"\n  }\n}\n";
    client.open(&uri, list);
    let diagnostic = client.one_diagnostic(&uri, "needs-newer-provider", 3, 2);
    let message = diagnostic["message"].as_str().unwrap();
    assert!(
        message.contains("the editor's provider version selects 1.55.0"),
        "{message}"
    );
    let value = client.hover(&uri, 2, 4);
    assert!(
        value.contains("`column_names`: since provider 1.5.0"),
        "{value}"
    );
    // Completion at 1.55.0: no `trim_whitespace` (1.58.0) to offer.
    let campaigns = format!("{root}/campaigns.tf");
    let keys = complete_at_end(&mut client, &campaigns, CAMPAIGN_HEAD, 1);
    assert!(keys.contains(&"skill_columns".to_owned()), "{keys:?}");
    assert!(!keys.contains(&"agent_owned_column".to_owned()), "{keys:?}");
    // The setting changed: 1.82.0 has `agent_owned_column`.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"contactlint": {"providerVersion": "1.82.0"}}}),
    );
    let mut published = 0;
    while published < 2 {
        if let Message::Notification(n) = client.receive()
            && n.method == "textDocument/publishDiagnostics"
        {
            published += 1;
            if n.params["uri"] == json!(uri) {
                assert_eq!(
                    n.params["diagnostics"],
                    json!([]),
                    "1.82.0 has trim_whitespace"
                );
            }
        }
    }
    let text = format!("{CAMPAIGN_HEAD}agent_owned_column = \"Cell\"\n}}\n");
    let keys = complete_at_end(&mut client, &campaigns, CAMPAIGN_HEAD, 2);
    assert!(keys.contains(&"agent_owned_column".to_owned()), "{keys:?}");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": campaigns, "version": 3},
               "contentChanges": [{"text": text}]}),
    );
    client.diagnostics(&campaigns);
    let value = client.hover(&campaigns, 2, 4);
    assert_eq!(
        value,
        "`agent_owned_column`: since provider 1.82.0 (the editor's provider version selects \
         1.82.0)."
    );
    // Unset: `contactlint.toml` decides again.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"contactlint": {"providerVersion": ""}}}),
    );
    client.diagnostics(&campaigns);
    let value = client.hover(&campaigns, 2, 4);
    assert!(value.contains("contactlint.toml selects 1.84.0"), "{value}");
    client.shutdown();
}

/// `contactlint.configuration` names the configuration file every document is judged with, as
/// `--config` does; one that cannot be read is said, and each file's own is used.
#[test]
fn the_editors_configuration_file_is_used_instead_of_the_one_found() {
    let strict = "[rules]\ninvalid-list-type = \"off\"\n";
    let (_dir, root) = workspace(&[("settings/strict.toml", strict)]);
    let options = json!({"contactlint": {"configuration": "settings/strict.toml"}});
    let client = start_in(&root, options);
    let uri = format!("{root}/sales.json");
    let list = "{\"name\": \"S\", \"type\": \"CSV\", \"columns\": [{\"name\": \"p\", \"type\": \
        \"PHONE\"}]}";
    client.open(&uri, list);
    assert_eq!(client.diagnostics(&uri), Vec::<Value>::new());
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"contactlint": {"configuration": "settings/missing.toml"}}}),
    );
    let mut warned = None;
    let mut codes = None;
    while warned.is_none() || codes.is_none() {
        if let Message::Notification(n) = client.receive() {
            match n.method.as_str() {
                "window/showMessage" => warned = Some(n.params["message"].clone()),
                "textDocument/publishDiagnostics" => codes = Some(n.params["diagnostics"].clone()),
                _ => {}
            }
        }
    }
    let warned = warned.unwrap();
    assert!(
        warned.as_str().unwrap().contains("settings/missing.toml"),
        "{warned}"
    );
    assert_eq!(codes.unwrap()[0]["code"], "invalid-list-type");
    client.shutdown();
}

/// Files changed on disk are read again (docs/integrations/editors.md): a list the campaign's module holds, edited
/// by a `git checkout`, and a lock file that `terraform init -upgrade` rewrote.
#[test]
fn files_changed_on_disk_are_read_again_and_diagnostics_published() {
    let lock = |version: &str| {
        format!(
            "provider \"registry.terraform.io/mypurecloud/genesyscloud\" {{\n  version     = \
             \"{version}\"\n  constraints = \"~> 1.0\"\n}}\n"
        )
    };
    let (dir, root) = workspace(&[
        ("lists.tf", &lists_tf("\"Cell\", \"Home\", \"Email\"")),
        (".terraform.lock.hcl", &lock("1.84.0")),
    ]);
    let lists = dir.path().join("lists.tf");
    let client = start_in(&root, Value::Null);
    let campaigns = format!("{root}/campaigns.tf");
    let text = format!("{CAMPAIGN_HEAD}skill_columns = [\"Language\"]\n}}\n");
    client.open(&campaigns, &text);
    client.one_diagnostic(&campaigns, "column-not-in-list", 2, 19);
    let changed =
        |path: &str, typ: u32| json!({"changes": [{"uri": format!("{root}/{path}"), "type": typ}]});
    // The list gains the column on disk.
    std::fs::write(
        &lists,
        lists_tf("\"Cell\", \"Home\", \"Email\", \"Language\""),
    )
    .unwrap();
    client.notify("workspace/didChangeWatchedFiles", changed("lists.tf", 2));
    assert_eq!(client.diagnostics(&campaigns), Vec::<Value>::new());
    // An older provider in the lock file: `skill_columns` needs 1.55.0.
    std::fs::write(dir.path().join(".terraform.lock.hcl"), lock("1.50.0")).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        changed(".terraform.lock.hcl", 2),
    );
    client.one_diagnostic(&campaigns, "needs-newer-provider", 2, 2);
    // The list deleted, then the lock file upgraded: the campaign's list is gone.
    std::fs::remove_file(&lists).unwrap();
    std::fs::write(dir.path().join(".terraform.lock.hcl"), lock("1.84.0")).unwrap();
    let both = json!({"changes": [
        {"uri": format!("{root}/lists.tf"), "type": 3},
        {"uri": format!("{root}/.terraform.lock.hcl"), "type": 2},
    ]});
    client.notify("workspace/didChangeWatchedFiles", both);
    let codes: Vec<String> = client
        .diagnostics(&campaigns)
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        !codes.contains(&"needs-newer-provider".to_owned()),
        "{codes:?}"
    );
    assert!(
        !codes.contains(&"column-not-in-list".to_owned()),
        "{codes:?}"
    );
    client.shutdown();
}

/// A header block without `Content-Length`, followed by its body, gets a parse error, and the
/// server goes on answering, `shutdown` and `exit` included (N17: it stopped answering at all).
/// `--stdio`, which `vscode-languageclient` passes, is accepted.
#[test]
fn over_stdio_a_header_without_a_length_is_answered_and_the_server_goes_on() {
    let input = [
        framed_request(1, "initialize", r#"{"capabilities": {}}"#),
        format!(
            "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}",
            r#"{"jsonrpc": "2.0", "id": 9, "method": "textDocument/hover", "params": {}}"#
        ),
        framed_request(2, "textDocument/hover", HOVER_AT_START),
        framed_request(3, "shutdown", "null"),
        frame(r#"{"jsonrpc": "2.0", "method": "exit"}"#),
    ]
    .concat();
    assert_eq!(
        stdio_replies(&["server", "--stdio"], &input),
        [
            (Value::Null, json!(-32700)),
            (json!(1), Value::Null),
            (json!(2), Value::Null),
            (json!(3), Value::Null),
        ]
    );
}

/// The callers of an open module are searched from the workspace folder that holds it, not from
/// the repository around it: opened as the repository, a campaign whose list comes through a
/// root's module call is judged through that root; opened as its `modules` folder alone, the
/// root is outside what the editor opened and the list stays unknown.
#[test]
fn callers_are_searched_from_the_workspace_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let files = [
        (
            "modules/lists/lists.tf",
            "resource \"genesyscloud_outbound_contact_list\" \"sales\" {\n  name = \"Sales\"\n  \
             column_names = [\"Cell\"]\n  phone_columns {\n    column_name = \"Cell\"\n    \
             type = \"cell\"\n  }\n}\n\noutput \"id\" {\n  value = \
             genesyscloud_outbound_contact_list.sales.id\n}\n",
        ),
        (
            "environments/prod/main.tf",
            "module \"lists\" {\n  source = \"../../modules/lists\"\n}\n\nmodule \"campaigns\" \
             {\n  source  = \"../../modules/campaigns\"\n  list_id = module.lists.id\n}\n",
        ),
    ];
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    std::fs::create_dir_all(dir.path().join("modules/campaigns")).unwrap();
    let campaign = "variable \"list_id\" {}\n\nresource \"genesyscloud_outbound_campaign\" \"c\" \
        {\n  contact_list_id = var.list_id\n  skill_columns = [\"Language\"]\n}\n";
    let root = format!("file://{}", dir.path().display());
    let uri = format!("{root}/modules/campaigns/campaigns.tf");
    let opened = |folder: &str| {
        let folders = json!([{"uri": folder, "name": "w"}]);
        let client = Client::initialized(json!({"capabilities": {}, "workspaceFolders": folders}));
        client.open(&uri, campaign);
        client
    };
    let client = opened(&root);
    let diagnostic = client.one_diagnostic(&uri, "column-not-in-list", 4, 19);
    let message = diagnostic["message"].as_str().unwrap();
    assert!(
        message.contains("through module.campaigns in "),
        "{message}"
    );
    client.shutdown();
    let client = opened(&format!("{root}/modules"));
    assert_eq!(client.diagnostics(&uri), Vec::<Value>::new());
    client.shutdown();
}
