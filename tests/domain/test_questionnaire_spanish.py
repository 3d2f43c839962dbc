"""A questionnaire's or a workbook's problems are whole in Spanish: every text the loader,
the expression parser and the XLSForm import can say has Spanish in the catalogue; the
code says none outside it (a scan of the modules); and bad files, hostile and unlucky,
give problems that read in Spanish from the first word to the last, on the command line
too."""

from __future__ import annotations

import ast
import json
import string
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.domain.messages import MESSAGES
from desktop.domain.phrase import Phrase
from desktop.domain.questionnaire_loader import QuestionnaireError, parse_questionnaire
from desktop.domain.questionnaire_messages import QUESTIONNAIRE_MESSAGES
from desktop.domain.xlsform_import import import_xlsform
from desktop.resources import default_questionnaire_path
from tests.domain.xlsform_builder import labels, write_workbook

DOMAIN = Path(__file__).resolve().parents[2] / "desktop" / "domain"
MODULES = sorted([*DOMAIN.glob("questionnaire_*.py"), *DOMAIN.glob("xlsform_*.py"),
                  *DOMAIN.glob("expression*.py"),
                  DOMAIN.parent / "services" / "questionnaire_service.py"])
SAME_IN_BOTH = {"problem"}  # '{where}: {what}'
ERRORS = {"QuestionnaireError", "XLSFormError", "VersionClash", "JsonRefused",
          "_JsonTooLarge", "ExpressionError", "XPathUnsupported"}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(QUESTIONNAIRE_MESSAGES))
def test_every_problem_text_is_in_both_languages(key):
    texts = QUESTIONNAIRE_MESSAGES[key]
    assert set(texts) == {"en", "es"} and texts["en"].strip() and texts["es"].strip()
    assert _fields(texts["en"]) == _fields(texts["es"])
    assert key in SAME_IN_BOTH or texts["en"] != texts["es"]


