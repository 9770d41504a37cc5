"""A realistic demo site dated relative to today, built through the services.

History is simulated day by day: arrivals check in, tests are sampled and resulted,
temperatures taken, people released when their gating allows, rooms disinfected. Today
holds every stage a shift leader meets: arrived today, test due today, release due
today, a result overdue, a fever, a positive awaiting transfer.
"""
from __future__ import annotations

import math
import random
from datetime import date, datetime, time, timedelta

from ..domain.errors import DomainError
from ..domain.identity import make_resident_id
from ..domain.policy import PRESETS
from ..domain.registration import Registration
from ..domain.roles import Actor
from ..storage import repositories as repo
from ..storage.database import Database
from . import (
    health_checks,
    shift,  # issue 6: the shift log of the demo
    site,
    stays,
    supplies,  # issue 5: the supplies ledger of the demo
)
from . import rooms as room_service
from .testing import results

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
            "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文辉鹏宇浩然欣怡子涵梓轩思雨佳琪俊杰晓"
         "东海燕雪梅春生秋月冬梅丹阳子墨一诺雨桐")
DOT_NAMES = ("阿卜杜拉·买买提", "古丽娜尔·艾山", "迪丽热巴·阿不都", "努尔兰·哈力克", "扎西·多吉")
RARE_NAMES = ("王䶮", "李㛃", "张喆", "陈昇")
REGIONS = ("110101", "310104", "440305", "420102", "510107", "410102", "320106", "330106", "650102")
COMMUNITIES = ("滨江街道幸福社区", "城南街道长江社区", "东湖街道花园社区", "西湖街道梧桐社区", "北站街道新村社区")
ORIGINS = ("上海市", "广州市", "深圳市", "北京市", "境外(首尔)", "境外(法兰克福)", "本市高新区", "本市江北区")
CATEGORY_WEIGHTS = (("close_contact", 55), ("inbound_traveller", 20), ("risk_area_arrival", 15),
                    ("other", 5), ("secondary_contact", 5))
DEMO_ACTOR = Actor("demo", "manager", "演示")


class _People:
    def __init__(self, rng: random.Random, today: date):
        self.rng = rng
        self.today = today
        self.seq = 0

    def registration(self, category: str, day: date) -> Registration:
        rng = self.rng
        self.seq += 1
        roll = rng.random()
        if roll < 0.01:
            name = rng.choice(DOT_NAMES)
        elif roll < 0.015:
            name = rng.choice(RARE_NAMES)
        else:
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        age_years = rng.choice((rng.randint(3, 14), rng.randint(18, 64), rng.randint(18, 64),
                                rng.randint(18, 64), rng.randint(65, 88)))
        birth = date(self.today.year - age_years, rng.randint(1, 12), rng.randint(1, 28))
        sex = rng.choice("MF")
        region = rng.choice(REGIONS)
        id_number = make_resident_id(region, birth, self.seq % 500, sex)
        needs = []
        if age_years >= 65:
            needs.append("elderly")
        if age_years <= 14:
            needs.append("child")
        if sex == "F" and 20 <= age_years <= 40 and rng.random() < 0.05:
            needs.append("pregnancy")
        if rng.random() < 0.04:
            needs.append("chronic_illness")
        diet = "halal" if name in DOT_NAMES or rng.random() < 0.03 else (
            "vegetarian" if rng.random() < 0.03 else "regular")
        exposure = day - timedelta(days=rng.choice((0, 1, 1, 2, 2, 3)))
        return Registration(
            name=name, id_type="resident_id", id_number=id_number, sex=sex, birth_date=birth,
            phone="1" + rng.choice("3578") + "".join(str(rng.randint(0, 9)) for _ in range(9)),
            category=category,
            last_exposure_date=exposure if category in ("close_contact", "secondary_contact") else None,
            arrival_date=day, origin=rng.choice(ORIGINS), special_needs=tuple(needs), diet=diet,
            registered_address=f"{rng.choice(('江北区', '江南区', '高新区'))}{rng.randint(1, 300)}号",
            destination_community=rng.choice(COMMUNITIES), community_contact=rng.choice(SURNAMES) + "主任",
            community_phone="139" + "".join(str(rng.randint(0, 9)) for _ in range(8)),
        )


def _category(rng: random.Random) -> str:
    total = sum(w for _, w in CATEGORY_WEIGHTS)
    x = rng.uniform(0, total)
    for code, w in CATEGORY_WEIGHTS:
        x -= w
        if x <= 0:
            return code
    return "close_contact"


