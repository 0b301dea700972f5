//! The PDF handout: the laid-out pages written with printpdf (body text in the bundled
//! fonts, embedded and subset), each figure converted from its chart's SVG by svg2pdf with
//! its text kept as text, then one pass with lopdf (`finish`) that places the figures and
//! adds the outline, metadata and a content-derived ID, so the bytes are reproducible.

mod codes;
pub mod figure;
mod finish;
mod tags;

use printpdf::{
    Color as PColor, CurTransMat, DictItem, FontId, Line, LinePoint, Op, PaintMode, ParsedFont,
    PdfDocument, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rgb, TextItem,
    WindingOrder,
};

use crate::fonts::{self, Font};
use crate::handout::{Doc, PItem, Page};
use crate::spec::{Color, Report};

pub use figure::convert;

/// Document information written into the file.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    pub lang: String,
    /// `D:YYYYMMDDHHmmSSZ`, from `SOURCE_DATE_EPOCH` or the spec's date; never the clock.
    pub date: Option<String>,
}

impl Meta {
    /// The metadata of `report`, dated by `source_date_epoch` when set, else by the report's
    /// own `date` when it starts with a year.
    pub fn of(report: &Report, source_date_epoch: Option<i64>) -> Meta {
        Meta {
            title: report.title.clone(),
            author: report.authors.join(if report.lang.starts_with("ja") {
                "、"
            } else {
                ", "
            }),
            subject: report.subject.clone(),
            keywords: report.keywords.clone(),
            lang: report.lang.clone(),
            date: source_date_epoch
                .map(finish::pdf_date_from_epoch)
                .or_else(|| finish::pdf_date_from_spec(&report.date)),
        }
    }
}

/// The resource name of a font: F1–F3 Lato, F4–F5 the Japanese family, and `F` and its
/// PostScript name for a font of the theme's own (names that do not depend on the order
/// fonts were loaded in, so the bytes do not either).
pub(crate) fn font_name(font: Font) -> String {
    match font {
        Font::LATO_REGULAR => "F1".into(),
        Font::LATO_BOLD => "F2".into(),
        Font::LATO_ITALIC => "F3".into(),
        Font::JA_REGULAR => "F4".into(),
        Font::JA_BOLD => "F5".into(),
        other => format!("F{}", other.postscript_name()),
    }
}

fn font_id(font: Font) -> FontId {
    FontId(font_name(font))
}

fn rgb(c: Color) -> PColor {
    PColor::Rgb(Rgb {
        r: f32::from(c.0) / 255.0,
        g: f32::from(c.1) / 255.0,
        b: f32::from(c.2) / 255.0,
        icc_profile: None,
    })
}

fn pt(x: f64) -> Pt {
    Pt(x as f32)
}

/// One font's run as TJ items: runs of characters, with the font's kerning between them so
/// the PDF sets each line exactly as wide as the layout measured it.
fn kerned(text: &str, font: Font) -> Vec<TextItem> {
    let mut out = Vec::new();
    let mut run = String::new();
    for (c, k) in text.chars().zip(fonts::kerning_in(text, font)) {
        if k != 0.0 && !run.is_empty() {
            out.push(TextItem::Text(std::mem::take(&mut run)));
            out.push(TextItem::Offset(-k as f32));
        }
        run.push(c);
    }
    if !run.is_empty() {
        out.push(TextItem::Text(run));
    }
    out
}

/// The name under which figure `chart` is drawn.
pub(crate) fn figure_name(chart: usize) -> String {
    format!("Fig{chart}")
}

/// A page's operators: every item in its own marked-content sequence (`marks[i]` says how
/// item `i` is tagged), so that every mark on the page is content or an artifact.
fn page_ops(
    page: &Page,
    marks: &[tags::Marking],
    h: f64,
    figure_widths: &[Option<f64>],
) -> Vec<Op> {
    let mut ops = Vec::new();
    for (i, it) in page.items.iter().enumerate() {
        let mark = marks.get(i).copied().unwrap_or(tags::Marking::Layout);
        ops.push(tags::begin(mark));
        item_ops(&mut ops, it, h, figure_widths);
        ops.push(Op::EndMarkedContent);
    }
    ops
}

