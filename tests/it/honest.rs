//! The rules that keep a chart from claiming more than its data, one test each, on the golden
//! cases that draw them (tests/cases): a gap not joined, a band of bounds and a stated range,
//! a two-point line drawn as a slope, a bound drawn apart from a real value of the same size,
//! drawn legends, a grey remainder, 3:1 contrast for every mark.

use std::path::Path;

use chartbook::model::figure::{Figure, Item, Role};
use chartbook::spec::{Color, Kind, Spec};

/// The spec of golden case `name`.
fn case(name: &str) -> Spec {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/cases/{name}/charts.toml"));
    chartbook::spec::load(&p)
        .unwrap_or_else(|d| panic!("{name}: {d:?}"))
        .spec
}

fn figure(spec: &Spec) -> Figure {
    chartbook::model::layout(&spec.charts[0], &chartbook::model::Context::of(spec))
}

fn texts(f: &Figure, role: Role) -> Vec<String> {
    f.items
        .iter()
        .filter_map(|i| match i {
            Item::Text(l) if l.role == role => Some(l.text.clone()),
            _ => None,
        })
        .collect()
}

/// Every text of the figure, whatever its role.
fn all_text(f: &Figure) -> String {
    f.items
        .iter()
        .filter_map(|i| match i {
            Item::Text(l) => Some(l.text.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The x of a year on the chart, from its tick label.
fn tick_x(f: &Figure, year: &str) -> f64 {
    f.items
        .iter()
        .find_map(|i| match i {
            Item::Text(l) if l.role == Role::Tick && l.text == year => Some(l.x),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no tick {year}"))
}

fn series_lines(f: &Figure, color: Color) -> Vec<Vec<(f64, f64)>> {
    f.items
        .iter()
        .filter_map(|i| match i {
            // (A flat line is a band's edge, not the series.)
            Item::Line { points, stroke }
                if stroke.color == color
                    && points.len() >= 2
                    && points.iter().any(|p| (p.1 - points[0].1).abs() > 1e-6) =>
            {
                Some(points.clone())
            }
            _ => None,
        })
        .collect()
}

#[test]
fn a_line_never_crosses_years_the_data_do_not_give() {
    let spec = case("line-gaps");
    let f = figure(&spec);
    let blue = spec.theme.colors(&["x"])[0];
    // 2000–2002 are joined; nothing joins 2002 to the bounds, nor 2008 to 2014.
    let (x2002, x2008) = (tick_x(&f, "2002"), tick_x(&f, "2008"));
    for l in series_lines(&f, blue) {
        let (a, b) = (l[0].0, l[l.len() - 1].0);
        assert!(
            b <= x2002 + 0.5 || a >= x2008 - 0.5,
            "a line joins across a gap: {l:?}"
        );
        assert!(
            !(a < x2008 - 0.5 && b > x2008 + 0.5),
            "a line through 2008: {l:?}"
        );
    }
    assert!(
        !series_lines(&f, blue).is_empty(),
        "consecutive years are joined"
    );
    // The periods without figures are marked and named, and the key says what the mark is.
    let all = all_text(&f);
    assert!(
        texts(&f, Role::Value).iter().any(|t| t == "no figure"),
        "{all}"
    );
    assert!(
        texts(&f, Role::Legend)
            .iter()
            .any(|t| t == "no figure in the source"),
        "{all}"
    );
    // No prose key under the chart.
    assert!(!all.contains("Key:"), "{all}");
}

#[test]
fn join_gaps_draws_a_dotted_line_that_the_key_explains() {
    let spec = case("line-join-gaps");
    let f = figure(&spec);
    let dotted = f.items.iter().any(|i| {
        matches!(i, Item::Line { points, stroke } if stroke.dash.is_some() && points.len() == 2)
    });
    assert!(dotted, "a dotted line joins across the gap");
    assert!(texts(&f, Role::Legend)
        .iter()
        .any(|t| t == "joined across years without figures"));
    assert!(!texts(&f, Role::Value).iter().any(|t| t == "no figure"));
}

#[test]
fn a_run_of_bounds_is_a_band_and_a_stated_range_over_years_is_a_band() {
    let spec = case("line-gaps");
    let f = figure(&spec);
    // "<50" in 2003, 2004 and 2005: one band, labelled once, no triangle per year.
    let values = texts(&f, Role::Value);
    assert_eq!(
        values.iter().filter(|t| t.starts_with("<50")).count(),
        1,
        "{values:?}"
    );
    assert!(values.contains(&"<50 a year".to_string()), "{values:?}");
    let (x2003, x2005) = (
        tick_x(&f, "2002") + (tick_x(&f, "2004") - tick_x(&f, "2002")) / 2.0,
        tick_x(&f, "2004") + (tick_x(&f, "2006") - tick_x(&f, "2004")) / 2.0,
    );
    let band = f.items.iter().any(|i| match i {
        Item::Rect { x, w, .. } => {
            (*x - (x2003 - (x2005 - x2003) / 4.0)).abs() < 2.0
                && (x + w - (x2005 + (x2005 - x2003) / 4.0)).abs() < 2.0
        }
        _ => false,
    });
    assert!(band, "a band from 2002.5 to 2005.5");
    assert!(
        !f.items.iter().any(|i| matches!(i, Item::Polygon { .. })),
        "no triangles in a band"
    );
    // x = [2010, 2014], y = [300, 360]: a band and its words.
    let anns = texts(&f, Role::Annotation);
    assert!(
        anns.contains(&"300–360 a year since 2010 (text)".to_string()),
        "{anns:?}"
    );
    let (x2010, x2014) = (tick_x(&f, "2010"), tick_x(&f, "2014"));
    assert!(f.items.iter().any(|i| matches!(i, Item::Rect { x, w, stroke: Some(_), .. } if (*x - x2010).abs() < 0.5 && (x + w - x2014).abs() < 0.5)));
}

#[test]
fn a_two_point_line_is_a_slope_with_no_year_axis() {
    let spec = case("two-point-line");
    assert_eq!(spec.charts[0].kind(), Kind::Slope);
    let f = figure(&spec);
    // The two surveys head two columns; no tick of a year axis between them.
    let cats = texts(&f, Role::Category);
    assert_eq!(cats, ["2005", "2017"]);
    assert!(texts(&f, Role::Tick).iter().all(|t| t != "2010"));
}

#[test]
fn a_bound_is_a_marker_at_the_bound_not_a_bar_of_a_real_value() {
    let spec = case("censored-bars");
    let f = figure(&spec);
    // Cannabis is a real 0.1 %: a bar. Heroin is "<0.1": no bar, a hollow triangle whose tip
    // is at the 0.1 % bar's end, labelled "<0.1%".
    let bars: Vec<(f64, f64, f64)> = f
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Rect {
                x,
                y,
                w,
                fill: Some(c),
                ..
            } if *c != f.paper && *w > 1.0 => Some((*x, *y, *w)),
            _ => None,
        })
        .collect();
    let tri: Vec<&Vec<(f64, f64)>> = f
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Polygon {
                points,
                fill: Some(c),
                ..
            } if *c == f.paper => Some(points),
            _ => None,
        })
        .collect();
    assert_eq!(bars.len(), 2, "Cannabis and Any drug are bars: {bars:?}");
    // One triangle in the plot, one in the key.
    assert_eq!(tri.len(), 2, "{tri:?}");
    let cannabis_end = bars[0].0 + bars[0].2;
    let plot_tri = tri.iter().max_by(|a, b| a[0].1.total_cmp(&b[0].1)).unwrap();
    let tip = plot_tri.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
    let back = plot_tri
        .iter()
        .map(|p| p.0)
        .fold(f64::NEG_INFINITY, f64::max);
    assert!(
        tip < cannabis_end && back > cannabis_end,
        "the triangle straddles the bound at {cannabis_end}: {plot_tri:?}"
    );
    let values = texts(&f, Role::Value);
    assert!(
        values.contains(&"<0.1%".to_string()) && values.contains(&"0.1%".to_string()),
        "{values:?}"
    );
    assert!(texts(&f, Role::Legend)
        .iter()
        .any(|t| t.contains("only an upper bound")));
    // The bars the theme names are in their colours, the rest neutral grey.
    let fills: Vec<Color> = f
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Rect {
                fill: Some(c), w, ..
            } if *c != f.paper && *w > 1.0 => Some(*c),
            _ => None,
        })
        .collect();
    assert_eq!(fills, [Color(0xB8, 0x7F, 0x00), spec.theme.neutral]);
}

