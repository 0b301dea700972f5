//! The bundled fonts: their bytes (compiled into the binary, never read from the system),
//! text measurement for layout, and glyph coverage checks. Depends on nothing else in the crate.

use std::sync::OnceLock;

/// The family name every chart names explicitly in its SVG.
pub const FAMILY: &str = "Lato";

/// The family that draws what Lato cannot: Japanese (kana, kanji, full-width punctuation).
pub const JA_FAMILY: &str = "BIZ UDPGothic";

/// Regular, bold and italic faces of the bundled family (SIL Open Font License 1.1,
/// see `assets/fonts/Lato-OFL.txt`).
pub const REGULAR: &[u8] = include_bytes!("../assets/fonts/Lato-Regular.ttf");
/// Bold face.
pub const BOLD: &[u8] = include_bytes!("../assets/fonts/Lato-Bold.ttf");
/// Italic face.
pub const ITALIC: &[u8] = include_bytes!("../assets/fonts/Lato-Italic.ttf");
/// BIZ UDPGothic, Morisawa's universal-design Japanese gothic (SIL Open Font License 1.1,
/// see `assets/fonts/BIZUDPGothic-OFL.txt`). It has no italic: italic Japanese is upright.
pub const JA_REGULAR: &[u8] = include_bytes!("../assets/fonts/BIZUDPGothic-Regular.ttf");
/// BIZ UDPGothic Bold.
pub const JA_BOLD: &[u8] = include_bytes!("../assets/fonts/BIZUDPGothic-Bold.ttf");

/// Which face of the family a run of text uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    Regular,
    Bold,
    Italic,
}

/// One bundled font file: a face of Lato, or of the Japanese fallback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Font {
    Latin(FaceKey),
    Japanese(FaceKey),
}

/// A face as a sortable key (Face itself has no order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FaceKey {
    Regular,
    Bold,
    Italic,
}

impl FaceKey {
    pub fn of(face: Face) -> FaceKey {
        match face {
            Face::Regular => FaceKey::Regular,
            Face::Bold => FaceKey::Bold,
            Face::Italic => FaceKey::Italic,
        }
    }
}

impl Font {
    /// The font's bytes.
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Font::Latin(FaceKey::Regular) => REGULAR,
            Font::Latin(FaceKey::Bold) => BOLD,
            Font::Latin(FaceKey::Italic) => ITALIC,
            Font::Japanese(FaceKey::Bold) => JA_BOLD,
            Font::Japanese(_) => JA_REGULAR,
        }
    }

    /// Every bundled font, in a fixed order (the font database and the manifest's font hash
    /// follow it).
    pub const ALL: [Font; 5] = [
        Font::Latin(FaceKey::Regular),
        Font::Latin(FaceKey::Bold),
        Font::Latin(FaceKey::Italic),
        Font::Japanese(FaceKey::Regular),
        Font::Japanese(FaceKey::Bold),
    ];

    fn index(self) -> usize {
        match self {
            Font::Latin(FaceKey::Regular) => 0,
            Font::Latin(FaceKey::Bold) => 1,
            Font::Latin(FaceKey::Italic) => 2,
            Font::Japanese(FaceKey::Bold) => 4,
            Font::Japanese(_) => 3,
        }
    }
}

struct Metrics {
    units_per_em: f64,
    face: ttf_parser::Face<'static>,
}

fn font_metrics(font: Font) -> &'static Metrics {
    static CELLS: [OnceLock<Metrics>; 5] = [
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
    ];
    CELLS[font.index()].get_or_init(|| {
        // The bytes are compiled in and known to parse; a failure here is a build defect.
        #[allow(clippy::expect_used)]
        let face = ttf_parser::Face::parse(font.bytes(), 0).expect("bundled font parses");
        Metrics {
            units_per_em: f64::from(face.units_per_em()),
            face,
        }
    })
}

fn metrics(face: Face) -> &'static Metrics {
    font_metrics(Font::Latin(FaceKey::of(face)))
}

