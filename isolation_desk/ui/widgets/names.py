"""Words for the codes the domain uses (categories, statuses, ...), through Qt's translator.

Each function looks a code up and returns its translated word; an unknown code comes back
as itself, so that a new code shows up on screen rather than crashing it.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject


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


# -- the audit trail's fields and their values -----------------------------------------------
# Values in the screens' own words: the same (context, source) the screens translate.
_SYMPTOMS = {
    "fever": QT_TRANSLATE_NOOP("TodayScreen", "fever"),
    "dry_cough": QT_TRANSLATE_NOOP("TodayScreen", "dry cough"),
    "sputum": QT_TRANSLATE_NOOP("TodayScreen", "sputum"),
    "sore_throat": QT_TRANSLATE_NOOP("TodayScreen", "sore throat"),
    "fatigue": QT_TRANSLATE_NOOP("TodayScreen", "fatigue"),
    "runny_nose": QT_TRANSLATE_NOOP("TodayScreen", "runny or blocked nose"),
    "headache": QT_TRANSLATE_NOOP("TodayScreen", "headache"),
    "muscle_ache": QT_TRANSLATE_NOOP("TodayScreen", "muscle ache"),
    "short_breath": QT_TRANSLATE_NOOP("TodayScreen", "shortness of breath"),
    "chest_tightness": QT_TRANSLATE_NOOP("TodayScreen", "chest tightness"),
    "smell_taste_loss": QT_TRANSLATE_NOOP("TodayScreen", "loss of smell or taste"),
    "diarrhoea": QT_TRANSLATE_NOOP("TodayScreen", "diarrhoea"),
}
_SLOTS = {"morning": QT_TRANSLATE_NOOP("HealthScreen", "Morning"),
          "evening": QT_TRANSLATE_NOOP("HealthScreen", "Evening")}
_REGIMES = {"daily": QT_TRANSLATE_NOOP("TestsScreen", "daily"),
            "three_in_five": QT_TRANSLATE_NOOP("TestsScreen", "3 in 5 days")}
_STAFF_ROLES = {code: text for code, text in (
    ("doctor", QT_TRANSLATE_NOOP("TestsScreen", "doctor")), ("nurse", QT_TRANSLATE_NOOP("TestsScreen", "nurse")),
    ("security", QT_TRANSLATE_NOOP("TestsScreen", "security")),
    ("cleaner", QT_TRANSLATE_NOOP("TestsScreen", "cleaner")),
    ("logistics", QT_TRANSLATE_NOOP("TestsScreen", "logistics")),
    ("manager", QT_TRANSLATE_NOOP("TestsScreen", "manager")), ("other", QT_TRANSLATE_NOOP("TestsScreen", "other")))}
_USER_ROLES = {"medical": QT_TRANSLATE_NOOP("UsersDialog", "Medical"),
               "front_desk": QT_TRANSLATE_NOOP("UsersDialog", "Front desk"),
               "viewer": QT_TRANSLATE_NOOP("UsersDialog", "Viewer (read only)")}
_LOG_KINDS = {"note": QT_TRANSLATE_NOOP("HandoverScreen", "Note"),
              "incident": QT_TRANSLATE_NOOP("HandoverScreen", "Incident"),
              "instruction": QT_TRANSLATE_NOOP("HandoverScreen", "Instruction")}
_AUDIT_REASONS = {
    "room_mate_positive": QT_TRANSLATE_NOOP("AuditWords", "Room mate tested positive"),
    "wrong_password": QT_TRANSLATE_NOOP("AuditWords", "Wrong password"),
    "unknown_user": QT_TRANSLATE_NOOP("AuditWords", "Unknown user name"),
    "inactive": QT_TRANSLATE_NOOP("AuditWords", "Account deactivated"),
    "locked": QT_TRANSLATE_NOOP("AuditWords", "Account locked"),
    "quit": QT_TRANSLATE_NOOP("AuditWords", "Program closed"),
    "switch_user": QT_TRANSLATE_NOOP("AuditWords", "Another user signed in"),
    "sign_out": QT_TRANSLATE_NOOP("AuditWords", "Signed out"),
    "import_unmatched": QT_TRANSLATE_NOOP("AuditWords", "Not matched to anyone at the site"),
}
_SUPPLY_CATEGORIES = {
    "protective_equipment": QT_TRANSLATE_NOOP("SupplyWords", "Protective equipment"),
    "disinfectant": QT_TRANSLATE_NOOP("SupplyWords", "Disinfectant"),
    "testing": QT_TRANSLATE_NOOP("SupplyWords", "Testing"),
    "food_and_water": QT_TRANSLATE_NOOP("SupplyWords", "Food and water"),
    "medicine": QT_TRANSLATE_NOOP("SupplyWords", "Medicine"),
    "daily_necessities": QT_TRANSLATE_NOOP("SupplyWords", "Daily necessities"),
    "medical_waste": QT_TRANSLATE_NOOP("SupplyWords", "Medical waste"),
}
_CONSUMPTION = {
    "per_occupant_day": QT_TRANSLATE_NOOP("SupplyWords", "Per occupant per day"),
    "per_staff_shift": QT_TRANSLATE_NOOP("SupplyWords", "Per staff shift"),
    "per_sample": QT_TRANSLATE_NOOP("SupplyWords", "Per sample"),
    "unplanned": QT_TRANSLATE_NOOP("SupplyWords", "Unplanned"),
}
_TEST_KINDS = {"pcr": QT_TRANSLATE_NOOP("TestsScreen", "PCR"), "antigen": QT_TRANSLATE_NOOP("TestsScreen", "Antigen")}
_MOVEMENT_KINDS = {"receipt": QT_TRANSLATE_NOOP("AuditWords", "Receipt"), "count": QT_TRANSLATE_NOOP("AuditWords", "Sto"
                                                                                                                   "ck "
                                                                                                                   "cou"
                                                                                                                   "n"
                                                                                                                   "t"),
                   "adjustment": QT_TRANSLATE_NOOP("AuditWords", "Adjustment"),
                   "results": QT_TRANSLATE_NOOP("AuditWords", "Results"), "pcr": QT_TRANSLATE_NOOP("AuditWords", "PCR "
                                                                                                                 "tes"
                                                                                                                 "t")}


def _words(*tables):
    """A value's word from the first table that knows it (each table in its own context)."""
    def word(code) -> str:
        if not isinstance(code, str):
            return code
        for table, context in tables:
            if code in table:
                return _lookup(table, code, context)
        return code
    return word


