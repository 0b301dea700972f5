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
pub mod init;
pub mod linebreak;
pub mod model;
pub mod output;
pub mod render;
pub mod serve;
pub mod spec;
pub mod style;

use std::path::{Path, PathBuf};

pub use error::{Diag, Severity};
pub use output::build::{BuildReport, Event};
pub use output::check::Finding;
pub use output::{BuildOptions, Formats, Shard};

/// Loads and checks the spec, renders the selected charts whose inputs changed (all with
/// `force`), then writes what changed. Nothing is written unless every chart rendered.
/// `on_event` hears of each chart as it is built or skipped.
pub fn build(
    spec_path: &Path,
    opts: &BuildOptions,
    on_event: &(dyn Fn(&Event) + Sync),
) -> Result<(BuildReport, Vec<Diag>), Vec<Diag>> {
    // The charts are laid out once, by the render: what the layouts say comes with it.
    let loaded = spec::load(spec_path)?;
    let file = spec_path.display().to_string();
    let all = editions(&loaded, opts);
    // Folders this build may create, so that a failed build removes those it made.
    let mut folders: Vec<PathBuf> = all
        .iter()
        .flat_map(|(_, o)| {
            [
                o.out.join("svg"),
                o.out.join("png"),
                o.out.join(output::html::PHONE_DIR),
                o.out.join(output::html::DATA_DIR),
                o.out.clone(),
            ]
        })
        .filter(|d| !d.exists())
        .collect();
    // Deepest first, so that a folder is empty by the time its parent is tried.
    folders.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    let fail = |errs: Vec<Diag>| {
        for d in &folders {
            let _ = std::fs::remove_dir(d); // only when empty
        }
        errs
    };
    // One build at a time: the output folder and every edition folder are locked until
    // every edition is in place (an edition folder that is a link or a file is refused
    // before it is locked).
    let mut locks = Vec::new();
    let mut errs = Vec::new();
    for (i, (_, eopts)) in all.iter().enumerate() {
        if i > 0 {
            if let Err(e) = output::write::check_folder(&eopts.out, true) {
                errs.push(*e);
                continue;
            }
        }
        match output::lock::exclusive(&eopts.out) {
            Ok(l) => locks.push(l),
            Err(e) => errs.push(*e),
        }
    }
    if !errs.is_empty() {
        drop(locks);
        return Err(fail(errs));
    }
    // Every edition is rendered and staged before anything is put in place: a failure in
    // any edition leaves every edition's outputs as they were. The editions are built at
    // once, their charts sharing one pool of threads (`--jobs`, else one per core).
    let prepare = |(i, (edition, eopts)): (usize, &(spec::LoadedSpec, BuildOptions))| {
        let charts = output::select(edition, &eopts.only, eopts.shard, &file)?;
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
        output::build::prepare(edition, &charts, eopts, &opts.out, &file, &named)
    };
    let run = || -> Vec<Result<output::commit::Prepared, Vec<Diag>>> {
        use rayon::prelude::*;
        all.par_iter().enumerate().map(prepare).collect()
    };
    let results = match opts.jobs {
        Some(n) => match rayon::ThreadPoolBuilder::new().num_threads(n).build() {
            Ok(pool) => pool.install(run),
            Err(e) => {
                drop(locks);
                return Err(fail(vec![Diag::error(
                    &file,
                    format!("cannot start {n} threads: {e}"),
                )]));
            }
        },
        None => run(),
    };
    let mut prepared = Vec::new();
    for r in results {
        match r {
            Ok(p) => prepared.push(p),
            Err(e) => errs.extend(e),
        }
    }
    if !errs.is_empty() {
        // Dropping the prepared editions removes what they staged.
        drop(prepared);
        drop(locks);
        return Err(fail(errs));
    }
    let mut total = BuildReport::default();
    let mut warnings = loaded.warnings;
    for p in &mut prepared {
        warnings.append(&mut p.warnings);
    }
    let result = output::commit::commit_all(prepared, output::write_pause(), &mut total);
    drop(locks);
    match result {
        Ok(()) => Ok((total, warnings)),
        Err(d) => Err(vec![*d]),
    }
}

