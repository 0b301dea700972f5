//! Themes as files: reads a theme (built in, a theme file, or the spec's `[theme]` table),
//! follows `extends`, loads the theme's own font files, and checks every key, each problem
//! located in the file that holds it.

use std::path::{Component, Path};
use std::sync::Arc;

use toml::Spanned;

use super::files::{read_regular, Unreadable};
use crate::error::{did_you_mean, Diag};
use crate::fonts::{self, Face, Family, Font, FontSet, Slot};
use crate::spec::raw::{RawLength, RawPalette, RawRole, RawTheme};
use crate::spec::theme::{Align, Theme, PALETTES, THEMES};
use crate::spec::Color;

/// px per unit of each length a theme may write.
const UNITS: [(&str, f64); 5] = [
    ("px", 1.0),
    ("pt", 96.0 / 72.0),
    ("mm", 96.0 / 25.4),
    ("cm", 96.0 / 2.54),
    ("in", 96.0),
];

/// A length in px: a number (px) or `"9pt"`, `"89mm"`, `"3.5in"`, `"640px"`; `None` with the
/// reason when the text is not a length.
pub(crate) fn length_px(raw: &RawLength) -> Result<f64, String> {
    match raw {
        RawLength::Px(v) => Ok(*v),
        RawLength::Text(t) => {
            let t = t.trim();
            let (num, unit) = t
                .find(|c: char| c.is_ascii_alphabetic())
                .map_or((t, ""), |i| (&t[..i], &t[i..]));
            let factor = UNITS
                .iter()
                .find(|(u, _)| *u == unit.trim())
                .map(|(_, f)| *f)
                .ok_or_else(|| format!("`{t}` has no unit chartbook knows"))?;
            let v: f64 = num
                .trim()
                .parse()
                .map_err(|_| format!("`{t}` is not a number with a unit"))?;
            Ok(v * factor)
        }
    }
}

/// The hint for a bad length.
pub(crate) const LENGTH_HINT: &str =
    "write a number of px (12) or a number with a unit: \"9pt\", \"12px\", \"3mm\", \"0.5cm\", \"0.2in\"";

/// Where a theme's keys are written: the file's name as shown and its text.
struct Src<'t> {
    file: &'t str,
    text: &'t str,
}

/// Reads themes for one spec.
pub(super) struct Loader<'r> {
    /// The project folder: theme and font paths are relative to it.
    root: &'r Path,
    pub diags: Vec<Diag>,
    /// Theme files being read, innermost last (a file that extends itself is an error).
    chain: Vec<String>,
    /// Reading the built-in themes themselves: `extends = "house"` reads its text again
    /// rather than asking [`Theme::named`], which is what is being built.
    builtin_mode: bool,
}

/// A built-in theme from its compiled-in text (which may extend only other built-ins).
pub(crate) fn builtin(name: &str, text: &str) -> Result<Theme, Vec<Diag>> {
    let mut l = Loader::new(Path::new(""));
    l.builtin_mode = true;
    let file = format!("(built-in theme {name})");
    let mut t = l.file_text(&file, text, bare());
    t.name = name.to_string();
    if l.diags.is_empty() {
        Ok(t)
    } else {
        Err(l.diags)
    }
}

/// A theme with nothing set: what the built-in house file starts from.
fn bare() -> Theme {
    use crate::spec::theme::*;
    Theme {
        name: "house".into(),
        font: fonts::FAMILY.into(),
        palette: HOUSE.to_vec(),
        ink: INK,
        muted: MUTED,
        grid: GRID,
        axis: AXIS,
        shade: SHADE,
        neutral: NEUTRAL,
        paper: PAPER,
        by_name: Default::default(),
        text: TypeScale::HOUSE,
        lines: Lines {
            grid: 1.0,
            rule: 1.0,
            series: 2.5,
        },
        title_align: Align::Left,
        legend: Legend {
            swatch: 11.0,
            gap: 16.0,
        },
        values: true,
        fonts: Arc::new(FontSet::bundled()),
    }
}

