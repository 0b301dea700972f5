//! The last layout step: every label measured with the bundled fonts' metrics, then placed in
//! order of importance so that no two overlap and none leaves the canvas. A label that does
//! not fit is moved (values and annotations, a little up, down or aside), else shortened with
//! "…" (the full text kept for the SVG), else dropped with a warning naming it.

use super::figure::{overlaps, Figure, Item, Label, Role};

/// How much two boxes may touch, in px, before they count as overlapping.
const SLACK: f64 = 0.5;

/// What the step did to a label that did not fit where its chart kind put it.
#[derive(Debug, Clone, PartialEq)]
pub enum Fix {
    /// Moved by (dx, dy) px.
    Moved { text: String, dx: f64, dy: f64 },
    /// Written shorter; the full text goes into the SVG as the label's title.
    Shortened { full: String, short: String },
    /// Not drawn, because it would have covered `over` (or left the canvas when `None`).
    Dropped { text: String, over: Option<String> },
    /// A kind of label the layout left out as a whole, and why (one warning per chart).
    Omitted(String),
}

/// Importance: lower places first and never moves for a later label.
fn rank(role: Role) -> u8 {
    match role {
        Role::Title => 0,
        Role::Subtitle => 1,
        Role::Source | Role::Note => 2,
        Role::Cell | Role::Body => 3,
        Role::AxisTitle => 4,
        Role::Category => 5,
        Role::Tick => 6,
        // The author's words before the values the chart writes by itself.
        Role::Annotation => 7,
        Role::Legend => 8,
        Role::Value => 9,
    }
}

/// Whether a label of this role may be nudged from where its chart put it.
fn movable(role: Role) -> bool {
    matches!(role, Role::Value | Role::Annotation | Role::Legend)
}

/// Whether a label of this role may be shortened (its full text stays in the SVG).
fn shortenable(role: Role) -> bool {
    matches!(
        role,
        Role::Category | Role::Legend | Role::Annotation | Role::AxisTitle
    )
}

fn inside(b: (f64, f64, f64, f64), w: f64, h: f64) -> bool {
    b.0 >= -SLACK && b.1 >= -SLACK && b.2 <= w + SLACK && b.3 <= h + SLACK
}

type Bbox = (f64, f64, f64, f64);

/// Side of a cell of the placed labels' index, in px.
const BUCKET: f64 = 48.0;

/// The labels placed so far, indexed by a grid of the canvas so that a new label is tested
/// only against those near it: placing n labels is O(n), not O(n²) (a 10,000-row table).
struct Placed {
    labels: Vec<Label>,
    boxes: Vec<Bbox>,
    grid: std::collections::HashMap<(i64, i64), Vec<usize>>,
    w: f64,
    h: f64,
}

impl Placed {
    fn new(w: f64, h: f64) -> Placed {
        Placed {
            labels: Vec::new(),
            boxes: Vec::new(),
            grid: std::collections::HashMap::new(),
            w,
            h,
        }
    }

