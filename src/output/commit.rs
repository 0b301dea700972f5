//! The write phase of a build: every changed file of every edition staged under a temporary
//! name first ([`Prepared`]), then renamed into place only when all of them were staged; the
//! manifest last, recording only what was renamed.

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
    /// The manifest found in the folder (entries chartbook owns only).
    old: Manifest,
    pending: Vec<Pending>,
    /// The entries the new manifest records when every rename succeeds.
    pub(crate) outputs: BTreeMap<String, Entry>,
    /// Outputs of charts gone from the spec, removed once everything is in place.
    pub(crate) gone: Vec<String>,
    /// The new manifest, staged (`None` when the file already holds it).
    manifest: Option<PathBuf>,
    pub(crate) rendered: usize,
    pub(crate) skipped: usize,
}

impl Prepared {
    pub(crate) fn new(out: &Path, old: Manifest) -> Prepared {
        Prepared {
            out: out.to_path_buf(),
            outputs: old.outputs.clone(),
            old,
            pending: Vec::new(),
            gone: Vec::new(),
            manifest: None,
            rendered: 0,
            skipped: 0,
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

    /// The manifest this edition writes when everything goes into place.
    fn manifest_for(&self, outputs: BTreeMap<String, Entry>) -> Manifest {
        Manifest {
            tool: manifest::TOOL.into(),
            outputs,
        }
    }

    /// Stages the new manifest (the gone outputs left out).
    pub(crate) fn stage_manifest(&mut self) -> Result<(), Diag> {
        let mut outputs = self.outputs.clone();
        for g in &self.gone {
            outputs.remove(g);
        }
        let json = self.manifest_for(outputs).to_json();
        let path = self.out.join(manifest::FILE);
        if write::read_output(&path).is_some_and(|b| b == json.as_bytes()) {
            return Ok(());
        }
        self.manifest = Some(
            write::stage(&path, json.as_bytes())
                .map_err(|e| write::io_error(&path, "cannot write", &e))?,
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
            let _ = std::fs::remove_file(t);
        }
    }

    /// Renames every staged file into place, in order, then removes the outputs of charts
    /// that are gone, then puts the manifest in place. On the first rename that fails it
    /// stops: the staged files not yet renamed are removed, and the manifest written records
    /// the renamed files as new and every other output as it was, so that `check` names
    /// exactly the outputs that are not what the spec makes. `pause` slows each rename (the
    /// kill test's window).
    pub fn commit(
        mut self,
        pause: std::time::Duration,
        report: &mut BuildReport,
    ) -> Result<(), Diag> {
        report.rendered += self.rendered;
        report.skipped += self.skipped;
        let mut failure = None;
        let mut outputs = self.outputs.clone();
        let pending = std::mem::take(&mut self.pending);
        for p in pending {
            let Some(t) = p.temp else { continue };
            if failure.is_some() {
                let _ = std::fs::remove_file(&t);
                self.restore(&mut outputs, &p.rel);
                continue;
            }
            let path = self.out.join(&p.rel);
            match write::commit(&t, &path) {
                Ok(()) => {
                    report.written.push(path);
                    std::thread::sleep(pause);
                }
                Err(e) => {
                    failure = Some(write::io_error(&path, "cannot put in place", &e).with_hint(
                        "the outputs renamed before it are new and recorded in the manifest; the rest are as they were (`chartbook check` lists them)",
                    ));
                    self.restore(&mut outputs, &p.rel);
                }
            }
        }
        let mpath = self.out.join(manifest::FILE);
        match failure {
            None => {
                for g in std::mem::take(&mut self.gone) {
                    outputs.remove(&g);
                    let path = self.out.join(&g);
                    if write::read_output(&path).is_some() && std::fs::remove_file(&path).is_ok() {
                        report.removed.push(path);
                    }
                }
                if let Some(t) = self.manifest.take() {
                    write::commit(&t, &mpath)
                        .map_err(|e| write::io_error(&mpath, "cannot put in place", &e))?;
                    report.written.push(mpath);
                }
                Ok(())
            }
            Some(d) => {
                if let Some(t) = self.manifest.take() {
                    let _ = std::fs::remove_file(t);
                }
                let json = self.manifest_for(outputs).to_json();
                if write::write_atomic(&mpath, json.as_bytes()).is_ok() {
                    report.written.push(mpath);
                }
                Err(d)
            }
        }
    }

    /// Records `rel` in `outputs` as the old manifest had it (or not at all): its new file
    /// was not put in place.
    fn restore(&self, outputs: &mut BTreeMap<String, Entry>, rel: &str) {
        match self.old.outputs.get(rel) {
            Some(e) => outputs.insert(rel.to_string(), e.clone()),
            None => outputs.remove(rel),
        };
    }
}

impl Drop for Prepared {
    /// A prepared edition that is never committed leaves nothing behind.
    fn drop(&mut self) {
        self.discard();
    }
}
