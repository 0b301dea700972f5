//! Fonts: the bundled ones (compiled into the binary, never read from the system) and a
//! project's own files, grouped into the font set of a theme; text measurement for layout,
//! and glyph coverage checks.

use std::sync::OnceLock;

/// The family name every chart names explicitly in its SVG.
pub const FAMILY: &str = "Lato";

/// The family that draws what Lato cannot: Japanese (kana, kanji, full-width punctuation).
pub const JA_FAMILY: &str = "BIZ UDPGothic";

/// Regular, bold and italic faces of the bundled family (SIL Open Font License 1.1,
/// see `assets/fonts/Lato-OFL.txt`).
pub static REGULAR: &[u8] = include_bytes!("../assets/fonts/Lato-Regular.ttf");
/// Bold face.
pub static BOLD: &[u8] = include_bytes!("../assets/fonts/Lato-Bold.ttf");
/// Italic face.
pub static ITALIC: &[u8] = include_bytes!("../assets/fonts/Lato-Italic.ttf");
/// BIZ UDPGothic, Morisawa's universal-design Japanese gothic (SIL Open Font License 1.1,
/// see `assets/fonts/BIZUDPGothic-OFL.txt`). It has no italic: italic Japanese is upright.
pub static JA_REGULAR: &[u8] = include_bytes!("../assets/fonts/BIZUDPGothic-Regular.ttf");
/// BIZ UDPGothic Bold.
pub static JA_BOLD: &[u8] = include_bytes!("../assets/fonts/BIZUDPGothic-Bold.ttf");

/// Which part of a chart a run of text belongs to: the theme may give each its own family
/// and weight (`[text] title = { family = "…", weight = "bold" }`); everything else is `Body`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Slot {
    Body,
    Title,
    Subtitle,
    Note,
    Tick,
    Value,
}

impl Slot {
    pub const ALL: [Slot; 6] = [
        Slot::Body,
        Slot::Title,
        Slot::Subtitle,
        Slot::Note,
        Slot::Tick,
        Slot::Value,
    ];

    /// The `[text]` key that styles this slot.
    pub fn key(self) -> &'static str {
        match self {
            Slot::Body => "label",
            Slot::Title => "title",
            Slot::Subtitle => "subtitle",
            Slot::Note => "note",
            Slot::Tick => "tick",
            Slot::Value => "value",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// The face a piece of text asks for: its slot, and bold or italic. The theme's font set
/// turns it into a font file ([`FontSet::file`]); a slot's own weight wins over `bold`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Face {
    pub slot: Slot,
    pub bold: bool,
    pub italic: bool,
}

#[allow(non_upper_case_globals)]
impl Face {
    pub const Regular: Face = Face::body(false, false);
    pub const Bold: Face = Face::body(true, false);
    pub const Italic: Face = Face::body(false, true);
    /// A chart's title, subtitle and notes (with its source line): their slots.
    pub const TITLE: Face = Face {
        slot: Slot::Title,
        bold: true,
        italic: false,
    };
    pub const SUBTITLE: Face = Face {
        slot: Slot::Subtitle,
        bold: false,
        italic: false,
    };
    pub const NOTE: Face = Face {
        slot: Slot::Note,
        bold: false,
        italic: false,
    };

    /// This weight and style in another slot.
    pub const fn at(self, slot: Slot) -> Face {
        Face {
            slot,
            bold: self.bold,
            italic: self.italic,
        }
    }

    const fn body(bold: bool, italic: bool) -> Face {
        Face {
            slot: Slot::Body,
            bold,
            italic,
        }
    }

