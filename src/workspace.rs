//! What lies around the inputs of a run, which the engine and the settings read beside the files
//! they were given: the other Terraform files of a module, the `module` blocks that call it from
//! elsewhere in the repository, a root's lock file. All of it goes through an [`Environment`] —
//! the disk for the command line ([`Disk`]); an embedder may give its own (open buffers over the
//! disk, or nothing at all for the browser page) — so the engine opens no file it was not given.
//!
//! Never imports `model`, `rules`, `engine`, `settings`, `render` or `cli`.

use std::collections::{BTreeSet, HashMap};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::parallel;
use memchr::memmem::Finder;

use crate::syntax::{LOCAL_MODULE_WORDS, Syntax, calls_local_modules_if};
use crate::text::lexically_normal;

/// How the files around the inputs are seen.
pub trait Environment: Sync {
    /// A file's text.
    fn read_to_string(&self, path: &Path) -> io::Result<String>;
    /// Which of `words` a file's text holds.
    fn holds(&self, path: &Path, words: &[&str]) -> io::Result<Vec<bool>> {
        let text = self.read_to_string(path)?;
        Ok(words.iter().map(|word| text.contains(word)).collect())
    }
    /// The entries of a directory (files and directories), in name order.
    fn entries(&self, directory: &Path) -> io::Result<Vec<Entry>>;
    /// Whether a path names something.
    fn exists(&self, path: &Path) -> bool;

    /// Where the callers found under each search root are kept for the rest of the run, when
    /// this environment keeps them (see [`callers`]).
    fn memory(&self) -> Option<&Mutex<HashMap<PathBuf, Arc<Callers>>>> {
        None
    }

    /// Where the search for a module's callers starts, when this environment says (an
    /// editor's workspace folder); else [`search_root`] finds it.
    fn search_root(&self, _module: &Path) -> Option<PathBuf> {
        None
    }
}

/// The local `module` calls under a search root: searched once per run when the environment
/// keeps them ([`OneRun`]), else searched now.
pub fn callers(env: &dyn Environment, root: &Path) -> Arc<Callers> {
    let Some(memory) = env.memory() else {
        return Arc::new(Callers::search(root, env));
    };
    let known = memory
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .get(root)
        .cloned();
    if let Some(known) = known {
        return known;
    }
    let found = Arc::new(Callers::search(root, env));
    let mut memory = memory
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    Arc::clone(memory.entry(root.to_path_buf()).or_insert(found))
}

/// One entry of a directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub path: PathBuf,
    pub is_dir: bool,
}

/// The file system, as it is.
pub struct Disk;

impl Environment for Disk {
    fn read_to_string(&self, path: &Path) -> io::Result<String> {
        std::fs::read_to_string(path)
    }

    /// Reads a piece at a time, so that a large file (an exported organisation, which the run
    /// reads whole for itself) is not held, and its memory faulted in, a second time.
    fn holds(&self, path: &Path, words: &[&str]) -> io::Result<Vec<bool>> {
        let mut file = std::fs::File::open(path)?;
        let size = usize::try_from(file.metadata()?.len()).unwrap_or(usize::MAX);
        let finders: Vec<Finder> = words.iter().map(Finder::new).collect();
        // A word cut by the end of a piece is found whole in the next: its start is carried.
        let carried = words
            .iter()
            .map(|word| word.len())
            .max()
            .unwrap_or(0)
            .saturating_sub(1);
        let mut piece = vec![0; size.saturating_add(1).clamp(4 * carried + 1, PIECE)];
        let mut found = vec![false; words.len()];
        let mut kept = 0;
        while !found.iter().all(|&holds| holds) {
            let read = match file.read(&mut piece[kept..]) {
                Ok(0) => break,
                Ok(read) => read,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                Err(error) => return Err(error),
            };
            let filled = kept + read;
            for (holds, finder) in found.iter_mut().zip(&finders) {
                *holds = *holds || finder.find(&piece[..filled]).is_some();
            }
            kept = carried.min(filled);
            piece.copy_within(filled - kept..filled, 0);
        }
        Ok(found)
    }

    fn entries(&self, directory: &Path) -> io::Result<Vec<Entry>> {
        let mut entries: Vec<Entry> = std::fs::read_dir(directory)?
            .flatten()
            .filter_map(|entry| {
                let is_dir = entry.file_type().ok()?.is_dir();
                Some(Entry {
                    path: entry.path(),
                    is_dir,
                })
            })
            .collect();
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(entries)
    }

