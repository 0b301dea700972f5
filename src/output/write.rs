//! Atomic file writes: each file goes to a temporary name in its own folder and is renamed
//! into place, so a reader (or a killed build) sees the old file or the new one, never half;
//! and the checks and reads of the output folder that keep those writes inside it.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Diag;

/// A file beside `path` that belongs to this process: `.x.svg.tmp-123` ([`TEMP`], a staged
/// new file) or `.x.svg.old-123` ([`BACKUP`], the file a rename replaced).
pub fn sidecar(path: &Path, kind: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}{kind}{}", std::process::id()))
}

/// The kind of [`sidecar`] a staged file is.
pub const TEMP: &str = ".tmp-";
/// The kind of [`sidecar`] a backup is.
pub const BACKUP: &str = ".old-";

/// The process id in a [`sidecar`]'s name, if `name` is one.
fn temporary_pid(name: &str) -> Option<u32> {
    if !name.starts_with('.') {
        return None;
    }
    let (_, pid) = name
        .rsplit_once(TEMP)
        .or_else(|| name.rsplit_once(BACKUP))?;
    pid.parse().ok()
}

/// Whether process `pid` is alive (read from /proc; where there is no /proc, every other
/// process counts as gone, and the build lock alone keeps a live build's files safe).
fn alive(pid: u32) -> bool {
    pid == std::process::id()
        || (Path::new("/proc/self").exists() && Path::new("/proc").join(pid.to_string()).exists())
}

/// Whether a file name is a temporary file or backup of a process that is gone.
fn is_stale_temporary(name: &str) -> bool {
    temporary_pid(name).is_some_and(|pid| !alive(pid))
}

/// Checks an output folder before anything is written into it: a `linked` folder (svg/,
/// png/) must not be a symbolic link, which would send the outputs outside the output
/// folder; temporary files left by a killed build (whose process is gone) are removed.
pub fn check_folder(dir: &Path, linked: bool) -> Result<(), Box<Diag>> {
    let shown = dir.display().to_string();
    match std::fs::symlink_metadata(dir) {
        Ok(m) if linked && m.file_type().is_symlink() => {
            return Err(Box::new(
                Diag::error(
                    &shown,
                    "this output folder is a symbolic link: outputs would be written outside the output folder",
                )
                .with_hint(format!("remove the link (rm {shown}); chartbook creates the folder")),
            ));
        }
        Ok(m) if !m.is_dir() && !m.file_type().is_symlink() => {
            return Err(Box::new(
                Diag::error(&shown, "exists and is not a folder")
                    .with_hint("move the file away; chartbook writes its outputs into this folder"),
            ));
        }
        Ok(_) => {}
        Err(_) => return Ok(()),
    }
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            if is_stale_temporary(&e.file_name().to_string_lossy()) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    Ok(())
}

/// The bytes of an existing output, when it is a regular file of at most 1 GiB: never follows
/// a link or reads a FIFO or a device someone put in the output folder (that would block).
pub fn read_output(path: &Path) -> Option<Vec<u8>> {
    let m = std::fs::symlink_metadata(path).ok()?;
    // No output chartbook writes comes near this: a larger file is not one of its outputs.
    if !m.file_type().is_file() || m.len() > MAX_OUTPUT_BYTES {
        return None;
    }
    std::fs::read(path).ok()
}

/// The largest file read back from the output folder, in bytes.
pub const MAX_OUTPUT_BYTES: u64 = 1024 * 1024 * 1024;

/// Checks, before anything is staged, that a file the build may rename into place is not a
/// folder (a rename onto a folder fails half-way through the write phase).
pub fn check_target(path: &Path) -> Result<(), Box<Diag>> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => {
            let shown = path.display().to_string();
            Err(Box::new(
                Diag::error(
                    &shown,
                    "output error: this output is a folder, so the build could not replace it",
                )
                .with_hint(format!(
                    "remove or move the folder {shown}; chartbook writes a file there"
                )),
            ))
        }
        _ => Ok(()),
    }
}

/// An I/O error on an output, said as one: `what` ("cannot write") the file, and why.
pub fn io_error(path: &Path, what: &str, e: &std::io::Error) -> Diag {
    let shown = path.display().to_string();
    let hint = match e.kind() {
        std::io::ErrorKind::PermissionDenied => {
            "the output folder or this file is read-only (or immutable): make it writable"
        }
        std::io::ErrorKind::StorageFull => "the disk is full: free some space and build again",
        std::io::ErrorKind::NotFound => {
            "a file or folder vanished while the build wrote it: is something else writing to the output folder?"
        }
        _ => "fix the cause and build again",
    };
    Diag::error(&shown, format!("output error: {what} {shown}: {e}")).with_hint(hint)
}

/// Writes `bytes` to a temporary file beside `path` (creating the folder if needed) and
/// returns its name; [`commit`] renames it into place. Until then `path` is untouched. The
/// file is flushed to disk on a thread of its own, off the rendering threads: [`synced`]
/// waits for it, and nothing is renamed into place before it returns.
pub fn stage(path: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(path.parent().unwrap_or(Path::new(".")))?;
    let tmp = sidecar(path, TEMP);
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        Ok(f)
    })();
    match result {
        Ok(f) => {
            sync_later(&tmp, f);
            Ok(tmp)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// Files being flushed to disk, by name, each on its own thread.
type Syncing = std::collections::HashMap<PathBuf, std::thread::JoinHandle<std::io::Result<()>>>;

fn syncing() -> std::sync::MutexGuard<'static, Syncing> {
    static S: std::sync::OnceLock<std::sync::Mutex<Syncing>> = std::sync::OnceLock::new();
    S.get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner())
}

/// At most this many files are flushed at once; beyond, the writer flushes its own.
const MAX_SYNCING: usize = 64;

fn sync_later(tmp: &Path, f: std::fs::File) {
    let mut s = syncing();
    if s.len() >= MAX_SYNCING {
        drop(s);
        let r = f.sync_all();
        syncing_done(tmp, r);
        return;
    }
    match std::thread::Builder::new().spawn(move || f.sync_all()) {
        Ok(h) => {
            s.insert(tmp.to_path_buf(), h);
        }
        // No thread to spare: the file is flushed later, when it is waited for.
        Err(_) => {
            drop(s);
            syncing_done(tmp, std::fs::File::open(tmp).and_then(|f| f.sync_all()));
        }
    }
}

/// Flushes that failed before anyone waited for them, by name.
fn failed() -> std::sync::MutexGuard<'static, Vec<(PathBuf, std::io::Error)>> {
    static F: std::sync::OnceLock<std::sync::Mutex<Vec<(PathBuf, std::io::Error)>>> =
        std::sync::OnceLock::new();
    F.get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner())
}

fn syncing_done(tmp: &Path, r: std::io::Result<()>) {
    if let Err(e) = r {
        failed().push((tmp.to_path_buf(), e));
    }
}

/// Waits until the staged file `tmp` is on disk; its flush's error, if it failed.
pub fn synced(tmp: &Path) -> std::io::Result<()> {
    let handle = syncing().remove(tmp);
    if let Some(h) = handle {
        return h
            .join()
            .unwrap_or_else(|_| Err(std::io::Error::other("the flush to disk failed")));
    }
    let mut f = failed();
    match f.iter().position(|(p, _)| p == tmp) {
        Some(i) => Err(f.remove(i).1),
        None => Ok(()),
    }
}

/// Renames a staged file into place: a reader sees the old file or the new one.
pub fn commit(tmp: &Path, path: &Path) -> std::io::Result<()> {
    std::fs::rename(tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(tmp);
    })
}
