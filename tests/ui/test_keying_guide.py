"""F1 opens the keying guide in the program's language, from the text shipped in
resources/help (also listed in the PyInstaller spec)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.resources import keying_guide_path
from tests.ui.window_helpers import shown_main_window

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def window(qtbot, context, settings):
    with shown_main_window(qtbot, context, settings, active=True) as win:
        yield win


@pytest.mark.parametrize("lang, heading, words", [
    ("es", "Guía de digitación", ("Códigos de dato faltante", "Verificación", "sede")),
    ("en", "Keying guide", ("Missing codes", "Verification", "headquarters"))])
def test_f1_opens_the_guide_in_the_language(qtbot, window, lang, heading, words):
    window.context.set_language(lang)
    qtbot.keyClick(window.entry_view.number, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: getattr(window, "guide", None) is not None
                    and window.guide.isVisible())
    text = window.guide.browser.toPlainText()
    assert text.startswith(heading)
    assert all(word in text for word in words)
    assert "Ctrl+S" in text and "Alt+N" in text


def test_the_guide_ships_in_both_languages_and_in_the_package():
    for lang in ("en", "es"):
        assert keying_guide_path(lang).name == f"keying_guide_{lang}.html"
    assert 'resource_files("help")' in (ROOT / "build" / "riskmap.spec").read_text()
    assert "qtbase_es.qm" in (ROOT / "build" / "riskmap.spec").read_text()
