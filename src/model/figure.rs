//! The backend-neutral figure: positioned primitives in CSS px, produced by the layout and
//! drawn by `render`. Nothing here knows about plotters or files.

use crate::fonts::{self, Face};
use crate::spec::Color;

/// A stroke.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    pub color: Color,
    pub width: f64,
    /// Dash and gap lengths, for dashed lines.
    pub dash: Option<(f64, f64)>,
}

impl Stroke {
    pub fn solid(color: Color, width: f64) -> Self {
        Stroke {
            color,
            width,
            dash: None,
        }
    }
    pub fn dashed(color: Color, width: f64, dash: f64, gap: f64) -> Self {
        Stroke {
            color,
            width,
            dash: Some((dash, gap)),
        }
    }
}

/// Horizontal anchoring of a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// What a label is, so that tests and the collision step can reason about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Title,
    Subtitle,
    AxisTitle,
    Tick,
    Category,
    Value,
    Legend,
    Annotation,
    Note,
    Source,
    Cell,
    Body,
}

/// A single line of text, positioned by its baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub x: f64,
    /// The alphabetic baseline.
    pub y: f64,
    pub anchor: Anchor,
    pub size: f64,
    pub face: Face,
    pub color: Color,
    pub text: String,
    pub role: Role,
}

impl Label {
    /// Advance width of the text.
    pub fn width(&self) -> f64 {
        fonts::text_width(&self.text, self.size, self.face)
    }

    /// The box the label occupies: `(x0, y0, x1, y1)`, from ascent to descent.
    pub fn bbox(&self) -> (f64, f64, f64, f64) {
        let w = self.width();
        let x0 = match self.anchor {
            Anchor::Start => self.x,
            Anchor::Middle => self.x - w / 2.0,
            Anchor::End => self.x - w,
        };
        let (a, d) = text_extent(self.size);
        (x0, self.y - a, x0 + w, self.y + d)
    }
}

/// The visible extent above and below the baseline used for layout (cap height plus a
/// little, descender), tighter than the font's line ascent.
pub fn text_extent(size: f64) -> (f64, f64) {
    let (_, d) = fonts::ascent_descent(size, Face::Regular);
    (size * 0.78, d * 0.9)
}

/// A drawing primitive.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Rect {
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        fill: Option<Color>,
        stroke: Option<Stroke>,
    },
    Line {
        points: Vec<(f64, f64)>,
        stroke: Stroke,
    },
    Circle {
        cx: f64,
        cy: f64,
        r: f64,
        fill: Option<Color>,
        stroke: Option<Stroke>,
    },
    Polygon {
        points: Vec<(f64, f64)>,
        fill: Option<Color>,
        stroke: Option<Stroke>,
    },
    Text(Label),
}

impl Item {
    /// The same primitive moved by (`dx`, `dy`).
    pub fn shifted(self, dx: f64, dy: f64) -> Item {
        let mv = |p: Vec<(f64, f64)>| p.into_iter().map(|(x, y)| (x + dx, y + dy)).collect();
        match self {
            Item::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            } => Item::Rect {
                x: x + dx,
                y: y + dy,
                w,
                h,
                fill,
                stroke,
            },
            Item::Line { points, stroke } => Item::Line {
                points: mv(points),
                stroke,
            },
            Item::Circle {
                cx,
                cy,
                r,
                fill,
                stroke,
            } => Item::Circle {
                cx: cx + dx,
                cy: cy + dy,
                r,
                fill,
                stroke,
            },
            Item::Polygon {
                points,
                fill,
                stroke,
            } => Item::Polygon {
                points: mv(points),
                fill,
                stroke,
            },
            Item::Text(mut l) => {
                l.x += dx;
                l.y += dy;
                Item::Text(l)
            }
        }
    }
}

/// A laid-out chart: its canvas, its primitives in drawing order, and its words for screen
/// readers.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub width: f64,
    pub height: f64,
    /// The background, the theme's paper.
    pub paper: Color,
    pub items: Vec<Item>,
    /// The SVG `<title>`.
    pub title: String,
    /// The SVG `<desc>`: what the chart shows, in words, with its numbers.
    pub desc: String,
    /// Labels the collision step shortened: (as drawn, in full).
    pub shortened: Vec<(String, String)>,
    /// The language of its words (the SVG's `xml:lang`).
    pub lang: crate::i18n::Lang,
    /// Sized for print: the SVG states its width and height in mm.
    pub physical: bool,
}

impl Figure {
    /// Every text label.
    pub fn labels(&self) -> impl Iterator<Item = &Label> {
        self.items.iter().filter_map(|i| match i {
            Item::Text(l) => Some(l),
            _ => None,
        })
    }
}

/// Whether two boxes overlap by more than `slack` px.
pub fn overlaps(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64), slack: f64) -> bool {
    a.0 < b.2 - slack && b.0 < a.2 - slack && a.1 < b.3 - slack && b.1 < a.3 - slack
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::theme::INK;

    fn label(x: f64, y: f64, text: &str) -> Label {
        Label {
            x,
            y,
            anchor: Anchor::Start,
            size: 12.0,
            face: Face::Regular,
            color: INK,
            text: text.into(),
            role: Role::Value,
        }
    }

    #[test]
    fn boxes_overlap_only_when_they_share_area() {
        let a = label(0.0, 20.0, "10,284").bbox();
        assert!(overlaps(a, label(10.0, 22.0, "3,218").bbox(), 0.5));
        assert!(!overlaps(a, label(0.0, 40.0, "3,218").bbox(), 0.5));
        assert!(!overlaps(a, label(200.0, 20.0, "3,218").bbox(), 0.5));
    }

    #[test]
    fn anchors_move_the_box() {
        let s = label(100.0, 20.0, "NPS");
        let w = s.width();
        let e = Label {
            anchor: Anchor::End,
            ..s.clone()
        };
        let m = Label {
            anchor: Anchor::Middle,
            ..s.clone()
        };
        assert!((e.bbox().2 - 100.0).abs() < 1e-9);
        assert!((m.bbox().0 - (100.0 - w / 2.0)).abs() < 1e-9);
        assert!(s.bbox().1 < 20.0 && s.bbox().3 > 20.0);
    }
}
