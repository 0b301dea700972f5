//! Shared by the fuzz targets: a project folder with the briefing's data files, and a run of
#![allow(dead_code)] // each target uses only part of it
//! the whole pipeline (validate, then lay out and draw every chart, then the handout) that
//! must end in a result or a diagnostic, never a panic.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A temporary project holding the briefing's and the golden cases' CSV files under `data/`.
pub fn project() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("chartbook-fuzz-{}", std::process::id()));
        let data = dir.join("data");
        std::fs::create_dir_all(&data).expect("temp folder");
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
        for e in std::fs::read_dir(src).expect("the project's data folder") {
            let e = e.expect("entry");
            std::fs::copy(e.path(), data.join(e.file_name())).expect("copy");
        }
        let tr = dir.join("translations");
        std::fs::create_dir_all(&tr).expect("translations folder");
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../translations/ja.toml");
        std::fs::copy(src, tr.join("ja.toml")).expect("copy the translation");
        // The golden cases' data, as the seed specs in corpus/spec name it.
        let cases = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/cases");
        for e in std::fs::read_dir(cases).expect("the golden cases") {
            let e = e.expect("entry");
            let name = format!("case-{}.csv", e.file_name().to_string_lossy());
            let _ = std::fs::copy(e.path().join("data.csv"), data.join(name));
        }
        dir
    })
}

/// Validates `spec` against the project and renders whatever validates.
pub fn pipeline(spec: &str) {
    let Ok(loaded) = chartbook::spec::validate::check("charts.toml", spec, project()) else {
        return;
    };
    let mut rendered = Vec::new();
    for c in &loaded.spec.charts {
        if let Ok(r) = chartbook::output::render_chart(c, &chartbook::model::Context::of(&loaded.spec), None, true) {
            rendered.push(r);
        }
    }
    if rendered.len() == loaded.spec.charts.len() {
        let opts = chartbook::BuildOptions::default();
        let _ = chartbook::output::report(&loaded, &rendered.iter().map(|r| r.figure.clone()).collect::<Vec<_>>(), &opts, "charts.toml");
    }
}

/// The briefing's own spec, read once.
pub fn briefing() -> &'static str {
    static SPEC: OnceLock<String> = OnceLock::new();
    SPEC.get_or_init(|| {
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../charts.toml"))
            .expect("the briefing's charts.toml")
    })
}

/// Writes `bytes` as the project file `rel` (the fuzzed input), then runs `pipeline` on `spec`.
pub fn with_file(rel: &str, bytes: &[u8], spec: &str) {
    if std::fs::write(project().join(rel), bytes).is_ok() {
        pipeline(spec);
    }
}

/// A whole build of `spec` in the project, both editions, into a fresh output folder: the
/// real path through the lock, the staging and the renames. Errors are fine; panics are not.
pub fn build(spec: &str) {
    let dir = project();
    let spec_path = dir.join("fuzz-build.toml");
    if std::fs::write(&spec_path, spec).is_err() {
        return;
    }
    let out = dir.join("fuzz-output");
    let _ = std::fs::remove_dir_all(&out);
    let opts = chartbook::BuildOptions {
        out: out.clone(),
        formats: chartbook::Formats {
            svg: true,
            png: false,
            pdf: true,
        },
        jobs: Some(1),
        ..chartbook::BuildOptions::default()
    };
    let _ = chartbook::build(&spec_path, &opts, &|_| {});
}
