"""Speed figures live in BENCHMARKS.md and commit bodies, not in code comments: a comment
says why a choice was made; the figure that backed it goes out of date where nobody re-measures."""
from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import isolation_desk

ROOT = Path(isolation_desk.__file__).parent
# 0.15 s, ~30 s, 7.5 µs, 2,000 tiles 3 ms, 3-4 times faster, 308 -> 17 ms
FIGURE = re.compile(r"(?<![\w.-])\d[\d,.]*(?:\s*[-–]\s*\d[\d,.]*)?\s*(?:ms|µs|us|s|sec|secs|seconds?)\b"
                    r"|\b(?:\d[\d.–-]*|two|three|four|five|ten)\s*(?:x|×|times)\s+(?:faster|slower|quicker)"
                    r"|\d\s*(?:->|→)\s*\d", re.IGNORECASE)


def comments_and_docstrings(path: Path):
    source = path.read_text(encoding="utf-8")
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            yield token.start[0], token.string
    for node in ast.walk(ast.parse(source)):
        if (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)):
            for offset, line in enumerate(node.value.value.splitlines()):
                yield node.lineno + offset, line


def test_no_speed_figures_in_comments():
    found = [f"{path.relative_to(ROOT)}:{line}: {text.strip()}"
             for path in sorted(ROOT.rglob("*.py"))
             for line, text in comments_and_docstrings(path) if FIGURE.search(text)]
    assert not found, ("say why without the figure; put the figure in BENCHMARKS.md "
                       "('Figures behind choices in the code') or the commit body:\n" + "\n".join(found))


def test_the_pattern_sees_a_figure_and_not_a_rule():
    for text in ("about 0.15 s for a built screen", "(~30 s on a 50,000-bed site)", "costs 7.5 µs",
                 "2,000 tiles, 3 ms", "about 3-4 times faster", "308 -> 17 ms", "about 0.2-0.3 s of start-up"):
        assert FIGURE.search(text), text
    for text in ("lock the account for 15 minutes", "takes seconds on a large site", "A-0201s",
                 "7 days", "SQL's", "50,000 beds"):
        assert not FIGURE.search(text), text
