//! What the shared checks of a `[[chart]]` need to know of its kind ([`Rules`]), and what they
//! hand the kind's own checks once the shared keys are read ([`Parts`]). Each kind's file
//! (`bar.rs`, `dot.rs`, …) gives its `Rules`; the registry is [`crate::spec::Kind::rules`].

use std::sync::Arc;

use toml::Spanned;

use super::Validator;
use crate::data::Table;
use crate::spec::raw::{RawAnnotation, RawChart};
use crate::spec::{Annotation, Body, Kind, Plot, RangeSeries};

/// One kind's answers to the shared checks.
pub(crate) struct Rules {
    /// Drawn on axes: it takes `x`, `y`, `color`, `facet` and annotations (a table and a text
    /// box do not).
    pub axes: bool,
    /// The kind-bound keys of `[[chart]]` it takes (see `keys::KIND_KEYS`); any other kind
    /// refuses them at the key.
    pub keys: &'static [&'static str],
    /// It draws low–high pairs (`ranges`) instead of value series.
    pub ranges: bool,
    /// Its x axis holds numbers unless the spec says otherwise (a scatter).
    pub numeric_x: bool,
    /// Its categories always run down the left, so an x title would not be drawn.
    pub across: bool,
    /// Its x axis may be a log scale.
    pub log_x: bool,
    /// When its x axis takes `min` and `max`.
    pub x_limits: XLimits,
    /// Why its value axis cannot be a log scale (`None`: it can).
    pub no_log: Option<&'static str>,
    /// Why its value axis cannot start above zero (`None`: it can).
    pub from_zero: Option<&'static str>,
    /// Each series is drawn joined in x order (a line, an area): x must not repeat in one.
    pub joined: bool,
    /// Its series stack end to end (a stacked bar): it may end in a remainder, and its values
    /// are checked as a stack, not against the axis one by one.
    pub stacked: bool,
    /// Its series are told apart by colour alone (no hatching), so they must differ in
    /// lightness too.
    pub plain: bool,
    /// What `color = { field }` does.
    pub color: ColorUse,
    /// Which annotations it draws.
    pub annotations: Annotations,
    /// The kind's own checks, once the shared keys are read; `None` when the chart cannot be
    /// drawn (the error is reported).
    pub build: fn(&mut Validator, Parts) -> Option<Body>,
}

/// When an x axis takes `min` and `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum XLimits {
    Never,
    /// On a linear or temporal x axis (a line).
    Numeric,
    Always,
}

/// What `color = { field }` does to a kind.
#[derive(Debug, Clone, Copy)]
pub(crate) enum ColorUse {
    /// Splits a long table into one series (or range) per value.
    Pivot,
    /// Colours each row's mark by its value (a scatter's points).
    Groups,
    /// Nothing it could draw: the hint says what to use instead.
    Refused(&'static str),
}

/// Which annotations a kind draws.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Annotations {
    None,
    All,
    /// Reference lines and spans, not points: the message and hint for a point.
    NoPoints(&'static str, &'static str),
    /// The kind decides for each annotation (a bar chart, by its orientation).
    Own(fn(&mut Validator, &Annotation, &Spanned<RawAnnotation>, &RawChart, &str) -> bool),
}

/// What the shared checks have read of a chart, for its kind's own checks and fields.
pub(crate) struct Parts<'c> {
    pub kind: Kind,
    pub raw: &'c RawChart,
    pub table: Arc<Table>,
    pub plot: Plot,
    pub ranges: Vec<RangeSeries>,
    pub id: &'c str,
}

/// The rules every kind drawn on axes starts from; a kind's file changes what differs.
pub(crate) const ON_AXES: Rules = Rules {
    axes: true,
    keys: &[],
    ranges: false,
    numeric_x: false,
    across: false,
    log_x: false,
    x_limits: XLimits::Never,
    no_log: None,
    from_zero: None,
    joined: false,
    stacked: false,
    plain: false,
    color: ColorUse::Pivot,
    annotations: Annotations::All,
    build: |_, _| None,
};

/// The rules of a kind typeset as text (a table, a text box).
pub(crate) const AS_TEXT: Rules = Rules {
    axes: false,
    color: ColorUse::Refused("color splits the series of a chart drawn on axes"),
    annotations: Annotations::None,
    ..ON_AXES
};

impl Rules {
    /// Whether a `kind` chart takes the kind-bound key `key`.
    pub fn takes(&self, key: &str) -> bool {
        self.keys.contains(&key)
    }
}
