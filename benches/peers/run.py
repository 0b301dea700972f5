"""Side-by-side speed of chartbook, matplotlib and vl-convert on the briefing's figures.

    python3 benches/peers/run.py [--rounds 7] [--chartbook PATH] [--jobs N] [--vl-via-svg]
                                 [--floor-cmd CMD [--floor-figures N]]

Each round runs every tool once, in turn (chartbook, matplotlib, vl-convert, chartbook, ...),
each as a fresh process writing into a fresh temporary folder, timed by the wall clock around
the process. Reported: the median run, and that median divided by the number of figures.
See README.md beside this file.
"""
import argparse
import importlib.util
import os
import resource
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import figspec  # noqa: E402

ROOT = figspec.ROOT


FIGURES = {f.id for f in figspec.figures()}


def png_pixels(folder):
    """Files and total pixels of the figures' PNGs under folder (read from each IHDR)."""
    files = [p for p in Path(folder).rglob("*.png") if p.stem in FIGURES]
    px = 0
    for p in files:
        with open(p, "rb") as f:
            w, h = struct.unpack(">II", f.read(24)[16:24])
        px += w * h
    return len(files), px


def run_once(argv, shell=False):
    tmp = Path(tempfile.mkdtemp(prefix="peers-"))
    out = tmp / "out"
    if shell:
        argv = argv.replace("{out}", str(out))
    else:
        argv = [str(a).replace("{out}", str(out)) for a in argv]
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(argv, cwd=ROOT, shell=shell, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    if p.returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        sys.exit(f"failed ({p.returncode}): {argv}\n{p.stdout}{p.stderr}")
    pngs = png_pixels(out)
    shutil.rmtree(tmp, ignore_errors=True)
    return wall, cpu, pngs


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--chartbook", default=str(ROOT / "target/release/chartbook"),
                    help="the chartbook binary (default: target/release/chartbook)")
    ap.add_argument("--vl-via-svg", action="store_true",
                    help="also time vl-convert making the PNG and PDF from its SVG (Vega runs once)")
    ap.add_argument("--jobs", type=int, help="chartbook's --jobs (default: its own, one per core)")
    # HOOK: the resvg floor (or any other command) is not measured here; pass it in. It runs in
    # the same alternation, from the repository root, with {out} replaced by a fresh folder, and
    # is reported per figure with --floor-figures (default: the briefing's figure count).
    ap.add_argument("--floor-cmd", help="OPTIONAL extra shell command to time, e.g. a resvg floor")
    ap.add_argument("--floor-figures", type=int, help="figures the --floor-cmd makes")
    a = ap.parse_args()

    figures = len(FIGURES) * len(figspec.EDITIONS)
    if not os.access(a.chartbook, os.X_OK):
        sys.exit(f"no chartbook binary at {a.chartbook}: build it (cargo build --release) or pass --chartbook")
    chartbook = [a.chartbook, "build", "--quiet", "--force", "--out", "{out}", "--formats", "svg,png,pdf"]
    if a.jobs:
        chartbook += ["--jobs", str(a.jobs)]
    tools = [("chartbook", chartbook, False, figures)]
    for name, script, mods in [("matplotlib", "mpl_figures.py", ["matplotlib"]),
                               ("vl-convert", "vl_figures.py", ["vl_convert", "pypdf"])]:
        missing = [m for m in mods if importlib.util.find_spec(m) is None]
        if missing:
            print(f"skipping {name}: {', '.join(missing)} not installed "
                  f"(pip install -r benches/peers/requirements.txt)")
        else:
            tools.append((name, [sys.executable, HERE / script, "{out}"], False, figures))
    if a.vl_via_svg and tools[-1][0] == "vl-convert":
        tools.append(("vl-convert (via SVG)", tools[-1][1] + ["--via-svg"], False, figures))
    if a.floor_cmd:
        tools.append(("floor (--floor-cmd)", a.floor_cmd, True, a.floor_figures or figures))

    versions = [f"python {sys.version.split()[0]}"]
    for m in ("matplotlib", "vl_convert", "numpy"):
        if importlib.util.find_spec(m):
            versions.append(f"{m} {__import__(m).__version__}")
    print(f"{figures} figures per build ({figures // len(figspec.EDITIONS)} charts x "
          f"{len(figspec.EDITIONS)} editions); {os.cpu_count()} cores; {', '.join(versions)}")
    print(f"load average before: {os.getloadavg()[0]:.2f}; {a.rounds} rounds, alternating; "
          "one untimed warm-up run each")

    for _, argv, shell, _ in tools:  # warm-up: page cache, .pyc files, font caches
        run_once(argv, shell)
    times = {name: [] for name, *_ in tools}
    cpus = {name: [] for name, *_ in tools}
    pngs = {}
    for r in range(a.rounds):
        for name, argv, shell, _ in tools:
            wall, cpu, pngs[name] = run_once(argv, shell)
            times[name].append(wall)
            cpus[name].append(cpu)
        print(f"  round {r + 1}: " + ", ".join(f"{n} {t[-1]:.2f}s" for n, t in times.items()), flush=True)
    print(f"load average after: {os.getloadavg()[0]:.2f}\n")

    base = statistics.median(times["chartbook"]) / figures
    cpu_base = statistics.median(cpus["chartbook"]) / figures
    print(f"{'tool':<20} {'median run':>10} {'min':>7} {'max':>7} {'figures':>7} "
          f"{'per figure':>10} {'x chartbook':>11} {'CPU/figure':>10} {'x':>6} {'PNGs':>5} {'PNG Mpx':>8}")
    for name, _, _, n in tools:
        t = times[name]
        per = statistics.median(t) / n
        cpu = statistics.median(cpus[name]) / n
        files, px = pngs[name]
        print(f"{name:<20} {statistics.median(t):>9.2f}s {min(t):>6.2f}s {max(t):>6.2f}s {n:>7} "
              f"{per * 1000:>8.1f}ms {per / base:>10.2f}x {cpu * 1000:>8.1f}ms {cpu / cpu_base:>5.2f}x "
              f"{files:>5} {px / 1e6:>8.1f}")
    print("\nCPU/figure: median user+sys time of the process and its children, per figure "
          "(less sensitive than wall time to other load on the machine).")
    print("PNGs, PNG Mpx: the figures' PNGs of the last run. chartbook's time also covers its "
          "8 tables and text boxes (4 per edition), which are not counted as figures.")


if __name__ == "__main__":
    main()
