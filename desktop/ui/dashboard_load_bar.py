"""`LoadBar`: the dashboard's progress bar, from the read of the forms (off the UI thread,
a step per stage: a million forms take seconds) through the drawing of the charts (a step
per turn of the event loop), so it keeps moving until the picture is whole.

It moves without painting at once: QProgressBar.setValue repaints synchronously, and a
synchronous paint paints everything in the window waiting to be painted (a chart just
fed: 10-20 ms within the step that moved the bar); here the bar is painted with the rest
of the window, in its own turn.
"""

from __future__ import annotations

from PySide6.QtWidgets import QProgressBar

# The bar's share of drawing a load: four charts fed and the risk register (the last
# step, the texts, hides it).
DRAWING_STEPS = 5


class LoadBar(QProgressBar):
    """Hidden until a read starts; `read_progressed`, then `drawing_started` and
    `stepped` once per step of the drawing."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMaximumWidth(220)
        self.hide()

    def busy(self) -> None:
        """Shown, moving on its own until the read reports its first step."""
        self.setRange(0, 0)
        self.show()

    def read_progressed(self, done: int, total: int) -> None:
        """A stage of the read finished; the drawing's steps follow it on the same bar."""
        if done > 0:
            self.move_to(done, total + DRAWING_STEPS)

    def drawing_started(self) -> None:
        """The drawing's steps from where the read left the bar (or from nothing)."""
        start = max(self.value(), 0) if self.isVisible() else 0
        self.move_to(start, start + DRAWING_STEPS)
        self.show()

    def stepped(self) -> None:
        self.move_to(self.value() + 1)

    def move_to(self, value: int, maximum: int | None = None) -> None:
        """Move to `value` (out of `maximum`, when given), painted later."""
        self.setUpdatesEnabled(False)
        try:
            if maximum is not None:
                self.setRange(0, maximum)
            self.setValue(value)
        finally:
            self.setUpdatesEnabled(True)  # asks for a paint, later