    fn exists(&self, path: &Path) -> bool {
        path.exists()
    }
}

/// The configuration file's name; the directory that holds one is a project's root.
pub const CONFIG_FILE_NAME: &str = "contactlint.toml";

/// The disk, for one run: what it finds of the callers under a search root is kept, so that the
/// settings (provider versions) and the engine (module resolution, CSV pairing) search once.
#[derive(Default)]
pub struct OneRun {
    callers: Mutex<HashMap<PathBuf, Arc<Callers>>>,
    /// An editor's workspace folders: callers are searched from the one that holds a module.
    folders: Vec<PathBuf>,
}

impl OneRun {
    /// One run of an editor whose workspace holds these folders.
    pub fn in_folders(folders: Vec<PathBuf>) -> OneRun {
        OneRun {
            folders,
            ..OneRun::default()
        }
    }
}

impl Environment for OneRun {
    fn read_to_string(&self, path: &Path) -> io::Result<String> {
        Disk.read_to_string(path)
    }

    fn holds(&self, path: &Path, words: &[&str]) -> io::Result<Vec<bool>> {
        Disk.holds(path, words)
    }

    fn entries(&self, directory: &Path) -> io::Result<Vec<Entry>> {
        Disk.entries(directory)
    }

    fn exists(&self, path: &Path) -> bool {
        Disk.exists(path)
    }

    fn memory(&self) -> Option<&Mutex<HashMap<PathBuf, Arc<Callers>>>> {
        Some(&self.callers)
    }

    /// The innermost workspace folder that holds the module.
    fn search_root(&self, module: &Path) -> Option<PathBuf> {
        let holding = self
            .folders
            .iter()
            .filter(|folder| module.starts_with(folder));
        holding
            .max_by_key(|folder| folder.as_os_str().len())
            .cloned()
    }
}

/// Directories a search for callers never enters (besides hidden ones: `.git`, `.terraform`).
const SKIPPED_DIRECTORIES: [&str; 3] = ["node_modules", "target", "vendor"];

/// The directory a search for the callers of a module starts from: the one the environment
/// says (an editor's workspace folder), else the nearest one above it (or itself) that holds
/// `.git` or `contactlint.toml`, else the module's own.
pub fn search_root(module: &Path, env: &dyn Environment) -> PathBuf {
    if let Some(root) = env.search_root(module) {
        return root;
    }
    let top = module
        .ancestors()
        .find(|dir| env.exists(&dir.join(".git")) || env.exists(&dir.join(CONFIG_FILE_NAME)));
    top.unwrap_or(module).to_path_buf()
}

/// Whether a path is a Terraform file (`.tf`, `.tf.json`).
pub fn is_terraform(path: &Path) -> bool {
    Syntax::from_name(path).is_some_and(Syntax::is_terraform)
}

/// The Terraform files directly in a directory, in name order.
pub fn terraform_files(directory: &Path, env: &dyn Environment) -> Vec<PathBuf> {
    let entries = env.entries(directory).unwrap_or_default();
    let files = entries
        .into_iter()
        .filter(|e| !e.is_dir && is_terraform(&e.path));
    files.map(|entry| entry.path).collect()
}

/// The variable files Terraform loads by itself in a root module, in the order it loads them
/// (a later value wins): `terraform.tfvars`, `terraform.tfvars.json`, then `*.auto.tfvars` and
/// `*.auto.tfvars.json` in name order. Never a `-var-file`.
pub fn loaded_variable_files(directory: &Path, env: &dyn Environment) -> Vec<PathBuf> {
    let entries = env.entries(directory).unwrap_or_default();
    let mut files: Vec<((u8, String), PathBuf)> = entries
        .into_iter()
        .filter(|e| !e.is_dir)
        .filter_map(|e| Some((variable_file_rank(&e.path)?, e.path)))
        .collect();
    files.sort();
    files.into_iter().map(|(_, path)| path).collect()
}

/// Where a file comes in the order Terraform loads a root's variable files, if it loads it.
pub fn variable_file_rank(path: &Path) -> Option<(u8, String)> {
    let name = path.file_name()?.to_str()?;
    match name {
        "terraform.tfvars" => Some((0, name.to_owned())),
        "terraform.tfvars.json" => Some((1, name.to_owned())),
        _ if name.ends_with(".auto.tfvars") || name.ends_with(".auto.tfvars.json") => {
            Some((2, name.to_owned()))
        }
        _ => None,
    }
}

