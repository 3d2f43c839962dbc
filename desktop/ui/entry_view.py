"""The entry view: key paper forms heads-down, or edit a stored one.

The form number from the paper comes first (checked the moment the operator leaves it:
used in the round, or outside its range, is refused at once); then the questionnaire form
(`FormWidget`). Ctrl+S saves a valid form, Ctrl+Shift+S saves an incomplete draft; after
saving, a blank form opens with the cursor on the form number. Problems show in place,
never in a modal box; the only dialogs are the reason for changing a verified form and
the unsaved-changes question.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIntValidator, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton,
                               QVBoxLayout, QWidget)

from ..domain.form_rules import validate_form
from ..services.entry_session import EntrySession
from ..services.form_service import FormChange, FormRefused
from .app_context import AppContext
from .form_history_dialog import FormHistoryDialog
from .form_widget import FormWidget
from .message_styles import DONE_STYLE, ERROR_STYLE
from .question_field import AnswerEdit
from .reason_dialog import ReasonDialog
from .records_model import status_text
from .shortcut_keys import (FORM_HISTORY, NEXT_QUESTION, NEXT_QUESTION_TOO, PREVIOUS_QUESTION,
                            SAVE, SAVE_DRAFT, key_text)
from .shown_retranslation import ShownRetranslation
from .shown_text import shown
from .user_errors import error_sentence


class EntryView(ShownRetranslation, QWidget):
    """Keying new forms and editing stored ones."""

    form_saved = Signal(object)  # the FormChange

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.session = EntrySession(context.form_service(), context.round_uuid)
        self._baseline: tuple[str, dict[str, str]] = ("", {})
        self._number_keys = 0
        self._hint_question = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.setSpacing(4)
        layout.addWidget(self._build_header())
        self.form = self._form_widget(self.session.service.questionnaire)
        layout.addWidget(self.form, 1)
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #555; padding: 2px 4px;")
        self._show_hint()
        layout.addWidget(self.hint)
        context.project_changed.connect(self._project_changed)
        context.round_changed.connect(self._round_changed)
        context.operator_changed.connect(self._refresh_service)
        context.settings_changed.connect(self._settings_changed)
        self.new_form()

    def _build_header(self) -> QFrame:
        header = QFrame()
        header.setObjectName("entryHeader")
        header.setStyleSheet("#entryHeader { background: #f3f5f8; border: 1px solid #d5d9e0;"
                             " border-radius: 4px; }")
        rows = QVBoxLayout(header)
        rows.setContentsMargins(8, 6, 8, 4)
        rows.setSpacing(2)
        row = QHBoxLayout()
        self.mode = QLabel()
        self.mode.setStyleSheet("font-weight: bold;")
        self.number_label = QLabel()
        self.number = AnswerEdit()
        self.number.setObjectName("form_number")
        self.number.setFixedWidth(90)
        self.number.setValidator(QIntValidator(0, 999_999_999, self.number))
        self.number_label.setBuddy(self.number)
        self.number.navigated.connect(self._number_navigated)
        self.number.keyed.connect(self._count_number_key)
        self.number.textEdited.connect(lambda _t: self.number_message.setText(""))
        self.number_message = QLabel()
        self.number_message.setStyleSheet(ERROR_STYLE)
        self.counts = QLabel()
        self.counts.setStyleSheet("color: #555;")
        self.save_button = QPushButton()
        self.save_button.clicked.connect(lambda: self.save(draft=False))
        self.draft_button = QPushButton()
        self.draft_button.clicked.connect(lambda: self.save(draft=True))
        self.history_button = QPushButton()
        self.history_button.clicked.connect(self.show_history)
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self._new_clicked)
        for widget in (self.save_button, self.draft_button, self.history_button,
                       self.new_button):
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        row.addWidget(self.mode)
        row.addSpacing(12)
        row.addWidget(self.number_label)
        row.addWidget(self.number)
        row.addStretch(1)
        row.addWidget(self.counts)
        row.addWidget(self.new_button)
        row.addWidget(self.history_button)
        row.addWidget(self.draft_button)
        row.addWidget(self.save_button)
        rows.addLayout(row)
        # Its own line, always there, so messages never push the form up or down.
        self.number_message.setMinimumHeight(self.number_message.fontMetrics().height() + 2)
        rows.addWidget(self.number_message)
        self._set_texts()
        return header

    def _set_texts(self) -> None:
        self.number_label.setText(self.tr("Form number"))
        self.number.setAccessibleName(self.tr("Form number"))
        self.save_button.setText(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save the form ({keys})").format(
            keys=key_text(SAVE)))
        self.draft_button.setText(self.tr("Save as draft"))
        self.draft_button.setToolTip(self.tr("Save an incomplete form ({keys})").format(
            keys=key_text(SAVE_DRAFT)))
        self.history_button.setText(self.tr("History…"))
        self.history_button.setToolTip(self.tr("Every change of this form ({keys})").format(
            keys=key_text(FORM_HISTORY)))
        self.new_button.setText(self.tr("New form"))

    # A language switch (ShownRetranslation): fixed texts at once, the rest when shown.
    def _can_retranslate(self) -> bool:
        return hasattr(self, "hint")

    def _retranslate_texts(self) -> None:
        self._set_texts()

    def _retranslate_shown(self) -> None:
        # These read the project, which a closed window may no longer have open.
        self._show_hint(self._hint_question)
        self._show_mode_text()
        self._update_counts()

    # -- state ---------------------------------------------------------------------------
    def new_form(self) -> None:
        """A blank form with the cursor on the form number."""
        self.session.start_new()
        if self.session.round_uuid != self.context.round_uuid:  # after editing elsewhere
            self.session.round_uuid = self.context.round_uuid
            self._refresh_service()
            self._use_questionnaire(self.session.service.questionnaire)
        self.number.setText("")
        self.number_message.setText("")
        self.form.clear()
        self._number_keys = 0
        self._baseline = ("", {})
        self._show_mode()
        self.focus_form_number()

    def load_form(self, uuid: str) -> bool:
        """Open a stored form for editing (after asking about unsaved changes)."""
        if not self.confirm_discard():
            return False
        try:
            stored = self.session.start_edit(uuid)
        except FormRefused as exc:
            self.number_message.setText(str(exc))
            return False
        # The form is checked against its own round's questionnaire version.
        self._refresh_service()
        self._use_questionnaire(self.session.service.questionnaire)
        self.number.setText(str(stored.response.form_number))
        self.number_message.setText("")
        # Out-of-range values stored earlier were confirmed then: keep them confirmed.
        kept = {p.question_id for p in validate_form(
            self.session.service.questionnaire, stored.answers, self.context.lang, draft=True)
            if p.confirmable}
        self.form.set_values(stored.answers, kept)
        self.form.reset_keystrokes()
        self._number_keys = 0
        self._baseline = (self.number.text(), self.form.values())
        self._show_mode()
        self.form.focus_first()
        return True

    def has_unsaved_changes(self) -> bool:
        """Something was typed since the form was opened or last saved."""
        return (self.number.text().strip(), self.form.values()) != self._baseline

    def confirm_discard(self) -> bool:
        """Ask before throwing away unsaved changes; True when it is fine to go on."""
        if not self.has_unsaved_changes():
            return True
        answer = QMessageBox.question(
            self, self.tr("Unsaved form"),
            self.tr("This form has changes that are not saved. Save them now?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save(draft=False)
        if answer == QMessageBox.StandardButton.Discard:
            self.new_form()
            return True
        return False

    def focus_form_number(self) -> None:
        """Put the cursor on the form number."""
        self.number.setFocus(Qt.FocusReason.OtherFocusReason)
        self.number.selectAll()
        self.form.verticalScrollBar().setValue(0)
        self._show_hint()

    @property
    def keystrokes(self) -> int:
        """Keys pressed for this form so far (form number and answers)."""
        return self._number_keys + self.form.keystrokes

    # -- saving --------------------------------------------------------------------------
    def save(self, draft: bool = False) -> bool:
        """Save the form (Ctrl+S) or a draft (Ctrl+Shift+S); True when it was saved."""
        self.form.refresh_skips()
        problem = self.session.form_number_problem(self.number.text())
        if problem:
            self.number_message.setText(problem)
            self.focus_form_number()
            return False
        problems = self.form.show_problems(draft=draft)
        if problems:
            self.number_message.setText(self.tr(
                "Not saved: %n question(s) need attention (shown in red).", "",
                len(problems)))
            return False
        reason = ""
        if self.session.needs_reason and self.has_unsaved_changes():
            reason = ReasonDialog.ask(
                self, self.tr("Change a verified form"),
                self.tr("This form was already verified. Why is it being changed?"),
                self.tr("Save change")) or ""
            if not reason:
                return False
        try:
            change = self.session.save(int(self.number.text()), self.form.values(),
                                       draft=draft, confirmed=self.form.confirmations(),
                                       keystrokes=self.keystrokes, reason=reason)
        except FormRefused as exc:
            self.number_message.setText(str(exc))
            for item in exc.problems:
                if item.question_id in self.form.fields:
                    self.form.fields[item.question_id].show_message(item.message)
            return False
        except Exception as exc:  # noqa: BLE001 - a full disk, a read-only file: one sentence
            self.number_message.setText(error_sentence(
                exc, self.context.lang, self.context.workspace.path))
            return False
        self._saved(change)
        return True

    def _saved(self, change: FormChange) -> None:
        number = self.number.text()
        self.new_form()
        text = self.tr("Form {n} saved as a draft.") if change.status == "draft" \
            else self.tr("Form {n} saved.")
        self.number_message.setStyleSheet(DONE_STYLE)
        self.number_message.setText(text.format(n=number))
        self.form_saved.emit(change)  # the workspace has published it (forms_changed)

    def show_history(self) -> None:
        """The audit history of the form being edited."""
        if self.session.editing is None:
            self.number_message.setText(self.tr("History is shown for saved forms: open one "
                                                "from Records."))
            return
        response = self.session.editing.response
        FormHistoryDialog(self.session.service, response.uuid, response.form_number,
                          self).exec()

    # -- keyboard ------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        pressed = QKeySequence(event.keyCombination())
        if pressed in (QKeySequence(SAVE), QKeySequence(SAVE_DRAFT)):
            self.save(draft=pressed == QKeySequence(SAVE_DRAFT))
            return
        if pressed == QKeySequence(FORM_HISTORY):
            self.show_history()
            return
        super().keyPressEvent(event)

    def _count_number_key(self) -> None:
        self._number_keys += 1

    def _number_navigated(self, step: int) -> None:
        self.number_message.setStyleSheet(ERROR_STYLE)
        if step < 0:
            self.form.focus_last()
            return
        problem = self.session.form_number_problem(self.number.text())
        self.number_message.setText(problem or "")
        if problem is None:
            self.form.focus_first()

    def _at_end(self) -> None:
        self.number_message.setStyleSheet(DONE_STYLE)
        self.number_message.setText(self.tr("End of the form: press {keys} to save.").format(
            keys=key_text(SAVE)))

    # -- context -------------------------------------------------------------------------
    def _show_mode(self) -> None:
        self._show_mode_text()
        round_ = self.context.current_round() if self.session.editing is None else None
        low, high = (round_.form_min, round_.form_max) if round_ else (None, None)
        self.number.setPlaceholderText(f"{low}–{high}" if low is not None and high is not None
                                       else "")
        self.history_button.setEnabled(self.session.editing is not None)
        self.number_message.setStyleSheet(ERROR_STYLE)
        self._update_counts()

    def _show_mode_text(self) -> None:
        editing = self.session.editing
        if editing is None:
            self.mode.setText(self.tr("New form"))
        else:
            self.mode.setText(self.tr("Editing form {n} ({status})").format(
                n=editing.response.form_number, status=status_text(editing.response.status)))

    def _show_hint(self, question_id: str = "") -> None:
        # The missing codes of the question with the cursor: they differ per question
        # (98/99 on a count, 8/9 elsewhere) and a greyed-out question takes none.
        field = self.form.fields.get(question_id) if question_id else None
        codes = field.question.missing_codes if field is not None and field.applies else ()
        missing = " · ".join(f"{m.code} {shown(m.label.text(self.context.lang))}"
                             for m in codes)
        self._hint_question = question_id if field is not None else ""
        self.hint.setText(self.tr("{next} or {tab}: next question · {back}: back · "
                                  "{save}: save · {draft}: save as draft").format(
                                      next=key_text(NEXT_QUESTION),
                                      tab=key_text(NEXT_QUESTION_TOO),
                                      back=key_text(PREVIOUS_QUESTION), save=key_text(SAVE),
                                      draft=key_text(SAVE_DRAFT)) +
                          (" · " + missing if missing else ""))

    def _update_counts(self) -> None:
        applies = self.form.applicable_ids()
        answered = self.form.answered_count()
        self.counts.setText(self.tr("{done} of {total} answered").format(
            done=answered, total=len(applies)))

    def _refresh_service(self) -> None:
        self.session.service = self.context.form_service(self.session.round_uuid)

    def _round_changed(self) -> None:
        if self.session.editing is None:
            self.session.round_uuid = self.context.round_uuid
            self._refresh_service()
            self._use_questionnaire(self.session.service.questionnaire)
            self.number_message.setText("")
            self._show_mode()

    def _form_widget(self, questionnaire) -> FormWidget:
        form = FormWidget(questionnaire, self.context.lang,
                          operator_controlled=self.context.operator_controlled)
        form.left_top.connect(self.focus_form_number)
        form.completed.connect(self._at_end)
        form.answers_changed.connect(self._update_counts)
        form.question_entered.connect(self._show_hint)
        return form

    def _use_questionnaire(self, questionnaire) -> None:
        """Key with another questionnaire version (a round's own): rebuild the form."""
        if questionnaire.sha256 == self.form.questionnaire.sha256:
            return
        old = self.form
        self.form = self._form_widget(questionnaire)
        self.layout().replaceWidget(old, self.form)
        old.hide()
        old.deleteLater()
        self._show_hint()

    def _settings_changed(self) -> None:
        self._refresh_service()
        self.form.set_language(self.context.lang)
        self._show_hint(self._hint_question)
        self.form.set_operator_controlled(self.context.operator_controlled)

    def _project_changed(self) -> None:
        # A new project may have another questionnaire: rebuild the form for it.
        self.session = EntrySession(self.context.form_service(), self.context.round_uuid)
        old = self.form
        self.form = self._form_widget(self.session.service.questionnaire)
        self.layout().replaceWidget(old, self.form)
        old.deleteLater()
        self._show_hint()
        self.new_form()

    def _new_clicked(self) -> None:
        if self.confirm_discard():
            self.new_form()
