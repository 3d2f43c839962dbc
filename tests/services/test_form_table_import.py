"""`riskmap forms import`: a table of forms keyed elsewhere becomes audited forms of a round,
checked row by row with the entry form's rules, all or nothing."""

from __future__ import annotations

import csv
import json
import sqlite3

import openpyxl
import pytest

from desktop.cli import main
from desktop.domain.demo_forms import generate_forms
from desktop.domain.form_table import FORM_NUMBER
from desktop.services.form_service import Actor
from desktop.services.form_table_import import FormTableRefused, import_form_table
from desktop.services.project import Project
from desktop.storage import response_store, round_store
from tests.bundle.bundle_helpers import db_state

ACTOR = Actor("KE", "dev-table")


def _write_csv(path, questionnaire, forms, edit=None):
    """A CSV of `forms` (DemoForm); `edit(number, row dict)` may spoil a row."""
    ids = questionnaire.question_ids()
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([FORM_NUMBER, *ids])
        for form in forms:
            row = {FORM_NUMBER: str(form.form_number), **form.answers}
            if edit:
                edit(form.form_number, row)
            writer.writerow([row.get(name, "") for name in [FORM_NUMBER, *ids]])
    return path


def _count(project, table):
    return project.db.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_good_csv_becomes_audited_forms_of_a_new_round(project, tmp_path):
    q = project.questionnaire
    forms = list(generate_forms(q, 40, seed=4))
    path = _write_csv(tmp_path / "forms.csv", q, forms)
    result = import_form_table(project, "Ronda Sur", path, ACTOR)
    assert result.round_created and result.forms == 40
    round_ = round_store.find_round(project.db.conn, "Ronda Sur")
    assert round_.questionnaire_sha256 == q.sha256
    stored = response_store.get_form(project.db.conn, result.uuids[0])
    assert stored.response.form_number == forms[0].form_number
    assert stored.response.operator == "KE" and stored.response.device == "dev-table"
    assert stored.answers == forms[0].answers
    audit = project.db.conn.execute(
        "SELECT action, new, reason FROM audit_log WHERE response_uuid = ?",
        (result.uuids[0],)).fetchall()
    assert [a["action"] for a in audit] == ["create"]
    assert json.loads(audit[0]["new"]) == forms[0].answers
    assert audit[0]["reason"] == "forms import forms.csv line 2"


def test_every_bad_row_is_listed_by_line_column_and_reason(project, round_uuid, tmp_path):
    q = project.questionnaire
    forms = list(generate_forms(q, 12, seed=4))
    yes = next(f for f in forms if f.answers["exp_offered"] == "1")
    no = next(f for f in forms if f.answers["exp_offered"] == "2")

    def spoil(number, row):
        if number == 2:
            row["post"] = "99"                    # not a code
        if number == 3:
            row["r01_likelihood"] = ""            # required
        if number == 4:
            row[FORM_NUMBER] = "2"                # twice in the file
        if number == 5:
            row[FORM_NUMBER] = "501"              # outside the round's range 1-500
        if number == yes.form_number:
            row["exp_times"] = "60"               # above max 50
        if number == no.form_number:
            row["exp_times"] = "3"                # skipped: exp_offered = 2
        if number == 7:
            row["exp_offered_by"] = "1 x"         # not codes
    path = _write_csv(tmp_path / "bad.csv", q, forms, spoil)
    with pytest.raises(FormTableRefused) as caught:
        import_form_table(project, "Ronda 1", path, ACTOR)
    found = {(p.line, p.column) for p in caught.value.problems}
    # the header is line 1, so form N is on line N + 1
    assert {(3, "post"), (4, "r01_likelihood"), (5, FORM_NUMBER),
            (6, FORM_NUMBER)} <= found
    assert (yes.form_number + 1, "exp_times") in found
    assert (no.form_number + 1, "exp_times") in found
    reasons = {(p.line, p.column): p.reason for p in caught.value.problems}
    assert reasons[(3, "post")] == "99 is not one of the codes 1..10."
    assert reasons[(5, FORM_NUMBER)] == "Form number 2 is also on line 3."
    assert "outside this round's range 1-500" in reasons[(6, FORM_NUMBER)]
    assert ("line 3, column post: 99 is not one of the codes 1..10."
            in caught.value.lines())
    assert _count(project, "response") == 0 and _count(project, "audit_log") == 0