/// The Terraform files under a directory, at any depth (hidden directories and those of
/// `SKIPPED_DIRECTORIES` left out), in path order.
pub fn terraform_files_under(root: &Path, env: &dyn Environment) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(directory) = pending.pop() {
        for entry in env.entries(&directory).unwrap_or_default() {
            match entry.is_dir {
                true if searched(&entry.path) => pending.push(entry.path),
                true => {}
                false if is_terraform(&entry.path) => files.push(entry.path),
                false => {}
            }
        }
    }
    files.sort();
    files
}

/// Whether a search enters a directory: not a hidden one (`.git`, `.terraform`), nor one of
/// [`SKIPPED_DIRECTORIES`].
fn searched(directory: &Path) -> bool {
    let name = directory.file_name().map(|n| n.to_string_lossy());
    name.is_some_and(|name| !name.starts_with('.') && !SKIPPED_DIRECTORIES.contains(&name.as_ref()))
}

/// The local `module` calls of a repository: who calls each directory, and what each calls.
#[derive(Debug, Default)]
pub struct Callers {
    callers: HashMap<PathBuf, BTreeSet<PathBuf>>,
    callees: HashMap<PathBuf, BTreeSet<PathBuf>>,
    /// The files whose text holds `required_providers`, met on the way: what the provider
    /// versions of a module's roots are read from, without a second read of every file.
    requiring: BTreeSet<PathBuf>,
    /// Where the search ran.
    root: PathBuf,
}

impl Callers {
    /// Every local module call under `root`: a text search first (`module` and a path that
    /// starts `"./` or `"../`), a read and a parse only of the files that pass it.
    pub fn search(root: &Path, env: &dyn Environment) -> Callers {
        // Files are searched on the run's threads: a repository's every `.tf` is read once more.
        let found = parallel::flat_map(terraform_files_under(root, env), |file| {
            let holds = env.holds(&file, &SEARCHED_WORDS).ok()?;
            let (requiring, local) = (holds[0], [holds[1], holds[2], holds[3]]);
            let callees = match calls_local_modules_if(local) {
                true => local_calls(&file, &env.read_to_string(&file).ok()?),
                false => Vec::new(),
            };
            Some((callees, requiring, file))
        });
        let mut calls = Callers {
            root: root.to_path_buf(),
            ..Callers::default()
        };
        for (callees, requiring, file) in found {
            let directory = file.parent().unwrap_or(Path::new(""));
            for callee in callees {
                calls.add(directory, callee);
            }
            if requiring {
                calls.requiring.insert(file);
            }
        }
        calls
    }

    /// The files of a directory whose text holds `required_providers`; `None` for a directory
    /// the search did not cover (a module called from outside it).
    pub fn requiring_providers(&self, directory: &Path) -> Option<Vec<PathBuf>> {
        let covered = directory.starts_with(&self.root) && searched(directory);
        let files = self.requiring.iter();
        let here = files.filter(|file| file.parent() == Some(directory));
        covered.then(|| here.cloned().collect())
    }

    fn add(&mut self, caller: &Path, callee: PathBuf) {
        let callees = self.callees.entry(caller.to_path_buf()).or_default();
        callees.insert(callee.clone());
        let callers = self.callers.entry(callee).or_default();
        callers.insert(caller.to_path_buf());
    }

    /// The directories that call a module, through any number of calls (not itself).
    pub fn above(&self, directory: &Path) -> Vec<PathBuf> {
        let mut seen = BTreeSet::new();
        let mut pending: Vec<PathBuf> = self.direct_callers(directory);
        while let Some(at) = pending.pop() {
            if at != directory && seen.insert(at.clone()) {
                pending.extend(self.direct_callers(&at));
            }
        }
        seen.into_iter().collect()
    }

    fn direct_callers(&self, directory: &Path) -> Vec<PathBuf> {
        let callers = self.callers.get(directory).into_iter().flatten();
        callers.cloned().collect()
    }

    /// The directories that run a module: the callers, through any number of calls, that no
    /// one calls; the module's own directory when no one calls it.
    pub fn roots(&self, directory: &Path) -> Vec<PathBuf> {
        let mut roots: Vec<PathBuf> = std::iter::once(directory.to_path_buf())
            .chain(self.above(directory))
            .filter(|dir| self.direct_callers(dir).is_empty())
            .collect();
        if roots.is_empty() {
            // Modules that only call each other: no root to run in but their own.
            roots.push(directory.to_path_buf());
        }
        roots
    }

