//! `contactlint server`: a language server over stdio (lsp-server, synchronous like ruff's: no
//! async runtime). It keeps the open documents (`documents.rs`), lints them all on every open,
//! change and save through the engine — so `duplicate-list-name` sees every open list — and
//! publishes the diagnostics in the position encoding the client negotiated (`convert.rs`). Code
//! actions come from fixes; hover and completion from the schemas, the provider table and the
//! document (`assist.rs`). The editor's settings arrive as `initializationOptions` and
//! `workspace/didChangeConfiguration`; files changed on disk are watched (docs/integrations/editors.md).
//!
//! The only module besides `cli` that talks to the outside (its connection). Never imports
//! `render` or `cli`.

mod assist;
mod convert;
mod documents;
mod transport;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeConfiguration, DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument,
    DidOpenTextDocument, DidSaveTextDocument, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{CodeActionRequest, Completion, HoverRequest, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    DidChangeConfigurationParams, HoverProviderCapability, InitializeParams, MessageType,
    PositionEncodingKind, PublishDiagnosticsParams, ServerCapabilities, ServerInfo,
    ShowMessageParams, TextDocumentSyncCapability, TextDocumentSyncKind,
};
use serde_json::Value;

use crate::syntax::{Syntax, TERRAFORM_VARIABLE_EXTENSIONS};
use convert::Encoding;
use documents::Documents;

/// The code action kind that applies every safe fix of a document.
pub const FIX_ALL: &str = "source.fixAll.contactlint";

/// Why the server stopped other than by the client's `exit`.
#[derive(Debug)]
pub enum ServerError {
    Protocol(lsp_server::ProtocolError),
    Io(std::io::Error),
}

impl std::fmt::Display for ServerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServerError::Protocol(e) => write!(f, "language server protocol error: {e}"),
            ServerError::Io(e) => write!(f, "language server I/O error: {e}"),
        }
    }
}

impl std::error::Error for ServerError {}

/// Serves the client on stdin and stdout until it exits.
pub fn run_stdio() -> Result<(), ServerError> {
    let (connection, threads) = transport::stdio();
    serve(&connection)?;
    drop(connection);
    threads.join().map_err(ServerError::Io)
}

/// Serves one client on a connection (stdio, or in memory for tests) until it asks to exit or
/// hangs up.
pub fn serve(connection: &Connection) -> Result<(), ServerError> {
    let (id, params) = match connection.initialize_start() {
        Ok(started) => started,
        // The client left before saying anything: nothing to serve.
        Err(error) if error.channel_is_disconnected() => return Ok(()),
        Err(error) => return Err(ServerError::Protocol(error)),
    };
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let encoding = Encoding::negotiate(&params);
    let result = serde_json::json!({
        "capabilities": capabilities(encoding),
        "serverInfo": ServerInfo {
            name: "contactlint".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        },
    });
    // The `initialized` notification that should follow is not awaited: a client that skips it
    // is served all the same.
    let answered = connection.sender.send(Response::new_ok(id, result).into());
    if answered.is_err() {
        return Ok(());
    }
    let mut server = Server {
        connection,
        documents: Documents::new(encoding),
    };
    server.documents.set_roots(workspace_roots(&params));
    if let Some(options) = &params.initialization_options {
        server.configure(options);
    }
    if !server.documents.loading_workspace() {
        server.documents.load_workspace();
    }
    watch_files(connection, &params);
    // After `shutdown`, requests are refused and only `exit` ends the session (the LSP's rule).
    let mut shut_down = false;
    for message in &connection.receiver {
        match message {
            Message::Request(request) if request.method == "shutdown" => {
                shut_down = true;
                server.reply(Response::new_ok(request.id, Value::Null));
            }
            Message::Request(request) if shut_down => {
                let code = ErrorCode::InvalidRequest as i32;
                let message = "the server is shut down: only `exit` is accepted".to_owned();
                server.reply(Response::new_err(request.id, code, message));
            }
            Message::Request(request) => server.request(request),
            Message::Notification(notification) if notification.method == "exit" => {
                return Ok(());
            }
            Message::Notification(_) if shut_down => {}
            Message::Notification(notification) => server.notification(notification),
            Message::Response(_) => {}
        }
    }
    Ok(())
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::new(FIX_ALL)]),
            ..CodeActionOptions::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["\"".into(), "=".into(), " ".into()]),
            ..CompletionOptions::default()
        }),
        ..ServerCapabilities::default()
    }
}

struct Server<'c> {
    connection: &'c Connection,
    documents: Documents,
}

