"""The layers stay apart: domain, storage and bundle never import Qt (checked both by
reading the source and by importing them in a fresh interpreter), and the UI never
carries SQL."""

import ast
import re
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "desktop"
QT_FREE = ("domain", "storage", "bundle")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module if node.level == 0 else "." * node.level + node.module)
    return names


def test_lower_layers_do_not_import_qt_in_source():
    offenders = []
    for layer in QT_FREE:
        for path in (PACKAGE / layer).rglob("*.py"):
            qt = [name for name in _imports(path)
                  if name.split(".")[0] in ("PySide6", "pyqtgraph", "shiboken6")]
            if qt:
                offenders.append(f"{path.relative_to(PACKAGE)}: {qt}")
    assert offenders == []


def test_lower_layers_do_not_import_upper_layers():
    offenders = []
    for layer in QT_FREE:
        for path in (PACKAGE / layer).rglob("*.py"):
            for name in _imports(path):
                if re.match(r"^(desktop\.|\.\.)(ui|charts|services|commands)\b", name):
                    offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offenders == []


def test_lower_layers_do_not_load_qt_at_run_time():
    modules = [f"desktop.{layer}.{p.stem}" for layer in QT_FREE
               for p in sorted((PACKAGE / layer).glob("*.py")) if p.stem != "__init__"]
    code = ("import importlib, sys\n"
            f"for m in {modules!r}: importlib.import_module(m)\n"
            "print(sorted(k for k in sys.modules if k.startswith(('PySide6', 'pyqtgraph'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=PACKAGE.parent)
    assert out.stdout.strip() == "[]"


def test_ui_and_charts_carry_no_sql():
    pattern = re.compile(r"\b(SELECT\s+.+\s+FROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b")
    offenders = []
    for layer in ("ui", "charts"):
        for path in (PACKAGE / layer).rglob("*.py"):
            if pattern.search(path.read_text(encoding="utf-8")):
                offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []
