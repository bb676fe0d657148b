//! An output file that appears only when complete.
//!
//! Records go to a temporary file in the destination's folder (so that the
//! final rename is atomic on the same file system); [`AtomicFile::commit`]
//! renames it over the destination. Dropped without a commit (an error, an
//! interrupt), the temporary file is removed: a truncated file that looks
//! complete is never left behind.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub struct AtomicFile {
    temporary: PathBuf,
    destination: PathBuf,
    file: Option<File>,
}

impl AtomicFile {
    pub fn create(destination: &Path) -> io::Result<AtomicFile> {
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

    /// Flushes the data to disk and moves the file into place.
    pub fn commit(mut self) -> io::Result<()> {
        if let Some(file) = self.file.take() {
            file.sync_all()?;
        }
        std::fs::rename(&self.temporary, &self.destination)
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
            let _ = std::fs::remove_file(&self.temporary);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appears_only_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl");
        let mut file = AtomicFile::create(&path).unwrap();
        file.write_all(b"partial").unwrap();
        assert!(!path.exists());
        drop(file);
        assert!(!path.exists());
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            0,
            "the temporary file is removed"
        );

        let mut file = AtomicFile::create(&path).unwrap();
        file.write_all(b"complete").unwrap();
        file.commit().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"complete");
    }
}
