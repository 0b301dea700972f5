//! Colour over every chart of the briefing, in both languages, in the house and the print theme: each pair of
//! series colours stays distinguishable for normal vision and under simulated protanopia,
//! deuteranopia and tritanopia (CIEDE2000 at least `MIN_DELTA_E`), and a greyscale copy still
//! separates the series, by lightness or by hatching. And `validate` warns of a palette that
//! fails.

use std::path::Path;
use std::process::Command;

use chartbook::spec::vision::{self, Vision};
use chartbook::spec::{Chart, Color, Kind, Theme};

fn series_colors(chart: &Chart, theme: &Theme) -> Vec<Color> {
    chartbook::model::series_colors(chart, theme)
}

fn problems(theme: &Theme) -> Vec<String> {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("charts.toml");
    let loaded = chartbook::load(&spec).expect("the briefing loads");
    let mut out = Vec::new();
    let mut pairs = 0;
    assert!(!loaded.spec.editions.is_empty());
    let all = std::iter::once(&loaded.spec).chain(loaded.spec.editions.iter());
    for chart in all.flat_map(|e| e.charts.iter()) {
        let colors = series_colors(chart, theme);
        pairs += colors.len() * colors.len().saturating_sub(1) / 2;
        for c in vision::clashes(&colors) {
            out.push(format!(
                "{}: series {} and {} differ by only {:.1} for {}",
                chart.id,
                c.a,
                c.b,
                c.delta_e,
                c.vision.name()
            ));
        }
        let hatched = matches!(
            chart.kind(),
            Kind::Bar | Kind::GroupedBar | Kind::StackedBar
        );
        let patterns = if hatched {
            chartbook::model::bar::series_patterns(&colors)
        } else {
            vec![0; colors.len()]
        };
        if !vision::grey_separated(&colors, &patterns) {
            out.push(format!("{}: a greyscale copy merges two series", chart.id));
        }
        // What the figure draws: a hatched series has its hatching in the SVG model.
        if patterns.iter().any(|&p| p > 0) {
            let fig = chartbook::model::layout(
                chart,
                &chartbook::model::Context {
                    theme,
                    lang: Default::default(),
                    source: None,
                    panel: false,
                    plot_x: None,
                    svg_text: Default::default(),
                    page: Default::default(),
                },
            );
            let hatch_lines = fig
                .items
                .iter()
                .filter(|i| matches!(i, chartbook::model::figure::Item::Line { stroke, .. } if stroke.color == theme.paper))
                .count();
            if hatch_lines == 0 {
                out.push(format!("{}: hatching was assigned but not drawn", chart.id));
            }
        }
    }
    assert!(pairs >= 10, "only {pairs} colour pairs were checked");
    out
}

#[test]
fn every_briefing_chart_is_colour_blind_safe_and_greyscale_safe_in_the_house_theme() {
    let p = problems(&Theme::house());
    assert!(p.is_empty(), "{}", p.join("\n"));
}

#[test]
fn every_briefing_chart_is_colour_blind_safe_and_greyscale_safe_in_the_print_theme() {
    let p = problems(&Theme::print());
    assert!(p.is_empty(), "{}", p.join("\n"));
}

#[test]
fn the_simulations_tell_the_three_deficiencies_apart() {
    // A red and a green of one lightness: only deuteranopia (and nearly protanopia) merges them.
    let (red, green) = (Color(0xCC, 0x44, 0x44), Color(0x55, 0x88, 0x22));
    let d = |v| vision::delta_e(vision::seen(red, v), vision::seen(green, v));
    assert!(d(Vision::Normal) > 50.0);
    assert!(d(Vision::Deuteranopia) < 5.0);
    assert!(d(Vision::Tritanopia) > 50.0);
}

#[test]
fn validate_warns_of_a_palette_that_fails() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("data")).unwrap();
    std::fs::write(
        dir.path().join("data/a.csv"),
        "year,a,b,c\n2014,1,2,3\n2015,2,3,4\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("charts.toml"),
        "[report]\ntitle = \"T\"\n\n[theme]\npalette = [\"#CC4444\", \"#558822\"]\n\n[[chart]]\nid = \"lines\"\nkind = \"line\"\ntitle = \"A and B\"\ndata = \"data/a.csv\"\nx = { field = \"year\", type = \"temporal\" }\nseries = [{ field = \"a\" }, { field = \"b\" }, { field = \"c\" }]\nsource = \"Test\"\n",
    )
    .unwrap();
    let validate = || {
        Command::new(env!("CARGO_BIN_EXE_chartbook"))
            .current_dir(dir.path())
            .arg("validate")
            .output()
            .unwrap()
    };
    let out = validate();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "warnings do not fail validation: {err}"
    );
    for want in [
        "warning: the palette has 2 colour(s) but a chart draws 3 series (chart `lines`)",
        "warning: palette colours 1 (#CC4444) and 2 (#558822) are hard to tell apart with deuteranopia",
        "print as nearly the same grey",
        "--> charts.toml:5:11",
    ] {
        assert!(err.contains(want), "missing `{want}` in:\n{err}");
    }
    // A colour with less than 3:1 against the background: its marks are drawn darker, and
    // validate says so, naming the shade drawn.
    let toml = std::fs::read_to_string(dir.path().join("charts.toml")).unwrap();
    let with = |palette: &str| {
        std::fs::write(
            dir.path().join("charts.toml"),
            toml.replace("palette = [\"#CC4444\", \"#558822\"]", palette),
        )
        .unwrap();
        let out = validate();
        String::from_utf8_lossy(&out.stderr).to_string()
    };
    let err = with("palette = [\"#0072B2\", \"#E69F00\", \"#000000\"]");
    assert!(
        err.contains("warning: palette colour 2 #E69F00 has 2.25:1 contrast against the background #FFFFFF; its lines and dots need 3:1 (WCAG 1.4.11), so they are drawn in #C68900"),
        "{err}"
    );
    assert!(
        err.contains("hint: choose a darker colour, such as #C68900"),
        "{err}"
    );
    assert_eq!(err.matches("warning").count(), 1, "{err}");
    // Three colours that differ for everyone, in grey and from the paper draw no warning.
    let err = with("palette = [\"#0072B2\", \"#C68900\", \"#000000\"]");
    assert!(!err.contains("palette"), "{err}");
}
