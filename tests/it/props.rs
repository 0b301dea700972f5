//! Property: any valid spec renders. Random charts of every kind, with random categories,
//! values (including decimals, missing cells where the kind can show them), sizes and
//! orientations, validate cleanly, render to SVG, PNG and a PDF figure without an error,
//! lay out with no label outside the canvas, and compile into a handout.

use proptest::prelude::*;

#[derive(Debug, Clone)]
struct Case {
    kind: &'static str,
    horizontal: bool,
    width: u32,
    title: String,
    cats: Vec<String>,
    /// Two value columns per row; `None` is a missing cell.
    values: Vec<(Option<f64>, Option<f64>)>,
    decimals: usize,
}

fn word() -> impl Strategy<Value = String> {
    "[A-Za-z][a-z]{0,9}( [a-z]{1,8}){0,3}"
}

fn case() -> impl Strategy<Value = Case> {
    (
        prop::sample::select(vec![
            "bar",
            "grouped_bar",
            "stacked_bar",
            "line",
            "range",
            "table",
            "text",
        ]),
        any::<bool>(),
        300u32..1400,
        word(),
        prop::collection::btree_set(word(), 1..9),
        0usize..3,
    )
        .prop_flat_map(|(kind, horizontal, width, title, cats, decimals)| {
            let n = cats.len();
            let value = prop_oneof![9 => (0.0f64..2.0e6).prop_map(Some), 1 => Just(None)];
            (
                Just((kind, horizontal, width, title, cats, decimals)),
                prop::collection::vec((value.clone(), value), n),
            )
        })
        .prop_map(
            |((kind, horizontal, width, title, cats, decimals), values)| {
                let values = values
                    .into_iter()
                    .map(|(a, b)| match kind {
                        // A stack cannot show a missing value; a range needs both ends in order.
                        "stacked_bar" => (Some(a.unwrap_or(1.0)), Some(b.unwrap_or(2.0))),
                        "range" => {
                            let (a, b) = (a.unwrap_or(0.5), b.unwrap_or(1.5));
                            (Some(a.min(b)), Some(a.max(b)))
                        }
                        "bar" => (Some(a.unwrap_or(3.0)), b),
                        _ => (a, b),
                    })
                    .collect();
                Case {
                    kind,
                    horizontal,
                    width,
                    title,
                    cats: cats.into_iter().collect(),
                    values,
                    decimals,
                }
            },
        )
}

fn cell(v: Option<f64>, decimals: usize) -> String {
    v.map_or(String::new(), |v| format!("{v:.decimals$}"))
}

fn project(c: &Case) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("cat,a,b,year\n");
    for (i, (cat, (a, b))) in c.cats.iter().zip(&c.values).enumerate() {
        csv.push_str(&format!(
            "{cat},{},{},{}\n",
            cell(*a, c.decimals),
            cell(*b, c.decimals),
            2000 + i
        ));
    }
    std::fs::create_dir(dir.path().join("data")).unwrap();
    std::fs::write(dir.path().join("data/d.csv"), csv).unwrap();
    let body = match c.kind {
        "bar" => "x = { field = \"cat\" }\ny = { field = \"a\" }\n".to_string(),
        "grouped_bar" | "stacked_bar" => {
            "x = { field = \"cat\" }\nseries = [{ field = \"a\" }, { field = \"b\" }]\n".to_string()
        }
        // A line's x is a number or a year (text x values are an error).
        "line" => {
            "x = { field = \"year\", type = \"temporal\" }\nseries = [{ field = \"a\" }, { field = \"b\" }]\n".to_string()
        }
        "range" => {
            "x = { field = \"cat\" }\nranges = [{ low = \"a\", high = \"b\", label = \"R\" }]\n"
                .to_string()
        }
        "table" => {
            "columns = [{ field = \"cat\" }, { field = \"a\" }, { field = \"b\" }]\n".to_string()
        }
        _ => "field = \"cat\"\n".to_string(),
    };
    let orient = if c.horizontal && c.kind.ends_with("bar") {
        "orientation = \"horizontal\"\n"
    } else {
        ""
    };
    let spec = format!(
        "[report]\ntitle = \"Property\"\n\n[[chart]]\nid = \"p\"\nkind = \"{}\"\ntitle = \"{}\"\ndata = \"data/d.csv\"\nwidth = {}\nsource = \"Generated\"\n{orient}{body}",
        c.kind, c.title, c.width
    );
    std::fs::write(dir.path().join("charts.toml"), spec).unwrap();
    dir
}

proptest! {
    // 48 cases by default; PROPTEST_CASES=1000 for a longer search.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_valid_specs_always_render(c in case()) {
        let dir = project(&c);
        let loaded = chartbook::spec::load(&dir.path().join("charts.toml"));
        let loaded = match loaded {
            Ok(l) => l,
            Err(e) => {
                let msgs: Vec<String> = e.iter().map(|d| d.to_string()).collect();
                return Err(TestCaseError::fail(format!("a valid spec was rejected:\n{}", msgs.join("\n"))));
            }
        };
        for chart in &loaded.spec.charts {
            let fig = chartbook::model::layout(chart, &chartbook::model::Context::of(&loaded.spec));
            for l in fig.labels() {
                let b = l.bbox();
                prop_assert!(
                    b.0 >= -0.5 && b.1 >= -0.5 && b.2 <= fig.width + 0.5 && b.3 <= fig.height + 0.5,
                    "`{}` leaves the {}x{} canvas at {:?}", l.text, fig.width, fig.height, b
                );
            }
            let r = chartbook::output::render_chart(chart, &chartbook::model::Context::of(&loaded.spec), Some(36), true);
            prop_assert!(r.is_ok(), "{:?}", r.err());
        }
        let rendered: Vec<_> = loaded
            .spec
            .charts
            .iter()
            .map(|c| chartbook::output::render_chart(c, &chartbook::model::Context::of(&loaded.spec), None, true).unwrap())
            .collect();
        let pdf = chartbook::output::report(&loaded, rendered.iter().map(|r| r.figure.clone()).collect::<Vec<_>>(), &chartbook::BuildOptions::default(), "charts.toml");
        prop_assert!(pdf.is_ok());
    }
}
