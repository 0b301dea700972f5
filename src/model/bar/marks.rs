//! The bars of one category, drawn once for both orientations: rectangles, hatching, the
//! numbers inside stacked segments, value labels at the bars' ends, "no data" and stack totals.
//! Positions are written along the value axis and across the category's band; an
//! [`Orientation`] turns them into canvas x and y.

use super::{bar_style, label_for, stacked};
use crate::data::{Cell, Row};
use crate::fonts::{self, Face};
use crate::model::figure::{Anchor, Item, Role};
use crate::model::frame::{size, Canvas};
use crate::model::scale::Scale;
use crate::model::{cell, nth};
use crate::spec::{BarChart, Color, Grouping, Orientation, Stack};

/// Where a chart's bars go, worked out by the vertical or horizontal layout.
pub(super) struct Bands<'a> {
    pub orient: Orientation,
    /// The value scale, along the bars.
    pub vs: Scale,
    /// The canvas coordinate where the bars start (zero).
    pub zero: f64,
    /// How thick a bar is, across the band.
    pub thick: f64,
    /// The distance from one series' bar to the next, across the band.
    pub step: f64,
    /// Space left on each side of a grouped bar, so neighbours do not touch.
    pub inset: f64,
    /// The size of the value labels at the bars' ends.
    pub value_size: f64,
    /// Whether value labels and stack totals are drawn.
    pub show_values: bool,
    pub colors: &'a [Color],
    /// A one-series chart's colour for each row, when `[theme] colors` names categories
    /// (see [`super::row_colors`]); empty otherwise.
    pub by_row: Vec<Color>,
    pub patterns: &'a [u8],
    /// Whether no stack in the chart goes below zero (a diverging stack prints no totals: a net
    /// would read as the stack's length).
    pub all_positive: bool,
}

impl Bands<'_> {
    /// The canvas rectangle (x, y, w, h) from `a0` to `a1` along the value axis and from
    /// `c0`, `thick` wide, across the band.
    fn rect(&self, a0: f64, a1: f64, c0: f64, thick: f64) -> (f64, f64, f64, f64) {
        let (lo, hi) = (a0.min(a1), a0.max(a1));
        match self.orient {
            Orientation::Vertical => (c0, lo, thick, hi - lo),
            Orientation::Horizontal => (lo, c0, hi - lo, thick),
        }
    }

    /// Where a label goes outside the end of a bar at `end` along the value axis, centred on
    /// `center` across it: beyond the end, on the side the bar grows to.
    fn beyond(&self, end: f64, center: f64, negative: bool, size: f64) -> (f64, f64, Anchor) {
        match (self.orient, negative) {
            (Orientation::Vertical, false) => (center, end - 5.0, Anchor::Middle),
            (Orientation::Vertical, true) => (center, end + size + 2.0, Anchor::Middle),
            (Orientation::Horizontal, false) => (end + 5.0, center + size * 0.35, Anchor::Start),
            (Orientation::Horizontal, true) => (end - 5.0, center + size * 0.35, Anchor::End),
        }
    }

    /// Draws the bars of `row` (the `ri`th), whose band's first bar starts at `start` across
    /// the band.
    pub fn row(&self, c: &mut Canvas, b: &BarChart, row: &Row, ri: usize, start: f64) {
        let stack = stacked(b);
        // A diverging stack: positive values stack up from zero, negative ones down.
        let (mut base, mut neg) = (0.0, 0.0);
        for (si, s) in b.plot.series.iter().enumerate() {
            let color = match self.by_row.get(ri) {
                Some(own) if b.plot.series.len() == 1 => *own,
                _ => nth(self.colors, si),
            };
            let pattern = self.patterns.get(si).copied().unwrap_or(0);
            let v = cell(row, s.col);
            let c0 = if stack {
                start
            } else {
                start + self.step * si as f64
            };
            let center = c0 + self.thick / 2.0;
            let (Some(val), Some((fill, stroke))) =
                (v.position(), bar_style(v, color, c.theme.paper))
            else {
                if !stack {
                    let (x, y, anchor) = self.beyond(self.zero, center, false, size::tick());
                    c.no_data(x, y, anchor);
                }
                continue;
            };
            if let (Cell::Censored { bound, .. }, false) = (v, stack) {
                // Only a bound is known: a hollow triangle at the bound, with its label
                // always, never a bar as long as a real value's.
                let end = self.vs.map(val);
                let across = self.orient == Orientation::Horizontal;
                let (mx, my) = if across { (end, center) } else { (center, end) };
                crate::model::key::bound_marker(c, *bound, mx, my, color, across);
                let vsz = self.value_size;
                let (lx, ly, anchor) = self.beyond(end, center, val < 0.0, vsz);
                let (lx, ly) = if across {
                    (lx + 5.0, ly)
                } else {
                    (lx, ly - 5.0)
                };
                let ink = c.theme.ink;
                let text = label_for(&b.plot.y.format, v);
                c.text(lx, ly, anchor, vsz, Face::Bold, ink, &text, Role::Value);
                continue;
            }
            let from = if val < 0.0 { &mut neg } else { &mut base };
            let (a0, a1) = if stack {
                (self.vs.map(*from), self.vs.map(*from + val))
            } else {
                (self.zero, self.vs.map(val))
            };
            let (x, y, w, h) = self.rect(a0, a1, c0 + self.inset, self.thick - 2.0 * self.inset);
            c.items.push(Item::Rect {
                x,
                y,
                w: w.max(0.75),
                h: h.max(0.75),
                fill,
                stroke,
            });
            if stroke.is_none() || matches!(v, Cell::Approx { .. }) {
                c.hatch(x, y, w, h, pattern);
            }
            let text = label_for(&b.plot.y.format, v);
            if stack {
                // The number inside its segment, where it fits with room to spare.
                let lw = fonts::text_width(
                    &text,
                    size::value(),
                    Face::Bold.at(crate::fonts::Slot::Value),
                );
                if lw + 8.0 < w && size::value() + 4.0 < h {
                    let (cx, cy) = (x + w / 2.0, y + h / 2.0);
                    if let (Some(f), true) = (fill, pattern != 0) {
                        // A patch of plain colour under the number, so the hatching does not
                        // cut through its strokes.
                        let ph = size::value() + 4.0;
                        c.rect(cx - lw / 2.0 - 3.0, cy - ph / 2.0, lw + 6.0, ph, f);
                    }
                    let ink = fill.unwrap_or(c.theme.paper).text_on();
                    let baseline = cy + size::value() * 0.35;
                    c.text(
                        cx,
                        baseline,
                        Anchor::Middle,
                        size::value(),
                        Face::Bold.at(crate::fonts::Slot::Value),
                        ink,
                        &text,
                        Role::Value,
                    );
                }
                *from += val;
            } else if self.show_values {
                let vsz = self.value_size;
                let (lx, ly, anchor) = self.beyond(a1, center, val < 0.0, vsz);
                let ink = c.theme.ink;
                c.text(lx, ly, anchor, vsz, Face::Bold, ink, &text, Role::Value);
            }
        }
        if b.grouping == Grouping::Stacked(Stack::Count)
            && self.show_values
            && neg == 0.0
            && self.all_positive
        {
            let text = b.plot.y.format.number(base, 0);
            let center = start + self.thick / 2.0;
            let (x, y, anchor) = self.beyond(self.vs.map(base), center, false, size::value());
            let ink = c.theme.ink;
            c.text(
                x,
                y,
                anchor,
                size::value(),
                Face::Bold.at(crate::fonts::Slot::Value),
                ink,
                &text,
                Role::Value,
            );
        }
    }
}
