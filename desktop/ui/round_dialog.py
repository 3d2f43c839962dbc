"""Create or edit a collection round: name, institution, place, dates, target count, range
of paper form numbers, how forms are sampled for verification, and the questionnaire
version it is keyed with (fixed once the round has forms)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QSpinBox,
                               QVBoxLayout, QWidget)

from ..domain.plain_names import has_control
from ..services.operator_service import OperatorRefused
from ..services.round_service import (Round, RoundNameTaken, RoundService,
                                      RoundRangeExcludesForms, RoundVersionFixed)
from .message_styles import NOTICE_STYLE, error_label
from .shown_text import shown
from .wrapped_label import fit_to_text, set_wrapped_text


class RoundDialog(QDialog):
    """New round (round_=None) or edit an existing one; `saved_round` after accept."""

    def __init__(self, service: RoundService, round_: Round | None = None,
                 parent: QWidget | None = None, lang: str = "en"):
        super().__init__(parent)
        self.service = service
        self.lang = lang  # of refusals from the services
        self.original = round_
        self.saved_round: Round | None = None
        # The stored texts of an edited round: a field shows them escaped (shown_text);
        # left as shown, the stored text is saved back exactly.
        self.stored: dict[QLineEdit, str] = {}
        self.setWindowTitle(self.tr("Edit round") if round_ else self.tr("New round"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit()
        self.institution = QLineEdit()
        self.place = QLineEdit()
        self.start = QLineEdit()
        self.end = QLineEdit()
        for edit in (self.start, self.end):
            edit.setPlaceholderText(self.tr("YYYY-MM-DD"))
            edit.setMaximumWidth(130)
        dates = QHBoxLayout()
        dates.addWidget(self.start)
        dates.addWidget(QLabel(self.tr("to")))
        dates.addWidget(self.end)
        dates.addStretch(1)
        self.target = QSpinBox()
        self.target.setRange(0, 1_000_000)
        self.form_min = QSpinBox()
        self.form_max = QSpinBox()
        for spin in (self.form_min, self.form_max):
            spin.setRange(0, 10**9)
            spin.setSpecialValueText(self.tr("none"))
        numbers = QHBoxLayout()
        numbers.addWidget(self.form_min)
        numbers.addWidget(QLabel(self.tr("to")))
        numbers.addWidget(self.form_max)
        numbers.addStretch(1)
        self.verify_mode = QComboBox()
        for mode, text in (("all", self.tr("Every form")),
                           ("every_nth", self.tr("Every Nth form")),
                           ("share", self.tr("A random share")), ("none", self.tr("None"))):
            self.verify_mode.addItem(text, mode)
        self.verify_value = QDoubleSpinBox()
        self.verify_value.setDecimals(0)
        self.verify_mode.currentIndexChanged.connect(self._mode_changed)
        verify = QHBoxLayout()
        verify.addWidget(self.verify_mode)
        verify.addWidget(self.verify_value)
        verify.addStretch(1)
        self.version = QComboBox()
        for version in service.versions():
            self.version.addItem(f"{version.id} {version.version} ({version.added[:10]})",
                                 version.sha256)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Institution"), self.institution)
        form.addRow(self.tr("Place"), self.place)
        form.addRow(self.tr("Dates"), dates)
        form.addRow(self.tr("Target (forms)"), self.target)
        form.addRow(self.tr("Form numbers"), numbers)
        self.range_note = QLabel()
        self.range_note.setObjectName("rangeNote")
        self.range_note.setWordWrap(True)
        self.range_note.setStyleSheet(NOTICE_STYLE)
        form.addRow("", self.range_note)
        for spin in (self.target, self.form_min, self.form_max):
            spin.valueChanged.connect(self._range_changed)
        form.addRow(self.tr("Verify"), verify)
        form.addRow(self.tr("Questionnaire"), self.version)
        layout.addLayout(form)
        self.control_note = QLabel()
        self.control_note.setObjectName("controlNote")
        self.control_note.setWordWrap(True)
        self.control_note.setStyleSheet(NOTICE_STYLE)
        self.control_note.setVisible(False)
        layout.addWidget(self.control_note)
        self.message = error_label()
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._fill(round_)
        self._range_changed()

    def _fill(self, round_: Round | None) -> None:
        sha = round_.questionnaire_sha256 if round_ else \
            self.service.project.questionnaire.sha256
        self.version.setCurrentIndex(max(0, self.version.findData(sha)))
        if round_ is not None and self.service.has_forms(round_):
            self.version.setEnabled(False)
            self.version.setToolTip(self.tr("The round has forms: its questionnaire version "
                                            "is fixed."))
        if not self.service.project.may_change_settings():
            for widget in (self.verify_mode, self.verify_value):  # a supervisor's setting
                widget.setEnabled(False)
                widget.setToolTip(self.tr("Only a supervisor changes the verification "
                                          "sample."))
        if round_ is None:
            self.verify_mode.setCurrentIndex(self.verify_mode.findData("share"))
            self._mode_changed()
            self.verify_value.setValue(10)
            return
        for edit, value in ((self.name, round_.name), (self.institution, round_.institution),
                            (self.place, round_.place)):
            self.stored[edit] = value
            edit.setText(shown(value))
        if any(has_control(value) for value in self.stored.values()):
            self.control_note.setText(self.tr(
                "This round's name, institution or place holds control characters (an "
                "invisible mark or an escape, perhaps from a bundle); they are shown as "
                "\\u202e or \\x1b. Saving keeps the stored text unless you change it."))
            self.control_note.setVisible(True)
        self.start.setText(round_.start_date or "")
        self.end.setText(round_.end_date or "")
        self.target.setValue(round_.target_count)
        self.form_min.setValue(round_.form_min or 0)
        self.form_max.setValue(round_.form_max or 0)
        self.verify_mode.setCurrentIndex(max(0, self.verify_mode.findData(round_.verify_mode)))
        self._mode_changed()
        value = round_.verify_value * 100 if round_.verify_mode == "share" \
            else round_.verify_value
        self.verify_value.setValue(value)

    def _range_changed(self) -> None:
        """Say when the form-number range and the target count differ: progress counts
        against the target, and the unused numbers stay listed as not keyed."""
        low, high, target = self.form_min.value(), self.form_max.value(), self.target.value()
        size = high - low + 1 if low and high and high >= low else 0
        text = ""
        if size and target and size != target:
            text = self.tr("The form numbers {low}–{high} are {size} numbers for a target "
                           "of {target} forms: progress counts against the target, and "
                           "numbers never used stay listed as not keyed.").format(
                low=low, high=high, size=size, target=target)
        self.range_note.setText(text)
        was_shown = not self.range_note.isHidden()
        self.range_note.setVisible(bool(text))
        fit_to_text(self.range_note)  # a shown dialog gave it one line of three
        if was_shown and not text and self.isVisible():
            self.adjustSize()  # a note seen while typing a number leaves no gap behind

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        fit_to_text(self.range_note)  # an edited round may open with the note shown

    def _mode_changed(self) -> None:
        mode = self.verify_mode.currentData()
        self.verify_value.setVisible(mode in ("every_nth", "share"))
        if mode == "share":
            self.verify_value.setRange(1, 100)
            self.verify_value.setSuffix(" %")
            self.verify_value.setPrefix("")
        else:
            self.verify_value.setRange(2, 1000)
            self.verify_value.setSuffix("")
            self.verify_value.setPrefix(self.tr("N = "))

    def typed(self, edit: QLineEdit) -> str:
        """A text field's value: the stored text when the escaped one it showed is left
        as it was, else what was typed (stripped)."""
        text = edit.text().strip()
        stored = self.stored.get(edit)
        if stored is not None and text == shown(stored).strip():
            return stored
        return text

    def fields(self) -> dict | None:
        """The typed fields as Round fields, or None (with a message shown) when wrong."""
        name = self.typed(self.name)
        if not name:
            set_wrapped_text(self.message, self.tr("Give the round a name."))
            return None
        for edit, which in ((self.name, self.tr("The name")),
                            (self.institution, self.tr("The institution")),
                            (self.place, self.tr("The place"))):
            typed = self.typed(edit)
            if has_control(typed) and typed != self.stored.get(edit):
                set_wrapped_text(self.message, self.tr(
                    "{which} holds a control character (an escape or an invisible mark); "
                    "type it with letters, digits and spaces only.").format(which=which))
                edit.setFocus()
                return None
        dates = []
        for edit, which in ((self.start, self.tr("The start date")),
                            (self.end, self.tr("The end date"))):
            text = edit.text().strip()
            try:
                dates.append(dt.date.fromisoformat(text).isoformat() if text else None)
            except ValueError:
                set_wrapped_text(self.message, self.tr(
                    "{which} “{text}” is not a date: type it as YYYY-MM-DD, for "
                    "example 2026-10-05.").format(which=which, text=text))
                edit.setFocus()
                edit.selectAll()
                return None
        if dates[0] and dates[1] and dates[1] < dates[0]:
            set_wrapped_text(self.message, self.tr(
                "The end date {end} is before the start date {start}.").format(
                end=dates[1], start=dates[0]))
            self.end.setFocus()
            return None
        low, high = self.form_min.value() or None, self.form_max.value() or None
        if low is not None and high is not None and low > high:
            set_wrapped_text(self.message, self.tr("The first form number is above the last one."))
            return None
        mode = self.verify_mode.currentData()
        value = self.verify_value.value()
        value = value / 100 if mode == "share" else (value if mode == "every_nth" else 1.0)
        return dict(name=name, institution=self.typed(self.institution),
                    place=self.typed(self.place), start_date=dates[0], end_date=dates[1],
                    target_count=self.target.value(), form_min=low, form_max=high,
                    verify_mode=mode, verify_value=value,
                    questionnaire_sha256=self.version.currentData())

    def save(self) -> None:
        """Store the round and close, or show what is wrong."""
        fields = self.fields()
        if fields is None:
            return
        try:
            if self.original is None:
                name = fields.pop("name")
                self.saved_round = self.service.create(name, **fields)
            else:
                self.saved_round = self.service.update(
                    self.service.edited(self.original, **fields))
        except RoundVersionFixed:
            set_wrapped_text(self.message, self.tr(
                "The round has forms: its questionnaire version is fixed."))
            return
        except RoundNameTaken:
            set_wrapped_text(self.message, self.tr(
                "A round with this name exists already; choose another name."))
            return
        except RoundRangeExcludesForms as exc:
            if exc.lowest == exc.highest:
                text = self.tr("Form {number} is keyed in this round: the form numbers must "
                               "include it.").format(number=exc.lowest)
            else:
                text = self.tr("Forms {low} to {high} are keyed in this round: the form "
                               "numbers must include them.").format(low=exc.lowest,
                                                                    high=exc.highest)
            set_wrapped_text(self.message, text)
            self.form_min.setFocus()
            return
        except OperatorRefused as exc:
            from .user_errors import error_sentence
            set_wrapped_text(self.message, error_sentence(exc, self.lang))
            return
        self.accept()
