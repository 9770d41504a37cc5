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
    "community_notified": QT_TRANSLATE_NOOP("Names", "Community told of the release"),
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

# The audit trail's actions and record types (services write them with repositories.audit;
# tests/ui/test_audit_words.py fails when a written code has no word here). Their own
# context: the action "check_in" is not the test purpose "check_in" of Names.
_AUDIT = "AuditWords"
_AUDIT_ACTIONS = {
    # accounts
    "create_first_manager": QT_TRANSLATE_NOOP("AuditWords", "First manager account created"),
    "create_user": QT_TRANSLATE_NOOP("AuditWords", "User account created"),
    "sign_in": QT_TRANSLATE_NOOP("AuditWords", "Signed in"),
    "sign_in_failed": QT_TRANSLATE_NOOP("AuditWords", "Failed sign-in"),
    "sign_out": QT_TRANSLATE_NOOP("AuditWords", "Signed out"),
    "change_password": QT_TRANSLATE_NOOP("AuditWords", "Password changed"),
    "change_password_failed": QT_TRANSLATE_NOOP("AuditWords", "Failed password change"),
    "reset_password": QT_TRANSLATE_NOOP("AuditWords", "Password reset"),
    "activate_user": QT_TRANSLATE_NOOP("AuditWords", "User account reactivated"),
    "deactivate_user": QT_TRANSLATE_NOOP("AuditWords", "User account deactivated"),
    "set_role": QT_TRANSLATE_NOOP("AuditWords", "Role changed"),
    # site, settings, policies, rooms
    "update_settings": QT_TRANSLATE_NOOP("AuditWords", "Settings changed"),
    "set_policy": QT_TRANSLATE_NOOP("AuditWords", "Policy edited"),
    "apply_preset": QT_TRANSLATE_NOOP("AuditWords", "Policy preset applied"),
    "apply_policy": QT_TRANSLATE_NOOP("AuditWords", "Policy applied to occupants"),
    "create_rooms": QT_TRANSLATE_NOOP("AuditWords", "Rooms created"),
    "disinfected": QT_TRANSLATE_NOOP("AuditWords", "Room disinfected"),
    "out_of_service": QT_TRANSLATE_NOOP("AuditWords", "Room taken out of service"),
    "back_in_service": QT_TRANSLATE_NOOP("AuditWords", "Room back in service"),
    "daily_template": QT_TRANSLATE_NOOP("AuditWords", "Daily report template changed"),
    "demo_generated": QT_TRANSLATE_NOOP("AuditWords", "Demo site generated"),
    # papers (print_<paper>, services.papers.record_printed)
    "print_handover": QT_TRANSLATE_NOOP("AuditWords", "Handover sheet printed"),
    "print_roster": QT_TRANSLATE_NOOP("AuditWords", "Roster printed"),
    "print_door_cards": QT_TRANSLATE_NOOP("AuditWords", "Door cards printed"),
    "print_release_notice": QT_TRANSLATE_NOOP("AuditWords", "Release notices printed"),
    "print_release_notices": QT_TRANSLATE_NOOP("AuditWords", "Release notices printed"),
    "print_daily_report": QT_TRANSLATE_NOOP("AuditWords", "Daily report printed"),
    "print_sampling_list": QT_TRANSLATE_NOOP("AuditWords", "Sampling list printed"),
    "print_restock": QT_TRANSLATE_NOOP("AuditWords", "Restock request printed"),
    "print_recovery_sheet": QT_TRANSLATE_NOOP("AuditWords", "Recovery sheet printed"),
    # shift log
    "shift_log_entry": QT_TRANSLATE_NOOP("AuditWords", "Shift log entry written"),
    "shift_log_resolved": QT_TRANSLATE_NOOP("AuditWords", "Shift log item resolved"),
    # data: backups, exports, imports
    "backup": QT_TRANSLATE_NOOP("AuditWords", "Backup made"),
    "audit_keyed": QT_TRANSLATE_NOOP("AuditWords", "Audit trail sealed with the site key"),
    "restore": QT_TRANSLATE_NOOP("AuditWords", "Restored from a backup"),
    "export_personal": QT_TRANSLATE_NOOP("AuditWords", "Personal data exported"),
    "import_results": QT_TRANSLATE_NOOP("AuditWords", "Lab results imported"),
    "import_arrivals": QT_TRANSLATE_NOOP("AuditWords", "Arrivals imported"),
    "forget_arrivals_mapping": QT_TRANSLATE_NOOP("AuditWords", "Arrivals column choice forgotten"),
    # staff
    "add_staff": QT_TRANSLATE_NOOP("AuditWords", "Staff member added"),
    "deactivate_staff": QT_TRANSLATE_NOOP("AuditWords", "Staff member deactivated"),
    "plan_staff_tests": QT_TRANSLATE_NOOP("AuditWords", "Staff tests planned"),
    # supplies
    "supply_item_created": QT_TRANSLATE_NOOP("AuditWords", "Supply item created"),
    "supply_item_updated": QT_TRANSLATE_NOOP("AuditWords", "Supply item changed"),
    "stock_received": QT_TRANSLATE_NOOP("AuditWords", "Stock received"),
    "stock_issued": QT_TRANSLATE_NOOP("AuditWords", "Stock issued"),
    "stock_transferred_out": QT_TRANSLATE_NOOP("AuditWords", "Stock transferred out"),
    "stock_adjusted": QT_TRANSLATE_NOOP("AuditWords", "Stock adjusted"),
    "stock_counted": QT_TRANSLATE_NOOP("AuditWords", "Stock counted"),
    "supplies_demo_seeded": QT_TRANSLATE_NOOP("AuditWords", "Demo supplies added"),
    # stays
    "register_expected": QT_TRANSLATE_NOOP("AuditWords", "Arrival registered"),
    "cancel_expected": QT_TRANSLATE_NOOP("AuditWords", "Arrival cancelled"),
    "check_in": QT_TRANSLATE_NOOP("AuditWords", "Check-in"),
    "move": QT_TRANSLATE_NOOP("AuditWords", "Moved to another room"),
    "extend": QT_TRANSLATE_NOOP("AuditWords", "Release extended"),
    "bring_forward": QT_TRANSLATE_NOOP("AuditWords", "Release brought forward"),
    "restart_isolation": QT_TRANSLATE_NOOP("AuditWords", "Isolation restarted"),
    "undo_restart": QT_TRANSLATE_NOOP("AuditWords", "Isolation restart undone"),
    "release": QT_TRANSLATE_NOOP("AuditWords", "Release"),
    "awaiting_transfer": QT_TRANSLATE_NOOP("AuditWords", "Marked for transfer"),
    "transfer_out": QT_TRANSLATE_NOOP("AuditWords", "Transferred out"),
    "end_stay": QT_TRANSLATE_NOOP("AuditWords", "Stay ended (other reason)"),
    "community_notified": QT_TRANSLATE_NOOP("AuditWords", "Community told of the release"),
    # tests and health
    "sample": QT_TRANSLATE_NOOP("AuditWords", "Sample taken"),
    "new_pool": QT_TRANSLATE_NOOP("AuditWords", "Pool opened"),
    "result": QT_TRANSLATE_NOOP("AuditWords", "Test result entered"),
    "pool_result": QT_TRANSLATE_NOOP("AuditWords", "Pool result entered"),
    "results": QT_TRANSLATE_NOOP("AuditWords", "Results entered (batch)"),
    "acknowledge_alert": QT_TRANSLATE_NOOP("AuditWords", "Alert acknowledged"),
    "set_regime": QT_TRANSLATE_NOOP("AuditWords", "Test regime changed"),
    "health_check": QT_TRANSLATE_NOOP("AuditWords", "Health check"),
}
_AUDIT_RECORDS = {
    "user": QT_TRANSLATE_NOOP("AuditWords", "User account"),
    "settings": QT_TRANSLATE_NOOP("AuditWords", "Settings"),
    "policy": QT_TRANSLATE_NOOP("AuditWords", "Policy"),
    "building": QT_TRANSLATE_NOOP("AuditWords", "Building"),
    "room": QT_TRANSLATE_NOOP("AuditWords", "Room"),
    "site": QT_TRANSLATE_NOOP("AuditWords", "Site"),
    "paper": QT_TRANSLATE_NOOP("AuditWords", "Printed paper"),
    "shift_log": QT_TRANSLATE_NOOP("AuditWords", "Shift log"),
    "database": QT_TRANSLATE_NOOP("AuditWords", "Database"),
    "export": QT_TRANSLATE_NOOP("AuditWords", "Data export"),
    "import": QT_TRANSLATE_NOOP("AuditWords", "Data import"),
    "staff": QT_TRANSLATE_NOOP("AuditWords", "Staff member"),
    "supply_item": QT_TRANSLATE_NOOP("AuditWords", "Supply item"),
    "stay": QT_TRANSLATE_NOOP("AuditWords", "Stay"),
    "test": QT_TRANSLATE_NOOP("AuditWords", "Test"),
    "pool": QT_TRANSLATE_NOOP("AuditWords", "Pool"),
    "alert": QT_TRANSLATE_NOOP("AuditWords", "Alert"),
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


def _lookup(table: dict, code, context: str = "Names") -> str:
    # Lists of thousands of rows look the same few codes up: translate each once.
    key = (id(table), code)
    word = _cache.get(key)
    if word is None:
        if code is None:
            return ""
        if _watcher is None:
            _watch()
        text = table.get(code)
        word = _t(context, text) if text else str(code)
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
def audit_action(code) -> str: return _lookup(_AUDIT_ACTIONS, code, _AUDIT)
def audit_record(code) -> str: return _lookup(_AUDIT_RECORDS, code, _AUDIT)


CATEGORY_CODES = tuple(_CATEGORIES)
ROOM_STATUS_CODES = tuple(_ROOM_STATUSES)
ID_TYPE_CODES = tuple(_ID_TYPES)
PRESET_CODES = tuple(_PRESETS)
TRANSFER_KIND_CODES = tuple(_TRANSFER_KINDS)
AUDIT_ACTION_CODES = tuple(_AUDIT_ACTIONS)
AUDIT_RECORD_CODES = tuple(_AUDIT_RECORDS)
