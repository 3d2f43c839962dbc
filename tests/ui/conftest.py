"""Fixtures for the widget tests: an application context on a fresh project with a round,
a synchronous background runner, and a scratch QSettings file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from desktop.ui.app_context import AppContext
from desktop.ui.background import SynchronousRunner


@pytest.fixture
def context(project, round_uuid, device_key):
    ctx = AppContext(project, device_key, operator="AM", lang="es",
                     runner=SynchronousRunner())
    ctx.set_round(round_uuid)
    return ctx


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def english_baseline(qapp):
    """Every widget test starts in English (the source language): a test elsewhere that
    installs the Spanish translator and does not remove it must not change these."""
    from desktop.ui.translation import install_translator
    install_translator(qapp, "en")
    yield


@pytest.fixture
def view(qtbot, context):
    """An entry view on screen with the cursor on the form number, ready for keys."""
    from desktop.ui.entry_view import EntryView
    widget = EntryView(context)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.focus_form_number()
    qtbot.waitUntil(lambda: widget.number.hasFocus())
    return widget

