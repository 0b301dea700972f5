//! The paginator: stacks pieces of fixed height down the text area, starting a new page
//! where the next piece (with those it is kept with) would cross the foot margin. A block
//! broken across pages repeats its continuation header (a table's kicker and header row).

use super::{Geometry, Mark, PItem, Page};

/// An unbreakable strip of a block: its items are placed relative to the strip's top.
#[derive(Debug, Clone, Default)]
pub struct Piece {
    pub h: f64,
    /// Items with `y` measured from the top of the piece.
    pub items: Vec<PItem>,
    /// Keep this piece on the same page as the next one (captions, headings, headers).
    pub keep_with_next: bool,
    /// Outline entries that start at this piece: (title, level).
    pub marks: Vec<(String, u8)>,
}

impl Piece {
    pub fn new(h: f64) -> Piece {
        Piece {
            h,
            ..Piece::default()
        }
    }
}

/// A chart's (or heading's) pieces, the pieces to repeat at the top of each continuation
/// page, and the space to leave below it.
#[derive(Debug, Clone, Default)]
pub struct Block {
    pub pieces: Vec<Piece>,
    pub repeat: Vec<Piece>,
    pub space_after: f64,
    /// The block's last piece is a figure that may be drawn again shorter (its plot shorter,
    /// its type the same size) to fill a page rather than leave a third of it empty.
    pub flex: Option<Flex>,
}

/// How much shorter a figure may be drawn, and how its SVG maps onto the page.
#[derive(Debug, Clone, Copy)]
pub struct Flex {
    pub chart: usize,
    /// The figure's SVG height now, and the least it may be drawn at, in px.
    pub svg_h: f64,
    pub min_svg_h: f64,
    /// Points per SVG px on the page.
    pub scale: f64,
}

/// A figure to draw again at a new height: the chart's index and the SVG height in px.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Refit {
    pub chart: usize,
    pub svg_h: f64,
}

/// Pages being filled.
pub struct Flow {
    pub geo: Geometry,
    pub pages: Vec<Page>,
    pub marks: Vec<Mark>,
    /// Index of the first page of this flow in the whole document.
    pub first_page: usize,
    /// Figures placed shorter than drawn, to be drawn again at that height.
    pub refit: Vec<Refit>,
    y: f64,
}

impl Flow {
    pub fn new(geo: Geometry, first_page: usize) -> Flow {
        Flow {
            geo,
            pages: vec![Page::default()],
            marks: Vec::new(),
            first_page,
            refit: Vec::new(),
            y: geo.top,
        }
    }

    /// The document index of the page being filled.
    pub fn page_index(&self) -> usize {
        self.first_page + self.pages.len() - 1
    }

    fn at_top(&self) -> bool {
        self.y <= self.geo.top + 1e-6
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.geo.top;
    }

    fn place(&mut self, p: &Piece) {
        let page = self.page_index();
        for (title, level) in &p.marks {
            self.marks.push(Mark {
                title: title.clone(),
                level: *level,
                page,
                y: self.y,
            });
        }
        let dy = self.y;
        if let Some(cur) = self.pages.last_mut() {
            cur.items.extend(p.items.iter().map(|it| shift(it, dy)));
        }
        self.y += p.h;
    }

    /// Places a block: groups of pieces kept together move to a new page when they do not
    /// fit; a group taller than a whole page is broken between its pieces.
    pub fn block(&mut self, b: &Block) {
        let room = self.geo.bottom - self.geo.top;
        if let Some(fitted) = self.fitted(b) {
            return self.block(&fitted);
        }
        let groups = groups(&b.pieces);
        let mut started = false;
        for g in groups {
            let h: f64 = g.iter().map(|p| p.h).sum();
            if self.y + h > self.geo.bottom + 1e-6 && !self.at_top() && h <= room {
                self.new_page();
                if started {
                    for r in &b.repeat {
                        self.place(r);
                    }
                }
            }
            for p in g {
                if self.y + p.h > self.geo.bottom + 1e-6 && !self.at_top() {
                    self.new_page();
                    if started {
                        for r in &b.repeat {
                            self.place(r);
                        }
                    }
                }
                self.place(p);
                started = true;
            }
        }
        if !self.at_top() {
            self.y += b.space_after;
        }
    }
}

