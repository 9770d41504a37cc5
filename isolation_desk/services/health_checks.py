"""Health checks: the morning and evening temperature round, symptoms, fevers."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from ..domain.cells import parse_temperature
from ..domain.errors import DomainError
from ..domain.identity import mask_id
from ..domain.roles import Actor
from ..domain.vocabulary import ON_SITE, CheckSlot
from ..storage import repo_tests as rt
from ..storage import repositories as repo
from ..storage.database import Database
from .changes import Kind, writes
from .site import get_settings
from .testing.common import Row, check_time, secs

SLOTS: tuple[str, ...] = tuple(s.value for s in CheckSlot)
SYMPTOMS = ("fever", "dry_cough", "sputum", "sore_throat", "fatigue", "runny_nose", "headache",
            "muscle_ache", "short_breath", "chest_tightness", "smell_taste_loss", "diarrhoea")


@writes(Kind.HEALTH)
def record_health_check(db: Database, stay_id: int, taken_at: datetime, slot: str,
                        temperature: float | None, symptoms: list[str], actor: Actor,
                        now: datetime) -> int:
    actor.require("health")
    if slot not in SLOTS:
        raise DomainError("slot_unknown", value=slot)
    if temperature is not None and not 34.0 <= temperature <= 43.0:
        raise DomainError("temperature_out_of_range", field="temperature", value=temperature)
    check_time(taken_at, now, "taken_at")
    unknown = [x for x in symptoms if x not in SYMPTOMS]
    if unknown:
        raise DomainError("symptom_unknown", field="symptoms", value=unknown[0])
    s = repo.stay(db, stay_id)
    if s is None or s["status"] not in ON_SITE:
        raise DomainError("stay_not_active", status=s["status"] if s else "unknown")
    with db.transaction():
        check_id = rt.replace_health_check(db, {
            "stay_id": stay_id, "taken_at": secs(taken_at), "slot": slot,
            "temperature": temperature, "symptoms": ",".join(sorted(set(symptoms))),
            "recorded_by": actor.username})
        repo.audit(db, actor=actor.username, action="health_check", entity="stay", entity_id=stay_id,
                   after={"slot": slot, "temperature": temperature, "symptoms": symptoms}, at=now)
    return check_id


@writes(Kind.HEALTH)
def record_temperature(db: Database, stay_id: int, slot: str, raw: object, symptoms: list[str],
                       actor: Actor, now: datetime, taken_at: datetime | None = None) -> float:
    """A temperature as typed (36.5, 36,5, 36.5℃); 3.7 or 373 is refused, never guessed."""
    actor.require("health")
    value = parse_temperature(raw)
    record_health_check(db, stay_id, taken_at or now, slot, value, symptoms, actor, now)
    return value


def health_round(db: Database, day: date, slot: str, now: datetime, *, building: str | None = None,
                 floor: int | None = None) -> list[Row]:
    """One floor's (or the site's) morning or evening round: each person with the reading,
    fever (at the site's threshold) and missing flags."""
    if slot not in SLOTS:
        raise DomainError("slot_unknown", value=slot)
    threshold = get_settings(db).fever_threshold
    rows = []
    for r in rt.health_round(db, day.isoformat(), slot, building=building, floor=floor):
        r = dict(r)
        r["id_masked"] = mask_id(r["id_number"])
        r["fever"] = r["temperature"] is not None and r["temperature"] >= threshold
        # nobody owes a morning reading for a morning they arrived after
        late = slot == CheckSlot.MORNING and (r["checked_in_at"] or "")[:16] >= f"{day.isoformat()}T12:00"
        r["missing"] = r["check_id"] is None and not late
        rows.append(r)
    return rows


def slot_for(now: datetime) -> str:
    return CheckSlot.MORNING.value if now.hour < 14 else CheckSlot.EVENING.value


def fevers(db: Database, now: datetime) -> list[Row]:
    """Readings at or above the site's fever threshold in the last 24 hours."""
    threshold = get_settings(db).fever_threshold
    return rt.fevers_since(db, secs(now - timedelta(hours=24)).isoformat(), threshold)
