"""XLSForm import: workbooks built here with openpyxl, pyxform's own example forms, and
the default instrument shipped as a workbook."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from desktop.domain.form_rules import applicable, check_answer, validate_form
from desktop.domain.questionnaire_loader import load_questionnaire
from desktop.domain.xlsform_import import XLSFormError, import_xlsform, load_questionnaire_file
from desktop.resources import default_questionnaire_path

from questionnaire_compare import plain
from xlsform_builder import labels, write_workbook

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "xlsform"
ROOT = Path(__file__).resolve().parent.parent.parent


def _survey() -> list[dict]:
    return [
        {"type": "begin_group", "name": "A", **labels("Perfil", "Profile")},
        {"type": "select_one inst", "name": "institution", **labels("Institución", "Agency"),
         "required": "yes", "riskmap::profile": "yes", "riskmap::number": "A1"},
        {"type": "integer", "name": "years", **labels("Años", "Years"), "required": "yes",
         "constraint": ". >= 0 and . <= 45", "riskmap::missing": "dkna_count"},
        {"type": "decimal", "name": "share", **labels("Parte", "Share"),
         "constraint": ". <= ${years} * 2",
         **labels("No más del doble", "At most twice the years", "constraint_message")},
        {"type": "text", "name": "Unit-Name", **labels("Unidad", "Unit")},
        {"type": "date", "name": "when", **labels("Fecha", "Date")},
        {"type": "note", "name": "intro", **labels("Lea en voz alta", "Read aloud")},
        {"type": "end_group"},
        {"type": "begin_group", "name": "B", **labels("Riesgos", "Risks"),
         "relevant": "${institution} != '3'"},
        {"type": "select_one lik", "name": "r1_l", **labels("Prob. soborno", "Bribe lik."),
         "required": "yes", "riskmap::risk": "r01 likelihood"},
        {"type": "select_one imp", "name": "r1_i", **labels("Imp. soborno", "Bribe imp."),
         "required": "yes", "riskmap::risk": "r01 impact"},
        {"type": "begin_group", "name": "B2", **labels("Detalle", "Detail"),
         "relevant": "${r1_l} >= 4"},
        {"type": "select_multiple who", "name": "who", **labels("Quién", "Who"),
         "required": "yes", "relevant": "${r1_i} > 1",
         "constraint": "not(selected(., '9') and count-selected(.) > 1)",
         **labels("'Nadie' va solo", "'Nobody' stands alone", "constraint_message")},
        {"type": "end_group"},
        {"type": "end_group"},
    ]


def _choices() -> list[dict]:
    rows = [{"list_name": "inst", "name": str(c), **labels(f"I{c}", f"A{c}")}
            for c in (1, 2, 3)]
    rows += [{"list_name": "lik", "name": str(c), **labels(f"l{c}", f"l{c}")}
             for c in range(1, 6)]
    rows += [{"list_name": "imp", "name": str(c), **labels(f"i{c}", f"i{c}")}
             for c in range(1, 6)]
    rows += [{"list_name": "who", "name": c, **labels(f"q{c}", f"w{c}")} for c in "129"]
    rows += [{"list_name": "dkna", "name": "8", **labels("No sabe", "Don't know")},
             {"list_name": "dkna", "name": "9", **labels("No responde", "No answer")},
             {"list_name": "dkna_count", "name": "98", **labels("No sabe", "Don't know")},
             {"list_name": "dkna_count", "name": "99", **labels("No responde", "No answer")}]
    return rows


SETTINGS = {"form_id": "customs_2026", "version": "2026.1", "form_title": "Aduanas 2026",
            "default_language": "Español (es)", "riskmap_missing": "dkna"}
BANDS = [{"id": "low", **labels("Bajo", "Low"), "min": 1, "max": 9, "color": "#91bfdb"},
         {"id": "high", **labels("Alto", "High"), "min": 10, "max": 25, "color": "#d73027"}]


def test_a_built_workbook_imports_with_everything_translated(tmp_path):
    path = write_workbook(tmp_path / "form.xlsx", _survey(), _choices(), SETTINGS,
                          riskmap_bands=BANDS)
    result = import_xlsform(path)
    q = result.questionnaire
    assert (q.id, q.version, q.languages) == ("customs_2026", "2026.1", ("es", "en"))
    assert q.title.by_language == {"es": "Aduanas 2026", "en": "Aduanas 2026"}
    assert [s.id for s in q.sections] == ["A", "B"]
    assert q.sections[1].relevant.source == "institution != '3'"
    assert q.question_ids() == ["institution", "years", "share", "unit_name", "when",
                                "r1_l", "r1_i", "who"]
    inst = q.question("institution")
    assert (inst.type, inst.number, inst.required, inst.choice_codes()) == \
        ("choice", "A1", True, (1, 2, 3))
    assert inst.label.by_language == {"es": "Institución", "en": "Agency"}
    assert inst.missing_code_values() == {8, 9}
    years = q.question("years")
    assert (years.type, years.min, years.max, years.constraint) == ("integer", 0, 45, None)
    assert years.missing_code_values() == {98, 99}
    share = q.question("share")
    assert (share.type, share.required, share.constraint.source) == \
        ("decimal", False, ". <= years * 2")
    assert share.constraint_message.by_language == {"es": "No más del doble",
                                                    "en": "At most twice the years"}
    assert q.question("unit_name").type == "text"
    assert q.question("when").type == "date"
    assert [(r.id, r.likelihood, r.impact) for r in q.risks] == [("r01", "r1_l", "r1_i")]
    assert q.risks[0].label.by_language == {"es": "Prob. soborno", "en": "Bribe lik."}
    assert (q.question("r1_l").type, q.question("r1_l").points) == ("likert", 5)
    assert q.question("r1_l").anchors[1].by_language == {"es": "l5", "en": "l5"}
    who = q.question("who")
    assert who.type == "multichoice"
    assert who.relevant.source == "(r1_l >= 4) and (r1_i > 1)"
    assert q.profile == ("institution",)
    assert [(b.id, b.min, b.max, b.color) for b in q.bands] == \
        [("low", 1, 9, "#91bfdb"), ("high", 10, 25, "#d73027")]
    assert any("intro" in w and "not keyed" in w for w in result.warnings)
    # The translated rules work: skips, ranges and constraints in both languages.
    answers = {"institution": "1", "years": "10", "share": "25", "r1_l": "4", "r1_i": "2",
               "who": "1 9"}
    assert "who" in applicable(q, answers)
    problems = validate_form(q, answers, "es")
    assert [(p.question_id, p.message) for p in problems] == [
        ("share", "No más del doble"), ("who", "'Nadie' va solo")]
    assert check_answer(q, who, "1 9", "en").message == "'Nobody' stands alone"
    assert "r1_l" not in applicable(q, {"institution": "3"})


def test_everything_unsupported_is_listed_once_and_nothing_is_made(tmp_path):
    survey = [
        {"type": "text", "name": "a", "label": "A"},
        {"type": "calculate", "name": "c", "calculation": "1 + 1"},
        {"type": "geopoint", "name": "g", "label": "G"},
        {"type": "begin_repeat", "name": "kids", "label": "Kids"},
        {"type": "integer", "name": "age", "label": "Age"},
        {"type": "end_repeat"},
        {"type": "integer", "name": "n", "label": "N", "relevant": "string-length(${a}) > 2"},
        {"type": "integer", "name": "m", "label": "M", "constraint": ". < /data/n",
         "default": "3"},
        {"type": "select_one yn", "name": "yn", "label": "YN"},
    ]
    choices = [{"list_name": "yn", "name": "yes", "label": "Yes"},
               {"list_name": "yn", "name": "2", "label": "No"}]
    path = write_workbook(tmp_path / "bad.xlsx", survey, choices)
    with pytest.raises(XLSFormError) as caught:
        import_xlsform(path)
    assert caught.value.problems == [
        "survey row 3, column 'calculation' (D): calculations are not supported",
        "survey row 4, column 'type' (A): the type 'geopoint' is not supported",
        "survey row 5, column 'type' (A): repeats are not supported: a paper form has a "
        "fixed number of questions",
        "survey row 8, column 'relevant' (E): the function string-length() is not supported",
        "survey row 9, column 'default' (G): the column 'default' is not supported",
        "survey row 9, column 'constraint' (F): paths such as '../x' or '/data/x' are not "
        "supported; use ${name}",
        "choices row 2, column 'name' (B): the choice name 'yes' must be a whole-number "
        "code (0, 1, 2, ...): codes are what operators key from paper",
    ]


def test_loader_problems_point_at_the_row(tmp_path):
    survey = [{"type": "integer", "name": "n", **labels("N", "N"),
               "constraint": ". >= 1 and . <= 50"},
              {"type": "integer", "name": "k", **labels("K", "K"),
               "relevant": "${n} > 1", "constraint": ". < ${later}"},
              {"type": "integer", "name": "later", **labels("L", "L"),
               "riskmap::missing": "none"}]
    choices = [{"list_name": "dk", "name": "8", **labels("NS", "DK")}]
    settings = {"form_id": "t", "riskmap_missing": "dk"}
    path = write_workbook(tmp_path / "overlap.xlsx", survey, choices, settings)
    with pytest.raises(XLSFormError) as caught:
        import_xlsform(path)
    assert caught.value.problems == [
        "survey row 2: sections[0].questions[0].missing_codes: missing code 8 could be a "
        "real answer (the valid range is 1 to 50); use a code outside the range, or set "
        "min and max",
        "survey row 3: sections[0].questions[1].constraint: refers to 'later', which is not "
        "a question before this one",
        "survey row 3: sections[0].questions[1].missing_codes: missing code 8 could be a "
        "real answer (the valid range is -inf to +inf); use a code outside the range, or "
        "set min and max",
    ]


PYXFORM_EXAMPLES = {
    "text_and_integer.xlsx": [],
    "yes_or_no_question.xlsx": [
        "choices row 2, column 'name' (B): the choice name 'yes' must be a whole-number code "
        "(0, 1, 2, ...): codes are what operators key from paper",
        "choices row 3, column 'name' (B): the choice name 'no' must be a whole-number code "
        "(0, 1, 2, ...): codes are what operators key from paper"],
    "group.xlsx": ["survey row 4, column 'type' (A): the type 'phone number' is not supported"],
    "loop.xlsx": [
        "survey row 2, column 'type' (A): 'or_other' is not supported; add an 'Other' "
        "choice and a text question",
        "survey row 3, column 'type' (A): repeats are not supported: a paper form has a "
        "fixed number of questions"],
    "or_other.xlsx": [
        "survey row 2, column 'type' (A): 'or_other' is not supported; add an 'Other' "
        "choice and a text question",
        "survey row 3, column 'choice_filter' (D): the column 'choice_filter' is not "
        "supported"] + [
        f"choices row {row}, column 'name' (B): the choice name '{name}' must be a "
        "whole-number code (0, 1, 2, ...): codes are what operators key from paper"
        for row, name in ((2, "red"), (3, "green"), (4, "blue"), (5, "mauve"),
                          (6, "apricot"))],
}


@pytest.mark.parametrize("name", sorted(PYXFORM_EXAMPLES))
def test_pyxform_example_forms(name):
    expected = PYXFORM_EXAMPLES[name]
    if not expected:
        q = import_xlsform(FIXTURES / name).questionnaire
        assert [(x.id, x.type) for x in q.questions()] == [("your_name", "text"),
                                                           ("your_age", "integer")]
        assert q.languages == ("en",) and q.id == "text_and_integer"
        return
    with pytest.raises(XLSFormError) as caught:
        import_xlsform(FIXTURES / name)
    assert caught.value.problems == expected


def test_pyxform_flat_example_lists_every_unsupported_thing():
    with pytest.raises(XLSFormError) as caught:
        import_xlsform(FIXTURES / "flat_xlsform_test.xlsx")
    problems = caught.value.problems
    assert "survey row 1: the language 'chinese' has no code; name its columns like " \
           "label::English (en) or label::Español (es)" in problems
    for row, kind in ((30, "acknowledge"), (32, "time"), (33, "datetime"),
                      (34, "geopoint"), (35, "barcode"), (36, "image"), (37, "audio"),
                      (38, "video")):
        assert f"survey row {row}, column 'type' (A): the type '{kind}' is not supported" \
            in problems
    assert "survey row 40, column 'calculation' (P): calculations are not supported" \
        in problems
    assert "settings row 2, column 'form_id' (B): form_id 'Flat test': use only " \
           "lower-case letters, digits, '-' and '_'" in problems
    assert len(problems) == 17


def test_default_instrument_workbook_imports_to_the_same_definition():
    from_json = load_questionnaire(default_questionnaire_path())
    workbook = default_questionnaire_path().with_suffix(".xlsx")
    assert plain(load_questionnaire_file(workbook)) == plain(from_json)


def test_the_tool_writes_a_workbook_that_imports_back(tmp_path):
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import questionnaire_to_xlsform
    finally:
        sys.path.remove(str(ROOT / "tools"))
    data = json.loads(default_questionnaire_path().read_text(encoding="utf-8"))
    data["sections"][3]["questions"][3]["constraint"] = ". = 1 or exp_times < 5"
    data["sections"][3]["questions"][3]["constraint_message"] = {"es": "x", "en": "y"}
    source = tmp_path / "changed.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    questionnaire_to_xlsform.main([str(source), str(tmp_path / "changed.xlsx")])
    assert plain(load_questionnaire_file(tmp_path / "changed.xlsx")) == \
        plain(load_questionnaire(source))


def test_a_zip_bomb_or_a_non_workbook_is_refused_before_pyxform(tmp_path, monkeypatch):
    import zipfile
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 3_000_000)
    monkeypatch.setattr("desktop.domain.xlsform_import.MAX_UNPACKED_BYTES", 2_000_000)
    with pytest.raises(XLSFormError) as caught:
        import_xlsform(bomb)
    assert caught.value.problems[0].startswith("the workbook is larger than any")
    text = tmp_path / "notes.xlsx"
    text.write_text("not a workbook")
    with pytest.raises(XLSFormError) as caught:
        import_xlsform(text)
    assert caught.value.problems == ["the file is not an Excel workbook (.xlsx)"]


def test_bare_language_codes_and_plain_labels(tmp_path):
    path = write_workbook(tmp_path / "codes.xlsx", [
        {"type": "integer", "name": "n", "label::es": "Número", "label::en": "Number"},
        {"type": "text", "name": "t", "label": "Texto"}], [],
        {"form_id": "codes", "default_language": "es"})
    with pytest.raises(XLSFormError) as caught:
        import_xlsform(path)
    # The plain label is Spanish (the default language); its English text is missing.
    assert caught.value.problems == [
        "survey row 3: sections[0].questions[1].label: no text for language 'en'"]
