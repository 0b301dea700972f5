//! A `table` chart: its fields and its own rules. The data's columns (or the ones `columns`
//! names) as a table typeset as text, each with its title, alignment, width and format.

use super::rules::{Parts, Rules, AS_TEXT};
use super::*;
use crate::data::Cell;
use crate::model::format::{NumFormat, NumStyle};
use crate::spec::kind::{KindBody, Words};

/// `table`: the data's columns as a table.
#[derive(Debug, Clone)]
pub struct TableChart {
    pub columns: Vec<Column>,
}

/// Horizontal alignment of a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Center,
}

/// A table column.
#[derive(Debug, Clone)]
pub struct Column {
    pub col: usize,
    pub title: String,
    pub align: Align,
    /// Relative width; `None` sizes the column from its content.
    pub width: Option<f64>,
    pub format: NumFormat,
}

impl KindBody for TableChart {
    fn kind(&self) -> Kind {
        Kind::Table
    }
    fn formats_mut(&mut self) -> Vec<&mut NumFormat> {
        self.columns.iter_mut().map(|c| &mut c.format).collect()
    }
    fn translate(&mut self, tr: &mut dyn Words) {
        for col in &mut self.columns {
            col.title = tr.text(&col.title);
            col.format = tr.format(&col.format);
        }
    }
}

pub(crate) const RULES: Rules = Rules {
    keys: &["columns"],
    build,
    ..AS_TEXT
};

fn build(v: &mut Validator, p: Parts) -> Option<Body> {
    let (t, id) = (&*p.table, p.id);
    let mut columns = Vec::new();
    match &p.raw.columns {
        Some(list) => {
            for col in list {
                let cr = col.get_ref();
                let Some(idx) = v.column(t, &cr.field, id) else {
                    continue;
                };
                let style = v.format(cr.format.as_ref(), id, NumStyle::Thousands);
                let numeric = t.column_cells(idx).all(Cell::is_numeric_or_missing);
                let default = if numeric { Align::Right } else { Align::Left };
                let align = v.keyword(
                    cr.align.as_ref(),
                    id,
                    "alignment",
                    &[
                        ("left", Align::Left),
                        ("right", Align::Right),
                        ("center", Align::Center),
                    ],
                    default,
                    "use left, right or center",
                    false,
                );
                let width = cr.width.as_ref().map(|w| *w.get_ref());
                if let (Some(w), Some(at)) = (width, &cr.width) {
                    if !(w.is_finite() && w > 0.0 && w <= 100.0) {
                        v.err(
                            at,
                            id,
                            "a column width is a relative weight between 0 and 100",
                            None,
                        );
                    }
                }
                let title = cr
                    .title
                    .clone()
                    .unwrap_or_else(|| cr.field.get_ref().clone());
                v.glyphs(col, id, &title, true);
                columns.push(Column {
                    col: idx,
                    title,
                    align,
                    width,
                    format: NumFormat::of(style),
                });
            }
        }
        None => {
            for (idx, h) in t.headers.iter().enumerate() {
                let numeric = t.column_cells(idx).all(Cell::is_numeric_or_missing);
                columns.push(Column {
                    col: idx,
                    title: h.clone(),
                    align: if numeric { Align::Right } else { Align::Left },
                    width: None,
                    format: NumFormat::default(),
                });
            }
        }
    }
    v.cell_glyphs(t, columns.iter().map(|c| c.col).collect(), id);
    Some(Body::Table(TableChart { columns }))
}
