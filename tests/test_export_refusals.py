"""`riskmap export` refusals are one sentence in the user's language (they were English
sentences built in the service, shown as they were to a Spanish user) and name the file
at fault."""

from __future__ import annotations

import pytest

from desktop.cli import main
from desktop.services.keys_service import hq_init


@pytest.fixture(scope="module")
def field(tmp_path_factory):
    folder = tmp_path_factory.mktemp("field")
    import os
    os.environ.setdefault("RISKMAP_PASSPHRASE", "a team passphrase for tests")
    assert main(["demo", "--db", str(folder / "p.db"), "--n", "5"]) == 0
    keys = hq_init(folder / "hq")
    out = folder / "out"
    out.mkdir()
    assert main(["export", "--db", str(folder / "p.db"), "--to", str(keys.recipient_path),
                 "--out", str(out)]) == 0
    return folder, keys


def _line(capsys, argv) -> str:
    capsys.readouterr()
    assert main(argv) == 2
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_nothing_new_in_spanish(field, capsys, monkeypatch):
    folder, keys = field
    argv = ["export", "--db", str(folder / "p.db"), "--to", keys.recipient, "--out",
            str(folder / "out")]
    assert _line(capsys, argv) == ("riskmap: Nothing has changed since the last export; "
                                   "choose a full export to send everything again.")
    monkeypatch.setenv("RISKMAP_LANG", "es")
    assert _line(capsys, argv) == ("riskmap: No hay cambios desde la última exportación; "
                                   "elija una exportación completa para enviar todo de nuevo.")


def test_a_missing_folder_and_a_file_given_as_the_folder(field, capsys, monkeypatch):
    folder, keys = field
    base = ["export", "--db", str(folder / "p.db"), "--to", keys.recipient, "--all", "--out"]
    missing = folder / "nowhere"
    assert _line(capsys, base + [str(missing)]) == \
        f"riskmap: The folder {missing} does not exist; choose an existing folder."
    a_file = folder / "p.db"
    assert _line(capsys, base + [str(a_file)]) == \
        f"riskmap: {a_file} is a file; choose a folder for the bundle."
    monkeypatch.setenv("RISKMAP_LANG", "es")
    assert _line(capsys, base + [str(missing)]) == \
        f"riskmap: La carpeta {missing} no existe; elija una carpeta que exista."
    assert _line(capsys, base + [str(a_file)]) == \
        f"riskmap: {a_file} es un archivo; elija una carpeta para el paquete."


def test_a_recipient_file_that_is_not_text_is_named(field, capsys):
    folder, _keys = field
    binary = folder / "binary.bin"  # any file that is not UTF-8 text will do
    binary.write_bytes(b"\xff\xfe\x00age1")
    line = _line(capsys, ["export", "--db", str(folder / "p.db"), "--to", str(binary),
                          "--out", str(folder / "out"), "--all"])
    assert line == f"riskmap: {binary} is not UTF-8 text; save it as UTF-8 and try again."


@pytest.mark.parametrize("command", ["import", "recover", "db-key"])
def test_a_missing_or_folder_identity_is_named(field, capsys, command, tmp_path):
    folder, _keys = field
    for identity, sentence in ((tmp_path / "nope.txt", "does not exist"),
                               (tmp_path, "is a folder")):
        argv = {"import": ["import", "--db", str(tmp_path / "hq.db"), "--identity",
                           str(identity), str(folder / "p.db")],
                "recover": ["keys", "recover", "--db", str(folder / "p.db"), "--identity",
                            str(identity)],
                "db-key": ["keys", "db-key", "--db", str(folder / "p.db"), "--identity",
                           str(identity)]}[command]
        line = _line(capsys, argv)
        assert line.startswith(f"riskmap: {identity} {sentence}"), line
    assert not (tmp_path / "hq.db").exists() and not (tmp_path / "hq.db.keys").exists()


@pytest.mark.parametrize("scope", [["--all"], []])
def test_a_project_without_forms_has_nothing_to_send(field, tmp_path, capsys, monkeypatch,
                                                     scope):
    """Not "nothing has changed since the last export; choose a full export": there was
    no export, and a full one was asked for."""
    _, keys = field
    db = tmp_path / "vacío.db"
    assert main(["init", "--db", str(db)]) == 0
    argv = ["export", "--db", str(db), "--to", keys.recipient, "--out", str(tmp_path)]
    assert _line(capsys, argv + scope) == (
        "riskmap: The project has no forms yet, so there is nothing to send; key the paper "
        "forms first.")
    monkeypatch.setenv("RISKMAP_LANG", "es")
    assert _line(capsys, argv + scope) == (
        "riskmap: El proyecto todavía no tiene formularios, así que no hay nada que enviar; "
        "digite primero los formularios en papel.")
    assert not list(tmp_path.glob("*.age"))
