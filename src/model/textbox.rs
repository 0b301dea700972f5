//! Layout of `text` charts: a shaded box of bullets, numbered items or paragraphs (Box 1).

use super::figure::{Anchor, Item, Role};
use super::frame::{size, Canvas, Frame};
use super::{cell, Context};
use crate::fonts::{self, Face};
use crate::spec::{Chart, TextChart, TextStyle};

const BODY: f64 = 13.0;

/// The paragraphs of a text chart: the text cells of its `field`, in order.
pub fn items(chart: &Chart, t: &TextChart) -> Vec<String> {
    chart
        .data
        .rows
        .iter()
        .filter_map(|r| match r.cells.get(t.field) {
            Some(c) => c.as_text().map(str::to_string),
            None => None,
        })
        .collect()
}

/// Lays out the chart; returns items, width and height.
pub fn layout(chart: &Chart, t: &TextChart, cx: &Context) -> super::Laid {
    let width = chart.width;
    let mut c = Canvas::new(cx);
    let f = Frame::begin(&mut c, chart, &[], &[]);
    let (top, fh) = (f.top, f.foot_h);
    let pad = 16.0;
    let box_left = size::margin();
    let box_w = width - 2.0 * size::margin();
    let items = items(chart, t);
    let n_w = fonts::text_width(&format!("{}.", items.len()), BODY, Face::Bold);
    let indent = match t.style {
        TextStyle::Bullets => 16.0,
        TextStyle::Numbered => n_w + 8.0,
        TextStyle::Paragraphs => 0.0,
    };
    let text_w = box_w - 2.0 * pad - indent;
    let lh = BODY * 1.38;
    let mut body = Canvas::new(cx);
    let mut y = top + pad;
    for (i, item) in items.iter().enumerate() {
        let lines = fonts::wrap(item, BODY, Face::Regular, text_w);
        let base = y + BODY * 0.95;
        match t.style {
            TextStyle::Bullets => body.text(
                box_left + pad + 3.0,
                base,
                Anchor::Start,
                BODY,
                Face::Bold,
                c.theme.ink,
                "•",
                Role::Body,
            ),
            TextStyle::Numbered => body.text(
                box_left + pad + n_w,
                base,
                Anchor::End,
                BODY,
                Face::Bold,
                c.theme.ink,
                &format!("{}.", i + 1),
                Role::Body,
            ),
            TextStyle::Paragraphs => {}
        }
        for (j, l) in lines.iter().enumerate() {
            body.text(
                box_left + pad + indent,
                base + j as f64 * lh,
                Anchor::Start,
                BODY,
                Face::Regular,
                c.theme.ink,
                l,
                Role::Body,
            );
        }
        y += lines.len() as f64 * lh + 7.0;
    }
    let box_bottom = y - 7.0 + pad;
    c.items.push(Item::Rect {
        x: box_left,
        y: top,
        w: box_w,
        h: box_bottom - top,
        fill: Some(c.theme.shade),
        stroke: None,
    });
    c.items.extend(body.items);
    let height = chart.height.unwrap_or((box_bottom + fh).ceil());
    f.finish(&mut c, width, height);
    c.done(width, height)
}

impl super::Draw for TextChart {
    fn layout(&self, chart: &Chart, cx: &Context) -> super::Laid {
        layout(chart, self, cx)
    }
    fn describe(&self, chart: &Chart, lang: crate::i18n::Lang) -> String {
        describe(chart, self, lang)
    }
}

/// What a screen reader hears: every item of the box.
pub fn describe(chart: &Chart, t: &TextChart, lang: crate::i18n::Lang) -> String {
    let ja = lang.words().ja;
    let rows = &chart.data.rows;
    let items: Vec<String> = rows
        .iter()
        .filter_map(|r| cell(r, t.field).as_text().map(str::to_string))
        .collect();
    if ja {
        format!("{}項目のボックス：{}", items.len(), items.join(""))
    } else {
        format!("Text box with {} items: {}", items.len(), items.join(" "))
    }
}