def test_numbers_already_in_the_round_and_unknown_columns(project, round_uuid, service,
                                                          valid_answers, tmp_path):
    service.save_new(round_uuid, 5, valid_answers)
    q = project.questionnaire
    path = _write_csv(tmp_path / "f.csv", q, list(generate_forms(q, 6, seed=2)))
    with pytest.raises(FormTableRefused) as caught:
        import_form_table(project, "Ronda 1", path, ACTOR)
    assert [(p.line, p.column, p.reason) for p in caught.value.problems] == [
        (6, FORM_NUMBER, "Form number 5 is already used in this round.")]

    path.write_text("form_number,post,name\n1,2,Juan\n")
    with pytest.raises(FormTableRefused) as caught:
        import_form_table(project, "Ronda 1", path, ACTOR)
    assert [(p.line, p.column) for p in caught.value.problems] == [(1, "name")]


def test_xlsx_with_numbers_stored_as_floats_and_multichoice(project, tmp_path):
    q = project.questionnaire
    form = next(f for f in generate_forms(q, 30, seed=9)
                if len(f.answers.get("exp_offered_by", "").split()) > 1)
    book = openpyxl.Workbook()
    sheet = book.active
    ids = [qid for qid in q.question_ids() if qid in form.answers]
    sheet.append([FORM_NUMBER, *ids])
    sheet.append([float(form.form_number), *[
        form.answers[qid] if " " in form.answers[qid] or not form.answers[qid].isdigit()
        else float(form.answers[qid]) for qid in ids]])
    sheet.append([None] * (len(ids) + 1))  # a blank row at the end is ignored
    book.save(tmp_path / "f.xlsx")
    result = import_form_table(project, "R", tmp_path / "f.xlsx", ACTOR)
    stored = response_store.get_form(project.db.conn, result.uuids[0]).answers
    assert stored == form.answers


def test_existing_round_keeps_its_own_questionnaire_version(project, tmp_path):
    """The rows are checked against the round's version, not the newest one."""
    old = project.questionnaire
    text = json.loads(old.source_text)
    text["version"] = "2099-01"
    post = next(q for s in text["sections"] for q in s["questions"] if q["id"] == "post")
    post["choices"] = post["choices"][:2]  # the new version knows only posts 1 and 2
    new_file = tmp_path / "v2.json"
    new_file.write_text(json.dumps(text))
    project.create_round("Old round")
    project.close()
    reopened = Project.open(project.db.path, new_file)
    try:
        form = next(f for f in generate_forms(old, 40, seed=4) if f.answers["post"] == "5")
        path = _write_csv(tmp_path / "f.csv", old, [form])
        assert import_form_table(reopened, "Old round", path, ACTOR).forms == 1
        with pytest.raises(FormTableRefused, match="1 problem"):
            import_form_table(reopened, "New round", path, ACTOR)
        new_round = round_store.find_round(reopened.db.conn, "New round")
        assert new_round is None  # refused: not even the round was made
    finally:
        reopened.close()


