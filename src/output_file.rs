//! Where `-o PATH` writes, chosen by what PATH is.
//!
//! 1. `-` is standard output.
//! 2. An absent PATH, or a regular file, is written **atomically**: records
//!    go to a temporary file in the same folder (so that the final rename
//!    stays on one file system), which [`OutputFile::commit`] renames over
//!    PATH. A run that fails or is interrupted leaves no truncated file
//!    behind, and an existing file keeps its permissions (and, as root, its
//!    owner).
//! 3. A symbolic link is followed to the file it names, which is replaced
//!    atomically as in 2; the link stays a link. A dangling link creates its
//!    target.
//! 4. Anything else that is not a folder (a character device such as
//!    `/dev/null`, a named pipe, a socket) is opened and written directly:
//!    renaming over it would replace the device, or leave a pipe's reader
//!    waiting forever.
//! 5. A folder is an error.
//!
//! Dropped without a commit, an atomic file removes its temporary file.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// How many symbolic links are followed before PATH is taken to be a loop
/// (the limit Linux applies).
const MAX_LINK_HOPS: usize = 40;

/// An output destination opened for `-o`.
pub struct OutputFile {
    sink: Sink,
}

enum Sink {
    Stdout(io::Stdout),
    Direct(File),
    Atomic(AtomicFile),
}

impl OutputFile {
    /// Opens `path` as the module header describes.
    pub fn create(path: &Path) -> io::Result<OutputFile> {
        if path.as_os_str() == "-" {
            return Ok(OutputFile {
                sink: Sink::Stdout(io::stdout()),
            });
        }
        let path = resolve_links(path)?;
        let sink = match fs::metadata(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                Sink::Atomic(AtomicFile::create(&path)?)
            }
            Err(e) => return Err(e),
            Ok(meta) if meta.is_dir() => {
                return Err(io::Error::other(format!(
                    "{} is a folder; give a file name",
                    path.display()
                )))
            }
            Ok(meta) if meta.is_file() => {
                let file = AtomicFile::create(&path)?;
                file.copy_ownership_from(&meta)?;
                Sink::Atomic(file)
            }
            Ok(_) => Sink::Direct(fs::OpenOptions::new().write(true).open(&path)?),
        };
        Ok(OutputFile { sink })
    }

    /// Whether the records go straight to their destination (standard
    /// output, a device, a pipe) rather than through a temporary file.
    #[cfg(test)]
    pub fn is_direct(&self) -> bool {
        !matches!(self.sink, Sink::Atomic(_))
    }

    /// Flushes everything; an atomic file is synced and moved into place.
    pub fn commit(self) -> io::Result<()> {
        match self.sink {
            Sink::Stdout(mut out) => out.flush(),
            Sink::Direct(mut file) => file.flush(),
            Sink::Atomic(file) => file.commit(),
        }
    }
}

impl Write for OutputFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.sink {
            Sink::Stdout(out) => out.write(buf),
            Sink::Direct(file) => file.write(buf),
            Sink::Atomic(file) => file.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.sink {
            Sink::Stdout(out) => out.flush(),
            Sink::Direct(file) => file.flush(),
            Sink::Atomic(file) => file.flush(),
        }
    }
}

/// `path` with every symbolic link along the final component followed; the
/// path itself when it is not a link (or does not exist).
fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINK_HOPS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(folder) if target.is_relative() => folder.join(target),
                    _ => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other(format!(
        "{}: too many levels of symbolic links",
        path.display()
    )))
}

/// A file that appears at its destination only when complete.
struct AtomicFile {
    temporary: PathBuf,
    destination: PathBuf,
    file: Option<File>,
}

impl AtomicFile {
    fn create(destination: &Path) -> io::Result<AtomicFile> {
        let folder = match destination.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = destination
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        let temporary = folder.join(format!(".{name}.civex-{}.tmp", std::process::id()));
        let file = File::create(&temporary)?;
        Ok(AtomicFile {
            temporary,
            destination: destination.to_path_buf(),
            file: Some(file),
        })
    }

    /// Gives the temporary file the permissions (and, where allowed, the
    /// owner) of the file it will replace.
    fn copy_ownership_from(&self, existing: &fs::Metadata) -> io::Result<()> {
        let Some(file) = &self.file else {
            return Ok(());
        };
        file.set_permissions(existing.permissions())?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let mine = file.metadata()?;
            if mine.uid() != existing.uid() || mine.gid() != existing.gid() {
                // Only root may give a file away; anyone else keeps the
                // new file as theirs, as an editor that saves by rename does.
                let _ = std::os::unix::fs::fchown(file, Some(existing.uid()), Some(existing.gid()));
                // chown clears the set-id bits: set the mode again.
                file.set_permissions(existing.permissions())?;
            }
        }
        Ok(())
    }

    /// Flushes the data to disk and moves the file into place.
    fn commit(mut self) -> io::Result<()> {
        if let Some(file) = self.file.take() {
            file.sync_all()?;
        }
        fs::rename(&self.temporary, &self.destination)
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.file {
            Some(file) => file.write(buf),
            None => Err(io::Error::other("the output file was already committed")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.file {
            Some(file) => file.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = fs::remove_file(&self.temporary);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_appears_only_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl");
        let mut file = OutputFile::create(&path).unwrap();
        assert!(!file.is_direct());
        file.write_all(b"partial").unwrap();
        assert!(!path.exists());
        drop(file);
        assert!(!path.exists());
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            0,
            "the temporary file is removed"
        );

        let mut file = OutputFile::create(&path).unwrap();
        file.write_all(b"complete").unwrap();
        file.commit().unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"complete");
    }

    #[cfg(unix)]
    #[test]
    fn an_existing_file_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        let mut file = OutputFile::create(&path).unwrap();
        file.write_all(b"new").unwrap();
        file.commit().unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode, 0o640);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_followed_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.jsonl");
        let link = dir.path().join("link.jsonl");
        fs::write(&target, "old").unwrap();
        std::os::unix::fs::symlink("real.jsonl", &link).unwrap();
        let mut file = OutputFile::create(&link).unwrap();
        file.write_all(b"new").unwrap();
        file.commit().unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read(&target).unwrap(), b"new");
    }

    #[cfg(unix)]
    #[test]
    fn a_dangling_symlink_creates_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("link.jsonl");
        std::os::unix::fs::symlink("missing.jsonl", &link).unwrap();
        let mut file = OutputFile::create(&link).unwrap();
        file.write_all(b"new").unwrap();
        file.commit().unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read(dir.path().join("missing.jsonl")).unwrap(), b"new");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        std::os::unix::fs::symlink("b", &a).unwrap();
        std::os::unix::fs::symlink("a", dir.path().join("b")).unwrap();
        let err = OutputFile::create(&a).err().unwrap();
        assert!(err.to_string().contains("symbolic links"), "{err}");
    }

    #[test]
    fn a_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = OutputFile::create(dir.path()).err().unwrap();
        assert!(err.to_string().contains("is a folder"), "{err}");
    }
}
