"""Every reason code the package raises has words in both languages.

Reads the source (ast), not a regular expression: it finds the error classes that carry a code
(DomainError and its subclasses, wherever they are defined), the helpers that pass one of their
parameters on as the code (``_id_error(code, ...)``, ``_non_negative(value, field, negative_code)``),
and every code given to either: a string, either side of ``a if c else b``, or a local name
assigned such strings.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import isolation_desk
from isolation_desk.domain import release
from isolation_desk.messages import MESSAGES, REASON_WORDS

ROOT = Path(isolation_desk.__file__).parent
TREES = {p: ast.parse(p.read_text(encoding="utf-8"), str(p)) for p in sorted(ROOT.rglob("*.py"))}


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _error_classes() -> set[str]:
    classes = {"DomainError"}
    while True:
        found = {n.name for tree in TREES.values() for n in ast.walk(tree)
                 if isinstance(n, ast.ClassDef) and any(_name(b) in classes for b in n.bases)}
        if found <= classes:
            return classes
        classes |= found


def _code_arg(call: ast.Call, where: tuple[int, str]) -> ast.expr | None:
    position, keyword = where
    if len(call.args) > position and not any(isinstance(a, ast.Starred) for a in call.args[:position + 1]):
        return call.args[position]
    return next((k.value for k in call.keywords if k.arg == keyword), None)


def _functions():
    for path, tree in TREES.items():
        for fn in ast.walk(tree):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                yield path, fn


def _carriers() -> dict[str, tuple[int, str]]:
    """name -> (position, keyword) of the code argument, for classes and pass-on helpers."""
    carriers = {cls: (0, "code") for cls in _error_classes()}
    while True:
        added = False
        for _path, fn in _functions():
            if fn.name in carriers:
                continue
            params = [a.arg for a in fn.args.posonlyargs + fn.args.args]
            for call in ast.walk(fn):
                if isinstance(call, ast.Call) and _name(call.func) in carriers:
                    arg = _code_arg(call, carriers[_name(call.func)])
                    if isinstance(arg, ast.Name) and arg.id in params:
                        offset = 1 if params and params[0] in ("self", "cls") else 0
                        carriers[fn.name] = (params.index(arg.id) - offset, arg.id)
                        added = True
                        break
        if not added:
            return carriers


def _strings(node: ast.expr, scope: ast.AST, params: set[str], unresolved: list[str]) -> set[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _strings(node.body, scope, params, unresolved) | _strings(node.orelse, scope, params, unresolved)
    if isinstance(node, ast.Name):
        if node.id in params:
            return set()  # a pass-on helper: its callers give the code
        codes: set[str] = set()
        assigned = [a.value for a in ast.walk(scope) if isinstance(a, ast.Assign)
                    and any(isinstance(t, ast.Name) and t.id == node.id for t in a.targets)]
        for value in assigned:
            codes |= _strings(value, scope, params, unresolved)
        if not assigned:
            unresolved.append(node.id)
        return codes
    if isinstance(node, ast.Attribute) and node.attr == "code":
        return set()  # re-raising a caught error's code under another field
    unresolved.append(ast.unparse(node))
    return set()


class _Calls(ast.NodeVisitor):
    """Every call with its innermost function (None at module level)."""

    def __init__(self) -> None:
        self.stack: list[ast.AST] = []
        self.calls: list[tuple[ast.Call, ast.AST | None]] = []

    def visit_FunctionDef(self, fn) -> None:
        self.stack.append(fn)
        self.generic_visit(fn)
        self.stack.pop()

    visit_AsyncFunctionDef = visit_Lambda = visit_FunctionDef

    def visit_Call(self, call: ast.Call) -> None:
        self.calls.append((call, self.stack[-1] if self.stack else None))
        self.generic_visit(call)


def raised_codes() -> tuple[dict[str, set[str]], list[str]]:
    """code -> the files that raise it; and the code arguments this test could not read."""
    carriers = _carriers()
    codes: dict[str, set[str]] = {}
    unresolved: list[str] = []
    for path, tree in TREES.items():
        visitor = _Calls()
        visitor.visit(tree)
        for call, fn in visitor.calls:
            if _name(call.func) not in carriers:
                continue
            arg = _code_arg(call, carriers[_name(call.func)])
            if arg is None:
                continue
            args = fn.args if fn is not None else None
            params = {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs} if args else set()
            here: list[str] = []
            for code in _strings(arg, fn or tree, params, here):
                codes.setdefault(code, set()).add(str(path.relative_to(ROOT)))
            unresolved += [f"{path.relative_to(ROOT)}:{call.lineno}: {u}" for u in here]
    return codes, unresolved


def test_the_scan_finds_the_codes_it_should():
    codes, _ = raised_codes()
    # one of each way a code is given: a literal, a subclass, a pass-on helper, a conditional
    assert {"name_empty", "id_checksum", "rate_negative", "arrival_already_at_site",
            "arrival_already_expected", "release_refused"} <= set(codes)
    assert any(code for code, files in codes.items() if any(f.startswith("storage/") for f in files))
    assert len(codes) > 150


def test_every_raised_code_has_words_in_both_languages():
    codes, unresolved = raised_codes()
    assert not unresolved, f"a code this test cannot read (teach it the new way): {unresolved}"
    missing = {code: sorted(files) for code, files in codes.items() if code not in MESSAGES}
    assert not missing, f"add English and Chinese sentences to isolation_desk/messages/: {missing}"


def test_every_sentence_is_written_in_its_language():
    for code, (en, zh) in MESSAGES.items():
        assert en.strip() and re.search(r"[A-Za-z]{2}", en), f"{code}: no English sentence"
        assert zh.strip() and re.search(r"[\u4e00-\u9fff]", zh), f"{code}: the Chinese sentence has no Chinese"


def test_every_release_refusal_reason_has_words():
    assert set(release.REASONS) <= set(REASON_WORDS)
    for code, (en, zh) in REASON_WORDS.items():
        assert en.strip() and re.search(r"[\u4e00-\u9fff]", zh), code
