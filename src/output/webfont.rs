//! The fonts a written SVG embeds, so that it renders as laid out in any browser or editor
//! with no fonts installed: for each font file its text uses, a subset holding just the
//! characters drawn in it (a standalone TrueType font with its `cmap`, made with allsorts'
//! web profile), as an `@font-face` rule with a data URL in the SVG's own `<style>`.

use std::collections::{BTreeMap, BTreeSet};

use allsorts_subset_browser as allsorts;

use crate::fonts::{self, Font};
use crate::model::figure::Figure;

/// The characters each bundled font draws in `fig`.
fn used(fig: &Figure) -> BTreeMap<Font, BTreeSet<char>> {
    let mut out: BTreeMap<Font, BTreeSet<char>> = BTreeMap::new();
    for l in fig.labels() {
        for (font, run) in fonts::runs(&l.text, l.face) {
            out.entry(font).or_default().extend(run.chars());
        }
    }
    out
}

/// A subset of `font` with the glyphs of `chars` (and `.notdef`), as TrueType bytes.
pub fn subset(font: Font, chars: &BTreeSet<char>) -> Result<Vec<u8>, String> {
    let data = font.bytes();
    let face =
        ttf_parser::Face::parse(data, 0).map_err(|e| format!("font {}: {e}", font.family()))?;
    let mut glyphs: Vec<u16> = vec![0];
    let mut ids: BTreeSet<u16> = chars
        .iter()
        .filter_map(|c| face.glyph_index(*c))
        .map(|g| g.0)
        .collect();
    ids.remove(&0);
    glyphs.extend(ids);
    let scope = allsorts::binary::read::ReadScope::new(data);
    let file = scope
        .read::<allsorts::font_data::FontData<'_>>()
        .map_err(|e| format!("font {}: {e:?}", font.family()))?;
    let provider = file
        .table_provider(0)
        .map_err(|e| format!("font {}: {e:?}", font.family()))?;
    allsorts::subset::subset(&provider, &glyphs, &allsorts::subset::SubsetProfile::Web)
        .map_err(|e| format!("font subsetting failed: {e:?}"))
}

/// The `<style>` element with one `@font-face` per font the figure's text uses.
pub fn style(fig: &Figure) -> Result<String, String> {
    Ok(format!("<style>{}</style>\n", font_faces(&used(fig))?))
}

/// The characters of `text` each bundled font draws when it is set in `faces`.
pub fn used_by(text: &str, faces: &[fonts::Face]) -> BTreeMap<Font, BTreeSet<char>> {
    let mut out: BTreeMap<Font, BTreeSet<char>> = BTreeMap::new();
    for face in faces {
        for (font, run) in fonts::runs(text, *face) {
            out.entry(font).or_default().extend(run.chars());
        }
    }
    out
}

/// The characters each font draws.
pub type FontsUsed = BTreeMap<Font, BTreeSet<char>>;

/// What [`font_faces`] would embed, described rather than made: each font and the characters
/// its subset keeps. The subset is a function of these and of the tool alone.
pub fn describe(used: &FontsUsed) -> String {
    let mut out = String::new();
    for (font, chars) in used {
        out.push_str(&format!(
            "@font-face{{font-family:\"{}\";font-weight:{};italic:{};subset:",
            font.family(),
            font.weight(),
            font.is_italic()
        ));
        out.extend(chars.iter());
        out.push('}');
    }
    out
}

/// One `@font-face` rule per font, each a subset of the characters it draws.
pub fn font_faces(used: &FontsUsed) -> Result<String, String> {
    let mut css = String::new();
    for (font, chars) in used {
        let font = *font;
        let family = font.family();
        let weight = font.weight();
        let style = if font.is_italic() { "italic" } else { "normal" };
        let bytes = subset(font, chars)?;
        css.push_str(&format!(
            "@font-face{{font-family:\"{family}\";font-weight:{weight};font-style:{style};src:url(data:font/ttf;base64,{})format(\"truetype\")}}",
            base64(&bytes)
        ));
    }
    Ok(css)
}

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_description_changes_whenever_the_subset_it_stands_for_would() {
        // The page's manifest inputs describe its fonts instead of subsetting them: every
        // change of font or of characters must change the description.
        let of = |text: &str, face| describe(&used_by(text, &[face]));
        let regular = of("Arrests 2017", fonts::Face::Regular);
        assert_eq!(regular, of("Arrests 2017", fonts::Face::Regular));
        assert_ne!(regular, of("Arrests 2018", fonts::Face::Regular));
        assert_ne!(regular, of("Arrests 2017", fonts::Face::Bold));
        assert_ne!(regular, of("Arrests 2017 覚醒剤", fonts::Face::Regular));
        // The same characters in another order make the same subset.
        assert_eq!(regular, of("2017 Arrests", fonts::Face::Regular));
    }

    #[test]
    fn base64_matches_the_standard_alphabet_and_padding() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn a_subset_maps_its_characters_and_is_small() {
        let chars: BTreeSet<char> = "Arrests 2017".chars().collect();
        let sub = subset(Font::LATO_REGULAR, &chars).expect("subsets");
        let face = ttf_parser::Face::parse(&sub, 0).expect("the subset parses");
        for c in &chars {
            assert!(face.glyph_index(*c).is_some(), "{c:?} is mapped");
        }
        assert!(face.glyph_index('Z').is_none(), "only the used characters");
        assert!(sub.len() < 40_000, "{} bytes", sub.len());
        // What a browser's font sanitiser requires of a standalone font.
        for table in [
            b"cmap", b"head", b"hhea", b"hmtx", b"maxp", b"name", b"OS/2", b"post",
        ] {
            let tag = ttf_parser::Tag::from_bytes(table);
            assert!(
                face.raw_face().table(tag).is_some(),
                "{}",
                String::from_utf8_lossy(table)
            );
        }
    }

    #[test]
    fn a_japanese_subset_is_a_few_kilobytes_of_a_four_megabyte_font() {
        let chars: BTreeSet<char> = "覚醒剤取締法違反".chars().collect();
        let sub = subset(Font::JA_REGULAR, &chars).expect("subsets");
        assert!(sub.len() < 30_000, "{} bytes", sub.len());
        let face = ttf_parser::Face::parse(&sub, 0).expect("the subset parses");
        assert!(face.glyph_index('覚').is_some());
    }
}
