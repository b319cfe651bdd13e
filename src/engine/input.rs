//! The engine's inputs: what a run is given (paths, standard input, text in memory), how each
//! is read, and the settings each is linted with. The engine never walks a file system itself.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::Admission;
use crate::settings::{Pairing, Settings};
use crate::text::{self, SourceFile};

/// Gives each input its settings (see [`crate::settings::config::Resolver`]).
pub type SettingsFor<'a> = dyn Fn(&Input) -> Arc<Settings> + Sync + 'a;

/// Where an input's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputSource {
    Path(PathBuf),
    Stdin,
    /// Text held in memory, such as an editor's unsaved document.
    Memory(Arc<str>),
}

/// One file to check.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
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
    /// The path used to match configuration globs (the display name when not read by path).
    pub fn path(&self) -> &Path {
        match &self.source {
            InputSource::Path(path) => path,
            InputSource::Stdin | InputSource::Memory(_) => Path::new(&self.display),
        }
    }
}

/// A problem with the run itself rather than with a file's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunError {
    pub path: String,
    pub reason: String,
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

/// The inputs of a run. [`lint_inputs`] goes through them once, and a second time only to fetch the
/// few files a rule across files points into, so each call must yield the same items in the same
/// order.
pub trait Inputs: Sync {
    fn inputs(&self) -> Box<dyn Iterator<Item = Discovered> + Send + '_>;
}

impl Inputs for Vec<Input> {
    fn inputs(&self) -> Box<dyn Iterator<Item = Discovered> + Send + '_> {
        Box::new(self.iter().cloned().map(Discovered::Input))
    }
}

/// Reads an input under its size cap.
pub(super) fn read(input: &Input, settings: &Settings) -> Result<SourceFile, RunError> {
    let limit = settings.max_file_size;
    let read = match &input.source {
        InputSource::Stdin => text::read_stdin(input.display.clone(), limit),
        InputSource::Path(path) => SourceFile::read(path, input.display.clone(), limit),
        InputSource::Memory(text) => Ok(SourceFile::from_memory(&input.display, text, limit)),
    };
    read.map_err(|e| RunError {
        path: input.display.clone(),
        reason: describe_io(&e),
    })
}

fn describe_io(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "is a directory".into(),
        _ => error.to_string(),
    }
}
