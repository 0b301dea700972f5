//! `chartbook merge`: joins the output folders of shard builds (`build --shard K/N`) into
//! one. Every shard's chart outputs are checked against its manifest and the spec first;
//! only then are they put in place, all or none, by the build's own write phase
//! ([`commit_all`]) with their manifest entries, and a
//! build of the whole spec writes what holds every chart (the handout, the page, the notes),
//! drawing none of the charts the shards drew.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::build::BuildReport;
use super::commit::{commit_all, Prepared};
use super::manifest::{Entry, Manifest, TOOL};
use super::{lock, write, BuildOptions};
use crate::error::Diag;
use crate::spec::LoadedSpec;

/// One chart output of one shard, checked (its bytes are read and hashed again when copied,
/// so that a catalogue is never held in memory and what is staged is what was checked).
struct Found {
    rel: String,
    entry: Entry,
    from: PathBuf,
    shard: PathBuf,
}

/// Puts the chart outputs of every shard folder in `shards` into each edition's folder of
/// `editions` (as [`crate::editions`] gives them, the first being `root`'s own).
pub fn join(
    editions: &[(LoadedSpec, BuildOptions)],
    root: &Path,
    shards: &[PathBuf],
    file: &str,
) -> Result<usize, Vec<Diag>> {
    let mut errs = Vec::new();
    let mut plan: Vec<(PathBuf, Vec<Found>)> = Vec::new();
    for (edition, eopts) in editions {
        let rel_dir = eopts.out.strip_prefix(root).unwrap_or(Path::new(""));
        let ids: Vec<&str> = edition.spec.charts.iter().map(|c| c.id.as_str()).collect();
        let mut found: BTreeMap<String, Found> = BTreeMap::new();
        for shard in shards {
            let dir = shard.join(rel_dir);
            let shown = dir.display().to_string();
            let Some(m) = Manifest::read(&dir) else {
                errs.push(
                    Diag::error(
                        &shown,
                        "no chartbook manifest here: not the output folder of a build",
                    )
                    .with_hint(
                        "name the folders that `chartbook build --shard K/N --out DIR` wrote",
                    ),
                );
                continue;
            };
            if m.tool != TOOL {
                errs.push(
                    Diag::error(&shown, format!("built by {}, not by this {TOOL}", m.tool))
                        .with_hint("build every shard and merge them with the same chartbook"),
                );
                continue;
            }
            for (rel, entry) in m.outputs {
                let Some(chart) = entry.chart.clone() else {
                    // The handout, the page and the notes: the merge's own build writes them.
                    continue;
                };
                let at = dir.join(&rel).display().to_string();
                if !ids.contains(&chart.as_str()) {
                    errs.push(
                        Diag::error(&at, format!("chart `{chart}` is not in {file}"))
                            .with_hint("merge shards built from this very spec"),
                    );
                    continue;
                }
                match write::read_output(&dir.join(&rel)) {
                    Some(b) if super::manifest::sha256_hex(&b) == entry.sha256 => {}
                    _ => {
                        errs.push(
                            Diag::error(&at, "missing, or not the file its manifest records")
                                .with_hint("build that shard again; nothing was merged"),
                        );
                        continue;
                    }
                };
                if let Some(other) = found.get(&rel) {
                    if other.entry.sha256 != entry.sha256 {
                        errs.push(
                            Diag::error(
                                &at,
                                format!("differs from the same output in {}", other.shard.display()),
                            )
                            .with_hint("each chart belongs to one shard: build the shards with one N and one spec"),
                        );
                    }
                    continue;
                }
                found.insert(
                    rel.clone(),
                    Found {
                        from: dir.join(&rel),
                        rel,
                        entry,
                        shard: shard.clone(),
                    },
                );
            }
        }
        plan.push((eopts.out.clone(), found.into_values().collect()));
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    // The build's own write phase: every file staged, all flushed, then renamed into place
    // with the old files kept until every edition's files and manifest are in; a rename
    // that fails puts everything back.
    let _locks = plan
        .iter()
        .map(|(out, _)| lock::exclusive(out).map_err(|e| vec![*e]))
        .collect::<Result<Vec<_>, _>>()?;
    let mut n = 0;
    let mut prepared = Vec::new();
    for (out, files) in plan {
        let mut p = Prepared::new(&out, Manifest::read(&out).unwrap_or_default());
        for f in files {
            let path = out.join(&f.rel);
            let bytes = std::fs::read(&f.from)
                .map_err(|e| vec![write::io_error(&f.from, "cannot read", &e)])?;
            // Checked again as read: the bytes hashed are the bytes staged, so a shard file
            // changed since the check above cannot slip in (nothing is merged: the files
            // staged so far are removed by Prepared's drop).
            if super::manifest::sha256_hex(&bytes) != f.entry.sha256 {
                return Err(vec![changed(&f.from)]);
            }
            let temp = if write::read_output(&path).as_deref() == Some(bytes.as_slice()) {
                None
            } else {
                Some(
                    write::stage(&path, &bytes)
                        .map_err(|e| vec![write::io_error(&path, "cannot write", &e)])?,
                )
            };
            p.push(&f.rel, temp, f.entry);
            n += 1;
        }
        p.stage_manifest().map_err(|e| vec![*e])?;
        prepared.push(p);
    }
    commit_all(
        prepared,
        std::time::Duration::ZERO,
        &mut BuildReport::default(),
    )
    .map_err(|e| vec![*e])?;
    Ok(n)
}

/// A shard file whose bytes changed between the check and the copy.
fn changed(path: &Path) -> Diag {
    Diag::error(
        &path.display().to_string(),
        "changed while it was being merged: not the file its manifest records",
    )
    .with_hint("let the shard's build finish, then merge again; nothing was merged")
}
