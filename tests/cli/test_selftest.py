"""`isolation-desk --selftest` on a machine without poppler: QtPdf previews and prints."""
from __future__ import annotations

import os
import subprocess
import sys


def test_selftest_passes_without_poppler_on_path(tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()  # PATH with no pdftoppm, pdftotext or lrelease in it
    env = {"PATH": str(empty), "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen",
           "XDG_RUNTIME_DIR": str(tmp_path), "LANG": os.environ.get("LANG", "C.UTF-8")}
    result = subprocess.run([sys.executable, "-m", "isolation_desk", "--selftest"], env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok   preview and print (QtPdf)" in result.stdout
    assert "selftest passed" in result.stdout
