"""Texts that arrive at HQ in a bundle (a round's name, the operator and device in form and
audit rows) are shown in the window with their control characters as escapes (\\u202e,
\\x1b), the way the command line prints them, so a bidirectional override cannot reorder
what the analyst reads nor an escape sequence garble a cell; the HQ database keeps the
exact text as it arrived."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from trust_helpers import import_trusted  # noqa: E402

from desktop.bundle.device_key import DeviceKey  # noqa: E402
from desktop.services.export_service import export_bundle  # noqa: E402
from desktop.services.form_service import Actor, FormService  # noqa: E402
from desktop.services.keys_service import hq_init  # noqa: E402
from desktop.services.project import Project  # noqa: E402
from desktop.services.records_service import RecordsService  # noqa: E402
from desktop.ui.app_context import AppContext  # noqa: E402
from desktop.ui.background import SynchronousRunner  # noqa: E402
from desktop.ui.form_history_dialog import FormHistoryDialog  # noqa: E402
from desktop.ui.progress_view import ProgressView  # noqa: E402
from desktop.ui.records_model import COLUMNS, RecordsModel  # noqa: E402
from desktop.ui.records_view import RecordsView  # noqa: E402

# What a hostile insider types (or writes into the field database before signing): the
# round name reads "Ronda 1 ok" on screen when shown raw, the operator's clears a terminal.
ROUND = "Ronda 1 \u202eko\x1b[31m"
OPERATOR = "AM\u202e\x1b[2J"
ROUND_SHOWN = "Ronda 1 \\u202eko\\x1b[31m"
OPERATOR_SHOWN = "AM\\u202e\\x1b[2J"


@pytest.fixture
def hq(tmp_path, valid_answers):
    """An HQ database that imported one bundle of two forms keyed in round ROUND by
    OPERATOR (the field program lets neither through today; an insider hand-edits)."""
    keys = hq_init(tmp_path / "keys")
    field = tmp_path / "field.db"
    project = Project.open(field)
    round_uuid = project.create_round("Ronda 1", form_min=1, form_max=500).uuid
    with project.db.transaction() as conn:
        conn.execute("UPDATE round SET name = ? WHERE uuid = ?", (ROUND, round_uuid))
    key = DeviceKey("dev-a", Ed25519PrivateKey.generate())
    service = FormService(project.db, project.questionnaire, Actor(OPERATOR, key.device_id))
    for number in (1, 2):
        service.save_new(round_uuid, number, valid_answers)
    project.close()
    out = tmp_path / "out"
    out.mkdir()
    bundle = export_bundle(field, key, [keys.recipient], out, full=True).path
    hq_db = tmp_path / "hq.db"
    report = import_trusted(hq_db, keys.identity_path, [bundle])
    assert [b.status for b in report.bundles] == ["imported"], report.bundles
    opened = Project.open(hq_db)
    context = AppContext(opened, operator="ANA", lang="en", runner=SynchronousRunner())
    context.set_round(round_uuid)
    yield context, round_uuid
    opened.close()


def test_the_database_keeps_the_exact_texts(hq):
    context, round_uuid = hq
    conn = context.project.db.conn
    assert conn.execute("SELECT name FROM round WHERE uuid = ?", (round_uuid,)).fetchone()[0] \
        == ROUND
    assert {r[0] for r in conn.execute("SELECT operator FROM response")} == {OPERATOR}
    assert {r[0] for r in conn.execute(
        "SELECT operator FROM audit_log WHERE response_uuid IS NOT NULL")} == {OPERATOR}


def test_records_model_shows_escapes(qtbot, hq):
    context, _ = hq
    model = RecordsModel(lambda: RecordsService(context.project.db))
    keys = [key for key, _ in COLUMNS]
    assert model.rowCount() == 2
    for row in range(2):
        assert model.data(model.index(row, keys.index("round"))) == ROUND_SHOWN
        assert model.data(model.index(row, keys.index("operator"))) == OPERATOR_SHOWN


def test_records_view_filters_and_history_show_escapes(qtbot, hq):
    context, round_uuid = hq
    view = RecordsView(context)
    qtbot.addWidget(view)
    view.resize(1000, 400)
    view.show()
    qtbot.waitExposed(view)
    texts = [view.round_filter.itemText(i) for i in range(view.round_filter.count())]
    assert ROUND_SHOWN in texts and ROUND not in texts
    view.operator_filter.showPopup()  # the operator list is read when first used
    view.operator_filter.hidePopup()
    texts = [view.operator_filter.itemText(i) for i in range(view.operator_filter.count())]
    assert OPERATOR_SHOWN in texts and OPERATOR not in texts
    # Choosing the escaped entry still filters by the stored name.
    view.operator_filter.setCurrentIndex(texts.index(OPERATOR_SHOWN))
    view.apply_filter()
    assert view.model.rowCount() == 2
    view.grab().save(str(Path("/tmp") / "records_view_bundle_texts.png"))
    uuid = context.project.db.conn.execute(
        "SELECT uuid FROM response WHERE form_number = 1").fetchone()[0]
    dialog = FormHistoryDialog(context.form_service_for(uuid), uuid, 1)
    qtbot.addWidget(dialog)
    operators = {dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())}
    assert operators == {OPERATOR_SHOWN}


def test_progress_view_shows_escapes(qtbot, hq):
    context, _ = hq
    view = ProgressView(context)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.refresh()
    qtbot.waitUntil(lambda: view.ledger_table.rowCount() == 1)
    assert view.ledger_table.item(0, 0).text() == ROUND_SHOWN
    assert ROUND_SHOWN in view.missing_title.text() and ROUND not in view.missing_title.text()
    cells = {view.operator_table.item(r, 0).text()
             for r in range(view.operator_table.rowCount())}
    assert cells == {OPERATOR_SHOWN}


def test_import_report_shows_escapes_and_keeps_its_lines(qtbot, hq):
    from desktop.services.import_service import BundleReport
    from desktop.services.import_service import ImportReport
    from desktop.ui.import_view import ImportView
    context, _ = hq
    view = ImportView(context)
    qtbot.addWidget(view)
    report = ImportReport()
    report.bundles.append(BundleReport("b.zip.age", status="imported",
                                       device_id="dev\u202e-a", new=2,
                                       gaps=[(3, 3)], rounds_added=[ROUND]))
    view.show_report(report)
    assert view.table.item(0, 2).text() == "dev\\u202e-a"
    notes = view.table.item(0, 8).text()
    assert notes.splitlines()[1].endswith(ROUND_SHOWN), notes  # one note a line, as before
    assert notes.startswith("Missing 1 earlier bundle from this device: 3\n1 new round: "), \
        notes
    assert "\u202e" not in notes and "\x1b" not in notes


def test_import_report_says_questionnaire_differences_in_the_windows_language(qtbot, hq):
    """The differences between the bundle's questionnaire and HQ's are phrases said in the
    window's language (they were their English text inside a Spanish window)."""
    from desktop.domain.phrase import Phrase
    from desktop.services.import_service import BundleReport, ImportReport
    from desktop.ui.import_view import ImportView
    context, _ = hq
    context.lang = "es"
    view = ImportView(context)
    qtbot.addWidget(view)
    report = ImportReport()
    report.bundles.append(BundleReport("b.zip.age", status="imported", device_id="dev-a",
                                       new=2, questionnaire_differences=[
                                           Phrase("qdiff.question", qid="r01_impact",
                                                  what=Phrase("qdiff.label"))]))
    view.show_report(report)
    notes = view.table.item(0, 8).text()
    assert "pregunta r01_impact: el texto es otro" in notes, notes
    assert "label differs" not in notes


