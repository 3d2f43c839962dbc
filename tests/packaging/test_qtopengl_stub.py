"""The packaged program ships build/qtopengl_stub.py instead of PySide6's 9 MB OpenGL
binding: pyqtgraph imports the module but uses it only inside an OpenGL view. These tests
show that RiskMap never makes one, and that the program works with the stand-in."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STUB = ROOT / "build" / "qtopengl_stub.py"


def _stub():
    spec = importlib.util.spec_from_file_location("qtopengl_stub_under_test", STUB)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_stand_in_says_what_is_missing():
    stub = _stub()
    with pytest.raises(AttributeError, match="PySide6.QtOpenGL is not part of the packaged "
                       "RiskMap.*QOpenGLBuffer"):
        stub.QOpenGLBuffer  # noqa: B018 - the attribute access is the test
    assert not hasattr(stub, "__path__")  # a plain module: introspection finds nothing


def test_riskmap_never_draws_through_opengl():
    # What would reach the stand-in's classes: pyqtgraph's useOpenGL option, an OpenGL
    # view or image widget, or a mesh item (its GL path); none may appear in the program.
    pattern = re.compile(r"useOpenGL|OpenGL\w*Widget|GLViewWidget|RawImage|PColorMesh|"
                         r"QtOpenGL\b")
    found = [f"{path.relative_to(ROOT)}:{number}"
             for path in sorted((ROOT / "desktop").rglob("*.py"))
             for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if pattern.search(text)]
    assert found == []


def test_selftest_passes_with_the_stand_in_in_place_of_the_binding(tmp_path):
    script = (
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('PySide6.QtOpenGL', {str(STUB)!r})\n"
        "stub = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(stub)\n"
        "sys.modules['PySide6.QtOpenGL'] = stub\n"
        "from desktop import selftest\n"
        "code = selftest.run_selftest()\n"
        "import pyqtgraph.graphicsItems.PlotCurveItem as curve\n"
        "assert curve.QtOpenGL is stub, 'pyqtgraph loaded the real binding'\n"
        "sys.exit(code)\n")
    env = dict(os.environ, RISKMAP_HOME=str(tmp_path / "home"), HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "dashboard charts: 4 PNG and 4 SVG charts saved" in done.stdout
