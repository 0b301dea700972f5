//! The body of the handout: one block per chart in spec order, under its section headings.
//! Figures are the chart's own SVG scaled to the text column; tables and text boxes are
//! typeset here as real text, breaking between rows with the header repeated.

use super::appendix::{data_behind, data_notes, sources};
use super::flow::{split_at, Block, Flex, Flow, Piece};
use super::style::{self, ACCENT, QUIET, TEXT};
use super::tag::{self, Role, Tag};
use super::{Geometry, Mark, PItem, Page};
use crate::fonts::{self, Face};
use crate::model::frame::footer_lines;
use crate::model::Context;
use crate::model::{table, textbox};
use crate::spec::theme::{AXIS, GRID, SHADE};
use crate::spec::{Align, Chart, Color, Spec, TableChart, TextChart, TextStyle};

/// A line of the contents: a section (level 1) or a chart (level 2, with its label).
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub level: u8,
    pub label: String,
    pub title: String,
}

/// The laid-out body, with the page (1-based) of each contents entry.
pub struct Body {
    pub pages: Vec<Page>,
    pub marks: Vec<Mark>,
    pub entry_pages: Vec<usize>,
    pub refit: Vec<super::flow::Refit>,
}

/// The contents entries, in the order the body places them.
pub fn toc_entries(spec: &Spec, labels: &[String]) -> Vec<Entry> {
    let mut out = Vec::new();
    for (c, label) in spec.charts.iter().zip(labels) {
        if let Some(s) = &c.section {
            out.push(Entry {
                level: 1,
                label: String::new(),
                title: s.clone(),
            });
        }
        out.push(Entry {
            level: 2,
            label: label.clone(),
            title: c.title.clone(),
        });
    }
    if !spec.cited_sources().is_empty() {
        out.push(Entry {
            level: 1,
            label: String::new(),
            title: spec.lang().words().sources.into(),
        });
    }
    if spec.checks.iter().any(|c| !c.passed) {
        out.push(Entry {
            level: 1,
            label: String::new(),
            title: spec.lang().words().data_notes.into(),
        });
    }
    if spec
        .charts
        .iter()
        .any(|c| table::behind(c, spec.lang()).is_some())
    {
        out.push(Entry {
            level: 1,
            label: String::new(),
            title: spec.lang().words().data_behind.into(),
        });
    }
    out
}

/// Scale of a chart drawn as a figure: its plot area (inside the SVG's own margins of
/// `margin` px) spans the text column exactly, so figure titles line up with the text.
fn figure_scale(geo: &Geometry, svg_w: f64, margin: f64) -> f64 {
    geo.measure() / (svg_w - 2.0 * margin).max(1.0)
}

use super::PT_PER_PX;

/// Space a print figure wider than the text column leaves at each edge of the page.
const MIN_EDGE: f64 = 8.0 * 72.0 / 25.4;

/// Lays out every chart, starting on document page `first_page`.
pub fn body(
    geo: &Geometry,
    spec: &Spec,
    labels: &[String],
    figures: &[Option<(f64, f64)>],
    first_page: usize,
    fixed: &[usize],
) -> Body {
    let mut flow = Flow::new(*geo, first_page);
    // Each block's items under its own step, in flow order, after the front matter (0, 1).
    let mut n = 2;
    let nested = |mut b: Block, n: &mut u32| {
        for p in b.pieces.iter_mut().chain(b.repeat.iter_mut()) {
            tag::nest(&mut p.items, Role::Group, *n);
        }
        *n += 1;
        b
    };
    for (i, (c, label)) in spec.charts.iter().zip(labels).enumerate() {
        let mut block = match (&c.body, figures.get(i).copied().flatten()) {
            (crate::spec::Body::Table(t), _) => table(geo, c, t, label, &Context::of(spec)),
            (crate::spec::Body::Text(t), _) => text_box(geo, c, t, label, &Context::of(spec)),
            (_, Some(sz)) => figure(geo, i, label, c, sz, spec.theme.text.margin),
            (_, None) => continue,
        };
        if fixed.contains(&i) {
            block.flex = None;
        }
        if let Some(s) = &c.section {
            let mut head = heading(geo, s);
            head.append(&mut block.pieces);
            block.pieces = head;
        }
        flow.block(&nested(block, &mut n));
    }
    if let Some(s) = sources(geo, spec) {
        flow.block(&nested(s, &mut n));
    }
    if let Some(notes) = data_notes(geo, spec) {
        flow.block(&nested(notes, &mut n));
    }
    for b in data_behind(geo, spec, labels) {
        flow.block(&nested(b, &mut n));
    }
    let entry_pages = flow.marks.iter().map(|m| m.page + 1).collect();
    Body {
        pages: flow.pages,
        marks: flow.marks,
        entry_pages,
        refit: flow.refit,
    }
}