/// The font that draws `c` in `face`: Lato when it has the glyph, else the Japanese family,
/// else `None` (a character no bundled font can draw).
pub fn font_for(c: char, face: Face) -> Option<Font> {
    let latin = Font::Latin(FaceKey::of(face));
    if font_metrics(latin).face.glyph_index(c).is_some() {
        return Some(latin);
    }
    let ja = Font::Japanese(match face {
        Face::Bold => FaceKey::Bold,
        Face::Regular | Face::Italic => FaceKey::Regular,
    });
    font_metrics(ja).face.glyph_index(c).map(|_| ja)
}

/// `text` cut into runs that one font draws, in order (a character no font has goes with
/// the run before it, or the Latin face).
pub fn runs(text: &str, face: Face) -> Vec<(Font, &str)> {
    // Japanese has no italic: a line with Japanese in it is set upright throughout.
    let face = if face == Face::Italic
        && text
            .chars()
            .any(|c| matches!(font_for(c, face), Some(Font::Japanese(_))))
    {
        Face::Regular
    } else {
        face
    };
    let mut out: Vec<(Font, &str)> = Vec::new();
    let mut start = 0;
    let mut current: Option<Font> = None;
    for (i, c) in text.char_indices() {
        let f = font_for(c, face)
            .or(current)
            .unwrap_or(Font::Latin(FaceKey::of(face)));
        match current {
            Some(cur) if cur != f => {
                out.push((cur, &text[start..i]));
                start = i;
                current = Some(f);
            }
            None => current = Some(f),
            _ => {}
        }
    }
    if let Some(cur) = current {
        out.push((cur, &text[start..]));
    }
    out
}

/// The kerning between two glyphs in font units (the first horizontal subtable that has the
/// pair), 0 when there is none.
fn pair_kerning(m: &Metrics, a: ttf_parser::GlyphId, b: ttf_parser::GlyphId) -> f64 {
    let Some(kern) = m.face.tables().kern else {
        return 0.0;
    };
    kern.subtables
        .into_iter()
        .filter(|sub| sub.horizontal && !sub.variable)
        .find_map(|sub| sub.glyphs_kerning(a, b))
        .map_or(0.0, f64::from)
}

/// Width in px of `text` set in `face` at `size` px, with the font's kerning pairs applied;
/// each character measured in the font that draws it.
pub fn text_width(text: &str, size: f64, face: Face) -> f64 {
    runs(text, face)
        .into_iter()
        .map(|(font, run)| run_width(run, size, font))
        .sum()
}

/// Width in px of `run` set in `font` (one run of [`runs`]).
pub fn run_width(run: &str, size: f64, font: Font) -> f64 {
    let m = font_metrics(font);
    let mut units = 0.0;
    let mut prev: Option<ttf_parser::GlyphId> = None;
    for c in run.chars() {
        let gid = m.face.glyph_index(c);
        if let Some(g) = gid {
            units += f64::from(m.face.glyph_hor_advance(g).unwrap_or(0));
            if let Some(p) = prev {
                units += pair_kerning(m, p, g);
            }
        } else {
            // A missing glyph is caught by validation; measure it as a box of half an em.
            units += m.units_per_em * 0.5;
        }
        prev = gid;
    }
    units / m.units_per_em * size
}

/// The kerning before each character of `text` (one run of one font), in thousandths of an
/// em (negative pulls the character closer): what [`text_width`] adds, for writers that place
/// glyphs themselves.
pub fn kerning_in(text: &str, font: Font) -> Vec<f64> {
    let m = font_metrics(font);
    let mut out = Vec::with_capacity(text.len());
    let mut prev: Option<ttf_parser::GlyphId> = None;
    for c in text.chars() {
        let gid = m.face.glyph_index(c);
        let k = match (prev, gid) {
            (Some(p), Some(g)) => pair_kerning(m, p, g) / m.units_per_em * 1000.0,
            _ => 0.0,
        };
        out.push(k);
        prev = gid;
    }
    out
}

/// What a PDF font descriptor states about a face, in thousandths of an em.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DescriptorMetrics {
    pub ascent: f64,
    pub descent: f64,
    pub cap_height: f64,
    /// x min, y min, x max, y max of all glyphs.
    pub bbox: [f64; 4],
    pub italic_angle: f64,
    /// Estimated vertical stem width (from the weight class, as svg2pdf estimates it).
    pub stem_v: f64,
    pub italic: bool,
}

