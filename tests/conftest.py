"""Shared fixtures: a real SQLite file in tmp_path, never a mock."""
from __future__ import annotations

import os
from datetime import datetime

import pytest
from hypothesis import settings

# CI runs the same examples every time (a red run is reproducible); on a desk they vary.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ISOLATION_DESK_LANG", "en")

from isolation_desk.domain.roles import SYSTEM, Actor  # noqa: E402
from isolation_desk.services import site  # noqa: E402
from isolation_desk.storage.database import open_database  # noqa: E402

# A fixed "now" keeps tests independent of the day they run.
NOW = datetime(2022, 11, 20, 9, 30)


@pytest.fixture
def now():
    return NOW


@pytest.fixture
def manager():
    return Actor("manager1", "manager", "Manager")


@pytest.fixture
def empty_db(tmp_path):
    db = open_database(tmp_path / "site.sqlite")
    yield db
    db.close()


@pytest.fixture
def db(empty_db, now):
    """A set-up site: 9th-edition policies, building A floors 2-4 rooms 01-10, building B
    floor 2 rooms 01-05 with two beds."""
    site.setup_site(empty_db, name="测试隔离点", address="测试路1号", preset="edition_9",
                    actor=SYSTEM, now=now.replace(day=1),
                    room_ranges=[site.RoomRange("A", "A栋", 2, 4, 1, 10, 1),
                                 site.RoomRange("B", "B栋", 2, 2, 1, 5, 2)])
    return empty_db


def copy_site_key(source, target) -> None:
    """A copy of a site file takes the key that seals its audit trail along
    (storage.audit_key), as whoever copies a site's folder does."""
    import shutil

    from isolation_desk.storage.audit_key import key_path
    if key_path(source).exists():
        shutil.copy(key_path(source), key_path(target))


@pytest.fixture
def db8(empty_db, now):
    """A set-up site under the 8th edition's presets (double sample, surface sampling):
    building A floor 2 rooms 01-10."""
    site.setup_site(empty_db, name="测试隔离点", address="测试路1号", preset="edition_8", actor=SYSTEM,
                    now=now.replace(day=1), room_ranges=[site.RoomRange("A", "A栋", 2, 2, 1, 10, 1)])
    return empty_db


@pytest.fixture
def no_widgets_left(qapp):
    """Windows of earlier test modules are closed with deleteLater(); delete them now, or a
    timer of theirs may fire on their closed database while this module runs Qt events."""
    from PySide6.QtCore import QCoreApplication, QEvent
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    yield


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory):
    """A demo site (300 rooms) built once per test session; copy it before writing."""
    from isolation_desk.services.demo import build_demo
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    d = open_database(path)
    build_demo(d, rooms=300, seed=7, now=NOW)
    d.close()
    return path


@pytest.fixture
def demo_db(demo_path, tmp_path):
    import shutil
    target = tmp_path / "demo.sqlite"
    shutil.copy(demo_path, target)
    copy_site_key(demo_path, target)
    d = open_database(target)
    yield d
    d.close()


@pytest.fixture(autouse=True)
def _english_translation(request):
    """Widget tests read English words: install the English translation (its plural forms)
    as the app does. Tests without Qt are left alone."""
    if "qtbot" in request.fixturenames or "qapp" in request.fixturenames:
        from PySide6.QtCore import QCoreApplication
        app = QCoreApplication.instance()
        if app is not None and not app.property("isolation_desk_test_lang"):
            from isolation_desk.ui import i18n
            i18n.install("en", app)
            app.setProperty("isolation_desk_test_lang", "en")
    yield


def make_releasable(db, now):
    """Issue 14: a release notice is printed only for a person releasable now. Sample and
    record negative every test due by today of the people due for release (the demo leaves
    the release-day samples to the morning round). Returns the stay ids now releasable."""
    from datetime import timedelta

    from isolation_desk.services import papers, site_figures
    from isolation_desk.services.testing import results, sampling
    from isolation_desk.storage import repositories as repo
    for s in site_figures.release_due_stays(db, now.date()):
        for t in repo.tests_for_stay(db, s["id"]):
            if t["due_date"] > now.date().isoformat() or t["pool_id"] is not None:
                continue
            if not t["sampled_at"]:
                sampling.record_sample(db, t["id"], now - timedelta(hours=2), SYSTEM, now)
            if t["result"] in (None, "invalid"):
                # the 8th edition's double sample needs two different labs (issue 14)
                lab = "第二检测所" if t["purpose"] == "second_lab" else "第一检测所"
                results.record_result(db, t["id"], "negative", SYSTEM, now - timedelta(hours=1), lab=lab)
    return [s["id"] for s in site_figures.release_due_stays(db, now.date())
            if papers.notice_refusal(db, s, now) is None]