/// Text lines of a wrapped paragraph, with `y` from the paragraph's top; returns the height.
pub(crate) fn para(
    items: &mut Vec<PItem>,
    x: f64,
    top: f64,
    width: f64,
    text_style: (f64, Face, Color),
    text: &str,
    tag: &Tag,
) -> f64 {
    let (size, face, color) = text_style;
    let lh = size * style::LEADING;
    let mut y = top;
    for line in fonts::wrap(text, size, face, width) {
        items.push(PItem::Text {
            x,
            y: y + lh * 0.5 + size * 0.34,
            size,
            face,
            color,
            text: line,
            tag: tag.clone(),
        });
        y += lh;
    }
    y - top
}

/// A one-paragraph piece.
pub(super) fn para_piece(
    geo: &Geometry,
    pad_top: f64,
    st: (f64, Face, Color),
    text: &str,
    tag: &Tag,
) -> Piece {
    let mut p = Piece::default();
    p.h = pad_top
        + para(
            &mut p.items,
            geo.left,
            pad_top,
            geo.measure(),
            st,
            text,
            tag,
        );
    p
}

/// An appendix's heading and its introductory paragraph, `gap` below it; both stay with
/// what follows.
pub(super) fn heading_with_intro(geo: &Geometry, title: &str, intro: &str, gap: f64) -> Vec<Piece> {
    let mut pieces = heading(geo, title);
    let intro_tag = Tag::at(&[(Role::P, 1)]);
    let mut p = para_piece(
        geo,
        0.0,
        (style::BODY, Face::Regular, TEXT),
        intro,
        &intro_tag,
    );
    p.h += gap;
    p.keep_with_next = true;
    pieces.push(p);
    pieces
}

/// The section heading, kept with the chart that follows.
fn heading(geo: &Geometry, title: &str) -> Vec<Piece> {
    let mut p = Piece::default();
    p.items.push(PItem::Rect {
        x: geo.left,
        y: 4.0,
        w: 36.0,
        h: 2.5,
        fill: ACCENT,
    });
    let h = para(
        &mut p.items,
        geo.left,
        12.0,
        geo.measure(),
        (style::H1, Face::Bold, TEXT),
        title,
        &Tag::at(&[(Role::H1, 0)]),
    );
    p.h = 12.0 + h + 12.0;
    p.keep_with_next = true;
    p.marks.push((title.to_string(), 1));
    vec![p]
}

/// The kicker line ("Figure 1a") above a chart.
fn kicker(geo: &Geometry, label: &str, tag: Tag) -> PItem {
    PItem::Text {
        x: geo.left,
        y: style::KICKER,
        size: style::KICKER,
        face: Face::Bold,
        color: ACCENT,
        text: label.to_string(),
        tag,
    }
}

/// The structure key of a chart's own section in its block (after a section heading, which
/// is key 0, and an appendix's intro, key 1).
const CHART: u32 = 10;

/// A path inside the chart's section.
fn in_chart(steps: &[(Role, u32)]) -> Tag {
    let mut t = Tag::at(steps);
    t.nest(Role::Sect, CHART);
    t
}

const KICKER_H: f64 = style::KICKER * 1.9;
pub(super) const SPACE_AFTER: f64 = 24.0;

fn outline_title(label: &str, title: &str) -> String {
    format!("{label}: {title}")
}

