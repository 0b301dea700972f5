//! The frame every chart shares: left-aligned title and subtitle, legend, notes and source
//! line at the foot, and the type scale. Kinds lay out their plot inside what is left.

use super::figure::{Anchor, Item, Label, Role, Stroke};
use super::format::NumFormat;
use super::scale::{Scale, Ticks};
use crate::fonts::{self, Face};
use crate::i18n::Lang;
use crate::spec::{Axis, Chart, Color, Theme};

pub use super::key::{Key, Swatch};

/// The type scale and the margin in force (the theme's, see [`crate::style`]), in CSS px.
pub mod size {
    use crate::style::current;
    pub fn margin() -> f64 {
        current().margin
    }
    pub fn title() -> f64 {
        current().title
    }
    pub fn subtitle() -> f64 {
        current().subtitle
    }
    pub fn label() -> f64 {
        current().label
    }
    pub fn tick() -> f64 {
        current().tick
    }
    pub fn value() -> f64 {
        current().value
    }
    pub fn note() -> f64 {
        current().note
    }
    /// Line height as a multiple of the type size.
    pub fn leading() -> f64 {
        current().leading
    }
}

/// A growing list of primitives with text helpers, drawn in a theme's colours.
#[derive(Debug)]
pub struct Canvas {
    pub items: Vec<Item>,
    pub theme: Theme,
    /// The language of chartbook's own words on the chart.
    pub lang: crate::i18n::Lang,
    /// What the figures come from, for those words ([`super::Context::source`]).
    pub source: Option<String>,
    /// What the layout left out, in words, for a warning (see [`super::Laid::notices`]).
    pub notices: Vec<String>,
    /// A panel of small multiples: a small title, no legend and no footer (the whole figure
    /// has one of each); the key entries it would have written go to `keys`.
    pub panel: bool,
    pub keys: Vec<Key>,
    /// The plot's left and right ends that the context imposes ([`super::Context::plot_x`]).
    forced_x: Option<(f64, f64)>,
    /// The plot's left and right ends as laid out.
    plot_x: Option<(f64, f64)>,
}

impl Canvas {
    /// The finished layout of a chart of this size.
    pub fn done(self, width: f64, height: f64) -> super::Laid {
        super::Laid {
            items: self.items,
            width,
            height,
            notices: self.notices,
            keys: self.keys,
            plot_x: self.plot_x,
        }
    }

    /// The plot's left and right ends: `left` and `right` as the layout fitted them to its
    /// labels, unless the panels of small multiples must share theirs (then those, so that a
    /// shared scale maps a value to the same place in every panel).
    pub fn plot_x(&mut self, left: f64, right: f64) -> (f64, f64) {
        let x = self.forced_x.unwrap_or((left, right));
        self.plot_x = Some(x);
        x
    }

    /// An empty canvas for a chart drawn in the edition's theme and language.
    pub fn new(cx: &super::Context) -> Canvas {
        Canvas {
            items: Vec::new(),
            theme: cx.theme.clone(),
            lang: cx.lang,
            source: cx.source.map(str::to_string),
            notices: Vec::new(),
            panel: cx.panel,
            keys: Vec::new(),
            forced_x: cx.plot_x,
            plot_x: None,
        }
    }

