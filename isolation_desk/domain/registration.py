"""A registration as the front desk, an import row or the command line gives it, validated
by one function so that every door into the database applies the same rules."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .cells import normalize_text
from .date_parsing import parse_date
from .errors import DomainError
from .households import DIETS, SPECIAL_NEEDS
from .identity import normalize_phone, parse_id_type, parse_resident_id, parse_sex, validate_document
from .policy import parse_category


@dataclass(frozen=True)
class Registration:
    name: str
    id_type: str
    id_number: str
    sex: str | None
    birth_date: date | None
    phone: str | None
    category: str
    last_exposure_date: date | None = None
    arrival_date: date | None = None
    registered_address: str = ""
    current_address: str = ""
    origin: str = ""
    special_needs: tuple[str, ...] = ()
    diet: str = "regular"
    notes: str = ""
    destination_community: str = ""
    community_contact: str = ""
    community_phone: str = ""


NAME_MAX = 40

# The words a refusal uses for each free-text field (English, Chinese).
TEXT_FIELDS = {
    "name": ("name", "姓名"),
    "registered_address": ("registered address", "户籍地址"),
    "current_address": ("current address", "现住址"),
    "origin": ("place of origin", "来源地"),
    "notes": ("notes", "备注"),
    "destination_community": ("destination community", "去往街镇/社区"),
    "community_contact": ("community contact", "社区联系人"),
}
# Right-to-left overrides and isolates (U+202A-U+202E, U+2066-U+2069) reorder what a
# printout shows; the other control characters (NUL, BEL, ESC ...) cut or garble it.
_BIDI_CONTROLS = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))


def clean_text(raw: object, field: str) -> str:
    """``normalize_text`` (tabs and line breaks become spaces), then refuse what is left of
    the control characters: text_control_character with the field and the position."""
    text = normalize_text(raw)
    for position, ch in enumerate(text, start=1):
        code = ord(ch)
        if code < 0x20 or 0x7F <= code < 0xA0 or code in _BIDI_CONTROLS:
            what, what_zh = TEXT_FIELDS.get(field, (field, field))
            raise DomainError("text_control_character", field=field, position=position,
                              what=what, what_zh=what_zh)
    return text


def validate_name(raw: object) -> str:
    name = clean_text(raw, "name")
    # Minority names use a middle dot; spreadsheets write it several ways.
    for dot in ("•", "・", "∙", "‧", "．", "。"):
        name = name.replace(dot, "·")
    if not name:
        raise DomainError("name_empty", field="name")
    if len(name) > NAME_MAX or any(ch.isdigit() for ch in name):
        raise DomainError("name_invalid", field="name", value=name)
    return name


def validate_registration(fields: dict[str, Any], today: date, *, phone_required: bool = False) -> Registration:
    """Validate raw form or spreadsheet fields; raise DomainError naming the first bad field."""
    name = validate_name(fields.get("name"))
    id_type = parse_id_type(fields.get("id_type"))
    sex = fields.get("sex")
    birth = fields.get("birth_date")
    if id_type == "resident_id":
        rid = parse_resident_id(fields.get("id_number"), today)  # what validate_document does, once
        id_number = rid.number
        birth = rid.birth_date
        if sex not in (None, "") and parse_sex(sex) != rid.sex:
            raise DomainError("sex_mismatch_id", field="sex")
        sex = rid.sex
    else:
        id_number = validate_document(id_type, fields.get("id_number"), today)
        sex = parse_sex(sex) if sex not in (None, "") else None
        birth = parse_date(birth, today, field="birth_date") if birth not in (None, "") else None
    phone_raw = fields.get("phone")
    if phone_raw in (None, "") or (isinstance(phone_raw, str) and not normalize_text(phone_raw)):
        if phone_required:
            raise DomainError("phone_empty", field="phone")
        phone = None
    else:
        phone = normalize_phone(phone_raw)
    category = parse_category(fields.get("category"))
    exposure = fields.get("last_exposure_date")
    arrival = fields.get("arrival_date")
    exposure = parse_date(exposure, today, field="last_exposure_date") if exposure not in (None, "") else None
    arrival = parse_date(arrival, today, field="arrival_date") if arrival not in (None, "") else None
    if exposure and arrival and exposure > arrival and category == "close_contact":
        pass  # exposure after arrival happens (exposed while travelling); not an error
    needs = tuple(sorted({n for n in (fields.get("special_needs") or ()) if n}))
    for n in needs:
        if n not in SPECIAL_NEEDS:
            raise DomainError("special_need_unknown", field="special_needs", value=n)
    diet = fields.get("diet") or "regular"
    if diet not in DIETS:
        raise DomainError("diet_unknown", field="diet", value=diet)
    community_phone = fields.get("community_phone")
    try:
        community_phone = normalize_phone(community_phone) if community_phone not in (None, "") else ""
    except DomainError as exc:  # normalize_phone names "phone"; this is the community's number
        raise DomainError(exc.code, field="community_phone", **exc.params) from None
    return Registration(
        name=name, id_type=id_type, id_number=id_number, sex=sex, birth_date=birth, phone=phone,
        category=category, last_exposure_date=exposure, arrival_date=arrival,
        registered_address=clean_text(fields.get("registered_address"), "registered_address"),
        current_address=clean_text(fields.get("current_address"), "current_address"),
        origin=clean_text(fields.get("origin"), "origin"),
        special_needs=needs, diet=diet, notes=clean_text(fields.get("notes"), "notes"),
        destination_community=clean_text(fields.get("destination_community"), "destination_community"),
        community_contact=clean_text(fields.get("community_contact"), "community_contact"),
        community_phone=community_phone,
    )
