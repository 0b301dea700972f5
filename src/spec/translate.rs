//! Editions in further languages: a translation file maps every string of the spec and the
//! data's text cells to the edition's language, string for string; this module applies it to a
//! checked [`Spec`] and lists what it lacks. Pure: the caller reads the file and reports.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::{Annotation, Chart, Spec};
use crate::data::{Cell, Table};
use crate::i18n::Lang;
use crate::model::format::NumFormat;

/// A translation file as written.
#[derive(Debug, Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTranslation {
    pub report: Option<RawTrReport>,
    /// English string = translated string.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    pub text: BTreeMap<String, Spanned<String>>,
}

/// The edition's own report text.
#[derive(Debug, Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTrReport {
    #[schemars(with = "Option<String>")]
    pub title: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub subtitle: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub authors: Vec<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub publisher: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub date: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub subject: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub keywords: Vec<Spanned<String>>,
    /// `[report] source_name` in this language.
    #[schemars(with = "Option<String>")]
    pub source_name: Option<Spanned<String>>,
}

/// Data columns that are never shown and stay in the source language.
const UNTRANSLATED_COLUMNS: &[&str] = &["quote", "endnote", "endnotes"];

/// A string the translation lacks, and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Missing {
    /// A string of the spec.
    Spec(String),
    /// A data cell: table path, row index, column index, text.
    Cell(String, usize, usize, String),
}

/// Applies a translation, recording what it lacks and what it used.
pub struct Translator<'a> {
    pub lang: Lang,
    map: &'a BTreeMap<String, Spanned<String>>,
    pub used: BTreeSet<String>,
    pub missing: BTreeSet<Missing>,
}

/// Whether a string needs translating: it has letters (numbers and marks read the same).
fn has_words(s: &str) -> bool {
    s.chars().any(char::is_alphabetic)
}

impl<'a> Translator<'a> {
    pub fn new(lang: Lang, map: &'a BTreeMap<String, Spanned<String>>) -> Self {
        Translator {
            lang,
            map,
            used: BTreeSet::new(),
            missing: BTreeSet::new(),
        }
    }

    fn lookup(&mut self, s: &str) -> Option<String> {
        let key = s.trim();
        if !has_words(key) {
            // Symbols need no translation, but a translation may still restyle one (the
            // Japanese edition writes no "$" before its 百万米ドル figures).
            if let Some(t) = self.map.get(key) {
                self.used.insert(key.to_string());
                return Some(t.get_ref().clone());
            }
            return Some(s.to_string());
        }
        let t = self.map.get(key)?;
        self.used.insert(key.to_string());
        // Keep the spaces around a prefix or suffix such as " people".
        let lead = &s[..s.len() - s.trim_start().len()];
        let trail = &s[s.trim_end().len()..];
        if self.lang == Lang::Ja {
            Some(t.get_ref().clone())
        } else {
            Some(format!("{lead}{}{trail}", t.get_ref()))
        }
    }

    /// The translation of a spec string (recorded as missing when there is none).
    pub fn t(&mut self, s: &str) -> String {
        match self.lookup(s) {
            Some(t) => t,
            None => {
                self.missing.insert(Missing::Spec(s.trim().to_string()));
                s.to_string()
            }
        }
    }

    fn opt(&mut self, s: &Option<String>) -> Option<String> {
        s.as_ref().map(|s| self.t(s))
    }

    fn format(&mut self, f: &NumFormat) -> NumFormat {
        let mut f = f.clone();
        f.prefix = self.t(&f.prefix);
        f.suffix = self.t(&f.suffix);
        f.lang = self.lang;
        f
    }

    fn table(&mut self, t: &Table) -> Table {
        let mut out = t.clone();
        let skip: Vec<bool> = t
            .headers
            .iter()
            .map(|h| UNTRANSLATED_COLUMNS.contains(&h.as_str()))
            .collect();
        for (ri, row) in out.rows.iter_mut().enumerate() {
            for (ci, cell) in row.cells.iter_mut().enumerate() {
                if skip.get(ci).copied().unwrap_or(false) {
                    continue;
                }
                if let Cell::Text(text) = cell {
                    match self.lookup(text) {
                        Some(tr) => *text = tr,
                        None => {
                            self.missing.insert(Missing::Cell(
                                t.path.clone(),
                                ri,
                                ci,
                                text.clone(),
                            ));
                        }
                    }
                }
            }
        }
        out
    }

