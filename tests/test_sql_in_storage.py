"""SQL lives in storage/ (HACKING.md, "Layout and layers"): no module under services/ runs a
statement itself (``db.execute``, ``db.query``, ``db.scalar`` …) or holds one in a string.
Issue 19 moved the last statements out of services/stays, queries, site, supplies and demo."""
from __future__ import annotations

import ast
import re
from pathlib import Path

SERVICES = Path(__file__).resolve().parents[1] / "isolation_desk" / "services"

# The Database methods that run SQL (storage/database.py) and the cursor's.
RUNS_SQL = {"execute", "executemany", "executescript", "query", "query_one", "scalar"}
# A statement in a string: a keyword as SQL starts or joins one (upper case, as we write SQL).
STATEMENT = re.compile(r"\b(SELECT\s+\S|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|PRAGMA\s+\w|"
                       r"CREATE\s+(TABLE|INDEX)|DROP\s+TABLE|ALTER\s+TABLE)\b")
# Justified exceptions, as (file relative to services/, line's text): none today.
ALLOWED: set[tuple[str, str]] = set()


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def sql_in(path: Path) -> list[str]:
    """Where ``path`` runs or holds SQL: "line: text" for each place."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    lines = source.splitlines()
    docstrings = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in RUNS_SQL):
            found.append(node.lineno)
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
                and id(node) not in docstrings and STATEMENT.search(node.value)):
            found.append(node.lineno)
    return [f"{n}: {lines[n - 1].strip()}" for n in sorted(set(found))]


def test_services_hold_no_sql():
    found = []
    for path in sorted(SERVICES.rglob("*.py")):
        name = path.relative_to(SERVICES).as_posix()
        found += [f"services/{name}:{place}" for place in sql_in(path)
                  if (name, place.split(": ", 1)[1]) not in ALLOWED]
    assert not found, "SQL belongs in storage/:\n" + "\n".join(found)


def test_the_scan_sees_a_statement_and_a_call(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('"""SELECT a word in a docstring is prose."""\n'
                      'def f(db):\n'
                      '    db.scalar(SQL)\n'
                      '    return "UPDATE rooms SET beds = 2"\n'
                      'LABEL = "Select a room"\n', encoding="utf-8")
    assert [p.split(":")[0] for p in sql_in(sample)] == ["3", "4"]
