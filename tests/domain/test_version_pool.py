"""Comparing questionnaire versions for pooling: wording, code lists, meanings, absences."""

from __future__ import annotations

import json

from desktop.domain.group_keys import breakdowns
from desktop.domain.questionnaire_loader import parse_questionnaire
from desktop.domain.version_pool import compare_versions


def _variant(questionnaire, version, change):
    data = json.loads(questionnaire.source_text)
    data["version"] = version
    questions = {q["id"]: q for s in data["sections"] for q in s["questions"]}
    change(data, questions)
    return parse_questionnaire(json.dumps(data, ensure_ascii=False))


def test_kinds_of_difference(questionnaire):
    def change(data, questions):
        questions["institution"]["label"]["en"] = "Your institution?"          # wording
        questions["unit_type"]["choices"].append(
            {"code": 7, "label": {"es": "Frontera", "en": "Border"}})           # codes added
        questions["shift"]["choices"][0]["label"]["es"] = "Mañana"              # meaning
        questions["r02_impact"]["anchors"] = {"low": {"es": "Nada", "en": "None"},
                                              "high": {"es": "Todo", "en": "All"}}
        questions["exp_times"]["type"] = "decimal"                               # meaning
        section = next(s for s in data["sections"] if any(
            q["id"] == "comment" for q in s["questions"]))
        section["questions"] = [q for q in section["questions"] if q["id"] != "comment"]
    other = _variant(questionnaire, "2.0", change)
    pool = compare_versions(questionnaire, [questionnaire, other])
    kinds = {d.question_id: d.kind for d in pool.differences}
    assert kinds == {"institution": "wording", "unit_type": "codes", "shift": "meaning",
                     "r02_impact": "wording", "exp_times": "meaning", "comment": "absent"}
    assert pool.excluded == {"shift", "exp_times"}
    # Left out of everything pooled: the breakdown by shift, the exposure follow-up.
    assert "shift" not in pool.analysed.profile and "unit_type" in breakdowns(pool.analysed)
    assert "exp_times" not in pool.analysed.exposure.follow_ups
    assert pool.analysed.risks == questionnaire.risks
    notes = pool.notes("en")
    assert len(notes) == 6 and notes[0].startswith("A1 Which institution")
    shift = next(n for n in notes if n.startswith("A6 "))
    assert "codes mean different things in version 2.0" in shift


def test_same_questionnaire_twice_is_one_version(questionnaire):
    pool = compare_versions(questionnaire, [questionnaire, questionnaire])
    assert len(pool.versions) == 1 and pool.differences == () and pool.notes("es") == []
    assert pool.analysed is questionnaire


def test_breakdowns_follow_the_profile(questionnaire):
    assert breakdowns(questionnaire) == ["institution", "post", "unit_type", "rank_band",
                                         "round"]
    reordered = _variant(questionnaire, "3", lambda data, questions: data.update(
        profile=["shift", "post", "service_years"]))
    assert breakdowns(reordered) == ["shift", "post", "service_years", "round"]
