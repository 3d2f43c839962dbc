"""What HQ's import says when a bundle's questionnaire differs from the adopted one: a
likert scale whose ends were swapped (1 = "almost certain" on the laptop's paper, "very
unlikely" at HQ: a map turned upside down) is named, and every difference is said in the
user's language."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from desktop.domain.questionnaire_diff import differences
from desktop.domain.questionnaire_loader import parse_questionnaire

SOURCE = Path(__file__).parents[2] / "resources" / "questionnaires" / "border_risk_map.json"


def _variant(change) -> tuple:
    raw = json.loads(SOURCE.read_text(encoding="utf-8"))
    other = copy.deepcopy(raw)
    other["version"] = "9.9.9"
    change(other)
    return (parse_questionnaire(json.dumps(raw, ensure_ascii=False)),
            parse_questionnaire(json.dumps(other, ensure_ascii=False)))


def _question(raw: dict, qid: str) -> dict:
    return next(q for s in raw["sections"] for q in s["questions"] if q["id"] == qid)


def test_swapped_scale_ends_are_named():
    def swap(raw):
        anchors = _question(raw, "r01_likelihood")["anchors"]
        anchors["low"], anchors["high"] = anchors["high"], anchors["low"]
    hq, bundle = _variant(swap)
    found = differences(hq, bundle)
    assert [d for d in found if d.startswith("question r01_likelihood:")], found


def test_differences_are_said_in_spanish():
    def change(raw):
        _question(raw, "institution")["choices"][0]["label"]["es"] = "Otra cosa"
        _question(raw, "r01_impact")["label"]["es"] = "Otra pregunta"
        anchors = _question(raw, "r02_likelihood")["anchors"]
        anchors["low"], anchors["high"] = anchors["high"], anchors["low"]
    hq, bundle = _variant(change)
    found = differences(hq, bundle)
    assert len(found) == 3, found
    for difference in found:
        spanish = difference.in_language("es")
        assert spanish.startswith("pregunta ") and "differ" not in spanish, spanish