    /// Adds one line of text with its baseline at `y`.
    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &mut self,
        x: f64,
        y: f64,
        anchor: Anchor,
        size: f64,
        face: Face,
        color: Color,
        text: &str,
        role: Role,
    ) {
        if text.is_empty() {
            return;
        }
        self.items.push(Item::Text(Label {
            x,
            y,
            anchor,
            size,
            face,
            color,
            text: text.to_string(),
            role,
        }));
    }

    /// Adds wrapped text whose first line's top is at `top`; returns the y below the last line.
    #[allow(clippy::too_many_arguments)]
    pub fn paragraph(
        &mut self,
        x: f64,
        top: f64,
        width: f64,
        size: f64,
        face: Face,
        color: Color,
        text: &str,
        role: Role,
    ) -> f64 {
        self.paragraph_at(x, Anchor::Start, top, width, size, face, color, text, role)
    }

    /// A paragraph across the chart's inner width, aligned as the theme's `title_align` says
    /// (titles, subtitles and the footer).
    #[allow(clippy::too_many_arguments)]
    fn heading(
        &mut self,
        chart_width: f64,
        top: f64,
        size: f64,
        face: Face,
        color: Color,
        text: &str,
        role: Role,
    ) -> f64 {
        let inner = chart_width - 2.0 * size::margin();
        let (x, anchor) = match self.theme.title_align {
            crate::spec::theme::Align::Left => (size::margin(), Anchor::Start),
            crate::spec::theme::Align::Center => (chart_width / 2.0, Anchor::Middle),
        };
        self.paragraph_at(x, anchor, top, inner, size, face, color, text, role)
    }

    #[allow(clippy::too_many_arguments)]
    fn paragraph_at(
        &mut self,
        x: f64,
        anchor: Anchor,
        top: f64,
        width: f64,
        size: f64,
        face: Face,
        color: Color,
        text: &str,
        role: Role,
    ) -> f64 {
        let lines = fonts::wrap(text, size, face, width);
        let lh = size * size::leading();
        let mut y = top;
        for line in &lines {
            self.text(x, y + size * 0.95, anchor, size, face, color, line, role);
            y += lh;
        }
        y
    }

    /// Adds a label on a paper-coloured patch, so that grid lines do not run through it.
    #[allow(clippy::too_many_arguments)]
    pub fn halo_text(
        &mut self,
        x: f64,
        y: f64,
        anchor: Anchor,
        size: f64,
        face: Face,
        color: Color,
        text: &str,
        role: Role,
    ) {
        let l = Label {
            x,
            y,
            anchor,
            size,
            face,
            color,
            text: text.to_string(),
            role,
        };
        let (x0, y0, x1, y1) = l.bbox();
        self.rect(
            x0 - 3.0,
            y0 - 2.0,
            x1 - x0 + 6.0,
            y1 - y0 + 4.0,
            self.theme.paper,
        );
        self.items.push(Item::Text(l));
    }

    /// "no data" in small muted italics where a missing value's mark would be.
    pub fn no_data(&mut self, x: f64, y: f64, anchor: Anchor) {
        let (muted, words) = (self.theme.muted, self.lang.words().no_data);
        self.text(
            x,
            y,
            anchor,
            size::tick(),
            Face::Italic.at(crate::fonts::Slot::Tick),
            muted,
            words,
            Role::Value,
        );
    }

    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: Color) {
        self.items.push(Item::Rect {
            x,
            y,
            w,
            h,
            fill: Some(fill),
            stroke: None,
        });
    }

    /// Hatches the rectangle with lines in the paper colour: `pattern` 1 rises to the right,
    /// 2 falls, 3 is horizontal, 4 and up vertical; 0 draws nothing.
    pub fn hatch(&mut self, x: f64, y: f64, w: f64, h: f64, pattern: u8) {
        const GAP: f64 = 4.5;
        let (x0, y0, x1, y1) = (x, y, x + w, y + h);
        let stroke = Stroke::solid(self.theme.paper, 1.3);
        let mut segs = Vec::new();
        match pattern {
            0 => {}
            1 => {
                // x + y = k
                let mut k = x0 + y0 + GAP / 2.0;
                while k < x1 + y1 {
                    let (sx, ex) = ((k - y1).max(x0), (k - y0).min(x1));
                    segs.push(((sx, k - sx), (ex, k - ex)));
                    k += GAP * std::f64::consts::SQRT_2;
                }
            }
            2 => {
                // x - y = k
                let mut k = x0 - y1 + GAP / 2.0;
                while k < x1 - y0 {
                    let (sx, ex) = ((k + y0).max(x0), (k + y1).min(x1));
                    segs.push(((sx, sx - k), (ex, ex - k)));
                    k += GAP * std::f64::consts::SQRT_2;
                }
            }
            3 => {
                let mut yy = y0 + GAP / 2.0;
                while yy < y1 {
                    segs.push(((x0, yy), (x1, yy)));
                    yy += GAP;
                }
            }
            _ => {
                let mut xx = x0 + GAP / 2.0;
                while xx < x1 {
                    segs.push(((xx, y0), (xx, y1)));
                    xx += GAP;
                }
            }
        }
        for ((ax, ay), (bx, by)) in segs {
            if (bx - ax).hypot(by - ay) > 0.5 {
                self.line(ax, ay, bx, by, stroke);
            }
        }
    }

    pub fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, stroke: Stroke) {
        self.items.push(Item::Line {
            points: vec![(x1, y1), (x2, y2)],
            stroke,
        });
    }
}

/// Height of wrapped text.
fn paragraph_height(text: &str, size: f64, face: Face, width: f64) -> f64 {
    fonts::wrap(text, size, face, width).len() as f64 * size * size::leading()
}

