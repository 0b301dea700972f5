//! Golden cases: every folder in tests/cases holds a charts.toml, its data, and the expected
//! SVG and PNG of each chart in `expected/`. The SVG must match byte for byte; the PNG pixel
//! for pixel within a small tolerance (anti-aliasing may differ across CPUs). A mismatch writes
//! the actual files and a diff image to target/golden-diffs/. `UPDATE_GOLDEN=1` rewrites the
//! references; a missing reference fails.

use std::path::{Path, PathBuf};

use chartbook::output::{png, render_chart};

/// Reference PNGs are rendered at 96 dpi (one pixel per CSS px) to keep them small.
const DPI: u32 = 96;

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("tests/cases exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("charts.toml").exists())
        .collect();
    v.sort();
    v
}

fn diff_dir() -> PathBuf {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/golden-diffs");
    std::fs::create_dir_all(&d).expect("create diff dir");
    d
}

/// Compares two PNGs; returns a description of the difference and a diff image, or None.
fn compare_png(expected: &[u8], actual: &[u8]) -> Option<(String, Option<Vec<u8>>)> {
    let (ew, eh, e) = match png::decode(expected) {
        Ok(x) => x,
        Err(err) => return Some((format!("reference does not decode: {err}"), None)),
    };
    let (aw, ah, a) = png::decode(actual).expect("actual PNG decodes");
    if (ew, eh) != (aw, ah) {
        return Some((format!("size {aw}x{ah}, expected {ew}x{eh}"), None));
    }
    let mut bad = 0usize;
    let mut diff = Vec::with_capacity(a.len());
    for (pe, pa) in e.chunks_exact(3).zip(a.chunks_exact(3)) {
        let d = pe
            .iter()
            .zip(pa)
            .map(|(x, y)| x.abs_diff(*y))
            .max()
            .unwrap_or(0);
        if d > 24 {
            bad += 1;
            diff.extend_from_slice(&[255, 0, 0]);
        } else {
            let g = 200 + pa[0] / 5;
            diff.extend_from_slice(&[g, g, g]);
        }
    }
    let total = (ew * eh) as usize;
    if bad * 2000 > total {
        let img = png::encode(&diff, aw, ah, DPI).ok();
        Some((format!("{bad} of {total} pixels differ"), img))
    } else {
        None
    }
}

#[test]
fn golden_cases() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    let mut checked = 0;
    for case in cases() {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let loaded = match chartbook::spec::load(&case.join("charts.toml")) {
            Ok(l) => l,
            Err(diags) => {
                failures.push(format!("{name}: spec invalid: {diags:?}"));
                continue;
            }
        };
        let exp_dir = case.join("expected");
        for chart in &loaded.spec.charts {
            // The drawing, not the embedded font subsets (unit-tested in `output::webfont`):
            // golden SVGs stay small and readable in a diff.
            let cx = chartbook::model::Context {
                svg_text: chartbook::spec::SvgText::Plain,
                ..chartbook::model::Context::of(&loaded.spec)
            };
            let r = render_chart(chart, &cx, Some(DPI), false)
                .unwrap_or_else(|e| panic!("{name}/{}: {e}", chart.id));
            let png_bytes = r.png.expect("png rendered");
            let svg_path = exp_dir.join(format!("{}.svg", chart.id));
            let png_path = exp_dir.join(format!("{}.png", chart.id));
            checked += 1;
            if update {
                std::fs::create_dir_all(&exp_dir).unwrap();
                std::fs::write(&svg_path, &r.svg).unwrap();
                std::fs::write(&png_path, &png_bytes).unwrap();
                continue;
            }
            let stem = format!("{name}-{}", chart.id);
            match std::fs::read_to_string(&svg_path) {
                Ok(expected) if expected == r.svg => {}
                Ok(_) => {
                    std::fs::write(diff_dir().join(format!("{stem}.actual.svg")), &r.svg).unwrap();
                    failures.push(format!(
                        "{name}/{}: SVG differs (actual in target/golden-diffs/{stem}.actual.svg)",
                        chart.id
                    ));
                }
                Err(_) => failures.push(format!(
                    "{name}/{}: missing reference {} (run with UPDATE_GOLDEN=1)",
                    chart.id,
                    svg_path.display()
                )),
            }
            match std::fs::read(&png_path) {
                Ok(expected) => {
                    if let Some((why, img)) = compare_png(&expected, &png_bytes) {
                        std::fs::write(diff_dir().join(format!("{stem}.actual.png")), &png_bytes)
                            .unwrap();
                        if let Some(img) = img {
                            std::fs::write(diff_dir().join(format!("{stem}.diff.png")), img)
                                .unwrap();
                        }
                        failures.push(format!("{name}/{}: PNG differs: {why} (see target/golden-diffs/{stem}.diff.png)", chart.id));
                    }
                }
                Err(_) => failures.push(format!(
                    "{name}/{}: missing reference {}",
                    chart.id,
                    png_path.display()
                )),
            }
        }
    }
    assert!(
        checked >= 10,
        "expected at least 10 golden charts, found {checked}"
    );
    assert!(
        failures.is_empty(),
        "golden mismatches:\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_chart_kind_has_a_golden_case() {
    let mut kinds = std::collections::BTreeSet::new();
    for case in cases() {
        let loaded = chartbook::spec::load(&case.join("charts.toml")).expect("case spec valid");
        for c in &loaded.spec.charts {
            let orientation = match &c.body {
                chartbook::spec::Body::Bar(b) => b.orientation,
                _ => Default::default(),
            };
            kinds.insert(format!("{}/{:?}", c.kind().name(), orientation));
        }
    }
    for k in [
        "bar/Vertical",
        "bar/Horizontal",
        "grouped_bar/Vertical",
        "stacked_bar/Vertical",
        "stacked_bar/Horizontal",
        "line/Vertical",
        "range/Vertical",
        "table/Vertical",
        "text/Vertical",
    ] {
        assert!(kinds.contains(k), "no golden case for {k}; have {kinds:?}");
    }
}

#[test]
fn png_comparison_detects_a_changed_bar() {
    let a = png::encode(&vec![255u8; 100 * 100 * 3], 100, 100, 96).unwrap();
    let mut px = vec![255u8; 100 * 100 * 3];
    for i in 0..(20 * 100) {
        px[i * 3] = 0;
    }
    let b = png::encode(&px, 100, 100, 96).unwrap();
    assert!(compare_png(&a, &a).is_none());
    assert!(compare_png(&a, &b).is_some());
}
