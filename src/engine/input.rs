//! The engine's inputs: what a run is given (paths, standard input, text in memory), what each
//! is (its [`InputId`]), how each is read — whole under the size cap, or streamed (a contact
//! file) — with one set of messages for what cannot be read, and the settings each is linted
//! with. The engine never walks a file system itself.

use std::fmt;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::Admission;
use crate::settings::{Pairing, Settings};
use crate::syntax::Syntax;
use crate::text::{self, SourceFile};
use crate::workspace::{Disk, Environment};

pub use crate::text::InputId;

/// Gives each input its settings (see [`crate::settings::config::Resolver`]).
pub type SettingsFor<'a> = dyn Fn(&Input) -> Arc<Settings> + Sync + 'a;

/// Where an input's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputSource {
    Path(PathBuf),
    Stdin,
    /// Text held in memory, such as an editor's unsaved document.
    Memory(Arc<str>),
    /// Bytes an embedder reads on demand, such as the browser page's `File` of contacts, read
    /// in chunks and never held whole.
    Opener(Opener),
}

/// Opens an embedder's bytes from the start, as often as a check asks (a contact file is read a
/// second time for the rows a rule asks to see again).
#[derive(Clone)]
pub struct Opener {
    open: Arc<dyn Fn() -> io::Result<Reader> + Send + Sync>,
    size: u64,
}

impl Opener {
    /// `open` gives a reader of the bytes from the start; `size` is their length.
    pub fn new(size: u64, open: impl Fn() -> io::Result<Reader> + Send + Sync + 'static) -> Opener {
        Opener {
            open: Arc::new(open),
            size,
        }
    }
}

impl std::fmt::Debug for Opener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Opener({} bytes)", self.size)
    }
}

/// The same opener, not merely one that gives the same bytes.
impl PartialEq for Opener {
    fn eq(&self, other: &Opener) -> bool {
        Arc::ptr_eq(&self.open, &other.open)
    }
}

impl Eq for Opener {}

/// One file to check.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    pub id: InputId,
    pub source: InputSource,
    /// The path shown in output, with `/` separators.
    pub display: String,
    /// Named by the user rather than found by walking: the configuration's `include` does not
    /// apply to it, and `exclude` only with `--force-exclude`.
    pub explicit: bool,
    /// Whether it is checked whatever it holds, or only when it looks like a contact list.
    pub admission: Admission,
    /// For a contact file named by a Terraform resource: that list (it wins over the
    /// settings' pairing).
    pub pairing: Option<Arc<Pairing>>,
}

impl Input {
    /// A file read from `path`, shown as written.
    pub fn path(path: &Path, explicit: bool, admission: Admission) -> Input {
        Input {
            id: InputId::of_path(path),
            source: InputSource::Path(path.to_path_buf()),
            display: text::shown_path(path),
            explicit,
            admission,
            pairing: None,
        }
    }

    /// Standard input, named `display`.
    pub fn stdin(display: String) -> Input {
        Input {
            id: InputId::Stdin,
            source: InputSource::Stdin,
            display,
            explicit: true,
            admission: Admission::Named,
            pairing: None,
        }
    }

    /// A document held in memory (an editor's buffer), named `display`.
    pub fn memory(display: String, text: Arc<str>, admission: Admission) -> Input {
        Input {
            id: InputId::Document(display.clone()),
            source: InputSource::Memory(text),
            display,
            explicit: true,
            admission,
            pairing: None,
        }
    }

    /// Bytes an embedder reads on demand, named `display`.
    pub fn opened(display: String, opener: Opener, admission: Admission) -> Input {
        Input {
            source: InputSource::Opener(opener),
            ..Input::memory(display, Arc::from(""), admission)
        }
    }

    /// The path used to match configuration globs (the display name when not read by path).
    pub fn glob_path(&self) -> &Path {
        match &self.source {
            InputSource::Path(path) => path,
            InputSource::Stdin | InputSource::Memory(_) | InputSource::Opener(_) => {
                Path::new(&self.display)
            }
        }
    }
}

