"""The log file: technical detail goes here; people see plain messages.

`configure_logging()` sends warnings and errors (and info from this package) to a rotating
file in the user data folder, so a field laptop keeps a trace of what went wrong without
filling the disk. `RISKMAP_LOG_LEVEL=DEBUG` (or INFO, WARNING...) sets every logger's level
for support. The log never holds answers, comments or operator names, even at DEBUG
(tests/services/test_log_privacy.py): messages name forms by uuid and number, questions by
id, and refusals by their catalogue key, never by the values typed.
"""

from __future__ import annotations

import logging
import os
import traceback
from logging.handlers import RotatingFileHandler

from .paths import log_path


class PrivateFormatter(logging.Formatter):
    """Tracebacks with their frames and exception types but not the exceptions' messages:
    a bug's message may quote the value it choked on (`invalid literal for int(): '...'`),
    and the value may be an answer. The frames (file, line, code) are enough to find it."""

    def format(self, record: logging.LogRecord) -> str:
        # Another handler may have cached the full traceback on the record: not ours.
        cached, record.exc_text = record.exc_text, None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatException(self, ei) -> str:  # noqa: N802 - logging's name
        kind, error, trace = ei
        lines: list[str] = []
        seen: set[int] = set()
        while error is not None and id(error) not in seen:
            seen.add(id(error))
            frames = traceback.format_tb(error.__traceback__) if error.__traceback__ else []
            lines[:0] = ["Traceback (most recent call last):\n", *frames,
                         f"{type(error).__module__}.{type(error).__qualname__} "
                         "(message not logged: it may quote an answer)\n"]
            error = error.__cause__ or error.__context__
            if error is not None:
                lines[:0] = ["(an earlier exception, then:)\n"]
        if not lines and kind is not None:
            lines = [f"{kind.__qualname__} (message not logged)\n"]
        return "".join(lines).rstrip("\n")


class QuietFileHandler(RotatingFileHandler):
    """The log file, which a full disk or a file-size limit may refuse: the line is lost,
    and nothing else happens. logging's default prints the failure's traceback on stderr,
    with the record's arguments, under the one sentence a person should read."""

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        pass


class QuietStreamHandler(logging.StreamHandler):
    """stderr when no log file can be made; a closed or full stderr is as quiet."""

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        pass


def configure_logging() -> None:
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = QuietFileHandler(path, maxBytes=1_000_000, backupCount=3,
                                                    encoding="utf-8")
    except OSError:
        handler = QuietStreamHandler()
    handler.setFormatter(PrivateFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    if any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        return
    root.addHandler(handler)
    asked = os.environ.get("RISKMAP_LOG_LEVEL", "").strip().upper()
    level = logging.getLevelName(asked) if asked else None
    if isinstance(level, int):
        root.setLevel(level)
        logging.getLogger("desktop").setLevel(logging.NOTSET)
    else:
        root.setLevel(logging.WARNING)
        logging.getLogger("desktop").setLevel(logging.INFO)
