"""The question "Keep this copy..." asks in the Import view names its two times as UTC
(the times of the ledger and of the manifest; every other time in the window says UTC),
in English and in Spanish, with real signed bundles."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.services.project import Project
from desktop.ui.app_context import AppContext
from desktop.ui.background import SynchronousRunner
from desktop.ui.import_view import ImportView
from desktop.ui.translation import install_translator

from test_copy_keeper import _copy_sent_first

TIME = r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC"


@pytest.mark.parametrize("lang, imported, made", [
    ("en", "(imported {t})", "made {t})"), ("es", "(importado el {t})", "hecho el {t})")])
def test_the_question_names_its_times_as_utc(qtbot, qapp, tmp_path, hq_keys, field_key,
                                             field_db, out_dir, valid_answers, monkeypatch,
                                             lang, imported, made):
    hq, _, genuine, _ = _copy_sent_first(tmp_path, hq_keys, field_key, field_db, out_dir,
                                         valid_answers)
    install_translator(qapp, lang)
    project = Project.open(hq)
    try:
        context = AppContext(project, operator="HQ", lang=lang, runner=SynchronousRunner())
        view = ImportView(context)
        qtbot.addWidget(view)
        view.identity.setText(str(hq_keys.identity_path))
        view.add_bundles([genuine.path])
        qtbot.mouseClick(view.import_button, Qt.MouseButton.LeftButton)
        asked = []
        monkeypatch.setattr(QMessageBox, "question",
                            lambda parent, title, text, buttons, default:
                            asked.append(text) or QMessageBox.StandardButton.No)
        view.keep_held()
        (text,) = asked
        for said in (imported, made):
            pattern = re.escape(said.format(t="TIME")).replace("TIME", TIME)
            assert re.search(pattern, text), (said, text)
    finally:
        project.close()
        install_translator(qapp, "en")
