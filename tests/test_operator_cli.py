"""The command line's supervisor check: `--operator NAME` with the PIN from --pin-file or
RISKMAP_PIN on commands that change settings or bypass a protection; one sentence and
exit code 2 when it is missing, wrong or not a supervisor's (commands/operator_commands.py)."""

from __future__ import annotations

import json

import pytest

from desktop.cli import main
from desktop.services.demo_service import fill_demo
from desktop.services.project import Project

SUPERVISOR_PIN = "731946"
KEYER_PIN = "582039"


@pytest.fixture
def demo_db(tmp_path):
    path = tmp_path / "demo.db"
    project = Project.open(path)
    fill_demo(project, 30, seed=1)
    project.close()
    return path


def _pin_file(tmp_path, pin, name="pin.txt"):
    path = tmp_path / name
    path.write_text(pin + "\n", encoding="utf-8")
    return str(path)


@pytest.fixture
def claimed(demo_db, tmp_path, monkeypatch, capsys):
    """The demo project with supervisor Sara and keyer Kim, added on the command line."""
    monkeypatch.setenv("RISKMAP_NEW_PIN", SUPERVISOR_PIN)
    assert main(["operators", "add", "--db", str(demo_db), "--name", "Sara"]) == 0
    assert "Sara (supervisor)" in capsys.readouterr().out  # the first one supervises
    monkeypatch.setenv("RISKMAP_NEW_PIN", KEYER_PIN)
    assert main(["operators", "add", "--db", str(demo_db), "--name", "Kim", "--role", "keyer",
                 "--operator", "Sara", "--pin-file",
                 _pin_file(tmp_path, SUPERVISOR_PIN)]) == 0
    monkeypatch.delenv("RISKMAP_NEW_PIN")
    capsys.readouterr()
    return demo_db


def _no_guard(db, out, *extra):
    return ["data", "--db", str(db), "--out", str(out), "--format", "csv", "--no-guard",
            *extra]


def test_a_project_without_operators_runs_as_before(demo_db, tmp_path):
    assert main(_no_guard(demo_db, tmp_path / "out")) == 0


def test_no_guard_needs_a_supervisor_pin(claimed, tmp_path, capsys, monkeypatch):
    out = tmp_path / "raw"
    cases = [
        ([], "needs a supervisor"),
        (["--operator", "Sara"], "needs a supervisor"),
        (["--operator", "Sara", "--pin-file", _pin_file(tmp_path, "000000", "bad.txt")],
         "PIN is not right"),
        (["--operator", "Kim", "--pin-file", _pin_file(tmp_path, KEYER_PIN, "kim.txt")],
         "Only a supervisor"),
        (["--operator", "Sara", "--pin-file", str(tmp_path / "missing.txt")], "cannot be read"),
    ]
    for extra, words in cases:
        assert main(_no_guard(claimed, out, *extra)) == 2
        err = capsys.readouterr().err
        assert words in err and err.count("\n") == 1 and "Traceback" not in err
        assert not out.exists()  # nothing written
    monkeypatch.setenv("RISKMAP_OPERATOR", "Sara")
    monkeypatch.setenv("RISKMAP_PIN", SUPERVISOR_PIN)
    assert main(_no_guard(claimed, out)) == 0
    capsys.readouterr()
    assert main(["query", "--db", str(claimed), "--json", "SELECT operator FROM audit_log "
                 "WHERE action = 'data_export_unprotected'"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"operator": "Sara"}]


def test_the_guarded_export_needs_nobody(claimed, tmp_path):
    assert main(["data", "--db", str(claimed), "--out", str(tmp_path / "safe"),
                 "--format", "csv"]) == 0


def test_adopt_trust_and_operator_changes_refuse_a_keyer(claimed, tmp_path, capsys):
    kim = ["--operator", "Kim", "--pin-file", _pin_file(tmp_path, KEYER_PIN)]
    fingerprint = "ab" * 16
    for argv in (["questionnaire", "adopt", "--db", str(claimed), "abcdef"],
                 ["devices", "trust", "--db", str(claimed), fingerprint],
                 ["operators", "role", "--db", str(claimed), "--name", "Kim",
                  "--role", "supervisor"],
                 ["operators", "deactivate", "--db", str(claimed), "--name", "Sara"]):
        assert main(argv + kim) == 2
        assert "Only a supervisor" in capsys.readouterr().err
    sara = ["--operator", "sara", "--pin-file", _pin_file(tmp_path, SUPERVISOR_PIN, "s.txt")]
    assert main(["operators", "role", "--db", str(claimed), "--name", "Kim", "--role",
                 "verifier"] + sara) == 0
    assert main(["operators", "list", "--db", str(claimed)]) == 0
    listing = capsys.readouterr().out
    assert "Kim\tverifier\tactive" in listing and "Sara\tsupervisor\tactive" in listing


