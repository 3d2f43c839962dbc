"""A mistyped command line (a missing, malformed or unknown argument) gets one line in the
user's language naming the command and pointing at its --help, exit code 2: not
argparse's English usage block."""

from __future__ import annotations

import pytest

from desktop.cli import main


def _error_line(capsys, argv) -> str:
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and captured.out == "", captured.err
    return lines[0]


@pytest.mark.parametrize("argv, english, spanish", [
    (["demo", "--db", "x.db", "--n", "abc"],
     "riskmap demo: argument --n: invalid int value: 'abc'; see riskmap demo --help.",
     "riskmap demo: argumento --n: valor no válido (número entero): 'abc'; vea riskmap demo "
     "--help."),
    (["operators", "add", "--db", "x.db"],
     "riskmap operators add: the following arguments are required: --name; see riskmap "
     "operators add --help.",
     "riskmap operators add: faltan estos argumentos obligatorios: --name; vea riskmap "
     "operators add --help."),
    (["data", "--db", "x.db", "--out", "o", "--lang", "fr"],
     "riskmap data: argument --lang: invalid choice: 'fr' (choose from 'es', 'en'); see "
     "riskmap data --help.",
     "riskmap data: argumento --lang: opción no válida: 'fr' (elija entre 'es', 'en'); vea "
     "riskmap data --help."),
    (["check", "--db", "x.db", "--frobnicate"],
     "riskmap: unrecognized arguments: --frobnicate; see riskmap --help.",
     "riskmap: argumentos no reconocidos: --frobnicate; vea riskmap --help."),
    (["check", "--db"],
     "riskmap check: argument --db: expected one argument; see riskmap check --help.",
     "riskmap check: argumento --db: se esperaba un valor; vea riskmap check --help."),
])
def test_a_mistyped_command_line_is_one_line(capsys, monkeypatch, argv, english, spanish):
    monkeypatch.setenv("RISKMAP_LANG", "en")
    assert _error_line(capsys, argv) == english
    monkeypatch.setenv("RISKMAP_LANG", "es")
    assert _error_line(capsys, argv) == spanish


def test_an_unknown_command_is_one_line(capsys, monkeypatch):
    monkeypatch.setenv("RISKMAP_LANG", "es")
    line = _error_line(capsys, ["frobnicate"])
    assert line.startswith("riskmap: argumento COMMAND: opción no válida: 'frobnicate' "
                           "(elija entre 'init', 'demo',"), line
    assert line.endswith("; vea riskmap --help.")


def test_help_still_prints_the_usage(capsys):
    with pytest.raises(SystemExit) as done:
        main(["demo", "--help"])
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith("usage: riskmap demo ")


@pytest.mark.parametrize("name", ["folder.json", "folder.xlsx"])
def test_a_folder_given_as_a_questionnaire_is_said_in_spanish(tmp_path, capsys, monkeypatch,
                                                              name):
    """Not "no se puede leer el archivo: Is a directory" (the system's English)."""
    folder = tmp_path / name
    folder.mkdir()
    monkeypatch.setenv("RISKMAP_LANG", "es")
    capsys.readouterr()
    assert main(["init", "--db", str(tmp_path / "p.db"), "--questionnaire", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "es una carpeta; elija el archivo del cuestionario" in err, err
    assert "Is a directory" not in err
    assert not (tmp_path / "p.db").exists() and not (tmp_path / "p.db.keys").exists()