    fn chart(&mut self, c: &Chart, tables: &mut BTreeMap<String, Arc<Table>>) -> Chart {
        let mut c = c.clone();
        c.title = self.t(&c.title);
        c.subtitle = self.opt(&c.subtitle);
        c.section = self.opt(&c.section);
        c.number = self.opt(&c.number);
        c.source = self.opt(&c.source);
        c.alt = self.opt(&c.alt);
        c.notes = c.notes.iter().map(|n| self.t(n)).collect();
        if let Some(p) = c.plot_mut() {
            for axis in [&mut p.x, &mut p.y] {
                axis.title = axis.title.as_ref().map(|s| self.t(s));
                axis.unit = axis.unit.as_ref().map(|s| self.t(s));
                axis.format = self.format(&axis.format);
            }
            for s in &mut p.series {
                s.label = self.t(&s.label);
            }
            if let Some(l) = &mut p.label {
                l.format = self.format(&l.format);
            }
            for a in &mut p.annotations {
                match a {
                    Annotation::Point { text, .. }
                    | Annotation::Span { text, .. }
                    | Annotation::Band { text, .. }
                    | Annotation::Rule { text, .. } => *text = self.t(text),
                }
            }
        }
        c.body.get_mut().translate(self);
        // One translated table per data file (a remainder column makes a chart's own).
        let key = format!("{}#{}", c.data_path, c.data.headers.len());
        c.data = match tables.get(&key) {
            Some(t) => t.clone(),
            None => {
                let t = Arc::new(self.table(&c.data));
                tables.insert(key, t.clone());
                t
            }
        };
        c
    }
}

/// The edition of `spec` in `tr.lang`: every chart, check name and report field translated,
/// chartbook's own words in that language. What the translation lacks is in `tr.missing`.
impl super::Words for Translator<'_> {
    fn text(&mut self, s: &str) -> String {
        self.t(s)
    }
    fn format(&mut self, f: &NumFormat) -> NumFormat {
        Translator::format(self, f)
    }
}

pub fn edition(spec: &Spec, tr: &mut Translator, report: &RawTrReport) -> Spec {
    let mut out = spec.clone();
    let mut tables = BTreeMap::new();
    out.charts = spec
        .charts
        .iter()
        .map(|c| tr.chart(c, &mut tables))
        .collect();
    for c in &mut out.checks {
        c.name = tr.t(&c.name);
        c.detail = c.detail_in(tr.lang);
    }
    let r = &mut out.report;
    r.lang = tr.lang.tag().to_string();
    let s = |o: &Option<Spanned<String>>| o.as_ref().map(|v| v.get_ref().clone());
    r.title = s(&report.title).unwrap_or_else(|| tr.t(&spec.report.title));
    r.subtitle = s(&report.subtitle).unwrap_or_else(|| tr.t(&spec.report.subtitle));
    if !report.authors.is_empty() {
        r.authors = report.authors.iter().map(|a| a.get_ref().clone()).collect();
    }
    r.publisher = s(&report.publisher).unwrap_or_else(|| tr.t(&spec.report.publisher));
    r.date = s(&report.date).unwrap_or_else(|| spec.report.date.clone());
    r.subject = s(&report.subject).unwrap_or_else(|| tr.t(&spec.report.subject));
    r.source_name =
        s(&report.source_name).or_else(|| spec.report.source_name.as_ref().map(|n| tr.t(n)));
    if !report.keywords.is_empty() {
        r.keywords = report
            .keywords
            .iter()
            .map(|a| a.get_ref().clone())
            .collect();
    }
    out.editions = Vec::new();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, Spanned<String>> {
        let text: String = pairs
            .iter()
            .map(|(a, b)| format!("{a:?} = {b:?}\n"))
            .collect();
        let raw: RawTranslation = toml::from_str(&format!("[text]\n{text}")).unwrap();
        raw.text
    }

    #[test]
    fn strings_translate_whole_and_keep_what_has_no_words() {
        let m = map(&[("Methamphetamine", "覚醒剤"), ("people", "人")]);
        let mut t = Translator::new(Lang::Ja, &m);
        assert_eq!(t.t("Methamphetamine"), "覚醒剤");
        // A suffix's spaces are English spacing: Japanese sets none.
        assert_eq!(t.t(" people"), "人");
        assert_eq!(t.t("2017"), "2017");
        assert_eq!(t.t("–"), "–");
        assert_eq!(t.t("Cannabis"), "Cannabis");
        assert_eq!(
            t.missing.iter().collect::<Vec<_>>(),
            vec![&Missing::Spec("Cannabis".into())]
        );
        assert_eq!(t.used.len(), 2);
        let mut e = Translator::new(Lang::En, &m);
        assert_eq!(e.t(" people"), " 人");
    }
}
