"""Who may share a room (DOMAIN.md): one person one room, except a household registered as
a group — children of 14 or under with a parent who is also isolated, or one designated
carer for a child, a pregnant woman or a person who cannot look after themselves. The
elderly and the chronically ill may not be carers."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .errors import DomainError

SPECIAL_NEEDS = ("elderly", "child", "pregnancy", "chronic_illness", "disability", "cannot_self_care")
DIETS = ("regular", "halal", "vegetarian", "diabetic", "soft", "infant")
ROLES = ("parent", "child", "carer", "dependant")
CHILD_MAX_AGE = 14
ELDERLY_MIN_AGE = 65


def age_on(birth_date: date | None, today: date) -> int | None:
    if birth_date is None:
        return None
    years = today.year - birth_date.year
    if (today.month, today.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


@dataclass(frozen=True)
class Member:
    role: str  # parent, child, carer, dependant
    age: int | None
    needs: frozenset[str] = field(default_factory=frozenset)


def check_household(members: list[Member]) -> None:
    """Refuse a room-sharing group the rules do not allow (reason codes)."""
    if len(members) <= 1:
        return
    for m in members:
        if m.role not in ROLES:
            raise DomainError("household_role_unknown", value=m.role)
    parents = [m for m in members if m.role == "parent"]
    children = [m for m in members if m.role == "child"]
    carers = [m for m in members if m.role == "carer"]
    dependants = [m for m in members if m.role == "dependant"]
    for c in children:
        if c.age is None:  # no birth date: say so, not "too old"
            raise DomainError("birth_date_needed", field="birth_date")
        if c.age > CHILD_MAX_AGE:
            raise DomainError("household_child_too_old", max_age=CHILD_MAX_AGE)
    if parents and (carers or dependants):
        raise DomainError("household_mixed")
    if parents:
        if not children:
            raise DomainError("household_no_child")
        return
    if children and not carers:
        raise DomainError("household_no_parent")
    if len(carers) != 1:
        raise DomainError("household_one_carer")
    carer = carers[0]
    if (carer.age is not None and carer.age >= ELDERLY_MIN_AGE) or \
            {"elderly", "chronic_illness"} & set(carer.needs):
        raise DomainError("household_carer_unfit")
    cared_for = children + dependants
    if not cared_for:
        raise DomainError("household_no_dependant")
    for d in dependants:
        if not ({"pregnancy", "cannot_self_care", "disability", "elderly"} & set(d.needs)):
            raise DomainError("household_dependant_not_eligible")


# -- who needs a carer in the room (issue 14) ----------------------------------------
# DOMAIN.md: children "of 14 or under" may share with a parent; the same bound decides who
# must not be left alone in a room (the "under 14" is the stricter reading: a
# 14-year-old is still a child here).
NEEDS_CARER = frozenset({"cannot_self_care", "child"})


def needs_carer(m: Member) -> bool:
    """A minor (14 or under, or registered as the household's child) or a person marked as
    needing a carer."""
    return (m.role == "child" or (m.age is not None and m.age <= CHILD_MAX_AGE)
            or bool(NEEDS_CARER & set(m.needs)))


def can_care(m: Member) -> bool:
    """An adult of the household who can stay with the others."""
    return not needs_carer(m) and (m.age is None or m.age >= 18) and m.role in ("parent", "carer")


def left_without_carer(members: list[Member]) -> bool:
    """True when the group in one room holds someone who needs a carer and nobody who can care."""
    return any(needs_carer(m) for m in members) and not any(can_care(m) for m in members)
