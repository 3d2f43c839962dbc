"""What the pass through the real window found in Spanish and at a language switch: each
test failed before its fix. The second keying's count in Spanish, Qt's file dialog words
that its own Spanish catalogue lacks, the file names the save dialogs suggest, the progress
headers at 1366 wide, where the enrolment sends the analyst for a laptop's fingerprint, and
the export and import lines after a language switch."""

from __future__ import annotations

import pytest

from desktop.services import keys_service
from desktop.services.demo_service import fill_demo
from desktop.ui.app_context import AppContext
from desktop.ui.background import SynchronousRunner
from desktop.ui.export_view import ExportView
from desktop.ui.form_history_dialog import FormHistoryDialog
from tests.ui.test_window_pass_fixes import _verified_with_one_difference


def test_history_counts_the_differences_in_spanish(
        qtbot, qapp, context, project, round_uuid, service, valid_answers):
    from desktop.ui.translation import install_translator
    uuid = _verified_with_one_difference(project, round_uuid, service, valid_answers)
    install_translator(qapp, "es")
    dialog = FormHistoryDialog(context.form_service(), uuid, 1)
    qtbot.addWidget(dialog)
    actions = [dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())]
    keyed_again = actions.index("digitado de nuevo para verificar")
    assert dialog.table.item(keyed_again, 5).text() == "1 discrepancia"


def test_file_dialogs_of_the_spanish_window_say_no_english(qtbot, qapp):
    from PySide6.QtWidgets import QFileDialog, QLabel

    from desktop.ui.qt_catalogue_gaps import file_dialog_labels
    from desktop.ui.translation import install_translator
    install_translator(qapp, "es")
    for mode in (QFileDialog.FileMode.AnyFile, QFileDialog.FileMode.Directory):
        dialog = QFileDialog(None, "x")
        qtbot.addWidget(dialog)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setFileMode(mode)
        labels = [label.text() for label in dialog.findChildren(QLabel)]
        # Qt's own Spanish catalogue lacks Qt 6.11's "&Look in:" and "Files of &type:".
        assert "&Ver en:" in labels and "Ficheros de &tipo:" in labels, labels
    assert file_dialog_labels() == ["&Ver en:", "Ficheros de &tipo:"]


def _clipped_headers(table) -> list[str]:
    """The header texts of `table` with a line wider than its column."""
    header = table.horizontalHeader()
    metrics = header.fontMetrics()
    margin = 2 * header.style().pixelMetric(header.style().PixelMetric.PM_HeaderMargin)
    clipped = []
    for column in range(table.columnCount()):
        text = table.horizontalHeaderItem(column).text()
        widest = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
        if widest + margin > header.sectionSize(column):
            clipped.append(text)
    return clipped


@pytest.mark.parametrize("lang", ["en", "es"])
def test_progress_headers_are_whole_at_1366_wide(qtbot, qapp, context, lang):
    from desktop.ui.progress_view import ProgressView
    from desktop.ui.translation import install_translator
    install_translator(qapp, lang)
    context.set_language(lang)
    view = ProgressView(context)
    qtbot.addWidget(view)
    view.resize(1070, 640)  # the room beside the navigation list in a 1280-wide window
    view.show()
    qtbot.waitExposed(view)
    # "Números de formulario" was cut at both ends ("úmeros de formularic").
    assert _clipped_headers(view.ledger_table) == []
    assert _clipped_headers(view.operator_table) == []


def test_the_spanish_file_dialog_says_carpeta_for_a_folder(qapp, tmp_path):
    from PySide6.QtCore import QFileInfo
    from PySide6.QtGui import QAbstractFileIconProvider

    from desktop.ui.translation import install_translator
    install_translator(qapp, "es")
    assert QAbstractFileIconProvider().type(QFileInfo(str(tmp_path))) == "Carpeta"


def _suggested_names(monkeypatch, module) -> list[str]:
    """Every file name a save dialog of `module` suggests (the dialog answers Cancel)."""
    suggested: list[str] = []

    def fake_save(_parent, _title, name, _filter=""):
        suggested.append(name)
        return "", ""

    monkeypatch.setattr(module.QFileDialog, "getSaveFileName", staticmethod(fake_save))
    return suggested


