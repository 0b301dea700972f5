//! Turns the raw spec into the checked spec: loads each data file once, resolves every field,
//! and collects all problems (not just the first) with file, line, column and a hint. One file
//! per table of `charts.toml`; this one holds the walk over the whole file and the helpers
//! every table uses.

mod annotations;
pub(crate) mod area;
mod axis;
pub(crate) mod bar;
mod chart;
mod checks;
mod color;
mod dates;
pub(crate) mod dot;
mod facet;
mod files;
mod keys;
pub(crate) mod line;
pub(crate) mod range;
mod report;
mod rules;
pub(crate) mod scatter;
pub(crate) mod slope;
pub(crate) mod table;
pub(crate) mod text;
mod theme;
pub(crate) mod theme_file;
mod transform;

pub use files::MAX_FILE_BYTES;
use files::{read_regular, Unreadable};
pub(crate) use rules::Rules;
use theme::cannot_draw;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use toml::Spanned;

use super::raw::RawSpec;
use super::*;
use crate::data::Table;
use crate::error::{did_you_mean, Diag, Severity};

/// A checked spec with the warnings found on the way.
#[derive(Debug, Clone)]
pub struct LoadedSpec {
    pub spec: Spec,
    pub warnings: Vec<Diag>,
}

/// Smallest and largest canvas side, in px.
pub const MIN_SIDE: f64 = 200.0;
/// Largest canvas side, in px (about 42 in at 96 px/in).
pub const MAX_SIDE: f64 = 4000.0;

/// Reads and checks the spec at `path`; data paths are relative to the spec's folder.
pub fn load(path: &Path) -> Result<LoadedSpec, Vec<Diag>> {
    let shown = path.display().to_string();
    let text = read_regular(path).map_err(|e| {
        let msg = match e {
            Unreadable::Io(e) => format!("cannot read the spec: {e}"),
            why => format!("the spec {why}"),
        };
        vec![Diag::error(&shown, msg)
            .with_hint("run chartbook in the folder that holds charts.toml, or pass --spec FILE")]
    })?;
    let text = String::from_utf8(text).map_err(|e| {
        let (line, col, _) = crate::error::line_col(
            &String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]),
            usize::MAX,
        );
        vec![Diag::error(&shown, "the spec is not valid UTF-8")
            .at(line, col)
            .with_hint("save the file as UTF-8")]
    })?;
    let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
    check(&shown, &text, &root)
}

/// Checks spec `text` (named `file` in messages), loading data relative to `root`.
pub fn check(file: &str, text: &str, root: &Path) -> Result<LoadedSpec, Vec<Diag>> {
    let refused = super::hygiene::scan_toml(file, text);
    let raw: RawSpec = match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            let mut d = Diag::error(file, e.message().to_string());
            if let Some(span) = e.span() {
                d = d.at_span(text, span.start, span.end);
            }
            d = hint_for_toml(d, e.message());
            return Err(refused.into_iter().chain([d]).collect());
        }
    };
    let mut v = Validator {
        file,
        text,
        root,
        diags: Vec::new(),
        tables: BTreeMap::new(),
        endnotes: None,
        footnote_at: BTreeMap::new(),
        lang: crate::i18n::Lang::default(),
        fonts: Arc::new(crate::fonts::FontSet::bundled()),
        values: true,
    };
    v.diags.extend(refused);
    let spec = v.spec(raw);
    // In reading order, as a compiler reports: by file (the spec first), line, column.
    let mut diags = v.diags;
    diags.sort_by(|a, b| {
        (a.file != file, &a.file, a.line, a.col).cmp(&(b.file != file, &b.file, b.line, b.col))
    });
    let (errors, warnings): (Vec<Diag>, Vec<Diag>) = diags
        .into_iter()
        .partition(|d| d.severity == Severity::Error);
    if errors.is_empty() {
        Ok(LoadedSpec { spec, warnings })
    } else {
        let mut all = errors;
        all.extend(warnings);
        Err(all)
    }
}

