"""The PyInstaller build's inputs: the spec, the Makefile target, the Windows version
resource, the file filters, the ICU trimming and the icon (no build is run here; CI builds
the package and runs its self-test)."""

from __future__ import annotations

import ast
import struct
import sys
from pathlib import Path

import pytest

from desktop import __version__

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "build"))

import icu_trim  # noqa: E402
import package_filters  # noqa: E402
import version_info  # noqa: E402


def test_spec_parses_and_anchors_paths_on_its_own_folder():
    spec = (ROOT / "build" / "riskmap.spec").read_text(encoding="utf-8")
    ast.parse(spec)
    assert "ROOT = Path(SPECPATH).resolve().parent" in spec
    assert 'Path(workpath)' in spec  # generated files go to the work folder, not build/
    for folder in ("questionnaires", "translations", "icons"):
        assert f'"{folder}"' in spec
    assert "RISKMAP_ONEFILE" in spec and "version=str(VERSION_FILE)" in spec


def test_make_package_uses_a_work_folder_outside_build():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    line = next(text for text in makefile.splitlines() if "pyinstaller build/riskmap.spec"
                in text and "RISKMAP_ONEFILE" not in text)
    assert "--workpath pyinstaller-work" in line and "--distpath dist" in line


def test_version_resource_comes_from_the_single_version():
    assert version_info.version_tuple("1.2.3") == (1, 2, 3, 0)
    assert version_info.version_tuple("0.4.0rc1") == (0, 4, 0, 1)
    text = version_info.version_info_text(__version__)

    strings: dict[str, str] = {}

    def record(kind):
        return lambda *args, **kwargs: (kind, args, kwargs)

    names = {name: record(name) for name in (
        "VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "VarFileInfo",
        "VarStruct")}
    names["StringStruct"] = lambda key, value: strings.setdefault(key, value)
    info = eval(compile(text, "version_info.txt", "eval"), names)  # what PyInstaller does
    assert info[0] == "VSVersionInfo"
    assert info[2]["ffi"][2]["filevers"] == version_info.version_tuple(__version__)
    assert strings["ProductVersion"] == __version__
    assert strings["OriginalFilename"] == "RiskMap.exe"