def test_save_dialogs_suggest_file_names_in_spanish(qtbot, qapp, monkeypatch, demo_project):
    from desktop.ui import dashboard_exports, print_form_dialog
    from desktop.ui.dashboard_view import DashboardView
    from desktop.ui.print_form_dialog import PrintFormDialog
    from desktop.ui.translation import install_translator
    install_translator(qapp, "es")
    context = AppContext(demo_project, operator="AM", lang="es", runner=SynchronousRunner())
    view = DashboardView(context)
    qtbot.addWidget(view)
    view.resize(1366, 700)
    view.show()
    qtbot.waitUntil(lambda: view.data is not None)
    suggested = _suggested_names(monkeypatch, dashboard_exports)
    view.exports.pdf()
    view.exports.tables()
    assert suggested == ["informe.pdf", "puntajes.xlsx"]  # were report.pdf, scores.xlsx
    suggested = _suggested_names(monkeypatch, print_form_dialog)
    dialog = PrintFormDialog(context)
    qtbot.addWidget(dialog)
    dialog.choose_file()
    assert suggested == ["formularios.pdf"]


@pytest.mark.parametrize("lang, about, placeholder", [("en", "Help > About", "PROJECT"),
                                                      ("es", "Ayuda > Acerca de",
                                                       "PROYECTO")])
def test_enrolment_points_to_where_the_laptop_shows_its_fingerprint(
        qtbot, qapp, monkeypatch, context, lang, about, placeholder):
    from types import SimpleNamespace

    from PySide6.QtWidgets import QLabel, QMessageBox

    from desktop.ui import import_view
    from desktop.ui.about_dialog import AboutDialog
    from desktop.ui.translation import install_translator
    install_translator(qapp, lang)
    asked: list[str] = []
    monkeypatch.setattr(import_view.QMessageBox, "question", staticmethod(
        lambda _parent, _title, text, *_args: asked.append(text)
        or QMessageBox.StandardButton.No))
    view = import_view.ImportView(context)
    qtbot.addWidget(view)
    fingerprint = "1738 1b48 411d bd1b dfb4 72ad eb2c 1ca3"
    bundle = SimpleNamespace(device_id="dev-ed0a3b98049e", fingerprint=fingerprint)
    assert not view._confirm_enrolment(bundle)
    # It sent the analyst to Settings, which does not show the fingerprint.
    assert about in asked[0] and placeholder in asked[0]
    assert "Settings" not in asked[0] and "Configuración" not in asked[0]
    shown = AboutDialog("dev-ed0a3b98049e", fingerprint)
    qtbot.addWidget(shown)
    assert fingerprint in [label.text() for label in shown.findChildren(QLabel)]


def test_export_and_import_lines_follow_a_language_switch(qtbot, qapp, tmp_path):
    from desktop.services.keys_service import hq_init
    from desktop.services.project import Project
    from desktop.ui.import_view import ImportView
    from desktop.ui.translation import switch_language
    hq_keys = hq_init(tmp_path / "hq-keys")
    project = Project.open(tmp_path / "field.db")
    fill_demo(project, 12, seed=2)
    context = AppContext(project, operator="AM", lang="en", runner=SynchronousRunner())
    views = ()
    try:
        keys_service.save_recipients(project, hq_keys.recipient)
        export, imp = ExportView(context), ImportView(context)
        views = (export, imp)  # deleted before the project closes (a later language
        for view in views:     # switch would have them read a closed database)
            view.resize(1100, 640)
            view.show()
        out = tmp_path / "usb"
        out.mkdir()
        export.folder.setText(str(out))
        export.export_button.click()
        assert export.status.text().startswith("Saved ")
        imp.identity.setText(str(hq_keys.identity_path))
        imp.add_bundles([export.last_result.path])
        imp.import_button.click()
        assert imp.status.text().startswith("Bundles imported: 0 of 1.")
        switch_language(qapp, context, "es")
        # Both lines stayed English in the Spanish window (the tables beside them switched).
        assert export.status.text().startswith("Guardado ")
        assert "12 formularios" in export.status.text()
        assert imp.status.text().startswith("Paquetes importados: 0 de 1.")
        assert "0 nuevos" in imp.status.text()
        imp.show_status("Elija un archivo de clave.")  # another message stays as it was said
        switch_language(qapp, context, "en")
        assert imp.status.text() == "Elija un archivo de clave."
    finally:
        from PySide6.QtCore import QCoreApplication, QEvent
        for view in views:
            view.close()
            view.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        project.close()
