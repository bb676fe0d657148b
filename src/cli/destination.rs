//! Where a command writes its records: `-o FILE` (an [`OutputFile`],
//! replaced only when the run completes) or standard output, buffered.
//! Opened before any input is read, so that a wrong `-o` fails first.

use std::io::{self, BufWriter, StdoutLock, Write};
use std::path::{Path, PathBuf};

use crate::output_file::OutputFile;

use super::Failure;

/// An open destination of records.
pub enum Destination {
    File(BufWriter<OutputFile>, PathBuf),
    Stdout(BufWriter<StdoutLock<'static>>),
}

impl Destination {
    /// Opens `path`, or standard output when there is none.
    pub fn open(path: Option<&Path>) -> Result<Destination, Failure> {
        Ok(match path {
            Some(path) => {
                let file = OutputFile::create(path).map_err(|e| {
                    Failure::Io(io::Error::new(
                        e.kind(),
                        format!("cannot create {}: {e}", path.display()),
                    ))
                })?;
                Destination::File(BufWriter::with_capacity(1 << 20, file), path.to_path_buf())
            }
            None => Destination::Stdout(BufWriter::with_capacity(1 << 20, io::stdout().lock())),
        })
    }

    /// The writer of the records.
    pub fn writer(&mut self) -> &mut dyn Write {
        match self {
            Destination::File(sink, _) => sink,
            Destination::Stdout(sink) => sink,
        }
    }

    /// Flushes the records, and puts a file in its place.
    pub fn finish(self) -> Result<(), Failure> {
        match self {
            Destination::File(sink, path) => {
                let file = sink.into_inner().map_err(|e| Failure::Io(e.into_error()))?;
                file.commit().map_err(|e| {
                    Failure::Io(io::Error::new(
                        e.kind(),
                        format!("cannot write {}: {e}", path.display()),
                    ))
                })
            }
            Destination::Stdout(mut sink) => Ok(sink.flush()?),
        }
    }
}
