//! Draws a [`Figure`] with plotters' SVG backend: the only module that uses plotters. One
//! `match` over primitives; all layout decisions were made by `model`.
//!
//! plotters writes integer coordinates, so the drawing is made at [`SUPERSAMPLE`] times the
//! canvas size and the SVG's `width`/`height` are set back to the canvas size (the `viewBox`
//! keeps the fine grid): positions are exact to a quarter of a pixel.

use plotters::coord::Shift;
use plotters::prelude::{
    Circle, DrawingArea, FontFamily, FontStyle, IntoDrawingArea, PathElement, Polygon, RGBColor,
    Rectangle, SVGBackend, ShapeStyle, Text, TextStyle,
};
use plotters::style::Color as _;

use crate::fonts::{self, FAMILY};
use crate::model::figure::{Anchor, Figure, Item, Label, Stroke};
use crate::spec::Color;

/// Drawing units per CSS px.
pub const SUPERSAMPLE: f64 = 4.0;

/// What went wrong while drawing.
#[derive(Debug)]
pub struct RenderError(pub String);

/// Renders the figure to an SVG document (without `<title>`/`<desc>`; see `output::svg`).
pub fn to_svg(fig: &Figure) -> Result<String, RenderError> {
    let w = canvas_units(fig.width);
    let h = canvas_units(fig.height);
    let mut buf = String::new();
    let mut texts: Vec<Label> = Vec::new();
    {
        let root = SVGBackend::with_string(&mut buf, (w, h)).into_drawing_area();
        root.fill(&rgb(fig.paper)).map_err(err)?;
        for item in &fig.items {
            draw(&root, item, &mut texts)?;
        }
        root.present().map_err(err)?;
    }
    Ok(with_texts(&buf, &texts))
}

/// The canvas side in drawing units (the canvas is rounded to whole px first).
pub fn canvas_units(px: f64) -> u32 {
    (px.round().clamp(1.0, 100_000.0) * SUPERSAMPLE) as u32
}

fn err<E: std::fmt::Debug>(e: E) -> RenderError {
    RenderError(format!("{e:?}"))
}

fn rgb(c: Color) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

fn u(v: f64) -> i32 {
    (v * SUPERSAMPLE).round().clamp(-1e8, 1e8) as i32
}

fn pt(p: (f64, f64)) -> (i32, i32) {
    (u(p.0), u(p.1))
}

fn stroke_style(s: &Stroke) -> ShapeStyle {
    ShapeStyle {
        color: rgb(s.color).to_rgba(),
        filled: false,
        stroke_width: (s.width * SUPERSAMPLE).round().max(1.0) as u32,
    }
}

fn draw(
    root: &DrawingArea<SVGBackend, Shift>,
    item: &Item,
    texts: &mut Vec<Label>,
) -> Result<(), RenderError> {
    match item {
        Item::Rect {
            x,
            y,
            w,
            h,
            fill,
            stroke,
        } => {
            let corners = [(u(*x), u(*y)), (u(x + w), u(y + h))];
            if let Some(f) = fill {
                root.draw(&Rectangle::new(corners, rgb(*f).filled()))
                    .map_err(err)?;
            }
            if let Some(s) = stroke {
                // Inset by half the stroke so the outline stays inside the box.
                let i = s.width / 2.0;
                let inner = [(u(x + i), u(y + i)), (u(x + w - i), u(y + h - i))];
                root.draw(&Rectangle::new(inner, stroke_style(s)))
                    .map_err(err)?;
            }
        }
        Item::Line { points, stroke } => {
            let style = stroke_style(stroke);
            match stroke.dash {
                None => {
                    let pts: Vec<(i32, i32)> = points.iter().copied().map(pt).collect();
                    root.draw(&PathElement::new(pts, style)).map_err(err)?;
                }
                Some((dash, gap)) => {
                    for seg in dashes(points, dash, gap) {
                        root.draw(&PathElement::new(vec![pt(seg.0), pt(seg.1)], style))
                            .map_err(err)?;
                    }
                }
            }
        }
        Item::Circle {
            cx,
            cy,
            r,
            fill,
            stroke,
        } => {
            let c = (u(*cx), u(*cy));
            let rr = r * SUPERSAMPLE;
            if let Some(f) = fill {
                root.draw(&Circle::new(c, rr, rgb(*f).filled()))
                    .map_err(err)?;
            }
            if let Some(s) = stroke {
                root.draw(&Circle::new(c, rr, stroke_style(s)))
                    .map_err(err)?;
            }
        }
        Item::Polygon {
            points,
            fill,
            stroke,
        } => {
            let pts: Vec<(i32, i32)> = points.iter().copied().map(pt).collect();
            if let Some(f) = fill {
                root.draw(&Polygon::new(pts.clone(), rgb(*f).filled()))
                    .map_err(err)?;
            }
            if let Some(s) = stroke {
                let mut closed = pts;
                if let Some(first) = closed.first().copied() {
                    closed.push(first);
                }
                root.draw(&PathElement::new(closed, stroke_style(s)))
                    .map_err(err)?;
            }
        }
        Item::Text(l) => {
            // plotters cannot write a text element of several font runs: it draws a marker
            // that keeps the element's place in the drawing order, and `to_svg` replaces it
            // with [`text_element`].
            let marker = format!("{MARK}{}{MARK}", texts.len());
            texts.push(l.clone());
            let ts = TextStyle::from((FontFamily::Name(FAMILY), 1.0, FontStyle::Normal));
            root.draw(&Text::new(marker, (0, 0), ts)).map_err(err)?;
        }
    }
    Ok(())
}