fn hint_for_toml(d: Diag, msg: &str) -> Diag {
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let word = rest.split('`').next().unwrap_or("");
        let expected: Vec<&str> = rest.split("expected ").nth(1).map_or(Vec::new(), |s| {
            s.split(|c: char| c == '`' || c == ',' || c.is_whitespace())
                .filter(|w| !w.is_empty() && *w != "one" && *w != "of" && *w != "or")
                .collect()
        });
        if let Some(best) = did_you_mean(word, expected.iter().copied()) {
            return d.with_hint(format!("did you mean `{best}`?"));
        }
        return d
            .with_hint("see the charts.toml reference in README.md for the keys each table takes");
    }
    if msg.contains("missing field") {
        return d.with_hint("add the key; see the charts.toml reference in README.md");
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let expected = rest.split("expected ").nth(1).unwrap_or("").trim();
        let want = match expected {
            "f64" | "i64" | "u32" | "an integer" | "a number" => {
                "a number, written without quotes (width = 640)"
            }
            "a string" => "text in double quotes (title = \"…\")",
            "a sequence" => "a list in [ ] (footnotes = [36, 37])",
            "a boolean" => "true or false",
            _ => "",
        };
        if !want.is_empty() {
            return d.with_hint(format!("this key takes {want}"));
        }
        return d.with_hint("see the charts.toml reference in README.md for what each key takes");
    }
    d.with_hint(
        "check the TOML syntax: strings in double quotes, arrays in [ ], inline tables in { }",
    )
}

/// What an error at the first of `total` like problems adds: " (and 41 more cells of this
/// column)"; nothing for one. `noun` is singular ("cell", "value", "row").
pub(super) fn and_more(total: usize, noun: &str, of: &str) -> String {
    match total {
        0 | 1 => String::new(),
        2 => format!(" (and 1 more {noun}{of})"),
        n => format!(" (and {} more {noun}s{of})", dates::count(n - 1)),
    }
}

pub(crate) struct Validator<'a> {
    file: &'a str,
    text: &'a str,
    root: &'a Path,
    diags: Vec<Diag>,
    tables: BTreeMap<String, Option<Arc<Table>>>,
    /// `[report] endnotes`: the paper's last endnote number, when given.
    endnotes: Option<u32>,
    /// Where each chart's `footnotes` name each endnote, for messages about them later.
    footnote_at: BTreeMap<(String, u32), Spanned<()>>,
    /// `[report] lang`: the language of the spec's own words (dates named as groups).
    lang: crate::i18n::Lang,
    /// The theme's fonts, once read: what the text of every chart must be drawable in.
    fonts: Arc<crate::fonts::FontSet>,
    /// The theme's `[labels] values`: whether a chart that does not say labels its values.
    values: bool,
}