def test_spanish_refusal(claimed, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("RISKMAP_LANG", "es")
    assert main(_no_guard(claimed, tmp_path / "raw")) == 2
    assert "necesita un supervisor" in capsys.readouterr().err
    assert main(["operators", "list", "--db", str(claimed)]) == 0
    assert "Kim\tkeyer\tactivo\t" in capsys.readouterr().out


def test_an_encrypted_project_checks_the_pin_too(tmp_path, capsys, monkeypatch):
    db = tmp_path / "team.db"
    assert main(["demo", "--db", str(db), "--n", "20", "--seed", "2"]) == 0  # encrypted
    monkeypatch.setenv("RISKMAP_NEW_PIN", SUPERVISOR_PIN)
    assert main(["operators", "add", "--db", str(db), "--name", "Sara"]) == 0
    capsys.readouterr()
    assert main(_no_guard(db, tmp_path / "raw")) == 2
    assert "needs a supervisor" in capsys.readouterr().err
    monkeypatch.setenv("RISKMAP_PIN", SUPERVISOR_PIN)
    assert main(_no_guard(db, tmp_path / "raw", "--operator", "Sara")) == 0


def test_rename_and_reactivate_on_the_command_line(claimed, tmp_path, capsys, monkeypatch):
    sara = ["--operator", "Sara", "--pin-file", _pin_file(tmp_path, SUPERVISOR_PIN, "s.txt")]
    kim = ["--operator", "Kim", "--pin-file", _pin_file(tmp_path, KEYER_PIN, "k.txt")]
    db = ["--db", str(claimed)]
    assert main(["operators", "rename", *db, "--name", "Kim", "--new-name", "Kim Lee",
                 *kim]) == 2
    assert "Only a supervisor" in capsys.readouterr().err
    assert main(["operators", "rename", *db, "--name", "kim", "--new-name", "Kim Lee",
                 *sara]) == 0
    assert capsys.readouterr().out == "Kim is now called Kim Lee.\n"
    assert main(["operators", "deactivate", *db, "--name", "Kim Lee", *sara]) == 0
    monkeypatch.setenv("RISKMAP_NEW_PIN", "864200")
    assert main(["operators", "add", *db, "--name", "Kim Lee", *sara]) == 0  # a new one
    assert main(["operators", "deactivate", *db, "--name", "Kim Lee", *sara]) == 0
    capsys.readouterr()

    # Two deactivated operators are called Kim Lee: which one, by id.
    assert main(["operators", "reactivate", *db, "--name", "Kim Lee", *sara]) == 2
    err = capsys.readouterr().err
    assert "2 deactivated operators are called Kim Lee; give --id" in err
    assert err.count("\n") == 1
    assert main(["operators", "list", *db]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    first = next(r[3] for r in rows if r[0] == "Kim Lee" and r[1] == "keyer")
    assert main(["operators", "reactivate", *db, "--name", "Ana", *sara]) == 2
    assert "No deactivated operator is called Ana" in capsys.readouterr().err
    assert main(["operators", "reactivate", *db, "--name", "kim lee", "--id", first,
                 *sara]) == 0
    assert capsys.readouterr().out == "Kim Lee can sign in again, with the PIN they had.\n"
    # The old PIN signs in: Kim Lee (the reactivated keyer) may now run a keyer's command
    # but is still refused a supervisor's.
    again = ["--operator", "Kim Lee", "--pin-file", _pin_file(tmp_path, KEYER_PIN, "k2.txt")]
    assert main(["operators", "role", *db, "--name", "Sara", "--role", "keyer", *again]) == 2
    assert "Only a supervisor" in capsys.readouterr().err
    monkeypatch.setenv("RISKMAP_LANG", "en")
    assert main(["query", *db, "--json", "SELECT action, new FROM audit_log WHERE action "
                 "IN ('operator_rename', 'operator_reactivate') ORDER BY time, rowid"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"action": "operator_rename", "new": "Kim -> Kim Lee"},
        {"action": "operator_reactivate", "new": "active"}]
