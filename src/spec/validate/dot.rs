//! `dot`: its fields and its own rules. A row per category, a dot per series on a shared
//! value axis; the axis may start anywhere (a dot is a position, not a length), but takes no
//! log scale.

use super::rules::{Rules, ON_AXES};
use super::*;
use crate::spec::kind::KindBody;

/// `dot`: a row per category, a dot per series on a shared value axis (one series: a
/// lollipop from zero).
#[derive(Debug, Clone)]
pub struct DotChart {
    pub plot: Plot,
}

impl KindBody for DotChart {
    fn kind(&self) -> Kind {
        Kind::Dot
    }
    fn plot(&self) -> Option<&Plot> {
        Some(&self.plot)
    }
    fn plot_mut(&mut self) -> Option<&mut Plot> {
        Some(&mut self.plot)
    }
}

pub(crate) const RULES: Rules = Rules {
    keys: &["values", "series"],
    no_log: Some("log scales apply to line and scatter charts"),
    build: |_, p| Some(Body::Dot(DotChart { plot: p.plot })),
    ..ON_AXES
};
