"""(d) The handover and roster PDFs: whole ``isolation-desk`` processes, build-only, and their
limits (LibreOffice turning the same rows from xlsx into PDF; a plain reportlab table of the
same rows with the same font)."""
from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path

from . import measure
from .measure import ROOT, Figure, Stats, run_process, timed

CLI = str(ROOT / ".venv" / "bin" / "isolation-desk")


def _env() -> dict:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


BENCH_USER = "bench"
BENCH_PASSWORD = "bench-password"


def signed_in(args: list[str], db_path: str) -> list[str]:
    """``args`` run as the bench's manager account on a copy of the site (``<site>.cli.sqlite``:
    the first sign-in encrypts a plain file in place, and the in-process figures read the
    plain original): every command signs in (cli/auth.py), through the key slot."""
    from isolation_desk.cli import DEMO_PASSWORD, DEMO_USER
    from isolation_desk.services import accounts
    from isolation_desk.storage.database import open_database
    copy = Path(str(db_path) + ".cli.sqlite")
    if not copy.exists():
        for suffix in (".keys", ".auditkey", "-wal", "-shm"):
            Path(str(copy) + suffix).unlink(missing_ok=True)
        if _key(db_path) is not None:  # an encrypted site (the demo): copy it with its slots
            shutil.copy(db_path, copy)
            shutil.copy(str(db_path) + ".keys", str(copy) + ".keys")
        else:
            conn = sqlite3.connect(db_path)
            dest = sqlite3.connect(copy)
            conn.backup(dest)
            dest.close()
            conn.close()
        if Path(str(db_path) + ".auditkey").exists():
            shutil.copy(str(db_path) + ".auditkey", str(copy) + ".auditkey")
        db = open_database(copy, create=False, check=None, key=_key(copy))
        try:
            if not accounts.has_users(db):
                accounts.create_first_manager(db, BENCH_USER, "bench", BENCH_PASSWORD, datetime.now())
            names = {u["username"] for u in accounts.list_users(db)}
        finally:
            db.close()
        (copy.parent / (copy.name + ".user")).write_text(
            DEMO_USER if DEMO_USER in names else BENCH_USER)
    user = (copy.parent / (copy.name + ".user")).read_text()
    password = DEMO_PASSWORD if user == DEMO_USER else BENCH_PASSWORD
    args = [str(copy) if a == str(db_path) else a for a in args]
    return [*args, "--user", user, "--password-stdin", "\x00" + password]


def _key(db_path) -> bytes | None:
    """An encrypted site's key (the demo account's slot); None for a plain file."""
    from isolation_desk.cli import DEMO_PASSWORD, DEMO_USER
    from isolation_desk.services.encryption import is_encrypted
    from isolation_desk.storage.keyring import KeySlots
    if not is_encrypted(db_path):
        return None
    return KeySlots.load(db_path).open(DEMO_USER, DEMO_PASSWORD)


def processes(args: list[str], repeat: int, *, check_output: Path | None = None,
              env: dict | None = None) -> tuple[Stats, float, str]:
    """Run a whole process ``repeat`` times (+1 warm-up run): wall and CPU seconds, peak RSS.
    A last argument "\\x00<password>" (``signed_in``) goes to its standard input instead."""
    password = None
    if args and args[-1].startswith("\x00"):
        password, args = args[-1][1:], args[:-1]
    walls, cpus, rss = [], [], 0.0
    first = None
    err = ""
    warmup = 1 if measure.WARMUP else 0
    for i in range(repeat + warmup):
        if check_output is not None and check_output.exists():
            check_output.unlink()
        stdin = None
        if password is not None:
            stdin = tempfile.TemporaryFile("w+")
            stdin.write(password + "\n")
            stdin.seek(0)
        try:
            wall, peak, out, err, code, cpu = run_process(args, env=env or _env(), cwd=str(ROOT), stdin=stdin)
        finally:
            if stdin is not None:
                stdin.close()
        if code != 0 or (check_output is not None and not check_output.exists()):
            raise RuntimeError(f"{' '.join(args)} failed ({code}): {err[-600:]}")
        rss = max(rss, peak)
        if i < warmup:
            first = wall
        else:
            walls.append(wall)
            cpus.append(cpu)
    return Stats.of(walls, first, cpus), rss, err


def handover(db_path: str, size: str, repeat: int, now: datetime, *, target_s: float | None) -> list[Figure]:
    from isolation_desk.reports.handover import build_handover
    from isolation_desk.services import shift_summary
    from isolation_desk.storage.database import open_database

    tmp = Path(tempfile.mkdtemp(prefix="bench-handover-"))
    out = tmp / "handover.pdf"
    whole, rss, _ = processes(signed_in([CLI, "handover", "--db", db_path, "--out", str(out)], db_path), repeat,
                              check_output=out)
    db = open_database(db_path, create=False, check=None, key=_key(db_path))
    summary_stats, summary = timed(lambda: shift_summary.current_summary(db, now), repeat, scale=1.0)
    build, pages = timed(lambda: build_handover(summary, tmp / "build.pdf", lang="zh_CN", printed_at=now),
                         repeat, scale=1.0)
    db.close()
    shutil.rmtree(tmp, ignore_errors=True)
    target = f"< {target_s:g} s whole process" if target_s else ""
    return [
        Figure("pdf", "handover PDF, whole `isolation-desk handover` process", size, "s", whole, None, "", None,
               target, (whole.best() < target_s) if target_s else None, extra={"peak_rss_mb": rss, "pages": pages}),
        Figure("pdf", "handover: shift summary (shift_summary.current_summary)", size, "s", summary_stats),
        Figure("pdf", "handover: build only (reports.handover.build_handover)", size, "s", build,
               extra={"pages": pages}),
    ]