impl Server<'_> {
    fn request(&mut self, request: Request) {
        let documents = &self.documents;
        let result = match request.method.as_str() {
            CodeActionRequest::METHOD => {
                parse(request.params).and_then(|p| answer(documents.code_actions(&p)))
            }
            HoverRequest::METHOD => parse(request.params).and_then(|p| answer(documents.hover(&p))),
            Completion::METHOD => {
                parse(request.params).and_then(|p| answer(documents.completion(&p)))
            }
            method => Err((
                ErrorCode::MethodNotFound,
                format!("contactlint does not handle `{method}`"),
            )),
        };
        let response = match result {
            Ok(value) => Response::new_ok(request.id, value),
            Err((code, message)) => Response::new_err(request.id, code as i32, message),
        };
        self.reply(response);
    }

    /// Sends a response; a client that hung up is noticed when the next message is awaited.
    fn reply(&self, response: Response) {
        let _ = self.connection.sender.send(response.into());
    }

    fn notification(&mut self, notification: Notification) {
        let params = notification.params;
        let changed = match notification.method.as_str() {
            DidOpenTextDocument::METHOD => parse_quietly(params).map(|p| self.documents.open(p)),
            DidChangeTextDocument::METHOD => {
                parse_quietly(params).map(|p| self.documents.change(p))
            }
            DidSaveTextDocument::METHOD => parse_quietly(params).map(|p| self.documents.save(p)),
            DidCloseTextDocument::METHOD => parse_quietly(params).map(|p| self.documents.close(p)),
            DidChangeWatchedFiles::METHOD => {
                parse_quietly(params).map(|p| self.documents.watched(p))
            }
            DidChangeConfiguration::METHOD => parse_quietly::<DidChangeConfigurationParams>(params)
                .map(|p| self.configure(&p.settings)),
            _ => None,
        };
        if changed.is_some() {
            self.publish();
        }
    }

    /// Takes in the editor's settings, telling the user what cannot be used.
    fn configure(&mut self, settings: &Value) {
        if let Some(warning) = self.documents.configure(settings) {
            let params = ShowMessageParams {
                typ: MessageType::WARNING,
                message: warning,
            };
            let notification = Notification::new(ShowMessage::METHOD.into(), params);
            let _ = self.connection.sender.send(notification.into());
        }
    }

    /// Lints every open document and publishes each one's diagnostics (an empty list clears a
    /// closed document's).
    fn publish(&mut self) {
        for (uri, diagnostics) in self.documents.lint() {
            let params = PublishDiagnosticsParams {
                uri,
                diagnostics,
                version: None,
            };
            let notification = Notification::new(PublishDiagnostics::METHOD.into(), params);
            let _ = self.connection.sender.send(notification.into());
        }
    }
}

/// What the server asks the client to watch (docs/integrations/editors.md): every file a module,
/// a pairing or a version choice may read — the files of every syntax and Terraform's variable
/// files, the lock files, the configuration — so that a `git checkout` or `terraform init
/// -upgrade` leaves no stale diagnostic.
fn watched() -> [String; 3] {
    let syntaxes = Syntax::ALL.iter().flat_map(|syntax| syntax.extensions());
    let extensions: Vec<&str> = syntaxes
        .chain(TERRAFORM_VARIABLE_EXTENSIONS)
        .copied()
        .collect();
    [
        format!("**/*.{{{}}}", extensions.join(",")),
        "**/.terraform.lock.hcl".to_owned(),
        "**/contactlint.toml".to_owned(),
    ]
}

/// Asks a client that can watch files for us to say when one of [`watched`] changes (its answer
/// needs no handling).
fn watch_files(connection: &Connection, params: &InitializeParams) {
    let dynamic = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration);
    if dynamic != Some(true) {
        return;
    }
    let watchers: Vec<Value> = watched()
        .iter()
        .map(|glob| serde_json::json!({"globPattern": glob}))
        .collect();
    let registration = serde_json::json!({"registrations": [{
        "id": "contactlint-files",
        "method": DidChangeWatchedFiles::METHOD,
        "registerOptions": {"watchers": watchers},
    }]});
    let id = lsp_server::RequestId::from("contactlint-watch".to_owned());
    let request = Request::new(id, "client/registerCapability".into(), registration);
    let _ = connection.sender.send(request.into());
}

/// The folders of the workspace the client opened, as paths.
#[allow(deprecated)] // `root_uri`, for clients that send no workspace folders
fn workspace_roots(params: &InitializeParams) -> Vec<std::path::PathBuf> {
    let folders = params.workspace_folders.iter().flatten().map(|f| &f.uri);
    let uris: Vec<&lsp_types::Uri> = match params.workspace_folders {
        Some(_) => folders.collect(),
        None => params.root_uri.iter().collect(),
    };
    uris.into_iter().filter_map(documents::file_path).collect()
}

/// A request's parameters, or why they are malformed.
fn parse<T: serde::de::DeserializeOwned>(params: Value) -> Result<T, (ErrorCode, String)> {
    serde_json::from_value(params).map_err(|error| {
        (
            ErrorCode::InvalidParams,
            format!("invalid parameters: {error}"),
        )
    })
}

/// A request's result as JSON.
fn answer(result: impl serde::Serialize) -> Result<Value, (ErrorCode, String)> {
    serde_json::to_value(result).map_err(|error| (ErrorCode::InternalError, error.to_string()))
}

/// A notification's parameters; a malformed notification has no answer and is dropped.
fn parse_quietly<T: serde::de::DeserializeOwned>(params: Value) -> Option<T> {
    serde_json::from_value(params).ok()
}
