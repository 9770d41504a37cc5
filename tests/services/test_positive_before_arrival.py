"""Issue 14: a positive for a person still expected is held against the arrival: check-in
into an ordinary room is refused (front desk and the arrivals list alike); the holding room
takes them, and they are awaiting transfer at once."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from isolation_desk.domain.errors import DomainError
from isolation_desk.domain.identity import make_resident_id
from isolation_desk.domain.registration import validate_registration
from isolation_desk.domain.roles import SYSTEM, Actor
from isolation_desk.io.spreadsheet import write_xlsx
from isolation_desk.messages import describe
from isolation_desk.services import site, stays_expected
from isolation_desk.services.results_import import import_results
from isolation_desk.services.testing import emergency
from isolation_desk.storage import repositories as repo

NURSE = Actor("nurse1", "medical")
MANAGER = Actor("boss", "manager")


def ident(seq):
    return make_resident_id("110101", date(1990, 5, 17), seq, "M")


@pytest.fixture
def expected(db, now):
    """Two expected arrivals; the lab's sheet says 周八 is positive before the bus arrives."""
    out = {}
    for seq, name in ((1, "周八"), (2, "吴九")):
        r = validate_registration({"name": name, "id_number": ident(seq), "phone": "13800138000",
                                   "category": "密接",
                                   "last_exposure_date": (now.date() - timedelta(days=1)).isoformat()}, now.date())
        out[name] = stays_expected.register_expected(db, r, MANAGER, now)
    path_rows = [["周八", ident(1), "阳性"], ["吴九", ident(2), "阴性"]]
    import tempfile
    from pathlib import Path
    path = Path(tempfile.mkdtemp()) / "lab.xlsx"
    write_xlsx(path, ["姓名", "身份证号", "检测结果"], path_rows)
    report = import_results(db, path, NURSE, now)
    assert len(report.positives) == 1 and report.positives_unmatched == []
    return out


def test_check_in_into_an_ordinary_room_is_refused(db, now, expected):
    room = repo.room_by_label(db, "A-0201")["id"]
    before = db.scalar("SELECT count(*) FROM audit")
    with pytest.raises(DomainError) as e:
        stays_expected.check_in_expected(db, expected["周八"], MANAGER, now, room_id=room)
    # no holding room set: say so, and the way out (transfer)
    assert e.value.code == "holding_room_not_set"
    site.update_settings(db, {"holding_room": "A-0410"}, SYSTEM, now)
    with pytest.raises(DomainError) as e:
        stays_expected.check_in_expected(db, expected["周八"], MANAGER, now, room_id=room)
    assert e.value.code == "positive_awaiting_arrival" and e.value.params["holding"] == "A-0410"
    assert "A-0410" in describe(e.value, "en") and "留观" in describe(e.value, "zh_CN")
    with pytest.raises(DomainError):  # a room suggested by the app: the same
        stays_expected.check_in_expected(db, expected["周八"], MANAGER, now)
    assert repo.stay(db, expected["周八"])["status"] == "expected"
    assert repo.room(db, room)["status"] == "ready"
    assert db.scalar("SELECT count(*) FROM audit") == before + 1  # the settings change only
    # the negative one checks in as usual
    stays_expected.check_in_expected(db, expected["吴九"], MANAGER, now, room_id=room)


def test_the_holding_room_takes_them_awaiting_transfer(db, now, expected):
    site.update_settings(db, {"holding_room": "A-0410"}, SYSTEM, now)
    holding = repo.room_by_label(db, "A-0410")["id"]
    r = stays_expected.check_in_expected(db, expected["周八"], MANAGER, now, room_id=holding)
    s = repo.stay(db, r.stay_id)
    assert (s["status"], s["room"]) == ("awaiting_transfer", "A-0410")
    [alert] = emergency.open_alerts(db)
    assert alert["stay_id"] == r.stay_id and alert["room"] == "A-0410"


def test_the_arrivals_list_marks_them_and_never_gives_an_ordinary_room(db, now, expected):
    plan = {u.names[0]: u for u in stays_expected.plan_check_in(db)}
    assert plan["周八"].held_positive and plan["周八"].room is None
    assert not plan["吴九"].held_positive and plan["吴九"].room
    result = stays_expected.bulk_check_in(db, list(plan.values()), MANAGER, now)
    assert [e.code for _, e in result.failed] == ["positive_awaiting_arrival"]
    assert repo.stay(db, expected["周八"])["status"] == "expected"
    # with a holding room, the list offers it
    site.update_settings(db, {"holding_room": "A-0410"}, SYSTEM, now)
    [unit] = stays_expected.plan_check_in(db)
    assert unit.held_positive and unit.room == "A-0410"
    result = stays_expected.bulk_check_in(db, [unit], MANAGER, now)
    assert result.failed == [] and repo.stay(db, expected["周八"])["status"] == "awaiting_transfer"


def test_the_window_marks_them(qtbot, db, now, expected):
    from isolation_desk.ui.context import AppContext
    from isolation_desk.ui.dialogs.bulk_checkin import BulkCheckInDialog
    from isolation_desk.ui.widgets.emergency_banner import EmergencyBanner
    ctx = AppContext(db, MANAGER, "en", clock=lambda: now)
    site.update_settings(db, {"holding_room": "A-0410"}, SYSTEM, now)
    dialog = BulkCheckInDialog(ctx, None)
    qtbot.addWidget(dialog)
    rooms = {r.display[1]: r.display[0] for r in dialog.model.rows()}
    assert rooms["周八"] == "POSITIVE: holding room A-0410 or transfer"
    assert rooms["吴九"].startswith("A-")
    banner = EmergencyBanner(ctx)
    qtbot.addWidget(banner)
    assert banner.label.text().startswith("POSITIVE before arrival: 周八 (expected)")
    from isolation_desk.ui.screens.occupants import OccupantsScreen
    screen = OccupantsScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    rooms = {r.display[1]: r.display[0] for r in screen.model.rows()}
    assert rooms["周八"] == "(expected: POSITIVE, holding room or transfer)"
    assert rooms["吴九"] == "(expected)"


def test_the_holding_room_must_be_a_room_of_the_site(db, now):
    with pytest.raises(DomainError) as e:
        site.update_settings(db, {"holding_room": "Z-9999"}, SYSTEM, now)
    assert e.value.code == "room_unknown" and e.value.field == "holding_room"
    site.update_settings(db, {"holding_room": " a-0410 "}, SYSTEM, now)
    assert site.get_settings(db)["holding_room"] == "A-0410"
