"""File > Print blank forms: the dialog prints the chosen round's form, numbered copies
included, off the UI thread (synchronous in tests)."""

from __future__ import annotations

import pytest

from desktop.ui.app_context import AppContext
from desktop.ui.background import SynchronousRunner
from desktop.ui.print_form_dialog import PrintFormDialog


@pytest.fixture
def context(project):
    project.create_round("Ronda 1", form_min=10, form_max=20)
    return AppContext(project, operator="AM", lang="es", runner=SynchronousRunner())


def test_dialog_prints_numbered_forms_of_the_current_round(qtbot, context, tmp_path):
    dialog = PrintFormDialog(context)
    qtbot.addWidget(dialog)
    assert dialog.round.currentData() == "Ronda 1"
    assert (dialog.first.value(), dialog.last.value()) == (10, 20)
    assert not dialog.first.isEnabled()
    dialog.numbered.setChecked(True)
    dialog.last.setValue(12)
    plan = dialog.plan()
    assert plan.numbers == (10, 11, 12) and plan.round_name == "Ronda 1"
    dialog.print_to(tmp_path / "f.pdf")
    assert (tmp_path / "f.pdf").read_bytes()[:5] == b"%PDF-"
    assert dialog.result() == dialog.DialogCode.Accepted


def test_numbers_outside_the_round_are_refused_in_place(qtbot, context, tmp_path):
    dialog = PrintFormDialog(context)
    qtbot.addWidget(dialog)
    dialog.numbered.setChecked(True)
    dialog.last.setValue(99)
    dialog.print_to(tmp_path / "f.pdf")
    assert dialog.message.text() and not (tmp_path / "f.pdf").exists()
