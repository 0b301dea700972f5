//! `chartbook check`: whether the output folder is exactly what `build` would write now,
//! decided without rendering. Each output's recorded input hash must equal the hash of its
//! current inputs (rendering is a pure function of them, so the bytes would be the same), and
//! each file's bytes must still match the manifest; files `build` would not write are extra.

use std::collections::BTreeSet;
use std::path::Path;

use super::build::chart_outputs;
use super::manifest::{self, Manifest};
use super::BuildOptions;
use crate::spec::LoadedSpec;

/// One way the output folder differs from what `build` would write.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Finding {
    /// Not there at all.
    Missing(String),
    /// Its inputs changed since it was built.
    Stale(String),
    /// Its bytes are not the ones the manifest records (edited or damaged).
    Modified(String),
    /// There, but `build` would not write it.
    Extra(String),
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Finding::Missing(p) => write!(f, "missing  {p}"),
            Finding::Stale(p) => write!(f, "stale    {p} (its inputs changed)"),
            Finding::Modified(p) => write!(f, "modified {p} (differs from the manifest)"),
            Finding::Extra(p) => write!(f, "extra    {p} (build would not write it)"),
        }
    }
}

/// Files directly in `dir`, as paths relative to the output folder with `prefix`.
fn listed(dir: &Path, prefix: &str) -> Vec<String> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<String> = rd
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| !t.is_dir()))
        .map(|e| format!("{prefix}{}", e.file_name().to_string_lossy()))
        .collect();
    out.sort();
    out
}

/// Compares the output folder with what a whole `build` with `opts` would write.
pub fn check(spec: &LoadedSpec, opts: &BuildOptions) -> Vec<Finding> {
    let out = &opts.out;
    let mut findings = Vec::new();
    let m = Manifest::read(out);
    let empty = Manifest::default();
    let man = m.as_ref().unwrap_or(&empty);
    let mut wanted: Vec<(String, String)> = Vec::new();
    for c in &spec.spec.charts {
        wanted.extend(chart_outputs(spec, c, opts));
    }
    if opts.formats.pdf {
        wanted.push((
            "report.pdf".into(),
            manifest::report_inputs(&spec.spec, opts.source_date_epoch),
        ));
    }
    for (rel, inputs) in &wanted {
        let path = out.join(rel);
        if !path.exists() {
            findings.push(Finding::Missing(rel.clone()));
        } else if man.outputs.get(rel).is_none_or(|e| e.inputs != *inputs) {
            findings.push(Finding::Stale(rel.clone()));
        } else if !man.current(out, rel, inputs) {
            findings.push(Finding::Modified(rel.clone()));
        }
    }
    let names: BTreeSet<&str> = wanted.iter().map(|(p, _)| p.as_str()).collect();
    match &m {
        None => findings.push(Finding::Missing(manifest::FILE.into())),
        // The manifest build would write records exactly the outputs it wants.
        Some(m)
            if m.tool != manifest::TOOL
                || m.outputs.keys().any(|k| !names.contains(k.as_str())) =>
        {
            findings.push(Finding::Stale(manifest::FILE.into()))
        }
        Some(_) => {}
    }
    for (dir, prefix) in [
        (out.clone(), ""),
        (out.join("svg"), "svg/"),
        (out.join("png"), "png/"),
    ] {
        for rel in listed(&dir, prefix) {
            if rel != manifest::FILE && !names.contains(rel.as_str()) {
                findings.push(Finding::Extra(rel));
            }
        }
    }
    findings.sort();
    findings
}
