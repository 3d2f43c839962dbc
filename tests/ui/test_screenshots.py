"""`python -m desktop.ui.screenshots` writes one 1366x768 PNG per main view (and the
Spanish entry view) from a demo project, without touching the user's settings."""

from __future__ import annotations

from PySide6.QtGui import QImage

from desktop.ui import screenshots


def test_screenshots_render_every_view(tmp_path, monkeypatch):
    monkeypatch.setattr(screenshots, "DEMO_FORMS", 60)
    written = screenshots.render(tmp_path, all_spanish=True)
    names = sorted(path.name for path in written)
    assert names == sorted([f"{view}{suffix}.png" for view in screenshots.VIEWS
                            for suffix in ("", "_es")])
    for path in written:
        image = QImage(str(path))
        # A wider picture means some label forced the window past a laptop screen.
        assert (image.width(), image.height()) == (1366, 768), path.name
