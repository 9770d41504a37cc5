"""The audit screen shows words for its action and record-type codes (widgets/names.py):
every code the services write has one, in English and in Chinese; the code stays in the
tooltip; the search finds an entry by its code and by its word."""
from __future__ import annotations

import ast
import csv
import json
import re
from pathlib import Path

import pytest

from isolation_desk.domain.errors import DomainError
from isolation_desk.services import accounts
from isolation_desk.storage import repositories as repo
from isolation_desk.ui.context import AppContext
from isolation_desk.ui.screens.audit import AuditScreen
from isolation_desk.ui.widgets import names

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "isolation_desk"
WRITERS = (PACKAGE / "services", PACKAGE / "storage")


# -- the codes written, read from the source --------------------------------------------------
def _strings(node) -> list[str]:
    """The string constants of an expression ("a" if x else "b" gives both)."""
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _printed_papers() -> set[str]:
    """``paper`` of every papers.record_printed(db, actor, "<paper>", ...) in the package
    (the screens call it too): the action is f"print_{paper}"."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        found |= set(re.findall(r"record_printed\b[^\"\n]*\"([a-z_]+)\"", path.read_text(encoding="utf-8")))
    return found


def _release_adjustments() -> set[str]:
    """change.kind of stays.adjust_release: the kinds domain.policy.adjust_release returns."""
    text = (PACKAGE / "domain" / "policy.py").read_text(encoding="utf-8")
    return {k for line in re.findall(r"AdjustedRelease\((.*)", text) for k in re.findall(r"\"([a-z_]+)\"", line)}


def _passed_for(tree: ast.Module, function: ast.FunctionDef, param: str) -> set[str]:
    """The string constants the module passes to ``function`` as ``param``."""
    names_ = [a.arg for a in function.args.args]
    index = names_.index(param)
    found = set()
    for call in ast.walk(tree):
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == function.name):
            continue
        args = [a for a in call.args]
        if index < len(args):
            found |= set(_strings(args[index]))
        found |= {s for k in call.keywords if k.arg == param for s in _strings(k.value)}
    return found


def written_codes() -> tuple[set[str], set[str]]:
    """(actions, record types) of every repositories.audit(...) call in services and storage."""
    actions, entities = set(), set()
    unknown = []
    for folder in WRITERS:
        for path in sorted(folder.rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
            for call in ast.walk(tree):
                if not isinstance(call, ast.Call):
                    continue
                func = call.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
                kw = {k.arg: k.value for k in call.keywords}
                if name != "audit" or "action" not in kw:
                    continue
                where = f"{path.relative_to(ROOT)}:{call.lineno}"
                entity = kw.get("entity")
                if isinstance(entity, ast.Constant) and isinstance(entity.value, str):
                    entities.add(entity.value)
                else:
                    unknown.append(f"{where}: entity={ast.unparse(entity) if entity else None}")
                action = kw["action"]
                if isinstance(action, (ast.Constant, ast.IfExp)) and _strings(action):
                    actions |= set(_strings(action))
                elif isinstance(action, ast.JoinedStr) and ast.unparse(action) == "f'print_{paper}'":
                    actions |= {f"print_{p}" for p in _printed_papers()}
                elif isinstance(action, ast.Attribute) and ast.unparse(action) == "change.kind":
                    actions |= _release_adjustments()
                elif isinstance(action, ast.Name):
                    # a parameter of the enclosing function: the codes its callers pass
                    node = call
                    while node is not None and not isinstance(node, ast.FunctionDef):
                        node = parents.get(node)
                    passed = _passed_for(tree, node, action.id) if node is not None else set()
                    if passed:
                        actions |= passed
                    else:
                        unknown.append(f"{where}: action={action.id}")
                else:
                    unknown.append(f"{where}: action={ast.unparse(action)}")
    assert not unknown, ("audit codes this test cannot read from the source (write a literal, "
                         f"or teach tests/ui/test_audit_words.py): {unknown}")
    return actions, entities


def test_the_source_scan_finds_the_codes_it_should():
    actions, entities = written_codes()
    # literals, both sides of a conditional, parameters of helpers, papers, release adjustments
    assert {"check_in", "sign_in_failed", "activate_user", "deactivate_user", "disinfected",
            "stock_issued", "stock_transferred_out", "print_handover", "print_release_notices",
            "extend", "bring_forward"} <= actions
    assert {"stay", "user", "supply_item", "room", "paper"} <= entities
    assert len(actions) > 55 and len(entities) > 15


def test_every_code_the_services_write_has_a_word(qapp):
    actions, entities = written_codes()
    missing = sorted(actions - set(names.AUDIT_ACTION_CODES))
    assert not missing, f"actions without a word in widgets/names.py _AUDIT_ACTIONS: {missing}"
    missing = sorted(entities - set(names.AUDIT_RECORD_CODES))
    assert not missing, f"record types without a word in widgets/names.py _AUDIT_RECORDS: {missing}"
    for code in names.AUDIT_ACTION_CODES:
        assert names.audit_action(code) != code
    for code in names.AUDIT_RECORD_CODES:
        assert names.audit_record(code) != code


def test_every_word_is_translated_to_chinese(qapp):
    from isolation_desk.ui import i18n
    try:
        assert i18n.install("zh_CN", qapp)
        words = [names.audit_action(c) for c in names.AUDIT_ACTION_CODES] + \
                [names.audit_record(c) for c in names.AUDIT_RECORD_CODES]
        latin = [w for w in words if re.search(r"[A-Za-z]", w)]
        assert not latin, f"untranslated audit words: {latin}"
        assert names.audit_action("check_in") == "入住登记"
        assert names.audit_action("sign_in_failed") == "登录失败"
        assert names.purpose("check_in") == "入住检测"  # the test purpose keeps its own word
    finally:
        i18n.install("en", qapp)
    assert names.audit_action("check_in") == "Check-in"


def test_unknown_codes_show_as_themselves(qapp):
    assert names.audit_action("teleport_guest") == "teleport_guest"
    assert names.audit_record("hovercraft") == "hovercraft"
    assert names.audit_action(None) == ""


# -- the screen ------------------------------------------------------------------------------
@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch):
    from argon2 import PasswordHasher
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))


@pytest.fixture
def boss(db, now):
    boss = accounts.create_first_manager(db, "boss", "张经理", "boss-pass-1", now)
    accounts.create_user(db, "nurse1", "李护士", "medical", "nurse-pass-1", boss, now)
    with pytest.raises(DomainError):
        accounts.sign_in(db, "nurse1", "wrong-password", now)
    with db.transaction():  # an entry written by a newer version of the program
        repo.audit(db, actor="boss", action="teleport_guest", entity="hovercraft", entity_id="H1", at=now)
    return boss


@pytest.fixture
def screen(qtbot, db, boss, now):
    screen = AuditScreen(AppContext(db, boss, "en", clock=lambda: now))
    qtbot.addWidget(screen)
    screen.period.setCurrentIndex(screen.period.findData("all"))
    screen.show()
    screen.refresh()
    return screen


def _shown(screen, column):
    return [r.display[column] for r in screen.model.rows()]


def _search(qtbot, screen, text):
    with qtbot.waitSignal(screen._search_timer.timeout):
        screen.search.setText(text)
    return _shown(screen, 2)


def test_the_screen_shows_words_and_keeps_the_codes_in_tooltips(screen, qtmodeltester):
    from PySide6.QtCore import Qt
    qtmodeltester.check(screen.model)
    rows = {r.display[2]: r for r in screen.model.rows()}
    assert {"Failed sign-in", "User account created", "First manager account created"} <= set(rows)
    failed = rows["Failed sign-in"]
    assert failed.display[3] == "User account"
    assert failed.tooltip[2] == "sign_in_failed" and failed.tooltip[3] == "user"
    assert rows["teleport_guest"].display[3] == "hovercraft"  # unknown codes as they are
    # the model gives the code as the cell's tooltip
    index = screen.model.index(screen.model.row_of_key(failed.key), 2)
    assert screen.model.data(index, Qt.ToolTipRole) == "sign_in_failed"
    # the filters: words, the code as data and tooltip, "All ..." first
    combo = screen.action
    items = [(combo.itemText(i), combo.itemData(i), combo.itemData(i, Qt.ToolTipRole))
             for i in range(1, combo.count())]
    assert ("Failed sign-in", "sign_in_failed", "sign_in_failed") in items
    listed = [t for t, _, _ in items]
    assert listed.index("Failed sign-in") < listed.index("First manager account created") < \
        listed.index("teleport_guest") < listed.index("User account created")
    assert screen.entity.itemText(screen.entity.findData("user")) == "User account"
    combo.setCurrentIndex(combo.findData("sign_in_failed"))
    screen.refresh()
    assert set(_shown(screen, 2)) == {"Failed sign-in"}


def test_the_search_finds_an_entry_by_its_code_and_by_its_word(qtbot, screen, db):
    failed = db.scalar("SELECT count(*) FROM audit WHERE action = 'sign_in_failed'")
    assert _search(qtbot, screen, "sign_in_failed") == ["Failed sign-in"] * failed
    assert _search(qtbot, screen, "failed SIGN-IN") == ["Failed sign-in"] * failed
    assert set(_search(qtbot, screen, "hovercraft")) == {"teleport_guest"}   # a record type's code
    assert set(_search(qtbot, screen, "User account")) >= {"Failed sign-in", "User account created"}
    assert _search(qtbot, screen, "李护士") == ["User account created"]  # in the changes, as before
    assert _search(qtbot, screen, "no such thing") == []


def test_the_screen_speaks_chinese_and_exports_the_words(qtbot, qapp, screen, db, tmp_path):
    from isolation_desk.ui import export, i18n
    try:
        assert i18n.install("zh_CN", qapp)
        screen.retranslate()  # as the main window does on a language switch
        shown = _shown(screen, 2)
        assert "登录失败" in shown and "新建用户账号" in shown
        assert "用户账号" in _shown(screen, 3)
        assert screen.action.itemText(screen.action.findData("sign_in_failed")) == "登录失败"
        # the filter lists the words in pinyin order (chuang, deng, xin), not by code point
        listed = [screen.action.itemText(i) for i in range(screen.action.count())]
        assert listed.index("创建首个负责人账号") < listed.index("登录失败") < listed.index("新建用户账号")
        failed = db.scalar("SELECT count(*) FROM audit WHERE action = 'sign_in_failed'")
        assert _search(qtbot, screen, "登录失败") == ["登录失败"] * failed
        assert _search(qtbot, screen, "sign_in_failed") == ["登录失败"] * failed
        _search(qtbot, screen, "")
        path = export.export_model(None, screen.model, "audit", path=tmp_path / "audit.csv")
        with open(path, encoding="utf-8-sig", newline="") as fh:
            table = list(csv.reader(fh))
        assert "登录失败" in [r[2] for r in table[1:]] and "sign_in_failed" not in [r[2] for r in table[1:]]
    finally:
        i18n.install("en", qapp)
        screen.retranslate()
    assert "Failed sign-in" in _shown(screen, 2)


def test_a_demo_site_writes_no_code_without_a_word(demo_db):
    actions = {r[0] for r in demo_db.execute("SELECT DISTINCT action FROM audit")}
    entities = {r[0] for r in demo_db.execute("SELECT DISTINCT entity FROM audit")}
    assert actions and not actions - set(names.AUDIT_ACTION_CODES)
    assert entities and not entities - set(names.AUDIT_RECORD_CODES)


# -- the fields written, read from the source ---------------------------------------------------
def _policy_fields() -> set[str]:
    from dataclasses import fields

    from isolation_desk.domain.policy import Policy
    return {f.name for f in fields(Policy)}


def _keywords_of_calls(function: str) -> set[str]:
    """The keyword names every call of ``function`` in the package passes."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(call, ast.Call):
                func = call.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
                if name == function:
                    found |= {k.arg for k in call.keywords if k.arg}
    return found


