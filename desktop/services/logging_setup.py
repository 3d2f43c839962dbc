"""The log file: technical detail goes here; people see plain messages.

`configure_logging()` sends warnings and errors (and info from this package) to a rotating
file in the user data folder, so a field laptop keeps a trace of what went wrong without
filling the disk.
"""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler

from .paths import log_path


def configure_logging() -> None:
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3,
                                                       encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    if any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        return
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    logging.getLogger("desktop").setLevel(logging.INFO)