def _roster_rows(db_path: str, now: datetime) -> tuple[list[dict], str]:
    from isolation_desk.services import queries, site_figures
    from isolation_desk.services.site import get_settings
    from isolation_desk.storage.database import open_database
    db = open_database(db_path, create=False, check=None, key=_key(db_path))
    rows = [queries.occupant_row(s, now.date()) for s in site_figures.roster(db, now)]
    name = get_settings(db).site_name
    db.close()
    return rows, name


def _bare_reportlab(header, table_rows, path, font_name: str) -> None:
    """A plain reportlab table of the same rows with the same font: landscape A4, tables of
    200 rows (one 5,000-row Table builds super-linearly, DESIGN.md), header repeated, grid."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm,
                            topMargin=15 * mm, bottomMargin=15 * mm)
    style = TableStyle([("FONTNAME", (0, 0), (-1, -1), font_name), ("FONTSIZE", (0, 0), (-1, -1), 7),
                        ("LEADING", (0, 0), (-1, -1), 9), ("GRID", (0, 0), (-1, -1), 0.4, colors.grey)])
    width = landscape(A4)[0] - 24 * mm
    from isolation_desk.reports.roster import COLUMNS_MM
    widths = [w * width / sum(COLUMNS_MM) for w in COLUMNS_MM]
    story = []
    for i in range(0, len(table_rows), 200):
        t = Table([header] + table_rows[i:i + 200], colWidths=widths, repeatRows=1)
        t.setStyle(style)
        story.append(t)
    doc.build(story)


def _write_xlsx(header, table_rows, path: Path) -> None:
    from openpyxl import Workbook
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("在住人员名单")
    ws.append(header)
    for r in table_rows:
        ws.append(r)
    wb.save(str(path))


def libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def roster(db_path: str, size: str, repeat: int, now: datetime) -> list[Figure]:
    from isolation_desk.reports.fonts import register_fonts
    from isolation_desk.reports.labels import label
    from isolation_desk.reports.roster import build_roster, roster_rows

    tmp = Path(tempfile.mkdtemp(prefix="bench-roster-"))
    out = tmp / "roster.pdf"
    rows, site_name = _roster_rows(db_path, now)
    whole, rss, _ = processes(signed_in([CLI, "print", "roster", "--db", db_path, "--out", str(out)], db_path),
                              repeat, check_output=out)
    figures = []
    lang = "zh_CN"
    header = [label(lang, k) for k in ("row_no", "room", "name", "sex", "age", "id_number", "category",
                                        "start_date", "release_date", "day_n", "phone", "status")]
    table_rows = roster_rows(rows, lang)
    soffice = libreoffice()
    lo = None
    if soffice:
        xlsx = tmp / "roster.xlsx"
        _write_xlsx(header, table_rows, xlsx)
        profile = Path(tempfile.gettempdir()) / "bench-lo-profile"
        lo_pdf = tmp / "roster.pdf.lo"
        lo_pdf.mkdir(exist_ok=True)
        args = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                "--outdir", str(lo_pdf), str(xlsx)]
        lo, lo_rss, _ = processes(args, repeat, check_output=lo_pdf / "roster.pdf")
    ratio = whole.best() / lo.best() if lo else None
    figures.append(Figure("pdf", f"roster PDF of {len(rows)} occupants, whole `isolation-desk print roster` process",
                          size, "s", whole, lo, "LibreOffice: same rows, xlsx -> PDF (soffice --headless --convert-to "
                                                "pdf)",
                          ratio, "<= 0.7x LibreOffice", (ratio <= 0.7) if ratio is not None else None,
                          "" if soffice else "LibreOffice not installed",
                          extra={"peak_rss_mb": rss, "occupants": len(rows)}))
    font = register_fonts()
    build, pages = timed(lambda: build_roster(rows, tmp / "build.pdf", site_name=site_name, lang=lang,
                                              printed_at=now, font=font), repeat, scale=1.0)
    bare, _ = timed(lambda: _bare_reportlab(header, table_rows, tmp / "bare.pdf", font.name), repeat, scale=1.0)
    ratio = build.best() / bare.best()
    figures.append(Figure("pdf", f"roster build only, {len(rows)} occupants (reports.roster.build_roster)", size, "s",
                          build, bare, "plain reportlab tables of the same rows, same font", ratio,
                          "<= 1.3x bare reportlab", ratio <= 1.3, extra={"pages": pages, "font": font.name}))
    shutil.rmtree(tmp, ignore_errors=True)
    return figures