/// A bundled font's metrics for a PDF font descriptor.
pub fn descriptor_metrics(font: Font) -> DescriptorMetrics {
    let m = font_metrics(font);
    let k = 1000.0 / m.units_per_em;
    let f = &m.face;
    let b = f.global_bounding_box();
    DescriptorMetrics {
        ascent: f64::from(f.ascender()) * k,
        descent: f64::from(f.descender()) * k,
        cap_height: f64::from(f.capital_height().unwrap_or(f.ascender())) * k,
        bbox: [
            f64::from(b.x_min) * k,
            f64::from(b.y_min) * k,
            f64::from(b.x_max) * k,
            f64::from(b.y_max) * k,
        ],
        italic_angle: f64::from(f.italic_angle()),
        stem_v: 10.0 + 0.244 * (f64::from(f.weight().to_number()) - 50.0),
        italic: f.is_italic(),
    }
}

/// Ascent and descent (positive, px) of the face at `size`.
pub fn ascent_descent(size: f64, face: Face) -> (f64, f64) {
    let m = metrics(face);
    let a = f64::from(m.face.ascender()) / m.units_per_em * size;
    let d = -f64::from(m.face.descender()) / m.units_per_em * size;
    (a, d)
}

/// The characters of `text` that no bundled font can draw in `face` (each reported once, in
/// order): Lato first, then the Japanese family.
pub fn missing_glyphs(text: &str, face: Face) -> Vec<char> {
    let mut out: Vec<char> = Vec::new();
    for c in text.chars() {
        // Controls and bidi marks are refused earlier, located, by `spec::hygiene`.
        if c.is_control() || crate::spec::hygiene::refused(c).is_some() {
            continue;
        }
        if font_for(c, face).is_none() && !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// Breaks `text` into lines no wider than `max_width` px, at spaces (and after hyphens
/// and slashes). A single word wider than the line is broken between characters.
pub fn wrap(text: &str, size: f64, face: Face, max_width: f64) -> Vec<String> {
    let width = |pieces: &[&str]| text_width(pieces.concat().trim(), size, face);
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut para_lines: Vec<Vec<&str>> = vec![Vec::new()];
        for piece in split_breakable(para) {
            let line = para_lines.last_mut().expect("never empty");
            line.push(piece);
            if line.len() > 1 && width(line) > max_width {
                line.pop();
                para_lines.push(vec![piece]);
            }
        }
        // No runt: a last line much shorter than the measure takes words from the line
        // above while it still fits ("endnotes 35, 36," / "37." becomes "endnotes" / "35, 36, 37.").
        while let [.., above, last] = para_lines.as_mut_slice() {
            if above.len() < 2 || width(last) >= RUNT * max_width {
                break;
            }
            let word = above.pop().expect("two or more");
            last.insert(0, word);
            if width(last) > max_width {
                let word = last.remove(0);
                above.push(word);
                break;
            }
        }
        for l in &para_lines {
            let line = l.concat();
            let line = line.trim();
            if l.len() == 1 && width(l) > max_width {
                // A single word wider than the line is broken between characters.
                lines.extend(break_word(line, size, face, max_width));
            } else {
                lines.push(line.to_string());
            }
        }
    }
    lines
}

/// The width of the widest piece `wrap` cannot break (a word, with the hyphen or slash that
/// ends it): a column narrower than this breaks a word between its letters.
pub fn widest_word<'a>(texts: impl IntoIterator<Item = &'a str>, size: f64, face: Face) -> f64 {
    texts
        .into_iter()
        .flat_map(split_breakable)
        .map(|w| text_width(w.trim(), size, face))
        .fold(0.0, f64::max)
}

/// A label column's width: wide enough for the widest label up to `cap`, and never so narrow
/// that a word breaks between letters, up to `word_cap`.
pub fn label_column<'a>(
    texts: impl IntoIterator<Item = &'a str> + Clone,
    size: f64,
    face: Face,
    cap: f64,
    word_cap: f64,
) -> f64 {
    let widest = texts
        .clone()
        .into_iter()
        .map(|t| text_width(t, size, face))
        .fold(0.0, f64::max);
    widest
        .min(cap)
        .max(widest_word(texts, size, face).min(word_cap))
}

