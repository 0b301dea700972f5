//! The print handout as a document model: pages of positioned text, rules, boxes and chart
//! figures, with its outline. Pure layout in points (y grows downwards from the page top);
//! `output::pdf` writes it. Nothing here knows about PDF.

mod appendix;
mod blocks;
mod flow;
pub use flow::Refit;
mod front;
pub mod labels;
pub mod tag;

pub use tag::{Role, Step, Tag};

use crate::fonts::Face;
use crate::spec::{Color, Kind, PageSize, Spec};

/// One positioned mark on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum PItem {
    /// A single line of text; `x` is its left edge, `y` its baseline.
    Text {
        x: f64,
        y: f64,
        size: f64,
        face: Face,
        color: Color,
        text: String,
        /// Where the line stands in the document's structure.
        tag: Tag,
    },
    Line {
        x1: f64,
        y1: f64,
        x2: f64,
        y2: f64,
        width: f64,
        color: Color,
    },
    /// A filled rectangle; `y` is its top edge.
    Rect {
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        fill: Color,
    },
    /// Chart number `chart` (index into the spec's charts) drawn from its SVG into this box.
    Figure {
        chart: usize,
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        tag: Tag,
    },
}

/// One page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub items: Vec<PItem>,
}

/// An outline (bookmark) entry: level 1 for sections and front matter, 2 for charts.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub title: String,
    pub level: u8,
    /// Index of the page (0 = the title page).
    pub page: usize,
    /// Top of the marked block, in points from the page top.
    pub y: f64,
}

/// A clickable area (a contents line) that leads to a place in the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub page: usize,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub to_page: usize,
    pub to_y: f64,
    /// The contents entry's Link element.
    pub tag: Tag,
    /// What the link says, for a screen reader ("Figure 1: …, page 9").
    pub alt: String,
}

/// The laid-out handout.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    pub width: f64,
    pub height: f64,
    pub pages: Vec<Page>,
    pub outline: Vec<Mark>,
    /// The contents lines, each a link to its section or chart.
    pub links: Vec<Link>,
    /// Figures placed shorter than their drawing, to fill a page (see [`layout`]).
    pub refit: Vec<Refit>,
}

/// The page and its text area, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    pub width: f64,
    pub height: f64,
    pub left: f64,
    pub right: f64,
    pub top: f64,
    /// The lowest y body text may reach; the running footer sits below it.
    pub bottom: f64,
}

const MM: f64 = 72.0 / 25.4;

impl Geometry {
    /// A4 or US Letter with margins any office printer handles (20 mm at the sides and top,
    /// 25 mm at the foot, where the running footer sits 12 mm from the edge).
    pub fn of(page: PageSize) -> Geometry {
        let (width, height) = match page {
            PageSize::A4 => (210.0 * MM, 297.0 * MM),
            PageSize::Letter => (612.0, 792.0),
        };
        Geometry {
            width,
            height,
            left: 20.0 * MM,
            right: width - 20.0 * MM,
            top: 20.0 * MM,
            bottom: height - 25.0 * MM,
        }
    }

    /// Width of the text area.
    pub fn measure(&self) -> f64 {
        self.right - self.left
    }

    /// Baseline of the running footer.
    pub fn footer_y(&self) -> f64 {
        self.height - 12.0 * MM
    }
}

/// pt per CSS px: the handout draws every figure at this scale, so a figure's type sizes
/// (the theme's, in px) are the same in pt on every page.
pub const PT_PER_PX: f64 = 0.75;

/// The width (px) of a figure drawn for the handout: its plot, inside the chart's own
/// margins of `margin` px, spans the text column at [`PT_PER_PX`].
pub fn column_px(geo: &Geometry, margin: f64) -> f64 {
    geo.measure() / PT_PER_PX + 2.0 * margin
}

/// Type sizes (pt) and colours of the handout.
pub(crate) mod style {
    use crate::spec::theme::{Color, INK, MUTED};
    pub const BODY: f64 = 10.0;
    pub const SMALL: f64 = 8.5;
    pub const KICKER: f64 = 8.5;
    pub const H1: f64 = 17.0;
    pub const TITLE: f64 = 15.0;
    pub const SUBTITLE: f64 = 11.0;
    pub const CELL: f64 = 9.0;
    pub const LEADING: f64 = 1.32;
    pub const TEXT: Color = INK;
    pub const QUIET: Color = MUTED;
    /// The accent of kickers and section rules (Okabe–Ito blue).
    pub const ACCENT: Color = Color(0, 114, 178);
}

/// Whether the handout draws a chart of this kind from its SVG (tables and text boxes are
/// typeset as text instead).
pub fn is_figure(kind: Kind) -> bool {
    !matches!(kind, Kind::Table | Kind::Text)
}

/// Lays out the handout for `spec`. `figures[i]` is the SVG size (px) of chart `i` when it
/// is drawn as a figure, `None` for tables and text, which are typeset as text. A figure
/// whose height is free (and not listed in `fixed`) may be placed shorter than drawn, to
/// fill a page; `Doc::refit` lists them, for the caller to draw at that height and lay the
/// pages out again with those charts `fixed`.
pub fn layout(spec: &Spec, figures: &[Option<(f64, f64)>], fixed: &[usize]) -> Doc {
    let geo = Geometry::of(spec.report.page);
    let labels = labels::assign(&spec.charts, spec.lang());
    // The contents pages come before the body, so lay the body out once with the contents'
    // page count known: its entries are fixed, only their page numbers change.
    let entries = blocks::toc_entries(spec, &labels);
    let toc_pages = front::contents(&geo, &entries, &vec![0; entries.len()], spec.lang().words())
        .0
        .len();
    let body = blocks::body(&geo, spec, &labels, figures, 1 + toc_pages, fixed);
    let (toc, boxes) = front::contents(&geo, &entries, &body.entry_pages, spec.lang().words());
    let words = spec.lang().words();
    let links = boxes
        .iter()
        .zip(&body.marks)
        .zip(&entries)
        .enumerate()
        .map(|(i, (((p, y, h), m), e))| Link {
            page: 1 + p,
            x: geo.left,
            y: *y,
            w: geo.measure(),
            h: *h,
            to_page: m.page,
            to_y: m.y,
            tag: front::entry_link(i),
            alt: words.link_to(&e.label, &e.title, m.page + 1),
        })
        .collect();
    let mut pages = vec![front::title_page(&geo, spec)];
    pages.extend(toc);
    pages.extend(body.pages);
    let total = pages.len();
    for (i, p) in pages.iter_mut().enumerate().skip(1) {
        front::running_footer(
            &geo,
            p,
            &spec.report.title,
            (i + 1, total),
            spec.lang().words(),
        );
    }
    let mut outline = vec![Mark {
        title: spec.lang().words().contents.into(),
        level: 1,
        page: 1,
        y: geo.top,
    }];
    outline.extend(body.marks);
    Doc {
        width: geo.width,
        height: geo.height,
        pages,
        outline,
        links,
        refit: body.refit,
    }
}

#[cfg(test)]
mod tests;