    /// The same slot set upright.
    pub fn upright(self) -> Face {
        Face {
            italic: false,
            ..self
        }
    }
}

/// One loaded font file: a bundled face or one of the project's own files. Copy, ordered and
/// hashable; its data lives for the rest of the process ([`load`] keeps each distinct file
/// once).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Font(u16);

struct Loaded {
    bytes: &'static [u8],
    face: ttf_parser::Face<'static>,
    units_per_em: f64,
    family: String,
    weight: u16,
    italic: bool,
    /// A serif design: SVGs name `serif` as its generic fallback.
    serif: bool,
    /// SHA-256 of the file, hex, computed when first asked: what the manifest hashes.
    sha256: OnceLock<String>,
    /// The glyph of each character of the Latin blocks and of general punctuation, looked up
    /// once (0: none): text is measured character by character, and the cmap is slow.
    latin: Box<[u16; LATIN]>,
    punct: Box<[u16; PUNCT.1 - PUNCT.0]>,
    /// The kerning pairs of the horizontal `kern` subtables, made on first use (`None`: a
    /// subtable of another format, looked up in the font each time).
    kerning: OnceLock<Option<std::collections::HashMap<u32, i16>>>,
}

/// U+0000–U+024F: Basic Latin to Latin Extended-B.
const LATIN: usize = 0x250;
/// U+2000–U+206F: General Punctuation (dashes, quotes, the ellipsis).
const PUNCT: (usize, usize) = (0x2000, 0x2070);

impl Loaded {
    /// The glyph that draws `c`, if the font has one.
    fn glyph(&self, c: char) -> Option<ttf_parser::GlyphId> {
        let i = c as usize;
        let cached = if i < LATIN {
            self.latin[i]
        } else if (PUNCT.0..PUNCT.1).contains(&i) {
            self.punct[i - PUNCT.0]
        } else {
            return self.face.glyph_index(c);
        };
        (cached != 0).then_some(ttf_parser::GlyphId(cached))
    }

    /// Every kerning pair (left glyph in the high half) when all the horizontal subtables are
    /// lists of pairs (format 0); the first subtable with a pair gives its value.
    fn pairs(&self) -> Option<&std::collections::HashMap<u32, i16>> {
        self.kerning
            .get_or_init(|| {
                let mut map = std::collections::HashMap::new();
                let Some(kern) = self.face.tables().kern else {
                    return Some(map);
                };
                for sub in kern
                    .subtables
                    .into_iter()
                    .filter(|s| s.horizontal && !s.variable)
                {
                    let ttf_parser::kern::Format::Format0(t) = sub.format else {
                        return None;
                    };
                    for p in t.pairs {
                        map.entry(p.pair).or_insert(p.value);
                    }
                }
                Some(map)
            })
            .as_ref()
    }
}

fn glyph_table<const N: usize>(face: &ttf_parser::Face, from: usize) -> Box<[u16; N]> {
    let mut t = Box::new([0u16; N]);
    for (i, g) in t.iter_mut().enumerate() {
        if let Some(c) = char::from_u32((from + i) as u32) {
            *g = face.glyph_index(c).map_or(0, |g| g.0);
        }
    }
    t
}

fn parse(bytes: &'static [u8]) -> Result<Loaded, String> {
    let face = ttf_parser::Face::parse(bytes, 0).map_err(|e| format!("not a font file ({e})"))?;
    let name = |id: u16| {
        face.names()
            .into_iter()
            .filter(|n| n.name_id == id && n.is_unicode())
            .find_map(|n| n.to_string())
    };
    let family = name(ttf_parser::name_id::TYPOGRAPHIC_FAMILY)
        .or_else(|| name(ttf_parser::name_id::FAMILY))
        .map(|f| f.trim().to_string())
        .filter(|f| !f.is_empty())
        .ok_or("the font names no family")?;
    if face.tables().cmap.is_none() {
        return Err("the font has no character map".into());
    }
    let units_per_em = f64::from(face.units_per_em());
    let weight = face.weight().to_number();
    let italic = face.is_italic() || face.is_oblique();
    if matches!(
        face.tables().os2.and_then(|t| t.permissions()),
        Some(ttf_parser::Permissions::Restricted)
    ) {
        return Err("its licence bits (OS/2 fsType) forbid embedding it in documents".into());
    }
    // OS/2 sFamilyClass: classes 1 to 7 are serif designs, 8 sans serif; a font that leaves
    // it unclassified (0) may say in its PANOSE: Latin text (2) with a serif style 2 to 10.
    let os2 = face.raw_face().table(ttf_parser::Tag::from_bytes(b"OS/2"));
    let serif = match os2.and_then(|t| t.get(30)) {
        Some(1..=7) => true,
        Some(0) => os2
            .and_then(|t| t.get(32..34))
            .is_some_and(|p| p[0] == 2 && (2..=10).contains(&p[1])),
        _ => false,
    };
    Ok(Loaded {
        bytes,
        latin: glyph_table(&face, 0),
        punct: glyph_table(&face, PUNCT.0),
        face,
        units_per_em,
        family,
        weight,
        italic,
        serif,
        sha256: OnceLock::new(),
        kerning: OnceLock::new(),
    })
}

/// Room for this many distinct font files in one process (a long `serve` session that
/// keeps editing fonts would need more than a thousand versions to fill it).
const CAPACITY: usize = 4096;

/// Every font loaded so far, by [`Font`] index: slots are filled once and never change, so
/// measuring text reads them without a lock. 0–4 are the bundled fonts, filled on first use.
static SLOTS: [OnceLock<&'static Loaded>; CAPACITY] = [const { OnceLock::new() }; CAPACITY];

/// How many slots [`load`] has handed out (the bundled ones included); taken while loading.
static COUNT: std::sync::Mutex<usize> = std::sync::Mutex::new(BUNDLED.len());

const BUNDLED: [&[u8]; 5] = [REGULAR, BOLD, ITALIC, JA_REGULAR, JA_BOLD];

fn loaded(font: Font) -> &'static Loaded {
    let i = usize::from(font.0);
    SLOTS[i].get_or_init(|| {
        // Only the bundled slots can be empty here: a project font's slot is filled before
        // its Font is handed out. The bundled bytes are compiled in and known to parse.
        #[allow(clippy::expect_used)]
        let l = parse(BUNDLED[i.min(BUNDLED.len() - 1)]).expect("bundled font parses");
        Box::leak(Box::new(l))
    })
}

/// Loads a font file's bytes (TrueType or OpenType, the first face of a collection). Each
/// distinct file is kept once for the life of the process, so loading the same file again
/// (a rebuild, a second edition) costs a comparison and nothing more.
pub fn load(bytes: Vec<u8>) -> Result<Font, String> {
    let mut count = COUNT.lock().unwrap_or_else(|e| e.into_inner());
    for i in 0..*count {
        let l = loaded(Font(i as u16));
        if l.bytes.len() == bytes.len() && l.bytes == bytes.as_slice() {
            return Ok(Font(i as u16));
        }
    }
    if *count >= CAPACITY {
        return Err("too many distinct font files in one run".into());
    }
    let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    let l = parse(bytes)?;
    let i = *count;
    let _ = SLOTS[i].set(Box::leak(Box::new(l)));
    *count += 1;
    Ok(Font(i as u16))
}

impl Font {
    pub const LATO_REGULAR: Font = Font(0);
    pub const LATO_BOLD: Font = Font(1);
    pub const LATO_ITALIC: Font = Font(2);
    pub const JA_REGULAR: Font = Font(3);
    pub const JA_BOLD: Font = Font(4);

