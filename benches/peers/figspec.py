"""Reads the briefing's charts.toml and CSV files into plain figure descriptions.

Shared by mpl_figures.py and vl_figures.py, so that both peers draw the same numbers and
words. Only what the peers draw is read: ids, kinds, titles, fields, labels, colours,
annotations, notes and sources. Tables and text boxes are skipped: they are not figures.
"""
import csv
import textwrap
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]          # the chartbook repository
FONTS = ROOT / "assets" / "fonts"
LATO = [FONTS / f"Lato-{s}.ttf" for s in ("Regular", "Bold", "Italic")]
EDITIONS = ["", "ja"]        # output/ and output/ja/; the peers draw the English text twice

# chartbook's house theme (assets/themes/house.toml), sizes in CSS px at 96 px per inch
WIDTH = 640
SIZE = dict(title=19, subtitle=14, label=12.5, tick=11.5, value=12, note=11)
INK, MUTED, GRID, RULE, NEUTRAL = "#1a1a1a", "#5c5c5c", "#dddddd", "#333333", "#8c8c8c"
PALETTE = ["#0072B2", "#C68900", "#5A1616", "#009E73", "#003F6B", "#9B5208", "#CC79A7", "#000000"]


@dataclass
class Series:
    label: str
    color: str
    values: list            # float, or None where the paper gives no number
    texts: list             # the value labels ("<0.1%", "$5.11m", "1,196")
    colors: list = None     # one colour per category (a one-series bar chart by drug)


@dataclass
class Figure:
    id: str
    kind: str               # bar, grouped_bar, stacked_bar, line, slope, range
    horizontal: bool
    title: list             # wrapped lines
    subtitle: list
    axis_title: str
    cats: list              # category labels; a second line holds the chart's `label` field
    series: list            # [Series]
    ranges: list = field(default_factory=list)   # [(Series low, Series high)] for kind range
    footer: list = field(default_factory=list)   # wrapped note and source lines
    annotations: list = field(default_factory=list)
    percent: bool = False
    prefix: str = ""
    suffix: str = ""
    plot_height: int = 240  # px, the plot area alone

    def tick(self, v):
        """An axis tick label."""
        return f"{v:g}%" if self.percent else f"{self.prefix}{v:,.0f}{self.suffix}"


def cell(raw):
    """A CSV cell as a number: '<0.1' and '~15000' keep their bound, '–' and '' are None."""
    raw = raw.strip().lstrip("<~")
    try:
        return float(raw)
    except ValueError:
        return None


def text(raw, percent, prefix="", suffix=""):
    raw = raw.strip()
    if cell(raw) is None:
        return ""
    sign = raw[0] if raw[0] in "<~" else ""
    num = raw.lstrip("<~")
    if "." not in num:
        num = f"{int(num):,}"
    return f"{sign}{prefix}{num}{'%' if percent else suffix}"


def wrap(s, chars):
    return textwrap.wrap(s, chars) if s else []


def figures(spec=ROOT / "charts.toml"):
    doc = tomllib.loads(Path(spec).read_text(encoding="utf-8"))
    colors = doc.get("theme", {}).get("colors", {})
    out = []
    for c in doc["chart"]:
        if c["kind"] in ("table", "text"):
            continue
        with open(ROOT / c["data"], newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        x, y = c.get("x", {}), c.get("y", {})
        pct = y.get("format") == "percent"
        pre, suf = y.get("prefix", ""), y.get("suffix", "")
        cats = [r[x["field"]] for r in rows]
        if "label" in c:  # a second line under each category: "est. 1,332,000 people"
            lab = c["label"]
            cats = [k + ("\n" + lab.get("prefix", "") + text(r[lab["field"]], False) + lab.get("suffix", "")
                         if cell(r[lab["field"]]) is not None else "")
                    for k, r in zip(cats, rows)]

        specs = c.get("series") or [{"field": y["field"], "label": y.get("title", "")}]
        series, done = [], [0.0] * len(rows)
        for i, s in enumerate(specs):
            label = s.get("label", s.get("field", ""))
            if "remainder" in s:
                vals = [s["remainder"] - d for d in done]
                raws = [f"{v:.1f}" for v in vals]
                color = colors.get(label, NEUTRAL)
            else:
                raws = [r[s["field"]] for r in rows]
                vals = [cell(v) for v in raws]
                color = colors.get(label, PALETTE[i % len(PALETTE)])
            done = [d + (v or 0) for d, v in zip(done, vals)]
            series.append(Series(label, color, vals, [text(r, pct, pre, suf) for r in raws]))
        if c["kind"] == "bar" and len(series) == 1:   # by drug: the drug's colour, else grey
            keys = [r[x["field"]] for r in rows]
            if any(k in colors for k in keys):
                series[0].colors = [colors.get(k, NEUTRAL) for k in keys]
            elif series[0].label not in colors:
                series[0].color = PALETTE[0]

        ranges = []
        for i, g in enumerate(c.get("ranges", [])):
            color = colors.get(g["label"], PALETTE[i])
            lo = [r[g["low"]] for r in rows]
            hi = [r[g["high"]] for r in rows]
            ranges.append((Series(g["label"], color, [cell(v) for v in lo], lo),
                           Series(g["label"], color, [cell(v) for v in hi],
                                  [f"{a}–{b}%" for a, b in zip(lo, hi)])))
        if ranges:
            for s in series:
                s.color = INK

        notes = ["Note: " + n for n in c.get("notes", [])]
        src = f"Source: {c['source']}."
        if c.get("footnotes"):
            n = c["footnotes"]
            src += f" Briefing paper endnote{'s' if len(n) > 1 else ''} {', '.join(map(str, n))}."
        horiz = c.get("orientation") == "horizontal" or c["kind"] == "range"
        nbars = len(rows) * max(1, len(ranges) or (len(series) if c["kind"] == "grouped_bar" else 1))
        out.append(Figure(
            id=c["id"], kind=c["kind"], horizontal=horiz,
            title=wrap(c["title"], 62), subtitle=wrap(c.get("subtitle", ""), 84),
            axis_title=y.get("title", ""), cats=cats, series=series, ranges=ranges,
            footer=[ln for t in notes + [src] for ln in wrap(t, 110)],
            annotations=c.get("annotations", []), percent=pct, prefix=pre, suffix=suf,
            plot_height=20 + 30 * len(rows) + 12 * nbars if horiz else 240,
        ))
    return out


def outputs(out, fig_id, edition):
    """The paths chartbook writes: OUT[/ja]/svg/ID.svg and OUT[/ja]/png/ID.png."""
    base = Path(out) / edition
    (base / "svg").mkdir(parents=True, exist_ok=True)
    (base / "png").mkdir(parents=True, exist_ok=True)
    return base / "svg" / f"{fig_id}.svg", base / "png" / f"{fig_id}.png", base / "report.pdf"
