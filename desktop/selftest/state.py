"""What the self-test's steps share: the temporary folder and the paths in it, the window,
the saved form, the bundle, the HQ keys; and the helpers the steps use to drive the window
with keyboard events and to wait for it. The steps themselves live in *_steps.py."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

FORM_NUMBER = 17
SELFTEST_PASSPHRASE = "selftest passphrase, not a secret"
SELFTEST_PIN = "2468"
STEP_TIMEOUT_MS = 10_000


class SelfTestState:
    """The state the steps build on, one step after another, and their helpers."""

    def __init__(self, root: Path):
        self.root = root
        self.field_db = root / "field.db"
        self.hq_db = root / "hq.db"
        self.outbox = root / "outbox"
        self.outbox.mkdir()
        self.passphrase_file = root / "passphrase.txt"
        self.app = None
        self.window = None
        self.context = None
        self.saved_uuid = ""
        self.answers: dict[str, str] = {}
        self.bundle: Path | None = None
        self.hq_keys = None

    # -- helpers -------------------------------------------------------------------------
    @staticmethod
    def _check_view(widget, name: str) -> str:
        if type(widget).__name__ != name:
            text = widget.text() if hasattr(widget, "text") else type(widget).__name__
            raise AssertionError(f"{name} did not open: {text}")
        return name

    def _type_answer(self, expected: str, text: str) -> int:
        """Type `text` into the focused box (which must be `expected`), then Enter."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        widget = self.window.focusWidget()
        if widget is None or widget.objectName() != expected:
            name = widget.objectName() if widget is not None else "nothing"
            raise AssertionError(f"the cursor is on {name}, expected {expected}")
        if text:
            QTest.keyClicks(widget, text)
        QTest.keyClick(widget, Qt.Key.Key_Return)
        return len(text) + 1

    def _wait(self, condition: Callable[[], bool], failure: str) -> None:
        from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop
        deadline = QDeadlineTimer(STEP_TIMEOUT_MS)
        while not condition():
            if deadline.hasExpired():
                raise AssertionError(failure)
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)

    def close(self) -> None:
        if self.window is not None:
            # hide(), not close(): after a failed step the entry view may hold typing, and
            # close() would ask about it in a modal box nobody can answer.
            self.window.hide()
            self.window.deleteLater()
            # Delete it now, while the application and pyqtgraph still exist: left to the
            # interpreter's exit, its charts were torn down after them (a crash 1 run in 3).
            from PySide6.QtCore import QCoreApplication, QEvent
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            self.window = None
        if self.context is not None:
            self.context.project.close()