    /// The grid cells a box touches, the box first clamped to the canvas (placed labels are
    /// all inside it, so nothing outside can clash).
    fn cells(&self, b: Bbox) -> impl Iterator<Item = (i64, i64)> {
        let pad = SLACK + 1.0;
        let cell = |v: f64, max: f64| (v.clamp(-pad, max + pad) / BUCKET).floor() as i64;
        let (x0, x1) = (cell(b.0, self.w), cell(b.2, self.w));
        let (y0, y1) = (cell(b.1, self.h), cell(b.3, self.h));
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    fn push(&mut self, l: Label) {
        let b = l.bbox();
        let i = self.labels.len();
        let cells: Vec<(i64, i64)> = self.cells(b).collect();
        for c in cells {
            self.grid.entry(c).or_default().push(i);
        }
        self.labels.push(l);
        self.boxes.push(b);
    }

    /// The first placed label (in placing order) that `b` would cover.
    fn clash(&self, b: Bbox) -> Option<&Label> {
        let mut first: Option<usize> = None;
        for c in self.cells(b) {
            for &i in self.grid.get(&c).into_iter().flatten() {
                if first.is_none_or(|f| i < f) && overlaps(self.boxes[i], b, SLACK) {
                    first = Some(i);
                }
            }
        }
        first.map(|i| &self.labels[i])
    }
}

/// The first placed label `b` would cover.
fn clash(b: Bbox, placed: &Placed) -> Option<&Label> {
    placed.clash(b)
}

/// Resolves every collision in `fig`, in place, and says what it changed. A figure whose
/// chart kinds already placed everything well comes back unchanged with no fixes.
pub fn resolve(fig: &mut Figure) -> Vec<Fix> {
    let (w, h) = (fig.width, fig.height);
    let mut order: Vec<usize> = fig
        .items
        .iter()
        .enumerate()
        .filter_map(|(i, it)| matches!(it, Item::Text(_)).then_some(i))
        .collect();
    order.sort_by_key(|&i| match &fig.items[i] {
        Item::Text(l) => (rank(l.role), i),
        _ => (u8::MAX, i),
    });
    let mut placed = Placed::new(w, h);
    let mut fixes = Vec::new();
    let mut drop = Vec::new();
    for i in order {
        let Item::Text(label) = &fig.items[i] else {
            continue;
        };
        let b = label.bbox();
        if inside(b, w, h) && clash(b, &placed).is_none() {
            placed.push(label.clone());
            continue;
        }
        let fixed = nudge(label, &placed, w, h).or_else(|| shorten(label, &placed, w, h));
        match fixed {
            Some((new, fix)) => {
                placed.push(new.clone());
                fig.items[i] = Item::Text(new);
                fixes.push(fix);
            }
            None => {
                let over = clash(b, &placed).map(|p| p.text.clone());
                fixes.push(Fix::Dropped {
                    text: label.text.clone(),
                    over,
                });
                drop.push(i);
            }
        }
    }
    // Labels were visited by rank, not position: remove from the highest index down, so
    // that each removal leaves the indices still to remove pointing at the same items.
    drop.sort_unstable();
    for i in drop.into_iter().rev() {
        fig.items.remove(i);
    }
    for f in &fixes {
        if let Fix::Shortened { full, short } = f {
            fig.shortened.push((short.clone(), full.clone()));
        }
    }
    fixes
}

/// Tries small moves, nearest first: up, down, then aside, by up to two line heights.
fn nudge(l: &Label, placed: &Placed, w: f64, h: f64) -> Option<(Label, Fix)> {
    if !movable(l.role) {
        return None;
    }
    let step = l.size * 0.6;
    let mut moves = Vec::new();
    for k in 1..=4 {
        let d = step * f64::from(k);
        moves.extend([(0.0, -d), (0.0, d), (d, 0.0), (-d, 0.0)]);
    }
    moves.into_iter().find_map(|(dx, dy)| {
        let mut m = l.clone();
        m.x += dx;
        m.y += dy;
        let b = m.bbox();
        (inside(b, w, h) && clash(b, placed).is_none()).then(|| {
            let fix = Fix::Moved {
                text: l.text.clone(),
                dx,
                dy,
            };
            (m, fix)
        })
    })
}

/// Cuts characters from the end, adding "…", until the label fits; keeps at least a few
/// characters, or gives up. A shorter head never has a wider box, so the longest head that
/// fits is found by bisection: O(n log n) in the label's length, not O(n²).
fn shorten(l: &Label, placed: &Placed, w: f64, h: f64) -> Option<(Label, Fix)> {
    if !shortenable(l.role) {
        return None;
    }
    let chars: Vec<char> = l.text.chars().collect();
    let attempt = |keep: usize| -> Option<Label> {
        let head: String = chars[..keep].iter().collect();
        let mut m = l.clone();
        m.text = format!("{}…", head.trim_end_matches([' ', ',', ';', ':', '-']));
        if movable(l.role) {
            // A label that may move is also brought back inside the margins.
            let b = m.bbox();
            let margin = super::frame::size::margin();
            m.x += (margin - b.0).max(0.0) - (b.2 - (w - margin)).max(0.0);
        }
        let b = m.bbox();
        (inside(b, w, h) && clash(b, placed).is_none()).then_some(m)
    };
    if chars.len() <= 3 {
        return None;
    }
    // Invariant: heads of `lo` characters or fewer may fit; heads of `hi` or more do not.
    let (mut lo, mut hi) = (3usize, chars.len());
    let mut best = attempt(3).map(|m| (3, m))?;
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        match attempt(mid) {
            Some(m) => {
                best = (mid, m);
                lo = mid;
            }
            None => hi = mid,
        }
    }
    let (_, m) = best;
    let fix = Fix::Shortened {
        full: l.text.clone(),
        short: m.text.clone(),
    };
    Some((m, fix))
}

