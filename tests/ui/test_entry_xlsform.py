"""Keying a form of an imported XLSForm with the keyboard alone: skips, per-question
missing codes in the hint bar, constraints checked in place and a confirmed override
recorded in the audit log. No mouse event in this module."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.services.project import Project
from desktop.storage import response_store
from desktop.ui.app_context import AppContext
from desktop.ui.background import SynchronousRunner

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "domain"))
from xlsform_builder import labels, write_workbook  # noqa: E402

SURVEY = [
    {"type": "begin_group", "name": "A", **labels("Ofrecimientos", "Offers")},
    {"type": "select_one yn", "name": "offered", **labels("¿Le ofrecieron?", "Offered?"),
     "required": "yes", "riskmap::number": "A1"},
    {"type": "integer", "name": "times", **labels("¿Cuántas veces?", "How many times?"),
     "required": "yes", "relevant": "${offered} = 1", "constraint": ". >= 1 and . <= 50",
     "riskmap::missing": "dkna_count", "riskmap::number": "A2"},
    {"type": "select_multiple who", "name": "who", **labels("¿Quién?", "Who?"),
     "required": "yes", "relevant": "${offered} = 1", "riskmap::number": "A3",
     "constraint": "not(selected(., 3) and count-selected(.) > 1)",
     **labels("'Nadie' no se combina", "'Nobody' stands alone", "constraint_message")},
    {"type": "end_group"},
    {"type": "begin_group", "name": "B", **labels("Turnos", "Shifts")},
    {"type": "integer", "name": "total", **labels("Turnos en total", "Shifts in total"),
     "required": "yes", "constraint": ". >= 0 and . <= 90", "riskmap::missing": "dkna_count",
     "riskmap::number": "B1"},
    {"type": "integer", "name": "nights", **labels("Turnos de noche", "Night shifts"),
     "required": "yes", "constraint": ". <= ${total}", "riskmap::missing": "none",
     **labels("No puede superar el total", "Cannot exceed the total", "constraint_message"),
     "riskmap::number": "B2"},
    {"type": "end_group"},
]
CHOICES = ([{"list_name": "yn", "name": "1", **labels("Sí", "Yes")},
            {"list_name": "yn", "name": "2", **labels("No", "No")}]
           + [{"list_name": "who", "name": str(c), **labels(es, en)}
              for c, es, en in ((1, "Viajeros", "Travellers"), (2, "Colegas", "Colleagues"),
                                (3, "Nadie", "Nobody"))]
           + [{"list_name": "dkna", "name": "8", **labels("No sabe", "Don't know")},
              {"list_name": "dkna", "name": "9", **labels("No responde", "No answer")},
              {"list_name": "dkna_count", "name": "98", **labels("No sabe", "Don't know")},
              {"list_name": "dkna_count", "name": "99", **labels("No responde", "No answer")}])
SETTINGS = {"form_id": "offers", "version": "1", "form_title": "Ofrecimientos",
            "default_language": "Español (es)", "riskmap_missing": "dkna"}


@pytest.fixture
def xls_view(qtbot, tmp_path):
    workbook = write_workbook(tmp_path / "offers.xlsx", SURVEY, CHOICES, SETTINGS)
    project = Project.open(tmp_path / "offers.db", workbook)
    project.set_setting("operator_controlled", 1)
    round_ = project.create_round("R1", form_min=1, form_max=100)
    context = AppContext(project, operator="AM", lang="es",
                         runner=SynchronousRunner())
    context.set_round(round_.uuid)
    from desktop.ui.entry_view import EntryView
    view = EntryView(context)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    view.focus_form_number()
    qtbot.waitUntil(lambda: view.number.hasFocus())
    yield view
    project.close()


def focused():
    return QApplication.focusWidget()


def type_and_enter(qtbot, expected: str, text: str) -> None:
    widget = focused()
    assert widget.objectName() == expected
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_imported_form_keyed_with_keyboard_alone(qtbot, xls_view):
    view = xls_view
    form = view.form
    type_and_enter(qtbot, "form_number", "7")
    assert "8 No sabe" in view.hint.text() and "98" not in view.hint.text()
    type_and_enter(qtbot, "answer_offered", "1")
    # A count takes 98/99 as missing codes; a real 8 stays an answer.
    assert "98 No sabe" in view.hint.text() and "· 8 No sabe" not in view.hint.text()
    type_and_enter(qtbot, "answer_times", "8")
    assert form.values()["times"] == "8"
    # The constraint is checked in place, with its own message, and holds the cursor.
    type_and_enter(qtbot, "answer_who", "1 3")
    assert focused().objectName() == "answer_who"
    message = form.fields["who"].message
    assert message.isVisible() and message.text().startswith("'Nadie' no se combina")
    type_and_enter(qtbot, "answer_who", "1 2")
    assert not form.fields["who"].message.isVisible()
    type_and_enter(qtbot, "answer_total", "10")
    type_and_enter(qtbot, "answer_nights", "12")
    assert focused().objectName() == "answer_nights"
    assert form.fields["nights"].message.text().startswith("No puede superar el total")
    assert "98" not in view.hint.text() and "8 No sabe" not in view.hint.text()
    # Operator-controlled mode: Enter again keeps the value as on paper, recorded.
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert form.confirmations() == {"nights"}
    with qtbot.waitSignal(view.form_saved) as saved:
        qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    conn = view.context.project.db.conn
    stored = response_store.get_form(conn, saved.args[0].uuid)
    assert stored.answers == {"offered": "1", "times": "8", "who": "1 2", "total": "10",
                              "nights": "12"}
    audit = conn.execute("SELECT action, question_id, new, reason FROM audit_log "
                         "WHERE action LIKE 'confirm%'").fetchall()
    assert [tuple(r) for r in audit] == [("confirm_constraint", "nights", "12",
                                          ". <= total")]


def test_skipped_questions_show_no_missing_codes_and_english_messages(qtbot, xls_view):
    view = xls_view
    form = view.form
    type_and_enter(qtbot, "form_number", "8")
    type_and_enter(qtbot, "answer_offered", "2")
    assert focused().objectName() == "answer_total"
    assert not form.fields["times"].isEnabled()
    assert "98" not in form.fields["times"].codes.text()
    assert "99" in form.fields["total"].codes.text()
    form.set_language("en")
    type_and_enter(qtbot, "answer_total", "5")
    type_and_enter(qtbot, "answer_nights", "6")
    assert form.fields["nights"].message.text().startswith("Cannot exceed the total")
    type_and_enter(qtbot, "answer_nights", "5")
    with qtbot.waitSignal(view.form_saved):
        qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
