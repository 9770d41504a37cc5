"""What the main window's dialogs share: an error line in words, one service call on OK."""
from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError
from ...services.changes import changes_of

ERROR_STYLE = "color: #b00020; font-weight: bold;"
FIELD_ERROR_STYLE = "border: 2px solid #b00020;"


def error_line() -> QLabel:
    """The red line under a form that says what was refused (hidden until then)."""
    label = QLabel()
    label.setObjectName("error")
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


def lay_out_form(dialog: QDialog, widgets, *, intro: QWidget | None = None) -> None:
    """``intro`` (if any), a form of ``widgets`` (``dialog.labels[widget]``: each row's label,
    its text set by retranslate), ``dialog.error_label``, then OK and Cancel
    (``dialog.buttons``)."""
    dialog.form = QFormLayout()
    dialog.labels = {}
    for widget in widgets:
        label = QLabel()
        label.setBuddy(widget)
        dialog.labels[widget] = label
        dialog.form.addRow(label, widget)
    dialog.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
    dialog.buttons.accepted.connect(dialog.accept)
    dialog.buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    if intro is not None:
        layout.addWidget(intro)
    layout.addLayout(dialog.form)
    layout.addWidget(dialog.error_label)
    layout.addWidget(dialog.buttons)


class WrappedLabel(QLabel):
    """A word-wrapped label that asks for the height of its text at its width: a plain QLabel
    in a form row keeps the height of its first text, so a longer message is cut at the top
    and bottom (起算 read 禾算, 请填写 read 请填与)."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setWordWrap(True)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        if self.width() > 0 and self.text():
            hint.setHeight(max(hint.height(), self.heightForWidth(self.width())))
        return hint

    def setText(self, text: str) -> None:
        super().setText(text)
        self.updateGeometry()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()


class ActionDialog(QDialog):
    """A dialog whose OK runs one service call. A refused call keeps the dialog open and
    shows the reason in words (no message box: the user fixes the field and tries again)."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.result_value = None
        self.error_label = WrappedLabel()
        self.error_label.setObjectName("error")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(440)
        self._fields: dict[str, QWidget] = {}
        self._marked: list[QWidget] = []

    @property
    def ok_button(self):
        return self.buttons.button(QDialogButtonBox.Ok)

    def register_field(self, name: str, widget: QWidget) -> None:
        """Name a widget after the DomainError field it answers for. Editing a field marked
        as wrong takes the mark and the error line away: the message follows the input."""
        self._fields[name] = widget
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda _text, w=widget: self._field_edited(w))
            widget.textChanged.connect(lambda _text, w=widget: self._field_edited(w))
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(lambda _i, w=widget: self._field_edited(w))

    def _field_edited(self, widget: QWidget) -> None:
        if widget in self._marked:
            self.clear_error()

    def show_error(self, error) -> None:
        text = self.ctx.describe(error) if isinstance(error, DomainError) else str(error)
        self.error_label.setText(text)
        self.error_label.show()
        self.clear_marks()
        field = getattr(error, "field", None)
        widget = self._fields.get(field) if field else None
        if widget is not None:
            widget.setStyleSheet(FIELD_ERROR_STYLE)
            self._marked.append(widget)
            widget.setFocus()

    def clear_error(self) -> None:
        self.error_label.clear()
        self.error_label.hide()
        self.clear_marks()

    def clear_marks(self) -> None:
        for w in self._marked:
            w.setStyleSheet("")
        self._marked = []

    def call(self, fn, *args, **kwargs) -> bool:
        """Run a service; on success remember its result, tell the app what it changed
        (``@writes``), close."""
        changes = changes_of(fn)
        try:
            self.result_value = fn(*args, **kwargs)
        except DomainError as exc:
            self.show_error(exc)
            return False
        self.ctx.changed.emit(changes)
        super().accept()
        return True

    @classmethod
    def ask(cls, ctx, *args, parent=None, **kwargs):
        """Show the dialog; return the service's result, or None when cancelled."""
        dialog = cls(ctx, *args, parent=parent, **kwargs)
        if dialog.exec() == QDialog.Accepted:
            return dialog.result_value if dialog.result_value is not None else True
        return None