/// The chart's header (title, subtitle) drawn at the top; returns the y where the plot may start.
fn header(c: &mut Canvas, chart: &Chart, width: f64) -> f64 {
    let mut y = size::margin() - 2.0;
    y = c.heading(
        width,
        y,
        size::title(),
        Face::TITLE,
        c.theme.ink,
        &chart.title,
        Role::Title,
    );
    if let Some(sub) = &chart.subtitle {
        y += 1.0;
        y = c.heading(
            width,
            y,
            size::subtitle(),
            Face::SUBTITLE,
            c.theme.muted,
            sub,
            Role::Subtitle,
        );
    }
    y + 12.0
}

/// The lines of the footer: notes (the author's and the automatic ones), then the source.
pub(crate) fn footer_lines(
    chart: &Chart,
    keys: &[Key],
    lang: crate::i18n::Lang,
    source: Option<&str>,
) -> Vec<(String, Face)> {
    let w = lang.words();
    let mut out = Vec::new();
    for n in &chart.notes {
        out.push((format!("{}{n}", w.note), Face::NOTE));
    }
    // Keys that no sample can draw (a fit, rows left out) are notes.
    for k in keys.iter().filter(|k| k.is_words()) {
        let t = k.text(lang, source);
        let stop = if t.ends_with(['.', '。']) {
            ""
        } else {
            w.stop
        };
        out.push((
            format!("{}{}{stop}", w.note, crate::i18n::upper_first(&t)),
            Face::NOTE,
        ));
    }
    let mut src = String::new();
    if let Some(s) = &chart.source {
        src.push_str(w.source);
        src.push_str(s.trim_end_matches(['.', '。']));
        src.push_str(w.stop);
    }
    if !chart.footnotes.is_empty() {
        if !src.is_empty() && w.stop == "." {
            src.push(' ');
        }
        src.push_str(&w.endnotes(&chart.footnotes, source));
    }
    if !src.is_empty() {
        out.push((src, Face::NOTE));
    }
    out
}

/// Height the footer needs.
fn footer_height(lines: &[(String, Face)], width: f64) -> f64 {
    let inner = width - 2.0 * size::margin();
    let h: f64 = lines
        .iter()
        .map(|(t, f)| paragraph_height(t, size::note(), *f, inner) + 3.0)
        .sum();
    if h > 0.0 {
        h + 14.0 + size::margin() - 6.0
    } else {
        size::margin()
    }
}

/// Draws the footer so that it ends at the bottom margin of a canvas `height` tall.
fn footer(c: &mut Canvas, lines: &[(String, Face)], width: f64, height: f64) {
    let mut y = height - footer_height(lines, width) + 14.0;
    for (t, f) in lines {
        let w = Lang::words(Lang::En);
        let j = Lang::words(Lang::Ja);
        let cited = !t.starts_with(w.note)
            && !t.starts_with(j.note)
            && (t.contains(w.endnote_one)
                || t.contains(&w.endnote_one.to_lowercase())
                || t.contains(j.endnote_one));
        let role = if cited
            || [w.source, j.source]
                .iter()
                .any(|p| t.starts_with(p.trim_end()))
        {
            Role::Source
        } else {
            Role::Note
        };
        y = c.heading(width, y, size::note(), *f, c.theme.muted, t, role) + 3.0;
    }
}

/// What every chart decides before its plot: where the plot may start, and the footer.
#[derive(Debug)]
pub struct Frame {
    /// The y below the header and legend.
    pub top: f64,
    pub foot: Vec<(String, Face)>,
    /// Height the footer needs.
    pub foot_h: f64,
}

impl Frame {
    /// Draws the header and the legend (series swatches, then samples of the `keys`' marks;
    /// nothing when both are empty) and measures the footer: the author's notes, the keys
    /// that are words only, then the source.
    pub fn begin(c: &mut Canvas, chart: &Chart, legend_entries: &[Swatch], keys: &[Key]) -> Frame {
        let width = chart.width;
        if c.panel {
            // A panel's title is its facet value, small; its keys join the figure's.
            let ink = c.theme.ink;
            c.text(
                size::margin(),
                6.0 + size::label(),
                Anchor::Start,
                size::label(),
                Face::Bold,
                ink,
                &chart.title,
                Role::Subtitle,
            );
            c.keys = keys.to_vec();
            return Frame {
                top: 14.0 + size::label(),
                foot: Vec::new(),
                foot_h: 4.0,
            };
        }
        let top = header(c, chart, width);
        let top = super::key::legend(
            c,
            legend_entries,
            keys,
            size::margin(),
            width - size::margin(),
            top,
        );
        let foot = footer_lines(chart, keys, c.lang, c.source.as_deref());
        let foot_h = footer_height(&foot, width);
        Frame { top, foot, foot_h }
    }

