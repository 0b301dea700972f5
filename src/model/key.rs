//! The key, drawn: series swatches and a sample of every special mark (a bound, an
//! approximate value, periods without figures, a joined gap), and those marks themselves, so
//! that the plot and its key draw them with the same code. No prose keys.

use super::figure::{Anchor, Item, Role, Stroke};
use super::frame::{size, Canvas};
use crate::data::{Bound, Cell};
use crate::fonts::{self, Face};
use crate::i18n::Lang;
use crate::spec::{Chart, Color};

/// One legend entry: a series' name, colour, and how its marks are drawn.
#[derive(Debug, Clone)]
pub struct Swatch {
    pub name: String,
    pub color: Color,
    /// Drawn as an outline (censored values).
    pub hollow: bool,
    /// The series' hatching (0: solid), see [`crate::spec::vision::patterns`].
    pub pattern: u8,
}

/// A mark that means something other than "a value of this series", explained in the legend
/// by a sample of the mark and a few words.
#[derive(Debug, Clone, PartialEq)]
pub enum Key {
    /// A hollow triangle at a bound: the source gives only "under" (`Below`) or "over" it;
    /// `true` where the value axis runs across (horizontal bars: the triangle points left).
    Bound(Bound, bool),
    /// An approximate value ("about"): a hollow circle on a line, a light bar.
    Approx { points: bool },
    /// Hatched periods of a time axis for which the data give no figure.
    NoFigure,
    /// A dotted line joining points across periods without figures (`join_gaps = true`).
    Joined,
    /// A break in a line or an area where a value is missing.
    Gap,
    /// A reference value drawn as a dark tick across a category's band (a range chart's
    /// `series`), with its name.
    Reference(String),
    /// Words that no sample can show (a fit's r², rows left out): a note under the chart.
    Words(String),
}

impl Key {
    /// The words beside the sample; `source` is what the figures come from
    /// (`[report] source_name`), "the source" without one.
    pub fn text(&self, lang: Lang, source: Option<&str>) -> String {
        let w = lang.words();
        let s = match (self, w.ja) {
            (Key::Bound(Bound::Below, _), false) => "{Source} gives only an upper bound (“under”)",
            (Key::Bound(Bound::Below, _), true) => "{source}は上限のみ（「未満」）",
            (Key::Bound(Bound::Above, _), false) => "{Source} gives only a lower bound (“over”)",
            (Key::Bound(Bound::Above, _), true) => "{source}は下限のみ（「超」）",
            (Key::Approx { .. }, false) => "approximate (“about”)",
            (Key::Approx { .. }, true) => "概数（「約」）",
            (Key::NoFigure, false) => "no figure in {source}",
            (Key::NoFigure, true) => "{source}に数値なし",
            (Key::Joined, false) => "joined across years without figures",
            (Key::Joined, true) => "数値のない年をまたいで結んだ線",
            (Key::Gap, false) => "no value in {source}",
            (Key::Gap, true) => "{source}に値なし",
            (Key::Words(w) | Key::Reference(w), _) => return w.clone(),
        };
        w.with_source(s, source)
    }

    /// Whether the key is words only, printed as a note rather than drawn.
    pub fn is_words(&self) -> bool {
        matches!(self, Key::Words(_))
    }
}

/// The keys a chart's cells need: `points` for marks on a line (hollow triangles and
/// circles, breaks), else bars (which print "no figure" where a value is missing, so need no
/// key for it).
pub fn cell_keys(chart: &Chart, cols: &[usize], points: bool) -> Vec<Key> {
    let mut keys = Vec::new();
    let mut add = |k: Key| {
        if !keys.contains(&k) {
            keys.push(k);
        }
    };
    for row in &chart.data.rows {
        for &c in cols {
            match super::cell(row, c) {
                Cell::Censored { bound, .. } => add(Key::Bound(*bound, false)),
                Cell::Approx { .. } => add(Key::Approx { points }),
                Cell::Missing(_) if points => add(Key::Gap),
                _ => {}
            }
        }
    }
    keys.sort_by_key(order);
    keys
}

