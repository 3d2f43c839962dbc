"""A hostile insider cannot name an operator or an enrolled laptop with terminal escapes or
bidirectional overrides (they would repaint an HQ analyst's terminal in `operators list`
and `devices list`, or show another name than the stored one)."""

from __future__ import annotations

import pytest

from desktop.cli import main
from desktop.domain.plain_names import has_control

ESCAPE = "Ana\x1b[31m"
OVERRIDE = "Ana\u202eoloP"


@pytest.mark.parametrize("text, control", [("José Núñez", False), ("Ana-2 (turno B)", False),
                                           (ESCAPE, True), (OVERRIDE, True),
                                           ("A\u200bna", True), ("A\x00na", True)])
def test_has_control(text, control):
    assert has_control(text) is control


def _refused(capsys, argv) -> str:
    capsys.readouterr()
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert "\x1b" not in err and "\u202e" not in err
    return err


@pytest.mark.parametrize("name", [ESCAPE, OVERRIDE])
def test_operator_names_with_control_characters_are_refused(tmp_path, capsys, monkeypatch,
                                                            name):
    pin = tmp_path / "pin.txt"
    pin.write_text("1234\n")
    db = tmp_path / "p.db"
    assert main(["init", "--db", str(db)]) == 0
    err = _refused(capsys, ["operators", "add", "--db", str(db), "--name", name,
                            "--new-pin-file", str(pin)])
    assert "holds a control character" in err
    monkeypatch.setenv("RISKMAP_LANG", "es")
    assert "contiene un carácter de control" in _refused(
        capsys, ["operators", "add", "--db", str(db), "--name", name, "--new-pin-file",
                 str(pin)])
    capsys.readouterr()
    assert main(["operators", "list", "--db", str(db)]) == 0
    assert "Ana" not in capsys.readouterr().out


def test_device_labels_with_control_characters_are_refused(tmp_path, capsys):
    db = tmp_path / "hq.db"
    err = _refused(capsys, ["devices", "trust", "--db", str(db),
                            "1011 63c6 3386 62c1 fe05 de98 764c b6c8", "--name", ESCAPE])
    assert "holds a control character" in err


def test_names_from_the_database_reach_the_terminal_inert(tmp_path, capsys):
    """A round named with a terminal escape (made on a field laptop, arrived in a bundle):
    the command line shows the escape as text (\\x1b), never sends it to the terminal."""
    from desktop.services.demo_service import fill_demo
    from desktop.services.project import Project
    db = tmp_path / "hq.db"
    project = Project.open(db)
    fill_demo(project, 6, seed=3, round_name="Ronda\x1b]0;owned\x07 \u202eA")
    project.close()
    capsys.readouterr()
    assert main(["report", "--db", str(db), "--out", str(tmp_path / "r"), "--round",
                 "nope"]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "\u202e" not in err, repr(err)
    assert "Ronda\\x1b]0;owned\\x07 \\u202eA" in err
    assert main(["query", "--db", str(db), "SELECT DISTINCT name FROM round"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "Ronda\\x1b]0;owned" in out
    assert main(["query", "--db", str(db), "--csv", "SELECT DISTINCT name FROM round"]) == 0
    assert "\x1b" in capsys.readouterr().out  # data on request (CSV) stays as stored


def test_printable_keeps_plain_text_and_escapes_the_rest():
    from desktop.domain.plain_names import printable
    assert printable("José\tNúñez 12,5 %") == "José\tNúñez 12,5 %"
    assert printable("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert printable("x\nriskmap: imported") == "x\\nriskmap: imported"
    assert printable("\u202eabc") == "\\u202eabc"
