"""The domain core imports with PySide6, sqlite_utils and reportlab unavailable."""
import subprocess
import sys
from pathlib import Path

import isolation_desk.domain

SCRIPT = r"""
import importlib, pkgutil, sys
class Block:
    BLOCKED = ("PySide6", "shiboken6", "sqlite_utils", "reportlab", "openpyxl", "sqlite3")
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in self.BLOCKED:
            raise ImportError(f"blocked: {name}")
        return None
sys.meta_path.insert(0, Block())
import isolation_desk.domain as d
names = [m.name for m in pkgutil.iter_modules(d.__path__)]
for n in names:
    importlib.import_module(f"isolation_desk.domain.{n}")
print(len(names))
"""


def test_domain_imports_without_qt_sqlite_utils_reportlab():
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                         cwd=Path(isolation_desk.domain.__file__).parents[2])
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.strip()) >= 8


def test_domain_never_reads_the_clock():
    root = Path(isolation_desk.domain.__file__).parent
    for path in root.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for forbidden in ("datetime.now(", "date.today(", "time.time("):
            assert forbidden not in text, f"{path.name} reads the clock ({forbidden})"