impl Flow {
    /// The block with its figure drawn shorter to end at the foot of this page, when the
    /// whole block does not fit, moving it would leave more than a third of the page empty,
    /// and the figure may be drawn short enough. The figure is recorded in `refit`.
    fn fitted(&mut self, b: &Block) -> Option<Block> {
        let flex = b.flex?;
        let last = b.pieces.last()?;
        let room = self.geo.bottom - self.geo.top;
        let left = self.geo.bottom - self.y;
        let total: f64 = b.pieces.iter().map(|p| p.h).sum();
        if self.at_top() || total <= left + 1e-6 || left <= room / 3.0 {
            return None;
        }
        // Whole px, rounded down, so the figure drawn again fits where it is placed.
        let svg_h = (flex.svg_h - (total - left) / flex.scale + 1e-9).floor();
        if svg_h < flex.min_svg_h {
            return None;
        }
        let dh = (flex.svg_h - svg_h) * flex.scale;
        let mut piece = last.clone();
        piece.h -= dh;
        for it in &mut piece.items {
            if let PItem::Figure { h, .. } = it {
                *h -= dh;
            }
        }
        self.refit.push(Refit {
            chart: flex.chart,
            svg_h,
        });
        let mut out = b.clone();
        out.flex = None;
        if let Some(l) = out.pieces.last_mut() {
            *l = piece;
        }
        Some(out)
    }
}

/// Cuts a piece into strips at the heights `cuts` (increasing, inside the piece), each item
/// going to the strip its baseline or top falls in. The strips stay together unless they are
/// taller than a page, so a table row or a paragraph of a box breaks only when it must.
pub fn split_at(p: &Piece, cuts: &[f64]) -> Vec<Piece> {
    let mut edges = vec![0.0];
    edges.extend(cuts.iter().copied().filter(|c| *c > 0.0 && *c < p.h));
    edges.push(p.h);
    let n = edges.len() - 1;
    let mut out: Vec<Piece> = (0..n)
        .map(|i| Piece {
            h: edges[i + 1] - edges[i],
            items: Vec::new(),
            keep_with_next: i + 1 < n || p.keep_with_next,
            marks: if i == 0 { p.marks.clone() } else { Vec::new() },
        })
        .collect();
    for it in &p.items {
        let y = match it {
            PItem::Text { y, .. } | PItem::Rect { y, .. } | PItem::Figure { y, .. } => *y,
            PItem::Line { y1, .. } => *y1,
        };
        let i = edges[1..n].iter().take_while(|e| y >= **e).count();
        if let Some(strip) = out.get_mut(i) {
            strip.items.push(shift(it, -edges[i]));
        }
    }
    out
}

/// Runs of pieces joined by `keep_with_next`.
fn groups(pieces: &[Piece]) -> Vec<&[Piece]> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, p) in pieces.iter().enumerate() {
        if !p.keep_with_next || i + 1 == pieces.len() {
            out.push(&pieces[start..=i]);
            start = i + 1;
        }
    }
    out
}

