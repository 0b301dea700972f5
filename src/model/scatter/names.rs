//! Names on a scatter: a group's name beside its points (`color = { direct = true }`) and a
//! point's name beside it (`label`), each placed where it covers no other name and, where it
//! can, no point.

use super::Point;
use crate::fonts::{self, Face};
use crate::model::figure::{overlaps, Anchor, Role};
use crate::model::frame::{size, Canvas};
use crate::model::scale::Scale;
use crate::model::{nth, secondary};
use crate::spec::{Chart, Color, PointGroups, PointLabels, ScatterChart};

/// A text box: left, top, right, bottom.
type Box4 = (f64, f64, f64, f64);

/// Where the points were drawn, for names to keep clear of them.
pub(super) struct Plotted<'a> {
    pub pts: &'a [Point],
    pub xs: &'a Scale,
    pub ys: &'a Scale,
    /// The radius of a point without a size.
    pub dot: f64,
    /// The radius of a bubble of a size value.
    pub radius: &'a dyn Fn(f64) -> f64,
    pub bubbles: bool,
    /// Where names may go: left, top, right, bottom.
    pub area: Box4,
}

impl Plotted<'_> {
    /// A point as drawn: centre and radius.
    fn circle(&self, p: &Point) -> (f64, f64, f64) {
        (
            self.xs.map(p.x),
            self.ys.map(p.y),
            p.size.map_or(self.dot, |v| (self.radius)(v).max(1.5)),
        )
    }

    /// Whether a text box lies within the plot (a name may rise a little above its top).
    fn inside(&self, b: Box4) -> bool {
        let (l, t, r, bottom) = self.area;
        b.0 >= l && b.2 <= r && b.1 >= t - 4.0 && b.3 <= bottom
    }
}

/// The box of a line of bold text of width `w` at (`x`, baseline `y`), with the paper patch
/// around it (see [`Canvas::halo_text`]): what it hides.
fn text_box(x: f64, y: f64, anchor: Anchor, w: f64, h: f64) -> Box4 {
    let x0 = match anchor {
        Anchor::Start => x,
        Anchor::End => x - w,
        Anchor::Middle => x - w / 2.0,
    };
    (
        x0 - 3.0,
        y - h * 0.8 - 2.0,
        x0 + w + 3.0,
        y + h * 0.25 + 2.0,
    )
}

/// Names each colour group once, in its colour, beside one of its own points: where the name
/// covers the fewest points of other groups, its nearest point is one of its own (so that it
/// reads as theirs), and it stays near the middle of the group. `false` when some name has no
/// such place inside the plot clear of the other names (the caller then draws a legend).
pub(super) fn name_groups(
    c: &mut Canvas,
    at: &Plotted,
    g: &PointGroups,
    colors: &[Color],
    boxes: &mut Vec<Box4>,
) -> bool {
    let h = size::label();
    let all: Vec<(usize, (f64, f64, f64))> =
        at.pts.iter().map(|p| (p.group, at.circle(p))).collect();
    let mut placed = Vec::new();
    for (gi, name) in g.names.iter().enumerate() {
        let mine: Vec<(f64, f64, f64)> = all
            .iter()
            .filter(|(g, _)| *g == gi)
            .map(|(_, c)| *c)
            .collect();
        if mine.is_empty() {
            // A group with no point drawn needs no name.
            continue;
        }
        let median = |f: fn(&(f64, f64, f64)) -> f64| {
            let mut v: Vec<f64> = mine.iter().map(f).collect();
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        };
        let (mx, my) = (median(|p| p.0), median(|p| p.1));
        let w = fonts::text_width(name, h, Face::Bold);
        // Beside each of its points (at most 150 of them, evenly chosen).
        let step = mine.len().div_ceil(150).max(1);
        let tries = mine.iter().step_by(step).flat_map(|&(x, y, r)| {
            [
                (x + r + 4.0, y + h * 0.35, Anchor::Start),
                (x - r - 4.0, y + h * 0.35, Anchor::End),
                (x, y - r - 5.0, Anchor::Middle),
                (x, y + r + h + 2.0, Anchor::Middle),
            ]
        });
        let mut best: Option<(f64, (f64, f64, Anchor, Box4))> = None;
        for (x, y, anchor) in tries {
            let b = text_box(x, y, anchor, w, h);
            if !at.inside(b) || boxes.iter().any(|o| overlaps(*o, b, 2.0)) {
                continue;
            }
            let (bx, by) = ((b.0 + b.2) / 2.0, (b.1 + b.3) / 2.0);
            let (mut own, mut other) = (0usize, 0usize);
            let mut nearest = (f64::INFINITY, gi);
            for (pg, (px, py, pr)) in &all {
                if overlaps((px - pr, py - pr, px + pr, py + pr), b, 0.0) {
                    if *pg == gi {
                        own += 1;
                    } else {
                        other += 1;
                    }
                }
                let d = (px - bx).hypot(py - by);
                if d < nearest.0 {
                    nearest = (d, *pg);
                }
            }
            if nearest.1 != gi {
                continue;
            }
            // A name over a point hides it, and over another group's it reads as theirs.
            let score = 6.0 * other as f64 + 3.0 * own as f64 + (bx - mx).hypot(by - my) / 25.0;
            if best.as_ref().is_none_or(|(s, _)| score < *s) {
                best = Some((score, (x, y, anchor, b)));
            }
        }
        let Some((_, (x, y, anchor, b))) = best else {
            return false;
        };
        boxes.push(b);
        placed.push((
            x,
            y,
            anchor,
            crate::model::line::darken(nth(colors, gi)),
            name,
        ));
    }
    for (x, y, anchor, color, name) in placed {
        c.halo_text(x, y, anchor, h, Face::Bold, color, name, Role::Legend);
    }
    true
}

