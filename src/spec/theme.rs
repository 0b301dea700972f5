//! Themes: colours, palettes and the type scale every chart kind draws with.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Color(pub u8, pub u8, pub u8);

impl Color {
    /// Parses `#rrggbb`.
    pub fn parse(s: &str) -> Option<Color> {
        let h = s.strip_prefix('#')?;
        if h.len() != 6 || !h.is_ascii() {
            return None;
        }
        let p = |i: usize| u8::from_str_radix(h.get(i..i + 2)?, 16).ok();
        Some(Color(p(0)?, p(2)?, p(4)?))
    }

    /// `#rrggbb`, as CSS and SVG write it.
    pub fn css(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance (WCAG), 0 (black) to 1 (white).
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }

    /// The WCAG contrast ratio of two colours, 1 to 21.
    pub fn contrast(self, other: Color) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// This colour, or the closest darker (on a light background; lighter on a dark one)
    /// shade of the same hue that has the 3:1 contrast WCAG 1.4.11 asks of graphics against
    /// `paper`.
    pub fn for_marks(self, paper: Color) -> Color {
        if self.contrast(paper) >= MARK_CONTRAST {
            return self;
        }
        let dark_paper = paper.luminance() < 0.5;
        // Mix towards black (or white) in small steps until the ratio holds.
        let toward = if dark_paper { 255.0 } else { 0.0 };
        let mut out = self;
        for step in 1..=100 {
            let t = f64::from(step) / 100.0;
            let m = |v: u8| (f64::from(v) + (toward - f64::from(v)) * t).round() as u8;
            out = Color(m(self.0), m(self.1), m(self.2));
            if out.contrast(paper) >= MARK_CONTRAST {
                break;
            }
        }
        out
    }

    /// Black or white, whichever reads better on this colour.
    pub fn text_on(self) -> Color {
        if self.luminance() > 0.33 {
            INK
        } else {
            Color(255, 255, 255)
        }
    }
}

/// The contrast every mark keeps against the background (WCAG 1.4.11, non-text contrast).
pub const MARK_CONTRAST: f64 = 3.0;

/// Body text.
pub const INK: Color = Color(0x1a, 0x1a, 0x1a);
/// Secondary text: subtitles, tick labels, sources.
pub const MUTED: Color = Color(0x5c, 0x5c, 0x5c);
/// Grid lines.
pub const GRID: Color = Color(0xdd, 0xdd, 0xdd);
/// The zero line and axis rules.
pub const AXIS: Color = Color(0x33, 0x33, 0x33);
/// Backgrounds of boxes and spans.
pub const SHADE: Color = Color(0xf1, 0xef, 0xea);
/// A remainder series: a neutral grey, 3.4:1 against white.
pub const NEUTRAL: Color = Color(0x8c, 0x8c, 0x8c);
/// The page.
pub const PAPER: Color = Color(0xff, 0xff, 0xff);

/// Okabe & Ito (2008), ordered so that the first colours also differ in lightness.
pub const OKABE_ITO: [Color; 8] = [
    Color(0x00, 0x72, 0xB2), // blue
    Color(0xE6, 0x9F, 0x00), // orange
    Color(0x00, 0x9E, 0x73), // bluish green
    Color(0xD5, 0x5E, 0x00), // vermillion
    Color(0x56, 0xB4, 0xE9), // sky blue
    Color(0xCC, 0x79, 0xA7), // reddish purple
    Color(0xF0, 0xE4, 0x42), // yellow
    Color(0x00, 0x00, 0x00), // black
];

/// For greyscale print: Okabe–Ito hues chosen and darkened so that each differs from the
/// next in lightness by a step a photocopy keeps (L* 25, 50, 75 and back).
pub const PRINT: [Color; 4] = [
    Color(0x00, 0x3F, 0x6B), // dark blue
    Color(0xE6, 0x9F, 0x00), // orange
    Color(0x56, 0xB4, 0xE9), // sky blue
    Color(0x8A, 0x3B, 0x00), // dark vermillion
];