/// The operators that draw one item.
fn item_ops(ops: &mut Vec<Op>, it: &PItem, h: f64, figure_widths: &[Option<f64>]) {
    {
        match it {
            PItem::Text {
                x,
                y,
                size,
                face,
                color,
                text,
                ..
            } => {
                ops.push(Op::StartTextSection);
                ops.push(Op::SetFillColor { col: rgb(*color) });
                ops.push(Op::SetTextCursor {
                    pos: Point {
                        x: pt(*x),
                        y: pt(h - y),
                    },
                });
                // Each run in the font that draws it; the text cursor carries on between.
                for (font, run) in fonts::runs(text, *face) {
                    ops.push(Op::SetFontSize {
                        size: pt(*size),
                        font: font_id(font),
                    });
                    ops.push(Op::WriteText {
                        items: kerned(run, font),
                        font: font_id(font),
                    });
                }
                ops.push(Op::EndTextSection);
            }
            PItem::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                color,
            } => {
                ops.push(Op::SetOutlineColor { col: rgb(*color) });
                ops.push(Op::SetOutlineThickness { pt: pt(*width) });
                ops.push(Op::DrawLine {
                    line: Line {
                        points: [(x1, y1), (x2, y2)]
                            .iter()
                            .map(|(x, y)| LinePoint {
                                p: Point {
                                    x: pt(**x),
                                    y: pt(h - **y),
                                },
                                bezier: false,
                            })
                            .collect(),
                        is_closed: false,
                    },
                });
            }
            PItem::Rect {
                x,
                y,
                w,
                h: rh,
                fill,
            } => {
                ops.push(Op::SetFillColor { col: rgb(*fill) });
                let corners = [(*x, *y), (x + w, *y), (x + w, y + rh), (*x, y + rh)];
                ops.push(Op::DrawPolygon {
                    polygon: Polygon {
                        rings: vec![PolygonRing {
                            points: corners
                                .iter()
                                .map(|(px, py)| LinePoint {
                                    p: Point {
                                        x: pt(*px),
                                        y: pt(h - py),
                                    },
                                    bezier: false,
                                })
                                .collect(),
                        }],
                        mode: PaintMode::Fill,
                        winding_order: WindingOrder::NonZero,
                    },
                });
            }
            PItem::Figure {
                chart,
                x,
                y,
                w,
                h: fh,
                ..
            } => {
                let Some(Some(bw)) = figure_widths.get(*chart) else {
                    return;
                };
                let s = (w / bw) as f32;
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::SetTransformationMatrix {
                    matrix: CurTransMat::Raw([s, 0.0, 0.0, s, *x as f32, (h - y - fh) as f32]),
                });
                ops.push(Op::Unknown {
                    key: "Do".into(),
                    value: vec![DictItem::Name(figure_name(*chart).into_bytes())],
                });
                ops.push(Op::RestoreGraphicsState);
            }
        }
    }
}

/// Writes the handout. `figures[i]` is chart `i`'s figure as converted by [`convert`]
/// (`None` for charts typeset as text).
/// `alts[i]` is chart `i`'s alternate description (its SVG's title and description), which
/// the tagged PDF gives its figure.
pub fn write(
    doc: &Doc,
    figures: &[Option<figure::Converted>],
    alts: &[Option<String>],
    meta: &Meta,
) -> Result<Vec<u8>, String> {
    let plan = tags::plan(doc, alts);
    let mut pdf = PdfDocument::new(&meta.title);
    let mut warnings = Vec::new();
    // Only the fonts the pages use: the Japanese family is large to parse.
    let mut used = std::collections::BTreeSet::new();
    for page in &doc.pages {
        for it in &page.items {
            if let PItem::Text { face, text, .. } = it {
                used.extend(fonts::runs(text, *face).into_iter().map(|(f, _)| f));
            }
        }
    }
    for &font in &used {
        let parsed = ParsedFont::from_bytes(font.bytes(), 0, &mut warnings)
            .ok_or_else(|| format!("the font {} could not be read for the PDF", font.family()))?;
        pdf.resources.fonts.map.insert(font_id(font), parsed);
    }
    let widths: Vec<Option<f64>> = figures
        .iter()
        .map(|f| f.as_ref().map(|f| f.width))
        .collect();
    let w_mm = printpdf::Mm((doc.width * 25.4 / 72.0) as f32);
    let h_mm = printpdf::Mm((doc.height * 25.4 / 72.0) as f32);
    pdf.pages = doc
        .pages
        .iter()
        .zip(&plan.marks)
        .map(|(p, m)| PdfPage::new(w_mm, h_mm, page_ops(p, m, doc.height, &widths)))
        .collect();
    let opts = PdfSaveOptions {
        optimize: false,
        subset_fonts: true,
        // `secure` would drop the `Do` operators that draw the figures.
        secure: false,
        image_optimization: None,
    };
    let bytes = pdf.save(&opts, &mut warnings);
    if let Some(w) = warnings
        .iter()
        .find(|w| matches!(w.severity, printpdf::PdfParseErrorSeverity::Error))
    {
        return Err(format!("writing the PDF failed: {}", w.msg));
    }
    let used: Vec<Font> = used.into_iter().collect();
    finish::finish(&bytes, doc, figures, meta, &used, &plan)
}
