"""The briefing's figures as Vega-Lite specs rendered by vl-convert:
`python3 vl_figures.py OUT [--via-svg]`.

Writes what chartbook writes for figures: OUT/svg/ID.svg, OUT/png/ID.png (300 ppi) and
OUT/report.pdf, and the same again under OUT/ja/ (English text). vl-convert writes one PDF per
figure (640 x N pt: its PDF export takes no scale); pypdf joins them. By default each output is
converted from the spec (vegalite_to_svg, _png, _pdf: Vega runs three times per figure); with
--via-svg Vega runs once and the PNG and PDF are converted from its SVG (svg_to_png, _pdf).
"""
import io
import sys
import tempfile
from pathlib import Path

import pypdf
import vl_convert as vlc

import figspec as fs

SCALE = 0.75  # Vega px are 1/72 in; chartbook's are 1/96 in: 640 px → 480 pt → 2000 px at 300 ppi
SPLIT = "split(datum.label, '\\n')"  # a category's second line


def config(f):
    return {
        "font": "Lato", "padding": 20, "view": {"stroke": None},
        "axis": {"labelFontSize": fs.SIZE["tick"], "labelColor": fs.MUTED, "titleColor": fs.MUTED,
                 "titleFontSize": fs.SIZE["label"], "titleFontWeight": "normal", "gridColor": fs.GRID,
                 "domainColor": fs.RULE, "ticks": False, "labelPadding": 6, "labelLimit": 320},
        "legend": {"orient": "top", "direction": "horizontal", "title": None,
                   "labelFontSize": fs.SIZE["label"], "labelColor": fs.INK, "columnPadding": 16,
                   "labelLimit": 320, **({"columns": 2} if len(f.series) > 3 and f.kind != "grouped_bar" else {})},
        "scale": {"bandPaddingInner": 0.3},
        "text": {"fontSize": fs.SIZE["value"], "fontWeight": "bold", "color": fs.INK},
    }


def spec(f):
    longest = max(len(p) for c in f.cats for p in c.split("\n"))
    width = fs.WIDTH - 40 - (6.2 * longest + 90 if f.horizontal else 70)
    chart = {"width": width, "height": f.plot_height, **KINDS[f.kind](f)}
    footer = {"width": width, "height": len(f.footer) * 15, "data": {"values": [{}]},
              "mark": {"type": "text", "align": "left", "baseline": "top", "lineHeight": 15,
                       "fontSize": fs.SIZE["note"], "fontWeight": "normal", "color": fs.MUTED},
              "encoding": {"text": {"value": f.footer}, "x": {"value": -(fs.WIDTH - 40 - width)},
                           "y": {"value": 0}}}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json", "config": config(f),
        "title": {"text": f.title, "subtitle": f.subtitle, "anchor": "start", "frame": "bounds",
                  "fontSize": fs.SIZE["title"], "subtitleFontSize": fs.SIZE["subtitle"],
                  "subtitleColor": fs.MUTED, "color": fs.INK, "offset": 14},
        "vconcat": [chart, footer], "spacing": 18,
    }


def cat(f, **axis):
    return {"field": "cat", "type": "nominal", "sort": f.cats, "title": None,
            "axis": {"labelExpr": SPLIT, "labelColor": fs.INK, "labelFontSize": fs.SIZE["label"],
                     "labelAngle": 0, **axis}}


def value(f, **kw):
    expr = ("format(datum.value, ',') + '%'" if f.percent
            else f"'{f.prefix}' + format(datum.value, ',') + '{f.suffix}'")
    return {"field": "value", "type": "quantitative", "title": f.axis_title,
            "axis": {"labelExpr": expr, "tickCount": 6}, **kw}


def colors(series, legend=True):
    return {"field": "series", "type": "nominal", "sort": [s.label for s in series],
            "scale": {"domain": [s.label for s in series], "range": [s.color for s in series]},
            **({} if legend else {"legend": None})}


