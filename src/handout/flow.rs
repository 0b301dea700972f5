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
#[derive(Debug, Clone)]
pub struct Block {
    pub pieces: Vec<Piece>,
    pub repeat: Vec<Piece>,
    pub space_after: f64,
    /// A figure may be drawn down to this fraction of its size (measured from `shrink_from`,
    /// the top of the figure within its piece) to stay on the page rather than leave a
    /// half-empty one; 1 never shrinks.
    pub shrink_to: f64,
    pub shrink_from: f64,
}

impl Default for Block {
    fn default() -> Self {
        Block {
            pieces: Vec::new(),
            repeat: Vec::new(),
            space_after: 0.0,
            shrink_to: 1.0,
            shrink_from: 0.0,
        }
    }
}

/// Pages being filled.
pub struct Flow {
    pub geo: Geometry,
    pub pages: Vec<Page>,
    pub marks: Vec<Mark>,
    /// Index of the first page of this flow in the whole document.
    pub first_page: usize,
    y: f64,
}

impl Flow {
    pub fn new(geo: Geometry, first_page: usize) -> Flow {
        Flow {
            geo,
            pages: vec![Page::default()],
            marks: Vec::new(),
            first_page,
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
        if let [only] = b.pieces.as_slice() {
            let left = self.geo.bottom - self.y;
            let k = (left - b.shrink_from) / (only.h - b.shrink_from);
            if only.h > left && k >= b.shrink_to && k < 1.0 {
                let shrunk = Block {
                    pieces: vec![shrink(only, k, b.shrink_from, self.geo.left)],
                    shrink_to: 1.0,
                    ..b.clone()
                };
                return self.block(&shrunk);
            }
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

/// The piece with its figures scaled by `k` about (`left`, `from`); text keeps its size.
fn shrink(p: &Piece, k: f64, from: f64, left: f64) -> Piece {
    let mut out = p.clone();
    out.h = from + (p.h - from) * k;
    for it in &mut out.items {
        if let PItem::Figure { x, y, w, h, .. } = it {
            *x = left + (*x - left) * k;
            *y = from + (*y - from) * k;
            *w *= k;
            *h *= k;
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
    fn a_figure_shrinks_a_little_rather_than_leave_a_page_half_empty() {
        let geo = Geometry::of(PageSize::A4);
        let room = geo.bottom - geo.top;
        let fig = |h: f64| Block {
            pieces: vec![Piece {
                h,
                items: vec![PItem::Figure {
                    chart: 0,
                    x: geo.left,
                    y: 10.0,
                    w: 400.0,
                    h: h - 10.0,
                    tag: crate::handout::Tag::Layout,
                }],
                ..Piece::default()
            }],
            shrink_to: 0.8,
            shrink_from: 10.0,
            ..Block::default()
        };
        let mut f = Flow::new(geo, 0);
        f.block(&fig(room - 300.0));
        f.block(&fig(330.0));
        assert_eq!(f.pages.len(), 1, "shrunk to about 0.9");
        match f.pages[0].items.last() {
            Some(PItem::Figure { y, h, .. }) => assert!((y + h - geo.bottom).abs() < 1e-6),
            other => panic!("{other:?}"),
        }
        f.block(&fig(400.0));
        assert_eq!(f.pages.len(), 2, "too much to shrink: a new page");
    }
}
