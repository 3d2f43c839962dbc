"""Loading questionnaires: the default one is valid, and every mistake is reported with
its location."""

import copy
import json

import pytest

from desktop.domain.questionnaire_loader import (
    QuestionnaireError, load_questionnaire, parse_questionnaire,
)
from desktop.resources import default_questionnaire_path


def _default() -> dict:
    return json.loads(default_questionnaire_path().read_text(encoding="utf-8"))


def _problems(data) -> list[str]:
    with pytest.raises(QuestionnaireError) as caught:
        parse_questionnaire(json.dumps(data))
    return caught.value.problems


def test_default_questionnaire_loads(questionnaire):
    assert questionnaire.id == "border_risk_map"
    assert len(questionnaire.risks) == 10
    assert [b.id for b in questionnaire.bands] == ["low", "moderate", "high", "extreme"]
    assert questionnaire.missing_code_values() == {8, 9, 98, 99}
    assert len(questionnaire.sha256) == 64


def test_every_mistake_reported_with_its_location():
    data = _default()
    questions = data["sections"][0]["questions"]
    questions[1]["id"] = questions[0]["id"]                       # duplicate id
    questions[2]["type"] = "slider"                               # unknown type
    questions[3]["choices"][1]["code"] = questions[3]["choices"][0]["code"]  # duplicate code
    questions[4]["choices"][0]["code"] = 8                        # clashes with missing code
    del questions[5]["label"]["es"]                               # missing translation
    data["sections"][3]["questions"][1]["relevant"] = "exp_offered.x = 1"   # bad expression
    data["sections"][3]["questions"][2]["relevant"] = "comment = 'x'"  # refers forward
    data["risks"][0]["likelihood"] = "nope"                       # dangling reference
    data["bands"][1]["min"] = 3                                   # overlapping band
    problems = _problems(data)
    text = "\n".join(problems)
    assert "sections[0].questions[1].id: duplicate question id" in text
    assert "sections[0].questions[2].type: unknown type 'slider'" in text
    assert "sections[0].questions[3].choices[1].code: duplicate code" in text
    assert "sections[0].questions[4].choices[0].code: code 8 is a missing code" in text
    assert "sections[0].questions[5].label: no text for language 'es'" in text
    assert "sections[3].questions[1].relevant: bad expression" in text
    assert "sections[3].questions[2].relevant: refers to 'comment'" in text
    assert "risks[0].likelihood: no question 'nope'" in text
    assert "bands[1].min: overlaps the band before" in text
    assert len(problems) >= 9


def test_structural_mistakes():
    assert _problems({}) == ["format: missing", "id: missing", "version: missing",
                             "languages: missing",
                             "languages: must list at least one language code, e.g. "
                             "[\"es\", \"en\"]", "title: missing", "sections: missing"]
    data = _default()
    data["format"] = 3
    assert any("format 3 is not supported" in p for p in _problems(data))
    data = _default()
    data["sections"][1]["questions"][0]["min"] = 1
    assert any(p.startswith("sections[1].questions[0]: min/max do not apply")
               for p in _problems(data))


def test_range_and_type_mistakes():
    data = _default()
    exp = data["sections"][3]["questions"][1]
    assert exp["type"] == "integer"
    exp["min"], exp["max"] = 10, 2
    exp["required"] = "yes"
    problems = _problems(data)
    assert "sections[3].questions[1].min: is greater than max" in problems
    assert "sections[3].questions[1].required: must be true or false" in problems


def test_invalid_json_reports_line_and_column():
    problems = _problems_text('{"id": "x",\n  "version": }')
    assert problems[0].startswith("line 2, column")


def _problems_text(text):
    with pytest.raises(QuestionnaireError) as caught:
        parse_questionnaire(text)
    return caught.value.problems


def test_unreadable_file(tmp_path):
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(tmp_path / "missing.json")
    assert "cannot read the file" in caught.value.problems[0]


def test_band_for_fractional_scores(questionnaire):
    assert questionnaire.band_for(1).id == "low"
    assert questionnaire.band_for(4.9).id == "low"
    assert questionnaire.band_for(9.5).id == "moderate"
    assert questionnaire.band_for(17.2).id == "high"
    assert questionnaire.band_for(25).id == "extreme"


def test_default_instrument_keeps_respondents_anonymous(questionnaire):
    forbidden = ("name", "nombre", "id number", "cédula", "cedula", "dni", "passport",
                 "pasaporte", "badge", "placa", "phone", "teléfono", "email", "address")
    for question in questionnaire.questions():
        assert question.type != "text" or question.id == "comment"
        assert not any(word in question.id for word in ("name", "ident", "phone"))
        for lang in ("es", "en"):
            label = question.label.text(lang).lower()
            if question.id != "comment":
                assert not any(word in label for word in forbidden), (question.id, label)
    profile_types = {questionnaire.question(q).type for q in questionnaire.profile}
    assert profile_types == {"choice"}


def test_copy_is_independent():
    data = _default()
    copied = copy.deepcopy(data)
    parse_questionnaire(json.dumps(copied))
    assert copied == data
