//! Writing large output files around the page cache where the system allows
//! it.
//!
//! A build's outputs are several times the size of its sources (about
//! 550 MB for a corpus of 91 MB), and copying them into the page cache,
//! which must first find and clear a fresh page for every 4 KiB, was the
//! largest single cost of a large build. On Linux, once an output passes
//! 8 MiB, its further whole 1 MiB chunks are written with `O_DIRECT` from
//! an aligned buffer; everything else (small outputs, the start of large
//! ones, the last partial chunk) goes through the ordinary file handle, as
//! on other systems. Where the file system refuses `O_DIRECT`, or when
//! `ERRDOCS_NO_DIRECT_IO` is set (for a slow disk, where waiting for each
//! chunk costs more than the page cache), ordinary writes do it all.

use std::fs::File;
use std::io::{self, Write};

/// Bytes per direct write: a multiple of every block size in use.
const CHUNK: usize = 1 << 20;
/// Outputs smaller than this never write directly: the page cache costs
/// them little, and a docs corpus's outputs are usually this small.
const DIRECT_AFTER: u64 = 8 << 20;
/// The alignment `O_DIRECT` needs for addresses, offsets and lengths.
const ALIGN: usize = 4096;

/// A buffered writer to a file that writes whole chunks directly to the
/// device where it can. Call [`DirectWriter::finish`] at the end: dropping
/// it loses the last partial chunk.
pub struct DirectWriter {
    /// The file opened for direct writes, while they work.
    direct: Option<File>,
    /// The ordinary handle: the tail, and everything when direct writes
    /// are not available.
    file: File,
    /// Holds `CHUNK` bytes at an aligned offset (`start`).
    buffer: Vec<u8>,
    start: usize,
    len: usize,
    /// Bytes already in the file.
    written: u64,
}

impl DirectWriter {
    /// Writes to `file`, a new empty file open for writing; direct writes
    /// go through a second handle to the same file.
    pub fn new(file: File) -> Self {
        let buffer = vec![0u8; CHUNK + ALIGN];
        let start = buffer.as_ptr().align_offset(ALIGN).min(ALIGN);
        let direct = if std::env::var_os("ERRDOCS_NO_DIRECT_IO").is_some_and(|v| !v.is_empty()) {
            None
        } else {
            open_direct(&file)
        };
        DirectWriter {
            direct,
            file,
            buffer,
            start,
            len: 0,
            written: 0,
        }
    }

    /// Writes what is still buffered.
    pub fn finish(mut self) -> io::Result<()> {
        if self.len == CHUNK {
            self.write_chunk()?;
        }
        let tail = self.start..self.start + self.len;
        write_at(&self.file, &self.buffer[tail], self.written)
    }

    /// Writes the full buffer.
    fn write_chunk(&mut self) -> io::Result<()> {
        let chunk = &self.buffer[self.start..self.start + self.len];
        let direct = self
            .direct
            .as_ref()
            .filter(|_| self.written >= DIRECT_AFTER)
            .map(|direct| write_at(direct, chunk, self.written));
        match direct {
            Some(Ok(())) => {}
            // Opened, but the file system will not write this way: fall
            // back for the rest of the file.
            Some(Err(e)) if e.raw_os_error().is_some_and(refuses_direct_writes) => {
                self.direct = None;
                write_at(&self.file, chunk, self.written)?;
            }
            Some(Err(e)) => return Err(e),
            None => write_at(&self.file, chunk, self.written)?,
        }
        self.written += chunk.len() as u64;
        self.len = 0;
        Ok(())
    }
}

impl Write for DirectWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        // A full buffer is written before anything is taken, so that an
        // error means nothing of `data` was (as `Write` promises).
        if self.len == CHUNK {
            self.write_chunk()?;
        }
        let taken = data.len().min(CHUNK - self.len);
        let at = self.start + self.len;
        self.buffer[at..at + taken].copy_from_slice(&data[..taken]);
        self.len += taken;
        Ok(taken)
    }

    /// Whole chunks only: a partial one waits for [`DirectWriter::finish`],
    /// as a direct write of it would not be aligned.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(unix)]
fn write_at(file: &File, data: &[u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, data, offset)
}

#[cfg(not(unix))]
fn write_at(mut file: &File, data: &[u8], offset: u64) -> io::Result<()> {
    use std::io::{Seek, SeekFrom};
    file.seek(SeekFrom::Start(offset))?;
    file.write_all(data)
}

/// Errors by which a file system refuses a direct write it let us open.
#[cfg(target_os = "linux")]
fn refuses_direct_writes(code: i32) -> bool {
    code == libc::EINVAL || code == libc::EOPNOTSUPP
}

#[cfg(not(target_os = "linux"))]
fn refuses_direct_writes(_code: i32) -> bool {
    false
}

/// A second handle to `file` for direct writes. Opened through
/// `/proc/self/fd`, which names the open file itself, so that nothing can
/// put another file in its place (as reopening its path could).
#[cfg(target_os = "linux")]
fn open_direct(file: &File) -> Option<File> {
    use std::os::fd::AsRawFd;
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_DIRECT)
        .open(format!("/proc/self/fd/{}", file.as_raw_fd()))
        .ok()
}

#[cfg(not(target_os = "linux"))]
fn open_direct(_file: &File) -> Option<File> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every size around the block and chunk boundaries comes back intact,
    /// whether the folder allows direct writes or not.
    #[test]
    fn writes_every_byte() {
        write_sizes(&tempfile::tempdir().expect("temp dir"));
    }

    /// A direct write the system refuses (here: from a misaligned buffer,
    /// which fails with EINVAL like a file system without `O_DIRECT`)
    /// falls back to ordinary writes, losing nothing.
    #[test]
    fn falls_back_when_direct_writes_are_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("out");
        let file = File::create(&path).expect("create");
        let size = DIRECT_AFTER as usize + 2 * CHUNK + 5;
        let data: Vec<u8> = (0..size).map(|i| (i % 253) as u8).collect();
        let mut writer = DirectWriter::new(file);
        let could_write_directly = writer.direct.is_some();
        writer.start += 1;
        writer.write_all(&data).expect("write");
        // A file system that takes even a misaligned direct write (none
        // that errdocs has met) would keep the handle.
        if could_write_directly {
            assert!(writer.direct.is_none(), "the refused handle is dropped");
        }
        writer.finish().expect("finish");
        assert_eq!(std::fs::read(&path).expect("read back"), data);
    }

    fn write_sizes(dir: &tempfile::TempDir) {
        for size in [
            0,
            1,
            4095,
            4096,
            4097,
            CHUNK - 1,
            CHUNK,
            CHUNK + 1,
            3 * CHUNK + 123,
            // Past the point where direct writes start.
            DIRECT_AFTER as usize + CHUNK,
            DIRECT_AFTER as usize + 3 * CHUNK + 4097,
        ] {
            let path = dir.path().join(format!("out-{size}"));
            let file = File::create(&path).expect("create");
            let data: Vec<u8> = (0..size).map(|i| (i * 7 % 251) as u8).collect();
            let mut writer = DirectWriter::new(file);
            // Odd pieces, so chunks fill across write calls.
            for piece in data.chunks(1000) {
                writer.write_all(piece).expect("write");
            }
            writer.finish().expect("finish");
            assert_eq!(
                std::fs::read(&path).expect("read back"),
                data,
                "size {size}"
            );
        }
    }
}
