//! Layout properties of the briefing's handout, on both paper sizes.

use super::*;
use crate::fonts;
use crate::spec::Kind;

fn briefing(page: PageSize) -> (Spec, Vec<Option<(f64, f64)>>) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut loaded = match crate::spec::load(&root.join("charts.toml")) {
        Ok(l) => l,
        Err(e) => panic!("the briefing spec loads: {e:?}"),
    };
    loaded.spec.report.page = page;
    let figs = loaded
        .spec
        .charts
        .iter()
        .map(|c| match c.kind() {
            Kind::Table | Kind::Text => None,
            _ => {
                let f = crate::model::layout(c, &crate::model::Context::of(&loaded.spec));
                Some((f.width, f.height))
            }
        })
        .collect();
    (loaded.spec, figs)
}

fn text_right(it: &PItem) -> Option<(f64, f64, f64, &str)> {
    match it {
        PItem::Text {
            x,
            y,
            size,
            face,
            text,
            ..
        } => Some((*x, x + fonts::text_width(text, *size, *face), *y, text)),
        _ => None,
    }
}

#[test]
fn nothing_crosses_the_margins() {
    for page in [PageSize::A4, PageSize::Letter] {
        let (spec, figs) = briefing(page);
        let doc = layout(&spec, &figs, &[]);
        let geo = Geometry::of(page);
        for (n, p) in doc.pages.iter().enumerate() {
            for it in &p.items {
                if let Some((l, r, y, t)) = text_right(it) {
                    assert!(
                        l >= geo.left - 0.01 && r <= geo.right + 0.01,
                        "page {n}: `{t}` at {l}..{r}"
                    );
                    assert!(
                        y >= geo.top && y <= geo.height - 20.0,
                        "page {n}: `{t}` at y {y}"
                    );
                    if y > geo.bottom {
                        assert!(
                            y >= geo.footer_y() - 0.01,
                            "page {n}: `{t}` in the foot margin"
                        );
                    }
                }
                if let PItem::Figure { x, y, w, h, .. } = it {
                    // Only the figure's own white margin may reach into the page margin.
                    assert!(
                        *x >= geo.left - 20.0 && x + w <= geo.right + 20.0,
                        "page {n}"
                    );
                    assert!(
                        *y >= geo.top - 20.0 && y + h <= geo.bottom + 1.0,
                        "page {n}"
                    );
                }
            }
        }
    }
}

#[test]
fn every_chart_is_in_the_outline_and_the_contents_in_order() {
    let (spec, figs) = briefing(PageSize::A4);
    let doc = layout(&spec, &figs, &[]);
    let labels = labels::assign(&spec.charts, spec.lang());
    let charts: Vec<&Mark> = doc.outline.iter().filter(|m| m.level == 2).collect();
    assert_eq!(charts.len(), spec.charts.len());
    for ((m, c), l) in charts.iter().zip(&spec.charts).zip(&labels) {
        assert_eq!(m.title, format!("{l}: {}", c.title));
    }
    // One link per contents line, each to the page and place of its mark.
    assert_eq!(doc.links.len(), doc.outline.len() - 1);
    for (l, m) in doc.links.iter().zip(&doc.outline[1..]) {
        assert_eq!((l.to_page, l.to_y), (m.page, m.y));
        assert_eq!(l.page, 1, "all on the contents page");
    }
    let pages: Vec<usize> = doc.outline.iter().map(|m| m.page).collect();
    assert!(pages.windows(2).all(|w| w[0] <= w[1]), "{pages:?}");
    assert!(pages.iter().all(|&p| p < doc.pages.len()));
    // The contents print each chart's page number (1-based) on the line of its label.
    let toc: Vec<&PItem> = doc.pages[1].items.iter().collect();
    for (m, l) in charts.iter().zip(&labels).take(5) {
        let y = toc.iter().find_map(|it| match it {
            PItem::Text { text, y, .. } if text == l => Some(*y),
            _ => None,
        });
        let y = y.unwrap_or_else(|| panic!("`{l}` in the contents"));
        let nums: Vec<&str> = toc
            .iter()
            .filter_map(|it| match it {
                PItem::Text { text, y: ty, .. }
                    if *ty >= y - 0.01 && text.parse::<usize>().is_ok() =>
                {
                    Some(text.as_str())
                }
                _ => None,
            })
            .collect();
        assert_eq!(
            nums.first().copied(),
            Some((m.page + 1).to_string().as_str()),
            "{l}"
        );
    }
}