/// Breaks a word wider than `max_width` into pieces that each fit (at least one character
/// each), measuring character by character: linear in the word's length.
fn break_word(word: &str, size: f64, face: Face, max_width: f64) -> Vec<String> {
    let mut out = Vec::new();
    let mut piece = String::new();
    let mut w = 0.0;
    for c in word.chars() {
        let cw = text_width(c.encode_utf8(&mut [0; 4]), size, face);
        if !piece.is_empty() && w + cw > max_width {
            out.push(std::mem::take(&mut piece));
            w = 0.0;
        }
        piece.push(c);
        w += cw;
    }
    if !piece.is_empty() {
        out.push(piece);
    }
    out
}

/// A last line narrower than this share of the measure is a runt.
const RUNT: f64 = 0.2;

/// Splits into pieces that each end at a break opportunity, keeping the separators.
fn split_breakable(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|&(_, n)| n);
        let brk = c == ' '
            || ((c == '/' || c == '-') && i > start)
            // Japanese breaks between any two characters, but never before closing
            // punctuation or a small kana, nor after an opening bracket (kinsoku).
            || next.is_some_and(|n| {
                (is_cjk(c) || is_cjk(n)) && n != ' ' && !no_line_start(n) && !no_line_end(c)
            });
        if brk {
            // Keep runs of spaces with the word before them.
            let mut end = i + c.len_utf8();
            while let Some(&(j, ' ')) = iter.peek() {
                end = j + 1;
                iter.next();
            }
            out.push(&text[start..end]);
            start = end;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// The width of the widest piece [`wrap`] never breaks: how narrow a column holding `text`
/// may get.
pub fn min_width(text: &str, size: f64, face: Face) -> f64 {
    split_breakable(text)
        .iter()
        .map(|p| text_width(p.trim(), size, face))
        .fold(0.0, f64::max)
}

/// Kana, kanji and full-width punctuation: text set without spaces.
fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x3000..=0x303F | 0x3040..=0x309F | 0x30A0..=0x30FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// Characters a Japanese line may not start with.
fn no_line_start(c: char) -> bool {
    "、。，．・：；？！）」』】〕〉》ー々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ%％),.:;!?”’"
        .contains(c)
}

/// Characters a Japanese line may not end with.
fn no_line_end(c: char) -> bool {
    "（「『【〔〈《(“‘".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_size() {
        let a = text_width("10,284", 12.0, Face::Regular);
        let b = text_width("10,284,000", 12.0, Face::Regular);
        assert!(a > 20.0 && a < 60.0, "{a}");
        assert!(b > a);
        assert!((text_width("10,284", 24.0, Face::Regular) - 2.0 * a).abs() < 1e-9);
        assert!(
            text_width("Arrests", 12.0, Face::Bold) > text_width("Arrests", 12.0, Face::Regular)
        );
    }

    #[test]
    fn japanese_wraps_between_characters_but_not_before_closing_punctuation() {
        let text = "覚醒剤取締法違反の検挙人員は、2017年に10,284人（全体の73%）だった。";
        let lines = wrap(text, 12.0, Face::Regular, 100.0);
        assert!(lines.len() >= 3, "{lines:?}");
        assert_eq!(lines.concat(), text);
        for l in &lines {
            assert!(text_width(l, 12.0, Face::Regular) <= 100.0, "{l}");
            let first = l.chars().next().unwrap_or(' ');
            assert!(!no_line_start(first), "{l}");
            assert!(!no_line_end(l.chars().last().unwrap_or(' ')), "{l}");
        }
        // Numbers stay whole.
        assert!(lines.iter().any(|l| l.contains("10,284")), "{lines:?}");
    }

    #[test]
    fn the_last_line_is_never_a_runt() {
        let text = "Source: Ministry of Justice. Briefing paper endnotes 35, 36, 37.";
        let full = text_width(text, 12.0, Face::Regular);
        // A measure that greedy filling would leave "37." alone on the last line.
        let max = text_width(
            "Source: Ministry of Justice. Briefing paper endnotes 35, 36,",
            12.0,
            Face::Regular,
        ) + 1.0;
        assert!(full > max);
        let lines = wrap(text, 12.0, Face::Regular, max);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(
            text_width(&lines[1], 12.0, Face::Regular) >= RUNT * max,
            "{lines:?}"
        );
        assert!(lines
            .iter()
            .all(|l| text_width(l, 12.0, Face::Regular) <= max));
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn wraps_at_spaces_and_breaks_only_words_wider_than_the_line() {
        let lines = wrap(
            "Drug use, regulations and policy in Japan",
            14.0,
            Face::Regular,
            120.0,
        );
        assert!(lines.len() >= 2, "{lines:?}");
        for l in &lines {
            assert!(
                text_width(l, 14.0, Face::Regular) <= 120.0 || !l.contains(' '),
                "{l}"
            );
        }
        assert_eq!(lines.join(" "), "Drug use, regulations and policy in Japan");
        assert_eq!(wrap("", 12.0, Face::Regular, 50.0), vec![String::new()]);
        // A word wider than the line is broken between characters, each piece fitting.
        let broken = wrap("Supercalifragilistic", 12.0, Face::Regular, 40.0);
        assert!(broken.len() > 1, "{broken:?}");
        assert_eq!(broken.concat(), "Supercalifragilistic");
        for piece in &broken {
            assert!(text_width(piece, 12.0, Face::Regular) <= 40.0, "{piece}");
        }
        assert_eq!(wrap("W", 12.0, Face::Regular, 1.0), vec!["W".to_string()]);
    }

    #[test]
    fn kerning_accounts_for_the_measured_width() {
        let text = "AVATAR Ty. 1997";
        let plain: f64 = text
            .chars()
            .map(|c| text_width(&c.to_string(), 10.0, Face::Regular))
            .sum();
        let kern: f64 = kerning_in(text, Font::Latin(FaceKey::Regular))
            .iter()
            .sum::<f64>()
            / 1000.0
            * 10.0;
        assert!(kern < 0.0, "Lato kerns AV and Ty");
        assert!((plain + kern - text_width(text, 10.0, Face::Regular)).abs() < 1e-9);
    }

    #[test]
    fn descriptor_metrics_are_in_thousandths_of_an_em() {
        for face in [Face::Regular, Face::Bold, Face::Italic] {
            let m = descriptor_metrics(Font::Latin(FaceKey::of(face)));
            assert!(m.ascent > 600.0 && m.ascent < 1100.0, "{m:?}");
            assert!(m.descent < 0.0 && m.descent > -400.0, "{m:?}");
            assert!(m.cap_height > 600.0 && m.cap_height < m.ascent, "{m:?}");
            assert!(m.bbox[0] < 0.0 && m.bbox[2] > 1000.0 && m.bbox[3] > m.cap_height);
            assert_eq!(m.italic, face == Face::Italic);
            assert_eq!(m.italic_angle < 0.0, face == Face::Italic);
        }
        let stem = |k| descriptor_metrics(Font::Latin(k)).stem_v;
        assert!(stem(FaceKey::Bold) > stem(FaceKey::Regular));
    }

    #[test]
    fn reports_missing_glyphs() {
        assert!(missing_glyphs("Methamphetamine – <0.1% ≈ ¥500,000", Face::Regular).is_empty());
        // Japanese falls back to the bundled Japanese family; Devanagari and emoji have no font.
        assert!(missing_glyphs("覚醒剤取締法（2017年）", Face::Bold).is_empty());
        assert_eq!(missing_glyphs("क a 🙂 क", Face::Regular), vec!['क', '🙂']);
        assert_eq!(
            runs("覚醒剤 10,284人", Face::Regular)
                .iter()
                .map(|(f, t)| (matches!(f, Font::Japanese(_)), *t))
                .collect::<Vec<_>>(),
            vec![(true, "覚醒剤"), (false, " 10,284"), (true, "人")]
        );
    }
}
