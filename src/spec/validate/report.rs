//! `[report]`: the title page and metadata, the editions and their translations, the
//! sources file of endnotes.

use std::collections::BTreeMap;

use toml::Spanned;

use super::*;
use crate::error::{Diag, Severity};

impl Validator<'_> {
    /// Checks `[report] languages` and `translations`, reads each translation file, and
    /// makes each further edition; reports every string a translation lacks, every
    /// translation no longer used, and every character no font can draw.
    pub(super) fn editions(
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
                &report.source_name,
            ];
            let mut spans: Vec<&Spanned<String>> =
                extra.iter().filter_map(|o| o.as_ref()).collect();
            spans.extend(report.authors.iter());
            spans.extend(report.keywords.iter());
            for v in spans.into_iter().chain(values.iter().map(|(_, v)| *v)) {
                if let Some(msg) = cannot_draw(&self.fonts.clone(), v.get_ref(), true) {
                    self.diags.push(
                        Diag::error(&rel, msg)
                            .at_span(&text, v.span().start, v.span().end)
                            .with_hint("these characters would be tofu boxes in print; use characters the bundled fonts have"),
                    );
                }
            }
            values.retain(|(k, _)| !tr.used.contains(k.as_str()));
            // A chart that failed its checks is not in the spec, so its texts look unused:
            // advice to remove them would delete good translations. Judge only a whole spec.
            if self.diags.iter().any(|d| d.severity == Severity::Error) {
                values.clear();
            }
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

    /// Reads `[report] sources`; every endnote a chart or a data row cites must be there.
    pub(super) fn sources(
        &mut self,
        at: &Spanned<String>,
        charts: &[Chart],
    ) -> Vec<crate::spec::Endnote> {
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
        // A note that points to another ("Supra, note 16", "Ibid.") must find it here.
        for e in &out {
            if let (Some(next), (_, Some(missing))) =
                (e.points_to(), crate::spec::chain(&out, e.number))
            {
                let at = raw
                    .endnote
                    .iter()
                    .find(|r| u32::try_from(*r.get_ref().number.get_ref()).ok() == Some(e.number))
                    .map(|r| r.get_ref().number.span());
                let mut d = Diag::error(
                    &rel,
                    format!(
                        "endnote {} (“{}”) points to note {next}, and the chain ends at note {missing}, which is not in {rel}",
                        e.number, e.text
                    ),
                )
                .with_hint(format!(
                    "add endnote {missing} to {rel}, verbatim from the source's endnotes, so that readers can follow the citation"
                ));
                if let Some(sp) = at {
                    d = d.at_span(&text, sp.start, sp.end);
                }
                self.diags.push(d);
            }
        }
        let known = |n: u32| out.iter().any(|e| e.number == n);
        let hint = format!("add it to {rel}, verbatim from the source's endnotes");
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

    pub(super) fn report(&mut self, r: raw::RawReport) -> Report {
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
                    Some("give the number of the source's last endnote, e.g. endnotes = 95".into()),
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
        let source_name = Some(text(r.source_name, false)).filter(|s| !s.trim().is_empty());
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
            source_name,
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
}
