"""After HQ kept one copy of a device's project (`riskmap devices keep-copy`), a later
bundle of the other copy is held with one sentence saying it comes from the copy HQ set
aside, on whose decision, and what to do: never "import that device's earlier bundles
first" (nothing is missing: that bundle is held) nor "ask the team which of the two is
genuine" (HQ asked already), in the import report, the CLI and the Import view's note."""

from __future__ import annotations

from desktop.cli import main
from desktop.services.copy_keeper import keep_copy
from desktop.services.export_service import export_bundle

from bundle_helpers import db_state
from test_copy_keeper import _copy_sent_first
from test_restored_backup import _import_one, _key_forms, _lost_and_restored

MISLEADING = ("earlier bundles first", "import bundle", "which of the two is genuine",
              "paquetes anteriores", "importe primero", "cuál de los dos es el auténtico")


def _said_of_the_set_aside_copy(result, kept: int) -> None:
    assert (result.status, result.another_copy) == ("held", True), result.message
    en, es = result.message_in("en"), result.message_in("es")
    assert f"decided that the post keeps the copy of this device's project that sent " \
           f"bundle {kept}" in en, en
    assert "comes from the other copy" in en and "stop using that copy" in en, en
    assert "Keep this copy" in en and "keep-copy" in en, en
    assert f"conserva la copia del proyecto de este dispositivo que envió el paquete " \
           f"{kept}" in es and "viene de la otra copia" in es, es
    for text in MISLEADING:
        assert text not in en and text not in es, (text, en, es)
    assert en.count("nothing was imported") == 1


def test_the_other_copys_chain_is_held_as_from_the_set_aside_copy(
        tmp_path, hq_keys, field_key, field_db, out_dir, valid_answers, capsys,
        monkeypatch):
    """The backup HQ followed (a restored copy's branch) is set aside by HQ's decision to
    keep the laptop: its next rows do not continue HQ's chain (not a broken log)."""
    hq, _, send = _lost_and_restored(tmp_path, hq_keys, field_key, field_db, out_dir,
                                     valid_answers)
    backup, laptop = field_db, tmp_path / "lost.db"
    _key_forms(backup, field_key.device_id, valid_answers, [6])
    assert _import_one(hq, hq_keys, send().path).branch_from
    _key_forms(laptop, field_key.device_id, valid_answers, [10])
    blocked = export_bundle(laptop, field_key, [hq_keys.recipient], out_dir)
    keep_copy(hq, hq_keys.identity_path, blocked.path, do=True)
    _key_forms(backup, field_key.device_id, valid_answers, [12])
    later = send()
    before = db_state(hq)
    result = _import_one(hq, hq_keys, later.path)
    assert result.refusal == "audit_chain"
    _said_of_the_set_aside_copy(result, 4)
    assert db_state(hq) == before
    # The CLI says the same sentence and counts the bundle as held.
    monkeypatch.setenv("RISKMAP_LANG", "en")
    capsys.readouterr()
    main(["import", "--db", str(hq), "--identity", str(hq_keys.identity_path),
          str(later.path)])
    out = capsys.readouterr()
    said = out.out + out.err
    assert "comes from the other copy" in said and "earlier bundles first" not in said, said


def test_the_other_copys_number_is_held_as_from_the_set_aside_copy(
        tmp_path, hq_keys, field_key, field_db, out_dir, valid_answers):
    """The copy HQ set aside numbers a bundle the kept copy numbered too."""
    hq, send, genuine, copy = _copy_sent_first(tmp_path, hq_keys, field_key, field_db,
                                               out_dir, valid_answers)
    keep_copy(hq, hq_keys.identity_path, genuine.path, do=True)
    _key_forms(field_db, field_key.device_id, valid_answers, [4])
    assert _import_one(hq, hq_keys, send().path).status == "imported"  # kept copy's 3
    _key_forms(copy, field_key.device_id, valid_answers, [10])
    other = export_bundle(copy, field_key, [hq_keys.recipient], out_dir)
    assert other.manifest.sequence == 3
    result = _import_one(hq, hq_keys, other.path)
    assert result.refusal == "sequence_reused"
    _said_of_the_set_aside_copy(result, 2)



def test_the_import_view_notes_the_set_aside_copy(qtbot, qapp, tmp_path, hq_keys,
                                                  field_key, field_db, out_dir,
                                                  valid_answers):
    """The Import view at 1366x768 in both languages: "Held", the whole sentence in the
    note (the row grows to show it), and the window's way to decide again."""
    from desktop.ui.translation import install_translator
    from test_copy_keeper_view import _view
    hq, send, genuine, copy = _copy_sent_first(tmp_path, hq_keys, field_key, field_db,
                                               out_dir, valid_answers)
    keep_copy(hq, hq_keys.identity_path, genuine.path, do=True)
    _key_forms(copy, field_key.device_id, valid_answers, [10])
    other = export_bundle(copy, field_key, [hq_keys.recipient], out_dir)
    for lang, held, said, status in (
            ("en", "Held", "comes from the other copy",
             "1 bundle held because it comes from a copy of a laptop's project that HQ "
             "set aside"),
            ("es", "Retenido", "viene de la otra copia",
             "1 paquete retenido porque viene de una copia del proyecto de un portátil "
             "que la sede dejó de lado")):
        install_translator(qapp, lang)
        project, _, view = _view(qtbot, hq, hq_keys, [other.path], lang=lang)
        try:
            assert view.table.item(0, 1).text() == held
            note = view.table.item(0, 8).text()
            assert said in note and not any(text in note for text in MISLEADING), note
            assert view.keep_button.isVisibleTo(view)
            # The line under the buttons says the same: not "ask the team which copy
            # the post keeps", which HQ decided already.
            assert status in view.status.text(), view.status.text()
            assert "which copy the post keeps, then" not in view.status.text()
            assert "qué copia conserva el puesto y elija" not in view.status.text()
            view.grab().save(str(tmp_path / f"import_view_set_aside_{lang}.png"))
            assert view.table.rowHeight(0) >= view.table.fontMetrics().height() * 3
        finally:
            project.close()
            install_translator(qapp, "en")  # the tests after this one are in English
