"""What this copy of the program is: version, build date, commit, Python and Qt versions.

The packaged program carries `resources/build_info.json`, written by the PyInstaller spec
at build time; running from source there is none and the build date reads "source".
Qt-free except `runtime_versions`, which asks Qt for its version only if it is loaded.
"""

from __future__ import annotations

import json
import platform
import sys

from . import __version__
from .resources import resources_dir

BUILD_INFO_FILE = "build_info.json"


def read_build_info() -> dict[str, str]:
    """version, build_date ('source' when not packaged), commit, frozen ('yes'/'no')."""
    info = {"version": __version__, "build_date": "source", "commit": "",
            "frozen": "yes" if getattr(sys, "frozen", False) else "no"}
    path = resources_dir() / BUILD_INFO_FILE
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return info
    info["build_date"] = str(stored.get("build_date") or "unknown")
    info["commit"] = str(stored.get("commit") or "")
    return info


def runtime_versions() -> dict[str, str]:
    """Python, Qt and PySide6 versions and the operating system, for the About box."""
    versions = {"python": platform.python_version(),
                "system": f"{platform.system()} {platform.release()} ({platform.machine()})"}
    qtcore = sys.modules.get("PySide6.QtCore")
    if qtcore is not None:
        import PySide6
        versions["qt"] = qtcore.qVersion()
        versions["pyside"] = PySide6.__version__
    return versions