    /// Draws the footer at the foot of a canvas `height` tall.
    pub fn finish(&self, c: &mut Canvas, width: f64, height: f64) {
        footer(c, &self.foot, width, height);
    }
}

/// Draws the value axis title (if any) at `top`; returns the y below it, `gap` further down.
pub fn axis_title(c: &mut Canvas, y: &Axis, top: f64, gap: f64) -> f64 {
    match &y.title {
        Some(t) => {
            c.text(
                size::margin(),
                top + size::tick(),
                Anchor::Start,
                size::tick(),
                Face::Regular.at(crate::fonts::Slot::Tick),
                c.theme.muted,
                t,
                Role::AxisTitle,
            );
            top + size::tick() + gap
        }
        None => top,
    }
}

/// A reference line at value `y` across the plot from `left` to `right`, labelled at its right
/// end on a halo.
pub fn rule(c: &mut Canvas, ys: &Scale, y: f64, text: &str, left: f64, right: f64) {
    let yy = ys.map(y);
    c.line(
        left,
        yy,
        right,
        yy,
        Stroke::dashed(c.theme.ink, 1.2, 5.0, 3.0),
    );
    c.halo_text(
        right,
        yy - 6.0,
        Anchor::End,
        size::label(),
        Face::Bold,
        c.theme.ink,
        text,
        Role::Annotation,
    );
}

/// A shaded span of the x axis from `from` to `to`, under the marks, its label in italics at
/// the top of the plot.
pub fn span(c: &mut Canvas, xs: &Scale, (from, to): (f64, f64), text: &str, top: f64, bottom: f64) {
    let (a0, a1) = (xs.map(from), xs.map(to));
    let band = super::tint(c.theme.grid, 0.3);
    c.rect(a0.min(a1), top, (a1 - a0).abs(), bottom - top, band);
    c.text(
        (a0 + a1) / 2.0,
        top + size::tick(),
        Anchor::Middle,
        size::tick(),
        Face::Italic.at(crate::fonts::Slot::Tick),
        c.theme.muted,
        text,
        Role::Annotation,
    );
}

/// The height an x axis title takes below the tick or category labels: none without a title.
pub fn x_title_room(x: &Axis) -> f64 {
    if x.title.is_some() {
        size::tick() * size::leading() + 4.0
    } else {
        0.0
    }
}

/// Draws the x axis title (if any) right-aligned at `right`, in the band that starts at `top`
/// (the foot of the tick or category labels): it reads as the name of the axis's far end.
pub fn x_title(c: &mut Canvas, x: &Axis, right: f64, top: f64) {
    if let Some(t) = &x.title {
        c.text(
            right,
            top + 4.0 + size::tick() * 0.95,
            Anchor::End,
            size::tick(),
            Face::Regular.at(crate::fonts::Slot::Tick),
            c.theme.muted,
            t,
            Role::AxisTitle,
        );
    }
}

/// The tick labels of the value axis, in its format with the ticks' decimals, and the gutter
/// they need: the width of the widest, at most two fifths of the
/// canvas's inner width: longer labels (a 50-character suffix) would leave no plot, so they
/// spill and the collision step drops them with a warning.
pub fn tick_labels(format: &NumFormat, ticks: &Ticks, width: f64) -> (Vec<String>, f64) {
    let fmt = NumFormat {
        decimals: None,
        ..format.clone()
    };
    let labels: Vec<String> = ticks
        .values
        .iter()
        .map(|v| fmt.number(*v, ticks.decimals))
        .collect();
    let widest = labels
        .iter()
        .map(|t| fonts::text_width(t, size::tick(), Face::Regular.at(crate::fonts::Slot::Tick)))
        .fold(0.0, f64::max);
    (
        labels,
        widest.min(0.4 * (width - 2.0 * size::margin())).max(0.0),
    )
}

/// Light horizontal grid lines at the ticks, labelled right-aligned left of the plot.
pub fn y_grid(c: &mut Canvas, ys: &Scale, ticks: &Ticks, labels: &[String], left: f64, right: f64) {
    for (v, t) in ticks.values.iter().zip(labels) {
        let y = ys.map(*v);
        c.line(
            left,
            y,
            right,
            y,
            Stroke::solid(c.theme.grid, c.theme.lines.grid),
        );
        c.text(
            left - 6.0,
            y + size::tick() * 0.35,
            Anchor::End,
            size::tick(),
            Face::Regular.at(crate::fonts::Slot::Tick),
            c.theme.muted,
            t,
            Role::Tick,
        );
    }
}
