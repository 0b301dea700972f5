//! Tagged PDF (PDF/UA-1): the handout's structure paths become marked content (the `BDC`/`EMC`
//! pairs `page_ops` writes around every item) and, in the lopdf pass, the structure tree, its
//! parent tree, `MarkInfo`, `Lang`, `ViewerPreferences` and the XMP packet. Reading order is
//! path order, so MCIDs, elements and object numbers come out the same on every run.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use printpdf::{DictItem, Op};

use super::finish::{text, CREATOR, PRODUCER};
use super::Meta;
use crate::handout::{Doc, PItem, Role, Step, Tag};

/// How one item is marked in its page's content stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marking {
    /// Decoration (rules, shading, accent bars): `/Artifact BMC`.
    Layout,
    /// Page furniture (running footer, repeated table header):
    /// `/Artifact <</Type /Pagination>> BDC`.
    Pagination,
    /// Real content: `/TD <</MCID n>> BDC`, `n` counted per page in reading order.
    Content { role: Role, mcid: u32 },
}

/// A child of a structure element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kid {
    Elem(usize),
    /// Marked content `mcid` of page `page` (0-based).
    Mc {
        page: usize,
        mcid: u32,
    },
    /// The annotation of `Doc::links[link]`, on page `page`.
    Annot {
        link: usize,
        page: usize,
    },
}

/// A structure element; element 0 is the document.
#[derive(Debug, Clone)]
pub struct Elem {
    pub role: Role,
    pub parent: usize,
    pub kids: Vec<Kid>,
    /// A figure's alternate description.
    pub alt: Option<String>,
    /// A figure's box in PDF user space, `[x0, y0, x1, y1]`.
    pub bbox: Option<[f64; 4]>,
}

impl Elem {
    fn new(role: Role, parent: usize) -> Elem {
        Elem {
            role,
            parent,
            kids: Vec::new(),
            alt: None,
            bbox: None,
        }
    }
}

/// The tagging of a laid-out handout, planned before any byte is written.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// `marks[page][item]`: how each item of each page is marked.
    pub marks: Vec<Vec<Marking>>,
    pub elems: Vec<Elem>,
    /// `parents[page][mcid]`: the element that holds that marked content (the parent tree).
    pub parents: Vec<Vec<usize>>,
    /// The Link element of each of `Doc::links`.
    pub links: Vec<Option<usize>>,
}