def test_discrepancy_table_shows_answers_escaped_with_their_lines(qtbot, hq):
    from desktop.storage.verification_store import ItemRow
    from desktop.ui.discrepancy_table import DiscrepancyTable
    context, _ = hq
    questionnaire = context.project.questionnaire
    table = DiscrepancyTable()
    qtbot.addWidget(table)
    table.show_items(questionnaire, [ItemRow(1, "comment", "one\u202eowt\nline two",
                                             "x\x1b[2Jy")], "en")
    assert table.item(0, 2).text() == "one\\u202eowt\nline two"
    assert table.item(0, 3).text() == "x\\x1b[2Jy"


def test_entry_codes_line_shows_code_labels_escaped(qtbot, questionnaire):
    """The codes under a question in the entry form (rich text) show a code label of an
    imported questionnaire with its control characters as escapes, like its question."""
    import dataclasses

    from desktop.domain.questionnaire import Labels
    from desktop.ui.question_field import QuestionField
    question = questionnaire.question("post")
    first = question.choices[0]
    hostile = dataclasses.replace(first, label=Labels({"en": "North \u202eko\x1b[31m",
                                                       "es": "Norte \u202eko"}))
    question = dataclasses.replace(question, choices=[hostile, *question.choices[1:]])
    field = QuestionField(questionnaire, question, "en")
    qtbot.addWidget(field)
    codes = field.codes.text()
    assert "North \\u202eko\\x1b[31m" in codes
    assert "\u202e" not in codes and "\x1b" not in codes


def test_import_report_says_a_restored_copy_in_the_windows_language(qtbot, qapp, hq):
    """A bundle from a copy restored from a backup (numbered again, its audit rows
    branching from HQ's) is imported and said so, in Spanish in a Spanish window."""
    from desktop.services.import_service import BundleReport, ImportReport
    from desktop.ui.import_view import ImportView
    from desktop.ui.translation import install_translator
    context, _ = hq
    context.lang = "es"
    install_translator(qapp, "es")
    try:
        view = ImportView(context)
        qtbot.addWidget(view)
        report = ImportReport()
        report.bundles.append(BundleReport("b.zip.age", status="imported", device_id="dev-a",
                                           sequence=2, new=2, branch_from="ab" * 32))
        view.show_report(report)
        notes = view.table.item(0, 8).text()
    finally:
        install_translator(qapp, "en")
    assert "copia de seguridad restaurada tras una pérdida" in notes, notes
    assert "Paquete 2 numerado dos veces" in notes and "restored" not in notes