impl<'r> Loader<'r> {
    pub fn new(root: &'r Path) -> Loader<'r> {
        Loader {
            root,
            diags: Vec::new(),
            chain: Vec::new(),
            builtin_mode: false,
        }
    }

    fn err<T>(&mut self, src: &Src, at: &Spanned<T>, msg: impl Into<String>, hint: Option<String>) {
        let span = at.span();
        let mut d = Diag::error(src.file, msg).at_span(src.text, span.start, span.end);
        if let Some(h) = hint {
            d = d.with_hint(h);
        }
        self.diags.push(d);
    }

    /// `theme = "name or file"` written at `at` in the spec (`file`, `text`).
    pub fn named(&mut self, file: &str, text: &str, at: &Spanned<String>) -> Theme {
        let src = Src { file, text };
        self.extends(&src, at)
    }

    /// The spec's `[theme]` table.
    pub fn table(&mut self, file: &str, text: &str, raw: RawTheme) -> Theme {
        let src = Src { file, text };
        let base = match &raw.extends {
            Some(e) => self.extends(&src, e),
            None => Theme::house(),
        };
        self.apply(&src, base, raw)
    }

    /// The theme `extends = "…"` names: a built-in one, else a theme file in the project.
    fn extends(&mut self, src: &Src, at: &Spanned<String>) -> Theme {
        let name = at.get_ref().trim();
        if self.builtin_mode {
            if let Some((n, text)) = crate::spec::theme::BUILT_IN
                .iter()
                .find(|(n, _)| *n == name)
            {
                let file = format!("(built-in theme {n})");
                return self.file_text(&file, text, bare());
            }
        }
        if let Some(t) = Theme::named(name) {
            return t;
        }
        if !name.ends_with(".toml") {
            let hint = match did_you_mean(name, THEMES.iter().copied()) {
                Some(b) => format!("did you mean `{b}`? built-in themes: {}; or a theme file such as \"themes/house.toml\"", THEMES.join(", ")),
                None => format!("built-in themes: {}; or a theme file such as \"themes/house.toml\"", THEMES.join(", ")),
            };
            self.err(src, at, format!("unknown theme `{name}`"), Some(hint));
            return Theme::house();
        }
        if self.chain.iter().any(|c| c == name) || self.chain.len() > 8 {
            self.err(
                src,
                at,
                format!(
                    "the theme file `{name}` extends itself (through {})",
                    self.chain.join(" → ")
                ),
                Some(
                    "a theme may extend a built-in theme or another file, never in a circle".into(),
                ),
            );
            return Theme::house();
        }
        let Some(full) = self.inside(src, at, "theme file") else {
            return Theme::house();
        };
        let text = match read_regular(&full).map(String::from_utf8) {
            Ok(Ok(t)) => t,
            Ok(Err(_)) => {
                self.err(
                    src,
                    at,
                    format!("the theme file `{name}` is not valid UTF-8"),
                    Some("save the file as UTF-8".into()),
                );
                return Theme::house();
            }
            Err(Unreadable::Io(e)) => {
                self.err(src, at, format!("cannot read the theme file `{name}`: {e}"), Some("theme paths are relative to charts.toml; README.md's \"Themes\" section has a whole theme file to start from".into()));
                return Theme::house();
            }
            Err(why) => {
                self.err(
                    src,
                    at,
                    format!("the theme file `{name}` {why}"),
                    Some(why.hint()),
                );
                return Theme::house();
            }
        };
        if let Some(d) = crate::spec::hygiene::scan_toml(name, &text) {
            self.diags.push(d);
        }
        self.chain.push(name.to_string());
        let base = Theme::house();
        let mut t = self.file_text(name, &text, base);
        self.chain.pop();
        t.name = name.to_string();
        t
    }

    /// A theme file's text, over `base` unless it `extends` another.
    fn file_text(&mut self, file: &str, text: &str, base: Theme) -> Theme {
        let src = Src { file, text };
        let raw: RawTheme = match toml::from_str(text) {
            Ok(r) => r,
            Err(e) => {
                let mut d = Diag::error(file, e.message().to_string());
                if let Some(span) = e.span() {
                    d = d.at_span(text, span.start, span.end);
                }
                self.diags.push(super::hint_for_toml(d, e.message()));
                return base;
            }
        };
        let base = match &raw.extends {
            Some(e) => self.extends(&src, e),
            None => base,
        };
        self.apply(&src, base, raw)
    }

    /// The project path `at` names, refusing one that leaves the project folder.
    fn inside(
        &mut self,
        src: &Src,
        at: &Spanned<String>,
        what: &str,
    ) -> Option<std::path::PathBuf> {
        let rel = at.get_ref().trim();
        let p = Path::new(rel);
        if p.is_absolute()
            || p.components().any(|c| {
                matches!(
                    c,
                    Component::ParentDir | Component::Prefix(_) | Component::RootDir
                )
            })
        {
            self.err(
                src,
                at,
                format!("the {what} path `{rel}` leaves the project folder"),
                Some("write it relative to charts.toml, inside the project, such as \"fonts/MyFont-Regular.ttf\"".into()),
            );
            return None;
        }
        let full = self.root.join(p);
        if let (Ok(real), Ok(root)) = (full.canonicalize(), self.root.canonicalize()) {
            if !real.starts_with(&root) {
                self.err(src, at, format!("the {what} path `{rel}` leads out of the project folder (through a symbolic link)"), Some("copy the file into the project".into()));
                return None;
            }
        }
        Some(full)
    }

    fn color(&mut self, src: &Src, at: &Option<Spanned<String>>, key: &str, into: &mut Color) {
        if let Some(c) = at {
            match Color::parse(c.get_ref().trim()) {
                Some(col) => *into = col,
                None => self.err(
                    src,
                    c,
                    format!("invalid colour `{}` for `{key}`", c.get_ref()),
                    Some("write colours as \"#rrggbb\"".into()),
                ),
            }
        }
    }

    /// A length in px within `lo..=hi`.
    fn length(
        &mut self,
        src: &Src,
        at: &Option<Spanned<RawLength>>,
        key: &str,
        (lo, hi): (f64, f64),
        into: &mut f64,
    ) {
        let Some(l) = at else { return };
        match length_px(l.get_ref()) {
            Ok(v) if v.is_finite() && (lo..=hi).contains(&v) => *into = v,
            Ok(v) => self.err(
                src,
                l,
                format!(
                    "the {key} is {} px, outside {lo}–{hi} px",
                    (v * 100.0).round() / 100.0
                ),
                Some(format!("choose a value from {lo} to {hi} px")),
            ),
            Err(e) => self.err(src, l, format!("the {key}: {e}"), Some(LENGTH_HINT.into())),
        }
    }

    /// The theme's keys over `base`.
    fn apply(&mut self, src: &Src, base: Theme, raw: RawTheme) -> Theme {
        let mut t = base;
        let mut set = (*t.fonts).clone();
        let fonts_at = raw.fonts.as_ref().map(|f| Spanned::new(f.span(), ()));
        if let Some(list) = &raw.fonts {
            self.load_fonts(src, list, &mut set);
        }
        if let Some(f) = &raw.font {
            match set
                .families
                .iter()
                .position(|x| x.name == f.get_ref().trim())
            {
                Some(i) => set.body = i,
                None => self.unknown_family(src, f, &set),
            }
        }
        if let Some(p) = &raw.palette {
            match p.get_ref() {
                RawPalette::Named(name) => match PALETTES.iter().find(|(n, _)| n == name) {
                    Some((_, colors)) => t.palette = colors.to_vec(),
                    None => {
                        let names: Vec<&str> = PALETTES.iter().map(|(n, _)| *n).collect();
                        let hint = did_you_mean(name, names.iter().copied()).map_or_else(
                            || {
                                format!(
                                    "palettes: {}, or a list of \"#rrggbb\" colours",
                                    names.join(", ")
                                )
                            },
                            |b| format!("did you mean `{b}`?"),
                        );
                        self.err(src, p, format!("unknown palette `{name}`"), Some(hint));
                    }
                },
                RawPalette::Colors(list) => {
                    let bad: Vec<&String> =
                        list.iter().filter(|c| Color::parse(c).is_none()).collect();
                    if !bad.is_empty() || list.is_empty() {
                        let bad: Vec<&str> = bad.iter().map(|s| s.as_str()).collect();
                        self.err(
                            src,
                            p,
                            format!("invalid palette colour(s): {}", bad.join(", ")),
                            Some("write colours as \"#rrggbb\"".into()),
                        );
                    } else {
                        t.palette = list.iter().filter_map(|c| Color::parse(c)).collect();
                    }
                }
            }
        }
        if let Some(map) = &raw.colors {
            for (name, c) in map.get_ref() {
                match Color::parse(c.get_ref()) {
                    Some(col) => {
                        t.by_name.insert(name.clone(), col);
                    }
                    None => self.err(
                        src,
                        c,
                        format!("invalid colour `{}` for `{name}`", c.get_ref()),
                        Some("write colours as \"#rrggbb\"".into()),
                    ),
                }
            }
        }
        if let Some(a) = &raw.title_align {
            match a.get_ref().trim() {
                "left" => t.title_align = Align::Left,
                "center" | "centre" => t.title_align = Align::Center,
                other => self.err(
                    src,
                    a,
                    format!("unknown title_align `{other}`"),
                    Some("use \"left\" or \"center\"".into()),
                ),
            }
        }
        if let Some(text) = &raw.text {
            if let Some(l) = &text.leading {
                let v = *l.get_ref();
                if (0.8..=3.0).contains(&v) {
                    t.text.leading = v;
                } else {
                    self.err(
                        src,
                        l,
                        format!("`leading` is {v}, outside 0.8–3"),
                        Some("line height is a multiple of the type size, such as 1.3".into()),
                    );
                }
            }
            let roles: [(&Option<Spanned<RawRole>>, &str, Slot); 6] = [
                (&text.title, "title", Slot::Title),
                (&text.subtitle, "subtitle", Slot::Subtitle),
                (&text.label, "label", Slot::Body),
                (&text.tick, "tick", Slot::Tick),
                (&text.value, "value", Slot::Value),
                (&text.note, "note", Slot::Note),
            ];
            for (role, key, slot) in roles {
                let Some(role) = role else { continue };
                let r = role.get_ref();
                let size = match slot {
                    Slot::Title => &mut t.text.title,
                    Slot::Subtitle => &mut t.text.subtitle,
                    Slot::Body => &mut t.text.label,
                    Slot::Tick => &mut t.text.tick,
                    Slot::Value => &mut t.text.value,
                    Slot::Note => &mut t.text.note,
                };
                self.length(src, &r.size, &format!("{key} size"), (4.0, 120.0), size);
                if let Some(f) = &r.family {
                    match set
                        .families
                        .iter()
                        .position(|x| x.name == f.get_ref().trim())
                    {
                        Some(i) => set.slots[slot.index()].family = Some(i),
                        None => self.unknown_family(src, f, &set),
                    }
                }
                if let Some(w) = &r.weight {
                    match w.get_ref().trim() {
                        "regular" | "normal" => set.slots[slot.index()].bold = Some(false),
                        "bold" => set.slots[slot.index()].bold = Some(true),
                        other => self.err(
                            src,
                            w,
                            format!("unknown weight `{other}`"),
                            Some(
                                "use \"regular\" or \"bold\" (a family's files give its weights)"
                                    .into(),
                            ),
                        ),
                    }
                }
            }
        }
        if let Some(ink) = &raw.ink {
            self.color(src, &ink.background, "background", &mut t.paper);
            self.color(src, &ink.text, "text", &mut t.ink);
            self.color(src, &ink.muted, "muted", &mut t.muted);
            self.color(src, &ink.grid, "grid", &mut t.grid);
            self.color(src, &ink.rule, "rule", &mut t.axis);
            self.color(src, &ink.shade, "shade", &mut t.shade);
            self.color(src, &ink.neutral, "neutral", &mut t.neutral);
        }
        if let Some(l) = &raw.lines {
            self.length(
                src,
                &l.grid,
                "grid line width",
                (0.1, 20.0),
                &mut t.lines.grid,
            );
            self.length(src, &l.rule, "rule width", (0.1, 20.0), &mut t.lines.rule);
            self.length(
                src,
                &l.series,
                "series line width",
                (0.25, 20.0),
                &mut t.lines.series,
            );
        }
        if let Some(s) = &raw.space {
            self.length(src, &s.margin, "margin", (0.0, 200.0), &mut t.text.margin);
        }
        if let Some(l) = &raw.legend {
            self.length(
                src,
                &l.swatch,
                "legend swatch",
                (2.0, 60.0),
                &mut t.legend.swatch,
            );
            self.length(src, &l.gap, "legend gap", (0.0, 200.0), &mut t.legend.gap);
        }
        if let Some(l) = &raw.labels {
            if let Some(v) = &l.values {
                t.values = *v.get_ref();
            }
        }
        let changed = raw.fonts.is_some()
            || raw.font.is_some()
            || raw.text.as_ref().is_some_and(|x| {
                [&x.title, &x.subtitle, &x.label, &x.tick, &x.value, &x.note]
                    .iter()
                    .any(|r| {
                        r.as_ref().is_some_and(|r| {
                            r.get_ref().family.is_some() || r.get_ref().weight.is_some()
                        })
                    })
            });
        if changed {
            let at = fonts_at
                .or_else(|| raw.font.as_ref().map(|f| Spanned::new(f.span(), ())))
                .unwrap_or_else(|| Spanned::new(0..0, ()));
            self.styles_present(src, &at, &set);
        }
        t.font = set.body().to_string();
        t.fonts = Arc::new(set);
        t
    }

    fn unknown_family(&mut self, src: &Src, f: &Spanned<String>, set: &FontSet) {
        let names: Vec<&str> = set.families.iter().map(|x| x.name.as_str()).collect();
        let hint = match did_you_mean(f.get_ref(), names.iter().copied()) {
            Some(b) => format!("did you mean `{b}`? families: {} (add a family's files to `fonts`; chartbook never reads system fonts)", names.join(", ")),
            None => format!("families: {} (add a family's files to `fonts`; chartbook never reads system fonts)", names.join(", ")),
        };
        self.err(
            src,
            f,
            format!("no font file of the theme is the family `{}`", f.get_ref()),
            Some(hint),
        );
    }

    /// Loads `fonts` into `set`, grouping the files into families by the names they give.
    fn load_fonts(&mut self, src: &Src, list: &Spanned<Vec<Spanned<String>>>, set: &mut FontSet) {
        let mut loaded: Vec<Font> = Vec::new();
        for p in list.get_ref() {
            let Some(full) = self.inside(src, p, "font") else {
                continue;
            };
            let bytes = match read_regular(&full) {
                Ok(b) => b,
                Err(Unreadable::Io(e)) => {
                    self.err(src, p, format!("cannot read the font `{}`: {e}", p.get_ref()), Some("font paths are relative to charts.toml, such as \"fonts/SourceSerif4-Regular.ttf\"".into()));
                    continue;
                }
                Err(why) => {
                    self.err(
                        src,
                        p,
                        format!("the font `{}` {why}", p.get_ref()),
                        Some(why.hint()),
                    );
                    continue;
                }
            };
            match fonts::load(bytes) {
                Ok(f) if f.family() == fonts::FAMILY || f.family() == fonts::JA_FAMILY => {
                    self.err(src, p, format!("`{}` is {}, which chartbook bundles", p.get_ref(), f.family()), Some("remove it from `fonts`: the bundled family is used without it".into()));
                }
                Ok(f) => loaded.push(f),
                Err(e) => self.err(src, p, format!("`{}` is not a font chartbook can use: {e}", p.get_ref()), Some("give a TrueType (.ttf) or OpenType (.otf) file whose licence allows embedding".into())),
            }
        }
        match Family::group(&loaded) {
            Ok(groups) => {
                let first = groups.first().map(|g| g.name.clone());
                for g in groups {
                    match set.families.iter_mut().find(|x| x.name == g.name) {
                        Some(old) => *old = g,
                        None => set.families.push(g),
                    }
                }
                // A theme that brings fonts sets its text in the first of them unless it
                // names another with `font`.
                if let Some(name) = first {
                    if let Some(i) = set.families.iter().position(|x| x.name == name) {
                        set.body = i;
                    }
                }
            }
            Err(e) => self.err(
                src,
                list,
                format!("the fonts clash: {e}"),
                Some(
                    "give one file per family and style (regular, bold, italic, bold italic)"
                        .into(),
                ),
            ),
        }
    }

    /// Every style the layout asks of each slot's family must have its own file: a missing
    /// bold is an error, never a faked one.
    fn styles_present(&mut self, src: &Src, at: &Spanned<()>, set: &FontSet) {
        // The faces chartbook sets each slot in.
        let uses: [(Slot, &[Face], &str); 6] = [
            (
                Slot::Body,
                &[Face::Regular, Face::Bold, Face::Italic],
                "labels, legends and table cells (bold for headers, italic for missing data)",
            ),
            (
                Slot::Tick,
                &[Face::Regular, Face::Bold, Face::Italic],
                "ticks and axis notes (bold for rules, italic for spans)",
            ),
            (
                Slot::Value,
                &[Face::Regular, Face::Bold],
                "value labels (bold for totals)",
            ),
            (Slot::Title, &[Face::TITLE], "titles"),
            (Slot::Subtitle, &[Face::SUBTITLE], "subtitles"),
            (Slot::Note, &[Face::NOTE], "notes and sources"),
        ];
        let mut told: Vec<(String, bool, bool)> = Vec::new();
        for (slot, faces, what) in uses {
            let fam = set.family(slot);
            for face in faces {
                let face = face.at(slot);
                let bold = set.bold(face);
                if fam.face(bold, face.italic).is_some()
                    || told.contains(&(fam.name.clone(), bold, face.italic))
                {
                    continue;
                }
                told.push((fam.name.clone(), bold, face.italic));
                let style = fonts::style_name(bold, face.italic);
                self.err(
                    src,
                    at,
                    format!("the family `{}` has no {style} file, and chartbook sets {what} in it", fam.name),
                    Some(format!("add the family's {style} file to `fonts`, or set that role in another family or weight under [text] (`{} = {{ family = \"…\", weight = \"…\" }}`)", slot.key())),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_convert_to_css_px() {
        let px = |s: &str| length_px(&RawLength::Text(s.into()));
        assert_eq!(length_px(&RawLength::Px(12.0)), Ok(12.0));
        assert_eq!(px("9pt"), Ok(12.0));
        assert_eq!(px("1in"), Ok(96.0));
        assert!((px("89mm").unwrap_or(0.0) - 336.378).abs() < 1e-3);
        assert!((px("2.54cm").unwrap_or(0.0) - 96.0).abs() < 1e-9);
        assert_eq!(px(" 640px "), Ok(640.0));
        assert!(px("12").is_err(), "a string needs a unit");
        assert!(px("12em").is_err());
        assert!(px("pt").is_err());
    }

    #[test]
    fn the_built_in_themes_are_files_that_state_the_house_values() {
        for (name, text) in crate::spec::theme::BUILT_IN {
            let t = builtin(name, text).unwrap_or_else(|d| panic!("{name}: {d:?}"));
            assert_eq!(t.text, crate::spec::theme::TypeScale::HOUSE, "{name}");
        }
        // The house file states every value `bare()` holds, so reading it changes nothing
        // but the slots' weights, which it fixes.
        let house = Theme::house();
        let mut b = bare();
        b.fonts = house.fonts.clone();
        assert_eq!(house, b);
        assert_eq!(Theme::print().ink, Color(0, 0, 0));
        assert_eq!(Theme::print().palette, crate::spec::theme::PRINT.to_vec());
    }
}