def test_ten_thousand_rows_with_one_bad_row_at_the_end_leave_the_file_identical(tmp_path,
                                                                                 capsys):
    db = tmp_path / "p.db"
    assert main(["init", "--db", str(db)]) == 0
    project = Project.open(db)
    q = project.questionnaire
    project.close()

    def spoil(number, row):
        if number == 10_000:
            row["shift"] = "7"
    path = _write_csv(tmp_path / "forms.csv", q, generate_forms(q, 10_000, seed=3), spoil)
    before = db_state(db)
    assert main(["forms", "import", "--db", str(db), "--round", "R1", str(path),
                 "--operator", "KE"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == ("riskmap: forms.csv was not imported: 1 problem in 1 row; "
                      "nothing was written. Correct the file and import it again.")
    assert err[1:] == ["  line 10001, column shift: 7 is not one of the codes 1..3, 8, 9."]
    assert db_state(db) == before


def test_more_than_fifty_problems_are_cut_with_a_count(project, tmp_path, capsys):
    path = tmp_path / "f.csv"
    path.write_text("form_number,shift\n" + "".join(f"{n},7\n" for n in range(1, 81)))
    project.close()
    assert main(["forms", "import", "--db", str(project.db.path), "--round", "R",
                 str(path)]) == 2
    err = capsys.readouterr().err.splitlines()
    total = int(err[0].split(": ")[2].split(" problem")[0])
    assert total > 80 and "in 80 rows;" in err[0]  # each row lacks required answers too
    problem_lines = err[1:]
    assert len(problem_lines) == 51 and problem_lines[-1] == f"  and {total - 50} more"
    assert problem_lines[0].startswith("  line 2, column ")
    conn = sqlite3.connect(project.db.path)
    assert conn.execute("SELECT COUNT(*) FROM response").fetchone()[0] == 0
    conn.close()


def test_cli_imports_a_good_file(project, tmp_path, capsys):
    q = project.questionnaire
    path = _write_csv(tmp_path / "forms.csv", q, generate_forms(q, 25, seed=8))
    project.close()
    assert main(["forms", "import", "--db", str(project.db.path), "--round", "Ronda Norte",
                 str(path), "--operator", "LC"]) == 0
    assert "Imported 25 forms into round 'Ronda Norte' (new round)" in capsys.readouterr().out
    assert main(["forms", "import", "--db", str(project.db.path), "--round", "Ronda Norte",
                 str(tmp_path / "none.csv")]) == 2


def test_constraints_are_checked_and_listed_in_the_codebook(tmp_path, questionnaire, capsys):
    data = json.loads(questionnaire.source_text)
    times = next(q for s in data["sections"] for q in s["questions"] if q["id"] == "exp_times")
    times["constraint"] = ". <= 20"
    times["constraint_message"] = {"es": "Como máximo 20 veces.", "en": "At most 20 times."}
    source = tmp_path / "q.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    project = Project.open(tmp_path / "c.db", source)
    q = project.questionnaire
    forms = [f for f in generate_forms(q, 60, seed=4) if f.answers["exp_offered"] == "1"][:3]
    path = _write_csv(tmp_path / "f.csv", q, forms,
                      lambda number, row: row.update(exp_times="30")
                      if number == forms[1].form_number else None)
    with pytest.raises(FormTableRefused) as caught:
        import_form_table(project, "R", path, ACTOR)
    assert [(p.line, p.column, p.reason) for p in caught.value.problems] == [
        (3, "exp_times", "At most 20 times.")]
    project.close()
    out = tmp_path / "codebook.csv"
    assert main(["codebook", "--db", str(tmp_path / "c.db"), "--out", str(out)]) == 0
    with open(out, encoding="utf-8-sig") as handle:
        row = next(r for r in csv.DictReader(handle) if r["question_id"] == "exp_times")
    assert row["constraint_rule"] == ". <= 20" and row["skip_rule"] == "exp_offered = 1"


def test_lines_are_file_lines_even_after_a_cell_with_a_line_break(project, tmp_path):
    path = tmp_path / "f.csv"
    path.write_text('form_number,comment,shift\n1,"two\nlines",7\n2,ok,6\n', encoding="utf-8")
    with pytest.raises(FormTableRefused) as caught:
        import_form_table(project, "R", path, ACTOR)
    shift = [(p.line, p.reason) for p in caught.value.problems if p.column == "shift"]
    assert [line for line, _ in shift] == [2, 4]
    assert shift[0][1] == "7 is not one of the codes 1..3, 8, 9."  # 8, 9: missing codes


@pytest.mark.parametrize("content, line", [
    (b"form_number,r01_likelihood\n1,3\n2," + b"x" * 200_000 + b"\n", 3),
    (b"form_number,r01_likelihood\n1,3\n2,\"" + b"y\n" * 70_000 + b"\"\n", 3),
])
def test_a_csv_the_reader_cannot_parse_is_one_sentence(project, tmp_path, capsys, content,
                                                       line):
    """A cell longer than the CSV reader's limit (a stray quote swallows the rest of the
    file): one sentence naming the file and the line where the row starts (in Spanish
    too), nothing written, never 'something unexpected'."""
    from desktop.cli import main
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    db = project.db.path
    project.close()
    capsys.readouterr()
    assert main(["forms", "import", "--db", str(db), "--round", "R", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [
        f"riskmap: bad.csv could not be read as a CSV table at line {line}; save it again "
        "from the spreadsheet as CSV (UTF-8)."], err
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RISKMAP_LANG", "es")
        assert main(["forms", "import", "--db", str(db), "--round", "R", str(path)]) == 2
    assert "no se pudo leer como tabla CSV" in capsys.readouterr().err
    reopened = Project.open(db)
    assert reopened.rounds() == [] or all(r.name != "R" for r in reopened.rounds())
    reopened.close()


def test_a_folder_given_as_the_table_is_called_a_folder(project, tmp_path, capsys):
    from desktop.cli import main
    db = project.db.path
    project.close()
    capsys.readouterr()
    assert main(["forms", "import", "--db", str(db), "--round", "R", str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip() == \
        f"riskmap: {tmp_path} is a folder; give the name of a file."


def test_a_file_that_is_no_workbook_is_said_without_openpyxl_words(project, tmp_path):
    """The sentence quoted openpyxl's English ("File is not a zip file") in Spanish too."""
    path = tmp_path / "formularios año.xlsx"
    path.write_bytes(b"\xff\xfe not a workbook")
    with pytest.raises(FormTableRefused) as caught:
        import_form_table(project, "Ronda 1", path, ACTOR)
    assert caught.value.in_language("es") == (
        "No se pudo leer formularios año.xlsx como libro de Excel (.xlsx); guárdelo de nuevo "
        "desde la hoja de cálculo como .xlsx o como CSV (UTF-8).")
    assert "zip" not in caught.value.in_language("en") and "zip" in caught.value.detail
