"""The one way to run long work off the UI thread (export, import, report, demo).

`BackgroundRunner.run(task, on_success, on_failure, on_progress)`: `task` is a plain
function `task(progress)` that must not touch widgets; it may call `progress(done, total)`
and should check `progress.cancelled` to stop early (raise `Cancelled`). The callbacks run
on the main thread. Tests use `SynchronousRunner`, which runs everything at once, in the
calling thread (as Picard's FakeThreadPool does). `stop()` cancels what is still running
and waits for it (the main window calls it when it closes). `next_turn(owner, step)` runs
a short piece of UI-thread work in the next turn of the event loop, so that long UI work
split into steps lets the window paint and answer between them (the synchronous runner
runs it at once).
Database work in a task opens its own connection (sqlite3 connections stay in one thread).
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

log = logging.getLogger(__name__)


# How long a closing window waits for cancelled tasks to stop (they stop at their next
# progress report: a dashboard load within a few tens of milliseconds).
STOP_WAIT_MS = 10_000


class Cancelled(Exception):
    """The user cancelled the work."""


class Progress:
    """Passed to a task: call it with (done, total); read `cancelled`."""

    def __init__(self, emit: Callable[[int, int], None]):
        self._emit = emit
        self.cancelled = False

    def __call__(self, done: int, total: int) -> None:
        if self.cancelled:
            raise Cancelled()
        self._emit(done, total)


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)


class _Job(QRunnable):
    def __init__(self, task: Callable[[Progress], Any], signals: _Signals, progress: Progress):
        super().__init__()
        self.task, self.signals, self.progress = task, signals, progress

    def run(self) -> None:
        try:
            result = self.task(self.progress)
        except Cancelled as exc:  # asked for: no traceback in the log
            log.info("background task cancelled")
            self.signals.failed.emit(exc)
        except BaseException as exc:  # noqa: BLE001 - reported on the main thread
            log.exception("background task failed")
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)


class BackgroundRunner:
    """Runs tasks on Qt's thread pool; returns the `Progress` so a dialog can cancel."""

    def __init__(self) -> None:
        self._alive: set[_Signals] = set()
        self._running: dict[_Signals, Progress] = {}

    def stop(self, wait_ms: int = STOP_WAIT_MS) -> bool:
        """Cancel every task still running and wait up to `wait_ms` for them to end (the
        window is closing: no worker should outlive it in the middle of a file). True when
        none is left running."""
        for progress in list(self._running.values()):
            progress.cancelled = True
        return QThreadPool.globalInstance().waitForDone(wait_ms)

    def run(self, task: Callable[[Progress], Any], on_success: Callable[[Any], None],
            on_failure: Callable[[BaseException], None],
            on_progress: Callable[[int, int], None] | None = None) -> Progress:
        signals = _Signals()
        self._alive.add(signals)

        def done(callback: Callable[[Any], None]) -> Callable[[Any], None]:
            def finish(value: Any) -> None:
                self._alive.discard(signals)
                self._running.pop(signals, None)
                callback(value)
            return finish

        signals.succeeded.connect(done(on_success))
        signals.failed.connect(done(on_failure))
        if on_progress:
            signals.progressed.connect(on_progress)
        progress = Progress(signals.progressed.emit)
        self._running[signals] = progress
        QThreadPool.globalInstance().start(_Job(task, signals, progress))
        return progress

    def next_turn(self, owner: QObject, step: Callable[[], None]) -> None:
        """Run `step` on the UI thread in a later turn of the event loop, once the window
        has painted what the work before it changed (not if `owner` has been deleted by
        then). Qt paints in a posted event of low priority: a step posted straight away
        would run in the same pass, and the step and the paint would hold the window
        together; posted from a first hop, it runs in the pass after the paint."""
        QTimer.singleShot(0, owner, lambda: QTimer.singleShot(0, owner, step))


class SynchronousRunner(BackgroundRunner):
    """Runs tasks at once in the calling thread: for tests."""

    def run(self, task, on_success, on_failure, on_progress=None) -> Progress:  # type: ignore[override]
        progress = Progress(on_progress or (lambda done, total: None))
        try:
            result = task(progress)
        except BaseException as exc:  # noqa: BLE001
            on_failure(exc)
        else:
            on_success(result)
        return progress

    def next_turn(self, owner, step) -> None:
        step()
