"""Timing helpers: each figure is the median of several runs, with its min and max, beside
the same work done by the bare library in the same run, and the ratio of the two."""
from __future__ import annotations

import gc
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable


@dataclass
class Stats:
    """Wall-clock median/min/max, and the CPU time of the same runs (this machine is shared:
    under load the wall clock also counts the time other processes held the two cores)."""
    median: float
    min: float
    max: float
    runs: int
    first: float | None = None  # the warm-up run, not in the median (cold caches)
    cpu_median: float | None = None
    cpu_min: float | None = None
    cpu_max: float | None = None

    @classmethod
    def of(cls, values: list[float], first: float | None = None, cpu: list[float] | None = None) -> Stats:
        s = cls(statistics.median(values), min(values), max(values), len(values), first)
        if cpu:
            s.cpu_median, s.cpu_min, s.cpu_max = statistics.median(cpu), min(cpu), max(cpu)
        return s

    def best(self) -> float:
        """The figure judged against a target: CPU time where measured (see BENCHMARKS.md)."""
        return self.cpu_median if self.cpu_median is not None else self.median


@dataclass
class Figure:
    section: str  # queries, interactions, cold_start, pdf, import, memory
    name: str
    size: str  # "200", "2000", "50000", "demo-2000", "roster-6000" ...
    unit: str  # "ms", "s", "MB"
    app: Stats | None
    limit: Stats | None = None
    limit_name: str = ""
    ratio: float | None = None
    target: str = ""
    passed: bool | None = None
    note: str = ""
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


WARMUP = True  # one warm-up run before the measured ones (off for --smoke)


def timed(fn, repeat: int, warmup: bool | None = None, scale: float = 1000.0) -> tuple[Stats, object]:
    """Run ``fn`` ``repeat`` times (plus one warm-up run); times in ms (scale 1000) or s (1)."""
    if warmup is None:
        warmup = WARMUP
    first = None
    result = None
    if warmup:
        t = time.perf_counter()
        result = fn()
        first = (time.perf_counter() - t) * scale
    values, cpu = [], []
    for _ in range(max(1, repeat)):
        # The previous run's result is freed and the garbage collected before the clock starts:
        # rebinding ``result`` after fn() returned used to count the freeing of the last run's
        # rows in this run (thousands of dicts), and a collection of those could fall anywhere.
        result = None
        gc.collect()
        c = time.process_time()
        t = time.perf_counter()
        out = fn()
        values.append((time.perf_counter() - t) * scale)
        cpu.append((time.process_time() - c) * scale)
        result = out
    return Stats.of(values, first, cpu), result


def run_process(args: list[str], *, env: dict | None = None, cwd: str | None = None,
                timeout: float = 600, stdin=None) -> tuple[float, float, str, str, int, float]:
    """Run a whole process: (seconds from just before its start to its exit, the child's own
    peak RSS in MB (VmHWM polled while it runs), stdout, stderr, exit code, CPU seconds of the child and
    the children it waited for)."""
    with tempfile.TemporaryFile("w+") as fo, tempfile.TemporaryFile("w+") as fe:
        t0 = time.perf_counter()
        p = subprocess.Popen(args, stdout=fo, stderr=fe, env=env, cwd=cwd, text=True, stdin=stdin)
        deadline = t0 + timeout
        hwm = 0.0
        while True:
            hwm = max(hwm, vm_hwm_mb(p.pid))
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                p.kill()
                pid, status, ru = os.wait4(p.pid, 0)
                break
            time.sleep(0.002)
        elapsed = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        fo.seek(0)
        fe.seek(0)
        # ru_maxrss is no use here: it keeps the high-water mark of the forked copy of this
        # (large) process from before exec. VmHWM belongs to the exec'ed image: poll it.
        return elapsed, hwm or ru.ru_maxrss / 1024.0, fo.read(), fe.read(), p.returncode, ru.ru_utime + ru.ru_stime


def vm_hwm_mb(pid: int | str = "self") -> float:
    """Peak resident memory (VmHWM, MB) of a process's current image, 0 if it is gone."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except (OSError, ValueError, IndexError):
        pass
    return 0.0


def load_average() -> tuple[float, float, float]:
    return os.getloadavg()


def self_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
