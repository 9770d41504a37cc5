"""Issue 14: the banner names the newest open emergency first and counts the others; a
positive raised on a name that differs says so."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from isolation_desk.domain.identity import make_resident_id
from isolation_desk.domain.registration import validate_registration
from isolation_desk.domain.roles import Actor
from isolation_desk.io.spreadsheet import write_xlsx
from isolation_desk.services import stays
from isolation_desk.services.results_import import import_results
from isolation_desk.services.testing import results, sampling
from isolation_desk.ui.context import AppContext
from isolation_desk.ui.main_window import MainWindow
from isolation_desk.ui.widgets.emergency_banner import AlertDialog

MANAGER = Actor("boss", "manager", "Boss")


def ident(seq):
    return make_resident_id("110101", date(1990, 5, 17), seq, "M")


@pytest.fixture
def people(db, now):
    t0 = now - timedelta(days=2)
    out = {}
    for i, name in enumerate(("张一", "李二", "王三")):
        r = validate_registration({"name": name, "id_number": ident(i + 1), "phone": "13800138000",
                                   "category": "密接",
                                   "last_exposure_date": (t0.date() - timedelta(days=1)).isoformat()}, t0.date())
        out[name] = stays.check_in(db, r, MANAGER, t0).stay_id
        sampling.sample_stay(db, out[name], now.date(), now.replace(hour=7), MANAGER, now)
    return out


def test_newest_emergency_first_and_the_rest_counted(qtbot, db, now, people, tmp_path):
    def positive(name, at):
        t = [x for x in results.result_units(db, at) if x["members"][0]["stay_id"] == people[name]][0]
        results.record_result(db, t["id"], "positive", MANAGER, at)
    positive("张一", now)
    positive("李二", now + timedelta(minutes=20))
    # the third through the lab sheet, with the name mistyped
    path = tmp_path / "lab.xlsx"
    write_xlsx(path, ["姓名", "身份证号", "检测结果"], [["王山", ident(3), "阳性"]])
    import_results(db, path, MANAGER, now + timedelta(minutes=40))
    ctx = AppContext(db, MANAGER, "en", clock=lambda: now + timedelta(hours=1))
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    banner = w.emergency_banner
    text = banner.label.text()
    # on today's main the oldest (张一) was named and "(and 2 more alert(s))"
    assert text.startswith("POSITIVE: 王三") and "张一" not in text and "李二" not in text
    assert "name differs on the lab sheet (王山): confirm identity" in text
    assert "and 2 earlier open alerts" in text
    assert banner.alerts[0]["name"] == "王三"
    dialog = AlertDialog(ctx, banner.alerts[0]["id"], w)
    qtbot.addWidget(dialog)
    assert "王山" in dialog.summary.text()
    assert dialog.acknowledge("identity confirmed with the lab by phone")
    banner.refresh()
    assert banner.label.text().startswith("POSITIVE: 李二") and "and 1 earlier open alert" in banner.label.text()