def _layout(rooms: int) -> list[site.RoomRange]:
    """Buildings of floors x rooms that add up to about ``rooms``."""
    per_floor = 10 if rooms <= 300 else 20 if rooms <= 2000 else 40
    floors = 10 if rooms <= 2000 else 25
    per_building = per_floor * floors
    count = max(1, math.ceil(rooms / per_building))
    ranges, left = [], rooms
    for i in range(count):
        code = chr(ord("A") + i) if count <= 26 else f"{chr(ord('A') + i // 26)}{chr(ord('A') + i % 26)}"
        n_floors = min(floors, max(1, math.ceil(left / per_floor)))
        ranges.append(site.RoomRange(code, f"{code}栋", 2, 1 + n_floors, 1, per_floor, 1))
        left -= n_floors * per_floor
        if left <= 0:
            break
    return ranges


def build_demo(db: Database, *, rooms: int = 300, seed: int = 1, now: datetime,
               history_days: int = 14) -> dict:
    """Create the demo site in ``db`` (which must be empty). Returns a few counts."""
    if site.is_set_up(db):
        raise DomainError("demo_needs_empty_database")
    rng = random.Random(seed)
    today = now.date()
    start = datetime.combine(today - timedelta(days=history_days + 3), time(8, 0))
    people = _People(rng, today)
    a = DEMO_ACTOR
    with db.transaction():
        site.setup_site(db, name="滨江路集中隔离点(演示)", address="滨江路88号", preset="edition_8",
                        actor=a, now=start, room_ranges=_layout(rooms))
        site.update_settings(db, {"contact_person": "周建华", "contact_phone": "13900001234"}, a, start)
        all_rooms = repo.rooms(db)
        # A two-bed room on each floor for households, and a few rooms out of service.
        for r in all_rooms[3::10]:
            db.execute("UPDATE rooms SET beds = 2 WHERE id = ?", (r["id"],))
        for r in rng.sample(all_rooms, max(1, len(all_rooms) // 40)):
            room_service.take_out_of_service(db, r["id"], rng.choice(("空调故障", "卫生间漏水", "门锁损坏")), a, start)
        capacity = len(all_rooms)
        # The national protocol changed half-way: the 8th edition's 14 days, then the 9th's 7.
        switched = False
        for offset in range(-history_days, 1):
            day = today + timedelta(days=offset)

            def at(h, m=0, day=day):
                moment = datetime.combine(day, time(h, m))
                return min(moment, now - timedelta(minutes=1)) if day == today else moment

            if not switched and offset >= -history_days // 2:
                for category in ("close_contact", "inbound_traveller", "risk_area_arrival", "other",
                                 "secondary_contact"):
                    site.set_policy(db, PRESETS["edition_9"][category], a, at(7, 30))
                repo.set_setting(db, "policy_preset", "edition_9")
                switched = True
            # Terminal disinfection of rooms vacated before today.
            for r in repo.rooms(db, status="awaiting_disinfection"):
                if r["status_changed_at"][:10] < day.isoformat() and (offset < 0 or rng.random() < 0.5):
                    room_service.mark_disinfected(db, r["id"], a, at(8, 30))
            # Morning tests: sampled and (for past days) resulted negative.
            if offset < 0:
                repo.bulk_sample_due(db, day.isoformat(), at(7, 0).isoformat(), "negative",
                                     at(20, 0).isoformat(), a.username)
                repo.bulk_health_checks(db, day.isoformat(), "morning", at(7, 30).isoformat(), a.username)
            # Releases due whose gating allows it (today: some are still waiting).
            for s in repo.stays(db, statuses=("in_isolation",)):
                if s["release_date"] <= day.isoformat() and (offset < 0 or rng.random() < 0.4):
                    try:
                        stays.release(db, s["id"], a, at(10, rng.randint(0, 59)))
                    except DomainError:
                        pass  # gating refused: the person stays
            # Arrivals through the day, grouped by category so that floors hold one category
            # (the same rule suggest_room applies one person at a time).
            arrivals = max(2, capacity // 15) if offset < 0 else max(3, capacity // 40)
            regs = sorted((people.registration(_category(rng), day) for _ in range(arrivals)),
                          key=lambda r: r.category)
            free = [r["id"] for r in repo.rooms(db, status="ready") if r["beds"] == 1]
            for i, reg in enumerate(regs):
                if not free:
                    break
                try:
                    stays.check_in(db, reg, a, at(11 + (i * 8) // arrivals, rng.randint(0, 59)),
                                            room_id=free[0])
                except DomainError:
                    continue  # a category the current policy sends home, or a repeated ID
                free.pop(0)
            # A few parents arrive with a young child and share a two-bed room.
            two_bed = [r["id"] for r in repo.rooms(db, status="ready") if r["beds"] >= 2]
            for room_id in two_bed[:max(1, arrivals // 30)]:
                _household(db, people, rng, day, at(12, rng.randint(0, 59)), a, room_id)
            repo.bulk_sample_check_in_tests(db, day.isoformat(), "negative" if offset < 0 else None,
                                            at(21, 0).isoformat() if offset < 0 else None, a.username)
            if offset < 0:
                repo.bulk_health_checks(db, day.isoformat(), "evening", at(19, 30).isoformat(), a.username)
        _today_events(db, rng, now, a)
        shift.seed_demo(db, rng, now, a)  # issue 6: shift-log entries of the last days (services/shift.py)
        supplies.seed_demo(db, rng, now, a)  # issue 5: items and a stock ledger over the history (services/supplies.py)
        # issue 4: staff roster and staff daily tests (services/staff.py)
        __import__("isolation_desk.services.staff", fromlist=["staff"]).seed_demo(db, rng, now, a)
        repo.audit(db, actor=a.username, action="demo_generated", entity="site",
                   after={"rooms": capacity, "seed": seed, "history_days": history_days}, at=now)
    return {"rooms": len(all_rooms),
            "occupants": db.scalar("SELECT count(*) FROM stays WHERE status IN ('in_isolation', 'awaiting_transfer')")}


def _household(db: Database, people: _People, rng: random.Random, day: date, at: datetime,
               a: Actor, room_id: int) -> None:
    parent = people.registration(rng.choice(("close_contact", "inbound_traveller")), day)
    birth = date(day.year - rng.randint(2, 13), rng.randint(1, 12), rng.randint(1, 28))
    child = Registration(**{**parent.__dict__, "birth_date": birth, "special_needs": ("child",),
                            "name": parent.name[0] + rng.choice(GIVEN) + rng.choice(GIVEN),
                            "sex": rng.choice("MF"), "diet": "regular",
                            "id_number": make_resident_id(parent.id_number[:6], birth, people.seq % 500,
                                                          rng.choice("MF"))})
    child = Registration(**{**child.__dict__, "sex": "M" if int(child.id_number[16]) % 2 else "F"})
    try:
        host = stays.check_in(db, parent, a, at, room_id=room_id)
        stays.check_in(db, child, a, at, household_of=host.stay_id, household_role="child",
                       host_role="parent")
    except DomainError:
        pass  # a category the current policy sends home


def _today_events(db: Database, rng: random.Random, now: datetime, a: Actor) -> None:
    """Today's morning round and the stages a shift leader meets today."""
    today = now.date()
    morning = datetime.combine(today, time(7, 0))
    if now >= morning:
        repo.bulk_sample_due(db, today.isoformat(), morning.isoformat(), None, None, a.username,
                             fraction_permille=500)
        repo.bulk_health_checks(db, today.isoformat(), "morning", datetime.combine(today, time(7, 30)).isoformat(),
                                a.username, skip_permille=30)
    # Yesterday's samples: a few results still missing (overdue).
    yesterday = (today - timedelta(days=1)).isoformat()
    db.execute("UPDATE tests SET result = NULL, result_at = NULL, recorded_by = NULL WHERE id IN "
               "(SELECT t.id FROM tests t JOIN stays s ON s.id = t.stay_id WHERE t.due_date = ? "
               "AND t.sampled_at IS NOT NULL AND s.status = 'in_isolation' ORDER BY t.id LIMIT ?)",
               (yesterday, max(2, len(repo.rooms(db)) // 150)))
    present = repo.stays(db, statuses=("in_isolation",))
    if not present:
        return
    # Fevers this morning.
    for s in rng.sample(present, min(len(present), max(2, len(present) // 200))):
        health_checks.record_health_check(db, s["id"], min(now, datetime.combine(today, time(7, 40))),
                                    "morning", round(rng.uniform(37.3, 38.6), 1), ["fever", "dry_cough"],
                                    a, now)
    # One positive from yesterday's sampling, awaiting transfer.
    candidates = db.query("SELECT t.id FROM tests t JOIN stays s ON s.id = t.stay_id WHERE t.due_date = ? "
                          "AND t.sampled_at IS NOT NULL AND t.result IS NULL AND s.status = 'in_isolation' "
                          "ORDER BY t.id LIMIT 1", (yesterday,))
    if candidates:
        results.record_result(db, candidates[0]["id"], "positive", a,
                              min(now, datetime.combine(today, time(6, 30))), lab="市疾控中心实验室")
