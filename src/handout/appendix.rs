//! The handout's appendices: the sources (every endnote cited, chains resolved), the data
//! notes (each failing check as a finding) and the data behind the figures (their numbers as
//! tables).

use super::blocks::{heading_with_intro, para, para_piece, table, SPACE_AFTER};
use super::flow::{Block, Piece};
use super::style::{self, QUIET, TEXT};
use super::tag::{Role, Tag};
use super::{Geometry, PItem};
use crate::fonts::{self, Face};
use crate::model::table as model_table;
use crate::model::Context;
use crate::spec::Spec;

/// The appendix of every figure's numbers as real text tables, for readers who cannot see
/// the figures and for fact-checkers: one table per figure, under the figure's own label.
pub(super) fn data_behind(geo: &Geometry, spec: &Spec, labels: &[String]) -> Vec<Block> {
    let mut out = Vec::new();
    for (c, label) in spec.charts.iter().zip(labels) {
        let Some(t) = model_table::behind(c, spec.lang()) else {
            continue;
        };
        let crate::spec::Body::Table(tb) = &t.body else {
            continue;
        };
        let mut block = table(geo, &t, tb, label, &Context::of(spec));
        // Only the appendix heading goes into the contents and the outline.
        for p in block.pieces.iter_mut().chain(block.repeat.iter_mut()) {
            p.marks.clear();
        }
        if out.is_empty() {
            let w = spec.lang().words();
            let mut head = heading_with_intro(geo, w.data_behind, w.data_behind_intro, 8.0);
            head.append(&mut block.pieces);
            block.pieces = head;
        }
        out.push(block);
    }
    out
}

/// Every endnote the charts cite, in full, numbered as in the paper.
pub(super) fn sources(geo: &Geometry, spec: &Spec) -> Option<Block> {
    let cited = spec.cited_sources();
    if cited.is_empty() {
        return None;
    }
    let w = spec.lang().words();
    let intro = w.with_source(w.sources_intro, spec.report.source_name.as_deref());
    let mut pieces = heading_with_intro(geo, w.sources, &intro, 4.0);
    let num_w = fonts::text_width("00.", style::SMALL, Face::Bold) + 6.0;
    for (k, e) in cited.iter().enumerate() {
        let mut p = Piece::default();
        // A numbered list: each note's number is its label.
        let li = Tag::at(&[(Role::LNum, 2), (Role::LI, k as u32)]);
        let h = para(
            &mut p.items,
            geo.left + num_w,
            3.0,
            geo.measure() - num_w,
            (style::SMALL, Face::Regular, TEXT),
            // The paper marks titles *like this*; the handout sets them plain.
            &spec.endnote_text(e),
            &li.then(Role::LBody, 1),
        );
        if let Some(PItem::Text { y, .. }) = p.items.first().cloned() {
            let label = format!("{}.", e.number);
            let w = fonts::text_width(&label, style::SMALL, Face::Bold);
            p.items.push(PItem::Text {
                x: geo.left + num_w - 6.0 - w,
                y,
                size: style::SMALL,
                face: Face::Bold,
                color: TEXT,
                text: label,
                tag: li.then(Role::Lbl, 0),
            });
        }
        p.h = 3.0 + h;
        pieces.push(p);
    }
    Some(Block {
        pieces,
        space_after: SPACE_AFTER,
        ..Block::default()
    })
}

/// The appendix: every failing data check as a note to the authors, with the arithmetic
/// and each number it read, quoted, with its endnotes.
pub(super) fn data_notes(geo: &Geometry, spec: &Spec) -> Option<Block> {
    let failing: Vec<_> = spec.checks.iter().filter(|c| !c.passed).collect();
    if failing.is_empty() {
        return None;
    }
    let lang = spec.lang();
    let intro = crate::spec::checks::notes_intro(
        &spec.checks,
        lang,
        spec.report.source_name.as_deref(),
        true,
    );
    let mut pieces = heading_with_intro(geo, lang.words().data_notes, &intro, 6.0);
    for (k, c) in failing.iter().enumerate() {
        // A finding, then what was checked, then each number with the paper's words (file
        // locations are for the authors, in data-notes.md).
        let key = 2 + 3 * k as u32;
        let finding = c.finding(lang);
        let st = (style::BODY + 0.5, Face::Bold, TEXT);
        let mut name = para_piece(geo, 8.0, st, &finding, &Tag::at(&[(Role::H2, key)]));
        name.keep_with_next = true;
        pieces.push(name);
        let checked = if lang == crate::i18n::Lang::Ja {
            format!("確認した内容：{}。", c.name.trim_end_matches('。'))
        } else {
            format!("Checked: {}.", c.name.trim_end_matches('.'))
        };
        let st = (style::BODY, Face::Regular, TEXT);
        let mut detail = para_piece(geo, 2.0, st, &checked, &Tag::at(&[(Role::P, key + 1)]));
        detail.keep_with_next = true;
        pieces.push(detail);
        let lines = crate::spec::checks::note_lines(c, lang, true);
        let n = lines.len();
        for (i, line) in lines.iter().enumerate() {
            let mut p = Piece::default();
            let indent = 12.0;
            let li = Tag::at(&[(Role::L, key + 2), (Role::LI, i as u32)]);
            let h = para(
                &mut p.items,
                geo.left + indent,
                2.0,
                geo.measure() - indent,
                (style::SMALL, Face::Regular, QUIET),
                line,
                &li.then(Role::LBody, 1),
            );
            if let Some(PItem::Text { y, .. }) = p.items.first().cloned() {
                p.items.push(PItem::Text {
                    x: geo.left + 2.0,
                    y,
                    size: style::SMALL,
                    face: Face::Bold,
                    color: QUIET,
                    text: "•".into(),
                    tag: li.then(Role::Lbl, 0),
                });
            }
            p.h = 2.0 + h;
            // The last number stays with the one before it.
            p.keep_with_next = i + 2 == n;
            pieces.push(p);
        }
    }
    Some(Block {
        pieces,
        space_after: SPACE_AFTER,
        ..Block::default()
    })
}
