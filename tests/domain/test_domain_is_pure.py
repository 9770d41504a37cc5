"""The domain core never reads the clock: "now" is passed in. (What it may import is an
import-linter contract in .importlinter, checked by tests/test_import_contracts.py.)"""
from pathlib import Path

import isolation_desk.domain


def test_domain_never_reads_the_clock():
    root = Path(isolation_desk.domain.__file__).parent
    for path in root.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for forbidden in ("datetime.now(", "date.today(", "time.time("):
            assert forbidden not in text, f"{path.name} reads the clock ({forbidden})"
