"""`ConflictsView`: the HQ analyst resolves the conflicts kept by the import.

Above, the open conflicts (form, round, kind, both laptops with operator and time, how
many answers differ). Below, the chosen one side by side (the verification view's
discrepancy table, with HQ's value and the incoming one): on each row Alt+1 keeps HQ's
value, Alt+2 the incoming one, Alt+3 types a value (Enter applies); Ctrl+Enter writes the
decisions with the reason. When two laptops keyed two different paper forms under the
same number, Alt+4 keeps both: the incoming form gets the new number typed there.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIntValidator, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QSplitter, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from ..services.conflict_service import (Choice, ConflictDetail, ConflictRefused,
                                         ConflictService, ConflictSummary, Side)
from .app_context import AppContext
from .conflict_table import TABLE_DECISIONS, ConflictTable, TableRow
from .lazy_view import LazyView
from .message_styles import DONE_STYLE, ERROR_STYLE
from .records_model import status_text
from .shown_text import shown
from .shortcut_keys import (CONFIRM, FINISH, FINISH_TOO, KEEP_BOTH, KEEP_FIRST, KEEP_SECOND,
                            TYPE_VALUE, key_text as _keys)



class ConflictsView(LazyView):
    """Open conflicts and the side-by-side resolution of the chosen one."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.summaries: list[ConflictSummary] = []
        self.detail: ConflictDetail | None = None
        self.choices: dict[str, Choice] = {}
        self._keep_both_waiting = False

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 12pt; font-weight: bold; padding: 4px 0;")
        self.list = QTableWidget(0, 6)
        self.list.setObjectName("conflictList")
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setTabKeyNavigation(False)
        self.list.verticalHeader().hide()
        self.list.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 5):
            self.list.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents)
        self.list.currentCellChanged.connect(lambda row, *_: self._show_conflict(row))

        self.header = QLabel()
        self.header.setWordWrap(True)
        self.table = ConflictTable()
        self.table.setObjectName("conflictTable")
        self.keep_hq_button = QPushButton()
        self.keep_incoming_button = QPushButton()
        self.typed_label = QLabel()
        self.typed_edit = QLineEdit()
        self.typed_edit.setObjectName("conflictTypedValue")
        self.typed_edit.setFixedWidth(140)
        self.typed_label.setBuddy(self.typed_edit)
        self.reason_label = QLabel()
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("conflictReason")
        self.reason_label.setBuddy(self.reason_edit)
        self.apply_button = QPushButton()
        self.apply_button.setObjectName("conflictApply")
        decide_row = QHBoxLayout()
        for widget in (self.keep_hq_button, self.keep_incoming_button, self.typed_label,
                       self.typed_edit):
            decide_row.addWidget(widget)
        decide_row.addStretch(1)
        reason_row = QHBoxLayout()
        reason_row.addWidget(self.reason_label)
        reason_row.addWidget(self.reason_edit, 1)
        reason_row.addWidget(self.apply_button)
        self.number_label = QLabel()
        self.number_edit = QLineEdit()
        self.number_edit.setObjectName("conflictNewNumber")
        self.number_edit.setValidator(QIntValidator(0, 999_999_999, self))
        self.number_edit.setFixedWidth(100)
        self.number_label.setBuddy(self.number_edit)
        self.keep_both_button = QPushButton()
        both_row = QHBoxLayout()
        for widget in (self.number_label, self.number_edit, self.keep_both_button):
            both_row.addWidget(widget)
        both_row.addStretch(1)
        self.message = QLabel()
        self.message.setObjectName("conflictMessage")
        self.message.setWordWrap(True)
        self.help = QLabel()
        self.help.setWordWrap(True)
        self.help.setStyleSheet("color: #444;")

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.header)
        lower_layout.addWidget(self.table, 1)
        lower_layout.addLayout(decide_row)
        lower_layout.addLayout(both_row)
        lower_layout.addLayout(reason_row)
        lower_layout.addWidget(self.message)
        lower_layout.addWidget(self.help)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.list)
        splitter.addWidget(lower)
        splitter.setSizes([150, 450])
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(splitter, 1)

        self.keep_hq_button.clicked.connect(lambda: self.decide("hq"))
        self.keep_incoming_button.clicked.connect(lambda: self.decide("incoming"))
        self.typed_edit.returnPressed.connect(lambda: self.decide("typed"))
        self.apply_button.clicked.connect(self.apply)
        self.reason_edit.returnPressed.connect(self._reason_entered)
        self.number_edit.returnPressed.connect(self.keep_both)
        self.keep_both_button.clicked.connect(self.keep_both)
        self.list.activated.connect(lambda _index: self.table.setFocus())
        for keys, slot in ((KEEP_FIRST, lambda: self.decide("hq")),
                           (KEEP_SECOND, lambda: self.decide("incoming")),
                           (TYPE_VALUE, self.start_typing), (KEEP_BOTH, self.start_keep_both),
                           (FINISH, self.apply), (FINISH_TOO, self.apply)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        context.forms_changed.connect(self.forms_changed)
        context.project_changed.connect(self._project_changed)
        context.settings_changed.connect(self.language_changed)
        self.retranslate()

    # -- texts and data ------------------------------------------------------------------
    def retranslate(self) -> None:
        """Every text in the current language, then the conflicts again."""
        self.list.setHorizontalHeaderLabels([
            self.tr("Form"), self.tr("Round"), self.tr("Kind"), self.tr("HQ version"),
            self.tr("Incoming version"), self.tr("Differences")])
        self.table.retranslate()
        self.keep_hq_button.setText(self.tr("Keep HQ") + f" ({_keys(KEEP_FIRST)})")
        self.keep_incoming_button.setText(self.tr("Keep incoming") + f" ({_keys(KEEP_SECOND)})")
        self.typed_label.setText(self.tr("Value") + f" ({_keys(TYPE_VALUE)}):")
        self.reason_label.setText(self.tr("&Reason:"))
        self.reason_edit.setPlaceholderText(self.tr("Why you decided this way (kept in the "
                                                    "audit log)"))
        self.apply_button.setText(self.tr("Apply") + f" ({_keys(FINISH)})")
        self.number_label.setText(self.tr("Two different paper forms: new number for the "
                                          "incoming one") + f" ({_keys(KEEP_BOTH)}):")
        self.keep_both_button.setText(self.tr("Keep both"))
        self.help.setText(self.tr(
            "Compare each row with the paper or ask the teams: {hq} keeps HQ's value, "
            "{incoming} the incoming one, {typed} lets you type the right value ({confirm} "
            "applies). Up and Down move between rows. Write the reason, then {apply} saves "
            "the form with the chosen values. The incoming version is always kept.").format(
            hq=_keys(KEEP_FIRST), incoming=_keys(KEEP_SECOND), typed=_keys(TYPE_VALUE),
            apply=_keys(FINISH), confirm=_keys(CONFIRM)))
        self.refresh_figures()

    def _project_changed(self) -> None:
        self.detail, self.choices = None, {}  # conflict ids belong to the old project
        self.forms_changed()

    def service(self) -> ConflictService:
        return self.context.workspace.conflict_service(self.context.actor, self.context.lang)

    def refresh_figures(self) -> None:
        """Read the open conflicts again; keeps the chosen one when it is still open."""
        keep = self.detail.summary.id if self.detail else None
        self.summaries = self.service().list_open()
        self.title.setText(self.tr("Conflicts waiting for a decision: {n}").format(
            n=len(self.summaries)))
        self.list.blockSignals(True)
        self.list.setRowCount(len(self.summaries))
        for row, summary in enumerate(self.summaries):
            cells = (str(summary.form_number), summary.round_name, self._kind(summary),
                     self._side_text(summary.hq), self._side_text(summary.incoming),
                     str(summary.differences))
            for column, text in enumerate(cells):
                text = shown(text)  # round, device and operator names from bundles
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.list.setItem(row, column, item)
        ids = [s.id for s in self.summaries]
        row = ids.index(keep) if keep in ids else 0
        if self.summaries:
            self.list.selectRow(row)
        self.list.blockSignals(False)
        self._show_conflict(row if self.summaries else -1)

    def _kind(self, summary: ConflictSummary) -> str:
        return {"same_revision": self.tr("Both edited the same version"),
                "diverged": self.tr("Edits of an older version"),
                "form_number": self.tr("Same paper number")}.get(summary.reason, summary.reason)

    def _side_text(self, side: Side) -> str:
        if side.uuid is None:
            return self.tr("(no form at HQ)")
        return self.tr("{device} · {operator} · {time}").format(
            device=shown(side.device), operator=shown(side.operator), time=side.time[:16].replace("T", " "))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        (self.table if self.detail else self.list).setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_conflict(self, row: int) -> None:
        if not 0 <= row < len(self.summaries):
            self.detail, self.choices = None, {}
            self.table.setRowCount(0)
            self.header.setText(self.tr("No conflict is waiting. Conflicts appear here when "
                                        "two laptops changed the same form."))
            self._set_enabled(False)
            return
        if self.detail is None or self.detail.summary.id != self.summaries[row].id:
            self.choices = {}
            self.reason_edit.clear()
            self.number_edit.clear()
        self.detail = self.service().detail(self.summaries[row].id)
        summary = self.detail.summary
        self.header.setText(self.tr(
            "Form {n} ({round}): HQ revision {hq_rev} from {hq_device} beside revision "
            "{in_rev} from {in_device}; %n answer(s) differ.", "",
            int(summary.differences)).format(
            n=summary.form_number, round=shown(summary.round_name),
            hq_rev=summary.hq.revision, hq_device=shown(summary.hq.device),
            in_rev=summary.incoming.revision, in_device=shown(summary.incoming.device)))
        hq, incoming = summary.hq, summary.incoming
        if hq.uuid is not None and (hq.status, hq.form_number) != (incoming.status,
                                                                   incoming.form_number):
            self.header.setText(self.header.text() + " " + self.tr(
                "The two versions also differ in status or number (HQ: {hq_status}, form "
                "{hq_n}; incoming: {in_status}, form {in_n}); only the answers are chosen "
                "here.").format(hq_status=status_text(hq.status), hq_n=hq.form_number,
                                in_status=status_text(incoming.status),
                                in_n=incoming.form_number))
        self._set_enabled(True)
        self._show_items()

    def _set_enabled(self, on: bool) -> None:
        for widget in (self.table, self.keep_hq_button, self.keep_incoming_button,
                       self.typed_edit, self.reason_edit, self.apply_button):
            widget.setEnabled(on)
        both = on and self.detail is not None and self.detail.summary.may_keep_both
        for widget in (self.number_label, self.number_edit, self.keep_both_button):
            widget.setVisible(both)

    def _show_items(self) -> None:
        rows = []
        for item in self.detail.items:
            choice = self.choices.get(item.question_id)
            final = None
            if choice is not None:
                final = {"hq": item.hq_value, "incoming": item.incoming_value}.get(
                    choice.decision, choice.value)
            rows.append(TableRow(item.question_id, item.hq_value or "",
                                 item.incoming_value or "", final,
                                 TABLE_DECISIONS[choice.decision] if choice else None))
        self.table.show_items(self.detail.questionnaire, rows, self.context.lang)

    # -- deciding ------------------------------------------------------------------------
    def decide(self, decision: str) -> None:
        """Alt+1 / Alt+2 / Enter in the value box: decide the current row."""
        item = self.table.current_item()
        if self.detail is None or item is None:
            return
        value = self.typed_edit.text().strip() if decision == "typed" else ""
        if decision == "typed" and value:
            problem = self.service().check_value(self.detail.summary.id, item.question_id,
                                                 value)
            if problem is not None:
                self._say(problem.message, True)
                return
        self.choices[item.question_id] = Choice(decision, value)
        self.typed_edit.clear()
        self._say("")
        self._show_items()
        if self.table.select_next_undecided():
            self.table.setFocus()
        else:
            self._say(self.tr("Every question has a decision. Write the reason and press "
                              "{apply}.").format(apply=_keys(FINISH)))
            self.reason_edit.setFocus()

    def start_typing(self) -> None:
        """Alt+3: type the right value for the current row."""
        if self.detail is not None and self.table.current_item() is not None:
            self.typed_edit.setFocus()
            self.typed_edit.selectAll()

    def start_keep_both(self) -> None:
        """Alt+4: type the new paper number of the incoming form."""
        if self.detail is not None and self.detail.summary.may_keep_both:
            self.number_edit.setFocus()
            self.number_edit.selectAll()

    def _reason_entered(self) -> None:
        if self._keep_both_waiting:
            self.keep_both()
        else:
            self.apply()

    def apply(self) -> None:
        """Ctrl+Enter: save HQ's form with the chosen values and close the conflict."""
        if self.detail is None:
            return
        self._keep_both_waiting = False
        undecided = [i for i in self.detail.items if i.question_id not in self.choices]
        if undecided:
            self._say(self.tr("Question {number} has no decision yet.").format(
                number=undecided[0].number), True)
            self.table.selectRow(self.detail.items.index(undecided[0]))
            self.table.setFocus()
            return
        if not self._reason_given():
            return
        self._run(lambda service, cid: service.resolve(cid, self.choices,
                                                       self.reason_edit.text()))

    def keep_both(self) -> None:
        """Enter in the new number box: save the incoming form as a form of its own."""
        if self.detail is None or not self.detail.summary.may_keep_both:
            return
        text = self.number_edit.text().strip()
        if not text:
            self._say(self.tr("Type the number written on the incoming paper form."), True)
            self.number_edit.setFocus()
            return
        self._keep_both_waiting = True
        if not self._reason_given():
            return
        self._keep_both_waiting = False
        self._run(lambda service, cid: service.keep_both(cid, int(text),
                                                         self.reason_edit.text()))

    def _reason_given(self) -> bool:
        if self.reason_edit.text().strip():
            return True
        self._say(self.tr("Write the reason for this decision first; it is kept in the "
                          "audit log."), True)
        self.reason_edit.setFocus()
        return False

    def _run(self, write) -> None:
        number = self.detail.summary.form_number
        try:
            change = write(self.service(), self.detail.summary.id)
        except ConflictRefused as exc:
            self._say(self._refusal(exc), True)
            return
        self.detail, self.choices = None, {}  # the workspace published the change
        if self.isVisible():  # hidden, the view refreshes when shown again
            self.refresh_figures()
        self._say(self.tr("Conflict on form {n} resolved; the form is now at revision "
                          "{revision}.").format(n=number, revision=change.revision))
        (self.table if self.detail else self.list).setFocus()  # on to the next conflict

    def _refusal(self, exc: ConflictRefused) -> str:
        if exc.key == "invalid":
            return self.tr("The result would not be a valid form: {problems}").format(
                problems="; ".join(f"{self._number(p.question_id)}: {p.message}"
                                   for p in exc.problems))
        texts = {"resolved_already": self.tr("This conflict was resolved already."),
                 "no_hq_form": self.tr("HQ's form of this conflict is gone; keep the "
                                       "incoming form as a form of its own instead."),
                 "not_two_forms": self.tr("Both versions are edits of the same form; choose "
                                          "the values question by question instead.")}
        return texts.get(exc.key, str(exc))

    def _number(self, question_id: str) -> str:
        ids = set(self.detail.questionnaire.question_ids()) if self.detail else set()
        return (self.detail.questionnaire.question(question_id).number
                if question_id in ids else question_id)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else DONE_STYLE)
        self.message.setVisible(bool(text))
