//! The figure model: scales, ticks, number formats and the layout of each chart kind into a
//! backend-neutral [`figure::Figure`]. No plotters and no I/O here.

pub mod bar;
pub mod collide;
pub mod describe;
pub mod figure;
pub mod format;
pub mod frame;
pub mod line;
pub mod range;
pub mod scale;
pub mod table;
pub mod textbox;

use crate::data::{Cell, Row};
use crate::spec::{Chart, Color, Kind, Theme};
use figure::Figure;

/// Lays out one checked chart, collisions resolved (see [`collide`]).
pub fn layout(chart: &Chart, theme: &Theme) -> Figure {
    layout_with_fixes(chart, theme).0
}

/// Lays out one checked chart and says what the collision step had to change.
pub fn layout_with_fixes(chart: &Chart, theme: &Theme) -> (Figure, Vec<collide::Fix>) {
    let (items, width, height) = match chart.kind {
        Kind::Bar | Kind::GroupedBar | Kind::StackedBar => bar::layout(chart, theme),
        Kind::Line => line::layout(chart, theme),
        Kind::Range => range::layout(chart, theme),
        Kind::Table => table::layout(chart, theme),
        Kind::Text => textbox::layout(chart, theme),
    };
    let mut fig = Figure {
        width,
        height,
        paper: theme.paper,
        items,
        title: chart.title.clone(),
        desc: describe::describe(chart),
        shortened: Vec::new(),
    };
    let fixes = collide::resolve(&mut fig);
    (fig, fixes)
}

/// The label of a row's category: the x cell as text (numbers in the x axis format).
pub fn category(chart: &Chart, row: &Row) -> String {
    let Some(f) = chart.x.field else {
        return String::new();
    };
    match row.cells.get(f) {
        Some(Cell::Text(t)) => t.clone(),
        Some(c @ (Cell::Number { .. } | Cell::Approx { .. } | Cell::Censored { .. })) => {
            let d = c.decimals().unwrap_or(0);
            chart.x.format.number(c.position().unwrap_or(0.0), d)
        }
        _ => String::new(),
    }
}

/// The secondary label of a row, if the chart has one and the cell has a value.
pub fn secondary(chart: &Chart, row: &Row) -> Option<String> {
    let l = chart.label.as_ref()?;
    match row.cells.get(l.col)? {
        Cell::Missing(_) => None,
        Cell::Text(t) => Some(format!("{}{t}{}", l.format.prefix, l.format.suffix)),
        c => l.format.cell(c),
    }
}

/// A cell of a row (missing when the row is short, which validation prevents).
pub fn cell(row: &Row, col: usize) -> &Cell {
    static EMPTY: Cell = Cell::Missing(crate::data::Missing::Empty);
    row.cells.get(col).unwrap_or(&EMPTY)
}

/// `c` mixed with white: `t = 0` is `c`, `t = 1` is white.
pub fn tint(c: Color, t: f64) -> Color {
    let m = |v: u8| {
        (f64::from(v) + (255.0 - f64::from(v)) * t)
            .round()
            .clamp(0.0, 255.0) as u8
    };
    Color(m(c.0), m(c.1), m(c.2))
}

/// The automatic notes a chart needs to explain its marks.
pub fn auto_notes(chart: &Chart, cols: &[usize]) -> Vec<String> {
    let points = matches!(chart.kind, crate::spec::Kind::Line);
    let (mut censored, mut missing, mut approx) = (false, false, false);
    for row in &chart.data.rows {
        for &c in cols {
            match cell(row, c) {
                Cell::Censored { .. } => censored = true,
                Cell::Missing(_) => missing = true,
                Cell::Approx { .. } => approx = true,
                _ => {}
            }
        }
    }
    let w = chart.lang.words();
    let mut keys = Vec::new();
    if censored {
        keys.push(if points {
            w.hollow_triangles
        } else {
            w.hollow_bars
        });
    }
    if approx {
        keys.push(if points {
            w.hollow_circles
        } else {
            w.light_bars
        });
    }
    if missing {
        keys.push(w.no_data_key);
    }
    keys.into_iter().map(str::to_string).collect()
}