def _explained() -> dict[tuple[str, str], set[str] | None]:
    """before=/after= values that are not dict literals: (file, expression) -> the keys they
    hold (None: keys that are data, shown as they are: lot ids, spreadsheet column names)."""
    from isolation_desk.services.site import DEFAULT_SETTINGS
    from isolation_desk.storage.repo_supplies import ITEM_COLUMNS
    return {
        ("site.py", "changes"): set(DEFAULT_SETTINGS),
        ("site.py", "{k: before.get(k) for k in changes}"): set(DEFAULT_SETTINGS),
        ("site.py", "current[1].to_row() if current else None"): _policy_fields(),
        ("site.py", "policy.to_row()"): _policy_fields(),
        ("supplies.py", "row"): set(ITEM_COLUMNS),
        ("supplies.py", "changed"): set(ITEM_COLUMNS),
        ("supplies.py", "{k: item[k] for k in changed}"): set(ITEM_COLUMNS),
        ("supplies.py", "{str(k): book.get(k, 0.0) for k in values}"): None,  # lot ids
        ("papers.py", "{k: v for k, v in details.items() if v is not None}"):
            _keywords_of_calls("record_printed"),
        ("privacy.py", "after"): {"what", "rows", "target"},  # after = {"what": ...}; after[...] = ...
        ("emergency.py", "last['after']"): {"start_date", "release_date", "reason"},  # restart_isolation's
        ("arrivals_import.py", "before"): None,  # the remembered column mapping
    }


