//! `facet`: small multiples, one panel per value of a column. The kind must draw on axes, the
//! panels must be wide enough to read, and there may not be more than the grid can hold.

use toml::Spanned;

use super::*;
use crate::data::Table;
use crate::spec::raw::{RawChart, RawFacet};

/// The most panels one figure holds.
const MAX_PANELS: usize = 48;
/// The narrowest a panel may be, in px.
const MIN_PANEL: f64 = 150.0;

impl Validator<'_> {
    pub(super) fn facet(
        &mut self,
        f: &Spanned<RawFacet>,
        c: &RawChart,
        kind: Kind,
        t: &Table,
        width: f64,
        id: &str,
    ) -> Option<Facet> {
        let fr = f.get_ref();
        if !kind.on_axes() {
            self.err(
                f,
                id,
                format!("{} chart has no axes to repeat in panels", kind.a()),
                Some("facet applies to the kinds drawn on axes: bars, lines, areas, dots, ranges, scatters".into()),
            );
            return None;
        }
        if let Some(color) = &c.color {
            if color.get_ref().field.get_ref() == fr.field.get_ref() {
                self.err(
                    color,
                    id,
                    "`color` and `facet` name the same column: each panel would hold one colour",
                    Some("split the panels by one column and colour the series by another".into()),
                );
                return None;
            }
        }
        let col = self.column(t, &fr.field, id)?;
        let n = crate::data::transform::split(t, col).len();
        if n > MAX_PANELS {
            self.err(
                &fr.field,
                id,
                format!(
                    "column `{}` has {n} values: more panels than a figure can hold ({MAX_PANELS})",
                    fr.field.get_ref()
                ),
                Some(
                    "keep fewer with a transform: { filter = { field = \"…\", in = [...] } }"
                        .into(),
                ),
            );
            return None;
        }
        let columns = match &fr.columns {
            Some(k) => match usize::try_from(*k.get_ref()) {
                Ok(k) if k >= 1 => k,
                _ => {
                    self.err(
                        k,
                        id,
                        format!("columns must be 1 or more, not {}", k.get_ref()),
                        None,
                    );
                    return None;
                }
            },
            None => n.clamp(1, 3),
        };
        let panel_w = width / columns.min(n.max(1)) as f64;
        if panel_w < MIN_PANEL {
            let at = fr.columns.as_ref().map_or_else(
                || Spanned::new(f.span(), ()),
                |s| Spanned::new(s.span(), ()),
            );
            self.err(
                &at,
                id,
                format!("{columns} panels across a {width} px chart are {panel_w:.0} px wide: too narrow to read (at least {MIN_PANEL} px)"),
                Some(format!("use fewer columns, or a wider chart: width = {}", (MIN_PANEL * columns as f64).ceil())),
            );
            return None;
        }
        let free_y = match fr.scales.as_ref().map(|s| s.get_ref().as_str()) {
            None | Some("shared") => false,
            Some("free_y") => true,
            Some(other) => {
                let at = fr.scales.as_ref()?;
                self.err(
                    at,
                    id,
                    format!("unknown scales `{other}`"),
                    Some("use \"shared\" (the default: every panel on the same axes) or \"free_y\" (each its own value axis)".into()),
                );
                return None;
            }
        };
        Some(Facet {
            col,
            columns,
            free_y,
        })
    }
}
