//! The manifest, `output/manifest.json`: every output with its size, content hash, the chart
//! it came from and a hash of everything that output depends on (the chart's checked spec
//! entry with its data, the theme, the fonts, the tool version, the resolution). Rendering is
//! a pure function of those inputs, so equal input hashes mean equal bytes: `build` skips
//! such charts and `check` decides staleness without rendering.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::spec::{Chart, Spec};

/// Name of the manifest inside the output folder.
pub const FILE: &str = "manifest.json";

/// The tool, its version and a fingerprint of its code (sources, bundled fonts and locked
/// dependencies, from build.rs): part of every input hash, so new code never passes for old.
pub const TOOL: &str = concat!(
    "chartbook ",
    env!("CARGO_PKG_VERSION"),
    " (code ",
    env!("CHARTBOOK_CODE_ID"),
    ")"
);

/// One output file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The chart it came from (`null` for the handout, which holds every chart).
    pub chart: Option<String>,
    pub size: u64,
    /// SHA-256 of the file's bytes.
    pub sha256: String,
    /// SHA-256 of the output's inputs.
    pub inputs: String,
    /// The data files the chart reads, with the SHA-256 of each (provenance; also in the SVG).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub data: BTreeMap<String, String>,
    /// The paper's endnotes the chart and its data rows cite.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub endnotes: Vec<u32>,
    /// What the chart's layout said when it was drawn (labels shortened or dropped): a build
    /// that does not draw the chart again says it again from here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl Entry {
    /// The entry of an output with these bytes and inputs (no provenance).
    pub fn of(chart: Option<String>, bytes: &[u8], inputs: String) -> Entry {
        Entry {
            chart,
            size: bytes.len() as u64,
            sha256: sha256_hex(bytes),
            inputs,
            data: BTreeMap::new(),
            endnotes: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

/// Every output, by path relative to the output folder (sorted: a stable file).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub tool: String,
    pub outputs: BTreeMap<String, Entry>,
}

/// Lower-case hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub(crate) fn hash_parts(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        // Length-prefixed, so that no two lists of parts hash alike.
        h.update((p.len() as u64).to_le_bytes());
        h.update(p.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// What every output of one chart depends on besides its format, hashed: the tool, the
/// theme, the edition's words and the checked chart, which holds its spec entry resolved and
/// its data table, so that its debug form is all it depends on. Formatting a chart with its
/// data is the costly part of deciding what is current: done once per chart.
pub fn chart_base(spec: &Spec, chart: &Chart) -> String {
    hash_parts(&[
        TOOL,
        &format!("{:?}", spec.theme),
        // What model::Context carries besides the theme: the edition's words.
        &spec.report.lang,
        &format!("{:?}", spec.report.source_name),
        &format!("{chart:?}"),
    ])
}

/// The input hash of one chart's output in `format` (`svg`, or `png` at `dpi`), from its
/// [`chart_base`].
pub fn chart_inputs(spec: &Spec, base: &str, format: &str, dpi: u32) -> String {
    // The PNG's resolution; how an SVG carries its text.
    let dpi = match format {
        "png" => dpi.to_string(),
        "svg" | "phone" => format!("{:?}", spec.svg_text),
        _ => String::new(),
    };
    hash_parts(&[base, format, &dpi])
}

/// The input hash of the handout: every chart, the report, the theme, the data checks (its
/// data notes), and its date.
pub fn report_inputs(spec: &Spec, source_date_epoch: Option<i64>) -> String {
    let charts: Vec<String> = spec.charts.iter().map(|c| format!("{c:?}")).collect();
    hash_parts(&[
        TOOL,
        "pdf",
        &format!("{:?}", spec.report),
        &format!("{:?}", spec.theme),
        &format!("{source_date_epoch:?}"),
        &charts.join("\n"),
        &format!("{:?}", spec.checks),
        &format!("{:?}", spec.sources),
    ])
}

/// Name of the data notes in the output folder.
pub const DATA_NOTES: &str = "data-notes.md";

/// The input hash of `data-notes.md`: the report title and the data checks.
pub fn notes_inputs(spec: &Spec) -> String {
    hash_parts(&[
        TOOL,
        "notes",
        &spec.report.title,
        &format!("{:?}", spec.checks),
        // Which transforms computed which chart's numbers (the notes list them).
        &format!(
            "{:?}",
            spec.charts
                .iter()
                .map(|c| (&c.id, &c.data_path, &c.transforms))
                .collect::<Vec<_>>()
        ),
    ])
}

/// What an output path is, when it is one of the shapes chartbook writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape<'a> {
    /// `svg/<id>.svg`, `png/<id>.png`, `phone/<id>.svg` or `data/<id>.csv`: an output of
    /// chart `id`.
    Chart(&'a str),
    /// `report.pdf`, `data-notes.md`, `alt-text.md`, `index.html`.
    Whole,
}

/// The shape of `rel`, a path relative to the output folder, or `None` when chartbook never
/// writes such a path (absolute, `..`, another folder, another name): a manifest entry of
/// that shape is not chartbook's, and no build reads, writes or removes it.
pub fn shape(rel: &str) -> Option<Shape<'_>> {
    if [
        "report.pdf",
        DATA_NOTES,
        super::alt_text::FILE,
        super::html::FILE,
    ]
    .contains(&rel)
    {
        return Some(Shape::Whole);
    }
    let id = [
        ("svg/", ".svg"),
        ("png/", ".png"),
        (super::html::PHONE_DIR, ".svg"),
        (super::html::DATA_DIR, ".csv"),
    ]
    .iter()
    .find_map(|(dir, ext)| rel.strip_prefix(dir)?.strip_suffix(ext))?;
    crate::spec::valid_id(id).then_some(Shape::Chart(id))
}

/// Whether a manifest entry is one chartbook could have written: a known path shape whose
/// `chart` agrees with the path (`svg/a.svg` is chart `a`'s; `report.pdf` is no chart's).
pub fn owned(rel: &str, e: &Entry) -> bool {
    match shape(rel) {
        Some(Shape::Chart(id)) => e.chart.as_deref() == Some(id),
        Some(Shape::Whole) => e.chart.is_none(),
        None => false,
    }
}

impl Manifest {
    /// What chart `id`'s layout said when its outputs were drawn.
    pub fn warnings_of(&self, id: &str) -> Vec<String> {
        self.outputs
            .values()
            .find(|e| e.chart.as_deref() == Some(id))
            .map(|e| e.warnings.clone())
            .unwrap_or_default()
    }

    /// The manifest in `out`, if there is a readable one, with only the entries chartbook
    /// owns (see [`owned`]); [`Manifest::read_all`] keeps the others too, for `check`.
    pub fn read(out: &Path) -> Option<Manifest> {
        let mut m = Manifest::read_all(out)?;
        m.outputs.retain(|rel, e| owned(rel, e));
        Some(m)
    }

    /// The manifest in `out` as written, every entry kept.
    pub fn read_all(out: &Path) -> Option<Manifest> {
        let bytes = super::write::read_output(&out.join(FILE))?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Pretty JSON with sorted keys and a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Whether the file at `path` (relative to `out`) is the one this manifest records with
    /// input hash `inputs`: recorded with those inputs, and its bytes unchanged since.
    pub fn current(&self, out: &Path, path: &str, inputs: &str) -> bool {
        let Some(e) = self.outputs.get(path) else {
            return false;
        };
        if e.inputs != inputs {
            return false;
        }
        // Only a regular file counts: a FIFO put in its place would block the read forever.
        match super::write::read_output(&out.join(path)) {
            Some(bytes) => bytes.len() as u64 == e.size && sha256_hex(&bytes) == e.sha256,
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_hex_and_parts_are_separated() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_ne!(hash_parts(&["ab", "c"]), hash_parts(&["a", "bc"]));
        assert_eq!(hash_parts(&["a"]), hash_parts(&["a"]));
    }

    #[test]
    fn only_the_paths_chartbook_writes_are_owned() {
        let e = |chart: Option<&str>| Entry::of(chart.map(str::to_string), b"", String::new());
        for (rel, chart, ok) in [
            ("svg/fig1.svg", Some("fig1"), true),
            ("png/fig-2.png", Some("fig-2"), true),
            ("report.pdf", None, true),
            ("data-notes.md", None, true),
            ("alt-text.md", None, true),
            ("svg/fig1.svg", Some("ghost"), false),
            ("svg/fig1.svg", None, false),
            ("report.pdf", Some("ghost"), false),
            ("/home/you/precious.txt", Some("ghost"), false),
            ("../../x", Some("ghost"), false),
            ("svg/../../x.svg", Some("../../x"), false),
            ("svg/a/b.svg", Some("a/b"), false),
            ("svg/A.svg", Some("A"), false),
            ("png/x.svg", Some("x"), false),
            ("ja/svg/x.svg", Some("x"), false),
            ("manifest.json", None, false),
            ("", None, false),
        ] {
            assert_eq!(owned(rel, &e(chart)), ok, "{rel} {chart:?}");
        }
    }

    #[test]
    fn manifests_round_trip_in_a_stable_order() {
        let mut m = Manifest {
            tool: TOOL.into(),
            ..Manifest::default()
        };
        for p in ["svg/b.svg", "png/a.png", "report.pdf"] {
            m.outputs.insert(
                p.into(),
                Entry {
                    chart: None,
                    size: 1,
                    sha256: "x".into(),
                    inputs: "y".into(),
                    data: BTreeMap::new(),
                    endnotes: Vec::new(),
                    warnings: Vec::new(),
                },
            );
        }
        let json = m.to_json();
        let a = json.find("png/a.png").unwrap_or(0);
        let b = json.find("report.pdf").unwrap_or(0);
        let c = json.find("svg/b.svg").unwrap_or(0);
        assert!(a < b && b < c, "{json}");
        assert_eq!(serde_json::from_str::<Manifest>(&json).ok(), Some(m));
    }
}
