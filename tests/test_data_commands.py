"""`riskmap query` (read-only SQL: writes refused, the file untouched) and `riskmap data`
(the command line around `export_data`)."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest

from desktop.cli import main
from desktop.services.demo_service import fill_demo
from desktop.services.project import Project


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("query") / "demo.db"
    project = Project.open(path)
    fill_demo(project, 40, seed=1)
    project.close()
    return path


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_query_prints_a_table_csv_and_json(demo_db, capsys):
    sql = "SELECT status, COUNT(*) AS forms FROM response GROUP BY status"
    assert main(["query", "--db", str(demo_db), sql]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["status", "forms"] and out[2].split() == ["entered", "40"]
    assert out[-1] == "(1 row)"
    assert main(["query", "--db", str(demo_db), "--json", sql]) == 0
    assert json.loads(capsys.readouterr().out) == [{"status": "entered", "forms": 40}]
    assert main(["query", "--db", str(demo_db), "--csv",
                 "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 3)"
                 " SELECT x FROM n"]) == 0
    assert capsys.readouterr().out.split() == ["x", "1", "2", "3"]


def test_the_long_answer_view_serves_the_help_example(demo_db, capsys):
    """The answers are stored one JSON object per form; `answer` (the help's example)
    still reads them one row per answer, and refuses writes like any table."""
    from desktop.commands.data_commands import QUERY_EXAMPLES
    example = QUERY_EXAMPLES.split('--csv "', 1)[1].split('"\n', 1)[0]
    assert "FROM answer a" in example
    assert main(["query", "--db", str(demo_db), "--json", example]) == 0
    rows = json.loads(capsys.readouterr().out)
    conn = sqlite3.connect(demo_db)
    try:
        expected = conn.execute(
            "SELECT f.answers FROM form_answers f JOIN response r ON r.uuid = f.response_uuid "
            "ORDER BY r.form_number").fetchall()
    finally:
        conn.close()
    assert sorted((r["form_number"], r["value"]) for r in rows) == sorted(
        (n, json.loads(text)["r01_likelihood"]) for n, (text,) in enumerate(expected, 1)
        if "r01_likelihood" in json.loads(text))
    assert len(rows) == 40
    assert main(["query", "--db", str(demo_db),
                 "INSERT INTO answer VALUES ('x', 'q', 'v')"]) == 2


@pytest.mark.parametrize("sql", [
    "DELETE FROM response",
    "UPDATE response SET status = 'deleted'",
    "INSERT INTO settings (key, value) VALUES ('x', 'y')",
    "DROP TABLE answer",
    "CREATE TEMP TABLE t (x)",
    "PRAGMA query_only = OFF",
    "PRAGMA journal_mode = DELETE",
    "ATTACH DATABASE ':memory:' AS other",
    "SELECT 1; DELETE FROM response",
    "VACUUM",
    "SELEC nonsense",
])
def test_query_refuses_anything_but_reading(demo_db, sql, capsys):
    before = _digest(demo_db)
    assert main(["query", "--db", str(demo_db), sql]) == 2
    err = capsys.readouterr().err
    assert err.startswith("riskmap: ") and len(err.strip().splitlines()) == 1
    assert _digest(demo_db) == before
    project = Project.open(demo_db)
    try:
        assert project.db.conn.execute("SELECT COUNT(*) FROM response").fetchone()[0] == 40
    finally:
        project.close()


def test_query_of_a_missing_database(tmp_path, capsys):
    assert main(["query", "--db", str(tmp_path / "none.db"), "SELECT 1"]) == 2
    assert not (tmp_path / "none.db").exists()


def test_data_command_writes_the_files_and_reports(demo_db, tmp_path, capsys):
    out = tmp_path / "data"
    assert main(["data", "--db", str(demo_db), "--out", str(out), "--lang", "en"]) == 0
    said = capsys.readouterr().out
    assert said.startswith("Data of 40 forms written") and "guard on, k = 5" in said
    assert sorted(p.name for p in out.iterdir()) == [
        "riskmap-data-all-en-disclosure.txt", "riskmap-data-all-en.csv",
        "riskmap-data-all-en.dta", "riskmap-data-all-en.sav", "riskmap-data-all-en.xlsx"]


def test_data_command_without_guard_names_and_audits(demo_db, tmp_path, capsys):
    out = tmp_path / "raw"
    assert main(["data", "--db", str(demo_db), "--out", str(out), "--format", "sav",
                 "--no-guard"]) == 0
    assert "guard OFF" in capsys.readouterr().out
    assert {p.name for p in out.iterdir()} == {
        "riskmap-data-all-es-UNPROTECTED.sav",
        "riskmap-data-all-es-UNPROTECTED-disclosure.txt"}
    assert main(["query", "--db", str(demo_db), "--json",
                 "SELECT action FROM audit_log WHERE action LIKE 'data_export%'"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"action": "data_export_unprotected"}]


@pytest.mark.parametrize("args, words", [
    (["--format", "csv,pdf"], "Unknown format pdf"),
    (["--round", "Nope"], "no round named"),
    (["--k", "0"], "k must be at least 1"),
    (["--k", "1000"], "fewer than the minimum group size"),
])
def test_data_command_refusals(demo_db, tmp_path, capsys, args, words):
    assert main(["data", "--db", str(demo_db), "--out", str(tmp_path / "x"), *args]) == 2
    err = capsys.readouterr().err
    assert words in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x").exists()


def test_query_refusals_that_were_unexpected(tmp_path, capsys, monkeypatch):
    """Two statements, and a statement that fails on a later row (after rows were
    printed): one sentence each, in Spanish too, never 'something unexpected'."""
    from desktop.services.demo_service import fill_demo
    from desktop.services.project import Project
    db = tmp_path / "q.db"
    project = Project.open(db)
    fill_demo(project, 12, seed=2)
    project.close()

    def refusal(sql: str, *style: str) -> tuple[str, str]:
        capsys.readouterr()
        assert main(["query", "--db", str(db), *style, sql]) == 2
        captured = capsys.readouterr()
        lines = captured.err.strip().splitlines()
        assert len(lines) == 1, captured.err
        return lines[0], captured.out

    line, _ = refusal("SELECT 1; DELETE FROM response")
    assert line == ("riskmap: Give one statement at a time (no semicolon between two "
                    "statements).")
    late = ("SELECT CASE WHEN form_number > 5 THEN abs(-9223372036854775808) "
            "ELSE form_number END AS x FROM response")  # no ORDER BY: row by row
    line, out = refusal(late, "--csv")
    printed = out.splitlines()[1:]  # the driver reads a row ahead: 4 or 5 came out
    assert printed == [str(n) for n in range(1, len(printed) + 1)] and len(printed) >= 4
    assert line == (f"riskmap: The statement stopped after {len(printed)} rows (integer "
                    "overflow); the output above is incomplete.")
    monkeypatch.setenv("RISKMAP_LANG", "es")
    line, _ = refusal(late)
    assert line.startswith(f"riskmap: La consulta se detuvo después de {len(printed)} filas")


def test_no_format_is_said_in_the_users_language(demo_db, tmp_path, capsys, monkeypatch):
    """`--format ,` said "Formato desconocido (none)": an English word in Spanish."""
    monkeypatch.setenv("RISKMAP_LANG", "es")
    assert main(["data", "--db", str(demo_db), "--out", str(tmp_path / "d"),
                 "--format", ","]) == 2
    assert capsys.readouterr().err.strip() == (
        "riskmap: No se indicó ningún formato; elija entre csv, xlsx, dta, sav.")
    assert not (tmp_path / "d").exists()


def test_the_unguarded_line_has_one_pair_of_brackets(demo_db, tmp_path, capsys):
    assert main(["data", "--db", str(demo_db), "--out", str(tmp_path / "raw"), "--format",
                 "csv", "--no-guard", "--lang", "en"]) == 0
    said = capsys.readouterr().out
    assert "(guard OFF, recorded in the audit log): " in said and "))" not in said