/// A chart drawn from its SVG: the kicker and the figure in one piece, never split.
fn figure(
    geo: &Geometry,
    chart: usize,
    label: &str,
    c: &Chart,
    svg: (f64, f64),
    margin: f64,
) -> Block {
    let title = &c.title;
    // A figure sized for print keeps its size (and so its type sizes in pt): its plot
    // starts at the text column's left edge, and one wider than the column reaches into
    // the right margin, or is centred on the page when it would leave too little edge.
    let print = c.physical
        && svg.0 * PT_PER_PX <= geo.width - 2.0 * MIN_EDGE
        && svg.1 * PT_PER_PX <= geo.bottom - geo.top - KICKER_H;
    let s = if print {
        PT_PER_PX
    } else {
        figure_scale(geo, svg.0, margin)
    };
    // The SVG's own top margin sits under the kicker; the figure is drawn first so the
    // kicker stays on top of its white background.
    let inset = (margin - 4.0) * s;
    let room = geo.bottom - geo.top - KICKER_H;
    let (mut w, mut h) = (svg.0 * s, svg.1 * s - inset);
    let mut x = geo.left - margin * s;
    if print && x + w > geo.width - MIN_EDGE {
        x = (geo.width - w) / 2.0;
    }
    let least = crate::model::least_height(c).filter(|_| h <= room);
    if h > room {
        let k = room / h;
        w *= k;
        h = room;
        x = geo.left - margin * s * k;
    }
    let mut p = Piece::new(KICKER_H + h);
    p.items.push(PItem::Figure {
        chart,
        x,
        y: KICKER_H - inset * (w / (svg.0 * s)),
        w,
        h: h + inset * (w / (svg.0 * s)),
        tag: in_chart(&[(Role::Figure, 1)]),
    });
    p.items.push(kicker(geo, label, in_chart(&[(Role::H2, 0)])));
    p.marks.push((outline_title(label, title), 2));
    Block {
        pieces: vec![p],
        repeat: Vec::new(),
        space_after: SPACE_AFTER,
        // Every figure is drawn for the page at one scale: it moves to the next page rather
        // than shrink, so its type stays the size of every other figure's; one whose height
        // is free may be drawn again shorter to fill a page (see `model::least_height`).
        flex: least.map(|k| Flex {
            chart,
            svg_h: svg.1,
            min_svg_h: (svg.1 * k).ceil(),
            scale: s,
        }),
    }
}

/// The kicker, title and subtitle of a chart typeset as text.
fn head_pieces(geo: &Geometry, c: &Chart, label: &str) -> Vec<Piece> {
    let mut k = Piece::new(KICKER_H);
    // The kicker and the title are one heading: "Table 1 12-month prevalence…".
    k.items.push(kicker(
        geo,
        label,
        in_chart(&[(Role::H2, 0), (Role::Group, 0)]),
    ));
    k.marks.push((outline_title(label, &c.title), 2));
    k.keep_with_next = true;
    let mut out = vec![k];
    let title = in_chart(&[(Role::H2, 0), (Role::Group, 1)]);
    let mut t = para_piece(geo, 0.0, (style::TITLE, Face::Bold, TEXT), &c.title, &title);
    t.keep_with_next = true;
    out.push(t);
    if let Some(sub) = &c.subtitle {
        let st = (style::SUBTITLE, Face::Regular, QUIET);
        let mut s = para_piece(geo, 1.0, st, sub, &in_chart(&[(Role::P, 1)]));
        s.keep_with_next = true;
        out.push(s);
    }
    if let Some(last) = out.last_mut() {
        last.h += 8.0;
    }
    out
}

/// Notes and source under a chart typeset as text.
fn foot_pieces(geo: &Geometry, c: &Chart, cx: &Context) -> Vec<Piece> {
    footer_lines(c, &[], cx.lang, cx.source)
        .iter()
        .enumerate()
        .map(|(i, (t, face))| {
            para_piece(
                geo,
                if i == 0 { 7.0 } else { 2.0 },
                (style::SMALL, *face, QUIET),
                t,
                &in_chart(&[(Role::P, 5 + i as u32)]),
            )
        })
        .collect()
}

const PAD_X: f64 = 5.0;
const PAD_Y: f64 = 4.0;