/// Keys in a fixed order, so that every chart lists them alike.
fn order(k: &Key) -> u8 {
    match k {
        Key::Bound(Bound::Below, _) => 0,
        Key::Bound(Bound::Above, _) => 1,
        Key::Approx { .. } => 2,
        Key::NoFigure => 3,
        Key::Gap => 4,
        Key::Joined => 5,
        Key::Reference(_) => 6,
        Key::Words(_) => 7,
    }
}

/// A hollow triangle pointing the way the true value lies from `bound`, centred on (x, y):
/// down (or, `across` a horizontal value axis, left) for "under", up (right) for "over".
pub fn bound_marker(c: &mut Canvas, bound: Bound, x: f64, y: f64, color: Color, across: bool) {
    let s = 5.0;
    let d = match bound {
        Bound::Below => 1.0,
        Bound::Above => -1.0,
    };
    let pts = if across {
        vec![
            (x + d * s * 0.6, y - s),
            (x + d * s * 0.6, y + s),
            (x - d * s * 0.9, y),
        ]
    } else {
        vec![
            (x - s, y - d * s * 0.6),
            (x + s, y - d * s * 0.6),
            (x, y + d * s * 0.9),
        ]
    };
    c.items.push(Item::Polygon {
        points: pts,
        fill: Some(c.theme.paper),
        stroke: Some(Stroke::solid(color, 1.5)),
    });
}

/// An approximate value's hollow circle.
pub fn approx_marker(c: &mut Canvas, x: f64, y: f64, color: Color) {
    c.items.push(Item::Circle {
        cx: x,
        cy: y,
        r: 4.0,
        fill: Some(c.theme.paper),
        stroke: Some(Stroke::solid(color, 1.6)),
    });
}

/// Marks the periods from `x0` to `x1` (px) of a time axis for which the data give no
/// figure: light hatching over the plot's height, with "no figure" at its foot where the
/// words fit across it.
pub fn no_figure(c: &mut Canvas, x0: f64, x1: f64, top: f64, bottom: f64) {
    let w = x1 - x0;
    if w <= 0.5 {
        return;
    }
    let ink = c.theme.muted;
    c.items.push(Item::Rect {
        x: x0,
        y: top,
        w,
        h: bottom - top,
        fill: Some(super::tint(ink, 0.95)),
        stroke: None,
    });
    hatch_lines(c, x0, top, w, bottom - top, super::tint(ink, 0.78));
    let words = Key::NoFigure.short(c.lang);
    let face = Face::Italic.at(fonts::Slot::Tick);
    if fonts::text_width(&words, size::tick(), face) + 6.0 <= w {
        let muted = c.theme.muted;
        c.halo_text(
            (x0 + x1) / 2.0,
            bottom - 5.0,
            Anchor::Middle,
            size::tick(),
            face,
            muted,
            &words,
            Role::Value,
        );
    }
}

impl Key {
    /// The words written on the plot itself ("no figure").
    pub fn short(&self, lang: Lang) -> String {
        match (self, lang.words().ja) {
            (Key::NoFigure, false) => "no figure".into(),
            (Key::NoFigure, true) => "数値なし".into(),
            _ => self.text(lang, None),
        }
    }
}

/// Thin diagonal lines, rising to the right, 5 px apart, clipped to the rectangle.
fn hatch_lines(c: &mut Canvas, x: f64, y: f64, w: f64, h: f64, color: Color) {
    let (x1, y1) = (x + w, y + h);
    let stroke = Stroke::solid(color, 0.8);
    let step = 5.0 * std::f64::consts::SQRT_2;
    let mut k = x + y + 2.5;
    while k < x1 + y1 {
        let (sx, ex) = ((k - y1).max(x), (k - y).min(x1));
        if ex - sx > 0.3 {
            c.line(sx, k - sx, ex, k - ex, stroke);
        }
        k += step;
    }
}

