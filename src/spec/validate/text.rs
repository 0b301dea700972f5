//! A `text` chart (a box of notes): its fields and its own rules. One paragraph, bullet or
//! numbered item per row of the column `field` names.

use super::rules::{Parts, Rules, AS_TEXT};
use super::*;
use crate::spec::kind::KindBody;

/// `text`: one paragraph (or bullet) per row of a column.
#[derive(Debug, Clone)]
pub struct TextChart {
    pub field: usize,
    pub style: TextStyle,
}

/// How a text chart sets its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextStyle {
    #[default]
    Bullets,
    Numbered,
    Paragraphs,
}

impl KindBody for TextChart {
    fn kind(&self) -> Kind {
        Kind::Text
    }
}

pub(crate) const RULES: Rules = Rules {
    keys: &["field", "style"],
    build,
    ..AS_TEXT
};

fn build(v: &mut Validator, p: Parts) -> Option<Body> {
    let (c, id) = (p.raw, p.id);
    let style = v.keyword(
        c.style.as_ref(),
        id,
        "text style",
        &[
            ("bullets", TextStyle::Bullets),
            ("numbered", TextStyle::Numbered),
            ("paragraphs", TextStyle::Paragraphs),
        ],
        TextStyle::Bullets,
        "use \"bullets\", \"numbered\" or \"paragraphs\"",
        false,
    );
    let Some(f) = &c.field else {
        v.err(
            &c.kind,
            id,
            "a text chart needs `field`, the column that holds its paragraphs",
            None,
        );
        return None;
    };
    let field = v.column(&p.table, f, id)?;
    v.cell_glyphs(&p.table, vec![field], id);
    Some(Body::Text(TextChart { field, style }))
}