/// Names the points `label` chooses beside them: the first of right, left, above, below and
/// the diagonals that touches no other name and no other named point, and, where it can, no
/// point at all. Names with no such place are left off, with one notice.
pub(super) fn name_points(
    c: &mut Canvas,
    at: &Plotted,
    chart: &Chart,
    s: &ScatterChart,
    l: &PointLabels,
    boxes: &mut Vec<Box4>,
) {
    let named: Vec<(&Point, String)> = at
        .pts
        .iter()
        .filter_map(|p| {
            let row = chart.data.rows.get(p.row)?;
            let name = secondary(&s.plot, row)?;
            let raw = row.cell_text(l.col);
            match &l.only {
                Some(only) if !only.contains(&raw) => None,
                _ => Some((p, name)),
            }
        })
        .collect();
    let circle = |p: &Point| at.circle(p);
    let circles: Vec<(f64, f64, f64)> = named.iter().map(|(p, _)| circle(p)).collect();
    // Every point, so that no name covers one; bubbles are too large to avoid and keep
    // their edges visible under a name's halo.
    let all: Vec<(f64, f64, f64)> = if at.bubbles {
        Vec::new()
    } else {
        at.pts.iter().map(circle).collect()
    };
    let mut unplaced: Vec<String> = Vec::new();
    for (i, (_, name)) in named.iter().enumerate() {
        let (x, y, r) = circles[i];
        let lw = fonts::text_width(name, size::tick(), Face::Bold.at(crate::fonts::Slot::Tick));
        let h = size::tick();
        let d = r * 0.75 + 2.0;
        let tries = [
            (x + r + 3.0, y + h * 0.35, Anchor::Start),
            (x - r - 3.0, y + h * 0.35, Anchor::End),
            (x, y - r - 4.0, Anchor::Middle),
            (x, y + r + h + 2.0, Anchor::Middle),
            (x + d, y - d - 2.0, Anchor::Start),
            (x - d, y - d - 2.0, Anchor::End),
            (x + d, y + d + h * 0.8, Anchor::Start),
            (x - d, y + d + h * 0.8, Anchor::End),
        ];
        let fits = |(lx, ly, anchor): (f64, f64, Anchor), strict: bool| {
            let b = text_box(lx, ly, anchor, lw, h);
            let inside = at.inside(b);
            let hits = |(cx, cy, cr): &(f64, f64, f64)| {
                overlaps((cx - cr, cy - cr, cx + cr, cy + cr), b, 0.0)
            };
            let clear = !boxes.iter().any(|o| overlaps(*o, b, 1.0))
                && !circles.iter().enumerate().any(|(j, c)| j != i && hits(c))
                && !(strict && all.iter().any(hits));
            (inside && clear).then_some(b)
        };
        // Clear of every point if it can be; else clear of names and named points only
        // (its halo keeps the points under it visible).
        let place = |strict| tries.iter().find_map(|t| fits(*t, strict).map(|b| (*t, b)));
        let Some(((lx, ly, anchor), b)) = place(true).or_else(|| place(false)) else {
            unplaced.push(name.clone());
            continue;
        };
        boxes.push(b);
        let ink = c.theme.ink;
        c.halo_text(
            lx,
            ly,
            anchor,
            size::tick(),
            Face::Bold.at(crate::fonts::Slot::Tick),
            ink,
            name,
            Role::Annotation,
        );
    }
    if !unplaced.is_empty() {
        c.notices.push(format!(
            "{} point name(s) were left off, with no free place beside their points: {} (name fewer points with `only`, or make the chart larger)",
            unplaced.len(),
            unplaced.join(", ")
        ));
    }
}
