"""The briefing's figures drawn with matplotlib (Agg): usage `python3 mpl_figures.py OUT`.

Writes what chartbook writes for figures: OUT/svg/ID.svg, OUT/png/ID.png (300 dpi) and
OUT/report.pdf (one page per figure), and the same again under OUT/ja/ (English text).
"""
import logging
import sys

import matplotlib

matplotlib.use("Agg")
from matplotlib import font_manager, rcParams
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import FuncFormatter

import figspec as fs

PT = 0.75  # px to pt


def setup():
    logging.getLogger("fontTools").setLevel(logging.ERROR)  # Lato's old "created" date
    for path in fs.LATO:
        font_manager.fontManager.addfont(str(path))
    rcParams.update({
        "font.family": "Lato", "svg.fonttype": "none", "pdf.fonttype": 42,
        "text.color": fs.INK, "axes.edgecolor": fs.RULE, "axes.labelcolor": fs.MUTED,
        "xtick.color": fs.MUTED, "ytick.color": fs.MUTED, "svg.hashsalt": "chartbook",
        "xtick.labelsize": fs.SIZE["tick"] * PT, "ytick.labelsize": fs.SIZE["tick"] * PT,
    })


def draw(f):
    handles = legend(f)
    rows = (sum(len(h.get_label()) for h in handles) > 70) + 1 if handles else 0
    top = (20 + len(f.title) * fs.SIZE["title"] * 1.3 + len(f.subtitle) * fs.SIZE["subtitle"] * 1.3
           + 36 + 24 * rows + 12 * bool(rows) + (24 if f.kind == "slope" else 0))  # px above the plot
    bottom = 20 + len(f.footer) * fs.SIZE["note"] * 1.4 + 12  # px below it
    longest = max(len(p) for c in f.cats for p in c.split("\n"))
    if f.kind == "slope":
        left, right, bottom = 120, 140, bottom + 10
    elif f.horizontal:
        left, right, bottom = 28 + 6.2 * longest, 80, bottom + 28
    else:
        left, right = 70, 20
        bottom += 30 + 16 * max(c.count("\n") for c in f.cats)
    W, H = fs.WIDTH, top + f.plot_height + bottom
    fig = Figure(figsize=(W / 96, H / 96), dpi=96)
    y = 20  # px from the top

    def line(s, size, at, **kw):
        fig.text(20 / W, 1 - at / H, s, fontsize=size * PT, va="top", **kw)

    for s in f.title:
        line(s, fs.SIZE["title"], y, weight="bold"); y += fs.SIZE["title"] * 1.3
    for s in f.subtitle:
        line(s, fs.SIZE["subtitle"], y, color=fs.MUTED); y += fs.SIZE["subtitle"] * 1.3
    if handles:
        fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(14 / W, 1 - (y + 4) / H),
                   ncols=-(-len(handles) // rows), frameon=False, fontsize=fs.SIZE["label"] * PT,
                   handlelength=1, columnspacing=1.2)
        y += 24 * rows + 12
    line(f.axis_title, fs.SIZE["label"], y + 8, color=fs.MUTED)
    for i, s in enumerate(reversed(f.footer)):
        fig.text(20 / W, (20 + i * fs.SIZE["note"] * 1.4) / H, s, fontsize=fs.SIZE["note"] * PT,
                 color=fs.MUTED)
    ax = fig.add_axes((left / W, bottom / H, 1 - (left + right) / W, f.plot_height / H))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0, labelcolor=fs.MUTED)
    value_axis = ax.xaxis if f.horizontal else ax.yaxis
    value_axis.set_major_formatter(FuncFormatter(lambda v, _: f.tick(v)))
    ax.grid(True, axis="x" if f.horizontal else "y", color=fs.GRID, lw=0.75)
    ax.set_axisbelow(True)
    KINDS[f.kind](ax, f)
    return fig


def legend(f):
    if f.kind == "range":
        return ([Patch(color=lo.color, label=lo.label) for lo, _ in f.ranges]
                + [Line2D([], [], color=s.color, marker="|", ls="", ms=12, mew=2.5, label=s.label)
                   for s in f.series])
    if f.kind in ("grouped_bar", "stacked_bar"):
        return [Patch(color=s.color, label=s.label) for s in f.series]
    return []


def bar_label(ax, bars, texts, **kw):
    ax.bar_label(bars, labels=texts, padding=3, fontsize=fs.SIZE["value"] * PT, weight="bold",
                 color=fs.INK, **kw)


def cat_axis(ax, f):
    pos = range(len(f.cats))
    if f.horizontal:
        ax.set_yticks(pos, f.cats, fontsize=fs.SIZE["label"] * PT, color=fs.INK)
        ax.invert_yaxis()
        ax.spines["bottom"].set_visible(False)
    else:
        ax.set_xticks(pos, f.cats, fontsize=fs.SIZE["label"] * PT, color=fs.INK)
        ax.spines["left"].set_visible(False)