/// Moves an item down by `dy`.
fn shift(it: &PItem, dy: f64) -> PItem {
    let mut it = it.clone();
    match &mut it {
        PItem::Text { y, .. } | PItem::Rect { y, .. } | PItem::Figure { y, .. } => *y += dy,
        PItem::Line { y1, y2, .. } => {
            *y1 += dy;
            *y2 += dy;
        }
    }
    it
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::PageSize;

    fn piece(h: f64, keep: bool) -> Piece {
        Piece {
            h,
            items: vec![PItem::Rect {
                x: 0.0,
                y: 0.0,
                w: 10.0,
                h,
                fill: crate::spec::theme::INK,
            }],
            keep_with_next: keep,
            marks: Vec::new(),
        }
    }

    #[test]
    fn kept_pieces_move_together_and_headers_repeat() {
        let geo = Geometry::of(PageSize::A4);
        let room = geo.bottom - geo.top;
        let mut f = Flow::new(geo, 0);
        f.block(&Block {
            pieces: vec![piece(room - 50.0, false)],
            ..Block::default()
        });
        // A caption kept with a 100 pt figure does not fit in the 50 pt left: both move.
        f.block(&Block {
            pieces: vec![piece(20.0, true), piece(100.0, false)],
            ..Block::default()
        });
        assert_eq!(f.pages.len(), 2);
        assert_eq!(f.pages[1].items.len(), 2);
        // A long table breaks between rows and repeats its header.
        let rows: Vec<Piece> = (0..80).map(|_| piece(20.0, false)).collect();
        f.block(&Block {
            pieces: rows,
            repeat: vec![piece(15.0, false)],
            ..Block::default()
        });
        assert!(f.pages.len() >= 4);
        for p in &f.pages {
            for it in &p.items {
                if let PItem::Rect { y, h, .. } = it {
                    assert!(*y >= geo.top - 1e-6 && y + h <= geo.bottom + 1e-6);
                }
            }
        }
        let heights: Vec<f64> = f.pages[3]
            .items
            .iter()
            .filter_map(|it| match it {
                PItem::Rect { h, .. } => Some(*h),
                _ => None,
            })
            .collect();
        assert_eq!(heights[0], 15.0, "continuation page starts with the header");
    }

    #[test]
    fn split_pieces_keep_their_items_in_place() {
        let text = |y: f64| PItem::Text {
            x: 0.0,
            y,
            size: 10.0,
            face: crate::fonts::Face::Regular,
            color: crate::spec::theme::INK,
            text: format!("{y}"),
            tag: crate::handout::Tag::Layout,
        };
        let p = Piece {
            h: 40.0,
            items: vec![text(8.0), text(20.0), text(32.0)],
            keep_with_next: false,
            marks: vec![("m".into(), 2)],
        };
        let parts = split_at(&p, &[13.0, 26.0]);
        assert_eq!(
            parts.iter().map(|p| p.h).collect::<Vec<_>>(),
            vec![13.0, 13.0, 14.0]
        );
        assert_eq!(
            parts.iter().map(|p| p.keep_with_next).collect::<Vec<_>>(),
            vec![true, true, false]
        );
        assert_eq!(parts[0].marks.len(), 1);
        for (part, want) in parts.iter().zip([8.0, 7.0, 6.0]) {
            match part.items.as_slice() {
                [PItem::Text { y, .. }] => assert_eq!(*y, want),
                other => panic!("{other:?}"),
            }
        }
        // A long block of strips breaks across pages, each page within the margins.
        let geo = Geometry::of(PageSize::A4);
        let tall = Piece {
            h: 2000.0,
            items: (0..100).map(|i| text(20.0 * f64::from(i) + 15.0)).collect(),
            ..Piece::default()
        };
        let cuts: Vec<f64> = (1..100).map(|i| 20.0 * f64::from(i)).collect();
        let mut f = Flow::new(geo, 0);
        f.block(&Block {
            pieces: split_at(&tall, &cuts),
            ..Block::default()
        });
        assert!(f.pages.len() >= 3);
        let placed: usize = f.pages.iter().map(|p| p.items.len()).sum();
        assert_eq!(placed, 100);
        for p in &f.pages {
            for it in &p.items {
                if let PItem::Text { y, .. } = it {
                    assert!(*y > geo.top && *y < geo.bottom);
                }
            }
        }
    }

    #[test]
    fn a_figure_is_drawn_shorter_rather_than_leave_a_third_of_a_page_empty() {
        let geo = Geometry::of(PageSize::A4);
        let room = geo.bottom - geo.top;
        // A figure of `h` pt, its SVG 0.75 pt per px, drawable down to 3/4 of its height.
        let fig = |chart: usize, h: f64| Block {
            pieces: vec![Piece {
                h,
                items: vec![PItem::Figure {
                    chart,
                    x: geo.left,
                    y: 10.0,
                    w: 400.0,
                    h: h - 10.0,
                    tag: crate::handout::Tag::Layout,
                }],
                ..Piece::default()
            }],
            flex: Some(Flex {
                chart,
                svg_h: h / 0.75,
                min_svg_h: h / 0.75 * 0.75,
                scale: 0.75,
            }),
            ..Block::default()
        };
        let mut f = Flow::new(geo, 0);
        f.block(&fig(0, room - 360.0));
        f.block(&fig(1, 400.0));
        assert_eq!(f.pages.len(), 1, "drawn 40 pt shorter to end the page");
        assert_eq!(f.refit.len(), 1);
        assert_eq!(f.refit[0].chart, 1);
        assert_eq!(f.refit[0].svg_h, ((400.0 - 40.0) / 0.75_f64).floor());
        match f.pages[0].items.last() {
            Some(PItem::Figure { y, h, .. }) => {
                assert!(*y + *h <= geo.bottom + 1e-6);
                assert!(*y + *h > geo.bottom - 1.0, "ends at the foot");
            }
            other => panic!("{other:?}"),
        }
        // 150 pt left, less than a third of the page: the next figure moves on whole.
        let mut g = Flow::new(geo, 0);
        g.block(&fig(0, room - 150.0));
        g.block(&fig(1, 190.0));
        assert_eq!(g.pages.len(), 2);
        assert!(g.refit.is_empty());
        // Too much to take off (more than a quarter): a new page, the figure as drawn.
        let mut h = Flow::new(geo, 0);
        h.block(&fig(0, room - 400.0));
        h.block(&fig(1, 600.0));
        assert_eq!(h.pages.len(), 2);
        assert!(h.refit.is_empty());
    }
}