/// Joins the output folders of shard builds into `opts.out` (see [`output::merge`]), then
/// builds the whole spec there: only what holds every chart is drawn. Returns how many chart
/// outputs were joined, with the build's report and warnings.
pub fn merge(
    spec_path: &Path,
    shards: &[PathBuf],
    opts: &BuildOptions,
    on_event: &(dyn Fn(&Event) + Sync),
) -> Result<(usize, BuildReport, Vec<Diag>), Vec<Diag>> {
    let loaded = spec::load(spec_path)?;
    let file = spec_path.display().to_string();
    let mut whole = opts.clone();
    whole.shard = None;
    whole.only.clear();
    let n = output::merge::join(&editions(&loaded, &whole), &whole.out, shards, &file)?;
    let (report, warnings) = build(spec_path, &whole, on_event)?;
    Ok((n, report, warnings))
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
    let mut own_opts = opts.clone();
    own_opts.editions = loaded
        .spec
        .editions
        .iter()
        .map(|e| (e.report.lang.clone(), format!("{}/", e.report.lang)))
        .collect();
    out.push((own, own_opts));
    for e in &loaded.spec.editions {
        let mut o = opts.clone();
        o.out = opts.out.join(&e.report.lang);
        o.editions = std::iter::once((loaded.spec.report.lang.clone(), "../".to_string()))
            .chain(
                loaded
                    .spec
                    .editions
                    .iter()
                    .filter(|f| f.report.lang != e.report.lang)
                    .map(|f| (f.report.lang.clone(), format!("../{}/", f.report.lang))),
            )
            .collect();
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
    let all = editions(&loaded, opts);
    // What a build would change: the manifests, and whether a build holds a folder.
    let state = || -> Vec<Option<Vec<u8>>> {
        all.iter()
            .map(|(_, o)| output::write::read_output(&o.out.join(output::manifest::FILE)))
            .collect()
    };
    let busy = || all.iter().any(|(_, o)| output::lock::busy(&o.out));
    let mut findings = Vec::new();
    // A build that starts while check reads would show a folder that never existed; check
    // waits for a running build (a shared lock), then reads, and reads again if a build
    // ran meanwhile (a manifest changed or a folder is locked).
    for _ in 0..5 {
        let locks: Vec<_> = all
            .iter()
            .filter_map(|(_, o)| output::lock::shared(&o.out))
            .collect();
        let before = state();
        findings.clear();
        // The editions at once (each reads and hashes its own folder): the machine's cores
        // share the hashing.
        let each: Vec<Vec<Finding>> = std::thread::scope(|sc| {
            let handles: Vec<_> = all
                .iter()
                .map(|(edition, o)| sc.spawn(move || output::check::check(edition, o)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        for ((_, o), found) in all.iter().zip(each) {
            let prefix = o
                .out
                .strip_prefix(&opts.out)
                .map(|p| p.to_string_lossy().to_string())
                .unwrap_or_default();
            for mut f in found {
                if !prefix.is_empty() {
                    f.path = format!("{prefix}/{}", f.path);
                }
                findings.push(f);
            }
        }
        drop(locks);
        if state() == before && !busy() {
            break;
        }
    }
    Ok((findings, loaded.warnings))
}

/// Loads and checks the spec, then lays out every chart of every edition to find what only a
/// layout shows: a figure too large for any output (an error) and labels the collision step
/// had to shorten or drop (warnings). `validate` and `list` say these; a build hears them
/// from the render itself (see [`output::build`]).
pub fn load(spec_path: &Path) -> Result<spec::LoadedSpec, Vec<Diag>> {
    let mut loaded = spec::load(spec_path)?;
    let file = spec_path.display().to_string();
    let all = std::iter::once(&loaded.spec).chain(loaded.spec.editions.iter());
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    for spec in all {
        let first = spec.lang() == loaded.spec.lang();
        for chart in &spec.charts {
            let (fig, fixes) = model::layout_with_fixes(chart, &model::Context::of(spec));
            match model::verdict::of(&fig, &fixes) {
                Err(e) => errors.push(e.at(chart, &file, spec.lang(), first)),
                Ok(said) => warnings.extend(
                    said.into_iter()
                        .map(|w| model::verdict::warning(chart, &file, spec.lang(), first, w)),
                ),
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

pub use model::verdict::MAX_ITEMS;