@pytest.mark.parametrize("dest, wanted", [
    ("PySide6/Qt/lib/libQt6Core.so.6", True),
    ("PySide6/Qt/lib/libQt6Quick.so.6", False),
    ("PySide6/Qt/lib/libQt6Network.so.6", False),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
    ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
    ("PySide6\\plugins\\platforms\\qwindows.dll", True),
    ("PySide6/Qt/translations/qtbase_es.qm", False),  # shipped once, beside ours
    ("resources/translations/qtbase_es.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("pyqtgraph/icons/peegee/peegee_512px@2x.png", False),
    ("pyqtgraph/icons/auto.png", True),  # the plot's auto-range button loads it
    ("pytz/zoneinfo/Europe/Madrid", False),
    ("numpy-2.4.6.dist-info/RECORD", False),
    ("numpy-2.4.6.dist-info/METADATA", True),
    ("numpy-2.4.6.dist-info/licenses/LICENSE.txt", True),
    ("pandas/tests/frame/test_api.py", False),
    ("libX11.so.6", False),
    ("libxcb-cursor.so.0", True),
    ("libpython3.11.so.1.0", True),
    ("numpy/_core/include/numpy/ndarraytypes.h", False),
    # orjson reads the bundles' records at import: its one extension module ships
    ("orjson/orjson.cpython-311-x86_64-linux-gnu.so", True),
    ("orjson\\orjson.cp311-win_amd64.pyd", True),
])
def test_filters_keep_what_the_program_loads(dest, wanted):
    assert package_filters.kept(dest) is wanted


def test_unlinked_libraries_are_pruned(monkeypatch):
    monkeypatch.setattr(package_filters.sys, "platform", "linux")
    binaries = [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
        ("numpy/_core/_multiarray_umath.cpython-311-x86_64-linux-gnu.so", "/src/np.so",
         "EXTENSION"),
        ("libxcb-cursor.so.0", "/src/libxcb-cursor.so.0", "BINARY"),
        ("numpy.libs/libopenblas.so", "/src/libopenblas.so", "BINARY"),
        ("libcairo.so.2", "/src/libcairo.so.2", "BINARY"),  # only the gtk3 theme used it
    ]
    links = {"/src/libqxcb.so": {("libxcb-cursor.so.0", "/lib/libxcb-cursor.so.0")},
             "/src/np.so": {("libopenblas.so", "/src/libopenblas.so")}}
    kept = package_filters.prune_unlinked(binaries, lambda src: links.get(src, set()))
    assert [entry[0] for entry in kept] == [entry[0] for entry in binaries[:4]]


def _package(items):
    header = struct.pack("<HBB", 32, 0xDA, 0x27) + struct.pack("<HHBBBB", 20, 0, 0, 0, 2, 0)
    header += b"CmnD" + bytes([1, 0, 0, 0]) + bytes([73, 0, 0, 0])
    header += b"\0" * (32 - len(header))
    return icu_trim.join_common_data(header, items)


def test_icu_package_round_trips_and_keeps_spanish_and_english():
    items = [("icudt73l/coll/es.res", b"es-collation"), ("icudt73l/coll/fr.res", b"fr"),
             ("icudt73l/coll/root.res", b"root" * 10), ("icudt73l/cjdict.dict", b"x" * 99),
             ("icudt73l/en_GB.res", b"en-gb"), ("icudt73l/nfc.nrm", b"norm"),
             ("icudt73l/pool.res", b"pool"), ("icudt73l/res_index.res", b"index"),
             ("icudt73l/translit/root.res", b"t"), ("icudt73l/zh.res", b"zh")]
    blob = _package(items)
    header, parsed = icu_trim.split_common_data(blob)
    assert [name for name, _data in parsed] == [name for name, _data in items]
    assert all(data.rstrip(b"\0") == original for (_n, data), (_m, original)
               in zip(parsed, items))
    trimmed, kept, dropped = icu_trim.trim_common_data(blob)
    names = [name for name, _data in icu_trim.split_common_data(trimmed)[1]]
    assert names == ["icudt73l/coll/es.res", "icudt73l/coll/root.res", "icudt73l/en_GB.res",
                     "icudt73l/nfc.nrm", "icudt73l/pool.res", "icudt73l/res_index.res"]
    assert (kept, dropped) == (6, 4)


def test_icu_codecs_keep_small_ones_and_drop_those_extending_a_dropped_one():
    items = [("icudt73l/big-base.cnv", b"b" * 40_000),
             ("icudt73l/ext-of-big.cnv", b"uses big-base here"),
             ("icudt73l/windows-1252.cnv", b"w" * 3_000)]
    trimmed, _kept, _dropped = icu_trim.trim_common_data(_package(items))
    names = [name for name, _data in icu_trim.split_common_data(trimmed)[1]]
    assert names == ["icudt73l/windows-1252.cnv"]


def test_icon_files_are_there():
    icons = ROOT / "resources" / "icons"
    png = (icons / "riskmap.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (256, 256)
    ico = (icons / "riskmap.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1) and count >= 5
    assert b"<svg" in (icons / "riskmap.svg").read_bytes()


def test_only_pandas_and_numpy_are_compiled_as_with_python_oo():
    pure = [("pandas.core.frame", "/src/frame.py", "PYMODULE"),
            ("numpy", "/src/numpy/__init__.py", "PYMODULE"),
            ("pyqtgraph", "/src/pyqtgraph/__init__.py", "PYMODULE"),
            ("desktop.selftest", "/src/selftest.py", "PYMODULE"),
            ("pandasql", "/src/pandasql.py", "PYMODULE")]
    levels = [typecode for _name, _src, typecode in package_filters.optimized(pure)]
    assert levels == ["PYMODULE-2", "PYMODULE-2", "PYMODULE", "PYMODULE", "PYMODULE"]


def test_the_opengl_binding_is_excluded_and_its_stand_in_shipped():
    spec = (ROOT / "build" / "riskmap.spec").read_text(encoding="utf-8")
    hidden = spec[spec.index("HIDDEN_IMPORTS ="):spec.index("a = Analysis(")]
    assert '"PySide6.QtOpenGL"' not in hidden and '"PySide6.QtOpenGLWidgets"' in hidden
    assert "PySide6.QtOpenGL" in package_filters.EXCLUDED_MODULES
    assert 'a.pure.append(("PySide6.QtOpenGL"' in spec and "qtopengl_stub.py" in spec


def test_orjson_is_neither_excluded_nor_pruned():
    """The import parses with orjson (bundle/form_line.py, audit_lines.py); its extension
    module is a root the pruning keeps, and no filter leaves it out."""
    assert not any(name == "orjson" or name.startswith("orjson.")
                   for name in package_filters.EXCLUDED_MODULES)
    binaries = [("orjson/orjson.cpython-311-x86_64-linux-gnu.so", "/x/orjson.so", "BINARY")]
    assert package_filters.prune_unlinked(binaries, get_imports=lambda path: []) == binaries