def bars(f):
    c, v = ("y", "x") if f.horizontal else ("x", "y")
    rows = []
    for s in f.series:
        for i, (k, val, t) in enumerate(zip(f.cats, s.values, s.texts)):
            if val is not None:
                rows.append({"cat": k, "series": s.label, "value": val, "text": t,
                             "color": s.colors[i] if s.colors else s.color})
    enc = {c: cat(f), v: value(f)}
    label = {"type": "text", **({"align": "left", "dx": 4} if f.horizontal else {"dy": -8})}
    if f.kind == "stacked_bar":
        base = {}
        for r in rows:
            r["lo"] = base.get(r["cat"], 0)
            r["mid"] = r["lo"] + r["value"] / 2
            base[r["cat"]] = r["hi"] = r["lo"] + r["value"]
        enc.update({v: {**value(f), "field": "lo", "scale": {"domain": [0, 100]}}, v + "2": {"field": "hi"}})
        label = {"type": "text", "color": "white"}
        text_enc = {v: {"field": "mid", "type": "quantitative"}}
    else:
        text_enc = {}
    if f.kind == "grouped_bar":
        enc[c + "Offset"] = {"field": "series", "sort": [s.label for s in f.series]}
    enc["color"] = (colors(f.series) if f.kind != "bar" else
                    {"field": "color", "type": "nominal", "scale": None})
    layers = [{"mark": "bar"},
              {"mark": label, "encoding": {"text": {"field": "text"}, **text_enc,
                                           "color": {"value": label.get("color", fs.INK)}}}]
    for a in f.annotations:  # a reference line: { y = 14019, text = ... }
        layers += [{"mark": {"type": "rule", "strokeDash": [4, 3], "color": fs.RULE},
                    "encoding": {"y": {"datum": a["y"]}, "x": None}},
                   {"mark": {"type": "text", "align": "left", "dy": -8, "x": 4, "fontWeight": "normal"},
                    "encoding": {"y": {"datum": a["y"]}, "x": None, "text": {"value": a["text"]},
                                 "color": {"value": fs.INK}}}]
    return {"data": {"values": rows}, "encoding": enc, "layer": layers}


def lines(f):
    s = f.series[0]
    rows, run, last = [], 0, None
    for k, val, t in zip(f.cats, s.values, s.texts):
        year = float(k)
        run += last is not None and year - last > 1  # one line per run of consecutive years
        rows.append({"x": year, "value": val, "run": run, "text": t})
        last = year
    x = {"field": "x", "type": "quantitative", "title": None, "scale": {"zero": False},
         "axis": {"format": "d", "grid": False}}
    enc = {"x": x, "y": value(f)}
    layers = [{"mark": {"type": "line", "strokeWidth": 2.5, "color": s.color, "point": True},
               "encoding": {"detail": {"field": "run"}}}]
    points = [{"x": a["x"], "value": s.values[f.cats.index(str(a["x"]))], "text": a["text"]}
              for a in f.annotations if not isinstance(a["x"], list)]
    layers.append({"data": {"values": points}, "mark": {"type": "text", "align": "left", "dx": 7, "dy": -8},
                   "encoding": {"text": {"field": "text"}}})
    for a in f.annotations:
        if isinstance(a["x"], list):  # a band: { x = [2006, 2017], y = [11000, 12000] }
            (x0, x1), (y0, y1) = a["x"], a["y"]
            layers += [{"mark": {"type": "rect", "color": s.color, "opacity": 0.4},
                        "encoding": {"x": {"datum": x0}, "x2": {"datum": x1},
                                     "y": {"datum": y0}, "y2": {"datum": y1}}},
                       {"mark": {"type": "text", "align": "right", "baseline": "top", "dy": 4,
                                 "color": s.color},
                        "encoding": {"x": {"datum": x1}, "y": {"datum": y0}, "text": {"value": a["text"]}}}]
    return {"data": {"values": rows}, "encoding": enc, "layer": layers}


