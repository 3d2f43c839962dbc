"""File > Data for analysts...: the dialog writes the chosen files through the background
runner, with the guard on, and words a refusal for people."""

from __future__ import annotations

import pandas as pd

from desktop.services.demo_service import fill_demo
from desktop.ui.data_dialog import DataDialog
from desktop.ui.main_window import MainWindow


def test_the_dialog_writes_the_chosen_files_with_the_guard(qtbot, context, tmp_path):
    fill_demo(context.project, 40, seed=3, round_name="Ronda Sur")
    dialog = DataDialog(context)
    qtbot.addWidget(dialog)
    assert dialog.k.value() == context.project.min_group_size
    assert not dialog.write_button.isEnabled()  # no folder yet
    dialog.folder.setText(str(tmp_path / "out"))
    dialog.format_boxes["xlsx"].setChecked(False)
    dialog.format_boxes["dta"].setChecked(False)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.round.setCurrentIndex(dialog.round.findData("Ronda Sur"))
    dialog.k.setValue(4)
    dialog.write_button.click()
    assert dialog.result is not None and dialog.result.rows == 40
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "riskmap-data-Ronda-Sur-en-disclosure.txt", "riskmap-data-Ronda-Sur-en.csv",
        "riskmap-data-Ronda-Sur-en.sav"]
    frame = pd.read_csv(tmp_path / "out" / "riskmap-data-Ronda-Sur-en.csv",
                        encoding="utf-8-sig")
    profile = list(context.project.questionnaire.profile)
    assert frame.groupby(profile, dropna=False).size().min() >= 4
    assert "40 forms" in dialog.summary.text()
    assert dialog.write_button.isEnabled()


def test_too_few_forms_are_refused_in_words(qtbot, context, tmp_path):
    fill_demo(context.project, 3, seed=4)
    dialog = DataDialog(context)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path / "few"))
    dialog.write_button.click()
    assert dialog.result is None
    assert "fewer than k = 5" in dialog.summary.text()
    assert not (tmp_path / "few").exists()


def test_the_file_menu_opens_it(qtbot, context, settings, monkeypatch):
    window = MainWindow(context, settings)
    qtbot.addWidget(window)
    opened = []
    monkeypatch.setattr(DataDialog, "exec", lambda self: opened.append(self) or 0)
    file_menu = window.menuBar().actions()[0].menu()
    action = next(a for a in file_menu.actions() if "analysts" in a.text())
    action.trigger()
    assert len(opened) == 1 and isinstance(opened[0], DataDialog)


def test_a_full_disk_is_its_one_sentence(qtbot, context, tmp_path, monkeypatch):
    """Not "The files could not be written: The disk is full (...); free some space and
    try again (nothing was half-written).. Choose another folder.": a sentence inside a
    sentence, the advice twice."""
    import errno
    import os

    from desktop.domain.user_error import error_message

    fill_demo(context.project, 10, seed=5)
    dialog = DataDialog(context)
    qtbot.addWidget(dialog)
    out = tmp_path / "stick"
    dialog.folder.setText(str(out))
    for name in list(dialog.format_boxes)[1:]:
        dialog.format_boxes[name].setChecked(False)

    def full(*_args):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(os, "fsync", full)
    dialog.k.setValue(1)
    dialog.write_button.click()
    assert dialog.result is None
    written, lang = dialog.summary.text(), context.lang
    target = out / f"riskmap-data-all-{lang}.csv"
    assert written == error_message("disk_full", lang, path=target)


def test_only_a_supervisor_may_choose_k_below_the_minimum(qtbot, context):
    """k below the project's minimum protects less than the project promises (k = 1,
    nothing): a keyer's dialog starts its k at the minimum, as `riskmap data --k` asks a
    supervisor's PIN; a supervisor, or anybody before the project has operators, may."""
    from desktop.services.operator_service import Actor, OperatorService
    minimum = context.project.min_group_size
    anybody = DataDialog(context)
    qtbot.addWidget(anybody)
    assert anybody.k.minimum() == 1  # nobody has claimed the project yet
    sara = OperatorService(context.workspace.db).create_first_supervisor("SR", "246813")
    juan = OperatorService(context.workspace.db, Actor("SR", "dev", sara.id)).add(
        "JR", "keyer", "135792")
    context.sign_in(juan)
    keyer = DataDialog(context)
    qtbot.addWidget(keyer)
    assert keyer.k.minimum() == minimum and keyer.k.value() == minimum
    keyer.k.setValue(1)
    assert keyer.request().k == minimum
    assert str(minimum) in keyer.k.toolTip()
    context.sign_in(sara)
    supervisor = DataDialog(context)
    qtbot.addWidget(supervisor)
    assert supervisor.k.minimum() == 1