    /// Every bundled font, in a fixed order (the manifest's font hash follows it).
    pub const ALL: [Font; 5] = [
        Font::LATO_REGULAR,
        Font::LATO_BOLD,
        Font::LATO_ITALIC,
        Font::JA_REGULAR,
        Font::JA_BOLD,
    ];

    /// The font's bytes.
    pub fn bytes(self) -> &'static [u8] {
        loaded(self).bytes
    }

    /// The family name the file gives (its typographic family, else its family).
    pub fn family(self) -> &'static str {
        &loaded(self).family
    }

    /// The weight class (400 regular, 700 bold).
    pub fn weight(self) -> u16 {
        loaded(self).weight
    }

    pub fn is_bold(self) -> bool {
        self.weight() >= 600
    }

    pub fn is_italic(self) -> bool {
        loaded(self).italic
    }

    /// The generic CSS family a reader's browser falls back to: `serif` or `sans-serif`.
    pub fn generic(self) -> &'static str {
        if loaded(self).serif {
            "serif"
        } else {
            "sans-serif"
        }
    }

    /// The PostScript name the file gives (name 6), else its family and style without
    /// spaces: what a PDF calls the font.
    pub fn postscript_name(self) -> String {
        let l = loaded(self);
        let given = l
            .face
            .names()
            .into_iter()
            .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .find_map(|n| {
                n.to_string()
                    .or_else(|| String::from_utf8(n.name.to_vec()).ok())
            });
        let name = given.unwrap_or_else(|| {
            format!(
                "{}-{}",
                l.family,
                style_name(self.is_bold(), self.is_italic())
            )
        });
        // A PDF name: printable ASCII without delimiters or spaces.
        name.chars()
            .filter(|c| c.is_ascii_graphic() && !"()<>[]{}/%#".contains(*c))
            .collect()
    }

    /// SHA-256 of the file, hex.
    pub fn sha256(self) -> &'static str {
        let l = loaded(self);
        l.sha256.get_or_init(|| {
            use sha2::Digest;
            sha2::Sha256::digest(l.bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect()
        })
    }

    /// The bundled Japanese family, which draws what the theme's fonts cannot.
    pub fn is_fallback(self) -> bool {
        self == Font::JA_REGULAR || self == Font::JA_BOLD
    }
}

