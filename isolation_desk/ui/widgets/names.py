"""Words for the codes the domain uses (categories, statuses, ...), through Qt's translator.

Each function looks a code up and returns its translated word; an unknown code comes back
as itself, so that a new code shows up on screen rather than crashing it.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QT_TRANSLATE_NOOP


def _t(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


_CATEGORIES = {
    "close_contact": QT_TRANSLATE_NOOP("Names", "Close contact"),
    "secondary_contact": QT_TRANSLATE_NOOP("Names", "Secondary contact"),
    "inbound_traveller": QT_TRANSLATE_NOOP("Names", "Inbound traveller"),
    "risk_area_arrival": QT_TRANSLATE_NOOP("Names", "Risk-area arrival"),
    "other": QT_TRANSLATE_NOOP("Names", "Other"),
}
_STAY_STATUSES = {
    "expected": QT_TRANSLATE_NOOP("Names", "Expected"),
    "in_isolation": QT_TRANSLATE_NOOP("Names", "In isolation"),
    "awaiting_transfer": QT_TRANSLATE_NOOP("Names", "Awaiting transfer"),
    "released": QT_TRANSLATE_NOOP("Names", "Released"),
    "transferred": QT_TRANSLATE_NOOP("Names", "Transferred"),
    "left": QT_TRANSLATE_NOOP("Names", "Left"),
}
_ROOM_STATUSES = {
    "ready": QT_TRANSLATE_NOOP("Names", "Ready"),
    "occupied": QT_TRANSLATE_NOOP("Names", "Occupied"),
    "awaiting_disinfection": QT_TRANSLATE_NOOP("Names", "Awaiting disinfection"),
    "out_of_service": QT_TRANSLATE_NOOP("Names", "Out of service"),
}
_ID_TYPES = {
    "resident_id": QT_TRANSLATE_NOOP("Names", "Resident ID card"),
    "passport": QT_TRANSLATE_NOOP("Names", "Passport"),
    "hk_macau_permit": QT_TRANSLATE_NOOP("Names", "Hong Kong/Macau permit"),
    "taiwan_permit": QT_TRANSLATE_NOOP("Names", "Taiwan permit"),
    "foreign_permanent_id": QT_TRANSLATE_NOOP("Names", "Foreign permanent resident ID"),
    "other": QT_TRANSLATE_NOOP("Names", "Other document"),
}
_SEXES = {"M": QT_TRANSLATE_NOOP("Names", "Male"), "F": QT_TRANSLATE_NOOP("Names", "Female")}
_RESULTS = {
    "negative": QT_TRANSLATE_NOOP("Names", "Negative"),
    "positive": QT_TRANSLATE_NOOP("Names", "Positive"),
    "invalid": QT_TRANSLATE_NOOP("Names", "Invalid"),
    "pending": QT_TRANSLATE_NOOP("Names", "Pending"),
}
_COUNTED_FROM = {
    "last_exposure": QT_TRANSLATE_NOOP("Names", "Last exposure"),
    "arrival": QT_TRANSLATE_NOOP("Names", "Arrival"),
}
_PRESETS = {
    "edition_8": QT_TRANSLATE_NOOP("Names", "Protocol 8th edition (2021)"),
    "edition_9": QT_TRANSLATE_NOOP("Names", "Protocol 9th edition (June 2022)"),
    "twenty_measures": QT_TRANSLATE_NOOP("Names", "\"20 measures\" (November 2022)"),
}
_EVENTS = {
    "expected": QT_TRANSLATE_NOOP("Names", "Registered as expected"),
    "check_in": QT_TRANSLATE_NOOP("Names", "Checked in"),
    "move": QT_TRANSLATE_NOOP("Names", "Moved"),
    "extend": QT_TRANSLATE_NOOP("Names", "Release extended"),
    "bring_forward": QT_TRANSLATE_NOOP("Names", "Release brought forward"),
    "restart": QT_TRANSLATE_NOOP("Names", "Isolation restarted"),
    "release": QT_TRANSLATE_NOOP("Names", "Released"),
    "override_release": QT_TRANSLATE_NOOP("Names", "Released by manager override"),
    "awaiting_transfer": QT_TRANSLATE_NOOP("Names", "Marked for transfer"),
    "transfer": QT_TRANSLATE_NOOP("Names", "Transferred out"),
    "left": QT_TRANSLATE_NOOP("Names", "Left"),
    "cancel": QT_TRANSLATE_NOOP("Names", "Arrival cancelled"),
    "policy_change": QT_TRANSLATE_NOOP("Names", "Policy applied"),
}
_TRANSFER_KINDS = {
    "hospital": QT_TRANSLATE_NOOP("Names", "Designated hospital"),
    "other_site": QT_TRANSLATE_NOOP("Names", "Another site"),
}
_PURPOSES = {
    "scheduled": QT_TRANSLATE_NOOP("Names", "Scheduled"),
    "check_in": QT_TRANSLATE_NOOP("Names", "Check-in"),
    "release": QT_TRANSLATE_NOOP("Names", "Release"),
    "second_lab": QT_TRANSLATE_NOOP("Names", "Second lab"),
    "retest": QT_TRANSLATE_NOOP("Names", "Retest"),
    "regime": QT_TRANSLATE_NOOP("Names", "Regime"),
    "surface": QT_TRANSLATE_NOOP("Names", "Surface"),
    "staff": QT_TRANSLATE_NOOP("Names", "Staff"),
}


_cache: dict[tuple[int, object], str] = {}
_watcher = None


def clear_cache() -> None:
    """Forget the translated words (done by itself when a translator comes or goes)."""
    _cache.clear()


class _LanguageWatcher(QObject):
    """Installing or removing a translator sends LanguageChange to the application."""

    def eventFilter(self, obj, event):
        if event.type() == QEvent.LanguageChange:
            _cache.clear()
        return False


def _watch() -> None:
    global _watcher
    app = QCoreApplication.instance()
    if app is not None:
        _watcher = _LanguageWatcher(app)
        app.installEventFilter(_watcher)


def _lookup(table: dict, code) -> str:
    # Lists of thousands of rows look the same few codes up: translate each once.
    key = (id(table), code)
    word = _cache.get(key)
    if word is None:
        if code is None:
            return ""
        if _watcher is None:
            _watch()
        text = table.get(code)
        word = _t("Names", text) if text else str(code)
        if _watcher is not None:
            _cache[key] = word
    return word


def category(code) -> str: return _lookup(_CATEGORIES, code)
def stay_status(code) -> str: return _lookup(_STAY_STATUSES, code)
def room_status(code) -> str: return _lookup(_ROOM_STATUSES, code)
def id_type(code) -> str: return _lookup(_ID_TYPES, code)
def sex(code) -> str: return _lookup(_SEXES, code)
def result(code) -> str: return _lookup(_RESULTS, code)
def counted_from(code) -> str: return _lookup(_COUNTED_FROM, code)
def preset(code) -> str: return _lookup(_PRESETS, code)
def event(code) -> str: return _lookup(_EVENTS, code)
def transfer_kind(code) -> str: return _lookup(_TRANSFER_KINDS, code)
def purpose(code) -> str: return _lookup(_PURPOSES, code)


CATEGORY_CODES = tuple(_CATEGORIES)
ROOM_STATUS_CODES = tuple(_ROOM_STATUSES)
ID_TYPE_CODES = tuple(_ID_TYPES)
PRESET_CODES = tuple(_PRESETS)
TRANSFER_KIND_CODES = tuple(_TRANSFER_KINDS)
