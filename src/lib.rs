//! chartbook: chart specifications in TOML plus CSV data in, publication figures out.
//!
//! The pipeline: `charts.toml` → [`spec::raw`] (serde) → [`spec::validate`] (checked against
//! the loaded [`data`]) → [`model::layout`] (a backend-neutral figure) → [`render`] (one SVG,
//! drawn with plotters) → [`output`] (the `.svg` as is, the `.png` rasterised from it, and
//! the PDF handout laid out by [`handout`] with each figure converted from that same SVG).
#![forbid(unsafe_code)]

pub mod data;
pub mod error;
pub mod fonts;
pub mod handout;
pub mod i18n;
pub mod model;
pub mod output;
pub mod render;
pub mod spec;

use std::path::Path;

pub use error::{Diag, Severity};
pub use output::build::{BuildReport, Event};
pub use output::check::Finding;
pub use output::{BuildOptions, Formats};

/// Loads and checks the spec, renders the selected charts whose inputs changed (all with
/// `force`), then writes what changed. Nothing is written unless every chart rendered.
/// `on_event` hears of each chart as it is built or skipped.
pub fn build(
    spec_path: &Path,
    opts: &BuildOptions,
    on_event: &(dyn Fn(&Event) + Sync),
) -> Result<(BuildReport, Vec<Diag>), Vec<Diag>> {
    let loaded = load(spec_path)?;
    let file = spec_path.display().to_string();
    let charts = output::select(&loaded, &opts.only, &file)?;
    let report = output::build::build(&loaded, &charts, opts, &file, on_event)?;
    Ok((report, loaded.warnings))
}

/// Validates the spec, then lists how the output folder differs from what a whole `build`
/// with `opts` would write (empty: up to date). Renders nothing, writes nothing.
pub fn check(
    spec_path: &Path,
    opts: &BuildOptions,
) -> Result<(Vec<Finding>, Vec<Diag>), Vec<Diag>> {
    let loaded = load(spec_path)?;
    let findings = output::check::check(&loaded, opts);
    Ok((findings, loaded.warnings))
}

/// Loads and checks the spec, then lays out every chart once to warn of labels the collision
/// step had to shorten or drop (see [`model::collide`]).
pub fn load(spec_path: &Path) -> Result<spec::LoadedSpec, Vec<Diag>> {
    let mut loaded = spec::load(spec_path)?;
    let file = spec_path.display().to_string();
    for chart in &loaded.spec.charts {
        let (_, fixes) = model::layout_with_fixes(chart, &loaded.spec.theme);
        for w in fixes.iter().filter_map(model::collide::warning) {
            loaded.warnings.push(chart.warning(&file, w));
        }
    }
    Ok(loaded)
}
