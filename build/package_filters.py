"""What the PyInstaller build leaves out, kept apart from the spec so tests can check it.

PyInstaller's hooks collect more than RiskMap uses: every Qt plugin of a loaded module
(and the system libraries those plugins link, such as the GTK stack of the gtk3 theme),
all Qt translations, test folders, and optional companions of pandas, numpy and pyqtgraph.
`build/riskmap.spec` applies the lists and functions below to the Analysis result.
"""

from __future__ import annotations

import re
import sys
from pathlib import PurePosixPath

# Python modules nothing in RiskMap imports at run time (optional imports in pandas, numpy,
# pyqtgraph and sqlite-utils would otherwise pull them in).
EXCLUDED_MODULES = [
    # No network, no terminal: OpenSSL (5 MB) goes; hashlib falls back to built-in hashes.
    "ssl", "_ssl", "_hashlib", "readline",
    # East Asian codecs (1 MB): the program reads and writes UTF-8 only.
    "_codecs_cn", "_codecs_hk", "_codecs_iso2022", "_codecs_jp", "_codecs_kr", "_codecs_tw",
    "tkinter", "_tkinter", "turtle", "turtledemo", "idlelib", "pydoc_data", "lib2to3",
    "matplotlib", "scipy", "IPython", "ipykernel", "jupyter_client", "notebook", "PIL",
    "pytest", "_pytest", "pytestqt", "hypothesis", "setuptools", "pkg_resources", "pip",
    "PyInstaller", "PyQt5", "PyQt6", "PySide2", "OpenGL", "cupy", "h5py", "numba",
    # (xlrd stays: pyxform, which reads XLSForm workbooks, imports it.)
    "pyarrow", "fastparquet", "tables", "sqlalchemy", "psycopg2", "xlsxwriter",
    "odf", "pyxlsb", "lxml", "bs4", "html5lib", "jinja2", "fsspec", "s3fs", "gcsfs",
    "bottleneck", "numexpr", "tabulate", "zstandard", "dask", "xarray", "sympy", "pygments",
    "sqlite_utils.cli",
    "pandas.tests", "pandas.io.clipboard", "pandas.plotting._matplotlib",
    "numpy.tests", "numpy.f2py", "numpy.distutils", "numpy._pyinstaller",
    "pyqtgraph.examples", "pyqtgraph.opengl", "pyqtgraph.jupyter", "pyqtgraph.canvas",
    "pyqtgraph.flowchart", "pyqtgraph.console",
    "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets",
    "PySide6.QtSql", "PySide6.QtXml", "PySide6.QtUiTools", "PySide6.QtDesigner",
    "PySide6.QtHelp", "PySide6.QtConcurrent", "PySide6.QtDBus", "PySide6.QtPdf",
    # The 9 MB OpenGL binding: pyqtgraph imports it but uses it only to draw inside an
    # OpenGL view, which RiskMap never makes; build/qtopengl_stub.py takes its name.
    "PySide6.QtOpenGL",
    # numpy's FFT (0.5 MB): only pyqtgraph's plot context menu (Transforms > FFT) reaches
    # it, and RiskMap's charts have no context menu (chart_base.style_axes). Polynomials
    # (0.15 MB): nothing calls them. The C test helpers (0.1 MB): numpy's own tests only.
    "numpy.fft", "numpy.polynomial", "numpy._core._multiarray_tests",
    # pandas' SAS reader and its C parts (0.3 MB): RiskMap never reads SAS files
    # (pandas.read_sas stays importable; called, it would fail with ModuleNotFoundError).
    "pandas.io.sas.sas7bdat", "pandas._libs.sas", "pandas._libs.byteswap",
    # narwhals (used by pyreadstat for the .dta/.sav files) reaches its other back-ends
    # (0.4 MB) only for frames of those libraries; RiskMap hands it pandas frames.
    "narwhals._arrow", "narwhals._polars", "narwhals._dask", "narwhals._duckdb",
    "narwhals._ibis", "narwhals._spark_like", "narwhals._sql",
    # No module the program imports mentions asyncio (0.3 MB with its C part); decimal's
    # pure-Python twin is only a fallback for the C _decimal, which is shipped.
    "asyncio", "_asyncio", "_pydecimal",
]