/// A legend of colour swatches, then the key's samples, in rows from `top`; returns the y
/// below it. Words-only keys are not drawn here (the footer prints them).
pub fn legend(
    c: &mut Canvas,
    entries: &[Swatch],
    keys: &[Key],
    left: f64,
    right: f64,
    top: f64,
) -> f64 {
    let drawn: Vec<&Key> = keys.iter().filter(|k| !k.is_words()).collect();
    if entries.is_empty() && drawn.is_empty() {
        return top;
    }
    let sw = c.theme.legend.swatch;
    let gap = c.theme.legend.gap;
    let lh = size::label() * 1.5;
    let mut x = left;
    let mut y = top;
    let mut place = |sample_w: f64, text: &str, face: Face| {
        let w = sample_w + 5.0 + fonts::text_width(text, size::label(), face);
        if x > left && x + w > right {
            x = left;
            y += lh;
        }
        let at = (x, y + (lh - sw) / 2.0 - 1.0);
        x += w + gap;
        at
    };
    for s in entries {
        let (sx, sy) = place(sw, &s.name, Face::Regular);
        if s.hollow {
            c.items.push(Item::Rect {
                x: sx,
                y: sy,
                w: sw,
                h: sw,
                fill: Some(c.theme.paper),
                stroke: Some(Stroke::solid(s.color, 1.5)),
            });
        } else {
            c.rect(sx, sy, sw, sw, s.color);
            c.hatch(sx, sy, sw, sw, s.pattern);
        }
        let ink = c.theme.ink;
        c.text(
            sx + sw + 5.0,
            sy + sw - 1.0,
            Anchor::Start,
            size::label(),
            Face::Regular,
            ink,
            &s.name,
            Role::Legend,
        );
    }
    for k in drawn {
        let text = k.text(c.lang, c.source.as_deref());
        let sample_w = match k {
            Key::Joined | Key::Gap => sw * 2.0,
            _ => sw,
        };
        let (sx, sy) = place(sample_w, &text, Face::Regular);
        sample(c, k, sx, sy, sw);
        let muted = match k {
            Key::Reference(_) => c.theme.ink,
            _ => c.theme.muted,
        };
        c.text(
            sx + sample_w + 5.0,
            sy + sw - 1.0,
            Anchor::Start,
            size::label(),
            Face::Regular,
            muted,
            &text,
            Role::Legend,
        );
    }
    y + lh + 6.0
}

/// Draws the sample of `key` in the box at (x, y), `sw` high.
fn sample(c: &mut Canvas, key: &Key, x: f64, y: f64, sw: f64) {
    let ink = c.theme.muted;
    let (cx, cy) = (x + sw / 2.0, y + sw / 2.0);
    match key {
        Key::Bound(b, across) => bound_marker(c, *b, cx, cy, ink, *across),
        Key::Approx { points: true } => approx_marker(c, cx, cy, ink),
        Key::Approx { points: false } => {
            let fill = super::tint(ink, 0.6);
            c.rect(x, y, sw, sw, fill);
        }
        Key::NoFigure => {
            c.items.push(Item::Rect {
                x,
                y,
                w: sw,
                h: sw,
                fill: Some(super::tint(ink, 0.95)),
                stroke: None,
            });
            hatch_lines(c, x, y, sw, sw, super::tint(ink, 0.78));
        }
        Key::Joined => c.line(x, cy, x + 2.0 * sw, cy, Stroke::dashed(ink, 1.6, 2.0, 3.0)),
        Key::Gap => {
            let s = Stroke::solid(ink, 2.0);
            c.line(x, cy, x + sw * 0.7, cy, s);
            c.line(x + sw * 1.3, cy, x + 2.0 * sw, cy, s);
        }
        Key::Reference(_) => {
            let ink = c.theme.ink;
            c.line(cx, y - 2.0, cx, y + sw + 2.0, Stroke::solid(ink, 2.5));
        }
        Key::Words(_) => {}
    }
}
