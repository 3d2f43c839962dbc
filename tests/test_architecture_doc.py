"""docs/architecture.md lists every module of desktop/ with its job: a module added (or
moved by a split) without its line there fails here, and so does a line naming a module
that is gone."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "desktop"
DOC = ROOT / "docs" / "architecture.md"


def _listed() -> set[str]:
    """The module paths the list names: lines `- `path.py`: job`."""
    return set(re.findall(r"^- `([\w/]+\.py)`: \S", DOC.read_text(encoding="utf-8"), re.M))


def test_every_desktop_module_is_in_the_architecture_doc():
    modules = {path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py")}
    assert modules, "no modules found"
    assert sorted(modules - _listed()) == []


def test_the_architecture_doc_names_no_module_that_is_gone():
    assert sorted(path for path in _listed() if not (PACKAGE / path).is_file()) == []
