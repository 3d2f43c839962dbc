"""`WarmUp`: the dashboard's modules imported off the UI thread once the window is shown.

The dashboard page pulls in pandas, numpy and pyqtgraph (about 1.5 s of imports on a busy
laptop). Imported when the page is first clicked, they froze the window for that long;
imported at start-up on the UI thread, they would delay the window. So the main window,
once shown, imports them through the context's background runner while the operator
signs in and starts keying: Python imports run on the worker and give the UI thread the
interpreter between byte codes, and only the import of a module, never a widget, happens
there. By the time the dashboard is opened, building it costs only its widgets.
The imports are written out (not by name), so PyInstaller packages what they import.
"""

from __future__ import annotations

import logging
from typing import Callable

log = logging.getLogger(__name__)


def import_dashboard_modules(_progress=None) -> None:
    """Import what the dashboard page needs (safe on any thread: no Qt object is made)."""
    import numpy  # noqa: F401
    import pandas  # noqa: F401
    import pyqtgraph  # noqa: F401

    from ..charts import chart_set  # noqa: F401
    from . import dashboard_view  # noqa: F401


class WarmUp:
    """Runs `task` once on `runner`; `done` turns True (on the UI thread) when it ended."""

    def __init__(self, runner, task: Callable[..., None] = import_dashboard_modules):
        self.done = False
        self.failed: BaseException | None = None
        runner.run(task, self._succeeded, self._failed)

    def _succeeded(self, _result=None) -> None:
        self.done = True

    def _failed(self, exc: BaseException) -> None:
        # Nothing is lost: the page imports what it needs when it is opened.
        log.warning("warming up the dashboard's modules failed: %s", exc)
        self.failed = exc
        self.done = True
