"""`riskmap data --k N` below the project's minimum group size lowers the re-identification
guard as surely as --no-guard (k = 1 protects nothing): on a project with operators only a
supervisor may do it, and the refusal is one sentence with nothing written."""

from __future__ import annotations

import pytest

from desktop.cli import main
from desktop.services.demo_service import fill_demo
from desktop.services.project import Project

SUPERVISOR_PIN = "731946"
KEYER_PIN = "582039"


@pytest.fixture
def claimed(tmp_path, monkeypatch, capsys):
    """A demo project (minimum group size 5) with supervisor Sara and keyer Kim."""
    path = tmp_path / "demo.db"
    project = Project.open(path)
    fill_demo(project, 30, seed=1)
    project.close()
    pin = tmp_path / "sara.txt"
    pin.write_text(SUPERVISOR_PIN + "\n", encoding="utf-8")
    monkeypatch.setenv("RISKMAP_NEW_PIN", SUPERVISOR_PIN)
    assert main(["operators", "add", "--db", str(path), "--name", "Sara"]) == 0
    monkeypatch.setenv("RISKMAP_NEW_PIN", KEYER_PIN)
    assert main(["operators", "add", "--db", str(path), "--name", "Kim", "--role", "keyer",
                 "--operator", "Sara", "--pin-file", str(pin)]) == 0
    monkeypatch.delenv("RISKMAP_NEW_PIN")
    capsys.readouterr()
    return path


def _data(db, out, k, *extra):
    return ["data", "--db", str(db), "--out", str(out), "--format", "csv", "--k", str(k),
            *extra]


@pytest.mark.parametrize("lang, words", [("en", "minimum group size"),
                                         ("es", "tamaño mínimo de grupo")])
def test_a_k_below_the_minimum_needs_a_supervisor(claimed, tmp_path, capsys, monkeypatch,
                                                  lang, words):
    monkeypatch.setenv("RISKMAP_LANG", lang)
    out = tmp_path / "raw"
    kim = tmp_path / "kim.txt"
    kim.write_text(KEYER_PIN + "\n", encoding="utf-8")
    for extra in ([], ["--operator", "Kim", "--pin-file", str(kim)]):
        assert main(_data(claimed, out, 1, *extra)) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err, err
        assert not out.exists()  # nothing written
    assert main(_data(claimed, out, 1)) == 2
    assert words in capsys.readouterr().err


def test_the_minimum_or_more_needs_nobody_and_a_supervisor_may_go_lower(claimed, tmp_path,
                                                                         monkeypatch):
    assert main(_data(claimed, tmp_path / "five", 5)) == 0
    assert main(_data(claimed, tmp_path / "six", 6)) == 0
    monkeypatch.setenv("RISKMAP_OPERATOR", "Sara")
    monkeypatch.setenv("RISKMAP_PIN", SUPERVISOR_PIN)
    assert main(_data(claimed, tmp_path / "one", 1)) == 0
    assert any((tmp_path / "one").glob("*.csv"))