def bars(ax, f):
    k = len(f.series) if f.kind == "grouped_bar" else 1
    width = 0.7 / k if k > 1 else 0.6
    base = [0.0] * len(f.cats)
    for i, s in enumerate(f.series):
        pos = [j + (i - (k - 1) / 2) * width if k > 1 else j for j in range(len(f.cats))]
        vals = [v or 0 for v in s.values]
        color = s.colors or s.color
        kw = dict(color=color, label=s.label)
        if f.kind == "stacked_bar":
            kw["left" if f.horizontal else "bottom"] = base
        b = (ax.barh if f.horizontal else ax.bar)(pos, vals, width if k > 1 else 0.6, **kw)
        if f.kind == "stacked_bar":
            base = [a + v for a, v in zip(base, vals)]
            ax.bar_label(b, labels=s.texts, label_type="center", color="white", weight="bold",
                         fontsize=fs.SIZE["value"] * PT)
        else:
            bar_label(ax, b, s.texts)
    cat_axis(ax, f)
    if f.kind == "stacked_bar":
        (ax.set_xlim if f.horizontal else ax.set_ylim)(0, 100)
    for a in f.annotations:  # a reference line: { y = 14019, text = ... }
        ax.axhline(a["y"], color=fs.RULE, ls="--", lw=1)
        ax.text(-0.4, a["y"], a["text"], va="bottom", fontsize=fs.SIZE["value"] * PT)
    ax.margins(**({"x": 0.08} if f.horizontal else {"y": 0.08}))


def lines(ax, f):
    s = f.series[0]
    xs = [float(c) for c in f.cats]
    run_x, run_y = [], []
    for x, v in zip(xs, s.values):  # one line per run of consecutive years
        if run_x and x - run_x[-1] > 1:
            ax.plot(run_x, run_y, color=s.color, lw=2.5 * PT, marker="o", ms=4)
            run_x, run_y = [], []
        run_x.append(x); run_y.append(v)
    ax.plot(run_x, run_y, color=s.color, lw=2.5 * PT, marker="o", ms=4)
    for a in f.annotations:
        if isinstance(a["x"], list):  # a band: { x = [2006, 2017], y = [11000, 12000] }
            (x0, x1), (y0, y1) = a["x"], a["y"]
            ax.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, color=s.color, alpha=0.4, lw=0))
            ax.text(x1, y0, a["text"], ha="right", va="top", color=s.color, weight="bold",
                    fontsize=fs.SIZE["value"] * PT)
        else:
            ax.annotate(a["text"], (a["x"], s.values[xs.index(a["x"])]), xytext=(6, 4),
                        textcoords="offset points", weight="bold", fontsize=fs.SIZE["value"] * PT)
    ax.set_ylim(0, None)
    ax.spines["left"].set_visible(False)


def slope(ax, f):
    for s in f.series:
        ax.plot([0, 1], s.values, color=s.color, lw=2.5 * PT, marker="o", ms=6)
        kw = dict(color=s.color, weight="bold", va="center", fontsize=fs.SIZE["value"] * PT)
        ax.annotate(s.texts[0], (0, s.values[0]), xytext=(-8, 0), textcoords="offset points",
                    ha="right", **kw)
        ax.annotate(f"{s.texts[1]} {s.label}", (1, s.values[1]), xytext=(8, 0),
                    textcoords="offset points", ha="left", **kw)
    ax.set_xticks([0, 1], f.cats, fontsize=fs.SIZE["label"] * PT, weight="bold", color=fs.INK)
    ax.xaxis.tick_top()
    ax.set_xlim(-0.05, 1.05)
    ax.set_yticks([])
    ax.grid(False)
    ax.grid(True, axis="x", color=fs.GRID)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)


def ranges(ax, f):
    k = len(f.ranges)
    for i, (lo, hi) in enumerate(f.ranges):
        off = (i - (k - 1) / 2) * 0.36
        for j, (a, b, t) in enumerate(zip(lo.values, hi.values, hi.texts)):
            ax.plot([a, b], [j + off] * 2, color=lo.color, lw=2.5, marker="o", ms=5)
            ax.annotate(t, (b, j + off), xytext=(7, 0), textcoords="offset points", va="center",
                        fontsize=fs.SIZE["value"] * PT)
    for s in f.series:
        pts = [(v, j) for j, v in enumerate(s.values) if v is not None]
        ax.plot(*zip(*pts), ls="", marker="|", ms=14, mew=2.5, color=s.color)
    cat_axis(ax, f)
    ax.set_xlim(0, None)


KINDS = dict(bar=bars, grouped_bar=bars, stacked_bar=bars, line=lines, slope=slope, range=ranges)


def main(out):
    setup()
    figs = fs.figures()
    for edition in fs.EDITIONS:
        pdf = None
        for f in figs:
            svg, png, report = fs.outputs(out, f.id, edition)
            pdf = pdf or PdfPages(report)
            fig = draw(f)
            fig.savefig(svg, format="svg")
            fig.savefig(png, format="png", dpi=300)
            pdf.savefig(fig)
        pdf.close()
    print(len(figs) * len(fs.EDITIONS), "figures")


if __name__ == "__main__":
    main(sys.argv[1])
