"""`riskmap init --questionnaire FILE.xlsx` and `riskmap questionnaire add`."""

import sys
from pathlib import Path

from desktop.cli import main
from desktop.resources import default_questionnaire_path
from desktop.services.project import Project
from desktop.storage.database import Database

sys.path.insert(0, str(Path(__file__).resolve().parent / "domain"))
from xlsform_builder import labels, write_workbook  # noqa: E402


def _workbook(path: Path, version: str, extra_rows=()) -> Path:
    survey = [{"type": "integer", "name": "n", **labels("N", "N"), "required": "yes",
               "constraint": ". >= 0 and . <= 20"}, *extra_rows]
    return write_workbook(path, survey, [], {"form_id": "small", "version": version,
                                             "form_title": "Small",
                                             "default_language": "Español (es)"})


def _stored(db: Path) -> list[tuple]:
    database = Database.open(db)
    try:
        return [tuple(r) for r in database.conn.execute(
            "SELECT id, version FROM questionnaire ORDER BY added, rowid")]
    finally:
        database.close()


def test_init_with_an_xlsform(tmp_path, capsys):
    db = tmp_path / "x.db"
    assert main(["init", "--db", str(db), "--questionnaire",
                 str(_workbook(tmp_path / "q.xlsx", "1"))]) == 0
    assert "questionnaire small 1 (1 question)" in capsys.readouterr().out
    project = Project.open(db)
    try:
        assert project.questionnaire.question("n").max == 20
    finally:
        project.close()


def test_init_with_the_default_workbook(tmp_path):
    db = tmp_path / "d.db"
    workbook = default_questionnaire_path().with_suffix(".xlsx")
    assert main(["init", "--db", str(db), "--questionnaire", str(workbook)]) == 0
    assert _stored(db) == [("border_risk_map", "1.1.0")]


def test_init_with_an_unsupported_workbook_lists_all_and_makes_nothing(tmp_path, capsys):
    bad = _workbook(tmp_path / "bad.xlsx", "1", [
        {"type": "calculate", "name": "c", "calculation": "1"},
        {"type": "geopoint", "name": "g", **labels("G", "G")}])
    db = tmp_path / "b.db"
    assert main(["init", "--db", str(db), "--questionnaire", str(bad)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("riskmap: survey row 3, column 'calculation'")
    assert "(2 problems in the questionnaire" in err[0]
    assert err[1].strip() == "survey row 4, column 'type' (A): the type 'geopoint' is " \
                             "not supported"
    assert not db.exists()


def test_add_stores_a_version_and_keeps_the_one_in_use(tmp_path, capsys):
    db = tmp_path / "p.db"
    assert main(["init", "--db", str(db)]) == 0
    before = db.read_bytes()
    bad = _workbook(tmp_path / "bad.xlsx", "2", [{"type": "time", "name": "t",
                                                  **labels("T", "T")}])
    assert main(["questionnaire", "add", "--db", str(db), str(bad)]) == 2
    assert "the type 'time' is not supported" in capsys.readouterr().err
    assert _stored(db) == [("border_risk_map", "1.1.0")]
    assert db.read_bytes() == before
    good = _workbook(tmp_path / "good.xlsx", "2")
    assert main(["questionnaire", "add", "--db", str(db), "--operator", "HQ",
                 str(good)]) == 0
    out = capsys.readouterr().out
    assert "Stored small 2 (1 question)" in out
    assert "still uses border_risk_map 1.1.0" in out
    assert _stored(db) == [("border_risk_map", "1.1.0"), ("small", "2")]
    project = Project.open(db)
    try:
        assert project.questionnaire.id == "border_risk_map"
        audit = project.db.conn.execute(
            "SELECT operator, action, new FROM audit_log WHERE action = 'questionnaire_add'"
        ).fetchall()
        assert [tuple(r) for r in audit] == [("HQ", "questionnaire_add", "small 2")]
    finally:
        project.close()
    assert main(["questionnaire", "add", "--db", str(db), str(good)]) == 0
    assert "stored in" in capsys.readouterr().out and len(_stored(db)) == 2


def test_add_needs_an_existing_project(tmp_path, capsys):
    assert main(["questionnaire", "add", "--db", str(tmp_path / "none.db"),
                 str(default_questionnaire_path())]) == 2
    assert capsys.readouterr().err.strip() == \
        f"riskmap: {tmp_path / 'none.db'} does not exist; give the path of a project database."


def test_add_refuses_a_different_questionnaire_under_a_stored_version(tmp_path, capsys):
    db = tmp_path / "v.db"
    assert main(["init", "--db", str(db), "--questionnaire",
                 str(_workbook(tmp_path / "one.xlsx", "1"))]) == 0
    changed = _workbook(tmp_path / "changed.xlsx", "1", [
        {"type": "text", "name": "note_text", **labels("T", "T")}])
    assert main(["questionnaire", "add", "--db", str(db), str(changed)]) == 2
    err = capsys.readouterr().err
    assert "small version 1 is stored already with different content; give the changed " \
           "questionnaire a new version" in err
    assert _stored(db) == [("small", "1")]



def test_add_to_a_project_from_before_adoption_keeps_the_version_in_use(tmp_path):
    from desktop.storage import questionnaire_store
    db = tmp_path / "old.db"
    assert main(["init", "--db", str(db)]) == 0
    database = Database.open(db)
    try:
        with database.transaction() as conn:  # as a project made before adoption existed
            conn.execute("DELETE FROM setting WHERE key = ?",
                         (questionnaire_store.ADOPTED_SETTING,))
    finally:
        database.close()
    assert main(["questionnaire", "add", "--db", str(db),
                 str(_workbook(tmp_path / "new.xlsx", "9"))]) == 0
    project = Project.open(db)
    try:
        assert (project.questionnaire.id, project.questionnaire.version) == \
            ("border_risk_map", "1.1.0")
    finally:
        project.close()
