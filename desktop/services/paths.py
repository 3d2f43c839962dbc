"""Per-user folders (platformdirs): where the default database and the log live (the device
key lives inside each project database).

`RISKMAP_HOME` overrides the data folder (tests, the self-test, portable use).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def user_data_dir() -> Path:
    override = os.environ.get("RISKMAP_HOME")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir("RiskMap", appauthor=False))


def default_database_path() -> Path:
    return user_data_dir() / "riskmap.db"


def log_path() -> Path:
    return user_data_dir() / "riskmap.log"


def demo_dir() -> Path:
    """Where Help > Demo project creates its databases (synthetic forms only)."""
    return user_data_dir() / "demo"


def is_demo_database(path: str | Path | None) -> bool:
    """True for a database made by Help > Demo project: it must be marked on screen and is
    never reopened at start-up without asking."""
    if path is None:
        return False
    try:
        return Path(path).resolve().parent == demo_dir().resolve()
    except OSError:
        return False
