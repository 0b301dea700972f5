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
pub mod model;
pub mod output;
pub mod render;
pub mod spec;

use std::path::Path;

pub use error::{Diag, Severity};
pub use output::{BuildOptions, BuildReport, Formats};

/// Loads and checks the spec, renders the selected charts, then writes them. Nothing is
/// written unless every chart rendered.
pub fn build(spec_path: &Path, opts: &BuildOptions) -> Result<(BuildReport, Vec<Diag>), Vec<Diag>> {
    let loaded = spec::load(spec_path)?;
    let file = spec_path.display().to_string();
    let charts = output::select(&loaded, &opts.only, &file)?;
    let rendered = output::render_all(&loaded, &charts, opts, &file)?;
    let pdf = if output::wants_pdf(opts) {
        Some(output::report(&loaded, &rendered, opts, &file)?)
    } else {
        None
    };
    let report = output::write_all(&opts.out, &rendered, opts.formats, pdf.as_deref())?;
    Ok((report, loaded.warnings))
}
