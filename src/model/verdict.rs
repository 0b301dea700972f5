//! What a laid-out chart tells its author before any output is written: a figure too large
//! for any output (an error, with what to do) and the labels the collision step had to
//! shorten or drop (warnings, many said as one). `validate` finds them by laying every chart
//! out; a build hears them from the render itself, and keeps them with the outputs.

use super::collide::{self, Fix};
use super::figure::{Figure, Item};
use crate::error::Diag;
use crate::i18n::Lang;
use crate::spec::Chart;

/// Why a figure cannot be drawn, and what to do.
#[derive(Debug, Clone, PartialEq)]
pub struct TooLarge(pub String);

impl TooLarge {
    /// The error, located at the chart (its edition named when it is not the first).
    pub fn at(&self, chart: &Chart, file: &str, lang: Lang, first: bool) -> Diag {
        let mut d = chart.error(file, in_edition(lang, first, self.0.clone()));
        d.hint = Some(format!(
            "a canvas side is at most {} px and a figure draws at most {MAX_ITEMS} marks: show fewer rows (filter or aggregate the data, monthly rather than daily), widen the canvas, or split the chart",
            crate::spec::validate::MAX_SIDE
        ));
        d
    }
}

/// The warnings of a figure that can be drawn, or why it cannot.
pub fn of(fig: &Figure, fixes: &[Fix]) -> Result<Vec<String>, TooLarge> {
    if let Some(e) = too_large(fig) {
        // Its labels do not matter until it fits.
        return Err(TooLarge(e));
    }
    let mut said: Vec<String> = fixes.iter().filter_map(collide::warning).collect();
    // Many labels that do not fit are one problem: the first few, then a count.
    const SHOWN: usize = 3;
    if said.len() > SHOWN + 1 {
        let more = said.len() - SHOWN;
        said.truncate(SHOWN);
        said.push(format!(
            "{more} more labels did not fit and were shortened or dropped (the chart has too little room for them: widen it, or show fewer categories)"
        ));
    }
    Ok(said)
}

/// A warning of [`of`], located at the chart.
pub fn warning(chart: &Chart, file: &str, lang: Lang, first: bool, w: String) -> Diag {
    chart.warning(file, in_edition(lang, first, w))
}

fn in_edition(lang: Lang, first: bool, what: String) -> String {
    if first {
        what
    } else {
        format!("{} edition: {what}", lang.name())
    }
}

/// The most marks and labels one figure may draw: a line of 20,000 points (40,000 marks)
/// builds in about 3.5 s here; far beyond, the SVG is unreadable and usvg runs out of nodes.
pub const MAX_ITEMS: usize = 50_000;

/// What is wrong with a laid-out figure that no output could hold: a side fitted to the
/// content (a table of 10,000 rows) beyond the largest canvas, or more marks than a figure
/// can draw.
fn too_large(fig: &Figure) -> Option<String> {
    let max = crate::spec::validate::MAX_SIDE;
    let side = |v: f64| v.is_finite() && v <= max + 0.5;
    if !(side(fig.width) && side(fig.height)) {
        return Some(format!(
            "the chart would be {:.0} × {:.0} px, fitted to its content: more than the largest canvas, {max:.0} px a side",
            fig.width, fig.height
        ));
    }
    // Bars narrower than a pixel (1,700 categories on 640 px) vanish from the PNG.
    let thin = fig
        .items
        .iter()
        .filter(|i| matches!(i, Item::Rect { w, h, .. } if w.min(*h) < 1.0 && w.max(*h) > 0.0))
        .count();
    if thin >= 20 {
        return Some(format!(
            "the chart would draw {thin} bars or bands less than a pixel wide: too many categories for a canvas {:.0} px wide",
            fig.width
        ));
    }
    (fig.items.len() > MAX_ITEMS).then(|| {
        format!(
            "the chart would draw {} marks and labels, more than the {MAX_ITEMS} a figure can hold",
            fig.items.len()
        )
    })
}
