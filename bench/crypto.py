"""Encrypted (SQLCipher) against plain SQLite, side by side in one run: the screens' queries on
the same site, the file opened and read cold, and the sign-in's key unwrap.

    .venv/bin/python -m bench.crypto [--beds 2000] [--repeat 7]

Prints a Markdown table for BENCHMARKS.md. The encrypted copy is made from the plain file by
``cipher.encrypt_file`` (the upgrade's own path). Page cache: the encrypted connection uses
``cipher.cache_kib(file)`` (half of the file, 64 MiB-1 GiB, set in cipher.connect) or
``--cache-mib``; the plain one SQLite's default (2 MiB) and, in a second column, the same.
"""
from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from . import generate


def _median_ms(fn, repeat: int) -> float:
    return _medians_ms([fn], repeat)[0]


def _medians_ms(fns, repeat: int) -> list[float]:
    """The median time of each of ``fns``, run in turn round after round (interleaved: on a
    shared machine a burst of load then falls on every variant alike), after one warm-up."""
    for fn in fns:
        fn()
    runs: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            t = time.perf_counter()
            fn()
            runs[i].append((time.perf_counter() - t) * 1000)
    return [statistics.median(r) for r in runs]


def _same_schema(plain: Path, enc: Path, key: bytes) -> bool:
    """Whether the encrypted copy has the plain file's migrations (else it is made again)."""
    from isolation_desk.storage import cipher
    from isolation_desk.storage.database import applied_migrations
    a = sqlite3.connect(str(plain))
    b = cipher.connect(enc, key, readonly=True)
    try:
        return applied_migrations(a) == applied_migrations(b)
    finally:
        a.close()
        b.close()


def cases(db, now):
    from isolation_desk.services import boards, shift_summary
    from isolation_desk.services.testing import sampling
    from isolation_desk.storage import repo_shift
    today = now.date()
    at = now.replace(microsecond=0).isoformat()
    return [
        ("room board (boards.room_tiles)", lambda: boards.room_tiles(db, now)),
        ("occupants list (boards.occupant_sources)", lambda: boards.occupant_sources(db)),
        ("occupants search (boards.occupant_sources, search)", lambda: boards.occupant_sources(db, search="王")),
        ("today's due tests (testing.sampling.sampling_sources)", lambda: sampling.sampling_sources(db, today)),
        ("release list (repo_shift.releases_due)", lambda: repo_shift.releases_due(db, at, today.isoformat())),
        ("shift summary (shift_summary.current_summary)", lambda: shift_summary.current_summary(db, now)),
    ]


def main(argv=None) -> int:
    from isolation_desk.storage import cipher, keyring
    from isolation_desk.storage.database import open_database
    p = argparse.ArgumentParser()
    p.add_argument("--beds", type=int, default=2000)
    p.add_argument("--repeat", type=int, default=7)
    p.add_argument("--cache-mib", type=int, default=None,
                   help="page cache of the encrypted and the large plain connection (default: the app's)")
    args = p.parse_args(argv)
    now = datetime.now().replace(microsecond=0)
    out = generate.OUT_DIR / f"crypto-{args.beds}-{now.date().isoformat()}"
    out.mkdir(parents=True, exist_ok=True)
    plain = out / "plain.sqlite"
    if not plain.exists():
        generate.generate(args.beds, plain, now=now)
    else:
        open_database(plain, create=False, check=None).close()  # migrations added since it was made
    enc = out / "encrypted.sqlite"
    key_file = out / "encrypted.key"   # a bench file's key (0600), so a re-run skips encrypting
    if enc.exists() and key_file.exists() and _same_schema(plain, enc, bytes.fromhex(key_file.read_text())):
        key, encrypt_s = bytes.fromhex(key_file.read_text()), float("nan")
    else:
        key = keyring.new_database_key()
        for suffix in ("", "-wal", "-shm"):
            if Path(str(enc) + suffix).exists():
                os.unlink(str(enc) + suffix)
        t = time.perf_counter()
        verdict = cipher.encrypt_file(plain, enc, key)
        encrypt_s = time.perf_counter() - t
        assert verdict == "ok", verdict
        key_file.write_text(key.hex())
        key_file.chmod(0o600)
    cache_kib = (args.cache_mib * 1024) if args.cache_mib else cipher.cache_kib(enc)

    # cold: open + the room board, the page cache empty (a new connection)
    def cold(path, k=None):
        def f():
            d = open_database(path, create=False, check=None, migrate=False, key=k)
            from isolation_desk.services import boards
            boards.room_tiles(d, now)
            d.close()
        return f

    rows = []
    plain_db = open_database(plain, create=False, check=None, migrate=False)
    plain_big = open_database(plain, create=False, check=None, migrate=False)
    plain_big.execute(f"PRAGMA cache_size = -{cache_kib}")
    enc_db = open_database(enc, create=False, check=None, migrate=False, key=key)
    enc_db.execute(f"PRAGMA cache_size = -{cache_kib}")
    for (name, fp), (_, fb), (_, fe) in zip(cases(plain_db, now), cases(plain_big, now), cases(enc_db, now),
                                            strict=True):
        a, b, c = _medians_ms((fp, fb, fe), args.repeat)
        rows.append((name, a, b, c))
    for d in (plain_db, plain_big, enc_db):
        d.close()
    a, c = _medians_ms((cold(plain), cold(enc, key)), args.repeat)
    rows.append(("open + room board, new connection (cold cache)", a, None, c))

    # the window's cold start, process start to first paint (bench.probe_start), plain and
    # encrypted alternating; the key is handed to the probe as the sign-in would unwrap it
    starts: dict[str, list[float]] = {"plain": [], "encrypted": []}
    for i in range(args.repeat + 1):
        for name, path, env_key in (("plain", plain, None), ("encrypted", enc, key.hex())):
            env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
            env.pop("ISOLATION_DESK_BENCH_KEY", None)
            if env_key:
                env["ISOLATION_DESK_BENCH_KEY"] = env_key
            t0 = time.monotonic()
            out = subprocess.run([sys.executable, "-m", "bench.probe_start", "app", str(path), repr(t0)],
                                 env=env, capture_output=True, text=True, check=True,
                                 cwd=str(Path(__file__).resolve().parents[1])).stdout
            if i:  # the first round warms the file cache
                starts[name].append(json.loads(out.strip().splitlines()[-1])["paint"] * 1000)
    rows.append(("window cold start, process start to first paint", statistics.median(starts["plain"]), None,
                 statistics.median(starts["encrypted"])))

    slot = keyring.wrap(key, "a-password-1")
    unwrap = _median_ms(lambda: keyring.unwrap(slot, "a-password-1"), 5)

    print(f"### Encrypted against plain, {args.beds:,} beds ({now:%Y-%m-%d}, median of {args.repeat})\n")
    print(f"File {plain.stat().st_size / 1e6:.1f} MB; encrypting it (sqlcipher_export + integrity_check): "
          f"{encrypt_s:.2f} s. Key unwrap at sign-in (argon2id t=2, m=19 MiB): {unwrap:.0f} ms.\n")
    mib = cache_kib // 1024
    print(f"| query | plain, default cache (ms) | plain, {mib} MiB cache (ms) | encrypted, {mib} MiB cache (ms) "
          "| encrypted / plain default |")
    print("|---|---:|---:|---:|---:|")
    for name, a, b, c in rows:
        bb = f"{b:.1f}" if b is not None else "—"
        print(f"| {name} | {a:.1f} | {bb} | {c:.1f} | {c / a:.2f}x |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
