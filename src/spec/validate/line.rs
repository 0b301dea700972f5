//! `line`: its fields and its own rules. A line joins a series in x order, so x may not
//! repeat within one; its value axis may be a log scale; `markers` choose its dots.

use super::rules::{Parts, Rules, XLimits, ON_AXES};
use super::*;
use crate::spec::kind::KindBody;

/// `line`.
#[derive(Debug, Clone)]
pub struct LineChart {
    pub plot: Plot,
    pub markers: Markers,
    /// Join points across periods the data do not give, with a dotted line (`join_gaps`).
    pub join_gaps: bool,
}

/// Whether a line draws a dot at each point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Markers {
    /// At every point when the points are far enough apart to tell (6 px or more), else
    /// only where a dot says something (a bound, an approximate value).
    #[default]
    Auto,
    Always,
    /// Only where a dot says something: a bound or an approximate value.
    Never,
}

impl KindBody for LineChart {
    fn kind(&self) -> Kind {
        Kind::Line
    }
    fn plot(&self) -> Option<&Plot> {
        Some(&self.plot)
    }
    fn plot_mut(&mut self) -> Option<&mut Plot> {
        Some(&mut self.plot)
    }
}

pub(crate) const RULES: Rules = Rules {
    keys: &["values", "series", "markers", "join_gaps"],
    x_limits: XLimits::Numeric,
    joined: true,
    plain: true,
    build,
    ..ON_AXES
};

fn build(v: &mut Validator, p: Parts) -> Option<Body> {
    let markers = v.keyword(
        p.raw.markers.as_ref(),
        p.id,
        "markers setting",
        &[
            ("auto", Markers::Auto),
            ("always", Markers::Always),
            ("never", Markers::Never),
        ],
        Markers::Auto,
        "use \"auto\", \"always\" or \"never\"",
        false,
    );
    let join_gaps = p.raw.join_gaps.as_ref().is_some_and(|j| *j.get_ref());
    // Two points on a line would place a crossing at a time the data do not give: two
    // columns of exact values are a slope chart.
    let exact = |t: &crate::data::Table| {
        p.plot.series.iter().all(|se| {
            t.rows
                .iter()
                .all(|r| matches!(r.cells.get(se.col), Some(crate::data::Cell::Number { .. })))
        })
    };
    if p.table.rows.len() == 2
        && p.plot.annotations.is_empty()
        && p.plot.y.scale == crate::model::scale::ScaleKind::Linear
        && !join_gaps
        && exact(&p.table)
    {
        return Some(Body::Slope(super::slope::SlopeChart { plot: p.plot }));
    }
    Some(Body::Line(LineChart {
        plot: p.plot,
        markers,
        join_gaps,
    }))
}
