"""Every service that writes checks the actor's role itself, before it reads or validates
anything: the window and the command line obey the same rule.

The list of services is read from the source: every public function in
isolation_desk/services/ that takes an ``actor``. A new one is covered without editing this
file; one that any signed-in person may call must be named in EXEMPT with the reason."""
from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import isolation_desk.services as services_pkg
from isolation_desk.domain.errors import DomainError
from isolation_desk.domain.roles import Actor

VIEWER = Actor("watcher", "viewer", "Watcher")

# Functions that take an actor but that a viewer may call, and why.
EXEMPT = {
    "accounts.sign_out": "everyone signs themselves out",
    "accounts.change_password": "everyone changes their own password (old password required)",
    "privacy.shows_personal": "a question, writes nothing",
    "encryption.may_encrypt": "a question, writes nothing",
    "papers.record_printed": "records that a paper the screen showed was printed",
    "papers.write_handover": "the handover sheet holds no personal data beyond what a viewer sees",
    "papers.write_daily_report": "counts only, no personal data",
    "shift.seed_demo": "builds the demo site (services.demo), never called by a user",
    "staff.seed_demo": "builds the demo site (services.demo), never called by a user",
    "site.setup_site": "the first start, before any account exists",
}


def _write_services():
    found = []
    for info in pkgutil.walk_packages(services_pkg.__path__, "isolation_desk.services."):
        module = importlib.import_module(info.name)
        short = info.name.removeprefix("isolation_desk.services.")
        for name, fn in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(fn) or fn.__module__ != module.__name__:
                continue
            if "actor" in inspect.signature(fn).parameters:
                found.append((f"{short}.{name}", fn))
    return sorted(found, key=lambda x: x[0])


WRITE_SERVICES = [(n, f) for n, f in _write_services() if n not in EXEMPT]


def _placeholder(param: inspect.Parameter, db, tmp_path, now):
    name, ann = param.name, str(param.annotation)
    if name == "db":
        return db
    if name == "actor":
        return VIEWER
    if name == "now":
        return now
    if name in ("path", "db_path", "source", "out"):
        return tmp_path / f"{name}.x"
    if "datetime" in ann:
        return now
    if "date" in ann:
        return now.date()
    if ann.startswith(("int", "float")):
        return 1
    if ann.startswith("str"):
        return "x"
    if ann.startswith("bool"):
        return False
    if ann.startswith(("list", "Sequence", "Iterable")):
        return []
    if ann.startswith(("dict", "Mapping")):
        return {}
    return None


def test_the_list_is_read_from_the_source():
    names = [n for n, _ in WRITE_SERVICES]
    # the two that checked no role before, and a sample of the others
    for expected in ("stays.restart_isolation", "stays.mark_awaiting_transfer", "stays.check_in",
                     "supplies.receive", "accounts.create_user", "backup.restore"):
        assert expected in names
    assert len(names) >= 50
    stale = set(EXEMPT) - {n for n, _ in _write_services()}
    assert not stale, f"EXEMPT names functions that no longer exist: {stale}"


@pytest.mark.parametrize("name,fn", WRITE_SERVICES, ids=[n for n, _ in WRITE_SERVICES])
def test_a_viewer_is_refused_by_every_write_service(name, fn, db, tmp_path, now):
    audit_before = db.scalar("SELECT count(*) FROM audit")
    kwargs = {}
    for param in inspect.signature(fn).parameters.values():
        if param.default is inspect.Parameter.empty or param.name in ("actor",):
            kwargs[param.name] = _placeholder(param, db, tmp_path, now)
    with pytest.raises(DomainError) as err:
        fn(**kwargs)
    assert err.value.code == "permission_denied", (
        f"{name} answered a viewer with {err.value.code!r}: check actor.require(...) first")
    assert db.scalar("SELECT count(*) FROM audit") == audit_before