/// A table: header row, wrapped cells, numbers right-aligned, rules; breaks between rows
/// and repeats the kicker and header row on each continuation page.
pub(super) fn table(
    geo: &Geometry,
    c: &Chart,
    tb: &TableChart,
    label: &str,
    cx: &Context,
) -> Block {
    let size = style::CELL;
    let texts = table::cell_texts(c, tb);
    let (xs, widths) = table::fit_columns(
        &tb.columns,
        &texts,
        size,
        PAD_X,
        36.0,
        geo.left,
        geo.measure(),
    );
    // Rows are read in order under the Table; a header cell heads its column.
    let row = |cells: &[String],
               face: Face,
               top_rule: Option<(f64, Color)>,
               bottom: (f64, Color),
               at: (u32, Role)| {
        let mut p = Piece::default();
        let mut h: f64 = 0.0;
        for (j, t) in cells.iter().enumerate() {
            let (x, w) = (
                xs.get(j).copied().unwrap_or(geo.left),
                widths.get(j).copied().unwrap_or(0.0),
            );
            let align = tb.columns.get(j).map_or(Align::Left, |c| c.align);
            let mut lines = Vec::new();
            let cell = in_chart(&[(Role::Table, 2), (Role::TR, at.0), (at.1, j as u32)]);
            let ch = para(
                &mut lines,
                0.0,
                PAD_Y,
                w - 2.0 * PAD_X,
                (size, face, TEXT),
                t,
                &cell,
            );
            h = h.max(ch);
            for mut it in lines {
                if let PItem::Text { x: tx, text, .. } = &mut it {
                    let tw = fonts::text_width(text, size, face);
                    *tx = match align {
                        Align::Left => x + PAD_X,
                        Align::Right => x + w - PAD_X - tw,
                        Align::Center => x + (w - tw) / 2.0,
                    };
                }
                p.items.push(it);
            }
        }
        p.h = h + 2.0 * PAD_Y;
        if let Some((wd, col)) = top_rule {
            p.items.push(rule(geo, 0.0, wd, col));
        }
        p.items.push(rule(geo, p.h, bottom.0, bottom.1));
        p
    };
    let titles: Vec<String> = tb.columns.iter().map(|c| c.title.clone()).collect();
    let mut header = row(
        &titles,
        Face::Bold,
        Some((0.9, AXIS)),
        (0.6, AXIS),
        (0, Role::TH),
    );
    header.keep_with_next = true;

    let mut pieces = head_pieces(geo, c, label);
    pieces.push(header.clone());
    let n = texts.len();
    for (i, r) in texts.iter().enumerate() {
        let bottom = if i + 1 == n { (0.9, AXIS) } else { (0.4, GRID) };
        let mut p = row(r, Face::Regular, None, bottom, (1 + i as u32, Role::TD));
        // No single row is left alone on either side of a page break (the first row
        // stays with the header), and the last row stays with the source line under it.
        p.keep_with_next = i == 0 || i + 2 >= n;
        // A row taller than a page breaks between its lines.
        if p.h > geo.bottom - geo.top {
            let lh = size * style::LEADING;
            let lines = ((p.h - 2.0 * PAD_Y) / lh).round() as usize;
            let cuts: Vec<f64> = (1..lines).map(|k| PAD_Y + k as f64 * lh).collect();
            pieces.extend(split_at(&p, &cuts));
        } else {
            pieces.push(p);
        }
    }
    pieces.extend(foot_pieces(geo, c, cx));

    let mut cont = Piece::new(KICKER_H);
    cont.items.push(kicker(
        geo,
        &format!("{label} {}", cx.lang.words().continued),
        Tag::Pagination,
    ));
    cont.keep_with_next = true;
    // The header row repeated on a continuation page is page furniture: read once.
    tag::furniture(&mut header.items);
    Block {
        pieces,
        repeat: vec![cont, header],
        space_after: SPACE_AFTER,
        ..Block::default()
    }
}

fn rule(geo: &Geometry, y: f64, width: f64, color: Color) -> PItem {
    PItem::Line {
        x1: geo.left,
        y1: y,
        x2: geo.right,
        y2: y,
        width,
        color,
    }
}

