"""The resolving stage of double-entry verification: compare the second keying with the
first (Ctrl+S), decide each discrepancy against the paper (Alt+1 keeps the first value,
Alt+2 the second, Alt+3 types the paper's), and finish (Ctrl+Enter): the form is verified.
Also the numbers of the view's pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ..services.verification_service import Comparison, VerificationRefused
from .shortcut_keys import FINISH, SAVE, key_text as _keys

if TYPE_CHECKING:
    from .verification_view import VerificationView

IDLE, KEYING, RESOLVING = range(3)  # the view's pages: start, second keying, resolving


class VerificationDecisions(QObject):
    """Compares, resolves and finishes the form open in `view`."""

    def __init__(self, view: "VerificationView"):
        super().__init__(view)
        self.view = view

    def compare(self) -> None:
        """Ctrl+S on the second keying: check it, store it and compare it."""
        view = self.view
        if view.pages.currentIndex() != KEYING or view.form is None or not view.form_uuid:
            return
        if view.form.show_problems():
            view.say(self.tr("Correct the answers marked in red, then press {save} again.")
                     .format(save=_keys(SAVE)), True)
            return
        try:
            result = view.service().compare(view.form_uuid, view.form.values())
        except VerificationRefused as exc:
            view.say(str(exc), True)
            return
        view.verification_id = result.verification_id
        if result.verified:
            view.done(result.form_number, self.tr(
                "Form {n} matches the first keying in all %n question(s) and is now "
                "verified.", "", result.fields_compared).format(n=result.form_number))
            return
        self.show(result)

    def show(self, result: Comparison | None = None) -> None:
        """The resolution page with the form's discrepancies (after a comparison, or when a
        form with open decisions is opened again)."""
        view = self.view
        service = view.service()
        items = service.items(view.verification_id)
        view.table.show_items(service.questionnaire, items, view.context.lang)
        view.pages.setCurrentIndex(RESOLVING)
        view.update_header()
        if result is not None:
            view.say(self.tr("Discrepancies: {count} in %n question(s). Check each one "
                             "against the paper.", "", result.fields_compared).format(
                                 count=len(items)))
        view.table.selectRow(0)
        if items and items[0].decided:
            view.table.select_next_undecided()
        view.table.setFocus()

    def decide(self, decision: str) -> None:
        """Alt+1 / Alt+2 / Enter in the value box: decide the current row."""
        view = self.view
        item = view.table.current_item()
        if view.pages.currentIndex() != RESOLVING or item is None:
            return
        typed = view.typed_edit.text() if decision == "typed" else ""
        try:
            view.service().resolve(view.verification_id, item.question_id, decision, typed)
        except VerificationRefused as exc:
            view.say(str(exc), True)
            return
        view.typed_edit.clear()
        view.say("")
        service = view.service()
        view.table.show_items(service.questionnaire, service.items(view.verification_id),
                              view.context.lang)
        if view.table.select_next_undecided():
            view.table.setFocus()
        else:
            view.say(self.tr("Every discrepancy has a decision. Press {finish} to finish.")
                     .format(finish=_keys(FINISH)))
            view.finish_button.setFocus()

    def start_typing(self) -> None:
        """Alt+3: type the value on the paper for the current row."""
        view = self.view
        if view.pages.currentIndex() == RESOLVING and view.table.current_item() is not None:
            view.typed_edit.setFocus()
            view.typed_edit.selectAll()

    def finish(self) -> None:
        """Ctrl+Enter: write the decided values and mark the form verified."""
        view = self.view
        if view.pages.currentIndex() != RESOLVING or view.verification_id is None:
            return
        try:
            changed = view.service().finish(view.verification_id)
        except VerificationRefused as exc:
            view.say(str(exc), True)
            return
        view.done(view.form_number, self.tr(
            "Form {n} is verified (answers corrected: {changed}).").format(
            n=view.form_number, changed=changed))
