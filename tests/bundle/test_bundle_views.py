"""Export view, import view and recipients dialog, driven like a person would (offscreen,
synchronous runner): recipients saved, a bundle written with progress, imported at HQ
with the report and the pinned fingerprint shown."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.services import keys_service
from desktop.services.demo_service import fill_demo
from desktop.services.project import Project
from desktop.ui.app_context import AppContext
from desktop.ui.background import SynchronousRunner
from desktop.ui.export_view import ExportView
from desktop.ui.import_view import ImportView
from desktop.ui.recipients_dialog import RecipientsDialog


@pytest.fixture
def field_context(tmp_path):
    project = Project.open(tmp_path / "field-ui.db")
    fill_demo(project, 20, seed=4)
    ctx = AppContext(project, operator="AM", lang="en",
                     runner=SynchronousRunner())
    yield ctx
    ctx.project.close()


def test_recipients_dialog_checks_and_saves(qtbot, field_context, hq_keys):
    dialog = RecipientsDialog(field_context)
    qtbot.addWidget(dialog)
    assert field_context.device_key.fingerprint in [
        w.text() for w in dialog.findChildren(type(dialog.error))]
    dialog.editor.setPlainText("AGE-SECRET-KEY-1QQQ")
    assert not dialog.save() and dialog.error.isVisibleTo(dialog)
    assert keys_service.stored_recipients(field_context.project) == []
    dialog.editor.setPlainText("")
    dialog.load_file(hq_keys.recipient_path)
    assert dialog.save()
    assert keys_service.stored_recipients(field_context.project) == [hq_keys.recipient]


def test_export_then_import_through_the_views(qtbot, tmp_path, field_context, hq_keys):
    keys_service.save_recipients(field_context.project, hq_keys.recipient)
    view = ExportView(field_context)
    qtbot.addWidget(view)
    view.resize(1100, 640)
    assert "1 recipient" in view.recipients_label.text()
    out = tmp_path / "usb"
    out.mkdir()
    view.folder.setText(str(out))
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    assert view.last_result is not None and view.last_result.forms == 20
    assert view.last_result.path.exists() and view.ledger.rowCount() == 1
    assert view.last_result.path.name in view.status.text()
    view.grab().save(str(tmp_path / "export_view.png"))
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    assert "Nothing has changed" in view.status.text()

    hq_project = Project.open(tmp_path / "hq-ui.db")
    hq = AppContext(hq_project, operator="HQ", runner=SynchronousRunner())
    imp = ImportView(hq)
    qtbot.addWidget(imp)
    imp.resize(1100, 640)
    imp.identity.setText(str(hq_keys.identity_path))
    imp.add_bundles([view.last_result.path, view.last_result.path])
    qtbot.mouseClick(imp.import_button, Qt.MouseButton.LeftButton)
    # The laptop is not enrolled: refused, its fingerprint shown, nothing merged.
    assert imp.table.item(0, 1).text() == "Refused" and imp.table.item(0, 4).text() == "0"
    assert field_context.device_key.fingerprint in imp.table.item(0, 8).text()
    # The window's own way to enrol is named, not the command line's.
    assert "then choose Enrol device..." in imp.table.item(0, 8).text()
    assert "riskmap devices trust" not in imp.table.item(0, 8).text()
    assert imp.enrol_button.isVisibleTo(imp)
    imp.grab().save(str(tmp_path / "import_view_unknown.png"))
    asked = []
    assert imp.enrol_unknown(confirm=lambda b: asked.append(b.fingerprint) and False) == 0
    assert asked == [field_context.device_key.fingerprint]
    assert imp.table.item(0, 1).text() == "Refused"
    with qtbot.waitSignal(hq.forms_changed):
        assert imp.enrol_unknown(confirm=lambda b: True) == 1
    assert not imp.enrol_button.isVisibleTo(imp)
    assert imp.table.rowCount() == 2
    assert imp.table.item(0, 1).text() == "Imported" and imp.table.item(0, 4).text() == "20"
    assert field_context.device_key.fingerprint in imp.table.item(0, 8).text()
    assert imp.table.item(1, 1).text() == "Already imported"
    imp.grab().save(str(tmp_path / "import_view.png"))
    hq_project.close()


def test_export_view_refuses_without_recipient_or_folder(qtbot, field_context):
    view = ExportView(field_context)
    qtbot.addWidget(view)
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    assert "No recipient" in view.status.text()
    keys_service.save_recipients(
        field_context.project,
        "age1qk4nf7zjumu7lmsjc7mw2efxat075qlkqvgejtvz2lm7kwggmgpqjawar5")
    view.refresh()
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    assert "folder" in view.status.text()


def test_views_follow_a_language_switch_while_shown(qtbot, field_context):
    export, imp = ExportView(field_context), ImportView(field_context)
    for view in (export, imp):
        qtbot.addWidget(view)
        view.show()
    qtbot.waitExposed(export)
    export.export_button.setText("")
    imp.import_button.setText("")
    field_context.settings_changed.emit()
    assert export.export_button.text() == "Export bundle"
    assert imp.import_button.text() == "Import"


def test_a_refused_bundle_is_explained_in_the_window_language(qtbot, tmp_path, field_context,
                                                               hq_keys):
    from desktop.domain.error_messages import CATALOGUE
    junk = tmp_path / "junk.zip.age"
    junk.write_bytes(b"not a bundle at all")
    imp = ImportView(field_context)
    qtbot.addWidget(imp)
    imp.show()
    qtbot.waitExposed(imp)
    imp.identity.setText(str(hq_keys.identity_path))
    imp.add_bundles([junk])
    qtbot.mouseClick(imp.import_button, Qt.MouseButton.LeftButton)
    assert imp.table.item(0, 1).text() == "Refused"
    assert imp.table.item(0, 8).text() == CATALOGUE["bundle.not_a_bundle"]["en"]
    field_context.set_language("es")
    assert imp.table.item(0, 8).text() == CATALOGUE["bundle.not_a_bundle"]["es"]


def test_a_series_through_the_views_in_spanish(qtbot, tmp_path, field_context, hq_keys,
                                               device_key, monkeypatch):
    from desktop.services import export_service
    from desktop.services.device_service import trust_device
    small = export_service.PartLimits(forms=8)
    monkeypatch.setattr(export_service, "PartLimits", lambda: small)
    keys_service.save_recipients(field_context.project, hq_keys.recipient)
    view = ExportView(field_context)
    qtbot.addWidget(view)
    out = tmp_path / "usb"
    out.mkdir()
    view.folder.setText(str(out))
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    result = view.last_result
    assert result.parts == 3 and len(list(out.iterdir())) == 3
    assert "3 files, a series of 3 parts" in view.status.text()

    hq_project = Project.open(tmp_path / "hq-ui.db")
    trust_device(hq_project.db, field_context.device_key.fingerprint, "laptop")
    hq = AppContext(hq_project, operator="HQ", lang="es", runner=SynchronousRunner())
    imp = ImportView(hq)
    qtbot.addWidget(imp)
    imp.identity.setText(str(hq_keys.identity_path))
    imp.add_bundles([result.paths[2], result.paths[0]])
    qtbot.mouseClick(imp.import_button, Qt.MouseButton.LeftButton)
    assert "partes 1, 3 de 3 recibidas; falta la parte 2" in imp.status.text()
    # Another day, other bundles (here a part sent again): the missing part is named
    # again, though the window has no `devices list`.
    imp.bundles.clear()
    imp.add_bundles([result.paths[0]])
    qtbot.mouseClick(imp.import_button, Qt.MouseButton.LeftButton)
    assert imp.table.item(0, 1).text() == "Already imported"
    assert "partes 1, 3 de 3 recibidas; falta la parte 2" in imp.status.text()
    other = tmp_path / "other"
    other.mkdir()
    single = export_service.export_bundle(field_context.project.db.path, field_context.device_key,
                                          [hq_keys.recipient], other, full=True,
                                          limits=type(small)(forms=10 ** 6))
    imp.bundles.clear()
    imp.add_bundles([single.path])
    qtbot.mouseClick(imp.import_button, Qt.MouseButton.LeftButton)
    assert imp.table.item(0, 1).text() == "Imported", imp.table.item(0, 8).text()
    assert "partes 1, 3 de 3 recibidas; falta la parte 2" in imp.status.text()
    hq_project.close()