/// Named palettes.
pub const PALETTES: [(&str, &[Color]); 3] = [
    ("house", &HOUSE),
    ("okabe-ito", &OKABE_ITO),
    ("print", &PRINT),
];

/// The house palette: Okabe–Ito hues chosen so that every colour keeps 3:1 against white
/// (WCAG 1.4.11, so thin lines and dots stay visible), any two of the first six stay apart
/// (CIEDE2000 10 or more) for each kind of colour vision, and the first two differ in
/// lightness by 15 (a greyscale copy keeps two lines apart).
pub const HOUSE: [Color; 8] = [
    Color(0x00, 0x72, 0xB2), // blue
    Color(0xC6, 0x89, 0x00), // dark orange
    Color(0x5A, 0x16, 0x16), // maroon
    Color(0x00, 0x9E, 0x73), // bluish green
    Color(0x00, 0x3F, 0x6B), // navy
    Color(0x9B, 0x52, 0x08), // brown
    Color(0xCC, 0x79, 0xA7), // reddish purple
    Color(0x00, 0x00, 0x00), // black
];

/// Type sizes in CSS px (a theme may write them in pt: 1 pt = 4/3 px), and the margin.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TypeScale {
    /// Space around the chart.
    pub margin: f64,
    pub title: f64,
    pub subtitle: f64,
    /// Category and series labels, legends, table cells: everything but the roles below.
    pub label: f64,
    pub tick: f64,
    pub value: f64,
    /// Notes and the source line.
    pub note: f64,
    /// Line height as a multiple of the type size.
    pub leading: f64,
}

impl TypeScale {
    /// The house scale (what `assets/themes/house.toml` states; a test keeps them equal).
    pub const HOUSE: TypeScale = TypeScale {
        margin: 20.0,
        title: 19.0,
        subtitle: 14.0,
        label: 12.5,
        tick: 11.5,
        value: 12.0,
        note: 11.0,
        leading: 1.3,
    };
}

/// Stroke widths in CSS px.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lines {
    /// Grid lines.
    pub grid: f64,
    /// Axis rules and the zero line.
    pub rule: f64,
    /// A series' line (line, slope and range charts); a line of many close points is drawn
    /// at half this.
    pub series: f64,
}

/// Where the title, subtitle and footer sit across the chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
}

/// The legend's swatches.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Legend {
    /// Side of a colour swatch, px.
    pub swatch: f64,
    /// Space between two entries, px.
    pub gap: f64,
}

/// The checked theme: a built-in one or a theme file, with the spec's own `[theme]` keys
/// over it.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// Where the theme comes from: a built-in name or the theme file's path.
    pub name: String,
    /// The body family.
    pub font: String,
    pub palette: Vec<Color>,
    /// Body text, titles and value labels.
    pub ink: Color,
    /// Secondary text: subtitles, ticks, notes, sources.
    pub muted: Color,
    /// Grid lines.
    pub grid: Color,
    /// The zero line and axis rules.
    pub axis: Color,
    /// Backgrounds of boxes and spans.
    pub shade: Color,
    /// A remainder series ("Other offences", `remainder = 100`).
    pub neutral: Color,
    /// The page.
    pub paper: Color,
    /// `[theme] colors`: the colour of a series by its name, in every chart.
    pub by_name: std::collections::BTreeMap<String, Color>,
    pub text: TypeScale,
    pub lines: Lines,
    pub title_align: Align,
    pub legend: Legend,
    /// Whether charts label their values when the chart does not say (`values = …`).
    pub values: bool,
    /// The font files and which family each text role uses.
    pub fonts: std::sync::Arc<crate::fonts::FontSet>,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::house()
    }
}

/// The built-in themes, each a theme file compiled in, the first the default.
pub const BUILT_IN: [(&str, &str); 2] = [
    ("house", include_str!("../../assets/themes/house.toml")),
    ("print", include_str!("../../assets/themes/print.toml")),
];

