//! `chartbook init`: a small working project to start from — a charts.toml with one commented
//! example of every chart kind, a CSV file for each, the JSON Schema editors complete it from,
//! a `.gitignore` and a CI workflow that runs `chartbook check`. Nothing it writes replaces a file that is already there.

use std::path::{Path, PathBuf};

use crate::error::Diag;

/// Every file of the project: (path inside the folder, text).
pub const FILES: [(&str, &str); 15] = [
    ("charts.toml", include_str!("../assets/init/charts.toml")),
    (".gitignore", include_str!("../assets/init/gitignore")),
    (
        ".github/workflows/charts.yml",
        include_str!("../assets/init/ci/charts.yml"),
    ),
    (
        "data/visitor_change.csv",
        include_str!("../assets/init/data/visitor_change.csv"),
    ),
    (
        "data/visits_by_year.csv",
        include_str!("../assets/init/data/visits_by_year.csv"),
    ),
    (
        "data/visitors_by_age.csv",
        include_str!("../assets/init/data/visitors_by_age.csv"),
    ),
    (
        "data/monthly_visits.csv",
        include_str!("../assets/init/data/monthly_visits.csv"),
    ),
    (
        "data/loans_by_format.csv",
        include_str!("../assets/init/data/loans_by_format.csv"),
    ),
    (
        "data/opening_hours.csv",
        include_str!("../assets/init/data/opening_hours.csv"),
    ),
    (
        "data/visit_length.csv",
        include_str!("../assets/init/data/visit_length.csv"),
    ),
    (
        "data/branches.csv",
        include_str!("../assets/init/data/branches.csv"),
    ),
    (
        "data/satisfaction.csv",
        include_str!("../assets/init/data/satisfaction.csv"),
    ),
    (
        "data/branch_facts.csv",
        include_str!("../assets/init/data/branch_facts.csv"),
    ),
    (
        "data/next_steps.csv",
        include_str!("../assets/init/data/next_steps.csv"),
    ),
    ("README.md", README),
];

/// The schema file `init` writes beside the spec.
pub const SCHEMA_FILE: &str = "charts.schema.json";

const README: &str = "# Charts\n\nMade with `chartbook init`. `chartbook build` draws every chart of `charts.toml` into\n`output/` (SVG, PNG, `report.pdf` and `index.html`); `chartbook check` says whether `output/`\nis up to date. The data in `data/` are made-up samples: replace them with your own.\n";

/// Writes the project into `dir` (made if missing). Refuses, writing nothing, when any of its
/// files already exists there. Returns the files written.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, Vec<Diag>> {
    let shown = dir.display().to_string();
    let taken: Vec<String> = FILES
        .iter()
        .map(|(rel, _)| *rel)
        .chain([SCHEMA_FILE])
        .filter(|rel| dir.join(rel).symlink_metadata().is_ok())
        .map(str::to_string)
        .collect();
    if !taken.is_empty() {
        return Err(vec![Diag::error(
            &shown,
            format!(
                "{} already holds {}{}: init writes a new project and replaces nothing",
                if shown.is_empty() { "." } else { &shown },
                taken[0],
                match taken.len() {
                    1 => String::new(),
                    2 => " (and 1 more of its files)".to_string(),
                    n => format!(" (and {} more of its files)", n - 1),
                }
            ),
        )
        .with_hint("name an empty or new folder: `chartbook init my-charts`")]);
    }
    let mut written = Vec::new();
    // The editor's schema, named by the spec's first line (`#:schema ./charts.schema.json`).
    let schema = crate::spec::schema::text(crate::spec::schema::Which::Spec);
    for (rel, text) in FILES
        .iter()
        .copied()
        .chain([(SCHEMA_FILE, schema.as_str())])
    {
        let path = dir.join(rel);
        let res = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, text));
        if let Err(e) = res {
            return Err(vec![crate::output::write::io_error(
                &path,
                "cannot write",
                &e,
            )]);
        }
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_data_file_the_spec_names_is_written() {
        let spec = super::FILES[0].1;
        for line in spec.lines().filter(|l| l.starts_with("data = ")) {
            let path = line.trim_start_matches("data = ").trim_matches('"');
            assert!(
                super::FILES.iter().any(|(rel, _)| *rel == path),
                "{path} is not among the files"
            );
        }
    }
}
