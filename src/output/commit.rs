//! The write phase of a build: every changed file of every edition staged under a temporary
//! name first ([`Prepared`]), then renamed into place only when all of them were staged, the
//! manifests last ([`commit_all`]). Before a rename replaces a file, the old file is kept as a
//! hard link beside it, so that a rename that fails (an immutable file, a full directory)
//! puts every file renamed so far back: a failed build leaves every output old. Only when
//! every file and manifest is in place are the backups and the outputs of charts gone from
//! the spec removed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::build::BuildReport;
use super::manifest::{self, Entry, Manifest};
use super::write;
use crate::error::Diag;

/// One output of an edition: its new entry, and its staged file when its bytes changed.
#[derive(Debug)]
struct Pending {
    rel: String,
    temp: Option<PathBuf>,
}

/// One edition, rendered and staged, not yet in place.
#[derive(Debug)]
pub struct Prepared {
    out: PathBuf,
    pending: Vec<Pending>,
    /// The entries the new manifest records when every rename succeeds.
    pub(crate) outputs: BTreeMap<String, Entry>,
    /// Outputs of charts gone from the spec, removed once everything is in place.
    pub(crate) gone: Vec<String>,
    /// The new manifest, staged (`None` when the file already holds it).
    manifest: Option<PathBuf>,
    pub(crate) rendered: usize,
    pub(crate) skipped: usize,
    /// What the charts' layouts said (labels shortened or dropped).
    pub warnings: Vec<Diag>,
}

impl Prepared {
    pub(crate) fn new(out: &Path, old: Manifest) -> Prepared {
        Prepared {
            out: out.to_path_buf(),
            outputs: old.outputs,
            pending: Vec::new(),
            gone: Vec::new(),
            manifest: None,
            rendered: 0,
            skipped: 0,
            warnings: Vec::new(),
        }
    }

    /// Adds an output: `temp` is its staged file (`None`: the file already holds the bytes).
    pub(crate) fn push(&mut self, rel: &str, temp: Option<PathBuf>, entry: Entry) {
        self.outputs.insert(rel.to_string(), entry);
        self.pending.push(Pending {
            rel: rel.to_string(),
            temp,
        });
    }

    /// Stages the new manifest (the gone outputs left out).
    pub(crate) fn stage_manifest(&mut self) -> Result<(), Box<Diag>> {
        let mut outputs = self.outputs.clone();
        for g in &self.gone {
            outputs.remove(g);
        }
        let json = Manifest {
            tool: manifest::TOOL.into(),
            outputs,
        }
        .to_json();
        let path = self.out.join(manifest::FILE);
        if write::read_output(&path).is_some_and(|b| b == json.as_bytes()) {
            return Ok(());
        }
        self.manifest = Some(
            write::stage(&path, json.as_bytes())
                .map_err(|e| Box::new(write::io_error(&path, "cannot write", &e)))?,
        );
        Ok(())
    }

    /// Removes every staged file: the folder is left exactly as it was.
    pub fn discard(&mut self) {
        for t in self
            .pending
            .iter_mut()
            .filter_map(|p| p.temp.take())
            .chain(self.manifest.take())
        {
            let _ = write::synced(&t);
            let _ = std::fs::remove_file(t);
        }
    }
}

impl Drop for Prepared {
    /// A prepared edition that is never committed leaves nothing behind.
    fn drop(&mut self) {
        self.discard();
    }
}

/// One file renamed into place, with what it replaced.
struct Renamed {
    path: PathBuf,
    /// The old file, kept as a hard link, when there was one and the link could be made.
    backup: Option<PathBuf>,
    /// Whether there was a file at `path` before.
    existed: bool,
}

