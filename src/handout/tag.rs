//! Where each text line and figure of the handout stands in its logical structure (the
//! tagged PDF's structure tree): a path of roles from the document down, read in path order,
//! so that reading order does not depend on drawing order.

/// A standard structure type of tagged PDF, or `Group`: a step that orders its children
/// without being an element itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Group,
    Sect,
    H1,
    H2,
    H3,
    P,
    /// A bulleted list.
    L,
    /// A numbered list.
    LNum,
    LI,
    Lbl,
    LBody,
    Table,
    TR,
    TH,
    TD,
    Figure,
    TOC,
    TOCI,
    Link,
}

/// One step of a structure path: siblings are read in `key` order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Step {
    pub key: u32,
    pub role: Role,
}

/// How a text line or a figure is tagged.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Tag {
    /// Decoration, not read.
    #[default]
    Layout,
    /// Page furniture, not read: the running footer, a table's header row and the kicker
    /// repeated on a continuation page.
    Pagination,
    /// Content: the path from the document to the element that holds it. Items with the same
    /// path share that element; a trailing `Group` step orders items inside it.
    Path(Vec<Step>),
}

impl Tag {
    /// A path of (role, key) steps.
    pub fn at(steps: &[(Role, u32)]) -> Tag {
        Tag::Path(
            steps
                .iter()
                .map(|&(role, key)| Step { key, role })
                .collect(),
        )
    }

    /// This path with a step added at its end (page furniture and decoration stay so).
    pub fn then(&self, role: Role, key: u32) -> Tag {
        match self {
            Tag::Path(p) => {
                let mut p = p.clone();
                p.push(Step { key, role });
                Tag::Path(p)
            }
            other => other.clone(),
        }
    }

    /// Puts this path under a step (`nest(Sect, 2)` makes `P` into `Sect/P`).
    pub fn nest(&mut self, role: Role, key: u32) {
        if let Tag::Path(p) = self {
            p.insert(0, Step { key, role });
        }
    }
}

/// Nests every tagged item of `items` under a step.
pub fn nest(items: &mut [super::PItem], role: Role, key: u32) {
    for it in items {
        if let super::PItem::Text { tag, .. } | super::PItem::Figure { tag, .. } = it {
            tag.nest(role, key);
        }
    }
}

/// Turns every tagged item of `items` into page furniture (a repeat on a continuation page).
pub fn furniture(items: &mut [super::PItem]) {
    for it in items {
        if let super::PItem::Text { tag, .. } | super::PItem::Figure { tag, .. } = it {
            *tag = Tag::Pagination;
        }
    }
}
