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
from typing import Any

from ..domain.errors import DomainError
from ..domain.identity import make_resident_id
from ..domain.policy import PRESETS
from ..domain.registration import Registration
from ..domain.roles import Actor
from ..domain.vocabulary import Category, StayStatus
from ..storage import repo_demo as rdemo
from ..storage import repo_queries as rq
from ..storage import repo_site as rsite
from ..storage import repo_stays as rstays
from ..storage import repo_supplies as rsup
from ..storage import repositories as repo
from ..storage.database import Database
from . import health_checks, shift, site, staff, stays
from . import rooms as room_service
from .changes import Kind, writes
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
CATEGORY_WEIGHTS = ((Category.CLOSE_CONTACT, 55), (Category.INBOUND_TRAVELLER, 20),
                    (Category.RISK_AREA_ARRIVAL, 15), (Category.OTHER, 5), (Category.SECONDARY_CONTACT, 5))
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
            last_exposure_date=exposure if category in (Category.CLOSE_CONTACT, Category.SECONDARY_CONTACT) else None,
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
    return Category.CLOSE_CONTACT


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


@writes(*Kind)
def build_demo(db: Database, *, rooms: int = 300, seed: int = 1, now: datetime,
               history_days: int = 14) -> dict[str, Any]:
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
            rsite.set_room_beds(db, r["id"], 2)
        for r in rng.sample(all_rooms, max(1, len(all_rooms) // 40)):
            room_service.take_out_of_service(db, r["id"], rng.choice(("空调故障", "卫生间漏水", "门锁损坏")), a, start)
        capacity = len(all_rooms)
        # The national protocol changed half-way: the 8th edition's 14 days, then the 9th's 7.
        switched = False
        for offset in range(-history_days, 1):
            day = today + timedelta(days=offset)

            def at(h: int, m: int = 0, day: date = day) -> datetime:
                moment = datetime.combine(day, time(h, m))
                return min(moment, now - timedelta(minutes=1)) if day == today else moment

            if not switched and offset >= -history_days // 2:
                for category in (Category.CLOSE_CONTACT, Category.INBOUND_TRAVELLER, Category.RISK_AREA_ARRIVAL,
                                 Category.OTHER, Category.SECONDARY_CONTACT):
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
            for s in repo.stays(db, statuses=(StayStatus.IN_ISOLATION,)):
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
        shift.seed_demo(db, rng, now, a)  # shift-log entries of the last days
        _seed_supplies(db, rng, now, a)  # items and a stock ledger over the history
        staff.seed_demo(db, rng, now, a)  # staff roster and staff daily tests
        repo.audit(db, actor=a.username, action="demo_generated", entity="site",
                   after={"rooms": capacity, "seed": seed, "history_days": history_days}, at=now)
    return {"rooms": len(all_rooms),
            "occupants": rq.occupied_count(db)}


def _household(db: Database, people: _People, rng: random.Random, day: date, at: datetime,
               a: Actor, room_id: int) -> None:
    parent = people.registration(rng.choice((Category.CLOSE_CONTACT, Category.INBOUND_TRAVELLER)), day)
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
    rdemo.withdraw_results(db, yesterday, max(2, len(repo.rooms(db)) // 150))
    present = repo.stays(db, statuses=(StayStatus.IN_ISOLATION,))
    if not present:
        return
    # Fevers this morning.
    for s in rng.sample(present, min(len(present), max(2, len(present) // 200))):
        health_checks.record_health_check(db, s["id"], min(now, datetime.combine(today, time(7, 40))),
                                    "morning", round(rng.uniform(37.3, 38.6), 1), ["fever", "dry_cough"],
                                    a, now)
    # One positive from yesterday's sampling, awaiting transfer.
    candidate = rdemo.first_sample_without_result(db, yesterday)
    if candidate is not None:
        results.record_result(db, candidate, "positive", a,
                              min(now, datetime.combine(today, time(6, 30))), lab="市疾控中心实验室")


# -- the supplies ledger ------------------------------------------------------------
# name, category, unit, reorder level in days of final demand, critical, tracks expiry,
# consumption, rate, team it is issued to (None: the floors, by building)
DEMO_ITEMS = (
    ("医用防护口罩(N95)", "protective_equipment", "只", 3, 1, 1, "per_staff_shift", 2.0, "医疗组"),
    ("医用防护服", "protective_equipment", "套", 3, 1, 1, "per_staff_shift", 1.0, "医疗组"),
    ("医用外科口罩", "protective_equipment", "只", 3, 0, 1, "per_occupant_day", 1.0, None),
    ("医用乳胶手套", "protective_equipment", "双", 3, 0, 0, "per_staff_shift", 4.0, "保障组"),
    ("防护面屏", "protective_equipment", "个", 3, 0, 0, "per_staff_shift", 0.5, "采样组"),
    ("医用隔离鞋套", "protective_equipment", "双", 3, 0, 0, "per_staff_shift", 2.0, "保障组"),
    ("84消毒液(500ml)", "disinfectant", "瓶", 4, 0, 1, "per_occupant_day", 0.15, "消杀组"),
    ("75%酒精喷雾", "disinfectant", "瓶", 4, 0, 1, "per_staff_shift", 0.3, "保障组"),
    ("核酸采样拭子", "testing", "支", 3, 1, 1, "per_sample", 1.0, "采样组"),
    ("病毒采样管", "testing", "支", 3, 1, 1, "per_sample", 0.2, "采样组"),
    ("抗原检测试剂盒", "testing", "人份", 3, 0, 1, "per_sample", 0.1, "医疗组"),
    ("盒饭", "food_and_water", "份", 2, 1, 0, "per_occupant_day", 3.0, None),
    ("瓶装饮用水(550ml)", "food_and_water", "瓶", 3, 1, 1, "per_occupant_day", 3.0, None),
    ("布洛芬缓释胶囊", "medicine", "盒", 3, 0, 1, "unplanned", 0.0, "医疗组"),
    ("连花清瘟胶囊", "medicine", "盒", 3, 0, 1, "unplanned", 0.0, "医疗组"),
    ("卫生纸", "daily_necessities", "卷", 3, 0, 0, "per_occupant_day", 0.3, None),
    ("医疗废物包装袋", "medical_waste", "个", 3, 1, 0, "per_occupant_day", 1.0, "消杀组"),
    ("利器盒", "medical_waste", "个", 3, 0, 0, "unplanned", 0.0, "采样组"),
)
DEMO_SUPPLIERS = ("市应急物资储备中心", "区卫健委物资库", "华东医疗器械有限公司",
                  "爱心企业捐赠(恒信集团)", "红十字会捐赠")
DEMO_FOOD_SUPPLIERS = ("滨江餐饮配送中心", "市应急物资储备中心")
DEMO_MAKERS = ("稳健医疗", "振德医疗", "奥美医疗", "华大基因", "万孚生物", "蓝月亮")


def _demo_daily_use(kind: str, rate: float, occupants: int, samples: int, shifts: int,
                    rng: random.Random) -> float:
    base = {"per_occupant_day": occupants, "per_sample": samples, "per_staff_shift": shifts}
    if kind == "unplanned":
        return float(rng.randint(0, max(1, occupants // 40)))
    return math.ceil(rate * base[kind] * rng.uniform(0.9, 1.12))


def _present_per_day(db: Database, days: list[date]) -> list[int]:
    """People who spent some of each day at the site (checked in by its end, not gone before
    it began), from one grouped pass over the stays."""
    out = [0] * len(days)
    for r in rsup.stays_by_in_and_out_day(db):
        day_in = date.fromisoformat(r["day_in"])
        day_out = date.fromisoformat(r["day_out"]) if r["day_out"] else None
        for i, d in enumerate(days):
            if day_in <= d and (day_out is None or day_out >= d):
                out[i] += r["n"]
    return out


def _seed_supplies(db: Database, rng: random.Random, now: datetime, actor: Actor) -> dict[str, Any]:
    """A realistic ledger over the demo's history (runs inside build_demo's transaction):
    opening receipts, daily issues scaled by the occupants present each day (from the db),
    the samples taken and the shifts worked, deliveries when stock runs low, a damaged lot,
    a stock count, a transfer out; today a few items below their reorder level, a lot of
    antigen kits expiring soon. Bulk inserts; one audit entry."""
    today = now.date()
    first_in = rstays.first_check_in(db)
    start = date.fromisoformat(first_in[:10]) if first_in else today - timedelta(days=14)
    days = [start + timedelta(days=i) for i in range((today - start).days + 1)]
    occupants = _present_per_day(db, days)
    sampled = rsup.samples_by_day(db, start.isoformat())
    samples = [sampled.get(d.isoformat(), 0) for d in days]
    staff = rsup.active_staff(db)["staff"]
    peak = max(occupants + [1])
    shifts = [staff or max(6, math.ceil(n / 12)) for n in occupants]
    buildings = [b["code"] for b in repo.buildings(db)] or ["A"]
    final_use = {}
    item_ids = {}
    for name, category, unit, reorder_days, critical, expiry, kind, rate, _team in DEMO_ITEMS:
        use = _demo_daily_use(kind, rate, peak, max(samples + [1]), shifts[-1], random.Random(0)) \
            if kind != "unplanned" else max(2, peak // 40)
        final_use[name] = max(1.0, use)
        row = {"name": name, "category": category, "unit": unit,
               "reorder_level": float(math.ceil(final_use[name] * reorder_days)),
               "critical": critical, "tracks_expiry": expiry, "consumption": kind, "rate": rate,
               "active": 1}
        item_ids[name] = rsup.insert_item(db, row)
    # What runs low today, for the restock request and the handover sheet to show.
    starved = {"医用防护服": ("transfer_out", "城南隔离点(紧急支援)", None),
               "核酸采样拭子": ("adjustment", None, "批次召回(厂家通知)"),
               "卫生纸": ("adjustment", None, "仓库漏水受潮报废")}
    movements: list[tuple[Any, ...]] = []
    user = actor.username

    def moment(d: date, hh: int, mm: int = 0) -> str | None:
        at = datetime.combine(d, time(hh, mm))
        return at.isoformat() if at < now else None

    lot_seq = 0
    for name, category, _unit, _reorder_days, _critical, expiry, kind, rate, team in DEMO_ITEMS:
        item_id = item_ids[name]
        balances: list[list[Any]] = []  # [lot_id, expiry date or None, quantity]
        daily = final_use[name]

        # receive_lot and take read this item's loop variables (noqa: B023): both are
        # called in this iteration only, never after the loop moves on.
        def receive_lot(d: date, qty: float, hh: int, expiry_days: int | None = None,
                        party: str | None = None) -> None:
            nonlocal lot_seq
            at = moment(d, hh, rng.randint(0, 59))
            if at is None or qty <= 0:
                return
            lot_seq += 1
            lot_id, exp = None, None
            if expiry:  # noqa: B023
                exp = d + timedelta(days=expiry_days if expiry_days is not None else rng.randint(90, 700))
                lot_id = rsup.insert_lot(db, item_id, f"{d:%Y%m%d}{lot_seq:03d}",  # noqa: B023
                                       exp, rng.choice(DEMO_MAKERS))
            balances.append([lot_id, exp, qty])  # noqa: B023
            party = party or rng.choice(DEMO_FOOD_SUPPLIERS if category == "food_and_water"  # noqa: B023
                                        else DEMO_SUPPLIERS)
            movements.append((item_id, lot_id, at, "receipt", qty, party, None,  # noqa: B023
                              f"RK{d:%m%d}-{lot_seq:03d}", user))

        def take(d: date, qty: float, at: str | None, kind_: str, party: str | None,
                 reason: str | None = None) -> float:
            if at is None or qty <= 0:
                return 0.0
            balances.sort(key=lambda b: (b[1] is None, b[1] or date.max))  # noqa: B023
            left, taken = qty, 0.0
            for b in balances:  # noqa: B023
                if left <= 0:
                    break
                if b[1] is not None and b[1] < d:
                    continue
                q = min(b[2], left)
                if q <= 0:
                    continue
                b[2] -= q
                left -= q
                taken += q
                movements.append((item_id, b[0], at, kind_, -q, party, reason, None, user))  # noqa: B023
            return taken

        if name == "医用隔离鞋套":
            # new at the site: received yesterday, not issued yet; only the plan knows its use
            receive_lot(today - timedelta(days=1), 300, 15)
            continue
        # Opening stock a day before the first arrivals: about a week of the peak's use.
        opening_day = start
        receive_lot(opening_day, math.ceil(daily * rng.uniform(6, 8)), 8)
        for i, d in enumerate(days):
            if name == "抗原检测试剂盒" and (today - d).days == 3:
                # a donated lot, three weeks' worth, that expires before it can all be used
                receive_lot(d, math.ceil(daily * 20), 10, expiry_days=12, party="红十字会捐赠")
            use = _demo_daily_use(kind, rate, occupants[i], samples[i], shifts[i], rng)
            stock_now = sum(b[2] for b in balances if b[1] is None or b[1] >= d)
            if stock_now < use * 3 and i > 0:
                receive_lot(d, math.ceil(use * rng.uniform(6, 9) / 10) * 10, 9)
            if team is None:
                for code in buildings:
                    share = math.ceil(use / len(buildings))
                    take(d, share, moment(d, 6, 30), "issue", f"{code}栋")
            elif kind == "per_staff_shift":
                take(d, math.ceil(use / 2), moment(d, 7, 45), "issue", f"{team}(白班)")
                take(d, use // 2, moment(d, 19, 45), "issue", f"{team}(夜班)")
            else:
                take(d, use, moment(d, 6, 45), "issue", team)
        # A few exceptional movements of the history.
        def back(k: int) -> date:
            return today - timedelta(days=k)
        if name == "医用防护服":
            take(back(5), 6, moment(back(5), 14, 10), "adjustment", None, "破损报废(拉链损坏)")
        if name == "瓶装饮用水(550ml)":
            take(back(3), 12, moment(back(3), 16, 0), "count", None, "月度盘点")
        if name == "医用外科口罩":
            take(back(2), math.ceil(daily * 2), moment(back(2), 15, 20), "transfer_out", "城南隔离点(支援)")
        if name in starved:
            # Yesterday drained it (support sent to another site, a recalled lot): today it
            # is short, with about a day and a half left.
            kind_, party, reason = starved[name]
            left = sum(b[2] for b in balances if b[1] is None or b[1] >= today)
            excess = math.floor(left - use * 1.5)
            take(back(1), excess, moment(back(1), 16, 30), kind_, party, reason)
    rsup.insert_movements(db, movements)
    repo.audit(db, actor=user, action="supplies_demo_seeded", entity="supply_item",
               after={"items": len(DEMO_ITEMS), "movements": len(movements)}, at=now)
    return {"items": len(DEMO_ITEMS), "movements": len(movements)}
