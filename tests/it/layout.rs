//! Layout properties over every chart of the briefing and of the golden cases: no two text
//! labels overlap, no label leaves the canvas, and none had to be shortened or dropped — in
//! the English edition and the Japanese one.

use std::path::Path;

use chartbook::model::figure::overlaps;

fn check_spec(spec: &Path) -> Vec<String> {
    let loaded =
        chartbook::spec::load(spec).unwrap_or_else(|d| panic!("{}: {d:?}", spec.display()));
    let mut problems = Vec::new();
    // Every edition: the Japanese labels have other widths and other breaks.
    let editions = std::iter::once(&loaded.spec).chain(loaded.spec.editions.iter());
    let charts: Vec<_> = editions
        .flat_map(|e| e.charts.iter().map(move |c| (e, c)))
        .collect();
    for (edition, chart) in charts {
        let (fig, fixes) =
            chartbook::model::layout_with_fixes(chart, &chartbook::model::Context::of(edition));
        // The chart kinds place every label well: the collision step may nudge, but it must
        // not have had to shorten or drop anything.
        for w in fixes.iter().filter_map(chartbook::model::collide::warning) {
            problems.push(format!("{} ({}): {w}", chart.id, edition.report.lang));
        }
        let labels: Vec<_> = fig.labels().collect();
        for (i, a) in labels.iter().enumerate() {
            let ba = a.bbox();
            if ba.0 < -0.5 || ba.1 < -0.5 || ba.2 > fig.width + 0.5 || ba.3 > fig.height + 0.5 {
                problems.push(format!(
                    "{}: `{}` leaves the {}x{} canvas at {ba:?}",
                    chart.id, a.text, fig.width, fig.height
                ));
            }
            for b in &labels[i + 1..] {
                if overlaps(ba, b.bbox(), 0.5) {
                    problems.push(format!("{}: `{}` overlaps `{}`", chart.id, a.text, b.text));
                }
            }
        }
    }
    problems
}

#[test]
fn briefing_labels_never_overlap_or_leave_the_canvas_in_either_language() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("charts.toml");
    let loaded = chartbook::spec::load(&spec).unwrap();
    assert_eq!(
        loaded.spec.editions.len(),
        1,
        "the Japanese edition is checked too"
    );
    let p = check_spec(&spec);
    assert!(p.is_empty(), "{}", p.join("\n"));
}

#[test]
fn golden_case_labels_never_overlap_or_leave_the_canvas() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut all = Vec::new();
    for e in std::fs::read_dir(root).unwrap() {
        let spec = e.unwrap().path().join("charts.toml");
        if spec.exists() {
            all.extend(check_spec(&spec));
        }
    }
    assert!(all.is_empty(), "{}", all.join("\n"));
}
