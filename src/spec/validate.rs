//! Turns the raw spec into the checked spec: loads each data file once, resolves every field,
//! and collects all problems (not just the first) with file, line, column and a hint.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use toml::Spanned;

use super::raw::{RawAnnX, RawAxis, RawChart, RawPalette, RawSpec};
use super::*;
use crate::data::{parse_csv, Cell, Table};
use crate::error::{did_you_mean, Diag, Severity};
use crate::fonts::{self, Face};
use crate::model::format::{NumFormat, NumStyle};

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

/// "no bundled font (Lato, BIZ UDPGothic) can draw `क` (U+0915), …", or `None` when every
/// character has a glyph.
fn cannot_draw(text: &str, face: Face) -> Option<String> {
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

/// The largest input file chartbook reads (spec, data, translations, sources), in bytes.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Why an input file was not read.
#[derive(Debug)]
enum Unreadable {
    /// Not a regular file: a FIFO or a device would block or never end; a folder has no text.
    NotAFile(&'static str),
    TooLarge(u64),
    Io(std::io::Error),
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unreadable::NotAFile(kind) => write!(f, "is {kind}, not a regular file"),
            Unreadable::TooLarge(n) => write!(
                f,
                "is {} MiB, over the limit of {} MiB",
                n / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            Unreadable::Io(e) => write!(f, "{e}"),
        }
    }
}

impl Unreadable {
    fn hint(&self) -> String {
        match self {
            Unreadable::TooLarge(_) => {
                "aggregate the data before charting it (no chart can show that many rows)".into()
            }
            _ => "name a file saved in the project folder".into(),
        }
    }
}

/// Reads a project file only when it is a regular file (following links inside the
/// project) of at most [`MAX_FILE_BYTES`]: a FIFO would block the build forever.
fn read_regular(path: &Path) -> Result<Vec<u8>, Unreadable> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(Unreadable::Io)?;
    let ft = meta.file_type();
    if ft.is_dir() {
        return Err(Unreadable::NotAFile("a folder"));
    }
    if !ft.is_file() {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if ft.is_fifo() {
                return Err(Unreadable::NotAFile("a named pipe (FIFO)"));
            }
            if ft.is_socket() {
                return Err(Unreadable::NotAFile("a socket"));
            }
            if ft.is_block_device() || ft.is_char_device() {
                return Err(Unreadable::NotAFile("a device"));
            }
        }
        return Err(Unreadable::NotAFile("a special file"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Unreadable::TooLarge(meta.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(Unreadable::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Unreadable::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

struct Validator<'a> {
    file: &'a str,
    text: &'a str,
    root: &'a Path,
    diags: Vec<Diag>,
    tables: BTreeMap<String, Option<Arc<Table>>>,
    /// `[report] endnotes`: the paper's last endnote number, when given.
    endnotes: Option<u32>,
    /// Where each chart's `footnotes` name each endnote, for messages about them later.
    footnote_at: BTreeMap<(String, u32), Spanned<()>>,
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
        let face = if bold { Face::Bold } else { Face::Regular };
        if let Some(msg) = cannot_draw(text, face) {
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
        let report = self.report(raw.report.unwrap_or_default());
        let raw_theme = raw.theme.unwrap_or_default();
        let palette_at = match &raw_theme.palette {
            Some(p) if matches!(p.get_ref(), RawPalette::Colors(_)) => {
                Some(Spanned::new(p.span(), ()))
            }
            _ => None,
        };
        let theme = self.theme(raw_theme);
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
            if let Some(c) = self.chart(rc.into_inner()) {
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
        let mut spec = Spec {
            report,
            theme,
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

    /// Checks `[report] languages` and `translations`, reads each translation file, and
    /// makes each further edition; reports every string a translation lacks, every
    /// translation no longer used, and every character no font can draw.
    fn editions(
        &mut self,
        langs: &Spanned<Vec<String>>,
        files: Option<&Spanned<BTreeMap<String, Spanned<String>>>>,
        spec: &Spec,
    ) -> Vec<Spec> {
        use super::translate::{self, Missing, RawTranslation, Translator};
        let supported: Vec<&str> = crate::i18n::Lang::ALL.iter().map(|l| l.tag()).collect();
        let mut out = Vec::new();
        let own = spec.lang();
        for (i, tag) in langs.get_ref().iter().enumerate() {
            let Some(lang) = crate::i18n::Lang::parse(tag) else {
                self.err(
                    langs,
                    "",
                    format!("chartbook has no words for the language `{tag}`"),
                    Some(format!("languages it writes: {}", supported.join(", "))),
                );
                continue;
            };
            if i == 0 {
                if lang != own {
                    self.err(
                        langs,
                        "",
                        format!(
                            "the first language is the spec's own, `{}` ([report] lang), not `{tag}`",
                            own.tag()
                        ),
                        Some(format!("write languages = [\"{}\", …]", own.tag())),
                    );
                }
                continue;
            }
            let Some(at) = files.and_then(|f| f.get_ref().get(tag)).cloned() else {
                self.err(
                    langs,
                    "",
                    format!("no translation file for `{tag}`"),
                    Some(format!(
                        "add translations = {{ {tag} = \"translations/{tag}.toml\" }} to [report]"
                    )),
                );
                continue;
            };
            let rel = at.get_ref().clone();
            let Some((text, raw)) = self.read_toml::<RawTranslation>(&at, "translation file")
            else {
                continue;
            };
            let report = raw.report.unwrap_or_default();
            let mut tr = Translator::new(lang, &raw.text);
            let edition = translate::edition(spec, &mut tr, &report);
            let name = lang.name();
            let hint = format!("add it under [text] in {rel}: \"English\" = \"translation\"");
            for m in &tr.missing {
                match m {
                    Missing::Spec(s) => {
                        let quoted = format!("{s:?}");
                        let mut d =
                            Diag::error(self.file, format!("no {name} translation for “{s}”"));
                        if let Some(i) = self.text.find(&quoted) {
                            d = d.at_span(self.text, i, i + quoted.len());
                        }
                        self.diags.push(d.with_hint(hint.clone()));
                    }
                    Missing::Cell(path, r, c, s) => {
                        if let Some(t) = spec
                            .charts
                            .iter()
                            .map(|ch| &ch.data)
                            .find(|t| &t.path == path)
                        {
                            if let Some(row) = t.rows.get(*r) {
                                self.diags.push(
                                    t.diag_at(row, *c, format!("no {name} translation for “{s}”"))
                                        .with_hint(hint.clone()),
                                );
                            }
                        }
                    }
                }
            }
            let title_span = report.title.as_ref().map(|t| t.span());
            if title_span.is_none() && !spec.report.title.is_empty() {
                self.diags.push(
                    Diag::error(&rel, format!("the {name} edition has no title"))
                        .with_hint("add [report] title = \"…\""),
                );
            }
            let mut values: Vec<(&String, &Spanned<String>)> = raw.text.iter().collect();
            let extra = [
                &report.title,
                &report.subtitle,
                &report.publisher,
                &report.subject,
            ];
            let mut spans: Vec<&Spanned<String>> =
                extra.iter().filter_map(|o| o.as_ref()).collect();
            spans.extend(report.authors.iter());
            spans.extend(report.keywords.iter());
            for v in spans.into_iter().chain(values.iter().map(|(_, v)| *v)) {
                if let Some(msg) = cannot_draw(v.get_ref(), Face::Bold) {
                    self.diags.push(
                        Diag::error(&rel, msg)
                            .at_span(&text, v.span().start, v.span().end)
                            .with_hint("these characters would be tofu boxes in print; use characters the bundled fonts have"),
                    );
                }
            }
            values.retain(|(k, _)| !tr.used.contains(k.as_str()));
            for (k, v) in values {
                let mut d = Diag::error(&rel, format!("the translation of “{k}” is not used"))
                    .at_span(&text, v.span().start, v.span().end)
                    .with_hint("the spec and data no longer have this text; remove it");
                d.severity = Severity::Warning;
                self.diags.push(d);
            }
            out.push(edition);
        }
        out
    }

    /// Reads and parses a TOML file the spec names at `at` (`what`: "sources file"), inside the
    /// project; every problem is reported, located in the file where it has a place.
    fn read_toml<T: serde::de::DeserializeOwned>(
        &mut self,
        at: &Spanned<String>,
        what: &str,
    ) -> Option<(String, T)> {
        let rel = at.get_ref().clone();
        let full = self.project_path(at, "", &rel)?;
        let text = match read_regular(&full).map(String::from_utf8) {
            Ok(Ok(t)) => t,
            Ok(Err(e)) => {
                let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                let (line, col, _) =
                    crate::error::line_col(&String::from_utf8_lossy(valid), usize::MAX);
                self.diags.push(
                    Diag::error(&rel, format!("the {what} is not valid UTF-8"))
                        .at(line, col)
                        .with_hint("save the file as UTF-8"),
                );
                return None;
            }
            Err(Unreadable::Io(e)) => {
                self.err(at, "", format!("cannot read the {what} `{rel}`: {e}"), None);
                return None;
            }
            Err(why) => {
                self.err(
                    at,
                    "",
                    format!("the {what} `{rel}` {why}"),
                    Some(why.hint()),
                );
                return None;
            }
        };
        if let Some(d) = super::hygiene::scan_toml(&rel, &text) {
            self.diags.push(d);
        }
        match toml::from_str(&text) {
            Ok(r) => Some((text, r)),
            Err(e) => {
                let mut d = Diag::error(&rel, e.message().to_string());
                if let Some(span) = e.span() {
                    d = d.at_span(&text, span.start, span.end);
                }
                self.diags.push(hint_for_toml(d, e.message()));
                None
            }
        }
    }

    /// Reads `[report] sources`; every endnote a chart or a data row cites must be there.
    fn sources(&mut self, at: &Spanned<String>, charts: &[Chart]) -> Vec<crate::spec::Endnote> {
        let rel = at.get_ref().clone();
        let Some((text, raw)) = self.read_toml::<raw::RawSources>(at, "sources file") else {
            return Vec::new();
        };
        let mut out: Vec<crate::spec::Endnote> = Vec::new();
        for e in &raw.endnote {
            let n = e.get_ref().number.get_ref();
            match u32::try_from(*n) {
                Ok(number) if number >= 1 && !out.iter().any(|o| o.number == number) => {
                    out.push(crate::spec::Endnote {
                        number,
                        text: e.get_ref().text.trim().to_string(),
                        address: e.get_ref().address.clone(),
                    })
                }
                _ => {
                    let d = Diag::error(
                        &rel,
                        format!("endnote number {n} is not positive or appears twice"),
                    )
                    .at_span(
                        &text,
                        e.get_ref().number.span().start,
                        e.get_ref().number.span().end,
                    );
                    self.diags.push(d);
                }
            }
        }
        out.sort_by_key(|e| e.number);
        let known = |n: u32| out.iter().any(|e| e.number == n);
        let hint = format!("add it to {rel}, verbatim from the paper's Endnotes");
        for c in charts {
            for n in &c.footnotes {
                if !known(*n) {
                    let msg = format!("endnote {n} is not in {rel}");
                    match self.footnote_at.get(&(c.id.clone(), *n)).cloned() {
                        Some(at) => self.err(&at, &c.id, msg, Some(hint.clone())),
                        None => self.diags.push(
                            Diag::error(self.file, msg)
                                .in_chart(&c.id)
                                .with_hint(hint.clone()),
                        ),
                    }
                }
            }
            for (n, row, col) in crate::spec::endnote_cells(&c.data) {
                if !known(n) {
                    let d = c
                        .data
                        .diag_at(row, col, format!("endnote {n} is not in {rel}"))
                        .in_chart(&c.id)
                        .with_hint(hint.clone());
                    if !self
                        .diags
                        .iter()
                        .any(|o| o.file == d.file && o.line == d.line && o.message == d.message)
                    {
                        self.diags.push(d);
                    }
                }
            }
        }
        out
    }

    /// Resolves and evaluates one `[[check]]`.
    fn check(&mut self, c: &raw::RawCheck) -> Option<checks::Check> {
        use checks::Rule;
        let name = c.name.get_ref().clone();
        let kind = self.keyword(
            Some(&c.kind),
            "",
            "check kind",
            &[("sum", 0u8), ("share", 1), ("range", 2), ("agree", 3)],
            255,
            "use \"sum\", \"share\", \"range\" or \"agree\"",
            true,
        );
        let tolerance = c.tolerance.as_ref().map_or(0.0, |t| *t.get_ref());
        let need = |v: &mut Self,
                    r: &Option<Spanned<raw::RawRef>>,
                    key: &str|
         -> Option<checks::Operand> {
            match r {
                Some(r) => v.operand(r),
                None => {
                    v.err(
                        &c.kind,
                        "",
                        format!("a `{}` check needs `{key}`", c.kind.get_ref()),
                        Some(format!("add {key} = {{ data = \"data/….csv\", column = \"…\", row = \"…\" }} or {{ value = …, source = \"…\" }}")),
                    );
                    None
                }
            }
        };
        let rule = match kind {
            0 => {
                let mut parts = Vec::new();
                for p in c.parts.iter().flatten() {
                    parts.push(self.operand(p)?);
                }
                if parts.is_empty() {
                    self.err(
                        &c.kind,
                        "",
                        "a `sum` check needs `parts`, a list of numbers",
                        None,
                    );
                    return None;
                }
                let total = need(self, &c.total, "total")?;
                let at_most = match &c.relation {
                    None => false,
                    Some(r) if r.get_ref() == "equal" => false,
                    Some(r) if r.get_ref() == "at_most" => true,
                    Some(r) => {
                        self.err(
                            r,
                            "",
                            format!("unknown relation `{}`", r.get_ref()),
                            Some("use \"equal\" or \"at_most\"".into()),
                        );
                        return None;
                    }
                };
                Rule::Sum {
                    parts,
                    total,
                    at_most,
                    tolerance,
                }
            }
            1 => {
                let share = need(self, &c.share, "share");
                let count = need(self, &c.count, "count");
                let total = need(self, &c.total, "total");
                Rule::Share {
                    share: share?,
                    count: count?,
                    total: total?,
                    tolerance,
                }
            }
            2 => {
                let value = need(self, &c.value, "value")?;
                if c.min.is_none() && c.max.is_none() {
                    self.err(
                        &c.kind,
                        "",
                        "a `range` check needs `min`, `max` or both",
                        None,
                    );
                    return None;
                }
                Rule::Range {
                    value,
                    min: c.min.as_ref().map(|m| *m.get_ref()),
                    max: c.max.as_ref().map(|m| *m.get_ref()),
                }
            }
            3 => {
                let a = need(self, &c.a, "a");
                let b = need(self, &c.b, "b");
                Rule::Agree {
                    a: a?,
                    b: b?,
                    tolerance,
                }
            }
            _ => return None,
        };
        Some(checks::Check::evaluate(name, rule))
    }

    /// A number a check reads: a stated value, or a cell named by data, column and row.
    fn operand(&mut self, r: &Spanned<raw::RawRef>) -> Option<checks::Operand> {
        let rr = r.get_ref();
        if let Some(v) = rr.value {
            if rr.data.is_some() || rr.column.is_some() || rr.row.is_some() {
                self.err(
                    r,
                    "",
                    "give either `value` or `data`, `column` and `row`",
                    None,
                );
                return None;
            }
            if !v.is_finite() {
                self.err(r, "", "a stated value must be a finite number", None);
                return None;
            }
            let text = format!("{v}");
            let decimals = text.split('.').nth(1).map_or(0, |d| d.len().min(9) as u8);
            let origin = match &rr.source {
                Some(s) => format!("stated: “{s}”"),
                None => "stated in charts.toml".to_string(),
            };
            return Some(checks::Operand {
                value: v,
                decimals,
                origin,
                endnotes: Vec::new(),
                quote: None,
            });
        }
        let (Some(data), Some(column), Some(row)) = (&rr.data, &rr.column, &rr.row) else {
            self.err(
                r,
                "",
                "a check reads a cell by `data`, `column` and `row` (the text of the row's first cell)",
                Some("or states a number: { value = 14019, source = \"…\" }".into()),
            );
            return None;
        };
        let table = self.table(data, "")?;
        let Some(col) = table.column(column.get_ref()) else {
            let hint = did_you_mean(column.get_ref(), table.headers.iter().map(String::as_str))
                .map_or_else(
                    || {
                        format!(
                            "the columns of {} are: {}",
                            table.path,
                            table.headers.join(", ")
                        )
                    },
                    |b| {
                        format!(
                            "did you mean `{b}`? the columns of {} are: {}",
                            table.path,
                            table.headers.join(", ")
                        )
                    },
                );
            self.err(
                column,
                "",
                format!("no column `{}` in {}", column.get_ref(), table.path),
                Some(hint),
            );
            return None;
        };
        match checks::cell_operand(&table, col, column.get_ref(), row.get_ref()) {
            Ok(o) => Some(o),
            Err(msg) => {
                self.err(row, "", msg, None);
                None
            }
        }
    }

    fn report(&mut self, r: raw::RawReport) -> Report {
        let page = self.keyword(
            r.page.as_ref(),
            "",
            "page size",
            &[
                ("A4", PageSize::A4),
                ("a4", PageSize::A4),
                ("Letter", PageSize::Letter),
                ("letter", PageSize::Letter),
            ],
            PageSize::A4,
            "use \"A4\" or \"Letter\"",
            false,
        );
        if let Some(e) = &r.endnotes {
            match u32::try_from(*e.get_ref()) {
                Ok(n) if n >= 1 => self.endnotes = Some(n),
                _ => self.err(
                    e,
                    "",
                    format!("endnotes = {} is not a count of endnotes", e.get_ref()),
                    Some("give the number of the paper's last endnote, e.g. endnotes = 95".into()),
                ),
            }
        }
        let mut text = |v: Option<Spanned<String>>, bold: bool| match v {
            Some(v) => {
                self.glyphs(&v, "", v.get_ref(), bold);
                v.into_inner()
            }
            None => String::new(),
        };
        let no_title = r
            .title
            .as_ref()
            .is_none_or(|t| t.get_ref().trim().is_empty());
        let title = text(r.title, true);
        let subtitle = text(r.subtitle, false);
        let publisher = text(r.publisher, false);
        let date = text(r.date, false);
        let subject = text(r.subject, false);
        let authors: Vec<String> = r
            .authors
            .into_iter()
            .map(|a| text(Some(a), false))
            .collect();
        let keywords: Vec<String> = r
            .keywords
            .into_iter()
            .map(|k| text(Some(k), false))
            .collect();
        let lang = match r.lang {
            Some(l) => {
                let ok = !l.get_ref().is_empty()
                    && l.get_ref().split('-').all(|p| {
                        !p.is_empty()
                            && p.len() <= 8
                            && p.chars().all(|c| c.is_ascii_alphanumeric())
                    });
                if !ok {
                    self.err(
                        &l,
                        "",
                        format!("`{}` is not a language tag", l.get_ref()),
                        Some("write a BCP 47 tag such as \"en\", \"en-GB\" or \"ja\"".into()),
                    );
                }
                l.into_inner()
            }
            None => "en".into(),
        };
        if no_title {
            self.diags.push(
                Diag::error(
                    self.file,
                    "[report] has no title: the PDF handout would have none",
                )
                .warning()
                .with_hint("add [report] with title = \"…\" (also the PDF's metadata title)"),
            );
        }
        Report {
            subject: if subject.is_empty() {
                subtitle.clone()
            } else {
                subject
            },
            title,
            subtitle,
            authors,
            publisher,
            date,
            page,
            lang,
            keywords,
        }
    }

    /// Warns when the author's palette has colours that people with a colour-vision
    /// deficiency (or anyone, or a greyscale copy) cannot tell apart in the charts that use
    /// them, or fewer colours than a chart has series.
    fn palette_vision(&mut self, at: &Spanned<()>, theme: &Theme, charts: &[Chart]) {
        use super::vision;
        let n = charts
            .iter()
            .map(|c| c.series.len().max(c.ranges.len()))
            .max()
            .unwrap_or(0)
            .max(2);
        let hex = |c: Color| format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2);
        if theme.palette.len() < n {
            let user = charts
                .iter()
                .find(|c| c.series.len().max(c.ranges.len()) == n)
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
            .filter(|c| matches!(c.kind, Kind::Line | Kind::Range))
            .map(|c| c.series.len().max(c.ranges.len()))
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

    fn theme(&mut self, t: raw::RawTheme) -> Theme {
        let mut theme = Theme::default();
        if let Some(name) = &t.name {
            match Theme::named(name.get_ref()) {
                Some(named) => theme = named,
                None => {
                    let hint = did_you_mean(name.get_ref(), theme::THEMES.iter().copied())
                        .map_or_else(
                            || format!("themes: {}", theme::THEMES.join(", ")),
                            |b| format!("did you mean `{b}`? themes: {}", theme::THEMES.join(", ")),
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
        if let Some(p) = &t.palette {
            match p.get_ref() {
                RawPalette::Named(name) => match theme::PALETTES.iter().find(|(n, _)| n == name) {
                    Some((_, colors)) => theme.palette = colors.to_vec(),
                    None => {
                        let names: Vec<&str> = theme::PALETTES.iter().map(|(n, _)| *n).collect();
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
                },
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

    /// Loads (once) the CSV at `rel`, refusing paths that leave the project folder.
    fn table(&mut self, at: &Spanned<String>, chart: &str) -> Option<Arc<Table>> {
        let rel = at.get_ref().clone();
        if let Some(t) = self.tables.get(&rel) {
            return t.clone();
        }
        let result = self.read_table(at, chart, &rel);
        self.tables.insert(rel, result.clone());
        result
    }

    /// The full path of a project file named in the spec, refusing paths that leave the
    /// project folder (`..`, absolute, or a symbolic link that leads out).
    fn project_path(&mut self, at: &Spanned<String>, chart: &str, rel: &str) -> Option<PathBuf> {
        let p = Path::new(rel);
        if p.is_absolute()
            || p.components().any(|c| {
                matches!(
                    c,
                    Component::ParentDir | Component::Prefix(_) | Component::RootDir
                )
            })
        {
            self.err(at, chart, format!("the data path `{rel}` leaves the project folder"), Some("write data paths relative to charts.toml, inside the project, such as \"data/arrests.csv\"".into()));
            return None;
        }
        let full: PathBuf = self.root.join(p);
        if let (Ok(real), Ok(root)) = (
            full.canonicalize(),
            self.root
                .canonicalize()
                .or_else(|_| std::env::current_dir()),
        ) {
            if !real.starts_with(&root) {
                self.err(at, chart, format!("the data path `{rel}` leads out of the project folder (through a symbolic link)"), Some("copy the file into the project's data/ folder".into()));
                return None;
            }
        }
        Some(full)
    }

    fn read_table(&mut self, at: &Spanned<String>, chart: &str, rel: &str) -> Option<Arc<Table>> {
        let p = Path::new(rel);
        let full = self.project_path(at, chart, rel)?;
        let bytes = match read_regular(&full) {
            Ok(b) => b,
            Err(Unreadable::Io(e)) => {
                let hint = self.similar_file(p);
                self.err(
                    at,
                    chart,
                    format!("cannot read the data file `{rel}`: {e}"),
                    Some(hint),
                );
                return None;
            }
            Err(why) => {
                self.err(
                    at,
                    chart,
                    format!("the data file `{rel}` {why}"),
                    Some(why.hint()),
                );
                return None;
            }
        };
        let shown = full.display().to_string();
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                let (line, col, _) =
                    crate::error::line_col(&String::from_utf8_lossy(valid), usize::MAX);
                self.diags.push(
                    Diag::error(&shown, "the data file is not valid UTF-8")
                        .at(line, col)
                        .in_chart(chart)
                        .with_hint("save the CSV as UTF-8"),
                );
                return None;
            }
        };
        if let Some(d) = super::hygiene::scan_data(&shown, &text) {
            self.diags.push(d.in_chart(chart));
        }
        match parse_csv(&shown, &text) {
            Ok(t) => {
                let slips = crate::data::quote::check_table(&t);
                self.diags
                    .extend(slips.into_iter().map(|d| d.in_chart(chart)));
                Some(Arc::new(t))
            }
            Err(ds) => {
                self.diags.extend(ds.into_iter().map(|d| d.in_chart(chart)));
                None
            }
        }
    }

    fn similar_file(&self, p: &Path) -> String {
        let dir = self.root.join(p.parent().unwrap_or(Path::new("")));
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().to_string())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        match did_you_mean(&name, names.iter().map(String::as_str)) {
            Some(best) => format!("did you mean `{}`?", p.with_file_name(best).display()),
            None => "data paths are relative to the folder of charts.toml".into(),
        }
    }

    /// Resolves a column name, with a hint listing the columns.
    fn column(&mut self, t: &Table, name: &Spanned<String>, chart: &str) -> Option<usize> {
        match t.column(name.get_ref()) {
            Some(i) => Some(i),
            None => {
                let hint = match did_you_mean(name.get_ref(), t.headers.iter().map(String::as_str))
                {
                    Some(b) => format!(
                        "did you mean `{b}`? the columns of {} are: {}",
                        t.path,
                        t.headers.join(", ")
                    ),
                    None => format!("the columns of {} are: {}", t.path, t.headers.join(", ")),
                };
                self.err(
                    name,
                    chart,
                    format!("no column `{}` in {}", name.get_ref(), t.path),
                    Some(hint),
                );
                None
            }
        }
    }

    /// Checks that a column holds numbers (or censored/missing values) in every row.
    fn numeric(&mut self, t: &Table, col: usize, chart: &str) -> bool {
        let mut ok = true;
        for row in &t.rows {
            if let Some(Cell::Text(s)) = row.cells.get(col) {
                let name = t.headers.get(col).cloned().unwrap_or_default();
                self.diags.push(
                    t.diag_at(row, col, format!("`{s}` in column `{name}` is not a number"))
                        .in_chart(chart)
                        .with_hint("write numbers plainly (10284, 12.9); a censored value as <0.1; approximate as ~15000; missing as – or empty"),
                );
                ok = false;
            }
        }
        ok
    }

    fn format(&mut self, f: Option<&Spanned<String>>, chart: &str, default: NumStyle) -> NumStyle {
        self.keyword(
            f,
            chart,
            "number format",
            &[
                ("thousands", NumStyle::Thousands),
                ("number", NumStyle::Thousands),
                ("plain", NumStyle::Plain),
                ("percent", NumStyle::Percent),
            ],
            default,
            "formats: thousands, plain, percent",
            true,
        )
    }

    fn axis(
        &mut self,
        raw: Option<&Spanned<RawAxis>>,
        t: Option<&Table>,
        chart: &str,
        is_x: bool,
    ) -> Axis {
        let mut axis = Axis::default();
        let Some(sp) = raw else { return axis };
        let a = sp.get_ref();
        if let (Some(f), Some(t)) = (&a.field, t) {
            axis.field = self.column(t, f, chart);
        }
        axis.kind = self.keyword(
            a.kind.as_ref(),
            chart,
            "axis type",
            &[
                ("category", XType::Category),
                ("nominal", XType::Category),
                ("linear", XType::Linear),
                ("quantitative", XType::Linear),
                ("temporal", XType::Temporal),
                ("year", XType::Temporal),
            ],
            XType::Category,
            "axis types: category, linear, temporal",
            false,
        );
        let default_style = if is_x && axis.kind == XType::Temporal {
            NumStyle::Plain
        } else {
            NumStyle::Thousands
        };
        axis.format.style = self.format(a.format.as_ref(), chart, default_style);
        if let Some(d) = &a.decimals {
            match u8::try_from(*d.get_ref()) {
                Ok(v) if v <= 6 => axis.format.decimals = Some(v),
                _ => self.err(
                    d,
                    chart,
                    format!("decimals must be 0 to 6, not {}", d.get_ref()),
                    None,
                ),
            }
        }
        axis.format.prefix = a.prefix.clone().unwrap_or_default();
        axis.format.suffix = a.suffix.clone().unwrap_or_default();
        axis.title = a.title.clone();
        axis.unit = a.unit.clone();
        if let Some(title) = &a.title {
            self.glyphs(sp, chart, title, false);
        }
        axis.scale = self.keyword(
            a.scale.as_ref(),
            chart,
            "scale",
            &[("linear", ScaleKind::Linear), ("log", ScaleKind::Log)],
            ScaleKind::Linear,
            "scales: linear, log",
            false,
        );
        for (v, name) in [(&a.min, "min"), (&a.max, "max")] {
            if let Some(v) = v {
                if !v.get_ref().is_finite() {
                    self.err(v, chart, format!("{name} must be a finite number"), None);
                }
            }
        }
        axis.min = a
            .min
            .as_ref()
            .map(|v| *v.get_ref())
            .filter(|v| v.is_finite());
        axis.max = a
            .max
            .as_ref()
            .map(|v| *v.get_ref())
            .filter(|v| v.is_finite());
        if let (Some(lo), Some(hi)) = (axis.min, axis.max) {
            if lo >= hi {
                self.err(
                    sp,
                    chart,
                    format!("the axis min ({lo}) must be below its max ({hi})"),
                    None,
                );
            }
        }
        axis
    }

    fn chart(&mut self, c: RawChart) -> Option<Chart> {
        let id = c.id.get_ref().clone();
        if !super::valid_id(&id) {
            self.err(&c.id, &id, format!("invalid chart id `{id}`"), Some("ids name output files: use 1 to 64 of a-z, 0-9 and -, such as \"fig1-meth-arrests\"".into()));
        }
        let kind = match Kind::ALL.iter().find(|(n, _)| n == c.kind.get_ref()) {
            Some((_, k)) => Some(*k),
            None => {
                let names: Vec<&str> = Kind::ALL.iter().map(|(n, _)| *n).collect();
                let hint = match did_you_mean(c.kind.get_ref(), names.iter().copied()) {
                    Some(b) => format!("did you mean `{b}`?"),
                    None => format!("chart kinds: {}", names.join(", ")),
                };
                self.err(
                    &c.kind,
                    &id,
                    format!("unknown chart kind `{}`", c.kind.get_ref()),
                    Some(hint),
                );
                None
            }
        };
        if c.title.get_ref().trim().is_empty() {
            self.err(
                &c.title,
                &id,
                "the title is empty",
                Some("every figure carries a title".into()),
            );
        }
        self.glyphs(&c.title, &id, c.title.get_ref(), true);
        if let Some(s) = &c.subtitle {
            self.glyphs(s, &id, s.get_ref(), false);
        }
        if let Some(s) = &c.source {
            self.glyphs(s, &id, s.get_ref(), false);
        }
        for n in c.notes.iter().flatten() {
            self.glyphs(n, &id, n.get_ref(), false);
        }
        let mut footnotes = Vec::new();
        for f in c.footnotes.iter().flatten() {
            match u32::try_from(*f.get_ref()) {
                Ok(n) if n >= 1 && self.endnotes.is_some_and(|max| n > max) => {
                    let max = self.endnotes.unwrap_or(0);
                    self.err(
                        f,
                        &id,
                        format!("the paper has no endnote {n}"),
                        Some(format!(
                            "its endnotes run from 1 to {max} ([report] endnotes = {max})"
                        )),
                    )
                }
                Ok(n) if n >= 1 => {
                    footnotes.push(n);
                    self.footnote_at
                        .insert((id.clone(), n), Spanned::new(f.span(), ()));
                }
                _ => self.err(
                    f,
                    &id,
                    format!("endnote numbers are positive, not {}", f.get_ref()),
                    None,
                ),
            }
        }
        if c.source.is_none() && c.footnotes.as_ref().is_none_or(Vec::is_empty) {
            self.warn(
                &c.id,
                &id,
                "the chart names no source",
                Some(
                    "add source = \"…\" and footnotes = [n, …] with the paper's endnote numbers"
                        .into(),
                ),
            );
        }
        let width = self.side(c.width.as_ref(), &id, "width").unwrap_or(640.0);
        let height = self.side(c.height.as_ref(), &id, "height");

        let data_at = match &c.data {
            Some(d) => d.clone(),
            None => {
                self.err(
                    &c.id,
                    &id,
                    "the chart has no `data` file",
                    Some("add data = \"data/<file>.csv\"".into()),
                );
                return None;
            }
        };
        let table = self.table(&data_at, &id);
        let t = table.as_deref();
        let x = self.axis(c.x.as_ref(), t, &id, true);
        let y = self.axis(c.y.as_ref(), t, &id, false);
        let kind = kind?;
        if y.scale == ScaleKind::Log
            && matches!(
                kind,
                Kind::Range | Kind::Table | Kind::Text | Kind::StackedBar
            )
        {
            if let Some(ya) = &c.y {
                self.err(
                    ya,
                    &id,
                    format!("a {} chart cannot use a log scale", kind.name()),
                    Some("log scales apply to bar, grouped_bar and line charts".into()),
                );
            }
        }

        let mut series = Vec::new();
        let mut remainders = Vec::new();
        if let (Some(list), Some(t)) = (&c.series, t) {
            for s in list {
                let rs = s.get_ref();
                match (&rs.field, &rs.remainder) {
                    (Some(field), None) => {
                        if let Some(col) = self.column(t, field, &id) {
                            let label = rs.label.clone().unwrap_or_else(|| field.get_ref().clone());
                            self.glyphs(s, &id, &label, false);
                            series.push(Series { col, label });
                        }
                    }
                    (None, Some(whole)) => {
                        if kind != Kind::StackedBar {
                            self.err(
                                whole,
                                &id,
                                "only a stacked_bar chart can draw a remainder",
                                Some(
                                    "a remainder completes a stack to its whole, such as 100%"
                                        .into(),
                                ),
                            );
                        } else if !whole.get_ref().is_finite() || *whole.get_ref() <= 0.0 {
                            self.err(
                                whole,
                                &id,
                                "a remainder's whole must be a positive number",
                                Some(
                                    "write the whole the parts add up to, such as remainder = 100"
                                        .into(),
                                ),
                            );
                        } else if let Some(label) = &rs.label {
                            self.glyphs(s, &id, label, false);
                            remainders.push((*whole.get_ref(), label.clone()));
                        } else {
                            self.err(
                                s,
                                &id,
                                "a remainder series needs a label",
                                Some(
                                    "say what the rest is, such as label = \"Other offences\""
                                        .into(),
                                ),
                            );
                        }
                    }
                    _ => self.err(
                        s,
                        &id,
                        "a series names either a `field` or a `remainder`",
                        Some(
                            "write { field = \"column\" } or { remainder = 100, label = \"…\" }"
                                .into(),
                        ),
                    ),
                }
            }
        }
        // A remainder is a column computed here, so that every later step sees it as data.
        let table = match (table, remainders.is_empty()) {
            (Some(t), false) => {
                let parts: Vec<usize> = series.iter().map(|s| s.col).collect();
                let mut t = (*t).clone();
                for (whole, label) in remainders {
                    let col = t.push_remainder(&parts, whole, &label);
                    series.push(Series { col, label });
                }
                Some(Arc::new(t))
            }
            (table, _) => table,
        };
        let t = table.as_deref();
        if series.is_empty() && c.series.is_none() {
            if let (Some(col), Some(t)) = (y.field, t) {
                let label = y
                    .title
                    .clone()
                    .unwrap_or_else(|| t.headers.get(col).cloned().unwrap_or_default());
                series.push(Series { col, label });
            }
        }
        let mut ranges = Vec::new();
        if let (Some(list), Some(t)) = (&c.ranges, t) {
            for r in list {
                let rr = r.get_ref();
                let low = self.column(t, &rr.low, &id);
                let high = self.column(t, &rr.high, &id);
                if let (Some(low), Some(high)) = (low, high) {
                    ranges.push(RangeSeries {
                        low,
                        high,
                        label: rr.label.clone().unwrap_or_else(|| rr.low.get_ref().clone()),
                    });
                }
            }
        }
        let orientation = self.keyword(
            c.orientation.as_ref(),
            &id,
            "orientation",
            &[
                ("vertical", Orientation::Vertical),
                ("horizontal", Orientation::Horizontal),
            ],
            Orientation::Vertical,
            "use \"vertical\" or \"horizontal\"",
            false,
        );
        let stack = self.keyword(
            c.stack.as_ref(),
            &id,
            "stack mode",
            &[("count", Stack::Count), ("percent", Stack::Percent)],
            Stack::Count,
            "use \"count\" or \"percent\"",
            false,
        );
        let text_style = self.keyword(
            c.style.as_ref(),
            &id,
            "text style",
            &[
                ("bullets", TextStyle::Bullets),
                ("numbered", TextStyle::Numbered),
                ("paragraphs", TextStyle::Paragraphs),
            ],
            TextStyle::Bullets,
            "use \"bullets\", \"numbered\" or \"paragraphs\"",
            false,
        );

        let table = table?;
        let t = &*table;
        let mut columns = Vec::new();
        let mut text_field = None;
        let mut label = None;
        match kind {
            Kind::Bar | Kind::GroupedBar | Kind::StackedBar | Kind::Line | Kind::Range => {
                // A named column that does not exist was reported when the axis was read.
                if c.x.as_ref().is_none_or(|a| a.get_ref().field.is_none()) {
                    let at = c.x.as_ref().map_or_else(
                        || Spanned::new(c.kind.span(), ()),
                        |s| Spanned::new(s.span(), ()),
                    );
                    self.err(
                        &at,
                        &id,
                        format!("a {} chart needs an x field", kind.name()),
                        Some(format!(
                            "add x = {{ field = \"…\" }}; the columns of {} are: {}",
                            t.path,
                            t.headers.join(", ")
                        )),
                    );
                }
                if kind == Kind::Range {
                    if ranges.is_empty() && c.ranges.is_none() {
                        self.err(
                            &c.kind,
                            &id,
                            "a range chart needs `ranges`",
                            Some(
                                "add ranges = [{ low = \"…\", high = \"…\", label = \"…\" }]"
                                    .into(),
                            ),
                        );
                    }
                    for r in &ranges {
                        self.numeric(t, r.low, &id);
                        self.numeric(t, r.high, &id);
                    }
                } else if series.is_empty() {
                    // A y field that names no column was reported already.
                    let y_named = c.y.as_ref().is_some_and(|y| y.get_ref().field.is_some());
                    if c.series.is_none() && !y_named {
                        self.err(
                            &c.kind,
                            &id,
                            format!("a {} chart needs a y field or `series`", kind.name()),
                            Some(format!(
                                "add y = {{ field = \"…\" }}; the columns of {} are: {}",
                                t.path,
                                t.headers.join(", ")
                            )),
                        );
                    }
                } else {
                    for s in &series {
                        self.numeric(t, s.col, &id);
                    }
                }
                if kind == Kind::Bar && series.len() > 1 {
                    self.err(
                        &c.kind,
                        &id,
                        "a bar chart draws one series",
                        Some("use kind = \"grouped_bar\" or \"stacked_bar\" for several".into()),
                    );
                }
                if let Some(xf) = x.field {
                    if matches!(x.kind, XType::Linear | XType::Temporal) {
                        self.numeric(t, xf, &id);
                        for row in &t.rows {
                            // Text was reported by `numeric` above; the rest is here.
                            if !matches!(
                                row.cells.get(xf),
                                Some(Cell::Number { .. } | Cell::Text(_)) | None
                            ) {
                                self.diags.push(
                                    t.diag_at(
                                        row,
                                        xf,
                                        "an x value on a numeric axis must be a plain number",
                                    )
                                    .in_chart(&id)
                                    .with_hint(
                                        "an x position cannot be missing, approximate or censored",
                                    ),
                                );
                            }
                        }
                    }
                    self.cell_glyphs(t, vec![xf], &id);
                }
                self.values_fit(t, &series, &ranges, kind, stack, &y, &id);
                if let Some(l) = &c.label {
                    let lr = l.get_ref();
                    if let Some(col) = self.column(t, &lr.field, &id) {
                        let style = self.format(lr.format.as_ref(), &id, NumStyle::Thousands);
                        label = Some(SecondaryLabel {
                            col,
                            format: NumFormat {
                                style,
                                decimals: None,
                                prefix: lr.prefix.clone().unwrap_or_default(),
                                suffix: lr.suffix.clone().unwrap_or_default(),
                                ..NumFormat::default()
                            },
                        });
                    }
                }
            }
            Kind::Table => {
                match &c.columns {
                    Some(list) => {
                        for col in list {
                            let cr = col.get_ref();
                            if let Some(idx) = self.column(t, &cr.field, &id) {
                                let style =
                                    self.format(cr.format.as_ref(), &id, NumStyle::Thousands);
                                let numeric = t.column_cells(idx).all(Cell::is_numeric_or_missing);
                                let default = if numeric { Align::Right } else { Align::Left };
                                let align = self.keyword(
                                    cr.align.as_ref(),
                                    &id,
                                    "alignment",
                                    &[
                                        ("left", Align::Left),
                                        ("right", Align::Right),
                                        ("center", Align::Center),
                                    ],
                                    default,
                                    "use left, right or center",
                                    false,
                                );
                                let width = cr.width.as_ref().map(|w| *w.get_ref());
                                if let (Some(w), Some(at)) = (width, &cr.width) {
                                    if !(w.is_finite() && w > 0.0 && w <= 100.0) {
                                        self.err(
                                            at,
                                            &id,
                                            "a column width is a relative weight between 0 and 100",
                                            None,
                                        );
                                    }
                                }
                                let title = cr
                                    .title
                                    .clone()
                                    .unwrap_or_else(|| cr.field.get_ref().clone());
                                self.glyphs(col, &id, &title, true);
                                columns.push(Column {
                                    col: idx,
                                    title,
                                    align,
                                    width,
                                    format: NumFormat::of(style),
                                });
                            }
                        }
                    }
                    None => {
                        for (idx, h) in t.headers.iter().enumerate() {
                            let numeric = t.column_cells(idx).all(Cell::is_numeric_or_missing);
                            columns.push(Column {
                                col: idx,
                                title: h.clone(),
                                align: if numeric { Align::Right } else { Align::Left },
                                width: None,
                                format: NumFormat::default(),
                            });
                        }
                    }
                }
                self.cell_glyphs(t, columns.iter().map(|c| c.col).collect(), &id);
            }
            Kind::Text => match &c.field {
                Some(f) => {
                    text_field = self.column(t, f, &id);
                    if let Some(tf) = text_field {
                        self.cell_glyphs(t, vec![tf], &id);
                    }
                }
                None => self.err(
                    &c.kind,
                    &id,
                    "a text chart needs `field`, the column that holds its paragraphs",
                    None,
                ),
            },
        }

        let mut annotations = Vec::new();
        for a in c.annotations.iter().flatten() {
            if let Some(ann) = self.annotation(a, kind, &x, t, &series, &id) {
                annotations.push(ann);
            }
        }
        let number = c.number.as_ref().map(|n| n.get_ref().clone());
        let section = c.section.as_ref().map(|n| {
            self.glyphs(n, &id, n.get_ref(), true);
            n.get_ref().clone()
        });
        if let Some(n) = &c.number {
            self.glyphs(n, &id, n.get_ref(), true);
        }
        Some(Chart {
            id,
            kind,
            number,
            section,
            title: c.title.into_inner(),
            subtitle: c.subtitle.map(Spanned::into_inner),
            data_path: data_at.into_inner(),
            data: table,
            x,
            y,
            series,
            ranges,
            orientation,
            stack,
            columns,
            text_field,
            text_style,
            label,
            source: c.source.map(Spanned::into_inner),
            footnotes,
            notes: c
                .notes
                .into_iter()
                .flatten()
                .map(Spanned::into_inner)
                .collect(),
            annotations,
            width,
            height,
            alt: c.alt.map(Spanned::into_inner),
            at: crate::error::line_col(self.text, c.id.span().start),
            lang: crate::i18n::Lang::default(),
        })
    }

    fn cell_glyphs(&mut self, t: &Table, cols: Vec<usize>, chart: &str) {
        for row in &t.rows {
            for &col in &cols {
                if let Some(Cell::Text(s)) = row.cells.get(col) {
                    if let Some(msg) = cannot_draw(s, Face::Regular) {
                        self.diags.push(
                            t.diag_at(row, col, msg)
                                .in_chart(chart)
                                .with_hint("these characters would be lost in the figure"),
                        );
                    }
                }
            }
        }
    }

    fn side(&mut self, v: Option<&Spanned<f64>>, chart: &str, what: &str) -> Option<f64> {
        let s = v?;
        let x = *s.get_ref();
        if !(x.is_finite() && (MIN_SIDE..=MAX_SIDE).contains(&x)) {
            self.err(
                s,
                chart,
                format!("a {what} of {x} px is out of range"),
                Some(format!(
                    "sizes are CSS px (96 per inch), from {MIN_SIDE} to {MAX_SIDE}"
                )),
            );
            return None;
        }
        Some(x)
    }

    #[allow(clippy::too_many_arguments)]
    fn values_fit(
        &mut self,
        t: &Table,
        series: &[Series],
        ranges: &[RangeSeries],
        kind: Kind,
        stack: Stack,
        y: &Axis,
        chart: &str,
    ) {
        let cols: Vec<usize> = series
            .iter()
            .map(|s| s.col)
            .chain(ranges.iter().flat_map(|r| [r.low, r.high]))
            .collect();
        for row in &t.rows {
            for &col in &cols {
                let Some(cell) = row.cells.get(col) else {
                    continue;
                };
                if y.scale == ScaleKind::Log {
                    if let Some(v) = cell.position() {
                        if v <= 0.0 {
                            self.diags.push(t.diag_at(row, col, format!("{v} cannot be drawn on a log scale")).in_chart(chart).with_hint("a log axis needs values above zero; use scale = \"linear\""));
                        }
                    }
                }
                if kind == Kind::StackedBar {
                    match cell {
                        Cell::Censored { .. } | Cell::Approx { .. } => self.diags.push(t.diag_at(row, col, "a stacked bar cannot stack a censored or approximate value").in_chart(chart).with_hint("show these values in a grouped_bar or a table")),
                        Cell::Missing(_) => self.diags.push(t.diag_at(row, col, "a stacked bar cannot show a missing value").in_chart(chart).with_hint("a gap in a stack would read as 0; show these values in a grouped_bar or a table")),
                        Cell::Number { value, .. } if *value < 0.0 => self.diags.push(t.diag_at(row, col, "a stacked bar cannot stack a negative value").in_chart(chart)),
                        _ => {}
                    }
                }
            }
            if kind == Kind::StackedBar && stack == Stack::Percent {
                let sum: f64 = cols
                    .iter()
                    .filter_map(|&c| row.cells.get(c).and_then(Cell::position))
                    .sum();
                if (sum - 100.0).abs() > 0.5 + 1e-9 {
                    let first = cols.first().copied().unwrap_or(0);
                    self.diags.push(
                        t.diag_at(
                            row,
                            first,
                            format!(
                                "the shares in this row add up to {}, not 100",
                                (sum * 1000.0).round() / 1000.0
                            ),
                        )
                        .in_chart(chart)
                        .with_hint(
                            "a 100 % stack needs parts that sum to 100 (within 0.5 for rounding)",
                        ),
                    );
                }
            }
        }
        if kind == Kind::Range {
            for row in &t.rows {
                for r in ranges {
                    if let (Some(lo), Some(hi)) = (
                        row.cells.get(r.low).and_then(Cell::position),
                        row.cells.get(r.high).and_then(Cell::position),
                    ) {
                        if lo > hi {
                            self.diags.push(
                                t.diag_at(
                                    row,
                                    r.low,
                                    format!("the low value {lo} is above the high value {hi}"),
                                )
                                .in_chart(chart),
                            );
                        }
                    }
                }
            }
        }
    }

    fn annotation(
        &mut self,
        a: &Spanned<raw::RawAnnotation>,
        kind: Kind,
        x: &Axis,
        t: &Table,
        series: &[Series],
        chart: &str,
    ) -> Option<Annotation> {
        let ar = a.get_ref();
        let text = ar.text.get_ref().clone();
        self.glyphs(&ar.text, chart, &text, false);
        if matches!(kind, Kind::Table | Kind::Text | Kind::Range) {
            self.err(
                a,
                chart,
                format!("a {} chart takes no annotations", kind.name()),
                None,
            );
            return None;
        }
        let xvals: Vec<f64> = x.field.map_or(Vec::new(), |f| {
            t.column_cells(f)
                .filter_map(|c| match c {
                    Cell::Number { value, .. } => Some(*value),
                    _ => None,
                })
                .collect()
        });
        let (lo, hi) = xvals
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                (a.min(*v), b.max(*v))
            });
        match (&ar.x, &ar.y) {
            (Some(xs), None) => match xs.get_ref() {
                RawAnnX::Number(v) => {
                    if x.kind == XType::Category {
                        let label = format!("{v}");
                        let hit = x.field.is_some_and(|f| {
                            t.column_cells(f).any(|c| {
                                matches!(c, Cell::Number { value, .. } if value == v)
                                    || c.as_text() == Some(&label)
                            })
                        });
                        if !hit {
                            self.err(xs, chart, format!("no category `{v}` on the x axis"), None);
                            return None;
                        }
                        return Some(Annotation::Point {
                            x: AnnX::Category(label),
                            text,
                        });
                    }
                    if !(lo..=hi).contains(v) {
                        self.err(
                            xs,
                            chart,
                            format!("the annotation at x = {v} is outside the data ({lo} to {hi})"),
                            Some("annotate a point that the chart shows".into()),
                        );
                        return None;
                    }
                    let has_point = xvals.iter().any(|x| x == v);
                    if !has_point || series.is_empty() {
                        self.err(
                            xs,
                            chart,
                            format!("no data point at x = {v} to annotate"),
                            Some("use x = [from, to] to annotate a span".into()),
                        );
                        return None;
                    }
                    Some(Annotation::Point {
                        x: AnnX::Value(*v),
                        text,
                    })
                }
                RawAnnX::Category(name) => {
                    let hit = x.field.is_some_and(|f| {
                        t.column_cells(f)
                            .any(|c| c.as_text() == Some(name.as_str()))
                    });
                    if !hit {
                        let cats: Vec<String> = x.field.map_or(Vec::new(), |f| {
                            t.column_cells(f)
                                .filter_map(|c| c.as_text().map(str::to_string))
                                .collect()
                        });
                        let hint = did_you_mean(name, cats.iter().map(String::as_str))
                            .map(|b| format!("did you mean `{b}`?"));
                        let name = name.clone();
                        self.err(
                            xs,
                            chart,
                            format!("no category `{name}` on the x axis"),
                            hint,
                        );
                        return None;
                    }
                    Some(Annotation::Point {
                        x: AnnX::Category(name.clone()),
                        text,
                    })
                }
                RawAnnX::Span(v) => {
                    if v.len() != 2 || v[0] >= v[1] || !v.iter().all(|x| x.is_finite()) {
                        self.err(
                            xs,
                            chart,
                            "a span is written x = [from, to] with from < to",
                            None,
                        );
                        return None;
                    }
                    if x.kind == XType::Category {
                        self.err(
                            xs,
                            chart,
                            "a span needs a numeric x axis (type = \"temporal\" or \"linear\")",
                            None,
                        );
                        return None;
                    }
                    if v[0] < lo || v[1] > hi {
                        self.err(
                            xs,
                            chart,
                            format!(
                                "the span {}–{} is outside the data ({lo} to {hi})",
                                v[0], v[1]
                            ),
                            None,
                        );
                        return None;
                    }
                    Some(Annotation::Span {
                        from: v[0],
                        to: v[1],
                        text,
                    })
                }
            },
            (None, Some(y)) => {
                let v = *y.get_ref();
                if !v.is_finite() {
                    self.err(y, chart, "y must be a finite number", None);
                    return None;
                }
                Some(Annotation::Rule { y: v, text })
            }
            _ => {
                self.err(
                    a,
                    chart,
                    "an annotation takes either x (a point or [from, to]) or y (a reference line)",
                    None,
                );
                None
            }
        }
    }
}
