"""The command line: version, init, demo, check, and one clear line for bad input."""

import sqlite3
import subprocess
import sys
from pathlib import Path

from desktop import __version__
from desktop.cli import main

ROOT = Path(__file__).resolve().parents[1]


def _run(*args):
    return subprocess.run([sys.executable, "main.py", *args], capture_output=True, text=True,
                          cwd=ROOT)


def test_version_from_every_entry_point():
    assert _run("--version").stdout.strip() == f"RiskMap Survey Desk {__version__}"
    module = subprocess.run([sys.executable, "-m", "desktop", "--version"], capture_output=True,
                            text=True, cwd=ROOT)
    assert module.stdout.strip().endswith(__version__)


def test_demo_then_check_reports_416_forms(tmp_path):
    db = tmp_path / "x.db"
    assert _run("demo", "--db", str(db), "--n", "416", "--seed", "1").returncode == 0
    out = _run("check", "--db", str(db))
    assert out.returncode == 0, out.stderr
    assert "forms:           416 (416 entered)" in out.stdout
    assert "integrity:       ok" in out.stdout
    assert "journal mode:    WAL" in out.stdout
    assert "analysis:        no snapshot yet" in out.stdout


def test_check_finds_a_wrong_analysis_snapshot_and_repair_rebuilds_it(tmp_path, capsys):
    db = tmp_path / "x.db"
    assert main(["demo", "--db", str(db), "--n", "40"]) == 0
    assert main(["check", "--db", str(db), "--repair"]) == 0
    out = capsys.readouterr().out
    assert "analysis:        rebuilt from the answer rows (40 forms); ok (snapshot of 40 " \
        "forms, 0 written since)" in out
    from desktop.services.workspace import open_database
    opened = open_database(db)  # the key the command unlocked in this process
    with opened.transaction() as conn:  # a snapshot that no longer says what answers say
        conn.execute("UPDATE analysis_snapshot SET data = zeroblob(length(data)) "
                     "WHERE name = 'q:r02_impact'")
    opened.close()
    assert main(["check", "--db", str(db)]) == 1
    out = capsys.readouterr().out
    assert "the snapshot DIFFERS from the answer rows" in out and "PROBLEMS FOUND" in out
    assert main(["check", "--db", str(db), "--repair"]) == 0
    assert "ok (snapshot of 40 forms" in capsys.readouterr().out


def test_init_refuses_existing_file(tmp_path, capsys):
    db = tmp_path / "a.db"
    assert main(["init", "--db", str(db)]) == 0
    assert main(["init", "--db", str(db)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"riskmap: {db} exists already; choose a new file name."]


def test_bad_questionnaire_is_one_clear_line_and_no_database(tmp_path, capsys):
    bad = tmp_path / "q.json"
    bad.write_text('{"format": 1, "id": "x"}')
    db = tmp_path / "b.db"
    assert main(["init", "--db", str(db), "--questionnaire", str(bad)]) == 2
    first = capsys.readouterr().err.splitlines()[0]
    assert first.startswith("riskmap: version: missing")
    assert not db.exists()


def test_check_on_missing_or_foreign_files(tmp_path, capsys):
    assert main(["check", "--db", str(tmp_path / "none.db")]) == 2
    text = tmp_path / "text.db"
    text.write_text("hello " * 1000)
    assert main(["check", "--db", str(text)]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 2 and "does not exist" in lines[0]
    assert "not a RiskMap database" in lines[1]


def test_demo_refuses_silly_counts(tmp_path, capsys):
    assert main(["demo", "--db", str(tmp_path / "d.db"), "--n", "0"]) == 2
    assert "--n must be between" in capsys.readouterr().err