/// Plans the tagging of `doc`; `alts[chart]` is the alternate description of chart `chart`'s
/// figure (its SVG's `<title>` and `<desc>`).
pub fn plan(doc: &Doc, alts: &[Option<String>]) -> Plan {
    enum Leaf {
        Item(usize, usize),
        Link(usize),
    }
    let mut marks = Vec::with_capacity(doc.pages.len());
    let mut leaves: Vec<(&[Step], Leaf)> = Vec::new();
    for (p, page) in doc.pages.iter().enumerate() {
        let mut row = Vec::with_capacity(page.items.len());
        for (i, it) in page.items.iter().enumerate() {
            row.push(match it {
                PItem::Text { tag, .. } | PItem::Figure { tag, .. } => match tag {
                    Tag::Layout => Marking::Layout,
                    Tag::Pagination => Marking::Pagination,
                    Tag::Path(path) => {
                        leaves.push((path.as_slice(), Leaf::Item(p, i)));
                        Marking::Layout // replaced below, once its MCID is known
                    }
                },
                PItem::Line { .. } | PItem::Rect { .. } => Marking::Layout,
            });
        }
        marks.push(row);
    }
    for (l, link) in doc.links.iter().enumerate() {
        if let Tag::Path(path) = &link.tag {
            leaves.push((path.as_slice(), Leaf::Link(l)));
        }
    }
    // Reading order is path order. The sort is stable: the lines of one paragraph keep their
    // order, and a leaf split across pages keeps its pages in order.
    leaves.sort_by(|a, b| a.0.cmp(b.0));

    let mut elems = vec![Elem::new(Role::Group, 0)];
    let mut parents = vec![Vec::new(); doc.pages.len()];
    let mut links = vec![None; doc.links.len()];
    // The path of the previous leaf, each step with the element its children go into
    // (`Group` steps order their children but make no element).
    let mut open: Vec<(Step, usize)> = Vec::new();
    for (path, leaf) in leaves {
        let same = open
            .iter()
            .zip(path)
            .take_while(|((s, _), p)| s == *p)
            .count();
        open.truncate(same);
        for step in &path[same..] {
            let parent = open.last().map_or(0, |o| o.1);
            let at = if step.role == Role::Group {
                parent
            } else {
                elems.push(Elem::new(step.role, parent));
                let e = elems.len() - 1;
                elems[parent].kids.push(Kid::Elem(e));
                e
            };
            open.push((*step, at));
        }
        let holder = open.last().map_or(0, |o| o.1);
        match leaf {
            Leaf::Item(p, i) => {
                let mcid = parents[p].len() as u32;
                parents[p].push(holder);
                elems[holder].kids.push(Kid::Mc { page: p, mcid });
                marks[p][i] = Marking::Content {
                    role: elems[holder].role,
                    mcid,
                };
                if let PItem::Figure {
                    chart, x, y, w, h, ..
                } = &doc.pages[p].items[i]
                {
                    let top = doc.height - y;
                    elems[holder].alt = alts.get(*chart).cloned().flatten();
                    elems[holder].bbox = Some([*x, top - h, x + w, top]);
                }
            }
            Leaf::Link(l) => {
                let page = doc.links[l].page;
                elems[holder].kids.push(Kid::Annot { link: l, page });
                links[l] = Some(holder);
            }
        }
    }
    Plan {
        marks,
        elems,
        parents,
        links,
    }
}

/// The standard structure type of a role (ISO 32000-1, 14.8.4): no RoleMap is needed.
pub fn struct_type(role: Role) -> &'static str {
    match role {
        Role::Group => "Span", // only marked content held by the document itself
        Role::Sect => "Sect",
        Role::H1 => "H1",
        Role::H2 => "H2",
        Role::H3 => "H3",
        Role::P => "P",
        Role::L | Role::LNum => "L",
        Role::LI => "LI",
        Role::Lbl => "Lbl",
        Role::LBody => "LBody",
        Role::Table => "Table",
        Role::TR => "TR",
        Role::TH => "TH",
        Role::TD => "TD",
        Role::Figure => "Figure",
        Role::TOC => "TOC",
        Role::TOCI => "TOCI",
        Role::Link => "Link",
    }
}

/// The operator that opens an item's marked content (`Op::EndMarkedContent` closes it).
/// printpdf's `BeginMarkedContentWithProperties` writes its properties as an array, not a
/// valid `BDC` operand, so `BDC` goes out as `Op::Unknown`: keep `secure: false`.
pub fn begin(m: Marking) -> Op {
    let bdc = |tag: &str, key: &str, value: DictItem| Op::Unknown {
        key: "BDC".into(),
        value: vec![
            DictItem::Name(tag.as_bytes().to_vec()),
            DictItem::Dict {
                map: [(key.to_string(), value)].into_iter().collect(),
            },
        ],
    };
    match m {
        Marking::Layout => Op::BeginMarkedContent {
            tag: "Artifact".into(),
        },
        Marking::Pagination => bdc("Artifact", "Type", DictItem::Name(b"Pagination".to_vec())),
        Marking::Content { role, mcid } => {
            bdc(struct_type(role), "MCID", DictItem::Int(i64::from(mcid)))
        }
    }
}

fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

fn dict(entries: Vec<(&str, Object)>) -> Object {
    Object::Dictionary(entries.into_iter().collect())
}

