"""The lab's results sheet: strangers, a positive, name checks, GBK, empty files, dry run."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from isolation_desk.domain.errors import DomainError
from isolation_desk.domain.identity import make_resident_id
from isolation_desk.domain.registration import validate_registration
from isolation_desk.domain.roles import Actor
from isolation_desk.io.spreadsheet import write_xlsx
from isolation_desk.services import stays
from isolation_desk.services.results_import import import_results, parse_result
from isolation_desk.services.testing import emergency, sampling
from isolation_desk.storage import repositories as repo

NURSE = Actor("nurse1", "medical")
MANAGER = Actor("boss", "manager")
HEADER = ["序号", "姓名", "身份证号", "采样时间", "检测结果", "检测机构"]


def ident(seq, birth=date(1990, 5, 17)):
    return make_resident_id("110101", birth, seq, "M")


@pytest.fixture
def site(db, now):
    t0 = now - timedelta(days=2)

    def reg(name, seq, birth=date(1990, 5, 17)):
        return validate_registration({"name": name, "id_number": ident(seq, birth), "phone": "13800138000",
                                      "category": "密接",
                                      "last_exposure_date": (t0.date() - timedelta(days=1)).isoformat()},
                                     t0.date())
    people = {}
    for i, name in enumerate(("张一", "张二", "张三", "阿卜杜拉·买买提")):
        people[name] = stays.check_in(db, reg(name, i + 1), MANAGER, t0).stay_id
    b201 = repo.room_by_label(db, "B-0201")["id"]
    people["王父"] = stays.check_in(db, reg("王父", 10), MANAGER, t0, room_id=b201).stay_id
    people["王子"] = stays.check_in(db, reg("王子", 11, date(2016, 3, 1)), MANAGER, t0,
                                     household_of=people["王父"], household_role="child",
                                     host_role="parent").stay_id
    # the morning round: everybody sampled at 07:10
    for sid in people.values():
        sampling.sample_stay(db, sid, now.date(), now.replace(hour=7, minute=10), NURSE, now)
    return people


def sheet_rows(now, positive="王父"):
    when = now.strftime("%Y/%m/%d") + " 7:10"
    people = [("张一", ident(1)), ("张二", ident(2)), ("张三", ident(3)), ("阿卜杜拉•买买提", ident(4)),
              ("王父", ident(10)), ("王子", ident(11, date(2016, 3, 1))),
              ("陌生人", ident(77)), ("路人甲", ident(78))]
    return [[i + 1, name, idn, when, "阳性" if name == positive else "阴性", "市疾控中心"]
            for i, (name, idn) in enumerate(people)]


def write_lab_xlsx(path, rows):
    # a title row above the header, as labs send them
    write_xlsx(path, ["滨江区疾控中心 核酸检测结果报告单"], [[""], HEADER] + rows)
    return path


def write_csv(path, rows, encoding):
    rows = [[str(x).replace("•", "·") for x in r] for r in rows]  # GBK has no bullet
    text = "检测结果报告\n" + ",".join(HEADER) + "\n" + "\n".join(",".join(str(x) for x in r) for r in rows) + "\n"
    path.write_bytes(text.encode(encoding))
    return path


def count(db, table):
    return db.scalar(f"SELECT count(*) FROM {table}")


def test_lab_sheet_with_strangers_and_one_positive(db, now, site, tmp_path):
    path = write_lab_xlsx(tmp_path / "lab.xlsx", sheet_rows(now))
    report = import_results(db, path, NURSE, now)
    assert (report.rows, report.recorded) == (8, 6)
    assert [u["name"] for u in report.unmatched] == ["陌生人", "路人甲"]
    assert all("*" in u["id_number"] for u in report.unmatched)
    # a code and its error, never a sentence: the window and the command line make the words
    assert [(u["reason"], u["error"].code) for u in report.unmatched] == [("import_unmatched",) * 2] * 2
    assert not any("message" in u for u in report.unmatched)
    assert report.conflicts == []
    assert [(p["name"], p["room"]) for p in report.positives] == [("王父", "B-0201")]
    # the positive handled as the emergency
    assert repo.stay(db, site["王父"])["status"] == "awaiting_transfer"
    assert [a["name"] for a in emergency.open_alerts(db)] == ["王父"]
    assert report.restarted == [site["王子"]]
    assert repo.stay(db, site["王子"])["start_date"] == now.date().isoformat()
    # the others are negative, and the middle-dot name matched despite another dot
    reasons = stays.release_check(db, site["阿卜杜拉·买买提"], now).reasons
    assert "result_pending" not in reasons and "test_positive" not in reasons
    assert count(db, "imports") == 1
    # importing the same file again changes nothing
    again = import_results(db, path, NURSE, now)
    assert (again.recorded, again.already, again.positives) == (0, 6, [])
    assert count(db, "alerts") == 1


def test_dry_run_saves_nothing(db, now, site, tmp_path):
    path = write_lab_xlsx(tmp_path / "lab.xlsx", sheet_rows(now))
    before = {t: count(db, t) for t in ("tests", "alerts", "audit", "imports", "stay_events")}
    pending = db.scalar("SELECT count(*) FROM tests WHERE result IS NULL")
    report = import_results(db, path, NURSE, now, dry_run=True)
    assert report.recorded == 6 and len(report.positives) == 1
    assert {t: count(db, t) for t in before} == before
    assert db.scalar("SELECT count(*) FROM tests WHERE result IS NULL") == pending
    assert repo.stay(db, site["王父"])["status"] == "in_isolation"


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "utf-8"])
def test_csv_in_gbk_and_utf8(db, now, site, tmp_path, encoding):
    path = write_csv(tmp_path / "lab.csv", sheet_rows(now, positive=None), encoding)
    report = import_results(db, path, NURSE, now)
    assert (report.rows, report.recorded, len(report.unmatched), report.positives) == (8, 6, 2, [])


def test_bad_rows_are_conflicts_and_the_rest_recorded(db, now, site, tmp_path):
    rows = sheet_rows(now, positive=None)[:6]
    rows[0][3] = (now + timedelta(days=1)).strftime("%Y-%m-%d %H:%M")  # sampled in the future
    rows[1][1] = "李四"  # the name does not match the ID number
    rows[2][4] = "弱阳"  # not a result
    rows[3][2] = "1.10101E+17"  # an ID that went through a number cell
    path = write_lab_xlsx(tmp_path / "lab.xlsx", rows)
    report = import_results(db, path, NURSE, now)
    assert [c["reason"] for c in report.conflicts] == [
        "datetime_future", "import_name_mismatch", "import_result_unknown", "id_stored_as_number"]
    assert [c["row"] for c in report.conflicts] == [4, 5, 6, 7]  # Excel's row numbers
    assert [c["error"].code for c in report.conflicts] == [c["reason"] for c in report.conflicts]
    assert not any("message" in c for c in report.conflicts)
    mismatch = next(c["error"] for c in report.conflicts if c["reason"] == "import_name_mismatch")
    assert mismatch.params["value"] == "李四"  # the sentence names the sheet's name
    assert report.recorded == 2
    # a conflicting second result is reported, never overwritten
    rows = sheet_rows(now, positive="张一")[:1]
    report = import_results(db, write_lab_xlsx(tmp_path / "lab2.xlsx", rows), NURSE, now)
    assert report.recorded == 1 and report.positives  # 张一 was not recorded before (future time row)
    rows = sheet_rows(now, positive=None)[:1]
    report = import_results(db, write_lab_xlsx(tmp_path / "lab3.xlsx", rows), NURSE, now)
    assert [c["reason"] for c in report.conflicts] == ["import_result_conflict"]


def test_empty_file_header_only_and_no_header(db, now, site, tmp_path):
    before = count(db, "audit")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(DomainError) as e:
        import_results(db, empty, NURSE, now)
    assert e.value.code == "file_empty"
    only = write_csv(tmp_path / "only.csv", [], "utf-8")
    with pytest.raises(DomainError) as e:
        import_results(db, only, NURSE, now)
    assert e.value.code == "import_no_rows"
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(DomainError) as e:
        import_results(db, other, NURSE, now)
    assert e.value.code == "header_not_found"
    assert count(db, "audit") == before


def test_result_words():
    assert parse_result("阴性") == "negative"
    assert parse_result("阳性（+）") == "positive"
    assert parse_result(" Negative ") == "negative"
    assert parse_result("无效") == "invalid"
    with pytest.raises(DomainError):
        parse_result("")


def test_unplanned_result_is_kept_not_dropped(db, now, site, tmp_path):
    # a result with no sampling time for someone whose samples are all resulted
    rows = sheet_rows(now, positive=None)[:1]
    import_results(db, write_lab_xlsx(tmp_path / "a.xlsx", rows), NURSE, now)
    rows = [[1, "张一", ident(1), (now - timedelta(days=1)).strftime("%Y-%m-%d 15:00"), "阳性", "第三方"]]
    report = import_results(db, write_lab_xlsx(tmp_path / "b.xlsx", rows), NURSE, now)
    assert report.recorded == 1 and report.positives
    assert repo.stay(db, site["张一"])["status"] == "awaiting_transfer"


def test_pooled_samples_reported_per_person(db, now, tmp_path):
    """Labs expand a pooled tube to its members' rows: negatives close the pool, a positive
    makes the pool positive and every member is re-tested."""
    t0 = now - timedelta(days=2)
    ids = []
    for i, name in enumerate(("甲一", "乙二", "丙三")):
        reg = validate_registration({"name": name, "id_number": ident(30 + i), "phone": "13800138000",
                                     "category": "密接",
                                     "last_exposure_date": (t0.date() - timedelta(days=1)).isoformat()}, t0.date())
        ids.append(stays.check_in(db, reg, MANAGER, t0).stay_id)
    pools = [sampling.new_pool(db, "pcr", 10, NURSE, now) for _ in range(2)]
    sampling.sample_stay(db, ids[0], now.date(), now, NURSE, now, pool_id=pools[0]["id"])
    sampling.sample_stay(db, ids[1], now.date(), now, NURSE, now, pool_id=pools[0]["id"])
    sampling.sample_stay(db, ids[2], now.date(), now, NURSE, now, pool_id=pools[1]["id"])
    rows = [[1, "甲一", ident(30), "", "阴性", ""], [2, "乙二", ident(31), "", "阴性", ""],
            [3, "丙三", ident(32), "", "阳性", ""]]
    report = import_results(db, write_lab_xlsx(tmp_path / "p.xlsx", rows), NURSE, now)
    assert report.recorded == 3 and report.conflicts == []
    assert sampling.pool_info(db, pools[0]["id"])["result"] == "negative"
    assert sampling.pool_info(db, pools[1]["id"])["result"] == "positive"
    assert report.positives[0]["pool"] == pools[1]["code"]
    # 丙三 is not positive yet: re-tested on a single sample, release held
    assert repo.stay(db, ids[2])["status"] == "in_isolation"
    assert any(t["purpose"] == "retest" for t in repo.tests_for_stay(db, ids[2]))
    assert "result_pending" in stays.release_check(db, ids[2], now).reasons
