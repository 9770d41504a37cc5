"""The UI never runs SQL: no module under isolation_desk/ui imports storage or sqlite3
(HACKING.md's layers; services are the UI's only way to the data)."""
import ast
from pathlib import Path

import isolation_desk.ui

UI = Path(isolation_desk.ui.__file__).parent


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:  # relative: resolve against the package of the file
                package = path.relative_to(UI.parent.parent).with_suffix("").parts[:-node.level]
                module = ".".join(package + ((module,) if module else ()))
            yield module


def test_no_ui_module_imports_storage_or_sqlite3():
    offenders = []
    for path in sorted(UI.rglob("*.py")):
        for name in _imports(path):
            if name.split(".")[0] == "sqlite3" or name.startswith("isolation_desk.storage"):
                offenders.append(f"{path.relative_to(UI)}: {name}")
    assert not offenders, offenders
    assert len(list(UI.rglob("*.py"))) > 20  # the walk saw the UI
