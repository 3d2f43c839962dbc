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