def _each(word):
    """Lists (symptoms, refusals): each item in words, joined as the language joins them."""
    def words(value):
        if isinstance(value, (list, tuple)):
            sep = QCoreApplication.translate("AuditWords", ", ")  # 、 in Chinese
            return sep.join(str(word(v)) for v in value)
        return word(value)
    return words


def _flag(value):
    """1/0 and true/false of switches (a policy's, an item's) as ✓ and ✗."""
    if isinstance(value, str):
        return value
    return {1: "✓", 0: "✗"}.get(value, value)  # True == 1 and False == 0 as dict keys


def _policy_label(value):
    """A policy's label "edition_8:close_contact" as "<preset> · <category>"."""
    if isinstance(value, str) and ":" in value:
        preset_code, _, category_code = value.partition(":")
        return f"{_lookup(_PRESETS, preset_code)} · {_lookup(_CATEGORIES, category_code)}"
    return value


_status = _words((_STAY_STATUSES, "Names"), (_ROOM_STATUSES, "Names"))
_reason = _words((_AUDIT_REASONS, _AUDIT), (_RESULTS, "Names"))
_kind = _words((_TRANSFER_KINDS, "Names"), (_LOG_KINDS, "HandoverScreen"), (_EVENTS, "Names"),
               (_TEST_KINDS, "TestsScreen"), (_MOVEMENT_KINDS, _AUDIT), (_RESULTS, "Names"))
_role = _words((_USER_ROLES, "UsersDialog"), (_STAFF_ROLES, "TestsScreen"))

# record numbers that are codes (papers, settings, exports): code -> word
_AUDIT_RECORD_IDS = {
    "handover": QT_TRANSLATE_NOOP("AuditWords", "Handover sheet"),
    "roster": QT_TRANSLATE_NOOP("AuditWords", "Roster"),
    "door_cards": QT_TRANSLATE_NOOP("AuditWords", "Door cards"),
    "release_notice": QT_TRANSLATE_NOOP("AuditWords", "Release notice"),
    "release_notices": QT_TRANSLATE_NOOP("AuditWords", "Release notices"),
    "daily_report": QT_TRANSLATE_NOOP("AuditWords", "Daily report"),
    "daily_report_template": QT_TRANSLATE_NOOP("AuditWords", "Daily report template"),
    "arrivals_mapping": QT_TRANSLATE_NOOP("AuditWords", "Arrivals column mapping"),
    "occupants": QT_TRANSLATE_NOOP("AuditWords", "Occupants list"),
    "occupants_table": QT_TRANSLATE_NOOP("AuditWords", "Occupants list"),
}

