"""Double-entry verification: a second operator re-keys a form blind, then each
discrepancy is resolved against the paper, all from the keyboard.

Flow: choose the round; Alt+N (or the form number and Enter) opens the next form due;
the second keying uses the same generated form as entry, empty (the first values are
never shown); Ctrl+S compares. Discrepancies appear side by side; on each row Alt+1 keeps
the first value, Alt+2 the second, Alt+3 types the value on the paper (Enter applies);
Ctrl+Enter finishes and marks the form verified. The bar at the top (round, form number,
the sample's figures) is ui/verification_bar.py; the start page with the sample rule,
verification_start.py; the resolution page, verification_resolve.py; comparing, deciding
and finishing, verification_decisions.py.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMessageBox, QStackedWidget, QVBoxLayout, QWidget

from ..services.operator_service import OperatorRefused
from ..services.verification_service import (VerificationRefused, VerificationService,
                                             summary_from_file)
from .app_context import AppContext
from .form_widget import FormWidget
from .lazy_view import LazyView
from .shown_text import shown
from .verification_bar import VerificationBar
from .verification_decisions import IDLE, KEYING, RESOLVING, VerificationDecisions
from .verification_resolve import ResolvePage
from .shortcut_keys import (CANCEL, FINISH, FINISH_TOO, KEEP_FIRST, KEEP_SECOND, NEXT_DUE,
                            SAVE, TYPE_VALUE, key_text as _keys)
from .verification_start import VerificationStartPage
from .message_styles import DONE_STYLE, ERROR_STYLE
from .user_errors import error_sentence


class VerificationView(LazyView):
    """Blind second keying and resolution of discrepancies."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.form_uuid: str | None = None
        self.form_number: int | None = None
        self.verification_id: int | None = None
        self.form: FormWidget | None = None
        self._form_sha = ""

        self.bar = VerificationBar()
        self.round_combo = self.bar.round_combo
        self.number_edit = self.bar.number_edit
        self.open_button = self.bar.open_button
        self.next_button = self.bar.next_button
        self.due_label = self.bar.due_label

        self.message = QLabel()
        self.message.setObjectName("verifyMessage")
        self.message.setWordWrap(True)
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setStyleSheet("font-size: 12pt; font-weight: bold; padding: 4px 0;")

        self.pages = QStackedWidget()
        self.start_page = VerificationStartPage()
        self.start_page.rule_edited.connect(self._rule_edited)
        self.pages.addWidget(self.start_page)
        self.keying_page = QWidget()
        self.keying_layout = QVBoxLayout(self.keying_page)
        self.keying_layout.setContentsMargins(0, 0, 0, 0)
        self.pages.addWidget(self.keying_page)
        self.resolve_page = ResolvePage()
        self.table = self.resolve_page.table
        self.typed_edit = self.resolve_page.typed_edit
        self.finish_button = self.resolve_page.finish_button
        self.resolve_page.keep_first_button.clicked.connect(lambda: self.decide("keep_first"))
        self.resolve_page.keep_second_button.clicked.connect(
            lambda: self.decide("keep_second"))
        self.typed_edit.returnPressed.connect(lambda: self.decide("typed"))
        self.finish_button.clicked.connect(self.finish)
        self.pages.addWidget(self.resolve_page)
        self.decisions = VerificationDecisions(self)

        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.header)
        layout.addWidget(self.message)
        layout.addWidget(self.pages, 1)

        self._shortcut(SAVE, self.compare)
        self._shortcut(NEXT_DUE, self.open_next)
        self._shortcut(KEEP_FIRST, lambda: self.decide("keep_first"))
        self._shortcut(KEEP_SECOND, lambda: self.decide("keep_second"))
        self._shortcut(TYPE_VALUE, self.start_typing)
        self._shortcut(FINISH, self.finish)
        self._shortcut(FINISH_TOO, self.finish)
        self._shortcut(CANCEL, self.cancel)
        self.open_button.clicked.connect(self.open_typed_number)
        self.next_button.clicked.connect(self.open_next)
        self.number_edit.returnPressed.connect(self.open_typed_number)
        self.round_combo.currentIndexChanged.connect(self._round_changed)
        context.project_changed.connect(self.reload_rounds)
        context.round_changed.connect(self._context_round_changed)
        context.operator_changed.connect(self._operator_changed)
        context.settings_changed.connect(self.language_changed)
        context.forms_changed.connect(self.forms_changed)
        self.retranslate()
        self.reload_rounds()

    # -- building ------------------------------------------------------------------------
    def _shortcut(self, keys: str, slot) -> None:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

    def _set_texts(self) -> None:
        self.bar.retranslate()
        self.resolve_page.retranslate()
        self.update_header()
        self.refresh_due()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        # Inside the main window its round bar chooses the round; alone, this view does.
        embedded = self.window() is not self and \
            self.window().findChild(QWidget, "roundBar") is not None
        self.bar.show_round_choice(not embedded)
        super().showEvent(event)
        self.focus_number()

    def focus_number(self) -> None:
        """With no form open: the cursor on the form number, its text selected, ready for
        Alt+N or a number typed over it."""
        if self.pages.currentIndex() == IDLE:
            self.number_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            self.number_edit.selectAll()

    def retranslate(self) -> None:
        """All texts in the current language, then the figures again (a message in the old
        language goes)."""
        self.say("")
        self._set_texts()
        if self.form is not None:
            self.form.set_language(self.context.lang)
        if self.pages.currentIndex() == RESOLVING and self.verification_id is not None:
            service = self.service()
            self.table.show_items(service.questionnaire, service.items(self.verification_id),
                                  self.context.lang)

    # -- services ------------------------------------------------------------------------
    def service(self) -> VerificationService:
        round_ = self.current_round()
        questionnaire = (self.context.project.questionnaire_for(round_) if round_
                         else self.context.project.questionnaire)
        return self.context.workspace.verification_service(questionnaire, self.context.actor,
                                                           self.context.lang)

    def current_round(self):
        uuid = self.round_combo.currentData()
        return next((r for r in self.context.project.rounds() if r.uuid == uuid), None)

    def reload_rounds(self) -> None:
        """Fill the round list (the context's round chosen) and show the start page."""
        self.round_combo.blockSignals(True)
        self.round_combo.clear()
        for round_ in self.context.project.rounds():
            self.round_combo.addItem(shown(round_.name), round_.uuid)
        index = self.round_combo.findData(self.context.round_uuid)
        self.round_combo.setCurrentIndex(index if index >= 0 else self.round_combo.count() - 1)
        self.round_combo.blockSignals(False)
        self._round_changed()

    def _context_round_changed(self) -> None:
        if self.round_combo.findData(self.context.round_uuid) < 0:
            self.reload_rounds()
        else:
            self.select_round(self.context.round_uuid)

    def select_round(self, round_uuid: str) -> None:
        index = self.round_combo.findData(round_uuid)
        if index >= 0:
            self.round_combo.setCurrentIndex(index)

    def refresh_figures(self) -> None:
        self.refresh_due()

    def _operator_changed(self) -> None:
        """Another operator signed in: what was said to the last one no longer holds."""
        self.say("")
        self.refresh_due()

    def refresh_due(self) -> None:
        """The sample figures beside the round and the next form due."""
        round_ = self.current_round()
        if round_ is None:
            self.bar.show_no_round()
            self.start_page.show_round(None, [])
            return
        service = self.service()
        path = self.context.workspace.path
        self._due_generation = getattr(self, "_due_generation", 0) + 1
        generation = self._due_generation
        if path is None:  # an in-memory project cannot be opened twice: read it here
            self._show_summary(generation, round_, service.summary(round_.uuid))
            return
        # One pass over every form of the round (100k at HQ): off the UI thread.
        questionnaire, actor, lang = service.questionnaire, service.actor, service.lang
        locator = self.context.workspace.locator  # path and key: the worker's own connection
        self.context.runner.run(
            lambda _progress: summary_from_file(locator, questionnaire, actor, lang,
                                                 round_.uuid),
            lambda summary: self._show_summary(generation, round_, summary),
            lambda exc: self.due_label.setText(error_sentence(exc, self.context.lang, path)))

    def _show_summary(self, generation: int, round_, summary) -> None:
        if generation != getattr(self, "_due_generation", 0):
            return  # a newer refresh is on its way
        due, waiting = summary.next_due, summary.due
        self.bar.show_summary(summary)
        self.start_page.rule_editable = self.context.may_change_settings()
        self.start_page.show_round(round_, waiting)
        if self.pages.currentIndex() == IDLE and due is not None \
                and not self.number_edit.hasFocus():
            self.number_edit.setText(str(due[1]))
            # Selected, so the number of the paper in hand is typed over the suggestion
            # when the cursor comes back (it read '24' for a '4' typed after a '2').
            self.number_edit.selectAll()

    # -- opening a form ------------------------------------------------------------------
    def open_next(self) -> None:
        round_ = self.current_round()
        if round_ is None or not self._may_leave():
            return
        due = self.service().next_due(round_.uuid)
        if due is None:
            self.say(self.tr("No form is waiting for verification in this round."), True)
            return
        self.open_form(due[0])

    def open_typed_number(self) -> None:
        round_ = self.current_round()
        text = self.number_edit.text().strip()
        if round_ is None or not text or not self._may_leave():
            return
        try:
            uuid = self.service().find(round_.uuid, int(text))
        except VerificationRefused as exc:
            self.say(str(exc), True)
            return
        self.open_form(uuid)

    def open_form(self, uuid: str) -> None:
        """Start the blind second keying of a form, or resume its open decisions."""
        service = self.service()
        stored = service.form(uuid)
        if stored is None:
            return
        try:
            service.require_verifier()  # a keyer hears it now, not after a whole form
        except VerificationRefused as exc:
            self.say(str(exc), True)
            return
        self.form_uuid, self.form_number = uuid, stored.response.form_number
        self.number_edit.setText(str(self.form_number))
        self.say("")
        waiting = service.open_for(uuid)
        if waiting is not None:
            self.verification_id = waiting.id
            self.decisions.show()
            return
        self.verification_id = None
        form = self._form_widget(service.questionnaire)
        form.clear()
        self.pages.setCurrentIndex(KEYING)
        self.update_header(stored.response.operator)
        form.focus_first()

    def _form_widget(self, questionnaire) -> FormWidget:
        if self.form is None or self._form_sha != questionnaire.sha256:
            if self.form is not None:
                self.form.deleteLater()
            self.form = FormWidget(questionnaire, self.context.lang)
            self.form.setObjectName("verifyForm")
            self.form.completed.connect(lambda: self.say(self.tr(
                "Last question reached. Press {save} to compare with the first keying.")
                .format(save=_keys(SAVE))))
            self.keying_layout.addWidget(self.form)
            self._form_sha = questionnaire.sha256
        return self.form

    # -- comparing and deciding (verification_decisions.py) --------------------------------
    def compare(self) -> None:
        """Ctrl+S on the second keying: check it, store it and compare it."""
        self.decisions.compare()

    def decide(self, decision: str) -> None:
        """Alt+1 / Alt+2 / Enter in the value box: decide the current row."""
        self.decisions.decide(decision)

    def start_typing(self) -> None:
        """Alt+3: type the value on the paper for the current row."""
        self.decisions.start_typing()

    def finish(self) -> None:
        """Ctrl+Enter: write the decided values and mark the form verified."""
        self.decisions.finish()

    def cancel(self) -> None:
        """Escape: leave the second keying (after asking when answers were typed)."""
        if self.pages.currentIndex() == KEYING and self._may_leave():
            self._back_to_start()

    # -- helpers -------------------------------------------------------------------------
    def done(self, number: int | None, text: str) -> None:
        """A form is finished: back to the start page, saying `text`."""
        # The workspace has published the verified form (forms_changed follows).
        self._back_to_start()
        self.say(text)

    def _back_to_start(self) -> None:
        self.form_uuid = self.form_number = self.verification_id = None
        if self.form is not None:
            self.form.clear()
        self.pages.setCurrentIndex(IDLE)
        self.update_header()
        self.number_edit.clear()
        self.refresh_due()
        self.number_edit.setFocus()
        self.number_edit.selectAll()

    def _may_leave(self) -> bool:
        if self.pages.currentIndex() != KEYING or self.form is None or not self.form.values():
            return True
        answer = QMessageBox.question(self, self.tr("Leave this form?"), self.tr(
            "The second keying of form {n} is not compared yet. Leave it and lose what "
            "you typed?").format(n=self.form_number))
        return answer == QMessageBox.StandardButton.Yes

    def _round_changed(self) -> None:
        if self.pages.currentIndex() != IDLE:
            self._back_to_start()
        uuid = self.round_combo.currentData()
        if uuid and uuid != self.context.round_uuid:
            self.context.set_round(uuid)
        self.say("")
        self.refresh_due()

    def _rule_edited(self, mode: str, value: float) -> None:
        round_ = self.current_round()
        if round_ is None:
            return
        try:
            self.service().set_rule(round_.uuid, mode, value)
        except VerificationRefused as exc:
            self.say(str(exc), True)
            return
        except OperatorRefused as exc:  # the sample rule is a supervisor's setting
            self.say(error_sentence(exc, self.context.lang), True)
            return
        self.refresh_due()

    def update_header(self, first_operator: str | None = None) -> None:
        """The line above the page: what to do on it."""
        page = self.pages.currentIndex()
        if page == KEYING:
            self.header.setText(self.tr(
                "Form {n}: second keying, blind. Key the answers from the paper; {save} "
                "compares.").format(n=self.form_number, save=_keys(SAVE)))
        elif page == RESOLVING:
            self.header.setText(self.tr(
                "Form {n}: resolve each discrepancy against the paper.").format(
                n=self.form_number))
        else:
            self.header.setText(self.tr("Verification by double entry"))

    def say(self, text: str, error: bool = False) -> None:
        """Show a message below the header (red when `error`; '' hides it)."""
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else DONE_STYLE)
        self.message.setVisible(bool(text))