/// The warning a fix deserves: moving is silent, shortening and dropping are not.
pub fn warning(fix: &Fix) -> Option<String> {
    match fix {
        Fix::Moved { .. } => None,
        Fix::Omitted(s) => Some(s.clone()),
        Fix::Shortened { full, short } => Some(format!(
            "the label “{full}” did not fit and is written “{short}” (the full text is the SVG title)"
        )),
        Fix::Dropped { text, over: Some(o) } => Some(format!(
            "the label “{text}” was dropped: it would cover “{o}”"
        )),
        Fix::Dropped { text, over: None } => Some(format!(
            "the label “{text}” was dropped: it would leave the canvas"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::Face;
    use crate::model::figure::Anchor;
    use crate::spec::theme::{INK, PAPER};

    fn label(x: f64, y: f64, text: &str, role: Role) -> Item {
        Item::Text(Label {
            x,
            y,
            anchor: Anchor::Start,
            size: 12.0,
            face: Face::Regular,
            color: INK,
            text: text.into(),
            role,
        })
    }

    fn fig(items: Vec<Item>) -> Figure {
        Figure {
            width: 300.0,
            height: 200.0,
            paper: PAPER,
            items,
            title: String::new(),
            desc: String::new(),
            shortened: Vec::new(),
            lang: Default::default(),
            physical: false,
        }
    }

    fn labels(f: &Figure) -> Vec<Label> {
        f.labels().cloned().collect()
    }

    fn clean(f: &Figure) -> bool {
        let ls = labels(f);
        ls.iter().enumerate().all(|(i, a)| {
            inside(a.bbox(), f.width, f.height)
                && ls[i + 1..]
                    .iter()
                    .all(|b| !overlaps(a.bbox(), b.bbox(), SLACK))
        })
    }

    #[test]
    fn a_figure_without_collisions_is_left_alone() {
        let mut f = fig(vec![
            label(10.0, 20.0, "Title", Role::Title),
            label(10.0, 60.0, "10,284", Role::Value),
        ]);
        let before = f.clone();
        assert!(resolve(&mut f).is_empty());
        assert_eq!(f, before);
    }

    #[test]
    fn a_value_label_is_moved_off_another() {
        let mut f = fig(vec![
            label(10.0, 60.0, "Methamphetamine", Role::Category),
            label(20.0, 62.0, "10,284", Role::Value),
        ]);
        let fixes = resolve(&mut f);
        assert!(matches!(fixes[..], [Fix::Moved { .. }]), "{fixes:?}");
        assert!(clean(&f));
        assert_eq!(labels(&f).len(), 2);
        assert!(warning(&fixes[0]).is_none());
    }

    #[test]
    fn a_category_label_leaving_the_canvas_is_shortened_and_kept_whole_in_the_svg() {
        let mut f = fig(vec![label(
            150.0,
            60.0,
            "Sleeping pills and anti-anxiety agents",
            Role::Category,
        )]);
        let fixes = resolve(&mut f);
        let [Fix::Shortened { full, short }] = &fixes[..] else {
            panic!("{fixes:?}")
        };
        assert_eq!(full, "Sleeping pills and anti-anxiety agents");
        assert!(short.ends_with('…') && short.len() < full.len(), "{short}");
        assert!(clean(&f));
        assert_eq!(f.shortened, vec![(short.clone(), full.clone())]);
        assert!(warning(&fixes[0]).unwrap().contains("did not fit"));
    }

    #[test]
    fn a_title_wins_and_a_covered_tick_is_dropped_with_a_warning() {
        let mut f = fig(vec![
            label(10.0, 20.0, "12.5%", Role::Tick),
            label(10.0, 20.0, "A title", Role::Title),
        ]);
        let fixes = resolve(&mut f);
        assert_eq!(
            fixes,
            vec![Fix::Dropped {
                text: "12.5%".into(),
                over: Some("A title".into())
            }]
        );
        assert_eq!(labels(&f).len(), 1);
        assert_eq!(labels(&f)[0].text, "A title");
        assert!(warning(&fixes[0])
            .unwrap()
            .contains("would cover “A title”"));
    }

    #[test]
    fn dropped_labels_are_removed_by_position_not_by_rank() {
        // The source (rank 2) is visited before the tick (rank 6) but sits after it: removing
        // in visiting order would shift the items and remove the title instead.
        let mut f = fig(vec![
            label(10.0, 20.0, "12.5%", Role::Tick),
            label(10.0, 150.0, "kept tick", Role::Tick),
            label(12.0, 20.0, "Source: covered", Role::Source),
            label(10.0, 20.0, "A title", Role::Title),
        ]);
        let fixes = resolve(&mut f);
        assert_eq!(fixes.len(), 2, "{fixes:?}");
        let kept: Vec<String> = labels(&f).iter().map(|l| l.text.clone()).collect();
        assert_eq!(kept, vec!["kept tick".to_string(), "A title".to_string()]);
    }

    #[test]
    fn a_very_long_label_is_shortened_quickly_to_the_longest_head_that_fits() {
        let long = "word ".repeat(4000);
        let mut f = fig(vec![label(10.0, 60.0, &long, Role::Category)]);
        let fixes = resolve(&mut f);
        let [Fix::Shortened { short, .. }] = &fixes[..] else {
            panic!("{fixes:?}")
        };
        assert!(clean(&f));
        // One more character would not fit: the bisection found the longest head.
        let head = short.trim_end_matches('…');
        let one_more: String = long.chars().take(head.chars().count() + 2).collect();
        let mut wider = labels(&f)[0].clone();
        wider.text = format!("{}…", one_more.trim_end());
        assert!(!inside(wider.bbox(), f.width, f.height), "{short}");
    }
}