# field code -> (word, the words of its values or None: shown as written). One line per field;
# tests/ui/test_audit_words.py fails when a field the services write has no line here.
_AUDIT_FIELDS = {
    "active": (QT_TRANSLATE_NOOP("AuditWords", "Active"), _flag),
    "added": (QT_TRANSLATE_NOOP("AuditWords", "Added"), None),
    "adjustments": (QT_TRANSLATE_NOOP("AuditWords", "Adjustments"), None),
    "admitted": (QT_TRANSLATE_NOOP("AuditWords", "Admitted to a site"), _flag),
    "attempt": (QT_TRANSLATE_NOOP("AuditWords", "Attempt"), None),
    "batch": (QT_TRANSLATE_NOOP("AuditWords", "Lab batch"), None),
    "backup_interval_hours": (QT_TRANSLATE_NOOP("AuditWords", "Backup every (hours)"), None),
    "beds": (QT_TRANSLATE_NOOP("AuditWords", "Beds"), None),
    "building": (QT_TRANSLATE_NOOP("AuditWords", "Building"), None),
    "category": (QT_TRANSLATE_NOOP("AuditWords", "Category"),  # a person's, else a supply item's
                 _words((_CATEGORIES, "Names"), (_SUPPLY_CATEGORIES, "SupplyWords"))),
    "code": (QT_TRANSLATE_NOOP("AuditWords", "Code"), None),
    "columns": (QT_TRANSLATE_NOOP("AuditWords", "Columns"), None),
    "command_office": (QT_TRANSLATE_NOOP("AuditWords", "Command office signing release notices"), None),
    "community": (QT_TRANSLATE_NOOP("AuditWords", "Destination community"), None),
    "community_notified": (QT_TRANSLATE_NOOP("AuditWords", "Community told"), _flag),
    "conflicts": (QT_TRANSLATE_NOOP("AuditWords", "Conflicts"), None),
    "consumption": (QT_TRANSLATE_NOOP("AuditWords", "Used per"), _words((_CONSUMPTION, "SupplyWords"))),
    "contact_person": (QT_TRANSLATE_NOOP("AuditWords", "Contact person"), None),
    "contact_phone": (QT_TRANSLATE_NOOP("AuditWords", "Contact phone"), None),
    "counted": (QT_TRANSLATE_NOOP("AuditWords", "Counted"), None),
    "counted_from": (QT_TRANSLATE_NOOP("AuditWords", "Counted from"), _words((_COUNTED_FROM, "Names"))),
    "critical": (QT_TRANSLATE_NOOP("AuditWords", "Critical"), _flag),
    "day": (QT_TRANSLATE_NOOP("AuditWords", "Day"), None),
    "day_shift_start": (QT_TRANSLATE_NOOP("AuditWords", "Day shift starts"), None),
    "destination": (QT_TRANSLATE_NOOP("AuditWords", "Destination"), None),
    "display_name": (QT_TRANSLATE_NOOP("AuditWords", "Display name"), None),
    "double_sampling": (QT_TRANSLATE_NOOP("AuditWords", "Double sampling"), _flag),
    "duplicates": (QT_TRANSLATE_NOOP("AuditWords", "Duplicates"), None),
    "expiry_date": (QT_TRANSLATE_NOOP("AuditWords", "Expiry date"), None),
    "fever_threshold": (QT_TRANSLATE_NOOP("AuditWords", "Fever threshold"), None),
    "file": (QT_TRANSLATE_NOOP("AuditWords", "File"), None),
    "floor": (QT_TRANSLATE_NOOP("AuditWords", "Floor"), None),
    "floors": (QT_TRANSLATE_NOOP("AuditWords", "Floors"), None),
    "format": (QT_TRANSLATE_NOOP("AuditWords", "Format"), None),
    "from": (QT_TRANSLATE_NOOP("AuditWords", "From"), None),
    "history_days": (QT_TRANSLATE_NOOP("AuditWords", "Days of history"), None),
    "household": (QT_TRANSLATE_NOOP("AuditWords", "Household members"), None),
    "holding_room": (QT_TRANSLATE_NOOP("AuditWords", "Holding room"), None),
    "home_monitoring_days": (QT_TRANSLATE_NOOP("AuditWords", "Home monitoring days"), None),
    "id_number": (QT_TRANSLATE_NOOP("AuditWords", "ID number"), None),
    "idle_lock_minutes": (QT_TRANSLATE_NOOP("AuditWords", "Lock after idle (minutes)"), None),
    "imported": (QT_TRANSLATE_NOOP("AuditWords", "Imported"), None),
    "invalid": (QT_TRANSLATE_NOOP("AuditWords", "Invalid"), None),
    "isolation_days": (QT_TRANSLATE_NOOP("AuditWords", "Isolation days"), None),
    "items": (QT_TRANSLATE_NOOP("AuditWords", "Items"), None),
    "kind": (QT_TRANSLATE_NOOP("AuditWords", "Kind"), _kind),
    "lab": (QT_TRANSLATE_NOOP("AuditWords", "Lab"), None),
    "label": (QT_TRANSLATE_NOOP("AuditWords", "Label"), _policy_label),
    "language": (QT_TRANSLATE_NOOP("AuditWords", "Language"), None),
    "locked": (QT_TRANSLATE_NOOP("AuditWords", "Locked"), _flag),
    "lot": (QT_TRANSLATE_NOOP("AuditWords", "Lot"), None),
    "lots": (QT_TRANSLATE_NOOP("AuditWords", "Lots"), None),
    "mapping": (QT_TRANSLATE_NOOP("AuditWords", "Column mapping"), None),
    "movement_id": (QT_TRANSLATE_NOOP("AuditWords", "Movement no."), None),
    "movement_ids": (QT_TRANSLATE_NOOP("AuditWords", "Movement nos."), None),
    "movements": (QT_TRANSLATE_NOOP("AuditWords", "Movements"), None),
    "name": (QT_TRANSLATE_NOOP("AuditWords", "Name"), None),
    "night_shift_start": (QT_TRANSLATE_NOOP("AuditWords", "Night shift starts"), None),
    "note": (QT_TRANSLATE_NOOP("AuditWords", "Note"), None),
    "override": (QT_TRANSLATE_NOOP("AuditWords", "Manager override"), None),
    "pages": (QT_TRANSLATE_NOOP("AuditWords", "Pages"), None),
    "party": (QT_TRANSLATE_NOOP("AuditWords", "From / to"), None),
    "pdf_font_path": (QT_TRANSLATE_NOOP("AuditWords", "PDF font"), None),
    "people": (QT_TRANSLATE_NOOP("AuditWords", "People"), None),
    "policy_preset": (QT_TRANSLATE_NOOP("AuditWords", "Policy preset"), _words((_PRESETS, "Names"))),
    "pool_id": (QT_TRANSLATE_NOOP("AuditWords", "Pool no."), None),
    "positive": (QT_TRANSLATE_NOOP("AuditWords", "Positive"), None),
    "positives": (QT_TRANSLATE_NOOP("AuditWords", "Positives"), None),
    "preset": (QT_TRANSLATE_NOOP("AuditWords", "Policy preset"), _words((_PRESETS, "Names"))),
    "quantity": (QT_TRANSLATE_NOOP("AuditWords", "Quantity"), None),
    "rate": (QT_TRANSLATE_NOOP("AuditWords", "Use rate"), None),
    "reason": (QT_TRANSLATE_NOOP("AuditWords", "Reason"), _reason),
    "recorded": (QT_TRANSLATE_NOOP("AuditWords", "Recorded"), None),
    "refusals": (QT_TRANSLATE_NOOP("AuditWords", "Refusals"), _each(_reason)),
    "regime": (QT_TRANSLATE_NOOP("AuditWords", "Testing regime"), _words((_REGIMES, "TestsScreen"))),
    "release_date": (QT_TRANSLATE_NOOP("AuditWords", "Release date"), None),
    "reorder_level": (QT_TRANSLATE_NOOP("AuditWords", "Reorder level"), None),
    "resolved_at": (QT_TRANSLATE_NOOP("AuditWords", "Resolved at"), None),
    "result": (QT_TRANSLATE_NOOP("AuditWords", "Result"), _words((_RESULTS, "Names"))),
    "retests": (QT_TRANSLATE_NOOP("AuditWords", "Retests"), None),
    "role": (QT_TRANSLATE_NOOP("AuditWords", "Role"), _role),
    "room": (QT_TRANSLATE_NOOP("AuditWords", "Room"), None),
    "rooms": (QT_TRANSLATE_NOOP("AuditWords", "Rooms"), None),
    "rows": (QT_TRANSLATE_NOOP("AuditWords", "Rows"), None),
    "safety_copy": (QT_TRANSLATE_NOOP("AuditWords", "Safety copy"), None),
    "sampled_at": (QT_TRANSLATE_NOOP("AuditWords", "Sampled at"), None),
    "tried_at": (QT_TRANSLATE_NOOP("AuditWords", "Tried at"), None),
    "seed": (QT_TRANSLATE_NOOP("AuditWords", "Seed"), None),
    "sha256": (QT_TRANSLATE_NOOP("AuditWords", "SHA-256"), None),
    "shift": (QT_TRANSLATE_NOOP("AuditWords", "Shift"), None),
    "site_address": (QT_TRANSLATE_NOOP("AuditWords", "Site address"), None),
    "site_name": (QT_TRANSLATE_NOOP("AuditWords", "Site name"), None),
    "size": (QT_TRANSLATE_NOOP("AuditWords", "Size"), None),
    "slot": (QT_TRANSLATE_NOOP("AuditWords", "Time slot"), _words((_SLOTS, "HealthScreen"))),
    "start_date": (QT_TRANSLATE_NOOP("AuditWords", "Start date"), None),
    "status": (QT_TRANSLATE_NOOP("AuditWords", "Status"), _status),
    "stays": (QT_TRANSLATE_NOOP("AuditWords", "Stays"), None),
    "symptoms": (QT_TRANSLATE_NOOP("AuditWords", "Symptoms"), _each(_words((_SYMPTOMS, "TodayScreen")))),
    "target": (QT_TRANSLATE_NOOP("AuditWords", "Saved to"), None),
    "team": (QT_TRANSLATE_NOOP("AuditWords", "Team"), None),
    "temperature": (QT_TRANSLATE_NOOP("AuditWords", "Temperature"), None),
    "test_at_check_in": (QT_TRANSLATE_NOOP("AuditWords", "Test at check-in"), _flag),
    "test_days": (QT_TRANSLATE_NOOP("AuditWords", "Test days"), None),
    "tests": (QT_TRANSLATE_NOOP("AuditWords", "Tests"), None),
    "tests_added": (QT_TRANSLATE_NOOP("AuditWords", "Tests added"), None),
    "text": (QT_TRANSLATE_NOOP("AuditWords", "Text"), None),
    "tracks_expiry": (QT_TRANSLATE_NOOP("AuditWords", "Tracks expiry"), _flag),
    "unit": (QT_TRANSLATE_NOOP("AuditWords", "Unit"), None),
    "units": (QT_TRANSLATE_NOOP("AuditWords", "Units"), None),
    "unmatched": (QT_TRANSLATE_NOOP("AuditWords", "Unmatched"), None),
    "username": (QT_TRANSLATE_NOOP("AuditWords", "User name"), None),
    "what": (QT_TRANSLATE_NOOP("AuditWords", "What"), _words((_AUDIT_RECORD_IDS, "AuditWords"))),
    "left_release": (QT_TRANSLATE_NOOP("AuditWords", "Left for the lab (release samples)"), None),
    "left_too_recent": (QT_TRANSLATE_NOOP("AuditWords", "Left (sampled in the last hour)"), None),
    "negative": (QT_TRANSLATE_NOOP("AuditWords", "Recorded negative"), None),
    "surface_sampling": (QT_TRANSLATE_NOOP("AuditWords", "Last-day surface sampling"), _flag),
}
_AUDIT_FIELD_WORDS = {code: text for code, (text, _) in _AUDIT_FIELDS.items()}
AUDIT_FIELD_CODES = tuple(_AUDIT_FIELDS)


def audit_field(code) -> str: return _lookup(_AUDIT_FIELD_WORDS, code, _AUDIT)


def audit_value(field, value):
    """A field's value in words where it is a code (a status, a category, symptoms ...);
    other values (names, dates, numbers) as written; an unknown code as itself."""
    entry = _AUDIT_FIELDS.get(field)
    if entry is None or entry[1] is None:
        return value
    return entry[1](value)


def audit_record_id(code) -> str:
    """The record number as shown: a code (a paper, a setting) in words, a number as it is."""
    return _lookup(_AUDIT_RECORD_IDS, code, _AUDIT) if code in _AUDIT_RECORD_IDS else (code or "")
