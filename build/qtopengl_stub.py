"""Stand-in for `PySide6.QtOpenGL` in the packaged program (not used when run from source).

pyqtgraph imports `PySide6.QtOpenGL` when it is imported (PlotCurveItem, PColorMeshItem,
OpenGLHelpers, RawImageWidget), but it only touches the module's classes (vertex buffers,
shader programs, textures) while drawing inside an OpenGL view: a `GraphicsView` made with
`useOpenGL=True`, pyqtgraph's `useOpenGL` option, or `RawImageGLWidget`. RiskMap draws
its charts with QPainter and turns none of these on (tests/packaging/test_qtopengl_stub.py
checks the source), so the 9 MB binding is left out and this module is shipped under its
name (build/riskmap.spec). Touching any attribute says plainly what is missing.
"""

MISSING = ("PySide6.QtOpenGL is not part of the packaged RiskMap: its charts are drawn "
           "without OpenGL (see build/qtopengl_stub.py)")


def __getattr__(name: str):
    if name.startswith("__") and name.endswith("__"):
        raise AttributeError(name)  # introspection (copy, pickle, inspect) asks for these
    raise AttributeError(f"{MISSING}; asked for {name}")
