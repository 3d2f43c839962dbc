"""Where the shipped resources are (questionnaires, translations, icons, help).

One place answers it for the source tree and for the PyInstaller bundle, whose files
unpack under `sys._MEIPASS`.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def default_questionnaire_path() -> Path:
    return resources_dir() / "questionnaires" / "border_risk_map.json"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def icons_dir() -> Path:
    return resources_dir() / "icons"


def keying_guide_path(lang: str) -> Path:
    """The keying guide (HTML) in a language; English when there is none in `lang`."""
    path = resources_dir() / "help" / f"keying_guide_{lang}.html"
    return path if path.exists() else resources_dir() / "help" / "keying_guide_en.html"
