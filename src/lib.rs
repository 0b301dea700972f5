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
    // One build at a time: held until every edition is in place.
    let _lock = output::lock::exclusive(&opts.out).map_err(|d| vec![*d])?;
    // Every edition is rendered and staged before anything is put in place: a failure in
    // any edition leaves every edition's outputs as they were.
    let mut prepared = Vec::new();
    let mut errs = Vec::new();
    for (i, (edition, eopts)) in editions(&loaded, opts).into_iter().enumerate() {
        let charts = match output::select(&edition, &eopts.only, &file) {
            Ok(c) => c,
            Err(e) => {
                errs.extend(e);
                continue;
            }
        };
        // A further edition's events name its folder: "ja/fig1-meth-arrests".
        let prefix = if i == 0 {
            String::new()
        } else {
            format!("{}/", edition.spec.report.lang)
        };
        let named = |e: &Event| match e {
            _ if prefix.is_empty() => on_event(e),
            Event::Planned { .. } => {}
            Event::Built { chart, written } => on_event(&Event::Built {
                chart: format!("{prefix}{chart}"),
                written: *written,
            }),
            Event::Skipped { chart } => on_event(&Event::Skipped {
                chart: format!("{prefix}{chart}"),
            }),
            Event::Failed { chart, message } => on_event(&Event::Failed {
                chart: format!("{prefix}{chart}"),
                message: message.clone(),
            }),
            Event::Report { rebuilt, output } => on_event(&Event::Report {
                rebuilt: *rebuilt,
                output: format!("{prefix}{output}"),
            }),
        };
        match output::build::prepare(&edition, &charts, &eopts, &opts.out, &file, &named) {
            Ok(p) => prepared.push(p),
            Err(e) => errs.extend(e),
        }
    }
    if !errs.is_empty() {
        // Dropping the prepared editions removes what they staged.
        return Err(errs);
    }
    let pause = output::write_pause();
    let mut total = BuildReport::default();
    let mut left = prepared.into_iter();
    for p in left.by_ref() {
        if let Err(d) = p.commit(pause, &mut total) {
            // The editions not yet committed are dropped, and their staged files with them.
            return Err(vec![d]);
        }
    }
    Ok((total, loaded.warnings))
}

/// Each edition with the options that build it: the spec's own into `opts.out`, each further
/// language into `opts.out/<lang>/`.
pub fn editions(
    loaded: &spec::LoadedSpec,
    opts: &BuildOptions,
) -> Vec<(spec::LoadedSpec, BuildOptions)> {
    let mut out = Vec::new();
    let mut own = loaded.clone();
    own.spec.editions = Vec::new();
    out.push((own, opts.clone()));
    for e in &loaded.spec.editions {
        let mut o = opts.clone();
        o.out = opts.out.join(&e.report.lang);
        out.push((
            spec::LoadedSpec {
                spec: e.clone(),
                warnings: Vec::new(),
            },
            o,
        ));
    }
    out
}

/// Validates the spec, then lists how the output folder differs from what a whole `build`
/// with `opts` would write (empty: up to date). Renders nothing, writes nothing.
pub fn check(
    spec_path: &Path,
    opts: &BuildOptions,
) -> Result<(Vec<Finding>, Vec<Diag>), Vec<Diag>> {
    // Renders nothing, so it skips `load`'s layout pass: label warnings are `validate`'s and
    // `build`'s, and laying out every chart of every edition would be most of check's time.
    let loaded = spec::load(spec_path)?;
    // Waits for a build that is writing, and keeps the next one out until this one has read.
    let _lock = output::lock::shared(&opts.out);
    let mut findings = Vec::new();
    for (edition, o) in editions(&loaded, opts) {
        let prefix = o
            .out
            .strip_prefix(&opts.out)
            .map(|p| p.to_string_lossy().to_string())
            .unwrap_or_default();
        for mut f in output::check::check(&edition, &o) {
            if !prefix.is_empty() {
                f.path = format!("{prefix}/{}", f.path);
            }
            findings.push(f);
        }
    }
    Ok((findings, loaded.warnings))
}

/// Loads and checks the spec, then lays out every chart once to warn of labels the collision
/// step had to shorten or drop (see [`model::collide`]).
pub fn load(spec_path: &Path) -> Result<spec::LoadedSpec, Vec<Diag>> {
    let mut loaded = spec::load(spec_path)?;
    let file = spec_path.display().to_string();
    let all = std::iter::once(&loaded.spec).chain(loaded.spec.editions.iter());
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    for spec in all {
        for chart in &spec.charts {
            let (fig, fixes) = model::layout_with_fixes(chart, &spec.theme);
            if let Some(e) = too_large(&fig) {
                let e = if spec.lang() == loaded.spec.lang() {
                    e
                } else {
                    format!("{} edition: {e}", spec.lang().name())
                };
                let mut d = chart.error(&file, e);
                d.hint = Some(format!(
                    "a canvas side is at most {} px and a figure draws at most {MAX_ITEMS} marks: show fewer rows (filter or aggregate the data, monthly rather than daily), or split the chart",
                    spec::validate::MAX_SIDE
                ));
                errors.push(d);
            }
            for w in fixes.iter().filter_map(model::collide::warning) {
                let w = if spec.lang() == loaded.spec.lang() {
                    w
                } else {
                    format!("{} edition: {w}", spec.lang().name())
                };
                warnings.push(chart.warning(&file, w));
            }
        }
    }
    if !errors.is_empty() {
        errors.extend(warnings);
        return Err(errors);
    }
    loaded.warnings.extend(warnings);
    Ok(loaded)
}

/// The most marks and labels one figure may draw: a line of 20,000 points (40,000 marks)
/// builds in about 3.5 s here; far beyond, the SVG is unreadable and usvg runs out of nodes.
pub const MAX_ITEMS: usize = 50_000;

/// What is wrong with a laid-out figure that no output could hold: a side fitted to the
/// content (a table of 10,000 rows) beyond the largest canvas, or more marks than a figure
/// can draw.
fn too_large(fig: &model::figure::Figure) -> Option<String> {
    let max = spec::validate::MAX_SIDE;
    let side = |v: f64| v.is_finite() && v <= max + 0.5;
    if !(side(fig.width) && side(fig.height)) {
        return Some(format!(
            "the chart would be {:.0} × {:.0} px, fitted to its content: more than the largest canvas, {max:.0} px a side",
            fig.width, fig.height
        ));
    }
    (fig.items.len() > MAX_ITEMS).then(|| {
        format!(
            "the chart would draw {} marks and labels, more than the {MAX_ITEMS} a figure can hold",
            fig.items.len()
        )
    })
}