#[test]
fn labels_follow_the_paper_and_number_the_rest() {
    let (spec, _) = briefing(PageSize::A4);
    let labels = labels::assign(&spec.charts, spec.lang());
    let by_id = |id: &str| {
        spec.charts
            .iter()
            .position(|c| c.id == id)
            .map(|i| labels[i].clone())
    };
    assert_eq!(by_id("table1-prevalence-intl").as_deref(), Some("Table 1"));
    assert_eq!(by_id("fig1-meth-arrests").as_deref(), Some("Figure 1a"));
    assert_eq!(by_id("fig1-nps-arrests").as_deref(), Some("Figure 1b"));
    assert_eq!(by_id("box1-recommendations").as_deref(), Some("Box 1"));
    assert_eq!(by_id("drug-laws").as_deref(), Some("Table A"));
    let mut sorted = labels.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), labels.len(), "labels are unique: {labels:?}");
}

#[test]
fn no_kicker_ends_a_page() {
    for page in [PageSize::A4, PageSize::Letter] {
        let (spec, figs) = briefing(page);
        let doc = layout(&spec, &figs, &[]);
        for (n, p) in doc.pages.iter().enumerate().skip(2) {
            for it in &p.items {
                if let PItem::Text {
                    y,
                    color,
                    size,
                    text,
                    ..
                } = it
                {
                    if *color == style::ACCENT && *size == style::KICKER {
                        let below = p.items.iter().any(|o| match o {
                            PItem::Figure { y: fy, h, .. } => fy + h > y + 20.0,
                            PItem::Text {
                                y: ty, size: ts, ..
                            } => *ts >= style::CELL && *ty > y + 5.0 && *ty < y + 60.0,
                            _ => false,
                        });
                        assert!(below, "page {n}: `{text}` has nothing under it");
                    }
                }
            }
        }
    }
}

#[test]
fn footer_numbers_every_page_but_the_title() {
    let (spec, figs) = briefing(PageSize::A4);
    let doc = layout(&spec, &figs, &[]);
    let total = doc.pages.len();
    assert!(total >= 8, "{total} pages");
    for (i, p) in doc.pages.iter().enumerate() {
        let want = format!("Page {} of {total}", i + 1);
        let has = p
            .items
            .iter()
            .any(|it| matches!(it, PItem::Text { text, .. } if *text == want));
        assert_eq!(has, i > 0, "page {}", i + 1);
    }
}

#[test]
fn a_box_item_or_table_row_longer_than_a_page_breaks_between_lines() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let long = "word ".repeat(1500);
    let csv = format!("text,n\n\"{long}\",1\nshort,2\n");
    std::fs::create_dir(dir.path().join("data")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("data/t.csv"), csv).unwrap_or_else(|e| panic!("{e}"));
    let spec = "[report]\ntitle = \"T\"\n\
        [[chart]]\nid = \"b\"\nkind = \"text\"\ntitle = \"Box\"\ndata = \"data/t.csv\"\nfield = \"text\"\nsource = \"S\"\n\
        [[chart]]\nid = \"t\"\nkind = \"table\"\ntitle = \"Table\"\ndata = \"data/t.csv\"\nsource = \"S\"\n\
        columns = [{ field = \"text\" }, { field = \"n\" }]\n";
    std::fs::write(dir.path().join("charts.toml"), spec).unwrap_or_else(|e| panic!("{e}"));
    let loaded = match crate::spec::load(&dir.path().join("charts.toml")) {
        Ok(l) => l,
        Err(e) => panic!("{e:?}"),
    };
    let doc = layout(&loaded.spec, &[None, None], &[]);
    let geo = Geometry::of(PageSize::A4);
    let words: usize = doc
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|it| match it {
            PItem::Text { text, y, .. } if text.starts_with("word") => {
                assert!(
                    *y > geo.top && *y < geo.bottom,
                    "a line at {y} leaves the text area"
                );
                Some(text.split_whitespace().count())
            }
            _ => None,
        })
        .sum();
    assert_eq!(words, 3000, "every word of both copies is placed once");
    assert!(doc.pages.len() >= 6);
}

/// Every text line of the briefing's handout is content or page furniture: none is left
/// untagged, so none silently becomes an artifact a screen reader skips.
#[test]
fn every_text_line_is_tagged() {
    let (spec, figs) = briefing(PageSize::A4);
    let doc = crate::handout::layout(&spec, &figs, &[]);
    let mut content = 0;
    for p in &doc.pages {
        for it in &p.items {
            if let PItem::Text { tag, text, .. } = it {
                assert!(
                    *tag != crate::handout::Tag::Layout,
                    "untagged text {text:?}"
                );
                content += usize::from(matches!(tag, crate::handout::Tag::Path(_)));
            }
        }
    }
    assert!(content > 300, "{content}");
    assert!(doc.links.iter().all(|l| !l.alt.is_empty()));
}
