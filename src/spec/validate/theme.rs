//! The checks a theme's palette and fonts must pass for the charts that use them: colours
//! that can be told apart, fonts that can draw the text. (Reading themes: `theme_file`.)

use toml::Spanned;

use super::*;
use crate::fonts::{self, Face};

/// "no font of the theme (Lato, BIZ UDPGothic) can draw `क` (U+0915), …", or `None` when
/// every character has a glyph in the font of every text role.
pub(super) fn cannot_draw(set: &fonts::FontSet, text: &str, bold: bool) -> Option<String> {
    let mut missing: Vec<char> = Vec::new();
    for slot in fonts::Slot::ALL {
        let face = if bold { Face::Bold } else { Face::Regular }.at(slot);
        for c in fonts::missing_glyphs_in(set, text, face) {
            if !missing.contains(&c) {
                missing.push(c);
            }
        }
    }
    if missing.is_empty() {
        return None;
    }
    let list: Vec<String> = missing
        .iter()
        .map(|c| format!("`{c}` (U+{:04X})", u32::from(*c)))
        .collect();
    let mut families: Vec<&str> = fonts::Slot::ALL
        .iter()
        .map(|s| set.family(*s).name.as_str())
        .collect();
    families.push(fonts::JA_FAMILY);
    families.dedup();
    Some(format!(
        "no font of the theme ({}) can draw {}",
        families.join(", "),
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
}

impl Validator<'_> {
    /// Warns of each colour the author chose (a palette of their own, a named series colour)
    /// that a chart draws and that has less than 3:1 contrast against the background: its
    /// marks are drawn in a darker shade, which the warning names.
    pub(super) fn mark_contrast(
        &mut self,
        palette_at: Option<&Spanned<()>>,
        named_at: &[(String, Spanned<()>)],
        theme: &Theme,
        charts: &[Chart],
    ) {
        let hex = |c: Color| format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2);
        let paper = theme.paper;
        let said = |c: Color, whose: &str, mark: &str| {
            let fixed = c.for_marks(paper);
            (
                format!(
                    "{whose} {} has {:.2}:1 contrast against the background {}; {mark} need 3:1 (WCAG 1.4.11), so they are drawn in {}",
                    hex(c),
                    c.contrast(paper),
                    hex(paper),
                    hex(fixed)
                ),
                format!("choose a darker colour, such as {}", hex(fixed)),
            )
        };
        // What a chart of this kind draws in its series colours.
        let mark = |c: &Chart| match c.kind().rules().plain {
            true => "its lines and dots",
            false => "its bars and markers",
        };
        for (name, at) in named_at {
            let (Some(color), Some(user)) = (
                theme.by_name.get(name),
                charts
                    .iter()
                    .find(|c| c.colour_names().contains(&name.as_str())),
            ) else {
                continue;
            };
            if color.contrast(paper) < crate::spec::theme::MARK_CONTRAST {
                let (msg, hint) = said(*color, &format!("series `{name}`'s colour"), mark(user));
                self.warn(at, "", format!("{msg} (chart `{}`)", user.id), Some(hint));
            }
        }
        let Some(at) = palette_at else { return };
        let n = charts.iter().map(|c| c.colours()).max().unwrap_or(0);
        for (i, color) in theme.palette.iter().take(n).enumerate() {
            if color.contrast(paper) < crate::spec::theme::MARK_CONTRAST {
                let user = charts.iter().find(|c| c.colours() > i);
                let (msg, hint) = said(
                    *color,
                    &format!("palette colour {}", i + 1),
                    user.map_or("marks", mark),
                );
                self.warn(at, "", msg, Some(hint));
            }
        }
    }
}

/// Where the spec's own palette and series colours are written, for warnings about them.
type ThemeAt = (Option<Spanned<()>>, Vec<(String, Spanned<()>)>);

impl Validator<'_> {
    /// The spec's theme (`theme = "…"` or `[theme]`), read with its files; where its palette
    /// and named colours are written.
    pub(super) fn load_theme(
        &mut self,
        raw: Option<Spanned<raw::RawThemeRef>>,
    ) -> (Theme, Option<Spanned<()>>, Vec<(String, Spanned<()>)>) {
        let mut loader = super::theme_file::Loader::new(self.root);
        let (theme, (palette_at, named_at)): (Theme, ThemeAt) = match raw {
            None => (Theme::house(), (None, Vec::new())),
            Some(r) => {
                let span = r.span();
                match r.into_inner() {
                    raw::RawThemeRef::Name(name) => {
                        let at = Spanned::new(span.clone(), name);
                        let t = loader.named(self.file, self.text, &at);
                        // A palette of the author's own, from the file: warn at `theme = …`.
                        let own = !crate::spec::theme::PALETTES
                            .iter()
                            .any(|(_, p)| *p == t.palette.as_slice());
                        (t, (own.then(|| Spanned::new(span, ())), Vec::new()))
                    }
                    raw::RawThemeRef::Table(table) => {
                        let palette_at = match &table.palette {
                            Some(p) if matches!(p.get_ref(), raw::RawPalette::Colors(_)) => {
                                Some(Spanned::new(p.span(), ()))
                            }
                            _ => None,
                        };
                        let named_at = table
                            .colors
                            .iter()
                            .flat_map(|m| m.get_ref().iter())
                            .map(|(k, v)| (k.clone(), Spanned::new(v.span(), ())))
                            .collect();
                        let t = loader.table(self.file, self.text, table);
                        (t, (palette_at, named_at))
                    }
                }
            }
        };
        self.diags.extend(loader.diags);
        (theme, palette_at, named_at)
    }
}
