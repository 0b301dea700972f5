//! `[theme]`: the font and palette, and the checks that the palette can be told apart and
//! that the bundled fonts can draw the text.

use toml::Spanned;

use super::*;
use crate::error::did_you_mean;
use crate::fonts::{self, Face};
use crate::spec::raw::RawPalette;

/// "no bundled font (Lato, BIZ UDPGothic) can draw `क` (U+0915), …", or `None` when every
/// character has a glyph.
pub(super) fn cannot_draw(text: &str, face: Face) -> Option<String> {
    let missing = fonts::missing_glyphs(text, face);
    if missing.is_empty() {
        return None;
    }
    let list: Vec<String> = missing
        .iter()
        .map(|c| format!("`{c}` (U+{:04X})", u32::from(*c)))
        .collect();
    Some(format!(
        "no bundled font ({}, {}) can draw {}",
        fonts::FAMILY,
        fonts::JA_FAMILY,
        list.join(", ")
    ))
}

impl Validator<'_> {
    /// Warns when the author's palette has colours that people with a colour-vision
    /// deficiency (or anyone, or a greyscale copy) cannot tell apart in the charts that use
    /// them, or fewer colours than a chart has series.
    pub(super) fn palette_vision(&mut self, at: &Spanned<()>, theme: &Theme, charts: &[Chart]) {
        use super::vision;
        let n = charts.iter().map(|c| c.colours()).max().unwrap_or(0).max(2);
        let hex = |c: Color| format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2);
        if theme.palette.len() < n {
            let user = charts
                .iter()
                .find(|c| c.colours() == n)
                .map_or(String::new(), |c| format!(" (chart `{}`)", c.id));
            self.warn(
                at,
                "",
                format!(
                    "the palette has {} colour(s) but a chart draws {n} series{user}: colours repeat",
                    theme.palette.len()
                ),
                Some(format!("give at least {n} colours")),
            );
        }
        let colors: Vec<Color> = theme.palette.iter().copied().take(n).collect();
        let mut told: Vec<(usize, usize)> = Vec::new();
        for c in vision::clashes(&colors) {
            if told.contains(&(c.a, c.b)) {
                continue;
            }
            told.push((c.a, c.b));
            self.warn(
                at,
                "",
                format!(
                    "palette colours {} ({}) and {} ({}) are hard to tell apart with {}: CIEDE2000 difference {:.1}, below {}",
                    c.a + 1,
                    hex(colors[c.a]),
                    c.b + 1,
                    hex(colors[c.b]),
                    c.vision.name(),
                    c.delta_e,
                    vision::MIN_DELTA_E
                ),
                Some("the Okabe–Ito colours (palette = \"okabe-ito\") stay apart for every kind of colour vision".into()),
            );
        }
        // Lines and ranges have no hatching: their series must differ in lightness.
        let plain = charts
            .iter()
            .filter(|c| c.kind().rules().plain)
            .map(|c| c.colours())
            .max()
            .unwrap_or(0);
        for g in vision::grey_clashes(&colors[..plain.min(colors.len())]) {
            self.warn(
                at,
                "",
                format!(
                    "palette colours {} ({}) and {} ({}) print as nearly the same grey (lightness differs by {:.1}, below {}), and line and range charts draw them without hatching",
                    g.a + 1,
                    hex(colors[g.a]),
                    g.b + 1,
                    hex(colors[g.b]),
                    g.delta_l,
                    vision::MIN_DELTA_L
                ),
                Some("choose one lighter and one darker colour".into()),
            );
        }
    }

    pub(super) fn theme(&mut self, t: raw::RawTheme) -> Theme {
        let mut theme = Theme::default();
        if let Some(name) = &t.name {
            match Theme::named(name.get_ref()) {
                Some(named) => theme = named,
                None => {
                    let hint =
                        did_you_mean(name.get_ref(), crate::spec::theme::THEMES.iter().copied())
                            .map_or_else(
                                || format!("themes: {}", crate::spec::theme::THEMES.join(", ")),
                                |b| {
                                    format!(
                                        "did you mean `{b}`? themes: {}",
                                        crate::spec::theme::THEMES.join(", ")
                                    )
                                },
                            );
                    let msg = format!("unknown theme `{}`", name.get_ref());
                    self.err(name, "", msg, Some(hint));
                }
            }
        }
        if let Some(font) = &t.font {
            if font.get_ref() != fonts::FAMILY {
                self.err(
                    font,
                    "",
                    format!("the font `{}` is not bundled", font.get_ref()),
                    Some(format!(
                        "bundled fonts: {} (chartbook never reads system fonts)",
                        fonts::FAMILY
                    )),
                );
            }
        }
        if let Some(map) = &t.colors {
            for (name, c) in map.get_ref() {
                match Color::parse(c.get_ref()) {
                    Some(col) => {
                        theme.by_name.insert(name.clone(), col);
                    }
                    None => self.err(
                        c,
                        "",
                        format!("invalid colour `{}` for `{name}`", c.get_ref()),
                        Some("write colours as \"#rrggbb\"".into()),
                    ),
                }
            }
        }
        if let Some(p) = &t.palette {
            match p.get_ref() {
                RawPalette::Named(name) => {
                    match crate::spec::theme::PALETTES.iter().find(|(n, _)| n == name) {
                        Some((_, colors)) => theme.palette = colors.to_vec(),
                        None => {
                            let names: Vec<&str> = crate::spec::theme::PALETTES
                                .iter()
                                .map(|(n, _)| *n)
                                .collect();
                            let hint = did_you_mean(name, names.iter().copied()).map_or_else(
                                || {
                                    format!(
                                        "palettes: {}, or a list of \"#rrggbb\" colours",
                                        names.join(", ")
                                    )
                                },
                                |b| format!("did you mean `{b}`?"),
                            );
                            let name = name.clone();
                            self.err(p, "", format!("unknown palette `{name}`"), Some(hint));
                        }
                    }
                }
                RawPalette::Colors(list) => {
                    let mut colors = Vec::new();
                    let mut bad = Vec::new();
                    for c in list {
                        match Color::parse(c) {
                            Some(col) => colors.push(col),
                            None => bad.push(c.clone()),
                        }
                    }
                    if !bad.is_empty() || colors.is_empty() {
                        self.err(
                            p,
                            "",
                            format!("invalid palette colour(s): {}", bad.join(", ")),
                            Some("write colours as \"#rrggbb\"".into()),
                        );
                    } else {
                        theme.palette = colors;
                    }
                }
            }
        }
        theme
    }
}
