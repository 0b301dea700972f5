//! The HTML edition: what it writes besides the SVGs (`index.html`, each figure laid out
//! again at a phone's width, each chart's data as CSV) and where; the page itself is
//! [`page`]'s.

pub mod page;

use crate::data::{Bound, Cell, Missing};
use crate::spec::Chart;

/// The page, in the edition's folder.
pub const FILE: &str = "index.html";
/// The folder of the phone-width figures (`phone/<id>.svg`).
pub const PHONE_DIR: &str = "phone/";
/// The folder of the charts' data (`data/<id>.csv`).
pub const DATA_DIR: &str = "data/";
/// The width, in CSS px, a figure is laid out at for phones: a 375 px screen, across which
/// the page shows it edge to edge (the figure's own margins stand in for the page's).
pub const PHONE_WIDTH: f64 = 375.0;
/// The widest screen that is shown the phone layout.
pub const PHONE_MAX_SCREEN: u32 = 600;

/// The chart laid out again for a phone: the phone's width, and small multiples at most two
/// panels across. Type sizes stay: the page shows the figure at its own size, not scaled.
pub fn phone_chart(chart: &Chart) -> Chart {
    let mut c = chart.clone();
    // A print figure is laid out again for the screen, at the phone's width.
    c.width = if chart.physical {
        PHONE_WIDTH
    } else {
        PHONE_WIDTH.min(chart.width)
    };
    c.physical = false;
    if let Some(f) = &mut c.facet {
        f.columns = f.columns.min(2);
    }
    c
}

/// The chart's data as it was checked (after any `transform` steps), every column, each cell
/// as the source wrote it (`<0.1`, `~15000`), missing values empty: what a reader downloads.
pub fn csv(chart: &Chart) -> Result<Vec<u8>, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| format!("cannot write the data as CSV: {e}");
    w.write_record(&chart.data.headers).map_err(err)?;
    for r in &chart.data.rows {
        w.write_record(r.cells.iter().map(cell_text)).map_err(err)?;
    }
    w.into_inner()
        .map_err(|e| format!("cannot write the data as CSV: {}", e.error()))
}

/// A cell as a CSV reader (and chartbook itself) reads it back.
fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Number { value, decimals } => format!("{value:.*}", usize::from(*decimals)),
        Cell::Approx { value, decimals } => format!("~{value:.*}", usize::from(*decimals)),
        Cell::Censored {
            bound,
            value,
            decimals,
        } => {
            let sign = match bound {
                Bound::Below => '<',
                Bound::Above => '>',
            };
            format!("{sign}{value:.*}", usize::from(*decimals))
        }
        Cell::Missing(Missing::Empty | Missing::Dash) => String::new(),
        Cell::Date { text, .. } => text.clone(),
        Cell::Text(t) => t.clone(),
    }
}

/// What the page is made from, for the manifest: its own bytes and the tool.
pub fn inputs(page: &str) -> String {
    super::manifest::hash_parts(&[super::manifest::TOOL, "html", page])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_written_as_the_source_wrote_them() {
        let n = |value, decimals| Cell::Number { value, decimals };
        assert_eq!(cell_text(&n(7.0, 1)), "7.0");
        assert_eq!(cell_text(&n(-1234.5, 1)), "-1234.5");
        assert_eq!(cell_text(&n(19937.0, 0)), "19937");
        assert_eq!(
            cell_text(&Cell::Censored {
                bound: Bound::Below,
                value: 0.1,
                decimals: 1
            }),
            "<0.1"
        );
        assert_eq!(
            cell_text(&Cell::Approx {
                value: 15000.0,
                decimals: 0
            }),
            "~15000"
        );
        assert_eq!(cell_text(&Cell::Missing(Missing::Dash)), "");
        assert_eq!(cell_text(&Cell::Text("a, \"b\"".into())), "a, \"b\"");
    }
}
