"""Errors in the window (issue 13): one sentence in the window's language, never raw
exception text; a bug's traceback goes to the log and the sentence names the log file."""

import logging
import re
import sqlite3
from pathlib import Path

from desktop.bundle.errors import BundleError
from desktop.ui.user_errors import error_sentence

UI = Path(__file__).resolve().parents[2] / "desktop" / "ui"


def test_bundle_refusals_follow_the_window_language():
    error = BundleError("tampered")
    assert error_sentence(error, "es").startswith("El paquete fue modificado")
    assert error_sentence(error, "en").startswith("The bundle was changed")


def test_database_failures_name_the_file_in_spanish():
    exc = sqlite3.OperationalError("database or disk is full")
    assert error_sentence(exc, "es", "/media/usb/p.db") == (
        "El disco está lleno (/media/usb/p.db); libere espacio e intente de nuevo (no quedó "
        "nada escrito a medias).")


def test_a_bug_goes_to_the_log_and_the_sentence_asks_for_it(caplog, scratch_home):
    with caplog.at_level(logging.ERROR):
        try:
            raise ZeroDivisionError("a bug")
        except ZeroDivisionError as exc:
            text = error_sentence(exc, "es")
    assert "envíe el archivo de registro" in text and str(scratch_home) in text
    assert "a bug" not in text
    assert any(record.exc_info for record in caplog.records)


def test_no_view_formats_raw_exception_text():
    raw = re.compile(r"format\([^)]*error=(exc|error)\b[^_]|f\"\{path\}: \{exc\}\"")
    offenders = [path.name for path in UI.glob("*.py") if raw.search(path.read_text("utf-8"))]
    assert offenders == []


def test_refusals_of_the_services_show_their_own_sentence():
    from desktop.services.conflict_service import ConflictRefused
    from desktop.services.form_service import FormRefused
    assert error_sentence(FormRefused("Form number 3 is already used in this round."),
                          "es") == "Form number 3 is already used in this round."
    assert error_sentence(ConflictRefused("invalid", "Elija un valor."), "en") == \
        "Elija un valor."


def test_opening_a_foreign_file_in_the_spanish_window_shows_one_spanish_sentence(
        qtbot, context, settings, tmp_path, monkeypatch):
    from desktop.ui import database_actions
    from desktop.ui.main_window import MainWindow
    foreign = tmp_path / "other-program.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    before = foreign.read_bytes()
    window = MainWindow(context, settings)
    qtbot.addWidget(window)
    context.set_language("es")
    shown = []
    monkeypatch.setattr(database_actions.QMessageBox, "warning",
                        lambda parent, title, text: shown.append(text))
    assert not window.files.open_database(foreign)
    assert len(shown) == 1
    assert "pertenece a otro programa, no es una base de datos de RiskMap" in shown[0]
    assert "Traceback" not in shown[0] and "sqlite" not in shown[0].lower()
    assert foreign.read_bytes() == before
    window.close()


def test_an_uncaught_exception_in_the_window_is_logged_and_asks_for_the_log(
        monkeypatch, caplog, scratch_home):
    from desktop.ui import user_errors
    shown = []
    monkeypatch.setattr(user_errors.QMessageBox, "warning",
                        lambda parent, title, text: shown.append((title, text)))
    hook = user_errors.exception_hook(lambda: "es", "RiskMap")
    with caplog.at_level(logging.ERROR):
        try:
            {}["missing"]
        except KeyError as exc:
            hook(type(exc), exc, exc.__traceback__)
        error = sqlite3.OperationalError("database is locked")
        hook(type(error), error, None)
    assert shown[0][0] == "RiskMap" and "envíe el archivo de registro" in shown[0][1]
    assert str(scratch_home / "riskmap.log") in shown[0][1]
    assert any(record.exc_info and record.exc_info[0] is KeyError for record in caplog.records)
    assert shown[1][1].startswith("El archivo está ocupado en otra ventana")