# Packages whose byte code is compiled as by `python -OO` (no docstrings, no asserts):
# 1.0 MB less. pandas tests that it imports and works so (test_oo_optimizable) and numpy
# supports it; not pyqtgraph (a decorator appends to a docstring as the module loads) nor
# RiskMap's own modules, which keep their asserts.
OPTIMIZED_PACKAGES = ("pandas", "numpy")

# Qt shared libraries (by name prefix) that come along with plugins or hooks but are not
# used: Quick/QML, Wayland, EGLFS, Designer, Pdf, Network and friends.
EXCLUDED_QT_LIBRARIES = (
    "Qt6Quick", "Qt6Qml", "Qt6Labs", "Qt6Lottie", "Qt6Wayland", "Qt6WlShell", "Qt6EglFS",
    "Qt6EglFs", "Qt6Designer", "Qt6Help", "Qt6Pdf", "Qt6Network", "Qt6Sql", "Qt6Xml",
    "Qt6VirtualKeyboard", "Qt6Concurrent", "Qt6UiTools", "Qt6Multimedia", "Qt6WebEngine",
    "Qt6ShaderTools", "Qt6Positioning", "Qt6SerialPort", "Qt6Charts", "Qt6Graphs",
    "Qt6Bluetooth", "Qt6Nfc", "Qt6Sensors", "Qt6TextToSpeech", "Qt6VectorImage",
    "Qt6CanvasPainter",
)

# Qt plugins that are kept (folder -> name stems); every other plugin is dropped.
# Platforms: offscreen (self-test), xcb (Linux desktops), minimal, windows, cocoa.
KEPT_QT_PLUGINS = {
    "platforms": ("qoffscreen", "qxcb", "qminimal", "qwindows", "qcocoa", "qdirect2d"),
    "imageformats": ("qsvg", "qico", "qjpeg", "qgif"),
    "iconengines": ("qsvgicon",),
    "xcbglintegrations": ("qxcb-glx-integration", "qxcb-egl-integration"),
    "platforminputcontexts": ("composeplatforminputcontextplugin",
                              "ibusplatforminputcontextplugin"),
    "styles": ("qmodernwindowsstyle", "qwindowsvistastyle", "qmacstyle"),
    "printsupport": ("cupsprintersupport", "windowsprintersupport", "cocoaprintersupport"),
}

# Qt's own translations in PySide6's folder: none. The spec ships qtbase_es.qm (the only
# one RiskMap loads; English is the source) in resources/translations, where the program
# looks first (desktop/ui/translation.qt_translation_dirs); a second copy is 0.2 MB.
KEPT_QT_TRANSLATIONS: tuple[str, ...] = ()

# Data files that come with packages but are never read: pyqtgraph's own application
# icon (1.0 MB of PNGs, set only by pyqtgraph.mkQApp, which RiskMap does not call: it
# makes its own QApplication with its own icon); pytz's time-zone database (0.9 MB:
# RiskMap's dates are UTC, which pandas and pytz handle without it); pip's RECORD
# lists of installed files (0.15 MB; the METADATA that importlib.metadata reads stays).
UNREAD_DATA = (("pyqtgraph", "icons", "peegee"), ("pytz", "zoneinfo"))

# Linux base-system libraries left to the system, as AppImage's exclude list does: every
# desktop has them, and they must match the system's own configuration and daemons (an
# old bundled fontconfig misreads new font configuration; libdbus talks to the system
# bus). The rest of the dependency chains they pull in (libsystemd, libgcrypt...) go too.
SYSTEM_LIBRARIES = (
    "libX11", "libX11-xcb", "libXau", "libXdmcp", "libbsd", "libmd", "libfontconfig",
    "libfreetype", "libpng16", "libbrotlidec", "libbrotlicommon", "libexpat", "libdbus-1",
    "libsystemd", "libgcrypt", "libgpg-error", "liblz4", "libcap",
)

SOURCE_SUFFIXES = (".pyi", ".pyx", ".pxd", ".h", ".c", ".cpp", ".hpp")