    /// A root and every module it calls, through any number of calls.
    pub fn reached_from(&self, root: &Path) -> Vec<PathBuf> {
        let mut seen = BTreeSet::new();
        let mut pending = vec![root.to_path_buf()];
        while let Some(at) = pending.pop() {
            if seen.insert(at.clone())
                && let Some(callees) = self.callees.get(&at)
            {
                pending.extend(callees.iter().cloned());
            }
        }
        seen.into_iter().collect()
    }
}

/// What the search for callers looks for in every file: `required_providers`, then
/// [`LOCAL_MODULE_WORDS`].
const SEARCHED_WORDS: [&str; 4] = [
    "required_providers",
    LOCAL_MODULE_WORDS[0],
    LOCAL_MODULE_WORDS[1],
    LOCAL_MODULE_WORDS[2],
];

/// How much of a file [`Disk::holds`] reads at a time.
const PIECE: usize = 64 * 1024;

/// The top-level blocks named `key` of a Terraform file (the lock file is HCL too), as a
/// value, when its text is worth a parse: the rest (an export's thousands of resources) is
/// parsed, never made into values.
pub fn blocks_of(
    path: &Path,
    worth_a_parse: &dyn Fn(&str) -> bool,
    key: &str,
    env: &dyn Environment,
) -> Option<serde_json::Value> {
    let text = env.read_to_string(path).ok()?;
    if !worth_a_parse(&text) {
        return None;
    }
    let syntax = Syntax::from_name(path).unwrap_or(Syntax::Terraform);
    Some(syntax.parse(&text).ok()?.root().get(key)?.value())
}

/// The directories the `module` blocks with a local `source` of a file (at `path`, holding
/// `text`) call; the search reads and parses only a file whose words may call one.
fn local_calls(path: &Path, text: &str) -> Vec<PathBuf> {
    let syntax = Syntax::from_name(path).unwrap_or(Syntax::Terraform);
    let Ok(document) = syntax.parse(text) else {
        return Vec::new();
    };
    let modules = document.root().get("module").map(|modules| modules.value());
    let directory = path.parent().unwrap_or(Path::new(""));
    let modules = objects(modules.as_ref());
    let calls = modules.flat_map(|named| named.values().flat_map(|m| objects(Some(m))));
    calls
        .filter_map(|call| call.get("source")?.as_str())
        .filter(|source| source.starts_with("./") || source.starts_with("../"))
        .map(|source| lexically_normal(&directory.join(source)))
        .collect()
}

/// The objects of a value in Terraform's JSON shape: the object, or each object of an array.
pub fn objects(
    value: Option<&serde_json::Value>,
) -> Box<dyn Iterator<Item = &serde_json::Map<String, serde_json::Value>> + '_> {
    use serde_json::Value;
    match value {
        Some(Value::Object(map)) => Box::new(std::iter::once(map)),
        Some(Value::Array(items)) => Box::new(items.iter().filter_map(Value::as_object)),
        _ => Box::new(std::iter::empty()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An environment that reads files whole to find words (an editor's, the browser's).
    struct Whole;

    impl Environment for Whole {
        fn read_to_string(&self, path: &Path) -> io::Result<String> {
            Disk.read_to_string(path)
        }

        fn entries(&self, directory: &Path) -> io::Result<Vec<Entry>> {
            Disk.entries(directory)
        }

        fn exists(&self, path: &Path) -> bool {
            Disk.exists(path)
        }
    }

    /// A word is found wherever it lies: in the first piece, cut by the end of a piece, in the
    /// last; a word the file lacks is not, and a file shorter than a word holds none.
    #[test]
    fn the_disk_finds_words_across_the_pieces_it_reads() {
        let directory =
            std::env::temp_dir().join(format!("contactlint-holds-{}", std::process::id()));
        std::fs::create_dir_all(&directory).unwrap();
        let path = directory.join("export.tf");
        let cut = PIECE - 4;
        let mut text = "module ".to_owned() + &"x".repeat(cut - 7);
        text += "required_providers";
        text += &"y".repeat(3 * PIECE);
        text += "\"../end";
        std::fs::write(&path, &text).unwrap();
        let words = ["module", "required_providers", "\"./", "\"../"];
        assert_eq!(
            Disk.holds(&path, &words).unwrap(),
            [true, true, false, true]
        );
        assert_eq!(
            Whole.holds(&path, &words).unwrap(),
            [true, true, false, true]
        );
        std::fs::write(&path, "mod").unwrap();
        assert_eq!(Disk.holds(&path, &words).unwrap(), [false; 4]);
        std::fs::remove_dir_all(&directory).unwrap();
    }
}