struct Metrics {
    units_per_em: f64,
    face: &'static ttf_parser::Face<'static>,
    loaded: &'static Loaded,
}

fn font_metrics(font: Font) -> Metrics {
    let l = loaded(font);
    Metrics {
        units_per_em: l.units_per_em,
        face: &l.face,
        loaded: l,
    }
}

/// A family's faces, each a file (or none).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Family {
    pub name: String,
    pub regular: Option<Font>,
    pub bold: Option<Font>,
    pub italic: Option<Font>,
    pub bold_italic: Option<Font>,
}

impl Family {
    /// The bundled Lato.
    pub fn bundled() -> Family {
        Family {
            name: FAMILY.to_string(),
            regular: Some(Font::LATO_REGULAR),
            bold: Some(Font::LATO_BOLD),
            italic: Some(Font::LATO_ITALIC),
            bold_italic: None,
        }
    }

    /// The file for a weight and style, if the family has it.
    pub fn face(&self, bold: bool, italic: bool) -> Option<Font> {
        match (bold, italic) {
            (false, false) => self.regular,
            (true, false) => self.bold,
            (false, true) => self.italic,
            (true, true) => self.bold_italic,
        }
    }

    /// Files grouped into families by the names they give, each file in its style; `Err`
    /// names two files that claim the same family and style.
    pub fn group(fonts: &[Font]) -> Result<Vec<Family>, String> {
        let mut out: Vec<Family> = Vec::new();
        for &f in fonts {
            let fam = match out.iter_mut().find(|x| x.name == f.family()) {
                Some(x) => x,
                None => {
                    out.push(Family {
                        name: f.family().to_string(),
                        regular: None,
                        bold: None,
                        italic: None,
                        bold_italic: None,
                    });
                    let n = out.len() - 1;
                    &mut out[n]
                }
            };
            let slot = match (f.is_bold(), f.is_italic()) {
                (false, false) => &mut fam.regular,
                (true, false) => &mut fam.bold,
                (false, true) => &mut fam.italic,
                (true, true) => &mut fam.bold_italic,
            };
            if slot.is_some_and(|old| old != f) {
                return Err(format!(
                    "two files are {} {}",
                    f.family(),
                    style_name(f.is_bold(), f.is_italic())
                ));
            }
            *slot = Some(f);
        }
        Ok(out)
    }
}

/// "regular", "bold", "italic" or "bold italic".
pub fn style_name(bold: bool, italic: bool) -> &'static str {
    match (bold, italic) {
        (false, false) => "regular",
        (true, false) => "bold",
        (false, true) => "italic",
        (true, true) => "bold italic",
    }
}

/// How a slot is set: a family (an index into [`FontSet::families`]; `None`, the body
/// family) and, when the theme fixes it, a weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct SlotFont {
    pub family: Option<usize>,
    pub bold: Option<bool>,
}

/// The fonts of one theme: its families and which one each slot uses. The bundled Japanese
/// family draws what none of them can.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct FontSet {
    pub families: Vec<Family>,
    /// The body family, an index into `families`.
    pub body: usize,
    pub slots: [SlotFont; 6],
}

impl std::fmt::Debug for FontSet {
    // The manifest hashes a theme's Debug: name every file by its content, so that a font
    // changed on disk makes every chart that uses it stale.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let files: Vec<(&str, &str)> = self
            .families
            .iter()
            .flat_map(|fam| [fam.regular, fam.bold, fam.italic, fam.bold_italic])
            .flatten()
            .map(|x| (x.family(), x.sha256()))
            .collect();
        f.debug_struct("FontSet")
            .field("files", &files)
            .field("body", &self.body)
            .field("slots", &self.slots)
            .finish()
    }
}

impl Default for FontSet {
    fn default() -> Self {
        FontSet::bundled()
    }
}

impl FontSet {
    /// Lato for everything: titles bold, the rest as the layout asks.
    pub fn bundled() -> FontSet {
        FontSet {
            families: vec![Family::bundled()],
            body: 0,
            slots: [SlotFont::default(); 6],
        }
    }

    /// The family a slot is set in.
    pub fn family(&self, slot: Slot) -> &Family {
        let i = self.slots[slot.index()].family.unwrap_or(self.body);
        self.families.get(i).unwrap_or(&self.families[0])
    }

