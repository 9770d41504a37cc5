"""Register and check in: live ID validation, category, dates, household, suggested room."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout

from ...domain import policy as pol
from ...domain.date_parsing import parse_date
from ...domain.errors import DomainError
from ...domain.identity import normalize_phone, parse_resident_id
from ...domain.registration import validate_registration
from ...domain.vocabulary import RoomStatus
from ...services import boards, queries, site, stays
from ..widgets import names
from .base import ActionDialog, WrappedLabel

HINT_STYLE = "color: #555555;"
OK_STYLE = "color: #1b5e20;"
BAD_STYLE = "color: #b00020;"

HOUSEHOLD_ROLES = ("child", "carer", "dependant", "parent")
HOUSEHOLD_ROOM = "household"  # the room box's item while the person joins a household


class CheckInDialog(ActionDialog):
    """Register a person and check them in. ``room_id`` preselects a room (check in here)."""

    def __init__(self, ctx, room_id: int | None = None, parent=None):
        super().__init__(ctx, parent)
        self.setObjectName("CheckInDialog")
        self.setWindowTitle(self.tr("Register and check in"))
        today = ctx.today()
        self._today = today
        self._policies = site.current_policies(ctx.db)

        self.name = QLineEdit()
        self.id_type = QComboBox()
        for code in names.ID_TYPE_CODES:
            self.id_type.addItem(names.id_type(code), code)
        self.id_number = QLineEdit()
        self.id_number.setPlaceholderText(self.tr("18 characters, last may be X"))
        self.id_info = WrappedLabel()
        self.id_info.setObjectName("id_info")
        self.sex = QComboBox()
        self.sex.addItem(self.tr("(from the ID number)"), "")
        self.sex.addItem(names.sex("M"), "M")
        self.sex.addItem(names.sex("F"), "F")
        self.birth_date = QLineEdit()
        self.birth_date.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("11-digit mobile number"))
        self.phone_info = QLabel()
        self.phone_info.setObjectName("phone_info")
        self.category = QComboBox()
        for code in names.CATEGORY_CODES:
            p = self._policies.get(code)
            if p is not None and not p[1].admitted:
                continue
            self.category.addItem(names.category(code), code)
        self.last_exposure = QLineEdit()
        self.last_exposure.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.arrival = QLineEdit(today.isoformat())
        self.arrival.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.release_info = WrappedLabel()
        self.release_info.setObjectName("release_info")
        self.origin = QLineEdit()
        self.current_address = QLineEdit()
        self.destination = QLineEdit()
        self.community_contact = QLineEdit()
        self.community_phone = QLineEdit()

        self.household = QCheckBox(self.tr("Shares a room with a household member already here"))
        self.no_document = QCheckBox(self.tr("A child without any document (a local number is given; birth date "
                                             "required)"))
        self.no_document.setObjectName("no_document")
        self.host = QComboBox()
        self._host_rooms: dict[int, str] = {}
        for h in boards.household_hosts(ctx.db):
            self._host_rooms[h["stay_id"]] = h["room"]
            self.host.addItem(self.tr("%1 (room %2)").replace("%1", h["name"]).replace("%2", h["room"]),
                              h["stay_id"])
        self.role = QComboBox()
        self.host_role = QComboBox()
        role_words = {"child": self.tr("Child (14 or under)"), "carer": self.tr("Designated carer"),
                      "dependant": self.tr("Person cared for"), "parent": self.tr("Parent")}
        for code in HOUSEHOLD_ROLES:
            self.role.addItem(role_words[code], code)
        for code in ("parent", "dependant", "carer", "child"):
            self.host_role.addItem(role_words[code], code)
        self.room = QComboBox()
        self.room_info = WrappedLabel()
        self.room_info.setObjectName("room_info")
        self._room_note = ""
        self._fill_rooms(room_id)

        person = QFormLayout()
        person.addRow(self.tr("&Name"), self.name)
        person.addRow(self.tr("Document"), self.id_type)
        person.addRow(self.tr("&ID number"), self.id_number)
        person.addRow(self.id_info)
        person.addRow(self.tr("Sex"), self.sex)
        person.addRow(self.tr("Birth date"), self.birth_date)
        person.addRow(self.tr("&Phone"), self.phone)
        person.addRow(self.phone_info)
        person.addRow(self.tr("Came from"), self.origin)
        person.addRow(self.tr("Current address"), self.current_address)
        stay = QFormLayout()
        stay.addRow(self.tr("&Category"), self.category)
        stay.addRow(self.tr("Last exposure"), self.last_exposure)
        stay.addRow(self.tr("Arrival"), self.arrival)
        stay.addRow(self.release_info)
        stay.addRow(self.tr("Going to (community)"), self.destination)
        stay.addRow(self.tr("Community contact"), self.community_contact)
        stay.addRow(self.tr("Contact's phone"), self.community_phone)
        stay.addRow(self.household)
        stay.addRow(self.no_document)
        stay.addRow(self.tr("Household member"), self.host)
        stay.addRow(self.tr("This person is"), self.role)
        stay.addRow(self.tr("Member already here is"), self.host_role)
        stay.addRow(self.tr("&Room"), self.room)
        stay.addRow(self.room_info)
        box_person = QGroupBox(self.tr("Person"))
        box_person.setLayout(person)
        box_stay = QGroupBox(self.tr("Stay"))
        box_stay.setLayout(stay)
        columns = QHBoxLayout()
        columns.addWidget(box_person)
        columns.addWidget(box_stay)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.ok_button.setText(self.tr("Check in"))
        self.setMinimumWidth(820)

        for fieldname, widget in (("name", self.name), ("id_type", self.id_type),
                                  ("id_number", self.id_number), ("sex", self.sex),
                                  ("birth_date", self.birth_date), ("phone", self.phone),
                                  ("category", self.category),
                                  ("last_exposure_date", self.last_exposure),
                                  ("arrival_date", self.arrival),
                                  ("community_phone", self.community_phone)):
            self.register_field(fieldname, widget)

        self.id_number.textChanged.connect(self._update_id_info)
        self.id_type.currentIndexChanged.connect(self._update_id_info)
        self.phone.textChanged.connect(self._update_phone_info)
        for w in (self.last_exposure, self.arrival):
            w.textChanged.connect(self._update_release_info)
        self.category.currentIndexChanged.connect(self._category_changed)
        self.household.toggled.connect(self._household_toggled)
        self.no_document.toggled.connect(self._no_document_toggled)
        self.host.currentIndexChanged.connect(self._show_household_room)
        self._household_toggled(False)
        self._update_id_info()
        self._category_changed()
        self._join_room_if_occupied(room_id)
        self.name.setFocus()

    def _join_room_if_occupied(self, room_id: int | None) -> None:
        """"Check in here" on an occupied room with a free bed: join its household."""
        if room_id is None:
            return
        room = queries.room_detail(self.ctx.db, room_id)
        if room is None or room["status"] != RoomStatus.OCCUPIED or not room["stays"]:
            return
        i = self.host.findData(room["stays"][-1]["id"])
        if i >= 0:
            self.host.setCurrentIndex(i)
            self.household.setChecked(True)
            self.room_info.setText(self.tr("Room %1 is occupied: the person joins its household.")
                                   .replace("%1", room["label"]))

    # -- live feedback ----------------------------------------------------------
    def _fill_rooms(self, room_id: int | None) -> None:
        self.room.blockSignals(True)
        self.room.clear()
        suggestion = None
        category = self.category.currentData() if hasattr(self, "category") else None
        if room_id is None and category:
            suggestion = stays.suggest_room(self.ctx.db, category)
        ready = boards.ready_rooms(self.ctx.db)
        for r in ready:
            self.room.addItem(r["label"], r["id"])
        target = room_id if room_id is not None else (suggestion["id"] if suggestion else None)
        if target is not None:
            i = self.room.findData(target)
            if i >= 0:
                self.room.setCurrentIndex(i)
        if room_id is not None:
            self.room_info.setText(self.tr("Room chosen on the board."))
        elif suggestion:
            self.room_info.setText(self.tr("Suggested: %1 (ready, floor of the same category)")
                                   .replace("%1", suggestion["label"]))
        else:
            self.room_info.setText(self.tr("No room is ready."))
        self._room_fixed = room_id
        self._room_note = self.room_info.text()
        self.room.blockSignals(False)
        if getattr(self, "household", None) is not None:
            self._show_household_room()

    def _update_id_info(self, *_):
        text = self.id_number.text().strip()
        resident = self.id_type.currentData() == "resident_id"
        self.sex.setEnabled(not resident)
        self.birth_date.setEnabled(not resident)
        if not text:
            self.id_info.setText(self.tr("Enter the number on the document."))
            self.id_info.setStyleSheet(HINT_STYLE)
            return
        if not resident:
            self.id_info.setText(self.tr("No check digit on this document: check it by eye."))
            self.id_info.setStyleSheet(HINT_STYLE)
            return
        try:
            rid = parse_resident_id(text, self._today)
        except DomainError as exc:
            self.id_info.setText(self.ctx.describe(exc))
            self.id_info.setStyleSheet(BAD_STYLE)
            return
        self.id_info.setText(self.tr("Valid: born %1, %2").replace("%1", rid.birth_date.isoformat())
                             .replace("%2", names.sex(rid.sex)))
        self.id_info.setStyleSheet(OK_STYLE)
        self.sex.setCurrentIndex(self.sex.findData(rid.sex))
        self.birth_date.setText(rid.birth_date.isoformat())

    def _update_phone_info(self, *_):
        text = self.phone.text().strip()
        if not text:
            self.phone_info.clear()
            return
        try:
            normalize_phone(text)
        except DomainError as exc:
            self.phone_info.setText(self.ctx.describe(exc))
            self.phone_info.setStyleSheet(BAD_STYLE)
            return
        self.phone_info.setText(self.tr("Valid mobile number"))
        self.phone_info.setStyleSheet(OK_STYLE)

    def _category_changed(self, *_):
        if self._room_fixed is None:
            self._fill_rooms(None)
        self._update_release_info()

    def _update_release_info(self, *_):
        code = self.category.currentData()
        current = self._policies.get(code)
        if current is None:
            self.release_info.setText(self.tr("No policy is set for this category (Settings)."))
            self.release_info.setStyleSheet(BAD_STYLE)
            return
        policy = current[1]
        counted = names.counted_from(policy.counted_from)
        try:
            exposure = (parse_date(self.last_exposure.text(), self._today, field="last_exposure_date")
                        if self.last_exposure.text().strip() else None)
            arrival = (parse_date(self.arrival.text(), self._today, field="arrival_date")
                       if self.arrival.text().strip() else self._today)
            start = pol.start_date(policy, exposure, arrival)
            # the service's rule (and the arrivals import's): no check-in after the end
            release = pol.check_not_over(policy, start, self._today)
        except DomainError as exc:
            self.release_info.setText(self.tr("Counted from: %1. %2").replace("%1", counted)
                                      .replace("%2", self.ctx.describe(exc)))
            self.release_info.setStyleSheet(BAD_STYLE)
            return
        self.release_info.setText(
            self.tr("Counted from %1 (%2); release on %3 (day %4)").replace("%1", counted)
            .replace("%2", start.isoformat()).replace("%3", release.isoformat())
            .replace("%4", str(policy.isolation_days)))
        self.release_info.setStyleSheet(HINT_STYLE)

    def _household_toggled(self, on: bool) -> None:
        for w in (self.host, self.role, self.host_role):
            w.setEnabled(on and self.host.count() > 0)
        self.room.setEnabled(not (on and self.host.count() > 0))  # no one to join: a room is chosen
        self._show_household_room()
        self.no_document.setEnabled(on and self.host.count() > 0)
        if not on:
            self.no_document.setChecked(False)

    def _no_document_toggled(self, on: bool) -> None:
        """A child with no document joins the parent: the service gives a local number."""
        self.id_type.setEnabled(not on)
        self.id_number.setEnabled(not on)
        if on:
            self.role.setCurrentIndex(self.role.findData("child"))
            self.sex.setEnabled(True)
            self.birth_date.setEnabled(True)
            self.id_info.setText(self.tr("No document: a local number is given at check-in."))
            self.id_info.setStyleSheet(HINT_STYLE)
        else:
            self._update_id_info()

    def _show_household_room(self, *_) -> None:
        """With the household box ticked, the (greyed) room box and the line under it show
        the household member's room, where the person goes; untick: the chosen room again."""
        joining = self.household.isChecked() and self.host.count() > 0
        i = self.room.findData(HOUSEHOLD_ROOM)
        if i >= 0:
            self.room.removeItem(i)
            self.room.setCurrentIndex(self._room_before)
        if joining:
            self._room_before = self.room.currentIndex()
            label = self._host_rooms.get(self.host.currentData(), "")
            self.room.insertItem(0, label, HOUSEHOLD_ROOM)
            self.room.setCurrentIndex(0)
            self.room_info.setText(self.tr("Goes to room %1, the household member's room.").replace("%1", label))
        elif self.household.isChecked():
            self.room_info.setText(self.tr("No one here has a free bed in their room: choose a room."))
        else:
            self.room_info.setText(self._room_note)

    # -- OK ------------------------------------------------------------------------
    def fields(self) -> dict:
        return {
            "name": self.name.text(), "id_type": self.id_type.currentData(),
            "id_number": self.id_number.text(), "sex": self.sex.currentData() or None,
            "birth_date": self.birth_date.text() if self.birth_date.isEnabled() else None,
            "phone": self.phone.text(), "category": self.category.currentData(),
            "last_exposure_date": self.last_exposure.text(), "arrival_date": self.arrival.text(),
            "origin": self.origin.text(), "current_address": self.current_address.text(),
            "destination_community": self.destination.text(),
            "community_contact": self.community_contact.text(),
            "community_phone": self.community_phone.text(),
        }

    def accept(self):
        self.clear_error()
        now = self.ctx.now()
        if self.no_document.isChecked() and self.host.count():
            self.call(stays.check_in_child_without_document, self.ctx.db,
                      dict(self.fields(), birth_date=self.birth_date.text()), self.host.currentData(),
                      self.ctx.actor, now)
            return
        try:
            reg = validate_registration(self.fields(), now.date())
        except DomainError as exc:
            self.show_error(exc)
            return
        kwargs = {}
        if self.household.isChecked() and self.host.count():
            kwargs.update(household_of=self.host.currentData(), household_role=self.role.currentData(),
                          host_role=self.host_role.currentData())
        else:
            kwargs["room_id"] = self.room.currentData()
        self.call(stays.check_in, self.ctx.db, reg, self.ctx.actor, now, **kwargs)
