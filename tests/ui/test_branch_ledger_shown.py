"""The ledger of bundles (Export view) marks a bundle a restored copy numbered again, so a
branch HQ accepted stays visible after the import, in the window's language."""

from __future__ import annotations

import pytest

from desktop.services.project import Project
from desktop.storage import bundle_store
from desktop.ui.app_context import AppContext
from desktop.ui.background import SynchronousRunner
from desktop.ui.export_view import ExportView


@pytest.mark.parametrize("lang, mark, words", [("en", "2 (another copy)", "numbered twice"),
                                               ("es", "2 (otra copia)", "se numeró dos")])
def test_a_restored_copys_bundle_is_marked_in_the_ledger(qtbot, qapp, tmp_path, lang, mark,
                                                        words):
    from desktop.ui.translation import install_translator
    project = Project.open(tmp_path / "hq.db")
    with project.db.transaction() as conn:
        for sequence, uuid, report in ((2, "b-lost", {}),
                                       (2, "b-restored", {"branch_from": "ab" * 32})):
            bundle_store.record_import(
                conn, bundle_uuid=uuid, device_id="dev-a", sequence=sequence,
                previous_uuid="b-1", created="2026-12-01T10:00:00Z",
                recorded="2026-12-02T10:00:00Z", file_name=f"{uuid}.zip.age",
                counts={"forms": 1}, report=report)
    install_translator(qapp, lang)  # the autouse fixture puts English back
    context = AppContext(project, operator="AM", lang=lang, runner=SynchronousRunner())
    try:
        view = ExportView(context)
        qtbot.addWidget(view)
        view.refresh()
        assert view.ledger.rowCount() == 2
        # Newest first: the restored copy's bundle, then the lost copy's of the same number.
        assert view.ledger.item(0, 2).text() == mark
        assert words in view.ledger.item(0, 2).toolTip()
        assert view.ledger.item(1, 2).text() == "2" and not view.ledger.item(1, 2).toolTip()
    finally:
        project.close()


def test_the_import_view_says_a_round_made_again(qtbot, qapp, tmp_path):
    """A restored copy's round named like one holding its device's forms: the note says a
    paper form keyed in both counts twice (Spanish window)."""
    from desktop.services.import_service import BundleReport, ImportReport
    from desktop.ui.import_view import ImportView
    from desktop.ui.translation import install_translator
    project = Project.open(tmp_path / "hq.db")
    install_translator(qapp, "es")  # the autouse fixture puts English back
    context = AppContext(project, operator="AM", lang="es", runner=SynchronousRunner())
    try:
        view = ImportView(context)
        qtbot.addWidget(view)
        report = ImportReport()
        report.bundles.append(BundleReport(
            "b.zip.age", status="imported", device_id="dev-a", sequence=2, new=2,
            branch_from="ab" * 32, rounds_added=["Late (dev-a)"],
            rounds_again=[("Late", "Late (dev-a)")]))
        view.show_report(report)
        notes = view.table.item(0, 8).text()
        assert "La ronda Late se volvió a crear en esta copia (se guardó como Late " \
               "(dev-a))" in notes, notes
        assert "Paquete 2 numerado dos veces" in notes, notes
    finally:
        project.close()
