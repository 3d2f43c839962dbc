"""The paper form printed from the questionnaire (`riskmap print-form`) and the codebook
(`riskmap codebook`): read back from the PDF with pdftotext."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import unicodedata

import pytest

from desktop.cli import main
from desktop.domain.paper_form import code_items
from desktop.services.project import Project

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"),
                                   reason="pdftotext (poppler-utils) is not installed")


def _text(pdf, *pages) -> str:
    args = ["pdftotext", "-layout"]
    if pages:
        args += ["-f", str(pages[0]), "-l", str(pages[1])]
    return subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def _flat(text: str) -> str:
    # NFKC undoes the typographic ligatures (fl, fi) the PDF font draws
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))


def _pages(pdf) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "p.db"
    assert main(["init", "--db", str(path)]) == 0
    return path


@needs_poppler
@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_question_and_code_label_is_printed(db, tmp_path, questionnaire, lang):
    out = tmp_path / f"form-{lang}.pdf"
    assert main(["print-form", "--db", str(db), "--out", str(out), "--lang", lang]) == 0
    text = _flat(_text(out))
    for question in questionnaire.questions():
        assert _flat(question.label.text(lang)) in text, question.id
        assert re.search(rf"(^| ){re.escape(question.number)} ", text), question.number
        for item in code_items(question, lang):
            assert item.text() in text, (question.id, item.text())
    go_to = "If 2, 8 or 9, go to E1." if lang == "en" else "Si 2, 8 o 9, pase a E1."
    assert text.count(go_to) == 2  # on D1 (offered?) and D4 (reported?)
    box = "Form number" if lang == "en" else "Número de formulario"
    assert box in text
    other = "es" if lang == "en" else "en"
    assert questionnaire.question("post").label.text(other) not in text
    assert not re.search(r"\b(Name|Nombre)\s*:", text)  # no field for a name


@needs_poppler
def test_numbered_copies_one_per_form_number(db, tmp_path):
    blank, numbered = tmp_path / "blank.pdf", tmp_path / "numbered.pdf"
    assert main(["print-form", "--db", str(db), "--out", str(blank), "--lang", "en"]) == 0
    assert main(["print-form", "--db", str(db), "--out", str(numbered), "--lang", "en",
                 "--from", "41", "--to", "43"]) == 0
    per_form = _pages(blank)
    assert _pages(numbered) == 3 * per_form
    for copy, number in enumerate((41, 42, 43)):
        first = copy * per_form + 1
        page_text = _text(numbered, first, first)
        assert re.search(rf"Form number\s+{number}\b", page_text, re.S) or (
            f"\n{number}\n" in page_text.replace(" ", "")), number
        assert f"Form {number} · page 1 of {per_form}" in page_text


def test_print_form_refusals(db, tmp_path, capsys):
    out = str(tmp_path / "f.pdf")
    assert main(["print-form", "--db", str(db), "--out", out, "--round", "Nope"]) == 2
    assert main(["print-form", "--db", str(db), "--out", out, "--from", "5"]) == 2
    assert main(["print-form", "--db", str(db), "--out", out, "--from", "9", "--to", "2"]) == 2
    assert main(["print-form", "--db", str(db), "--out", str(tmp_path / "f.txt")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 4 and all(line.startswith("riskmap: ") for line in err)
    assert "no round named 'Nope'" in err[0]
    assert not (tmp_path / "f.pdf").exists()


@needs_poppler
def test_round_prints_its_own_version(db, tmp_path, questionnaire):
    """A round keyed with an older version prints that version, not the newest."""
    project = Project.open(db)
    project.create_round("Old", form_min=1, form_max=100)
    project.close()
    data = json.loads(questionnaire.source_text)
    data["version"] = "2.0.0"
    post = next(q for s in data["sections"] for q in s["questions"] if q["id"] == "post")
    post["choices"][0]["label"]["en"] = "Renamed crossing"
    new = tmp_path / "v2.json"
    new.write_text(json.dumps(data))
    Project.open(db, new).close()
    old_pdf, new_pdf = tmp_path / "old.pdf", tmp_path / "new.pdf"
    assert main(["print-form", "--db", str(db), "--out", str(old_pdf), "--lang", "en",
                 "--round", "Old"]) == 0
    assert main(["print-form", "--db", str(db), "--out", str(new_pdf), "--lang", "en"]) == 0
    assert "1 North border crossing" in _text(old_pdf)
    assert "1 Renamed crossing" in _text(new_pdf)
    assert main(["print-form", "--db", str(db), "--out", str(old_pdf), "--round", "Old",
                 "--from", "90", "--to", "120"]) == 2  # beyond the round's range

    csv_path = tmp_path / "codebook.csv"
    assert main(["codebook", "--db", str(db), "--out", str(csv_path)]) == 0
    with open(csv_path, encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    n = len(questionnaire.questions())
    assert len(rows) == 2 * n
    assert [r["version"] for r in rows[::n]] == [questionnaire.version, "2.0.0"]
    d2 = next(r for r in rows if r["question_id"] == "exp_times")
    assert d2["skip_rule"] == "exp_offered = 1" and d2["codes"].startswith("1–50")
    post_rows = [r for r in rows if r["question_id"] == "post"]
    assert post_rows[0]["codes"].startswith("1 = North border crossing; 2 = ")
    assert post_rows[1]["codes"].startswith("1 = Renamed crossing; 2 = ")

    pdf = tmp_path / "codebook.pdf"
    assert main(["codebook", "--db", str(db), "--out", str(pdf), "--lang", "es"]) == 0
    text = _flat(_text(pdf))
    assert f"Versión {questionnaire.version}" in text and "Versión 2.0.0" in text
    assert "salto: D1 = 1" in text  # D2's skip rule, with question numbers


def test_entry_screen_codes_line_lists_the_printed_codes(qtbot, questionnaire):
    from desktop.ui.question_field import QuestionField
    for qid in ("post", "r01_likelihood", "exp_offered_by", "exp_times"):
        question = questionnaire.question(qid)
        field = QuestionField(questionnaire, question, "es")
        qtbot.addWidget(field)
        codes_line = re.sub(r"<div>.*?</div>", "", field.codes.text())  # the multichoice hint
        shown = re.sub(r"<[^>]+>", "", codes_line).replace("&nbsp;", " ")
        printed = [item.text() for item in code_items(question, "es")]
        assert [part.strip() for part in shown.split("·")][-len(printed):] == printed or \
            not printed