impl Validator<'_> {
    fn err<T>(
        &mut self,
        at: &Spanned<T>,
        chart: &str,
        msg: impl Into<String>,
        hint: Option<String>,
    ) {
        self.push(Severity::Error, at, chart, msg, hint);
    }

    fn warn<T>(
        &mut self,
        at: &Spanned<T>,
        chart: &str,
        msg: impl Into<String>,
        hint: Option<String>,
    ) {
        self.push(Severity::Warning, at, chart, msg, hint);
    }

    fn push<T>(
        &mut self,
        severity: Severity,
        at: &Spanned<T>,
        chart: &str,
        msg: impl Into<String>,
        hint: Option<String>,
    ) {
        let mut d = Diag::error(self.file, msg)
            .at_span(self.text, at.span().start, at.span().end)
            .in_chart(chart);
        d.severity = severity;
        if let Some(h) = hint {
            d = d.with_hint(h);
        }
        self.diags.push(d);
    }

    /// Reads a keyword value: `default` when absent, the matching option's value when
    /// known, otherwise an error `unknown {what} `…`` with `hint` (or a "did you mean"
    /// when `suggest` is set and an option is close) and `default`.
    #[allow(clippy::too_many_arguments)]
    fn keyword<T: Copy>(
        &mut self,
        at: Option<&Spanned<String>>,
        chart: &str,
        what: &str,
        options: &[(&str, T)],
        default: T,
        hint: &str,
        suggest: bool,
    ) -> T {
        let Some(at) = at else { return default };
        let word = at.get_ref().as_str();
        if let Some((_, v)) = options.iter().find(|(name, _)| *name == word) {
            return *v;
        }
        let close = if suggest {
            did_you_mean(word, options.iter().map(|(n, _)| *n))
        } else {
            None
        };
        let hint = close.map_or_else(|| hint.to_string(), |b| format!("did you mean `{b}`?"));
        self.err(at, chart, format!("unknown {what} `{word}`"), Some(hint));
        default
    }

    /// Flags characters the bundled font cannot draw: they would vanish from the figure.
    fn glyphs<T>(&mut self, at: &Spanned<T>, chart: &str, text: &str, bold: bool) {
        if let Some(msg) = cannot_draw(&self.fonts, text, bold) {
            self.err(
                at,
                chart,
                msg,
                Some("these characters would be lost in the figure; replace them or use a font that has them".into()),
            );
        }
    }

    fn spec(&mut self, raw: RawSpec) -> Spec {
        let sources_at = raw.report.as_ref().and_then(|r| r.sources.clone());
        let languages = raw.report.as_ref().and_then(|r| r.languages.clone());
        let translations = raw.report.as_ref().and_then(|r| r.translations.clone());
        // The theme first: the report's words are set in its fonts too.
        let (theme, palette_at, named_at) = self.load_theme(raw.theme);
        self.fonts = theme.fonts.clone();
        self.values = theme.values;
        let report = self.report(raw.report.unwrap_or_default());
        let svg_text = self.keyword(
            raw.output.as_ref().and_then(|o| o.svg_text.as_ref()),
            "",
            "svg_text setting",
            &[
                ("embed", SvgText::Embed),
                ("outline", SvgText::Outline),
                ("plain", SvgText::Plain),
            ],
            SvgText::Embed,
            "use \"embed\" (fonts in the file), \"outline\" (glyph shapes) or \"plain\" (text only)",
            true,
        );
        let dpi = raw.output.as_ref().and_then(|o| o.dpi.as_ref()).and_then(|d| {
            match u32::try_from(*d.get_ref()) {
                Ok(v) if (36..=1200).contains(&v) => Some(v),
                _ => {
                    self.err(
                        d,
                        "",
                        format!("a dpi of {} is out of range", d.get_ref()),
                        Some("PNG resolutions run from 36 to 1200 dpi: 300 for print, 600 for line art a journal asks for".into()),
                    );
                    None
                }
            }
        });
        let lang = crate::i18n::Lang::parse(&report.lang).unwrap_or_default();
        self.lang = lang;
        let mut charts = Vec::new();
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        if raw.chart.is_empty() {
            self.diags
                .push(Diag::error(self.file, "the spec has no charts").with_hint(
                    "add a [[chart]] table; see the charts.toml reference in README.md",
                ));
        }
        for rc in raw.chart {
            let id = rc.get_ref().id.get_ref().clone();
            let line = crate::error::line_col(self.text, rc.get_ref().id.span().start).0;
            if let Some(prev) = seen.insert(id.clone(), line) {
                let id_span = rc.get_ref().id.clone();
                self.err(&id_span, &id, format!("duplicate chart id `{id}`"), Some(format!("the id is first used on line {prev}; ids name output files and must be unique")));
            }
            if let Some(mut c) = self.chart(rc.into_inner()) {
                // Its numbers' words ("no data", "about") are in the spec's own language.
                for f in c.formats_mut() {
                    f.lang = lang;
                }
                charts.push(c);
            }
        }
        let mut checks = Vec::new();
        for rc in raw.check {
            if let Some(c) = self.check(rc.get_ref()) {
                if !c.passed {
                    let mut from: Vec<String> = Vec::new();
                    for o in c.operands() {
                        let notes = if o.endnotes.is_empty() {
                            String::new()
                        } else {
                            format!(" (endnote {})", o.endnotes.join(", "))
                        };
                        let f = format!("{}{notes}", o.origin);
                        if !from.contains(&f) {
                            from.push(f);
                        }
                    }
                    self.warn(
                        &rc.get_ref().name,
                        "",
                        format!("data check failed: {}: {}", c.name, c.detail),
                        Some(format!("the numbers: {}", from.join("; "))),
                    );
                }
                checks.push(c);
            }
        }
        let sources = match &sources_at {
            Some(at) => self.sources(at, &charts),
            None => Vec::new(),
        };
        if let Some(at) = &palette_at {
            self.palette_vision(at, &theme, &charts);
        }
        // A colour named for no series would have no effect: say so.
        let keys: std::collections::BTreeSet<&str> =
            charts.iter().flat_map(|c| c.colour_names()).collect();
        for (name, at) in &named_at {
            if !keys.contains(name.as_str()) {
                let hint = did_you_mean(name, keys.iter().copied()).map_or_else(
                    || "name a series label as the charts write it".to_string(),
                    |b| format!("did you mean `{b}`?"),
                );
                self.warn(
                    at,
                    "",
                    format!("no chart has a series named `{name}`: its colour is unused"),
                    Some(hint),
                );
            }
        }
        self.mark_contrast(palette_at.as_ref(), &named_at, &theme, &charts);
        let mut spec = Spec {
            report,
            theme,
            svg_text,
            dpi,
            charts,
            checks,
            sources,
            editions: Vec::new(),
        };
        if let Some(langs) = &languages {
            spec.editions = self.editions(langs, translations.as_ref(), &spec);
        }
        spec
    }
}
