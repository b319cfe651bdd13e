//! Writing a fixed file: only when it still holds what was checked, through a temporary file in
//! its directory renamed over it (a reader never sees half a file), keeping its permissions.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a fixed file was not written. The other files of the run are still fixed.
#[derive(Debug)]
pub enum FixError {
    /// The file changed between the check and the write.
    Changed(PathBuf),
    /// It could not be read back, or the fixed text could not be written.
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for FixError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FixError::Changed(path) => write!(
                f,
                "{} changed since it was checked; not fixed (run again)",
                path.display()
            ),
            FixError::Io(path, error) => write!(f, "{}: not fixed: {error}", path.display()),
        }
    }
}

impl std::error::Error for FixError {}

/// Replaces the file at `path`, which must still hold `checked` (the bytes the check read), with
/// `fixed`.
pub fn write_fixed(path: &Path, checked: &[u8], fixed: &[u8]) -> Result<(), FixError> {
    let io = |error| FixError::Io(path.to_owned(), error);
    let current = fs::read(path).map_err(io)?;
    if current != checked {
        return Err(FixError::Changed(path.to_owned()));
    }
    let permissions = fs::metadata(path).map_err(io)?.permissions();
    let directory = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temporary = directory.join(format!(".{name}.contactlint-{}", std::process::id()));
    let written = (|| {
        let mut file = fs::File::create(&temporary)?;
        file.write_all(fixed)?;
        file.sync_all()?;
        fs::set_permissions(&temporary, permissions)?;
        fs::rename(&temporary, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written.map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_only_what_was_checked_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("list.json");
        fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        }
        assert!(matches!(
            write_fixed(&path, b"other", b"new"),
            Err(FixError::Changed(_))
        ));
        write_fixed(&path, b"old", b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o640);
        }
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