/// Writes the structure tree and the catalog entries of a PDF/UA-1 file. `pages` are the page
/// objects in order; `annots[l]` is the annotation object of `Doc::links[l]`.
pub fn apply(
    d: &mut Document,
    catalog: ObjectId,
    pages: &[ObjectId],
    annots: &[Option<ObjectId>],
    plan: &Plan,
    meta: &Meta,
) -> Result<(), String> {
    if plan.parents.len() != pages.len() {
        return Err(format!(
            "tags for {} pages, {} in the PDF",
            plan.parents.len(),
            pages.len()
        ));
    }
    let root = d.new_object_id();
    let ids: Vec<ObjectId> = plan.elems.iter().map(|_| d.new_object_id()).collect();
    for (e, elem) in plan.elems.iter().enumerate() {
        let parent = if e == 0 { root } else { ids[elem.parent] };
        let el = elem_dict(plan, e, parent, &ids, pages, annots);
        d.objects.insert(ids[e], Object::Dictionary(el));
    }
    // The parent tree: key p, page p's elements by MCID; then one key per link annotation.
    let mut nums = Vec::new();
    for (p, held) in plan.parents.iter().enumerate() {
        let arr = held.iter().map(|e| Object::Reference(ids[*e])).collect();
        let arr = d.add_object(Object::Array(arr));
        nums.extend([Object::Integer(p as i64), Object::Reference(arr)]);
        let page = d
            .get_dictionary_mut(pages[p])
            .map_err(|e| format!("page {}: {e}", p + 1))?;
        page.set("StructParents", Object::Integer(p as i64));
        // Tab order follows the structure (PDF/UA-1 7.18.3; harmless where there are no links).
        page.set("Tabs", name("S"));
    }
    let mut next = pages.len() as i64;
    for (l, e) in plan.links.iter().enumerate() {
        let (Some(e), Some(Some(a))) = (e, annots.get(l)) else {
            continue;
        };
        if let Ok(annot) = d.get_dictionary_mut(*a) {
            annot.set("StructParent", Object::Integer(next));
        }
        nums.extend([Object::Integer(next), Object::Reference(ids[*e])]);
        next += 1;
    }
    let tree = dict(vec![
        ("Type", name("StructTreeRoot")),
        ("K", Object::Reference(ids[0])),
        ("ParentTree", dict(vec![("Nums", Object::Array(nums))])),
        ("ParentTreeNextKey", Object::Integer(next)),
    ]);
    d.objects.insert(root, tree);
    let head: Dictionary = [("Type", name("Metadata")), ("Subtype", name("XML"))]
        .into_iter()
        .collect();
    // Left uncompressed (finish's `compress` skips it) so that any tool can read it.
    let xmp = d.add_object(Stream::new(head, xmp(meta).into_bytes()).with_compression(false));
    let cat = d
        .get_dictionary_mut(catalog)
        .map_err(|e| format!("the PDF catalog: {e}"))?;
    cat.set("StructTreeRoot", Object::Reference(root));
    cat.set("MarkInfo", dict(vec![("Marked", Object::Boolean(true))]));
    cat.set("Metadata", Object::Reference(xmp));
    cat.set("Lang", text(&meta.lang));
    cat.set(
        "ViewerPreferences",
        dict(vec![("DisplayDocTitle", Object::Boolean(true))]),
    );
    Ok(())
}

