//! One build at a time per output folder: an exclusive OS advisory lock (`flock` on Unix,
//! `LockFileEx` on Windows, through the standard library's `File::try_lock`) on
//! `<folder>/.chartbook.lock`, which holds the builder's process id. A build locks its output
//! folder and every edition folder in it, so that no other build, whatever its `--out`, can
//! write into (or sweep) a folder it writes. `check` takes the lock shared, so a build waits
//! for a check to finish and a check for a build. The lock dies with its process, so a killed
//! build never leaves the folder locked.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use crate::error::Diag;

/// Name of the lock file in an output folder (`check` does not count it as an output).
pub const FILE: &str = ".chartbook.lock";

/// A held lock; an exclusive one removes its file when it is released.
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

/// Whether `path` is absent or a regular file: a link would be followed out of the folder
/// when the file is created, and opening a FIFO blocks.
fn plain(path: &Path) -> Result<bool, &'static str> {
    match std::fs::symlink_metadata(path) {
        Err(_) => Ok(false),
        Ok(m) if m.file_type().is_file() => Ok(true),
        Ok(m) if m.file_type().is_symlink() => Err("a symbolic link"),
        Ok(_) => Err("not a regular file"),
    }
}

/// Takes the output folder `out` for a build (creating the folder), or says which process
/// holds it. When only checks hold it, waits for them.
pub fn exclusive(out: &Path) -> Result<Lock, Box<Diag>> {
    let shown = out.display().to_string();
    let path = out.join(FILE);
    let fail = |e: std::io::Error| {
        Box::new(super::write::io_error(
            &path,
            "cannot lock the output folder with",
            &e,
        ))
    };
    std::fs::create_dir_all(out).map_err(fail)?;
    for _ in 0..100 {
        if let Err(what) = plain(&path) {
            let p = path.display();
            return Err(Box::new(
                Diag::error(
                    p.to_string(),
                    format!("output error: the build lock {p} is {what}"),
                )
                .with_hint(format!(
                    "remove it (rm {p}); chartbook creates it while a build runs"
                )),
            ));
        }
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
                if file.try_lock_shared().is_ok() {
                    // Only checks hold it: they are short; wait for them.
                    let _ = file.unlock();
                    file.lock().map_err(fail)?;
                } else {
                    let mut pid = String::new();
                    let _ = file.read_to_string(&mut pid);
                    let pid = pid.trim();
                    let who = if !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()) {
                        format!(" (pid {pid})")
                    } else {
                        String::new()
                    };
                    return Err(Box::new(
                        Diag::error(
                            &shown,
                            format!("another chartbook build is writing to {shown}/{who}"),
                        )
                        .with_hint(
                            "wait for it to finish, or build into another folder with --out",
                        ),
                    ));
                }
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
        format!("output error: cannot lock {shown}/: its lock file keeps being replaced"),
    )))
}

/// Waits until no build is writing to `out`, then holds it for reading. Creates nothing: when
/// there is no lock file (or it is not a regular file), no build is running (`None`).
pub fn shared(out: &Path) -> Option<Lock> {
    let path = out.join(FILE);
    for _ in 0..100 {
        if !plain(&path).unwrap_or(false) {
            return None;
        }
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

/// Whether a build holds `out` right now.
pub fn busy(out: &Path) -> bool {
    let path = out.join(FILE);
    if !plain(&path).unwrap_or(false) {
        return false;
    }
    let Ok(file) = File::open(&path) else {
        return false;
    };
    match file.try_lock_shared() {
        Ok(()) => {
            let _ = file.unlock();
            false
        }
        Err(_) => true,
    }
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