    /// The body family's name: what an SVG names on its root.
    pub fn body(&self) -> &str {
        &self
            .families
            .get(self.body)
            .unwrap_or(&self.families[0])
            .name
    }

    /// Bold or not, as the slot's weight (if the theme fixes one) or the face asks.
    pub fn bold(&self, face: Face) -> bool {
        self.slots[face.slot.index()].bold.unwrap_or(face.bold)
    }

    /// The file that sets `face`: the slot's family in the weight and style asked. A style
    /// the family lacks falls back to its regular (validation refuses such a theme first, so
    /// this only guards against a panic).
    pub fn file(&self, face: Face) -> Font {
        let fam = self.family(face.slot);
        let bold = self.bold(face);
        fam.face(bold, face.italic)
            .or(fam.face(bold, false))
            .or(fam.regular)
            .or(fam.bold)
            .unwrap_or(Font::LATO_REGULAR)
    }

    /// Every file of the set, bundled Japanese included, in a fixed order.
    pub fn files(&self) -> Vec<Font> {
        let mut out: Vec<Font> = self
            .families
            .iter()
            .flat_map(|fam| [fam.regular, fam.bold, fam.italic, fam.bold_italic])
            .flatten()
            .chain([Font::JA_REGULAR, Font::JA_BOLD])
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

thread_local! {
    static CURRENT: std::cell::RefCell<std::sync::Arc<FontSet>> =
        std::cell::RefCell::new(std::sync::Arc::new(FontSet::bundled()));
}

/// The font set in force on this thread ([`scoped`]), the bundled one outside any scope.
pub fn current() -> std::sync::Arc<FontSet> {
    CURRENT.with(|c| c.borrow().clone())
}

/// Runs `f` with `set` as the font set every measurement and drawing on this thread uses;
/// the previous set comes back afterwards, even if `f` panics.
pub fn scoped<R>(set: &std::sync::Arc<FontSet>, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<std::sync::Arc<FontSet>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            if let Some(old) = self.0.take() {
                CURRENT.with(|c| *c.borrow_mut() = old);
            }
        }
    }
    let old = CURRENT.with(|c| std::mem::replace(&mut *c.borrow_mut(), set.clone()));
    let _restore = Restore(Some(old));
    f()
}

/// The font that draws `c` in `face`: the theme's family when it has the glyph, else the
/// Japanese family, else `None` (a character no font of the theme can draw).
pub fn font_for(c: char, face: Face) -> Option<Font> {
    font_in(&current(), c, face)
}

fn font_in(set: &FontSet, c: char, face: Face) -> Option<Font> {
    Pick::of(set, face).font(c)
}