/// A problem with the run itself rather than with a file's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunError {
    pub path: String,
    pub reason: String,
    pub cause: Cause,
}

/// What kind of problem a [`RunError`] is: what to do about it depends on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    NotFound,
    PermissionDenied,
    /// Any other reason a path cannot be read or walked.
    Unreadable,
    /// The list a contact file is paired with cannot be used: missing, unreadable, not parsed,
    /// or not one list.
    Pairing,
}

impl fmt::Display for RunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

impl std::error::Error for RunError {}

/// What walking the paths of a run meets, one item at a time.
#[derive(Debug, Clone, PartialEq)]
pub enum Discovered {
    Input(Input),
    /// A path that cannot be used.
    Error(RunError),
    /// A file the configuration leaves out, by its displayed path.
    Excluded(String),
    /// A walked entry that is no file to check, such as a symbolic link to nothing: skipped, with
    /// a note saying so.
    Skipped {
        path: String,
        reason: String,
    },
}

/// The inputs of a run. [`lint_inputs`](super::lint_inputs) goes through them once, and a second time only to fetch the
/// few files a rule across files points into, so each call must yield the same items in the same
/// order.
pub trait Inputs: Sync {
    fn inputs(&self) -> Box<dyn Iterator<Item = Discovered> + Send + '_>;

    /// How the files around the inputs are seen (a module's other files, its callers): the
    /// disk, unless the embedder says otherwise.
    fn environment(&self) -> &dyn Environment {
        &Disk
    }

    /// Whether the configuration leaves out a file read beside the inputs (a module's other
    /// file, a caller): a finding located in it is not reported.
    fn leaves_out(&self, _path: &Path) -> bool {
        false
    }
}

impl Inputs for Vec<Input> {
    fn inputs(&self) -> Box<dyn Iterator<Item = Discovered> + Send + '_> {
        Box::new(self.iter().cloned().map(Discovered::Input))
    }
}

/// Reads an input whole, under its size cap.
pub(super) fn read(input: &Input, settings: &Settings) -> Result<SourceFile, RunError> {
    let terraform = Syntax::from_name(input.glob_path()).is_some_and(Syntax::is_terraform);
    let limit = match terraform {
        true => settings.terraform_max_file_size,
        false => settings.max_file_size,
    };
    let read = match &input.source {
        InputSource::Stdin => text::read_stdin(input.display.clone(), limit),
        InputSource::Path(path) => SourceFile::read(path, input.display.clone(), limit),
        InputSource::Memory(text) => Ok(SourceFile::from_memory(&input.display, text, limit)),
        InputSource::Opener(opener) => read_opened(opener, input, limit),
    };
    let mut source = read.map_err(|error| input.error(&error))?;
    source.id = input.id.clone();
    Ok(source)
}

/// An embedder's bytes, read whole (at most `limit + 1` of them).
fn read_opened(opener: &Opener, input: &Input, limit: u64) -> io::Result<SourceFile> {
    let mut bytes = Vec::new();
    (opener.open)()?
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    let syntax = Syntax::detect(&input.display, &bytes);
    Ok(SourceFile::from_bytes(
        input.display.clone(),
        syntax,
        bytes,
        limit,
    ))
}

/// A streamed input being read.
pub type Reader = Box<dyn Read + Send>;

/// An input that is streamed rather than read whole (a contact file, exempt from the size cap):
/// it can be opened more than once, standard input included (held after its first read).
pub(super) struct Stream {
    source: InputSource,
    stdin: Option<Arc<[u8]>>,
}

impl Stream {
    pub(super) fn new(input: &Input) -> Result<Stream, RunError> {
        let stdin = match &input.source {
            InputSource::Stdin => {
                let bytes = text::stdin_bytes(u64::MAX).map_err(|e| input.error(&e))?;
                Some(bytes.into())
            }
            InputSource::Path(_) | InputSource::Memory(_) | InputSource::Opener(_) => None,
        };
        let source = input.source.clone();
        Ok(Stream { source, stdin })
    }

