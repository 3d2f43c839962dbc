"""The Import view and a bundle held because two copies of one laptop's project are in
use: "Keep this copy..." says what it would do, asks (No changes nothing), keeps the copy
(audited) and imports the list again; a keyer is refused (real signed bundles)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.services.project import Project
from desktop.ui.app_context import AppContext
from desktop.ui.background import SynchronousRunner
from desktop.ui.import_view import ImportView

from bundle_helpers import db_state
from test_copy_keeper import _copy_sent_first
from test_restored_backup import _key_forms


def _view(qtbot, hq, hq_keys, paths, lang="en", operator="HQ"):
    project = Project.open(hq)
    context = AppContext(project, operator=operator, lang=lang, runner=SynchronousRunner())
    view = ImportView(context)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.identity.setText(str(hq_keys.identity_path))
    view.add_bundles(paths)
    qtbot.mouseClick(view.import_button, Qt.MouseButton.LeftButton)
    return project, context, view


def test_the_window_keeps_the_copy_the_team_names(qtbot, qapp, tmp_path, hq_keys,
                                                  field_key, field_db, out_dir,
                                                  valid_answers):
    hq, send, genuine, _ = _copy_sent_first(tmp_path, hq_keys, field_key, field_db,
                                            out_dir, valid_answers)
    _key_forms(field_db, field_key.device_id, valid_answers, [4])
    later = send()
    project, context, view = _view(qtbot, hq, hq_keys, [genuine.path, later.path])
    try:
        assert [view.table.item(r, 1).text() for r in (0, 1)] == ["Held", "Refused"]
        assert "Keep this copy..." in view.table.item(0, 8).text()
        assert view.keep_button.isVisibleTo(view)
        assert "two copies of one laptop's project are in use" in view.status.text()
        view.grab().save(str(tmp_path / "import_view_copy_held.png"))
        before = db_state(hq)
        asked = []
        view.keep_held(confirm=lambda choice: asked.append(choice) and False)
        (choice,) = asked
        assert (choice.sequence, choice.report.new, choice.current[0]) == (2, 1, 2)
        assert db_state(hq) == before and view.table.item(0, 1).text() == "Held"
        held = view.report.bundles[0]
        with qtbot.waitSignal(context.forms_changed):
            view.keep_held(confirm=lambda choice: True)
        assert [view.table.item(r, 1).text() for r in (0, 1)] == \
            ["Already imported", "Imported"]
        assert not view.keep_button.isVisibleTo(view)
        assert [tuple(r) for r in project.db.conn.execute(
            "SELECT operator, reason FROM audit_log WHERE action = 'copy_keep'")] == \
            [("HQ", "kept in the Import view")]
        # The same held bundle again (an old report): one sentence, nothing changed.
        after = db_state(hq)
        view.held_copies.keep(held, confirm=lambda choice: True)
        assert view.status.text() == "Headquarters imported this bundle already; nothing " \
                                     "was changed."
        # Its file gone from the disk meanwhile: the sentence names it.
        genuine.path.rename(tmp_path / "moved.zip.age")
        view.held_copies.keep(held, confirm=lambda choice: True)
        assert genuine.path.name in view.status.text(), view.status.text()
        assert db_state(hq) == after
    finally:
        project.close()


def test_a_keyer_cannot_keep_a_copy(qtbot, qapp, tmp_path, hq_keys, field_key, field_db,
                                    out_dir, valid_answers):
    from desktop.services.form_service import Actor
    from desktop.services.operator_service import OperatorService
    from desktop.storage.database import Database
    hq, _, genuine, _ = _copy_sent_first(tmp_path, hq_keys, field_key, field_db, out_dir,
                                         valid_answers)
    db = Database.open(hq)
    try:
        sara = OperatorService(db).create_first_supervisor("Sara", "731946")
        OperatorService(db, Actor(sara.name, "hq", sara.id)).add("Kim", "keyer", "582039")
        kim = next(o for o in OperatorService(db).operators() if o.name == "Kim")
    finally:
        db.close()
    project, context, view = _view(qtbot, hq, hq_keys, [genuine.path], operator="Kim")
    try:
        context.operator_id = kim.id
        context.workspace.actor = context.actor
        before = db_state(hq)
        view.keep_held(confirm=lambda choice: True)
        assert "Only a supervisor" in view.status.text()
        assert db_state(hq) == before
    finally:
        project.close()


def test_the_held_copy_and_the_question_in_spanish(qtbot, qapp, tmp_path, hq_keys,
                                                  field_key, field_db, out_dir,
                                                  valid_answers, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    from desktop.ui.translation import install_translator
    hq, _, genuine, _ = _copy_sent_first(tmp_path, hq_keys, field_key, field_db, out_dir,
                                         valid_answers)
    install_translator(qapp, "es")
    try:
        project, context, view = _view(qtbot, hq, hq_keys, [genuine.path], lang="es")
        try:
            assert view.keep_button.text() == "Conservar esta copia..."
            assert "elija Conservar esta copia..." in view.table.item(0, 8).text()
            assert "1 paquete retenido porque hay dos copias" in view.status.text()
            view.grab().save(str(tmp_path / "import_view_copy_held_es.png"))
            asked = []

            def question(parent, title, text, buttons, default):
                asked.append((title, text, default))
                return QMessageBox.StandardButton.No

            monkeypatch.setattr(QMessageBox, "question", question)
            before = db_state(hq)
            view.keep_held()
            ((title, text, default),) = asked
            assert title == "Conservar esta copia"
            assert default == QMessageBox.StandardButton.No
            assert "la sede sigue esa copia desde el paquete 2" in text
            assert "Este paquete agregaría 1 formulario, actualizaría 0" in text
            assert db_state(hq) == before
        finally:
            project.close()
    finally:
        install_translator(qapp, "en")