/// Renames `temp` onto `path`, keeping the file it replaces as a hard link beside it.
fn replace(temp: &Path, path: &Path) -> std::io::Result<Renamed> {
    let existed = std::fs::symlink_metadata(path).is_ok();
    let backup = if existed {
        let b = write::sidecar(path, write::BACKUP);
        let _ = std::fs::remove_file(&b);
        std::fs::hard_link(path, &b).ok().map(|()| b)
    } else {
        None
    };
    match write::commit(temp, path) {
        Ok(()) => Ok(Renamed {
            path: path.to_path_buf(),
            backup,
            existed,
        }),
        Err(e) => {
            if let Some(b) = backup {
                let _ = std::fs::remove_file(b);
            }
            Err(e)
        }
    }
}

/// Puts back what `done` replaced, newest first; returns the files it could not put back.
fn roll_back(done: Vec<Renamed>) -> Vec<PathBuf> {
    let mut left = Vec::new();
    for r in done.into_iter().rev() {
        let ok = match (&r.backup, r.existed) {
            (Some(b), _) => std::fs::rename(b, &r.path).is_ok(),
            (None, false) => std::fs::remove_file(&r.path).is_ok(),
            (None, true) => false,
        };
        if !ok {
            left.push(r.path);
        }
    }
    left
}

/// Puts every edition's staged files in place, then every edition's manifest; on the first
/// rename that fails, puts back everything renamed so far and removes what is still staged.
/// `pause` slows each rename (the kill test's window).
pub fn commit_all(
    mut editions: Vec<Prepared>,
    pause: std::time::Duration,
    report: &mut BuildReport,
) -> Result<(), Box<Diag>> {
    let mut done: Vec<Renamed> = Vec::new();
    let mut failure = None;
    // Every staged file is on disk before the first rename: all or nothing survives a crash.
    'sync: for p in &editions {
        let staged = p.pending.iter().map(|f| (f.temp.as_ref(), f.rel.as_str()));
        let manifest = std::iter::once((p.manifest.as_ref(), manifest::FILE));
        for (t, rel) in staged.chain(manifest) {
            if let Some(t) = t {
                if let Err(e) = write::synced(t) {
                    failure = Some(write::io_error(&p.out.join(rel), "cannot write", &e));
                    break 'sync;
                }
            }
        }
    }
    'files: for p in editions.iter_mut().filter(|_| failure.is_none()) {
        // Each staged file is taken out as it is renamed; what is left is removed by
        // `discard` when the edition is dropped.
        for i in 0..p.pending.len() {
            let Some(t) = p.pending[i].temp.take() else {
                continue;
            };
            let path = p.out.join(&p.pending[i].rel);
            match replace(&t, &path) {
                Ok(r) => {
                    done.push(r);
                    std::thread::sleep(pause);
                }
                Err(e) => {
                    failure = Some(write::io_error(&path, "cannot put in place", &e));
                    break 'files;
                }
            }
        }
    }
    if failure.is_none() {
        for p in &mut editions {
            let Some(t) = p.manifest.take() else { continue };
            let path = p.out.join(manifest::FILE);
            match replace(&t, &path) {
                Ok(r) => done.push(r),
                Err(e) => {
                    failure = Some(write::io_error(&path, "cannot put in place", &e));
                    break;
                }
            }
        }
    }
    if let Some(d) = failure {
        // Dropping the editions removes whatever is still staged.
        drop(editions);
        let left = roll_back(done);
        let hint = if left.is_empty() {
            "every output was put back as it was; fix the cause and build again".to_string()
        } else {
            let names: Vec<String> = left.iter().map(|p| p.display().to_string()).collect();
            format!(
                "these files could not be put back and are new: {} (`chartbook check` lists them)",
                names.join(", ")
            )
        };
        return Err(Box::new(d.with_hint(hint)));
    }
    for r in done {
        if let Some(b) = &r.backup {
            let _ = std::fs::remove_file(b);
        }
        report.written.push(r.path);
    }
    for p in &mut editions {
        report.rendered += p.rendered;
        report.skipped += p.skipped;
        for g in std::mem::take(&mut p.gone) {
            let path = p.out.join(&g);
            if write::read_output(&path).is_some() && std::fs::remove_file(&path).is_ok() {
                report.removed.push(path);
            }
        }
    }
    Ok(())
}
