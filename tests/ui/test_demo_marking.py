"""Help > Demo project is marked in the title bar and a banner, and is never reopened at
start-up without asking."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.services.paths import default_database_path, demo_dir, is_demo_database
from desktop.ui.app import startup_database
from desktop.ui.database_actions import LAST_KEY


def _demo_action(window):
    return next(a for a in window.help_menu.actions() if "demo" in a.text().lower())


def test_the_demo_is_marked_and_the_mark_goes_with_it(qtbot, window, tmp_path,
                                                      typed_passphrase):
    assert "DEMO" not in window.windowTitle() and window.demo_banner.isHidden()
    _demo_action(window).trigger()
    assert is_demo_database(window.context.project.db.path)
    assert "DEMO" in window.windowTitle()
    assert window.demo_banner.isVisible() and "Do not key real forms" in \
        window.demo_banner.text()
    # Back on a real project: no mark.
    typed_passphrase.type("a team passphrase for tests")
    assert window.files.open_database(tmp_path / "real.db")
    assert "DEMO" not in window.windowTitle() and window.demo_banner.isHidden()


def test_the_demo_mark_is_translated(qtbot, window, qapp):
    from desktop.ui.translation import install_translator
    _demo_action(window).trigger()
    install_translator(qapp, "es")
    try:
        qtbot.waitUntil(lambda: "demostración" in window.windowTitle().lower())
        assert "DEMO" in window.windowTitle() and "DEMOSTRACIÓN" in window.windowTitle()
        assert "No teclee" in window.demo_banner.text()
    finally:
        install_translator(qapp, "en")


def test_start_up_does_not_reopen_the_demo_without_asking(settings, tmp_path):
    demo = demo_dir() / "demo-1.db"
    demo.parent.mkdir(parents=True, exist_ok=True)
    demo.write_bytes(b"")
    settings.setValue(LAST_KEY, str(demo))
    asked: list[Path] = []
    assert startup_database(settings, None) == default_database_path()
    assert startup_database(settings, None, lambda p: asked.append(p) or False) == \
        default_database_path()
    assert asked == [demo]
    assert startup_database(settings, None, lambda p: True) == demo
    # A real project last opened is reopened without a question.
    real = tmp_path / "real.db"
    real.write_bytes(b"")
    settings.setValue(LAST_KEY, str(real))
    assert startup_database(settings, None, lambda p: pytest.fail("asked")) == real
    # Named on the command line: opened as asked for, demo or not.
    assert startup_database(settings, str(demo)) == demo