/// Brackets a text marker's number (a private-use character no label holds: labels are
/// checked against the bundled fonts, which have none).
const MARK: char = '\u{E000}';

/// Replaces each text marker plotters wrote with the label's own `<text>` element.
fn with_texts(drawn: &str, texts: &[Label]) -> String {
    let mut out = String::with_capacity(drawn.len() + texts.len() * 80);
    let mut rest = drawn;
    while let Some(m) = rest.find(MARK) {
        let (Some(open), Some(close)) = (rest[..m].rfind("<text"), rest[m..].find("</text>"))
        else {
            break;
        };
        let after = &rest[m + MARK.len_utf8()..];
        let n: Option<usize> = after.split(MARK).next().and_then(|d| d.parse().ok());
        out.push_str(&rest[..open]);
        if let Some(l) = n.and_then(|n| texts.get(n)) {
            out.push_str(&text_element(l));
        }
        rest = &rest[m + close + "</text>".len()..];
    }
    out.push_str(rest);
    out
}

/// One label as one `<text>` element at its baseline: the body family inherited from the
/// root, the label's own family, weight and style on the element when they differ, and each
/// run of another font a `<tspan>` naming its family and placed where the layout measured it.
pub fn text_element(l: &Label) -> String {
    use std::fmt::Write as _;
    let set = fonts::current();
    let size = (l.size * SUPERSAMPLE).round();
    let y = u(l.y);
    let c = l.color;
    let mut attrs = format!(
        " y=\"{y}\" font-size=\"{size}\" fill=\"#{:02X}{:02X}{:02X}\"",
        c.0, c.1, c.2
    );
    let runs = fonts::runs(&l.text, l.face);
    let main = set.file(l.face);
    if main.family() != set.body() {
        let _ = write!(attrs, " font-family=\"{}\"", family_list(main));
    }
    if set.bold(l.face) {
        attrs.push_str(" font-weight=\"bold\"");
    }
    // A line with Japanese in it is upright throughout (see `fonts::runs`).
    if l.face.italic && runs.iter().all(|(f, _)| f.is_italic()) {
        attrs.push_str(" font-style=\"italic\"");
    }
    if runs.iter().all(|(f, _)| *f == main) {
        let anchor = match l.anchor {
            Anchor::Start => "",
            Anchor::Middle => " text-anchor=\"middle\"",
            Anchor::End => " text-anchor=\"end\"",
        };
        return format!(
            "<text x=\"{}\"{attrs}{anchor}>{}</text>",
            u(l.x),
            crate::output::svg::escape(l.text.trim())
        );
    }
    // Several fonts: each run starts where the layout measured it, so that no renderer's
    // own spacing moves the Japanese against the Latin.
    let (x0, _, _, _) = l.bbox();
    let mut x = x0;
    let mut out = format!("<text{attrs}>");
    for (font, run) in runs {
        // A text chunk drops its leading and trailing spaces: step over them here instead.
        let body = run.trim_start();
        x += fonts::run_width(&run[..run.len() - body.len()], l.size, font);
        let family = if font.family() == main.family() {
            String::new()
        } else {
            format!(" font-family=\"{}\"", family_list(font))
        };
        let _ = write!(
            out,
            "<tspan x=\"{}\"{family}>{}</tspan>",
            u(x),
            crate::output::svg::escape(body.trim_end())
        );
        x += fonts::run_width(body, l.size, font);
    }
    out.push_str("</text>");
    out
}

/// A font's family as a font-family list: the family, then the generic family a reader's
/// browser falls back to if it cannot use the embedded font (the font's own design class).
pub fn family_list(font: fonts::Font) -> String {
    let (family, generic) = (font.family(), font.generic());
    if family.contains(' ') {
        format!("'{family}', {generic}")
    } else {
        format!("{family}, {generic}")
    }
}

/// Splits a polyline into dash segments.
fn dashes(points: &[(f64, f64)], dash: f64, gap: f64) -> Vec<((f64, f64), (f64, f64))> {
    let mut out = Vec::new();
    let period = (dash + gap).max(0.5);
    let mut phase = 0.0;
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        let len = (b.0 - a.0).hypot(b.1 - a.1);
        if len <= 0.0 {
            continue;
        }
        let mut t = 0.0;
        while t < len && out.len() < 100_000 {
            let in_period = (phase + t) % period;
            if in_period < dash {
                let end = (t + dash - in_period).min(len);
                let p = |s: f64| (a.0 + (b.0 - a.0) * s / len, a.1 + (b.1 - a.1) * s / len);
                out.push((p(t), p(end)));
                t = end;
            } else {
                t += period - in_period;
            }
        }
        phase = (phase + len) % period;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::dashes;

    #[test]
    fn dashes_cover_the_line_with_gaps() {
        let d = dashes(&[(0.0, 0.0), (20.0, 0.0)], 5.0, 3.0);
        assert_eq!(d.len(), 3);
        assert_eq!(d[0], ((0.0, 0.0), (5.0, 0.0)));
        assert_eq!(d[1], ((8.0, 0.0), (13.0, 0.0)));
        assert_eq!(d[2], ((16.0, 0.0), (20.0, 0.0)));
    }
}
