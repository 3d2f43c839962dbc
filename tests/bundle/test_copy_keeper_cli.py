"""`riskmap devices keep-copy`: says what it would do, acts only with --yes, supervisors
only where the project has operators, and every hostile or unlucky input gets one
sentence in the user's language with nothing changed (real signed bundles)."""

from __future__ import annotations

from desktop.cli import main
from desktop.services.export_service import export_bundle
from desktop.storage.database import Database

from bundle_helpers import db_state
from test_copy_keeper import _copy_sent_first
from test_restored_backup import _import_one, _key_forms


def _keep(hq, hq_keys, bundle, *extra):
    return main(["devices", "keep-copy", "--db", str(hq), "--identity",
                 str(hq_keys.identity_path), str(bundle), *extra])


def _one_sentence(capsys, words):
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err, captured.err
    assert words in captured.err, captured.err


def test_keep_copy_says_first_then_acts_with_yes(tmp_path, hq_keys, field_key, field_db,
                                                 out_dir, valid_answers, capsys,
                                                 monkeypatch):
    hq, send, genuine, _ = _copy_sent_first(tmp_path, hq_keys, field_key, field_db,
                                            out_dir, valid_answers)
    assert _import_one(hq, hq_keys, genuine.path).status == "held"
    before = db_state(hq)
    capsys.readouterr()
    assert _keep(hq, hq_keys, genuine.path) == 0
    out = capsys.readouterr().out
    assert f"Device {field_key.device_id}: headquarters now follows its line of bundles " \
           "up to bundle 2" in out
    assert "follows that copy from bundle 2 on" in out
    assert "would add 1 form, update 0, leave 0 unchanged and keep 0 as conflicts" in out
    assert "run the command again with --yes" in out
    assert db_state(hq) == before
    monkeypatch.setenv("RISKMAP_LANG", "es")
    assert _keep(hq, hq_keys, genuine.path) == 0
    out = capsys.readouterr().out
    assert "la sede sigue esa copia desde el paquete 2" in out and "--yes" in out
    assert db_state(hq) == before
    assert _keep(hq, hq_keys, genuine.path, "--yes", "--reason", "jefa de equipo") == 0
    assert "Hecho: la sede sigue la copia" in capsys.readouterr().out
    # Twice: one sentence, nothing changed.
    after = db_state(hq)
    assert _keep(hq, hq_keys, genuine.path, "--yes") == 2
    _one_sentence(capsys, "La sede ya importó este paquete")
    assert db_state(hq) == after


def test_hostile_and_unlucky_input(tmp_path, hq_keys, field_key, field_db, out_dir,
                                   valid_answers, capsys):
    hq, send, genuine, _ = _copy_sent_first(tmp_path, hq_keys, field_key, field_db,
                                            out_dir, valid_answers)
    before = db_state(hq)
    capsys.readouterr()
    # Control characters in the reason.
    assert _keep(hq, hq_keys, genuine.path, "--yes", "--reason", "ok\x1b[2J\u202e") == 2
    _one_sentence(capsys, "control characters")
    # A bundle that is not held imports as it is.
    from desktop.services.project import Project
    from desktop.services.demo_service import fill_demo
    from desktop.services.device_identity import project_device_key
    from trust_helpers import enrol_fingerprints
    other_db = tmp_path / "other" / "other.db"
    project = Project.open(other_db)
    fill_demo(project, 3, seed=5)
    project.close()
    other_key = project_device_key(other_db)
    stranger = export_bundle(other_db, other_key, [hq_keys.recipient], out_dir)
    # An unknown device: not a copy; its own sentence follows.
    assert _keep(hq, hq_keys, stranger.path, "--yes") == 2
    _one_sentence(capsys, "not held for a second copy")
    enrol_fingerprints(hq, other_key.fingerprint)
    enrolled = db_state(hq)
    assert _keep(hq, hq_keys, stranger.path, "--yes") == 2
    _one_sentence(capsys, "This bundle is not held")
    assert db_state(hq) == enrolled
    # Missing files, a folder, the wrong key file.
    assert _keep(hq, hq_keys, tmp_path / "nowhere.zip.age", "--yes") == 2
    _one_sentence(capsys, "nowhere.zip.age")
    assert _keep(hq, hq_keys, tmp_path, "--yes") == 2
    _one_sentence(capsys, "folder")
    assert main(["devices", "keep-copy", "--db", str(hq), "--identity",
                 str(genuine.path), str(genuine.path)]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert db_state(hq) == enrolled
    del before


def test_operators_may_not_keep_a_copy(tmp_path, hq_keys, field_key, field_db, out_dir,
                                       valid_answers, capsys, monkeypatch):
    hq, _, genuine, _ = _copy_sent_first(tmp_path, hq_keys, field_key, field_db, out_dir,
                                         valid_answers)
    pin = tmp_path / "pin.txt"
    pin.write_text("731946\n", encoding="utf-8")
    monkeypatch.setenv("RISKMAP_NEW_PIN", "731946")
    assert main(["operators", "add", "--db", str(hq), "--name", "Sara"]) == 0
    monkeypatch.setenv("RISKMAP_NEW_PIN", "582039")
    assert main(["operators", "add", "--db", str(hq), "--name", "Kim", "--role", "keyer",
                 "--operator", "Sara", "--pin-file", str(pin)]) == 0
    monkeypatch.delenv("RISKMAP_NEW_PIN")
    pin.write_text("582039\n", encoding="utf-8")
    before = db_state(hq)
    capsys.readouterr()
    assert _keep(hq, hq_keys, genuine.path, "--yes", "--operator", "Kim",
                 "--pin-file", str(pin)) == 2
    _one_sentence(capsys, "Only a supervisor")
    assert db_state(hq) == before
    pin.write_text("731946\n", encoding="utf-8")
    assert _keep(hq, hq_keys, genuine.path, "--yes", "--operator", "Sara",
                 "--pin-file", str(pin)) == 0
    db = Database.open(hq)
    try:
        assert db.conn.execute("SELECT operator FROM audit_log WHERE action = "
                               "'copy_keep'").fetchone()[0] == "Sara"
    finally:
        db.close()


def test_check_lists_the_kept_copy_in_both_languages(tmp_path, hq_keys, field_key,
                                                     field_db, out_dir, valid_answers,
                                                     capsys, monkeypatch):
    import json
    hq, _, genuine, _ = _copy_sent_first(tmp_path, hq_keys, field_key, field_db, out_dir,
                                         valid_answers)
    assert _keep(hq, hq_keys, genuine.path, "--yes") == 0
    for lang, words in (("en", "headquarters decided that the post keeps the copy that "
                               "made bundle 2"),
                        ("es", "la sede decidió que el puesto conserva la copia que hizo "
                               "el paquete 2")):
        monkeypatch.setenv("RISKMAP_LANG", lang)
        capsys.readouterr()
        assert main(["check", "--db", str(hq)]) == 0
        assert f"{field_key.device_id}: " in (out := capsys.readouterr().out) and words in out
    capsys.readouterr()
    assert main(["check", "--db", str(hq), "--json"]) == 0
    (kept,) = json.loads(capsys.readouterr().out)["kept_copies"]
    assert (kept["device"], kept["sequence"]) == (field_key.device_id, 2)
