"""Render the application icon from its hand-drawn SVG source.

    python build/make_icon.py

Reads resources/icons/riskmap.svg and writes riskmap.png (256 px, for Linux and the
About box) and riskmap.ico (16-256 px, for the Windows executable) beside it. Run it
again after editing the SVG; the outputs are committed so a build needs no drawing step.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(svg_path: Path, size: int):
    """The SVG drawn into a transparent QImage of `size` x `size` pixels."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg_path)).render(painter)
    painter.end()
    return image


def write_ico(images, path: Path) -> None:
    """A Windows .ico holding one PNG-compressed entry per size (Vista and later)."""
    import struct

    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    blobs = []
    for image in images:
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        blobs.append(bytes(data))
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries = b""
    for image, blob in zip(images, blobs):
        side = image.width() if image.width() < 256 else 0  # 0 means 256 in ICO
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
    path.write_bytes(header + entries + b"".join(blobs))


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    svg = ICON_DIR / "riskmap.svg"
    render(svg, 256).save(str(ICON_DIR / "riskmap.png"))
    write_ico([render(svg, size) for size in ICO_SIZES], ICON_DIR / "riskmap.ico")
    print(f"wrote {ICON_DIR / 'riskmap.png'} and {ICON_DIR / 'riskmap.ico'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
