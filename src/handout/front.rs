//! Front matter and page furniture: the title page from `[report]`, the contents with page
//! numbers, and the running footer ("title · Page N of M").

use super::blocks::{para, Entry};
use super::style::{self, ACCENT, QUIET, TEXT};
use super::{Geometry, PItem, Page, Role, Tag};
use crate::fonts::{self, Face};
use crate::i18n::Words;
use crate::spec::theme::GRID;
use crate::spec::Spec;

/// The title page: publisher, title, subtitle, authors and date, and a note on numbering.
pub fn title_page(geo: &Geometry, spec: &Spec) -> Page {
    let r = &spec.report;
    let mut items = Vec::new();
    let w = geo.measure();
    let x = geo.left;
    let mut y = geo.height * 0.22;
    if !r.publisher.is_empty() {
        y += para(
            &mut items,
            x,
            y,
            w,
            (10.0, Face::Bold, ACCENT),
            &r.publisher,
            &front(Role::P, 0),
        );
        y += 14.0;
    }
    items.push(PItem::Rect {
        x,
        y,
        w: 48.0,
        h: 3.0,
        fill: ACCENT,
    });
    y += 18.0;
    let title = front(Role::H1, 1);
    y += para(
        &mut items,
        x,
        y,
        w,
        (28.0, Face::Bold, TEXT),
        &r.title,
        &title,
    );
    if !r.subtitle.is_empty() {
        y += 6.0;
        y += para(
            &mut items,
            x,
            y,
            w,
            (16.0, Face::Regular, QUIET),
            &r.subtitle,
            &front(Role::P, 2),
        );
    }
    if !r.authors.is_empty() {
        y += 28.0;
        y += para(
            &mut items,
            x,
            y,
            w,
            (11.5, Face::Regular, TEXT),
            // Japanese names are listed with 、, English ones with commas.
            &r.authors
                .join(if spec.lang().words().ja { "、" } else { ", " }),
            &front(Role::P, 3),
        );
    }
    if !r.date.is_empty() {
        y += 4.0;
        let st = (11.5, Face::Regular, QUIET);
        para(&mut items, x, y, w, st, &r.date, &front(Role::P, 4));
    }
    let words = spec.lang().words();
    let note = words.with_source(words.numbering_note, spec.report.source_name.as_deref());
    let note = note.as_str();
    let lines = fonts::wrap(note, style::SMALL, Face::Regular, w).len() as f64;
    let ny = geo.bottom - lines * style::SMALL * style::LEADING;
    items.push(PItem::Line {
        x1: x,
        y1: ny - 8.0,
        x2: geo.right,
        y2: ny - 8.0,
        width: 0.5,
        color: GRID,
    });
    para(
        &mut items,
        x,
        ny,
        w,
        (style::SMALL, Face::Regular, QUIET),
        note,
        &front(Role::P, 5),
    );
    Page { items }
}

/// A path on the title page (the document's first part).
fn front(role: Role, key: u32) -> Tag {
    Tag::at(&[(Role::Group, 0), (role, key)])
}

/// The path of contents entry `i`'s link, whose parts are read label, title, page.
pub fn entry_link(i: usize) -> Tag {
    Tag::at(&[
        (Role::Group, 1),
        (Role::TOC, 1),
        (Role::TOCI, i as u32),
        (Role::Link, 0),
    ])
}

const LABEL_W: f64 = 62.0;
const NUM_W: f64 = 28.0;

/// Where a contents entry sits: its page (0 = the first contents page), top and height.
pub type EntryBox = (usize, f64, f64);

/// The contents: sections in bold, charts with their label, each with its page number, and
/// the box of each entry (for links). `pages[i]` is the page of `entries[i]` (0 while not
/// yet known); the number of pages only depends on the entries.
pub fn contents(
    geo: &Geometry,
    entries: &[Entry],
    pages: &[usize],
    w: &Words,
) -> (Vec<Page>, Vec<EntryBox>) {
    let mut out = vec![Page::default()];
    let mut boxes = Vec::with_capacity(entries.len());
    let mut y = geo.top;
    let mut items = Vec::new();
    y += para(
        &mut items,
        geo.left,
        y,
        geo.measure(),
        (style::H1, Face::Bold, TEXT),
        w.contents,
        &Tag::at(&[(Role::Group, 1), (Role::H1, 0)]),
    );
    y += 14.0;
    out[0].items = items;
    for (i, e) in entries.iter().enumerate() {
        let mut items = Vec::new();
        let (size, face, pre) = if e.level == 1 {
            (
                style::BODY + 0.5,
                Face::Bold,
                if i == 0 { 0.0 } else { 10.0 },
            )
        } else {
            (style::BODY, Face::Regular, 3.0)
        };
        let tx = if e.level == 1 {
            geo.left
        } else {
            geo.left + LABEL_W
        };
        let tw = geo.right - NUM_W - tx - 8.0;
        let link = entry_link(i);
        let title = link.then(Role::Group, 1);
        let h = para(
            &mut items,
            tx,
            pre,
            tw,
            (size, face, TEXT),
            &e.title,
            &title,
        );
        let (base, _) = match items.first() {
            Some(PItem::Text { y, .. }) => (*y, ()),
            _ => (pre + size, ()),
        };
        if e.level == 2 {
            items.push(PItem::Text {
                x: geo.left,
                y: base,
                size,
                face: Face::Bold,
                color: ACCENT,
                text: e.label.clone(),
                tag: link.then(Role::Group, 0),
            });
        }
        let num = pages.get(i).copied().unwrap_or(0).to_string();
        let nw = fonts::text_width(&num, size, face);
        items.push(PItem::Text {
            x: geo.right - nw,
            y: base + (h - size * style::LEADING).max(0.0),
            size,
            face,
            color: TEXT,
            text: num,
            tag: link.then(Role::Group, 2),
        });
        let total = pre + h;
        if y + total > geo.bottom {
            out.push(Page::default());
            y = geo.top;
        }
        boxes.push((out.len() - 1, y + pre, h));
        if let Some(page) = out.last_mut() {
            page.items.extend(items.into_iter().map(|mut it| {
                if let PItem::Text { y: ty, .. } = &mut it {
                    *ty += y;
                }
                it
            }));
        }
        y += total;
    }
    (out, boxes)
}

/// The running footer: a hairline, the report title on the left, "Page N of M" on the right.
pub fn running_footer(
    geo: &Geometry,
    page: &mut Page,
    title: &str,
    (n, total): (usize, usize),
    w: &Words,
) {
    let y = geo.footer_y();
    let size = style::SMALL;
    page.items.push(PItem::Line {
        x1: geo.left,
        y1: y - size - 4.0,
        x2: geo.right,
        y2: y - size - 4.0,
        width: 0.5,
        color: GRID,
    });
    let right = w.page_of(n, total);
    let rw = fonts::text_width(&right, size, Face::Regular);
    let room = geo.measure() - rw - 24.0;
    let mut left = title.to_string();
    if fonts::text_width(&left, size, Face::Regular) > room {
        while !left.is_empty() && fonts::text_width(&format!("{left}…"), size, Face::Regular) > room
        {
            left.pop();
        }
        left = format!("{}…", left.trim_end());
    }
    page.items.push(PItem::Text {
        x: geo.left,
        y,
        size,
        face: Face::Regular,
        color: QUIET,
        text: left,
        tag: Tag::Pagination,
    });
    page.items.push(PItem::Text {
        x: geo.right - rw,
        y,
        size,
        face: Face::Regular,
        color: QUIET,
        text: right,
        tag: Tag::Pagination,
    });
}