def slope(f):
    rows = [{"cat": k, "series": s.label, "value": val,
             "text": t if i == 0 else f"{t} {s.label}", "side": i}
            for s in f.series for i, (k, val, t) in enumerate(zip(f.cats, s.values, s.texts))]
    enc = {"x": cat(f, orient="top", labelFontWeight="bold", grid=True, domain=False),
           "y": {**value(f), "axis": None}, "color": colors(f.series, legend=False)}
    text = lambda side, **m: {"transform": [{"filter": f"datum.side == {side}"}],
                              "mark": {"type": "text", **m}, "encoding": {"text": {"field": "text"}}}
    return {"data": {"values": rows}, "encoding": enc, "layer": [
        {"mark": {"type": "line", "strokeWidth": 2.5, "point": {"size": 60}}},
        text(0, align="right", dx=-9), text(1, align="left", dx=9)]}


def ranges(f):
    rows = [{"cat": k, "series": lo.label, "lo": a, "hi": b, "text": t}
            for lo, hi in f.ranges
            for k, a, b, t in zip(f.cats, lo.values, hi.values, hi.texts)]
    ticks = [{"cat": k, "series": s.label, "lo": v} for s in f.series
             for k, v in zip(f.cats, s.values) if v is not None]
    groups = [lo for lo, _ in f.ranges] + f.series
    off = {"field": "series", "sort": [g.label for g in groups]}
    x = {"field": "lo", "type": "quantitative", "title": f.axis_title,
         "axis": {"labelExpr": "datum.value + '%'"}}
    return {"encoding": {"y": cat(f), "color": colors(groups)}, "layer": [
        {"data": {"values": rows}, "encoding": {"x": x, "yOffset": off}, "layer": [
            {"mark": {"type": "rule", "strokeWidth": 2.5}, "encoding": {"x2": {"field": "hi"}}},
            {"mark": {"type": "circle", "size": 50, "opacity": 1}},
            {"mark": {"type": "circle", "size": 50, "opacity": 1},
             "encoding": {"x": {"field": "hi", "type": "quantitative"}}},
            {"mark": {"type": "text", "align": "left", "dx": 7, "fontWeight": "normal"},
             "encoding": {"x": {"field": "hi", "type": "quantitative"}, "text": {"field": "text"},
                          "color": {"value": fs.INK}}}]},
        {"data": {"values": ticks}, "mark": {"type": "tick", "thickness": 2.5, "orient": "vertical"},
         "encoding": {"x": {"field": "lo", "type": "quantitative"}}}]}


KINDS = dict(bar=bars, grouped_bar=bars, stacked_bar=bars, line=lines, slope=slope, range=ranges)


def main(out, via_svg=False):
    fonts = tempfile.TemporaryDirectory()  # Lato only, as chartbook's English edition
    for path in fs.LATO:
        (Path(fonts.name) / path.name).symlink_to(path)
    vlc.register_font_directory(fonts.name)
    figs = fs.figures()
    for edition in fs.EDITIONS:
        pdf = pypdf.PdfWriter()
        for f in figs:
            svg, png, report = fs.outputs(out, f.id, edition)
            s = spec(f)
            text = vlc.vegalite_to_svg(s)
            svg.write_text(text, encoding="utf-8")
            if via_svg:  # Vega runs once; the PNG and PDF are made from its SVG
                png.write_bytes(vlc.svg_to_png(text, scale=SCALE, ppi=300))
                pdf.append(io.BytesIO(vlc.svg_to_pdf(text)))
            else:
                png.write_bytes(vlc.vegalite_to_png(s, scale=SCALE, ppi=300))
                pdf.append(io.BytesIO(vlc.vegalite_to_pdf(s)))
        with open(report, "wb") as fh:
            pdf.write(fh)
    print(len(figs) * len(fs.EDITIONS), "figures")


if __name__ == "__main__":
    main(sys.argv[1], "--via-svg" in sys.argv[2:])
