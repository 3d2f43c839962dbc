"""`RoundCombo`: the round bar's list of rounds, which says when a round was picked from
its open list, so the main window can put the cursor back on the form number.

An operator who picks a round with the mouse goes on to type a form number; the cursor
stayed on the list, and the first digits typed went nowhere. Arrow keys on the closed
list only change the round: the operator may be stepping past several."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QWidget


class RoundCombo(QComboBox):
    """A QComboBox that emits `picked_from_list` when an item of its open list is chosen."""

    picked_from_list = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._list_open = False
        self.activated.connect(self._activated)

    def showPopup(self) -> None:  # noqa: N802 - Qt override
        self._list_open = True
        super().showPopup()

    def hidePopup(self) -> None:  # noqa: N802 - Qt override
        super().hidePopup()
        # A choice from the list is announced (activated) right after the list closes;
        # a list closed with Escape announces nothing, and must not count later.
        QTimer.singleShot(0, self._list_closed)

    def _list_closed(self) -> None:
        self._list_open = False

    def _activated(self, _index: int) -> None:
        if self._list_open:
            self._list_open = False
            self.picked_from_list.emit()