/// A shaded box of bullets, numbered items or paragraphs (Box 1); it may break between
/// items, each part keeping the shading.
fn text_box(geo: &Geometry, c: &Chart, tx: &TextChart, label: &str, cx: &Context) -> Block {
    let pad = 12.0;
    let size = style::BODY;
    let items = textbox::items(c, tx);
    let num_w = fonts::text_width(&format!("{}.", items.len()), size, Face::Bold);
    let indent = match tx.style {
        TextStyle::Bullets => 12.0,
        TextStyle::Numbered => num_w + 6.0,
        TextStyle::Paragraphs => 0.0,
    };
    let shade = |p: &mut Piece| {
        p.items.insert(
            0,
            PItem::Rect {
                x: geo.left,
                y: 0.0,
                w: geo.measure(),
                h: p.h,
                fill: SHADE,
            },
        );
    };
    let mut k = Piece::new(KICKER_H);
    k.items.push(kicker(geo, label, in_chart(&[(Role::H2, 0)])));
    k.marks.push((outline_title(label, &c.title), 2));
    k.keep_with_next = true;
    let mut pieces = vec![k];

    let inner = geo.measure() - 2.0 * pad;
    let mut top = Piece::default();
    let mut h = pad;
    h += para(
        &mut top.items,
        geo.left + pad,
        h,
        inner,
        (style::TITLE, Face::Bold, TEXT),
        &c.title,
        &in_chart(&[(Role::H3, 1)]),
    );
    if let Some(sub) = &c.subtitle {
        h += 1.0;
        h += para(
            &mut top.items,
            geo.left + pad,
            h,
            inner,
            (style::SUBTITLE, Face::Regular, QUIET),
            sub,
            &in_chart(&[(Role::P, 2)]),
        );
    }
    top.h = h + 6.0;
    top.keep_with_next = true;
    top.items.push(PItem::Rect {
        x: geo.left,
        y: 0.0,
        w: geo.measure(),
        h: 2.5,
        fill: ACCENT,
    });
    shade(&mut top);
    // The rule is drawn over the shading.
    let last = top.items.remove(top.items.len() - 1);
    top.items.insert(1, last);
    pieces.push(top);

    let n = items.len();
    for (i, item) in items.iter().enumerate() {
        let mut p = Piece::default();
        let x = geo.left + pad + indent;
        // A list item: its marker and its body; paragraphs are paragraphs.
        let (body, label_tag) = match tx.style {
            TextStyle::Paragraphs => (
                in_chart(&[(Role::Group, 3), (Role::P, i as u32)]),
                Tag::Layout,
            ),
            _ => {
                let list = if tx.style == TextStyle::Numbered {
                    Role::LNum
                } else {
                    Role::L
                };
                let li = in_chart(&[(list, 3), (Role::LI, i as u32)]);
                (li.then(Role::LBody, 1), li.then(Role::Lbl, 0))
            }
        };
        let ih = para(
            &mut p.items,
            x,
            3.0,
            inner - indent,
            (size, Face::Regular, TEXT),
            item,
            &body,
        );
        let marker = match tx.style {
            TextStyle::Bullets => Some(("•".to_string(), geo.left + pad + 1.0)),
            TextStyle::Numbered => {
                let m = format!("{}.", i + 1);
                let w = fonts::text_width(&m, size, Face::Bold);
                Some((m, geo.left + pad + num_w - w))
            }
            TextStyle::Paragraphs => None,
        };
        if let (Some((m, mx)), Some(PItem::Text { y, .. })) = (marker, p.items.first().cloned()) {
            p.items.push(PItem::Text {
                x: mx,
                y,
                size,
                face: Face::Bold,
                color: ACCENT,
                text: m,
                tag: label_tag.clone(),
            });
        }
        p.h = ih + 6.0 + if i + 1 == n { pad - 3.0 } else { 0.0 };
        p.keep_with_next = i + 1 == n;
        // An item taller than a page breaks between its lines; each strip is shaded.
        let cuts: Vec<f64> = if p.h > geo.bottom - geo.top {
            let lh = size * style::LEADING;
            (1..(ih / lh).round() as usize)
                .map(|k| 3.0 + k as f64 * lh)
                .collect()
        } else {
            Vec::new()
        };
        for mut strip in split_at(&p, &cuts) {
            shade(&mut strip);
            pieces.push(strip);
        }
    }
    pieces.extend(foot_pieces(geo, c, cx));

    let mut cont = Piece::new(KICKER_H);
    cont.items.push(kicker(
        geo,
        &format!("{label} {}", cx.lang.words().continued),
        Tag::Pagination,
    ));
    cont.keep_with_next = true;
    let mut cont_pad = Piece::new(pad);
    cont_pad.keep_with_next = true;
    shade(&mut cont_pad);
    Block {
        pieces,
        repeat: vec![cont, cont_pad],
        space_after: SPACE_AFTER,
        ..Block::default()
    }
}