#[test]
fn legends_are_drawn_and_a_remainder_is_neutral_grey() {
    let spec = case("remainder");
    let f = figure(&spec);
    assert_eq!(texts(&f, Role::Legend), ["Drug A", "Drug B", "Other drugs"]);
    // Each legend entry has its swatch, the remainder's in the theme's neutral grey.
    let swatches: Vec<Color> = f
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Rect {
                fill: Some(c),
                w,
                h,
                ..
            } if (*w - *h).abs() < 0.01 && *w < 20.0 && *c != f.paper => Some(*c),
            _ => None,
        })
        .collect();
    assert_eq!(swatches.len(), 3, "{swatches:?}");
    assert_eq!(swatches[2], spec.theme.neutral);
    assert_ne!(swatches[0], spec.theme.neutral);
    // The remainder's segment is grey too: 25.9 % of the bar.
    assert!(texts(&f, Role::Value).contains(&"25.9%".to_string()));
    assert!(!all_text(&f).contains("Key:"));
}

#[test]
fn a_reference_value_is_a_tick_named_in_the_key() {
    let spec = case("range-reference");
    let f = figure(&spec);
    assert!(texts(&f, Role::Legend).contains(&"Everyone, lifetime".to_string()));
    let ink = spec.theme.ink;
    let ticks = f
        .items
        .iter()
        .filter(|i| matches!(i, Item::Line { points, stroke } if stroke.color == ink && points[0].0 == points[1].0))
        .count();
    // Two categories have a reference value, and the key has a sample.
    assert_eq!(ticks, 3);
}

#[test]
fn every_mark_keeps_three_to_one_against_the_background() {
    for name in [
        "line-gaps",
        "censored-bars",
        "remainder",
        "two-point-line",
        "range-reference",
    ] {
        let spec = case(name);
        let f = figure(&spec);
        for i in &f.items {
            let (fill, stroke) = match i {
                Item::Circle { fill, stroke, .. } | Item::Polygon { fill, stroke, .. } => {
                    (*fill, stroke.as_ref().map(|s| s.color))
                }
                _ => continue,
            };
            for c in [fill, stroke]
                .into_iter()
                .flatten()
                .filter(|c| *c != f.paper)
            {
                assert!(
                    c.contrast(f.paper) >= 3.0,
                    "{name}: a mark in {c:?} has {:.2}:1",
                    c.contrast(f.paper)
                );
            }
        }
        // Series colours (palette orange included) are drawn at 3:1 or more.
        for c in chartbook::model::series_colors(&spec.charts[0], &spec.theme) {
            assert!(c.contrast(spec.theme.paper) >= 3.0, "{name}: {c:?}");
        }
    }
}