def written_fields() -> set[str]:
    """The keys of every before=/after= dict of repositories.audit(...) in services and storage."""
    explained = _explained()
    fields, unknown, used = set(), [], set()
    for folder in WRITERS:
        for path in sorted(folder.rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
            for call in ast.walk(tree):
                func = getattr(call, "func", None)
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
                if not isinstance(call, ast.Call) or name != "audit" or "action" not in \
                        {k.arg for k in call.keywords}:
                    continue
                for side in (k.value for k in call.keywords if k.arg in ("before", "after")):
                    if isinstance(side, ast.Constant) and side.value is None:
                        continue
                    if isinstance(side, ast.Dict) and all(isinstance(k, ast.Constant) for k in side.keys):
                        fields |= {k.value for k in side.keys}
                        continue
                    key = (path.name, ast.unparse(side))
                    if isinstance(side, ast.Name) and key not in explained:
                        # a dict literal assigned to the name in the enclosing function
                        node = call
                        while node is not None and not isinstance(node, ast.FunctionDef):
                            node = parents.get(node)
                        literals = [a.value for a in ast.walk(node) if isinstance(a, ast.Assign)
                                    and any(isinstance(t, ast.Name) and t.id == side.id for t in a.targets)
                                    and isinstance(a.value, ast.Dict)]
                        if literals:
                            fields |= {k.value for d in literals for k in d.keys if isinstance(k, ast.Constant)}
                            continue
                    if key in explained:
                        used.add(key)
                        fields |= explained[key] or set()
                    else:
                        unknown.append(f"{path.relative_to(ROOT)}:{call.lineno}: {key[1]}")
    assert not unknown, ("audit fields this test cannot read from the source (write a dict literal, "
                         f"or teach tests/ui/test_audit_words.py): {unknown}")
    assert used == set(explained), f"explained but no longer written: {set(explained) - used}"
    return fields


def test_the_field_scan_finds_the_fields_it_should():
    fields = written_fields()
    assert {"status", "reason", "slot", "symptoms", "temperature", "category", "release_date",  # literals
            "isolation_days", "counted_from",           # a policy's row
            "fever_threshold", "site_name",             # settings
            "reorder_level", "consumption",             # a supply item's row
            "pages", "shift"} <= fields                 # a printed paper's details
    assert len(fields) > 80


def test_every_field_the_services_write_has_a_word(qapp):
    fields = written_fields()
    missing = sorted(fields - set(names.AUDIT_FIELD_CODES))
    assert not missing, f"fields without a word in widgets/names.py _AUDIT_FIELDS: {missing}"
    for code in names.AUDIT_FIELD_CODES:
        assert names.audit_field(code) != code


def test_fields_and_values_in_words_in_both_languages(qapp):
    from isolation_desk.ui import i18n
    from isolation_desk.ui.screens.audit import change_text
    before = json.dumps({"status": "in_isolation"})
    after = json.dumps({"status": "released", "reason": "room_mate_positive", "symptoms": ["fever", "dry_cough"],
                        "slot": "morning", "temperature": 38.6, "category": "close_contact", "name": "张三"})
    text = change_text(before, after)
    assert "Status: In isolation → Released" in text
    assert "Reason: Room mate tested positive" in text and "Symptoms: fever, dry cough" in text
    assert "Time slot: Morning" in text and "Temperature: 38.6" in text and "Name: 张三" in text
    assert "Category: Close contact" in text
    room = change_text(json.dumps({"status": "ready"}), json.dumps({"status": "out_of_service", "reason": "门锁损坏"}))
    assert room == "Status: Ready → Out of service; Reason: 门锁损坏"
    try:
        assert i18n.install("zh_CN", qapp)
        text = change_text(before, after)
        assert not re.search(r"[a-z]+_[a-z]+|[A-Za-z]{3,}", text), text
        assert "状态:隔离中 → 已解除；" in text and "原因:同室人员阳性" in text
        assert "症状:发热、干咳" in text and "时段:上午" in text and "姓名:张三" in text
        words = [names.audit_field(c) for c in names.AUDIT_FIELD_CODES]
        latin = [w for w in words if re.search(r"[a-z]{2,}", w)]  # PDF, SHA-256 are the words used
        assert not latin, f"untranslated field words: {latin}"
    finally:
        i18n.install("en", qapp)


def test_the_code_values_of_the_domain_have_words(qapp):
    """Every code a coded field can hold, from the lists that define them, reads as a word."""
    from isolation_desk.domain import schedule, stock
    from isolation_desk.services.shift import LOG_KINDS
    cases = [("category", names.CATEGORY_CODES), ("category", stock.CATEGORIES),
             ("consumption", stock.CONSUMPTION), ("kind", schedule.TEST_KINDS), ("kind", LOG_KINDS),
             ("kind", names.TRANSFER_KIND_CODES), ("status", names.ROOM_STATUS_CODES),
             ("status", ("expected", "in_isolation", "awaiting_transfer", "released", "transferred", "left")),
             ("preset", names.PRESET_CODES), ("slot", ("morning", "evening")),
             ("regime", ("daily", "three_in_five")), ("result", ("negative", "positive", "invalid", "pending")),
             ("role", ("manager", "medical", "front_desk", "logistics", "viewer", "doctor", "nurse")),
             ("what", ("occupants", "occupants_table"))]
    from isolation_desk.ui import i18n
    try:
        assert i18n.install("zh_CN", qapp)  # in English some words are their codes ("daily")
        missing = [(f, c) for f, codes in cases for c in codes
                   if re.search(r"[a-z]{2,}", str(names.audit_value(f, c)))]
    finally:
        i18n.install("en", qapp)
    assert not missing, missing
