"""PySide6 6.12 on Python 3.11: SignalInstance.emit() returns True without a new reference.
isolation_desk.ui gives True (like None) a count that cannot run out."""
from __future__ import annotations

import subprocess
import sys


def test_many_emits_do_not_kill_the_process():
    code = ("import isolation_desk.ui\n"
            "from PySide6.QtCore import QCoreApplication, QObject, Signal\n"
            "app = QCoreApplication([])\n"
            "class W(QObject):\n    done = Signal(int)\n"
            "w = W()\nw.done.connect(lambda n: None)\n"
            "for _ in range(20000):\n    w.done.emit(1)\n"
            "print('alive')\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "alive" in result.stdout, result.stderr[-2000:]
