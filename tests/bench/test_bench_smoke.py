"""The benchmark's smoke run: it runs and produces every figure. No timing assertions."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_generated_site_is_consistent(tmp_path):
    """Rooms match their stays, IDs are valid and unique, history and ledger are there."""
    from bench.generate import generate
    from isolation_desk.domain.identity import parse_resident_id
    from isolation_desk.storage.database import open_database

    now = datetime.combine(datetime.now().date(), time(10, 30))
    counts = generate(200, tmp_path / "site.sqlite", now=now)
    db = open_database(tmp_path / "site.sqlite", create=False)
    try:
        assert counts["rooms"] == 200
        assert db.query("PRAGMA foreign_key_check") == []
        occupied = db.scalar("SELECT count(*) FROM rooms WHERE status = 'occupied'")
        present_rooms = db.scalar("SELECT count(DISTINCT room_id) FROM stays "
                                  "WHERE status IN ('in_isolation', 'awaiting_transfer')")
        assert occupied == present_rooms > 0
        assert db.scalar("SELECT count(*) FROM rooms r WHERE status <> 'occupied' AND EXISTS (SELECT 1 FROM stays s "
                         "WHERE s.room_id = r.id AND s.status IN ('in_isolation', 'awaiting_transfer'))") == 0
        ids = [r["id_number"] for r in db.query("SELECT id_number FROM people")]
        assert len(ids) == len(set(ids))
        for n in ids[:200]:
            parse_resident_id(n)  # raises on a bad check character or birth date
        assert db.scalar("SELECT count(*) FROM supply_movements") >= 100_000
        assert db.scalar("SELECT count(*) FROM tests WHERE due_date < ? AND sampled_at IS NOT NULL "
                         "AND result = 'negative'", (now.date().isoformat(),)) > 0
        assert db.scalar("SELECT count(*) FROM health_checks") > 0
        assert db.scalar("SELECT count(*) FROM audit WHERE action = 'bench_generated'") == 1
        assert db.scalar("SELECT count(*) FROM stays WHERE status = 'expected'") >= 3
        # what the services compute on it works
        from isolation_desk.services import boards, shift_summary
        assert len(boards.room_tiles(db, now)) == 200
        assert shift_summary.current_summary(db, now).census_total == db.scalar(
            "SELECT count(*) FROM stays WHERE status IN ('in_isolation', 'awaiting_transfer')")
    finally:
        db.close()


@pytest.mark.skipif(os.environ.get("BENCH_SMOKE", "1") == "0", reason="BENCH_SMOKE=0")
def test_smoke_run_produces_every_figure(tmp_path):
    out = tmp_path / "results.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-m", "bench.run", "--smoke", "--sizes", "200", "--out", str(out)],
                          cwd=str(ROOT), env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    results = json.loads(out.read_text())
    figures = results["figures"]
    sections = {f["section"] for f in figures}
    assert sections == {"queries", "interactions", "cold_start", "pdf", "import", "memory"}
    names = " | ".join(f["name"] for f in figures)
    for part in ("room board", "occupants list", "occupants search", "due tests", "release list",
                 "shift summary", "switch to the rooms screen", "search keystroke", "sort by a column",
                 "cold start", "handover PDF, whole", "handover: build only", "roster PDF", "roster build only",
                 "arrivals import", "bulk write", "peak memory"):
        assert part in names, part
    for f in figures:
        assert f["app"] is not None or f["note"], f["name"]  # a figure, or why there is none
        if f["app"] is not None:
            assert f["app"]["median"] >= 0
    assert results["machine"]["nproc"] >= 1
