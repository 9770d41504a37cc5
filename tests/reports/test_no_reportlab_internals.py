"""The papers use reportlab's public API only: its underscore names (``canvas._code``,
``frame._atTop``, ``table._nrows``...) change between releases without notice."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import reportlab

import isolation_desk.reports

REPORTS = Path(isolation_desk.reports.__file__).parent
REPORTLAB = Path(reportlab.__file__).parent


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _reportlab_names() -> set[str]:
    """Every underscore name reportlab's source mentions."""
    names: set[str] = set()
    for path in REPORTLAB.rglob("*.py"):
        names |= set(re.findall(r"\b_[A-Za-z]\w*", path.read_text(encoding="utf-8", errors="replace")))
    return names


def _own_names(tree: ast.Module) -> set[str]:
    """Underscore names the module itself gives a meaning: methods and class attributes, and
    attributes it assigns on ``self``."""
    own = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
            own.add(node.name)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            if isinstance(node.value, ast.Name) and node.value.id == "self":
                own.add(node.attr)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            own.add(node.id)
    return {n for n in own if _private(n)}


def _reportlab_subclasses(tree: ast.Module) -> list[ast.ClassDef]:
    """Classes of the module deriving (directly or through another class of the module) from a
    name imported from reportlab."""
    from_reportlab = {alias.asname or alias.name for node in ast.walk(tree)
                      if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reportlab")
                      for alias in node.names}
    found: list[ast.ClassDef] = []
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            bases = {b.id for b in node.bases if isinstance(b, ast.Name)}
            if bases & (from_reportlab | {c.name for c in found}):
                found.append(node)
    return found


def problems(path: Path, reportlab_names: set[str], root: Path = REPORTS) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own = _own_names(tree)
    where = path.relative_to(root)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            on_self = isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")
            if node.attr == "__dict__" or (_private(node.attr) and not (on_self and node.attr in own)):
                found.append(f"{where}:{node.lineno}: .{node.attr}")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id in ("getattr", "setattr", "hasattr", "delattr") and len(node.args) > 1
              and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)
              and _private(node.args[1].value)):
            found.append(f"{where}:{node.lineno}: {node.func.id}(..., {node.args[1].value!r})")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reportlab"):
            names = node.module.split(".") + [alias.name for alias in node.names]
            found += [f"{where}:{node.lineno}: import {n}" for n in names if _private(n)]
    for cls in _reportlab_subclasses(tree):  # overriding an internal is touching it too
        for node in ast.walk(cls):
            name = (node.name if isinstance(node, ast.FunctionDef)
                    else node.attr if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) else None)
            if name and _private(name) and name in reportlab_names:
                found.append(f"{where}:{node.lineno}: {cls.name} defines reportlab's {name}")
    return found


def test_reports_touch_no_private_name_of_reportlab():
    reportlab_names = _reportlab_names()
    found = [p for path in sorted(REPORTS.rglob("*.py")) for p in sorted(problems(path, reportlab_names))]
    assert not found, "reportlab internals used in reports/ (use its public API):\n" + "\n".join(found)


def test_the_scan_sees_internals_and_not_our_own_names(tmp_path):
    source = '''
from reportlab.pdfgen.canvas import Canvas
from reportlab.lib._rl_accel import fp_str

class Mine(Canvas):
    def __init__(self):
        self._pages = []
        self._restartAccumulators()
        self._pages.append(self._pageNumber)

    def _startPage(self):
        pass

def f(canvas, frame):
    return canvas._code, getattr(frame, "_atTop", None), dict(canvas.__dict__), canvas.__class__
'''
    path = tmp_path / "sample.py"
    path.write_text(source, encoding="utf-8")
    text = "\n".join(problems(path, _reportlab_names(), root=tmp_path))
    for expected in ("._restartAccumulators", "._pageNumber", "._code", "'_atTop'", ".__dict__", "import _rl_accel",
                     "Mine defines reportlab's _startPage"):
        assert expected in text, (expected, text)
    assert "._pages" not in text and "__class__" not in text
