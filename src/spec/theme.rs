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

    /// Black or white, whichever reads better on this colour.
    pub fn text_on(self) -> Color {
        if self.luminance() > 0.33 {
            INK
        } else {
            Color(255, 255, 255)
        }
    }
}

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

/// Named palettes.
pub const PALETTES: [(&str, &[Color]); 1] = [("okabe-ito", &OKABE_ITO)];

/// The checked `[theme]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub font: String,
    pub palette: Vec<Color>,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            font: crate::fonts::FAMILY.to_string(),
            palette: OKABE_ITO.to_vec(),
        }
    }
}

impl Theme {
    /// The colour of series `i` (the palette repeats).
    pub fn color(&self, i: usize) -> Color {
        if self.palette.is_empty() {
            return OKABE_ITO[i % OKABE_ITO.len()];
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
    fn text_contrast() {
        assert_eq!(Color(0, 0x72, 0xB2).text_on(), Color(255, 255, 255));
        assert_eq!(Color(0xF0, 0xE4, 0x42).text_on(), INK);
    }
}
