"""Switching the language with every view open leaves no text of the other language: menus,
views, tables, filters, tabs and the charts' titles and axes, both ways."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QComboBox, QGroupBox,
                               QLabel, QLineEdit, QMenu, QTabWidget)

from desktop.ui.app_context import AppContext
from desktop.ui.background import SynchronousRunner
from desktop.ui.translation import install_translator, switch_language
from tests.ui.window_helpers import shown_main_window

TS = Path(__file__).resolve().parents[2] / "resources" / "translations" / "riskmap_es.ts"
CTRL = Qt.KeyboardModifier.ControlModifier


def _pairs() -> list[tuple[str, str]]:
    """(English, Spanish) of every translated string that differs between them."""
    pairs = []
    for message in ET.parse(TS).getroot().iter("message"):
        source = message.findtext("source") or ""
        target = message.findtext("translation") or ""
        if target and source != target and len(source.replace("&", "")) > 3:
            pairs.append((source, target))
    return pairs


def _pattern(text: str) -> re.Pattern:
    """A string with {placeholders} as a pattern for its formatted forms; '&' mnemonics and
    line breaks dropped."""
    text = text.replace("&", "")
    parts = re.split(r"\{[^{}]*\}", text)
    return re.compile(".+?".join(re.escape(p) for p in parts), re.S)


def _visible_texts(window) -> list[str]:
    """The texts on screen now (menus included)."""
    texts = [window.windowTitle()]
    for action in window.menuBar().actions():
        texts.append(action.text())
        menu = action.menu()
        if isinstance(menu, QMenu):
            texts += [a.text() for a in menu.actions()]
    for widget in _shown(window, QLabel):
        texts.append(re.sub(r"<[^>]+>", " ", widget.text()))
    for widget in _shown(window, QAbstractButton):
        texts.append(widget.text())
    for widget in _shown(window, QGroupBox):
        texts.append(widget.title())
    for widget in _shown(window, QLineEdit):
        texts.append(widget.placeholderText())
    for widget in _shown(window, QComboBox):
        texts += [widget.itemText(i) for i in range(widget.count())]
    for widget in _shown(window, QTabWidget):
        texts += [widget.tabText(i) for i in range(widget.count())]
    for view in _shown(window, QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        try:
            columns = model.columnCount(QModelIndex())
            rows = model.rowCount(QModelIndex())
        except TypeError:  # a list view's model: one column
            columns, rows = 1, model.rowCount()
        texts += [str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                  for c in range(columns)]
        for row in range(min(rows, 5)):
            texts += [str(model.index(row, c).data() or "") for c in range(columns)]
    for chart in _shown(window, pg.GraphicsLayoutWidget):
        for item in chart.scene().items():
            if isinstance(item, pg.LabelItem):
                texts.append(re.sub(r"<[^>]+>", " ", item.text or ""))
            elif isinstance(item, pg.AxisItem):
                texts.append(item.labelText or "")
            elif isinstance(item, pg.TextItem) and item.isVisible():
                texts.append(item.textItem.toPlainText())
    return [t.replace("&", "").replace("\xa0", " ") for t in texts if t]


def _shown(window, cls):
    return [widget for widget in window.findChildren(cls) if widget.isVisible()]


def _every_view(qtbot, window) -> list[str]:
    """Visit every view (and every tab of Export / Import) by the keyboard and collect what
    each shows: a hidden view catches up with the language when it is shown."""
    texts = []
    for number in range(1, 7):
        qtbot.keyClick(window.nav, getattr(Qt.Key, f"Key_{number}"), CTRL)
        page = window.stack.currentWidget()
        tabs = [page] if not isinstance(page, QTabWidget) else range(page.count())
        for tab in tabs:
            if isinstance(page, QTabWidget):
                page.setCurrentIndex(tab)
            QCoreApplication.processEvents()
            texts += _visible_texts(window)
    return texts


def _foreign(texts: list[str], pairs, to: str) -> list[str]:
    """Texts that are a string of the other language (English when `to` is 'es')."""
    found = []
    for english, spanish in pairs:
        other = english if to == "es" else spanish
        own = spanish if to == "es" else english
        pattern = _pattern(other)
        for text in texts:
            if pattern.fullmatch(text.strip()) and not _pattern(own).fullmatch(text.strip()):
                found.append(f"{text!r} (is {other!r})")
    return sorted(set(found))


@pytest.fixture
def window(qtbot, demo_project, settings):
    context = AppContext(demo_project, operator="AM", lang="en",
                         runner=SynchronousRunner())
    with shown_main_window(qtbot, context, settings, active=True) as win:
        yield win


def test_switching_language_with_every_view_open(qtbot, qapp, window, settings):
    for number in range(6, 0, -1):  # every view built, by the keyboard (View menu)
        qtbot.keyClick(window.nav, getattr(Qt.Key, f"Key_{number}"), CTRL)
    assert all(window.pages[key] is not None for key in window.page_keys)
    dashboard = window.pages["dashboard"]
    qtbot.waitUntil(lambda: dashboard.data is not None)
    window.statusBar().showMessage("Backup copy saved to /tmp/x.db", 60_000)
    pairs = _pairs()
    try:
        switch_language(qapp, window.context, "es", settings)
        QCoreApplication.processEvents()
        qtbot.waitUntil(lambda: dashboard.data is not None and dashboard.analysis.lang == "es")
        assert window.statusBar().currentMessage() == ""
        texts = _every_view(qtbot, window)
        assert "Riesgos" in texts and "Mapa de calor" in " ".join(texts)
        assert _foreign(texts, pairs, "es") == []
        qtbot.keyClick(window.nav, Qt.Key.Key_2, CTRL)  # Records: the status filter whole
        combo = window.pages["records"].status_filter
        QCoreApplication.processEvents()
        widest = max(combo.fontMetrics().horizontalAdvance(combo.itemText(i))
                     for i in range(combo.count()))
        assert combo.width() >= widest + 10
        switch_language(qapp, window.context, "en", settings)
        QCoreApplication.processEvents()
        qtbot.waitUntil(lambda: dashboard.analysis.lang == "en")
        texts = _every_view(qtbot, window)
        assert "Risk heat map" in " ".join(texts)
        assert _foreign(texts, pairs, "en") == []
    finally:
        install_translator(qapp, "en")