/// The two fonts a face draws with: the theme's file, then the Japanese family.
struct Pick {
    primary: (Font, &'static Loaded),
    fallback: (Font, &'static Loaded),
}

impl Pick {
    fn of(set: &FontSet, face: Face) -> Pick {
        let primary = set.file(face);
        let ja = if set.bold(face) {
            Font::JA_BOLD
        } else {
            Font::JA_REGULAR
        };
        Pick {
            primary: (primary, loaded(primary)),
            fallback: (ja, loaded(ja)),
        }
    }

    fn font(&self, c: char) -> Option<Font> {
        if self.primary.1.glyph(c).is_some() {
            Some(self.primary.0)
        } else if self.fallback.1.glyph(c).is_some() {
            Some(self.fallback.0)
        } else {
            None
        }
    }
}

/// `text` cut into runs that one font draws, in order (a character no font has goes with
/// the run before it, or the Latin face).
pub fn runs(text: &str, face: Face) -> Vec<(Font, &str)> {
    let set = current();
    // The Japanese family has no italic: a line with Japanese in it is set upright throughout.
    let face = if face.italic && {
        let p = Pick::of(&set, face);
        text.chars()
            .any(|c| p.font(c).is_some_and(Font::is_fallback))
    } {
        face.upright()
    } else {
        face
    };
    let pick = Pick::of(&set, face);
    let mut out: Vec<(Font, &str)> = Vec::new();
    let mut start = 0;
    let mut current: Option<Font> = None;
    for (i, c) in text.char_indices() {
        let f = pick.font(c).or(current).unwrap_or_else(|| set.file(face));
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
    if let Some(pairs) = m.loaded.pairs() {
        let key = (u32::from(a.0) << 16) | u32::from(b.0);
        return pairs.get(&key).map_or(0.0, |v| f64::from(*v));
    }
    kerning_in_font(m.face, a, b)
}

/// [`pair_kerning`] read from the font's subtables (the slow way, for any format).
fn kerning_in_font(face: &ttf_parser::Face, a: ttf_parser::GlyphId, b: ttf_parser::GlyphId) -> f64 {
    let Some(kern) = face.tables().kern else {
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
        let gid = m.loaded.glyph(c);
        if let Some(g) = gid {
            units += f64::from(m.face.glyph_hor_advance(g).unwrap_or(0));
            if let Some(p) = prev {
                units += pair_kerning(&m, p, g);
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
        let gid = m.loaded.glyph(c);
        let k = match (prev, gid) {
            (Some(p), Some(g)) => pair_kerning(&m, p, g) / m.units_per_em * 1000.0,
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
    let m = font_metrics(current().file(face));
    let a = f64::from(m.face.ascender()) / m.units_per_em * size;
    let d = -f64::from(m.face.descender()) / m.units_per_em * size;
    (a, d)
}

/// The characters of `text` that no font of `set` (nor the Japanese fallback) can draw in
/// `face`, each reported once, in order.
pub fn missing_glyphs_in(set: &FontSet, text: &str, face: Face) -> Vec<char> {
    let mut out: Vec<char> = Vec::new();
    let pick = Pick::of(set, face);
    for c in text.chars() {
        // Controls and bidi marks are refused earlier, located, by `spec::hygiene`.
        if c.is_control() || crate::spec::hygiene::refused(c).is_some() {
            continue;
        }
        if pick.font(c).is_none() && !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// [`missing_glyphs_in`] the font set in force.
pub fn missing_glyphs(text: &str, face: Face) -> Vec<char> {
    missing_glyphs_in(&current(), text, face)
}

pub use crate::linebreak::{label_column, min_width, widest_word, wrap};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kerning_pairs_kept_are_the_fonts_own() {
        for font in [
            Font::LATO_REGULAR,
            Font::LATO_BOLD,
            Font::LATO_ITALIC,
            Font::JA_REGULAR,
            Font::JA_BOLD,
        ] {
            let m = font_metrics(font);
            let chars: Vec<char> = ('A'..='z').chain("0123456789.,'’“”-–—()".chars()).collect();
            let mut kerned = 0;
            for &a in &chars {
                for &b in &chars {
                    let (Some(ga), Some(gb)) = (m.loaded.glyph(a), m.loaded.glyph(b)) else {
                        continue;
                    };
                    let k = pair_kerning(&m, ga, gb);
                    assert_eq!(k, kerning_in_font(m.face, ga, gb), "{a}{b} in {font:?}");
                    kerned += usize::from(k != 0.0);
                }
            }
            if font == Font::LATO_REGULAR {
                assert!(kerned > 100, "Lato kerns many Latin pairs ({kerned})");
            }
        }
    }

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
    fn kerning_accounts_for_the_measured_width() {
        let text = "AVATAR Ty. 1997";
        let plain: f64 = text
            .chars()
            .map(|c| text_width(&c.to_string(), 10.0, Face::Regular))
            .sum();
        let kern: f64 = kerning_in(text, Font::LATO_REGULAR).iter().sum::<f64>() / 1000.0 * 10.0;
        assert!(kern < 0.0, "Lato kerns AV and Ty");
        assert!((plain + kern - text_width(text, 10.0, Face::Regular)).abs() < 1e-9);
    }

    #[test]
    fn descriptor_metrics_are_in_thousandths_of_an_em() {
        for face in [Face::Regular, Face::Bold, Face::Italic] {
            let m = descriptor_metrics(current().file(face));
            assert!(m.ascent > 600.0 && m.ascent < 1100.0, "{m:?}");
            assert!(m.descent < 0.0 && m.descent > -400.0, "{m:?}");
            assert!(m.cap_height > 600.0 && m.cap_height < m.ascent, "{m:?}");
            assert!(m.bbox[0] < 0.0 && m.bbox[2] > 1000.0 && m.bbox[3] > m.cap_height);
            assert_eq!(m.italic, face.italic);
            assert_eq!(m.italic_angle < 0.0, face.italic);
        }
        let stem = |k| descriptor_metrics(k).stem_v;
        assert!(stem(Font::LATO_BOLD) > stem(Font::LATO_REGULAR));
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
                .map(|(f, t)| (f.is_fallback(), *t))
                .collect::<Vec<_>>(),
            vec![(true, "覚醒剤"), (false, " 10,284"), (true, "人")]
        );
    }
}