def optimized(pure, packages=OPTIMIZED_PACKAGES):
    """Analysis' pure-module TOC with the modules of `packages` at optimization level 2
    (PyInstaller compiles a `PYMODULE-2` entry as `python -OO` would)."""
    return [(name, src, "PYMODULE-2") if typecode == "PYMODULE"
            and name.split(".")[0] in packages else (name, src, typecode)
            for name, src, typecode in pure]


def _plugin_kept(parts: tuple[str, ...]) -> bool:
    index = parts.index("plugins")
    if len(parts) < index + 3:
        return True
    folder, name = parts[index + 1], parts[index + 2]
    stem = re.sub(r"^lib", "", name.split(".")[0])
    return stem in KEPT_QT_PLUGINS.get(folder, ())


def kept(dest: str) -> bool:
    """True for a collected file (its path inside the bundle) that the program needs."""
    dest = dest.replace("\\", "/")
    parts = PurePosixPath(dest).parts
    name = parts[-1]
    bare = re.sub(r"^lib", "", name)
    if parts[0] == "PySide6" or bare.startswith("Qt6"):
        if bare.startswith(EXCLUDED_QT_LIBRARIES):
            return False
        if "translations" in parts and name.endswith(".qm"):
            return name.split(".")[0] in KEPT_QT_TRANSLATIONS
        if "qml" in parts or "qtwebengine_locales" in parts:
            return False
        if "plugins" in parts and not _plugin_kept(parts):
            return False
    if len(parts) == 1 and name.split(".so")[0] in SYSTEM_LIBRARIES:
        return False
    if name.endswith(SOURCE_SUFFIXES):
        return False
    if parts[0] in ("pandas", "numpy") and "tests" in parts:
        return False
    if any(tuple(parts[:len(folder)]) == folder for folder in UNREAD_DATA):
        return False
    if name == "RECORD" and len(parts) == 2 and parts[0].endswith(".dist-info"):
        return False
    return True


def _is_root(dest: str) -> bool:
    """Binaries loaded by Python or Qt by name: extension modules and Qt plugins."""
    dest = dest.replace("\\", "/")
    name = dest.rsplit("/", 1)[-1]
    return (".cpython-" in name or name.endswith((".abi3.so", ".pyd")) or "/plugins/" in dest
            or name.startswith("libpython"))


def prune_unlinked(binaries, get_imports=None):
    """Drop shared libraries (Linux) that no kept extension module or plugin links to.

    The hooks resolve dependencies before the plugin filter runs, so the libraries of a
    dropped plugin (libqgtk3 -> cairo, pango, gdk-pixbuf...) stay behind; this removes
    them. `ldd` already lists the whole dependency tree of each root.
    """
    if not sys.platform.startswith("linux"):
        return list(binaries)
    if get_imports is None:
        from PyInstaller.depend.bindepend import get_imports
    needed: set[str] = set()
    for dest, src, _kind in binaries:
        if _is_root(dest):
            needed.update(name.rsplit("/", 1)[-1] for name, _path in get_imports(src))
    return [entry for entry in binaries
            if _is_root(entry[0]) or entry[0].replace("\\", "/").rsplit("/", 1)[-1] in needed]


def stripped(entry, work_dir, run=None):
    """(Linux) the binary `entry` with its symbol tables stripped, as a copy in `work_dir`.

    PyInstaller's own `strip=True` strips every binary, which breaks the libraries that
    auditwheel grafted into wheels with patchelf (numpy.libs/libscipy_openblas: "ELF load
    command address/offset not page-aligned"); those are stripped already and are left as
    they are. Stripping the rest saves about 30 MB (libpython alone 23 -> 6 MB).
    """
    import shutil
    import subprocess
    from pathlib import Path

    dest, src, kind = entry
    posix = dest.replace("\\", "/")
    if (not sys.platform.startswith("linux") or kind not in ("BINARY", "EXTENSION")
            or ".libs/" in posix
            or not shutil.which("strip")):
        return entry
    target = Path(work_dir) / posix
    if not target.exists() or target.stat().st_mtime < Path(src).stat().st_mtime:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target)
        (run or subprocess.run)(["strip", str(target)], check=True)
    return (dest, str(target), kind)