    /// Bytes held in memory, streamed as a file would be.
    pub(super) fn bytes(bytes: &[u8]) -> Stream {
        Stream {
            source: InputSource::Stdin,
            stdin: Some(bytes.into()),
        }
    }

    /// Its size in bytes, as far as it is known before reading (0 when it is not).
    pub(super) fn size(&self) -> u64 {
        match (&self.source, &self.stdin) {
            (_, Some(bytes)) => bytes.len() as u64,
            (InputSource::Path(path), None) => std::fs::metadata(path).map_or(0, |m| m.len()),
            (InputSource::Memory(text), None) => text.len() as u64,
            (InputSource::Opener(opener), None) => opener.size,
            (InputSource::Stdin, None) => 0,
        }
    }

    /// Opens it (again), from the start.
    pub(super) fn open(&self) -> io::Result<Reader> {
        match (&self.source, &self.stdin) {
            (_, Some(bytes)) => Ok(Box::new(io::Cursor::new(bytes.clone()))),
            (InputSource::Path(path), None) => Ok(Box::new(text::open_regular(path)?.0)),
            (InputSource::Memory(text), None) => {
                Ok(Box::new(io::Cursor::new(text.as_bytes().to_vec())))
            }
            (InputSource::Opener(opener), None) => (opener.open)(),
            (InputSource::Stdin, None) => Err(io::Error::other("standard input was not read")),
        }
    }
}

impl Input {
    /// The run error for an input that cannot be read.
    pub(super) fn error(&self, error: &io::Error) -> RunError {
        RunError::io(self.display.clone(), error)
    }
}

/// What cannot be read, in words: the one set of messages for every input.
pub(super) fn describe_io(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => NOT_FOUND.into(),
        io::ErrorKind::PermissionDenied => PERMISSION_DENIED.into(),
        io::ErrorKind::IsADirectory => "is a directory".into(),
        _ => error.to_string(),
    }
}

const NOT_FOUND: &str = "no such file or directory";
const PERMISSION_DENIED: &str = "permission denied";

impl RunError {
    /// `path` cannot be read, for the reason `error` gives.
    pub fn io(path: String, error: &io::Error) -> RunError {
        let cause = match error.kind() {
            io::ErrorKind::NotFound => Cause::NotFound,
            io::ErrorKind::PermissionDenied => Cause::PermissionDenied,
            _ => Cause::Unreadable,
        };
        let reason = describe_io(error);
        RunError {
            path,
            reason,
            cause,
        }
    }

    /// The list a contact file at `path` is paired with cannot be used, for `reason`.
    pub fn pairing(path: String, reason: String) -> RunError {
        let cause = Cause::Pairing;
        RunError {
            path,
            reason,
            cause,
        }
    }

    /// What to do about it.
    pub fn help(&self) -> String {
        let help = match self.cause {
            Cause::NotFound => return not_found_help(),
            Cause::PermissionDenied => {
                "make it readable by this user, or leave it out with `exclude` in \
                contactlint.toml"
            }
            Cause::Unreadable => "check the path, and that it is a readable file or directory",
            Cause::Pairing => {
                "the list is named by `--list PATH[#ADDRESS]`, or by `list` in the `[[contacts]]` \
                entry of contactlint.toml that pairs this file"
            }
        };
        help.to_owned()
    }
}

/// What to do about a path that names nothing: `check the path; directories are walked for
/// *.json, *.toml, … and *.csv files`, every syntax's extensions.
fn not_found_help() -> String {
    let patterns: Vec<String> = Syntax::ALL
        .iter()
        .flat_map(|syntax| syntax.extensions())
        .map(|extension| format!("*.{extension}"))
        .collect();
    let (last, rest) = patterns.split_last().expect("a syntax has an extension");
    format!(
        "check the path; directories are walked for {} and {last} files",
        rest.join(", ")
    )
}
