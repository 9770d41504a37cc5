"""Run the benchmarks: one command.

    .venv/bin/python -m bench.run [--sizes 200,2000,50000] [--repeat 5] [--smoke] [--only SECTIONS]

For each size (beds) it generates (or reuses, bench/out/) a site with a 60-day history, then
measures (a) the queries behind the screens against raw SQLite, (b) interactions on the real
widgets against a bare QTableView, (c) cold start to the first painted window (at 2,000 beds
and more) against a bare Qt window, (d) the handover PDF (whole process and build-only),
(e) a 5,000-row arrivals import against openpyxl + executemany, (f) the peak memory of the
child processes. Once per run: the handover of the ``isolation-desk demo --rooms 2000`` site
(target < 3 s) and the roster PDF of about 5,000 occupants against LibreOffice and bare
reportlab. Each figure is the median of ``--repeat`` runs (after one warm-up run) with its
min and max, in wall-clock time and CPU time; targets are judged on CPU time (BENCHMARKS.md
says why). Prints a table and writes bench/out/results.json (figures of sizes not measured in
this run are kept from the previous file).

``--smoke``: the smallest size, one run each, no warm-up, everything on that one site (CI).
``--markdown``: print results.json as the tables of BENCHMARKS.md and exit.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from datetime import datetime
from pathlib import Path

from . import generate
from .measure import PYTHON, ROOT, Figure, Stats, load_average, run_process

RESULTS = generate.OUT_DIR / "results.json"
SMOKE_RESULTS = generate.OUT_DIR / "results-smoke.json"
SECTIONS = ("queries", "interactions", "cold_start", "pdf", "import", "memory")


def _figure(d: dict) -> Figure:
    d = dict(d)
    for k in ("app", "limit"):
        if d.get(k) is not None:
            d[k] = Stats(**d[k])
    return Figure(**d)


def machine() -> dict:
    import sqlite3
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
        mem = f"{kb / 1024 / 1024:.1f} GB"
    except (OSError, IndexError, ValueError):
        pass
    try:
        import PySide6
        from PySide6.QtCore import qVersion
        qt = f"Qt {qVersion()}, PySide6 {PySide6.__version__}"
    except ImportError:
        qt = "?"
    try:
        import reportlab
        rl = reportlab.Version
        import importlib.util
        if importlib.util.find_spec("_rl_accel") or importlib.util.find_spec("reportlab.lib._rl_accel"):
            rl += " + rl_accel"
    except ImportError:
        rl = "?"
    lo = ""
    try:
        import subprocess

        from .papers import libreoffice
        if libreoffice():
            lo = subprocess.run([libreoffice(), "--version"], capture_output=True, text=True,
                                timeout=60).stdout.strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "libreoffice": lo, "memory": mem, "python": platform.python_version(),
            "qt": qt, "sqlite": sqlite3.sqlite_version, "reportlab": rl, "platform": platform.platform()}


def _cold_start(db_path: str, size: int, repeat: int, warmup: bool) -> list[Figure]:
    """Probe processes: app and bare, alternating, each ``repeat`` times."""
    results = {"app": [], "bare": []}
    rss = {"app": 0.0, "bare": 0.0}
    cpu = {"app": [], "bare": []}
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for i in range(repeat + (1 if warmup else 0)):
        for mode in ("app", "bare"):
            t0 = time.monotonic()
            _, peak, out, err, code, _cpu = run_process(
                [PYTHON, "-m", "bench.probe_start", mode, db_path, repr(t0)], env=env, cwd=str(ROOT))
            if code != 0 or not out.strip():
                raise RuntimeError(f"cold start probe ({mode}) failed: {err[-800:]}")
            marks = json.loads(out.strip().splitlines()[-1])
            rss[mode] = max(rss[mode], marks.get("peak_rss_mb") or peak)
            if warmup and i == 0:
                continue
            results[mode].append(marks)
            cpu[mode].append(marks["cpu"])
    stats = {m: Stats.of([r["paint"] for r in results[m]], None, cpu[m]) for m in results}
    target_s = 1.0 if size <= 2000 else 1.5
    app = stats["app"]
    ratio = app.best() / stats["bare"].best()
    phases = {k: round(sorted(r[k] for r in results["app"])[len(results["app"]) // 2], 3)
              for k in ("qt", "db_open", "window_built", "paint")}
    return [Figure("cold_start", "cold start: process start to first painted main window", str(size), "s", app,
                   stats["bare"], "python + Qt + bare sqlite3: a QMainWindow with a QTableView of the room rows",
                   ratio, f"< {target_s:g} s", app.best() < target_s,
                   extra={"peak_rss_mb": rss["app"], "bare_peak_rss_mb": rss["bare"], "phases_wall_s": phases})]


def _ui(db_path: str, size: int, repeat: int, warmup: bool) -> tuple[list[Figure], float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    args = [PYTHON, "-m", "bench.ui_bench", db_path, str(size), str(repeat)] + ([] if warmup else ["--no-warmup"])
    _, peak, out, err, code, _ = run_process(args,
                                             env=env, cwd=str(ROOT), timeout=3600)
    if code != 0:
        err = "\n".join(line for line in err.splitlines() if "propagateSizeHints" not in line)
        raise RuntimeError(f"ui bench failed (exit code {code}): {err[-1500:]}")
    return [_figure(d) for d in json.loads(out.strip().splitlines()[-1])], peak


def demo_2000(now: datetime) -> Path:
    """The ``isolation-desk demo --rooms 2000`` site, made once a day (the CLI dates it to today)."""
    path = generate.OUT_DIR / f"demo-2000-{now.date().isoformat()}.sqlite"
    if not path.exists():
        generate.OUT_DIR.mkdir(parents=True, exist_ok=True)
        part = path.with_name(path.name + ".part")
        _, _, _, err, code, _ = run_process([str(ROOT / ".venv" / "bin" / "isolation-desk"), "demo", "--rooms", "2000",
                                             "--db", str(part), "--force"], cwd=str(ROOT), timeout=3600)
        if code != 0:
            raise RuntimeError(f"demo failed: {err[-800:]}")
        os.replace(part, path)
        key = part.with_name(part.name + ".auditkey")  # the audit trail's key goes along
        if key.exists():
            os.replace(key, path.with_name(path.name + ".auditkey"))
    return path


def run(sizes: list[int], repeat: int, smoke: bool, only: set[str], once: bool = True,
        checkpoint=None) -> dict:
    from . import imports, papers, queries
    now = datetime.now().replace(microsecond=0)
    figures: list[Figure] = []
    loads: dict[str, list] = {}
    warmup = not smoke
    if smoke:
        from . import measure
        measure.WARMUP = False

    def save():
        if checkpoint is not None:  # a long run keeps what it measured so far
            checkpoint({"generated_at": now.isoformat(), "machine": {}, "load_average": dict(loads),
                        "repeat": repeat, "smoke": smoke, "partial": True,
                        "figures": [f.as_dict() for f in figures]})

    for size in sizes:
        t_size = time.perf_counter()
        path = str(generate.cached(size, now))
        loads[str(size)] = [round(x, 2) for x in load_average()]
        print(f"== {size} beds ({path}), load average {loads[str(size)]}", file=sys.stderr)
        memory = []
        if "queries" in only:
            figures += queries.run(path, size, repeat, now)
            save()
        if "interactions" in only:
            try:
                ui_figures, peak = _ui(path, size, repeat, warmup)
            except RuntimeError as exc:  # keep the other sections' figures
                print(exc, file=sys.stderr)
                ui_figures, peak = [Figure("interactions", "main window", str(size), "ms", None,
                                           note=f"the interactions process failed: {str(exc)[-300:]}")], 0.0
            figures += ui_figures
            memory.append(("interactions process (main window, all screens visited)", peak))
            save()
        if "cold_start" in only and (size >= 2000 or smoke):
            cs = _cold_start(path, size, repeat, warmup)
            figures += cs
            memory.append(("cold start process", cs[0].extra["peak_rss_mb"]))
            save()
        if "pdf" in only:
            hv = papers.handover(path, str(size), repeat, now, target_s=None)
            figures += hv
            memory.append(("handover process", hv[0].extra["peak_rss_mb"]))
            save()
        if "import" in only:
            figures += imports.run(path, str(size), repeat, now)
            save()
        if "memory" in only and memory:
            label, peak = max(memory, key=lambda x: x[1])
            target = "< 400 MB" if size >= 50000 else ""
            figures.append(Figure("memory", "peak memory of the child processes (VmHWM)", str(size), "MB",
                                  Stats(peak, min(p for _, p in memory), peak, len(memory)), None, "", None, target,
                                  (peak < 400) if target else None, note=f"largest: {label}",
                                  extra={k: round(v, 1) for k, v in memory}))
        loads[str(size)].append([round(x, 2) for x in load_average()])
        print(f"   {size} beds done in {time.perf_counter() - t_size:.0f} s", file=sys.stderr)
        save()
    if once and "pdf" in only:
        if smoke:
            site = str(generate.cached(sizes[0], now))
            figures += [_retag(f, "handover target: smoke site") for f in
                        papers.handover(site, f"smoke-{sizes[0]}", repeat, now, target_s=3.0)[:1]]
            figures += papers.roster(site, f"smoke-{sizes[0]}", repeat, now)
        else:
            demo = str(demo_2000(now))
            figures += papers.handover(demo, "demo-2000", repeat, now, target_s=3.0)
            roster_site = str(generate.cached(6000, now))
            figures += papers.roster(roster_site, "roster-6000", repeat, now)
    commit = _commit()
    for f in figures:
        f.extra.setdefault("commit", commit)
        f.extra.setdefault("measured_at", now.isoformat())
    return {"generated_at": now.isoformat(), "machine": machine(), "load_average": loads,
            "repeat": repeat, "smoke": smoke, "figures": [f.as_dict() for f in figures]}


def _commit() -> str:
    """The code measured: HEAD, '+' when the working tree differs (others work in it too)."""
    import subprocess
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=str(ROOT), capture_output=True,
                              text=True, timeout=30).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "isolation_desk"],
                               cwd=str(ROOT), capture_output=True, text=True, timeout=30).stdout.strip()
        return head + ("+" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return ""


def _retag(f: Figure, note: str) -> Figure:
    f.note = (f.note + "; " if f.note else "") + note
    return f


def merge(new: dict, path: Path = RESULTS) -> dict:
    """Keep figures of sizes this run did not measure (e.g. re-running only 50,000)."""
    if not path.exists() or new.get("smoke"):
        return new
    try:
        old = json.loads(path.read_text())
    except (OSError, ValueError):
        return new
    measured = {(f["section"], f["size"]) for f in new["figures"]}
    kept = [f for f in old.get("figures", []) if (f["section"], f["size"]) not in measured]
    loads = dict(old.get("load_average", {}))
    loads.update(new["load_average"])
    return {**new, "figures": kept + new["figures"], "load_average": loads}


def _fmt(v, unit: str) -> str:
    if v is None:
        return "—"
    if unit == "ms":
        return f"{v:.1f}" if v < 100 else f"{v:.0f}"
    if unit == "s":
        return f"{v:.2f}"
    return f"{v:.0f}"


def table(results: dict, markdown: bool = False) -> str:
    lines = []
    head = ["size", "figure", "CPU median", "wall median (min–max)", "limit CPU", "limit", "ratio", "target", ""]
    if markdown:
        lines.append("| " + " | ".join(head) + " |")
        lines.append("|" + "---|" * len(head))
    order = {s: i for i, s in enumerate(SECTIONS)}
    figs = sorted(results["figures"], key=lambda f: (order.get(f["section"], 9), _size_key(f["size"])))
    section = None
    for f in figs:
        if not markdown and f["section"] != section:
            section = f["section"]
            lines.append(f"-- {section}")
        a, limit, u = f["app"], f["limit"], f["unit"]
        cpu = _fmt(a.get("cpu_median") if a.get("cpu_median") is not None else a["median"], u) if a else "—"
        wall = f"{_fmt(a['median'], u)} ({_fmt(a['min'], u)}–{_fmt(a['max'], u)})" if a else "—"
        limit_cpu = (limit.get("cpu_median") if limit.get("cpu_median") is not None else limit["median"]) \
            if limit else None
        lcpu = _fmt(limit_cpu, u) if limit else "—"
        verdict = "" if f["passed"] is None else ("pass" if f["passed"] else "**MISS**" if markdown else "MISS")
        ratio = f"{f['ratio']:.2f}×" if f["ratio"] is not None else "—"
        name = f["name"] + (f" ({f['note']})" if f["note"] else "")
        row = [f["size"], name, f"{cpu} {u}" if a else "—", f"{wall} {u}" if a else "—",
               f"{lcpu} {u}" if limit else "—", f["limit_name"] or "—", ratio, f["target"] or "—", verdict]
        if markdown:
            lines.append("| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |")
        else:
            lines.append(f"  {row[0]:>11} {row[1][:70]:70} cpu {row[2]:>10}  wall {row[3]:>24}  limit {row[4]:>10}"
                         f"  {row[6]:>7}  {row[7]:>26} {row[8]}")
    return "\n".join(lines)


def _size_key(size: str):
    digits = "".join(c for c in size if c.isdigit())
    return (0 if size.isdigit() else 1, int(digits or 0), size)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="200,2000,50000", help="beds, comma-separated")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--smoke", action="store_true", help="smallest size, one run each (CI)")
    ap.add_argument("--only", default=",".join(SECTIONS), help="sections: " + ",".join(SECTIONS))
    ap.add_argument("--no-once", action="store_true", help="skip the demo-2000 handover and the roster comparison")
    ap.add_argument("--out", type=Path, default=None, help="default: bench/out/results.json "
                    "(results-smoke.json with --smoke)")
    ap.add_argument("--markdown", action="store_true", help="print results.json as markdown tables and exit")
    ap.add_argument("--merge", nargs="+", type=Path, metavar="JSON",
                    help="combine result files (later ones win per section and size; a bare list of "
                         "figures from bench.ui_bench is accepted) into --out and exit")
    args = ap.parse_args(argv)
    # What an installed app starts from: compiled modules (this machine sets
    # PYTHONDONTWRITEBYTECODE, so an import would compile every changed module again).
    import compileall
    compileall.compile_dir(str(ROOT / "isolation_desk"), quiet=1)
    if args.merge:
        combined = None
        for path in args.merge:
            data = json.loads(path.read_text())
            if isinstance(data, list):
                data = {"figures": data, "load_average": {}}
            if combined is None:
                combined = {**data, "load_average": dict(data.get("load_average", {}))}
                continue
            measured = {(f["section"], f["size"]) for f in data["figures"]}
            combined["figures"] = [f for f in combined["figures"] if (f["section"], f["size"]) not in measured] \
                + data["figures"]
            combined["load_average"].update(data.get("load_average", {}))
            if data.get("machine"):
                combined["machine"] = data["machine"]
        out = args.out or RESULTS
        out.write_text(json.dumps(combined, ensure_ascii=False, indent=1))
        print(table(combined))
        return 0
    if args.out is None:
        args.out = SMOKE_RESULTS if args.smoke else RESULTS
    if args.markdown:
        print(table(json.loads(args.out.read_text()), markdown=True))
        return 0
    sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())
    repeat = args.repeat
    if args.smoke:
        sizes, repeat = sizes[:1], 1
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    t0 = time.perf_counter()
    partial = args.out.with_name(args.out.stem + "-partial.json")
    results = run(sizes, repeat, args.smoke, only, once=not args.no_once,
                  checkpoint=lambda r: partial.write_text(json.dumps(r, ensure_ascii=False, indent=1)))
    results["seconds"] = round(time.perf_counter() - t0, 1)
    results = merge(results, args.out)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    print(table(results))
    print(f"written: {args.out} ({results['seconds']} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
