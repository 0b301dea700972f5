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

/// How an output differs from what `build` would write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// Not there at all.
    Missing,
    /// Its inputs changed since it was built.
    Stale,
    /// Its bytes are not the ones the manifest records (edited or damaged).
    Modified,
    /// There, but `build` would not write it.
    Extra,
    /// A manifest entry chartbook could not have written (a path outside the folder or of a
    /// shape it never writes, or a chart that disagrees with the path): `build` ignores it.
    Foreign,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Missing => "missing",
            Kind::Stale => "stale",
            Kind::Modified => "modified",
            Kind::Extra => "extra",
            Kind::Foreign => "foreign",
        }
    }
}

/// One output that differs, with the chart it belongs to (none for the handout, the
/// manifest and extra files).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    pub kind: Kind,
    pub path: String,
    pub chart: Option<String>,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let why = match self.kind {
            Kind::Missing => "not there",
            Kind::Stale => "its inputs changed",
            Kind::Modified => "differs from the manifest",
            Kind::Extra => "build would not write it",
            Kind::Foreign => {
                "the manifest records a path chartbook never writes; build ignores it and drops the entry"
            }
        };
        // Names come from the folder and the manifest: shown with no control character.
        let visible = crate::spec::hygiene::visible;
        let of = self
            .chart
            .as_ref()
            .map_or(String::new(), |c| format!("chart `{}`: ", visible(c)));
        write!(
            f,
            "{:<8} {} ({of}{why})",
            self.kind.name(),
            visible(&self.path)
        )
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
    let all = Manifest::read_all(out);
    let m = Manifest::read(out);
    let empty = Manifest::default();
    let man = m.as_ref().unwrap_or(&empty);
    let mut wanted: Vec<(String, String, Option<String>)> = Vec::new();
    for c in &spec.spec.charts {
        for (rel, inputs) in chart_outputs(spec, c, opts) {
            wanted.push((rel, inputs, Some(c.id.clone())));
        }
    }
    if opts.formats.pdf {
        wanted.push((
            "report.pdf".into(),
            manifest::report_inputs(&spec.spec, opts.source_date_epoch),
            None,
        ));
    }
    wanted.push((
        manifest::DATA_NOTES.into(),
        manifest::notes_inputs(&spec.spec),
        None,
    ));
    wanted.push((
        super::alt_text::FILE.into(),
        super::alt_text::inputs(&super::alt_text::markdown(&spec.spec)),
        None,
    ));
    if opts.formats.html {
        // The page is cheap to make (no chart is laid out, no font subset is made): what
        // it is made from is the page itself with its fonts described.
        if let Ok(inputs) = super::html::page::inputs(&spec.spec, opts.formats, &opts.editions) {
            wanted.push((super::html::FILE.into(), inputs, None));
        }
    }
    let found = |kind, path: &str, chart: Option<String>| Finding {
        kind,
        path: path.to_string(),
        chart,
    };
    for (rel, inputs, chart) in &wanted {
        let path = out.join(rel);
        if !path.exists() {
            findings.push(found(Kind::Missing, rel, chart.clone()));
        } else if man.outputs.get(rel).is_none_or(|e| e.inputs != *inputs) {
            findings.push(found(Kind::Stale, rel, chart.clone()));
        } else if !man.current(out, rel, inputs) {
            findings.push(found(Kind::Modified, rel, chart.clone()));
        }
    }
    let names: BTreeSet<&str> = wanted.iter().map(|(p, _, _)| p.as_str()).collect();
    match &m {
        None => findings.push(found(Kind::Missing, manifest::FILE, None)),
        // The manifest build would write records exactly the outputs it wants.
        Some(m)
            if m.tool != manifest::TOOL
                || m.outputs.keys().any(|k| !names.contains(k.as_str()))
                || all
                    .as_ref()
                    .is_some_and(|a| a.outputs.len() != m.outputs.len()) =>
        {
            findings.push(found(Kind::Stale, manifest::FILE, None))
        }
        Some(_) => {}
    }
    for (rel, e) in all.iter().flat_map(|a| &a.outputs) {
        if !manifest::owned(rel, e) {
            // Shown escaped: the path is whatever someone wrote into the manifest.
            let chart = e.chart.as_ref().map(|c| c.escape_debug().to_string());
            findings.push(found(Kind::Foreign, &rel.escape_debug().to_string(), chart));
        }
    }
    let dirs = [
        (out.clone(), ""),
        (out.join("svg"), "svg/"),
        (out.join("png"), "png/"),
        (out.join(super::html::PHONE_DIR), super::html::PHONE_DIR),
        (out.join(super::html::DATA_DIR), super::html::DATA_DIR),
    ];
    for (dir, prefix) in dirs {
        for rel in listed(&dir, prefix) {
            let lock = rel == super::lock::FILE;
            if rel != manifest::FILE && !lock && !names.contains(rel.as_str()) {
                findings.push(found(Kind::Extra, &rel, None));
            }
        }
    }
    findings.sort();
    findings
}
