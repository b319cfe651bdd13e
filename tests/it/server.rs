//! The language server, in process over `Connection::memory()`: the lifecycle, diagnostics on
//! open, change and close, UTF-16 and UTF-8 positions, code actions, hover, completion, and
//! malformed or unknown requests.

use std::thread;
use std::time::Duration;

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
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 2, "character": 5}}),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
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
    let mut version = 1;
    let mut complete = |uri: &str, text: &str| -> Vec<String> {
        version += 1;
        match version {
            2 => client.open(uri, text),
            _ => client.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": text}]}),
            ),
        }
        client.diagnostics(uri);
        let lines: Vec<&str> = text.split('\n').collect();
        let position = json!({"line": lines.len() - 1, "character": lines.last().unwrap().len()});
        let params = json!({"textDocument": {"uri": uri}, "position": position});
        let items = client.request("textDocument/completion", params);
        let items = items.as_array().unwrap().iter();
        items
            .map(|i| i["label"].as_str().unwrap().to_owned())
            .collect()
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
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 4, "character": 6}}),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
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
    let watcher = &request.params["registrations"][0]["registerOptions"]["watchers"][0];
    assert_eq!(watcher["globPattern"], "**/contactlint.toml");
    // The server goes on serving whatever the client answers.
    let answer = Response::new_ok(request.id, Value::Null);
    client.connection.sender.send(answer.into()).unwrap();
    client.open(URI, "{\"name\": \"S\", \"type\": \"CSV\", \"columns\": []}");
    assert!(!client.diagnostics(URI).is_empty());
    client.shutdown();
}

/// An open CSV is checked against the Terraform list that uploads it, found on disk around it
/// (SPEC §11), or, when that file is open too, against its buffer.
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
    let diagnostics = client.diagnostics(&campaigns);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "column-not-in-list");
    assert_eq!(
        diagnostics[0]["range"]["start"],
        json!({"line": 2, "character": 19})
    );
    let related = &diagnostics[0]["relatedInformation"][0]["location"]["uri"];
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

/// Over stdio, as an editor runs it: a body that is not JSON, and JSON that is no message, get
/// error replies and the server goes on; after `shutdown`, a request is refused and only `exit`
/// ends the process (SPEC §13).
#[test]
fn over_stdio_the_server_survives_malformed_messages_and_refuses_requests_after_shutdown() {
    let frame = |body: &str| format!("Content-Length: {}\r\n\r\n{body}", body.len());
    let request = |id: u32, method: &str, params: &str| {
        frame(&format!(
            r#"{{"jsonrpc": "2.0", "id": {id}, "method": "{method}", "params": {params}}}"#
        ))
    };
    let hover =
        r#"{"textDocument": {"uri": "file:///x.json"}, "position": {"line": 0, "character": 0}}"#;
    let input = [
        request(1, "initialize", r#"{"capabilities": {}}"#),
        frame("{oops"),
        frame(r#"{"id": 7, "method": 3}"#),
        request(2, "textDocument/hover", hover),
        request(3, "shutdown", "null"),
        request(4, "textDocument/hover", hover),
        frame(r#"{"jsonrpc": "2.0", "method": "exit"}"#),
    ]
    .concat();
    let mut server = std::process::Command::new(env!("CARGO_BIN_EXE_contactlint"));
    let (status, output) = crate::common::piped(server.arg("server"), &input);
    assert!(status.success());
    let replies: Vec<Value> = output
        .split("Content-Length: ")
        .filter(|part| !part.is_empty())
        .map(|part| serde_json::from_str(part.split_once("\r\n\r\n").unwrap().1).unwrap())
        .collect();
    // Malformed bodies are answered as they are read, the others as the server gets to them.
    let mut summary: Vec<(Value, Value)> = replies
        .iter()
        .map(|r| (r["id"].clone(), r["error"]["code"].clone()))
        .collect();
    summary.sort_by_key(|(id, _)| id.as_u64());
    let (parse, invalid) = (-32700, -32600);
    assert_eq!(
        summary,
        [
            (Value::Null, json!(parse)),
            (json!(1), Value::Null),
            (json!(2), Value::Null),
            (json!(3), Value::Null),
            (json!(4), json!(invalid)),
            (json!(7), json!(invalid)),
        ],
        "{output}"
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
