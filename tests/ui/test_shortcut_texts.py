"""Every shortcut the window writes for people (hints, tooltips, buttons, the keying guide)
is Qt's name of the key in the window's language, the name its menus print: a Spanish
window wrote "Ctrl+S" in tooltips and hints beside menus reading "Control+S"."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget

from desktop.ui import shortcut_keys
from desktop.ui.main_window import MainWindow
from desktop.ui.shortcut_keys import (FORM_HISTORY, NEW_DATABASE, SAVE, SAVE_DRAFT, fill_keys,
                                      key_text, shortcut_text)
from desktop.ui.translation import install_translator

PAGES = ("entry", "records", "verification", "exchange")
# Keys written by hand, as English writes them; in a Spanish window Qt writes "Control+",
# "Mayúsculas+", "Intro", "Tabulador", "Suprimir".
HAND_WRITTEN = re.compile(r"\b(Ctrl|Shift|Mayús)\+|\b(Enter|Tab|Del)\b")


def _shown_texts(window: MainWindow) -> list[str]:
    for key in PAGES:
        window.show_page(key)
    texts = []
    for widget in window.findChildren(QWidget):
        texts.append(widget.toolTip())
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
    return [text for text in texts if text]


def _menu_keys(window: MainWindow) -> dict[str, str]:
    return {action.text(): shortcut_text(action) for top in window.menuBar().actions()
            for action in (top.menu().actions() if top.menu() else [])
            if not action.shortcut().isEmpty()}


@pytest.fixture
def spanish(qapp):
    install_translator(qapp, "es")
    yield
    install_translator(qapp, "en")


def test_a_spanish_window_writes_every_shortcut_as_its_menus_do(qtbot, spanish, context,
                                                                 settings):
    window = MainWindow(context, settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    texts = _shown_texts(window)
    written = [text for text in texts if HAND_WRITTEN.search(text)]
    assert written == []
    entry = window.entry_view
    assert entry.save_button.toolTip() == "Guardar el formulario (Control+S)"
    hint = entry.hint.text()
    for keys in (SAVE, SAVE_DRAFT):
        assert key_text(keys) in hint
    assert "Mayúsculas+Tabulador" in hint and "Intro o Tabulador" in hint
    assert key_text(FORM_HISTORY) in entry.history_button.toolTip()
    menus = _menu_keys(window)
    assert menus["&Nueva base de datos…"] == key_text(NEW_DATABASE) == "Control+N"
    # the same words for the same modifiers, in menus and in the view's own texts
    assert "Control+Mayúsculas+S" in hint and all("Ctrl" not in keys for keys in menus.values())


def test_an_english_window_writes_them_as_its_menus_do_too(qtbot, context, settings):
    window = MainWindow(context, settings)
    qtbot.addWidget(window)
    window.show()
    entry = window.entry_view
    assert entry.save_button.toolTip() == "Save the form (Ctrl+S)"
    assert entry.hint.text().startswith("Enter or Tab: next question · Shift+Tab: back · "
                                        "Ctrl+S: save · Ctrl+Shift+S: save as draft")
    assert _menu_keys(window)["&Open database…"] == key_text(shortcut_keys.OPEN_DATABASE)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_keying_guide_names_its_keys_as_the_window_does(qapp, lang):
    from desktop.resources import keying_guide_path
    install_translator(qapp, lang)
    try:
        text = fill_keys(keying_guide_path(lang).read_text(encoding="utf-8"))
        save = key_text(SAVE)
    finally:
        install_translator(qapp, "en")
    assert "[[" not in text and f"<b>{save}</b>" in text
    if lang == "es":
        assert not HAND_WRITTEN.search(re.sub(r"<!--.*?-->", "", text, flags=re.S))
        assert "<b>Control+S</b>" in text and "<b>Control+Intro</b>" in text


def test_an_unknown_key_in_a_guide_is_refused():
    with pytest.raises(KeyError):
        fill_keys("<b>[[no_such_key]]</b>")


def test_every_binding_is_a_key_sequence_qt_reads():
    for name in dir(shortcut_keys):
        value = getattr(shortcut_keys, name)
        if name.isupper() and isinstance(value, str):
            assert not QKeySequence(value).isEmpty(), name
