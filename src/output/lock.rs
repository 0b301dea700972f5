//! One build at a time per output folder: an exclusive OS advisory lock (`flock` on Unix,
//! `LockFileEx` on Windows, through the standard library's `File::try_lock`) on
//! `<out>/.chartbook.lock`, which holds the builder's process id. `check` takes the lock
//! shared, so it reads a folder no build is halfway through writing. The lock dies with
//! its process, so a killed build never leaves the folder locked.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use crate::error::Diag;

/// Name of the lock file in the output folder (`check` does not count it as an output).
pub const FILE: &str = ".chartbook.lock";

/// A held lock; the file is removed when the holder is done.
#[derive(Debug)]
pub struct Lock {
    file: File,
    path: PathBuf,
    exclusive: bool,
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::Metadata, _: &std::fs::Metadata) -> bool {
    true
}

/// Whether the lock we hold is on the file that `path` names now: a build that finished
/// removes its lock file, and a process that opened it just before then holds a lock on a
/// file nobody else can find.
fn still_there(file: &File, path: &Path) -> bool {
    match (file.metadata(), std::fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => same_file(&a, &b),
        _ => false,
    }
}

/// Takes the output folder `out` for a build (creating the folder), or says which process
/// holds it.
pub fn exclusive(out: &Path) -> Result<Lock, Box<Diag>> {
    let shown = out.display().to_string();
    let fail = |e: std::io::Error| {
        Box::new(super::write::io_error(
            &out.join(FILE),
            "cannot lock the output folder with",
            &e,
        ))
    };
    std::fs::create_dir_all(out).map_err(fail)?;
    let path = out.join(FILE);
    for _ in 0..100 {
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(fail)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut pid = String::new();
                let _ = file.read_to_string(&mut pid);
                let pid = pid.trim();
                let msg = if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
                    format!("another chartbook process (a check) is reading {shown}/")
                } else {
                    format!("another chartbook build is writing to {shown}/ (pid {pid})")
                };
                return Err(Box::new(Diag::error(&shown, msg).with_hint(
                    "wait for it to finish, or build into another folder with --out",
                )));
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(fail(e)),
        }
        if !still_there(&file, &path) {
            continue;
        }
        let _ = file.set_len(0);
        let _ = file.rewind();
        let _ = writeln!(file, "{}", std::process::id());
        return Ok(Lock {
            file,
            path,
            exclusive: true,
        });
    }
    Err(Box::new(Diag::error(
        &shown,
        format!("cannot lock {shown}/: its lock file keeps being replaced"),
    )))
}

/// Waits until no build is writing to `out`, then holds it for reading. Creates nothing: when
/// there is no lock file, no build is running (`None`).
pub fn shared(out: &Path) -> Option<Lock> {
    let path = out.join(FILE);
    for _ in 0..100 {
        let file = File::open(&path).ok()?;
        if file.lock_shared().is_err() {
            return None;
        }
        if still_there(&file, &path) {
            return Some(Lock {
                file,
                path,
                exclusive: false,
            });
        }
    }
    None
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still held, so that no one can take a lock on it in between.
        if self.exclusive {
            let _ = std::fs::remove_file(&self.path);
        }
        let _ = self.file.unlock();
    }
}