/// One structure element: `/Pg` is the page of its first content kid, whose MCIDs are then
/// bare integers; content on other pages (a table cell broken across a page) is a `/MCR`.
fn elem_dict(
    plan: &Plan,
    e: usize,
    parent: ObjectId,
    ids: &[ObjectId],
    pages: &[ObjectId],
    annots: &[Option<ObjectId>],
) -> Dictionary {
    let elem = &plan.elems[e];
    let mut out = Dictionary::new();
    out.set("Type", name("StructElem"));
    out.set(
        "S",
        name(if e == 0 {
            "Document"
        } else {
            struct_type(elem.role)
        }),
    );
    out.set("P", Object::Reference(parent));
    let pg = elem.kids.iter().find_map(|k| match k {
        Kid::Mc { page, .. } | Kid::Annot { page, .. } => Some(*page),
        Kid::Elem(_) => None,
    });
    if let Some(p) = pg {
        out.set("Pg", Object::Reference(pages[p]));
    }
    let kids: Vec<Object> = elem
        .kids
        .iter()
        .filter_map(|k| {
            Some(match *k {
                Kid::Elem(c) => Object::Reference(ids[c]),
                Kid::Mc { page, mcid } if Some(page) == pg => Object::Integer(i64::from(mcid)),
                Kid::Mc { page, mcid } => dict(vec![
                    ("Type", name("MCR")),
                    ("Pg", Object::Reference(pages[page])),
                    ("MCID", Object::Integer(i64::from(mcid))),
                ]),
                Kid::Annot { link, page } => dict(vec![
                    ("Type", name("OBJR")),
                    ("Pg", Object::Reference(pages[page])),
                    ("Obj", Object::Reference((*annots.get(link)?)?)),
                ]),
            })
        })
        .collect();
    if !kids.is_empty() {
        out.set("K", Object::Array(kids));
    }
    if let Some(alt) = &elem.alt {
        out.set("Alt", text(alt));
    }
    let mut attrs = Vec::new();
    match elem.role {
        // Every header cell here heads its column (PDF/UA-1 7.5).
        Role::TH => attrs.push(dict(vec![("O", name("Table")), ("Scope", name("Column"))])),
        Role::L => attrs.push(dict(vec![
            ("O", name("List")),
            ("ListNumbering", name("Disc")),
        ])),
        Role::LNum => attrs.push(dict(vec![
            ("O", name("List")),
            ("ListNumbering", name("Decimal")),
        ])),
        _ => {}
    }
    if let Some(b) = elem.bbox {
        let r = |v: f64| Object::Real(((v * 100.0).round() / 100.0) as f32);
        let bbox = Object::Array(b.iter().map(|v| r(*v)).collect());
        attrs.push(dict(vec![("O", name("Layout")), ("BBox", bbox)]));
    }
    match attrs.len() {
        0 => {}
        1 => out.set("A", attrs.remove(0)),
        _ => out.set("A", Object::Array(attrs)),
    }
    out
}

/// The XMP packet: what the document information says, plus the PDF/UA part (PDF/UA-1 5,
/// 7.1-8, 7.1-9). No extension-schema block: PDF/UA alone does not ask for one (PDF/A does).
pub fn xmp(meta: &Meta) -> String {
    let e = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let mut x = String::from(concat!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n",
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n",
        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n",
        "<rdf:Description rdf:about=\"\"\n",
        " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n",
        " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n",
        " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n",
        " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n",
        "<dc:format>application/pdf</dc:format>\n",
    ));
    let alt = |tag: &str, v: &str| {
        let li = format!("<rdf:li xml:lang=\"x-default\">{}</rdf:li>", e(v));
        format!("<{tag}><rdf:Alt>{li}</rdf:Alt></{tag}>\n")
    };
    let list = |tag: &str, kind: &str, v: &str| {
        format!(
            "<{tag}><rdf:{kind}><rdf:li>{}</rdf:li></rdf:{kind}></{tag}>\n",
            e(v)
        )
    };
    x += &alt("dc:title", &meta.title);
    if !meta.author.is_empty() {
        // One entry, as in the Info dictionary (what PDF/A-1 6.7.3 asks when both exist).
        x += &list("dc:creator", "Seq", &meta.author);
    }
    if !meta.subject.is_empty() {
        x += &alt("dc:description", &meta.subject);
    }
    if !meta.lang.is_empty() {
        x += &list("dc:language", "Bag", &meta.lang);
    }
    if !meta.keywords.is_empty() {
        x += &format!(
            "<pdf:Keywords>{}</pdf:Keywords>\n",
            e(&meta.keywords.join(", "))
        );
    }
    x += &format!("<pdf:Producer>{}</pdf:Producer>\n", e(PRODUCER));
    x += &format!("<xmp:CreatorTool>{}</xmp:CreatorTool>\n", e(CREATOR));
    // The Info dictionary's dates (from SOURCE_DATE_EPOCH or the report's date), never the clock.
    if let Some(date) = meta.date.as_deref().and_then(xmp_date) {
        for key in ["xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"] {
            x += &format!("<{key}>{date}</{key}>\n");
        }
    }
    x += "<pdfuaid:part>1</pdfuaid:part>\n</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n";
    x += "<?xpacket end=\"r\"?>";
    x
}

