"""The shortcuts a Spanish window shows beside its menu entries are Qt's Spanish names of
the keys ("Control+N", "Mayúsculas"), from Qt's own catalogue (qtbase_es.qm) loaded with
ours; without it they would read "Ctrl+N" and "Shift" as in the English window."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from desktop.ui.translation import install_translator


def _menu_shortcuts(window) -> dict[str, str]:
    found = {}
    for top in window.menuBar().actions():
        for action in (top.menu().actions() if top.menu() else []):
            if not action.shortcut().isEmpty():
                found[action.text()] = action.shortcut().toString(
                    QKeySequence.SequenceFormat.NativeText)
    return found


def test_menu_shortcuts_are_named_in_spanish(qapp, window):
    english = _menu_shortcuts(window)
    assert "Ctrl+N" in english.values()
    install_translator(qapp, "es")
    try:
        spanish = _menu_shortcuts(window)
        shift = QKeySequence("Ctrl+Shift+S").toString(QKeySequence.SequenceFormat.NativeText)
    finally:
        install_translator(qapp, "en")
    assert "Control+N" in spanish.values() and "Control+1" in spanish.values(), spanish
    assert not any("Ctrl" in keys for keys in spanish.values()), spanish
    assert shift == "Control+Mayúsculas+S"
