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
            # The `riskmap query` help shows the analyst example statements: text, not SQL run.
            text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                              if "riskmap query" not in line)
            if pattern.search(text):
                offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


def _modules(layer: str):
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        yield path, _imports(path)


def _names_layer(name: str, layer: str) -> bool:
    """Does an import name (absolute or relative from a sibling package) point at `layer`?"""
    return bool(re.match(rf"^(desktop\.|\.\.){layer}(\.|$)", name)) or name == f"..{layer}"


def test_ui_and_charts_never_import_storage():
    """DESIGN.md: `ui`/`charts` never import `storage` (they see workspace and services)."""
    offenders = [f"{path.relative_to(PACKAGE)} imports {name}"
                 for layer in ("ui", "charts") for path, names in _modules(layer)
                 for name in names if _names_layer(name, "storage")
                 or name.startswith(("sqlite3", "sqlite_utils", "sqlcipher3"))]
    assert offenders == []


def test_charts_never_query():
    """DESIGN.md: charts take data through set_data(df); they never query (no services,
    no storage, no workspace)."""
    offenders = [f"{path.relative_to(PACKAGE)} imports {name}"
                 for path, names in _modules("charts") for name in names
                 if _names_layer(name, "services") or _names_layer(name, "storage")]
    assert offenders == []


def test_services_carry_no_qt_widgets():
    """DESIGN.md: services combine the layers below; no Qt here."""
    offenders = [f"{path.relative_to(PACKAGE)} imports {name}"
                 for path, names in _modules("services") for name in names
                 if name.split(".")[0] in ("PySide6", "pyqtgraph", "shiboken6")
                 or _names_layer(name, "ui") or _names_layer(name, "charts")]
    assert offenders == []


def test_only_storage_has_sql():
    """DESIGN.md: storage is the only place with SQL / sqlite-utils."""
    pattern = re.compile(r"\b(SELECT\s+.+\s+FROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM"
                         r"|PRAGMA\s+\w+|BEGIN(\s+IMMEDIATE)?\"|COMMIT\")")
    offenders = []
    for layer in ("ui", "charts", "services", "domain", "bundle", "commands"):
        for path, names in _modules(layer):
            # The `riskmap query` help shows the analyst example statements: text, not SQL run.
            text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                              if "riskmap query" not in line)
            if pattern.search(text):
                offenders.append(str(path.relative_to(PACKAGE)))
            # sqlite3 may be named for its types and error classes; the drivers that open
            # files and sqlite-utils stay in storage.
            driver = [n for n in names if n.split(".")[0] in ("sqlite_utils", "sqlcipher3")]
            if driver:
                offenders.append(f"{path.relative_to(PACKAGE)} imports {driver}")
    assert offenders == []


def test_the_workspace_is_the_only_way_to_a_connection():
    """DESIGN.md: services/workspace.py owns an open project: the only way to a connection.
    Outside storage, only the workspace (workspace.py and the parts it is split into that
    open files or read the driver's errors) opens a `Database` or imports the connection
    factory."""
    workspace = {Path("services/workspace.py"), Path("services/workspace_opening.py"),
                 Path("services/workspace_settings.py")}
    opener = re.compile(r"\bDatabase\.open\(|\bconnect\(\s*[\"'/:]|sqlite3\.connect|"
                        r"sqlcipher3?\.connect")
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "storage" or relative in workspace:
            continue
        if opener.search(path.read_text(encoding="utf-8")):
            offenders.append(f"{relative} opens a database itself")
        for name in _imports(path):
            if name.endswith("storage.connection") or name == ".connection" and \
                    relative.parts[0] != "storage":
                offenders.append(f"{relative} imports {name}")
    assert offenders == []


def test_the_ui_builds_no_service_on_a_raw_database():
    """STYLE.md 14: views ask the workspace for services; they never reach its database."""
    pattern = re.compile(r"\.db\.(conn|path)\b|project\.db\b|workspace\.db\b")
    offenders = [str(path.relative_to(PACKAGE)) for path in sorted((PACKAGE / "ui").rglob("*.py"))
                 if pattern.search(path.read_text(encoding="utf-8"))]
    assert offenders == []