/// The themes `theme = "…"` can name without a file.
pub const THEMES: [&str; 2] = ["house", "print"];

impl Theme {
    /// The house style: warm greys, light grid, the Okabe–Ito palette.
    pub fn house() -> Theme {
        Theme::builtin("house")
    }

    /// For black-and-white printers and photocopies: pure black text, darker rules and grid
    /// that survive a copier, and a palette of inks that stay apart in greyscale.
    pub fn print() -> Theme {
        Theme::builtin("print")
    }

    /// The theme called `name`.
    pub fn named(name: &str) -> Option<Theme> {
        THEMES.contains(&name).then(|| Theme::builtin(name))
    }

    fn builtin(name: &str) -> Theme {
        static CACHE: std::sync::OnceLock<Vec<Theme>> = std::sync::OnceLock::new();
        let all = CACHE.get_or_init(|| {
            BUILT_IN
                .iter()
                .map(|(n, text)| {
                    // Compiled-in files, checked by a test: a failure is a build defect.
                    #[allow(clippy::expect_used)]
                    super::validate::theme_file::builtin(n, text).expect("built-in theme parses")
                })
                .collect()
        });
        let i = THEMES.iter().position(|n| *n == name).unwrap_or(0);
        all[i].clone()
    }

    /// The colours of a chart's series, by their names: a series named in `[theme] colors`
    /// has its colour; the others take the palette's colours in order, skipping those the
    /// named series of this chart use (the palette repeats when it runs out).
    pub fn colors(&self, names: &[&str]) -> Vec<Color> {
        let taken: Vec<Color> = names
            .iter()
            .filter_map(|n| self.by_name.get(*n))
            .copied()
            .collect();
        let palette: Vec<Color> = (0..self.palette.len().max(HOUSE.len()))
            .map(|i| self.color(i))
            .collect();
        let mut free = palette.iter().filter(|c| !taken.contains(c)).cycle();
        names
            .iter()
            .enumerate()
            .map(|(i, n)| match self.by_name.get(*n) {
                Some(c) => *c,
                None => free.next().copied().unwrap_or_else(|| self.color(i)),
            })
            .collect()
    }

    /// The colour of series `i` (the palette repeats).
    pub fn color(&self, i: usize) -> Color {
        if self.palette.is_empty() {
            return HOUSE[i % HOUSE.len()];
        }
        self.palette[i % self.palette.len()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_hex_colours() {
        assert_eq!(Color::parse("#0072B2"), Some(Color(0, 0x72, 0xB2)));
        assert_eq!(Color::parse("0072B2"), None);
        assert_eq!(Color::parse("#12345"), None);
        assert_eq!(Color::parse("#zz0000"), None);
    }

    #[test]
    fn marks_keep_three_to_one_against_the_background() {
        let white = PAPER;
        // Okabe–Ito orange is 2.2:1 on white: drawn darker, same hue, just over 3:1.
        let orange = Color(0xE6, 0x9F, 0x00);
        assert!(orange.contrast(white) < 2.3);
        let o = orange.for_marks(white);
        assert!(o.contrast(white) >= 3.0 && o.contrast(white) < 3.2, "{o:?}");
        assert!(o.0 > o.1 && o.1 > o.2, "keeps its hue: {o:?}");
        // A colour that passes is kept; on a dark background a dark colour is lightened.
        assert_eq!(Color(0, 0x72, 0xB2).for_marks(white), Color(0, 0x72, 0xB2));
        let night = Color(0x10, 0x10, 0x10);
        assert!(Color(0, 0x40, 0x80).for_marks(night).contrast(night) >= 3.0);
        assert!((Color(0, 0, 0).contrast(white) - 21.0).abs() < 1e-9);
    }

    #[test]
    fn text_contrast() {
        assert_eq!(Color(0, 0x72, 0xB2).text_on(), Color(255, 255, 255));
        assert_eq!(Color(0xF0, 0xE4, 0x42).text_on(), INK);
    }
}
