"""The Import view and a bundle held for writing into a round another device brought: the
report says so in the window's language and names the window's own way to decide ("Allow
in round..."), which asks, records HQ's decision and imports again."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Qt

from desktop.services.project import Project
from desktop.ui.app_context import AppContext
from desktop.ui.background import SynchronousRunner
from desktop.ui.import_view import ImportView

from bundle_helpers import make_hq_db
from test_audit_row_attacks import _post_b_writes_history
from test_round_origin_attacks import _post_a, _post_b
from trust_helpers import enrol_fingerprints


@contextlib.contextmanager
def _spanish_import(qtbot, qapp, hq_path, hq_keys, held_bundle):
    """The Spanish Import view of the HQ at `hq_path`, 1366x768, after importing
    `held_bundle` with the Import button: yields the context, the view and the bundle's
    note; closes the project and puts English back afterwards."""
    from desktop.ui.translation import install_translator
    install_translator(qapp, "es")
    hq_project = Project.open(hq_path)
    try:
        hq = AppContext(hq_project, operator="HQ", lang="es", runner=SynchronousRunner())
        imp = ImportView(hq)
        qtbot.addWidget(imp)
        imp.resize(1366, 768)
        imp.identity.setText(str(hq_keys.identity_path))
        imp.add_bundles([held_bundle])
        qtbot.mouseClick(imp.import_button, Qt.MouseButton.LeftButton)
        yield hq, imp, imp.table.item(0, 8).text()
    finally:
        hq_project.close()
        install_translator(qapp, "en")


def test_a_held_bundle_is_said_and_allowed_in_the_window(
        qtbot, qapp, tmp_path, hq_keys, bundle, field_db, field_key, valid_answers):
    hq_path = make_hq_db(tmp_path / "hq.db")
    _post_a(hq_path, hq_keys, bundle)
    key_b, b_bundle = _post_b(tmp_path, hq_keys, field_db, valid_answers,
                              new_numbers=(101, 102))
    enrol_fingerprints(hq_path, key_b.fingerprint)
    with _spanish_import(qtbot, qapp, hq_path, hq_keys, b_bundle) as (hq, imp, note):
        assert imp.table.item(0, 1).text() == "Retenido", imp.table.item(0, 1).text()
        assert f"El dispositivo {key_b.device_id} envió formularios a la ronda Demo 3" in note
        assert f"el dispositivo {field_key.device_id}" in note
        assert "Permitir en la ronda..." in note
        assert "riskmap devices allow" not in note  # the window's way, not the command line's
        # "equipo" is the team the note says to ask: a device is "dispositivo", as in the
        # table's column and the command line's sentence.
        assert "1 paquete retenido: el dispositivo que lo hizo envió" in imp.status.text()
        assert imp.allow_button.isVisibleTo(imp)
        assert imp.allow_button.text() == "Permitir en la ronda..."
        imp.grab().save(str(tmp_path / "import_view_held.png"))
        asked = []
        assert imp.allow_held(confirm=lambda b: asked.append(b.held_round) and False) == 0
        assert asked == ["Demo 3"] and imp.table.item(0, 1).text() == "Retenido"
        with qtbot.waitSignal(hq.forms_changed):
            assert imp.allow_held(confirm=lambda b: True) == 1
        assert imp.table.item(0, 1).text() == "Importado" and imp.table.item(0, 4).text() == "2"
        assert not imp.allow_button.isVisibleTo(imp)


def test_a_bundle_held_for_its_audit_rows_is_said_and_allowed_in_the_window(
        qtbot, qapp, tmp_path, hq_keys, bundle, field_db, valid_answers):
    """Audit rows about another post's forms: the note says so (not "forms"), and the
    same button allows the device into the round."""
    hq_path = make_hq_db(tmp_path / "hq.db")
    _post_a(hq_path, hq_keys, bundle)
    key_b, b_bundle = _post_b_writes_history(tmp_path, hq_keys, field_db, valid_answers, 4)
    enrol_fingerprints(hq_path, key_b.fingerprint)
    with _spanish_import(qtbot, qapp, hq_path, hq_keys, b_bundle) as (hq, imp, note):
        assert imp.table.item(0, 1).text() == "Retenido", note
        assert (f"El dispositivo {key_b.device_id} envió filas de auditoría sobre formularios "
                "de la ronda Demo 3") in note
        assert "Permitir en la ronda..." in note and "riskmap devices allow" not in note
        assert imp.allow_button.isVisibleTo(imp)
        imp.grab().save(str(tmp_path / "import_view_audit_held.png"))
        with qtbot.waitSignal(hq.forms_changed):
            assert imp.allow_held(confirm=lambda b: True) == 1
        assert imp.table.item(0, 1).text() == "Importado"