/// `D:YYYYMMDDHHmmSSZ` as XMP wants it: `YYYY-MM-DDTHH:mm:SSZ`.
fn xmp_date(pdf: &str) -> Option<String> {
    let s = pdf.strip_prefix("D:")?;
    let n = |a: usize, b: usize| {
        s.get(a..b)
            .filter(|t| t.bytes().all(|c| c.is_ascii_digit()))
    };
    Some(format!(
        "{}-{}-{}T{}:{}:{}Z",
        n(0, 4)?,
        n(4, 6)?,
        n(6, 8)?,
        n(8, 10)?,
        n(10, 12)?,
        n(12, 14)?
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xmp_dates_follow_the_info_dates() {
        assert_eq!(
            xmp_date("D:20200101000000Z").as_deref(),
            Some("2020-01-01T00:00:00Z")
        );
        assert_eq!(xmp_date("2020"), None);
    }

    #[test]
    fn the_xmp_names_the_title_language_and_pdfua_part() {
        let m = Meta {
            title: "A & B".into(),
            lang: "ja".into(),
            ..Meta::default()
        };
        let x = xmp(&m);
        assert!(x.contains("<rdf:li xml:lang=\"x-default\">A &amp; B</rdf:li>"));
        assert!(x.contains("<rdf:li>ja</rdf:li>"));
        assert!(x.contains("<pdfuaid:part>1</pdfuaid:part>"));
        assert!(
            !x.contains("CreateDate"),
            "no date without one in the metadata"
        );
    }

    #[test]
    fn reading_order_is_path_order_and_figures_carry_their_alt_text() {
        use crate::handout::{Page, Tag};
        let text = |y: f64, t: &str, tag: Tag| PItem::Text {
            x: 0.0,
            y,
            size: 10.0,
            face: crate::fonts::Face::Regular,
            color: crate::spec::Color(0, 0, 0),
            text: t.into(),
            tag,
        };
        // Drawn figure first, then its heading: read heading first.
        let doc = Doc {
            width: 100.0,
            height: 100.0,
            pages: vec![Page {
                items: vec![
                    PItem::Figure {
                        chart: 0,
                        x: 0.0,
                        y: 20.0,
                        w: 50.0,
                        h: 40.0,
                        tag: Tag::at(&[(Role::Sect, 0), (Role::Figure, 1)]),
                    },
                    text(10.0, "Figure 1", Tag::at(&[(Role::Sect, 0), (Role::H2, 0)])),
                    text(95.0, "Page 1", Tag::Pagination),
                ],
            }],
            outline: Vec::new(),
            links: Vec::new(),
            refit: Vec::new(),
        };
        let p = plan(&doc, &[Some("A chart. It rises.".into())]);
        assert_eq!(
            p.marks[0],
            [
                Marking::Content {
                    role: Role::Figure,
                    mcid: 1
                },
                Marking::Content {
                    role: Role::H2,
                    mcid: 0
                },
                Marking::Pagination
            ]
        );
        let fig = p.elems.iter().find(|e| e.role == Role::Figure).unwrap();
        assert_eq!(fig.alt.as_deref(), Some("A chart. It rises."));
        assert_eq!(fig.bbox, Some([0.0, 40.0, 50.0, 80.0]));
    }
}