def _english_literal(node: ast.AST) -> bool:
    """A sentence written in the code: a text with a space, or any f-string."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return " " in node.value.strip()
    if isinstance(node, (ast.List, ast.Tuple)):
        return any(_english_literal(item) for item in node.elts)
    return False


def _said_outside_the_catalogue(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "attr", None) or getattr(node.func, "id", "")
        where = f"{path.name}:{node.lineno}"
        if name in ("fail", "warn") and len(node.args) >= 2:
            key = node.args[1]
            if isinstance(key, ast.Constant):
                if key.value not in MESSAGES:
                    found.append(f"{where}: unknown key {key.value!r}")
            elif not (isinstance(key, ast.Attribute) and key.attr == "key"):
                found.append(f"{where}: {name}() without a catalogue key")
        elif name in ("Phrase", "problem") and node.args:
            key = node.args[0 if name == "Phrase" else 1] if len(node.args) > (
                0 if name == "Phrase" else 1) else None
            if isinstance(key, ast.Constant) and key.value not in MESSAGES:
                found.append(f"{where}: unknown key {key.value!r}")
        elif name in ERRORS and any(_english_literal(arg) for arg in node.args):
            found.append(f"{where}: {name} with a sentence written in the code")
    return found


def test_no_problem_is_written_outside_the_catalogue():
    found = [line for path in MODULES for line in _said_outside_the_catalogue(path)]
    assert not found, found


def test_the_scan_finds_a_sentence_written_in_the_code(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text('check.fail(where, f"no question {qid!r}")\n'
                       'raise XLSFormError(["the file is broken"], path)\n'
                       'ctx.fail(where, "xf.nothing_like_this")\n')
    assert len(_said_outside_the_catalogue(planted)) == 3


def _spanish_throughout(problem: Phrase) -> str:
    """The problem in Spanish, checked: every phrase in it has Spanish, and no English
    words of any of them are left in the Spanish text."""
    assert isinstance(problem, Phrase), problem
    spanish = problem.in_language("es")
    assert spanish != str(problem), problem
    for part in problem.phrases():
        texts = MESSAGES[part.key]
        assert "es" in texts, part.key
        for literal, _, _, _ in string.Formatter().parse(texts["en"]):
            words = literal.strip(" :;,.()'")
            if len(words) >= 8 and words not in texts["es"]:
                assert words not in spanish, (part.key, words, spanish)
    return spanish


def _default() -> dict:
    return json.loads(default_questionnaire_path().read_text(encoding="utf-8"))


def _first_question(data: dict) -> dict:
    return data["sections"][0]["questions"][0]


def _bad_questionnaires() -> dict[str, str]:
    dup = _default()
    second = dict(_first_question(dup))
    dup["sections"][0]["questions"].append(second)
    relevant = _default()
    relevant["sections"][0]["questions"][1]["relevant"] = "(q_missing = 1"
    later = _default()
    _first_question(later)["relevant"] = "zz_not_asked = 1"
    kind = _default()
    _first_question(kind)["type"] = "slider"
    choices = _default()
    choice_q = next(q for s in choices["sections"] for q in s["questions"]
                    if q.get("choices"))
    choice_q["choices"] = [{"code": "one", "label": {"es": "uno"}}, choice_q["choices"][0],
                           choice_q["choices"][0]]
    bands = _default()
    bands["bands"] = [{"id": "b", "label": {"es": "x", "en": "x"}, "min": 3, "max": 2,
                       "color": "red"}]
    return {
        "empty": "", "not json": "name,type\nq,integer\n", "a list": "[1, 2]",
        "huge number": '{"format": 2, "id": ' + "9" * 30 + "}",
        "deep": "[" * 100 + "]" * 100, "format 9": '{"format": 9}',
        "duplicate ids": json.dumps(dup), "bad relevance": json.dumps(relevant),
        "refers later": json.dumps(later), "unknown type": json.dumps(kind),
        "bad choices": json.dumps(choices), "bad bands": json.dumps(bands),
    }


@pytest.mark.parametrize("case", sorted(_bad_questionnaires()))
def test_bad_questionnaires_read_in_spanish(case):
    with pytest.raises(QuestionnaireError) as caught:
        parse_questionnaire(_bad_questionnaires()[case], source="q.json")
    for problem in caught.value.problems:
        _spanish_throughout(problem)
    sentence = caught.value.in_language("es")
    assert sentence.startswith("q.json: ") and " en el cuestionario; corrija" in sentence


SETTINGS = {"form_id": "t", "version": "1"}
Q_A = {"type": "integer", "name": "a", **labels("A", "A")}


def _q(name: str, **cells) -> dict:
    return {"type": "integer", "name": name, **labels(name, name), **cells}


WORKBOOKS = {
    "missing survey sheet": lambda p: write_workbook(
        p, [], [{"list_name": "yn", "name": "1", **labels("Sí", "Yes")}], SETTINGS),
    "duplicate names": lambda p: write_workbook(p, [_q("age"), _q("age")], [], SETTINGS),
    "names alike": lambda p: write_workbook(p, [_q("age"), _q("Age")], [], SETTINGS),
    "no such choice list": lambda p: write_workbook(
        p, [{"type": "select_one nolist", "name": "q", **labels("Q", "Q")}],
        [{"list_name": "yn", "name": "1", **labels("Sí", "Yes")}], SETTINGS),
    "choice name not a code": lambda p: write_workbook(
        p, [{"type": "select_one yn", "name": "q", **labels("Q", "Q")}],
        [{"list_name": "yn", "name": "yes", **labels("Sí", "Yes")}], SETTINGS),
    "relevance names no question": lambda p: write_workbook(
        p, [Q_A, _q("b", relevant="${nope} = 1")], [], SETTINGS),
    "relevance function": lambda p: write_workbook(
        p, [Q_A, _q("b", relevant="string-length(${a}) > 2")], [], SETTINGS),
    "relevance unclosed": lambda p: write_workbook(
        p, [Q_A, _q("b", relevant="(${a} = 1")], [], SETTINGS),
    "many at once": lambda p: write_workbook(
        p, [Q_A, {"type": "calculate", "name": "c", "calculation": "1 + 1"},
            _q("d", relevant="../a = 1", constraint=". > 1 and foo")], [],
        {"form_id": "Bad Id"}),
    "empty file": lambda p: (p.write_bytes(b""), p)[1],
    "not an xlsx": lambda p: (p.write_text("name,type\nq,integer\n"), p)[1],
}


@pytest.mark.parametrize("case", sorted(WORKBOOKS))
def test_bad_workbooks_read_in_spanish_from_the_command_line(case, tmp_path, capsys,
                                                              monkeypatch):
    workbook = WORKBOOKS[case](tmp_path / "form.xlsx")
    db = tmp_path / "p.db"
    assert main(["init", "--db", str(db)]) == 0
    with pytest.raises(QuestionnaireError) as caught:
        import_xlsform(workbook)
    spanish = [_spanish_throughout(p) for p in caught.value.problems]
    capsys.readouterr()
    monkeypatch.setenv("RISKMAP_LANG", "es")
    assert main(["questionnaire", "add", "--db", str(db), str(workbook)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"riskmap: {spanish[0]} (")
    assert err[0].endswith(" en el cuestionario; corrija el archivo e intente "
                           "de nuevo)")
    assert [line.strip() for line in err[1:]] == spanish[1:]
    monkeypatch.setenv("RISKMAP_LANG", "en")
    assert main(["questionnaire", "add", "--db", str(db), str(workbook)]) == 2
    assert capsys.readouterr().err.splitlines()[0].startswith(
        f"riskmap: {caught.value.problems[0]} (")
