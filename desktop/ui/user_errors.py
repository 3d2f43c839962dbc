"""Failures shown to people in the window: one sentence in the current language.

`error_sentence` is the only way a view turns an exception into text: a `UserError` (and
the older *Refused / BundleError / DatabaseError classes) gives its catalogue sentence in
the window's language; a failure of the machine (a full disk, a read-only folder, a damaged
database) is translated into one (domain/user_error.translate); anything else is a bug, so
its traceback goes to the log file and the sentence asks for that file. Raw exception text
never reaches the screen. `show_error` puts the sentence in a warning dialog.
"""

from __future__ import annotations

import logging
import sys
from typing import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from ..domain.user_error import UserError, error_message, sentence_of
from ..services.paths import log_path

log = logging.getLogger(__name__)


def error_sentence(error: BaseException, lang: str, path: object = None,
                   unexpected: str | None = None) -> str:
    """The sentence for `error` in `lang`; `path` names the file for sqlite3 errors (which
    do not say), `unexpected` replaces the 'please send the log file' sentence."""
    from ..domain.user_error import translate
    known = translate(error, path) if path is not None else None
    sentence = known.in_language(lang) if known is not None else sentence_of(error, lang)
    if sentence is None:
        log.error("unexpected failure shown to the user", exc_info=error)
        return unexpected or error_message("unexpected", lang, log=log_path())
    shown = known if known is not None else error
    log.warning("shown to the user: %s", shown.log_text() if isinstance(shown, UserError)
                else type(error).__name__)
    return sentence


def show_error(parent: QWidget | None, title: str, error: BaseException, lang: str,
               path: object = None) -> None:
    """A warning dialog with the one sentence for `error`."""
    QMessageBox.warning(parent, title, error_sentence(error, lang, path))


def exception_hook(language: Callable[[], str], title: str,
                   parent: Callable[[], QWidget | None] = lambda: None):
    """A `sys.excepthook` for the window: an exception nobody caught (in a slot, a timer)
    becomes its sentence in a dialog, or, for a bug, the traceback in the log file and a
    dialog asking for that file; the program keeps running."""
    def hook(kind, error, trace) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        if error is not None and error.__traceback__ is None:
            error = error.with_traceback(trace)
        try:
            show_error(parent(), title, error, language())
        except Exception:  # noqa: BLE001 - the hook itself must never raise
            log.exception("the error dialog could not be shown")
    return hook
