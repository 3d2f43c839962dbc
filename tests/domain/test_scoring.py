"""Scores against hand-computed figures: missing codes, empty groups, a single respondent,
identical answers, groups and the 'not stated' group, the t table, the register."""

from __future__ import annotations

import math

import numpy as np
import pytest

from desktop.domain.group_keys import NOT_STATED
from desktop.domain.scoring import risk_register, score_risks, t_critical

from scoring_helpers import frame_of


def row(scores, risk="r01", dimension="all", group="all"):
    hit = scores[(scores["risk_id"] == risk) & (scores["dimension"] == dimension)
                 & (scores["group"] == group)]
    assert len(hit) == 1
    return hit.iloc[0]


def test_three_respondents_by_hand(questionnaire):
    frame = frame_of(questionnaire, [
        {"r01_likelihood": 2, "r01_impact": 3},   # 6
        {"r01_likelihood": 4, "r01_impact": 5},   # 20
        {"r01_likelihood": 1, "r01_impact": 1},   # 1
    ])
    r = row(score_risks(frame, questionnaire))
    assert r["n"] == 3 and r["n_missing"] == 0
    assert r["mean_likelihood"] == pytest.approx(7 / 3)
    assert r["mean_impact"] == pytest.approx(3.0)
    assert r["mean_score"] == pytest.approx(9.0)  # mean of products, not product of means
    # deviations -3, 11, -8: variance 194 / 2 = 97; t(2) = 4.302652730 (exact)
    half = 4.302652730 * math.sqrt(97 / 3)
    assert r["score_ci_low"] == pytest.approx(9 - half)
    assert r["score_ci_high"] == pytest.approx(9 + half)
    # likelihood 2, 4, 1: variance ((2-7/3)^2 + (4-7/3)^2 + (1-7/3)^2) / 2 = 7/3
    assert r["likelihood_ci_high"] - r["mean_likelihood"] == pytest.approx(
        4.302652730 * math.sqrt((7 / 3) / 3))
    assert r["share_likely"] == pytest.approx(1 / 3)
    assert r["level"] == "moderate"  # 9 reaches moderate (5) but not high (10)


def test_missing_codes_are_excluded_and_counted(questionnaire):
    frame = frame_of(questionnaire, [
        {"r01_likelihood": 5, "r01_impact": 4},   # 20
        {"r01_likelihood": 8, "r01_impact": 4},   # don't know: missing
        {"r01_likelihood": 3, "r01_impact": 9},   # no answer: missing
        {"r01_likelihood": 3},                    # impact not asked: neither
        {"r01_likelihood": 2, "r01_impact": 5},   # 10
    ])
    r = row(score_risks(frame, questionnaire))
    assert r["n"] == 2 and r["n_missing"] == 2
    assert r["mean_score"] == pytest.approx(15.0)
    assert r["mean_likelihood"] == pytest.approx(3.5)
    assert r["share_likely"] == pytest.approx(0.5)
    assert r["level"] == "high"


def test_single_respondent_has_no_interval(questionnaire):
    frame = frame_of(questionnaire, [{"r01_likelihood": 4, "r01_impact": 5}])
    r = row(score_risks(frame, questionnaire))
    assert r["n"] == 1 and r["mean_score"] == 20 and r["level"] == "extreme"
    assert np.isnan(r["score_ci_low"]) and np.isnan(r["score_ci_high"])
    assert np.isnan(r["likelihood_ci_low"]) and np.isnan(r["impact_ci_high"])


def test_identical_answers_give_a_zero_width_interval(questionnaire):
    frame = frame_of(questionnaire, [{"r01_likelihood": 3, "r01_impact": 3}] * 6)
    r = row(score_risks(frame, questionnaire))
    assert r["n"] == 6 and r["mean_score"] == 9
    assert r["score_ci_low"] == pytest.approx(9) and r["score_ci_high"] == pytest.approx(9)
    assert r["share_likely"] == 0


def test_no_valid_answer_gives_no_figures(questionnaire):
    frame = frame_of(questionnaire, [{"r01_likelihood": 8, "r01_impact": 8}])
    scores = score_risks(frame, questionnaire)
    r = row(scores)
    assert r["n"] == 0 and r["n_missing"] == 1
    assert np.isnan(r["mean_score"]) and r["level"] is None
    assert row(scores, "r02")["n_missing"] == 0  # never answered at all


def test_empty_frame(questionnaire):
    scores = score_risks(frame_of(questionnaire, []), questionnaire, ["post"])
    assert set(scores["dimension"]) == {"all"}  # no group has a form: none listed
    assert (scores["n"] == 0).all()


def test_groups_match_the_subsets_and_empty_groups_are_left_out(questionnaire):
    forms = [{"post": 1, "r01_likelihood": 2, "r01_impact": 2},
             {"post": 1, "r01_likelihood": 4, "r01_impact": 4},
             {"post": 2, "r01_likelihood": 5, "r01_impact": 5},
             {"post": 9, "r01_likelihood": 1, "r01_impact": 3},   # missing code: not stated
             {"r01_likelihood": 3, "r01_impact": 1}]              # no post at all
    scores = score_risks(frame_of(questionnaire, forms), questionnaire, ["post"])
    groups = scores[(scores["dimension"] == "post") & (scores["risk_id"] == "r01")]
    assert list(groups["group"]) == ["1", "2", NOT_STATED]  # posts 3.. have no form
    assert row(scores, dimension="post", group="1")["mean_score"] == pytest.approx(10)
    assert row(scores, dimension="post", group="2")["mean_score"] == pytest.approx(25)
    not_stated = row(scores, dimension="post", group=NOT_STATED)
    assert not_stated["n"] == 2 and not_stated["mean_score"] == pytest.approx(3)
    assert groups["n"].sum() == row(scores)["n"]  # the groups add up to the total


def test_round_is_a_dimension(questionnaire):
    forms = [{"_round": "A", "r01_likelihood": 1, "r01_impact": 1},
             {"_round": "B", "r01_likelihood": 5, "r01_impact": 5}]
    scores = score_risks(frame_of(questionnaire, forms), questionnaire, ["round"])
    assert row(scores, dimension="round", group="A")["mean_score"] == 1
    assert row(scores, dimension="round", group="B")["mean_score"] == 25


def test_intervals_use_the_exact_t_quantile(questionnaire):
    # 399 answers: the interval uses t(398) = 1.96594..., not 1.96 (an interval 0.3% wide
    # too narrow was the old table's answer beyond 120 df).
    forms = [{"r01_likelihood": 1 + i % 5, "r01_impact": 1 + (i * 7) % 5} for i in range(399)]
    r = row(score_risks(frame_of(questionnaire, forms), questionnaire))
    scores = np.array([f["r01_likelihood"] * f["r01_impact"] for f in forms], float)
    half = 1.9659423 * scores.std(ddof=1) / np.sqrt(399)
    assert r["score_ci_high"] - r["mean_score"] == pytest.approx(half, rel=1e-6)
    assert np.isnan(t_critical(0))


def test_register_ranks_by_mean_score(questionnaire):
    frame = frame_of(questionnaire, [
        {"r01_likelihood": 1, "r01_impact": 1, "r02_likelihood": 5, "r02_impact": 5,
         "r03_likelihood": 3, "r03_impact": 3}])
    register = risk_register(score_risks(frame, questionnaire))
    assert list(register["risk_id"][:3]) == ["r02", "r03", "r01"]
    assert list(register["rank"][:3]) == [1, 2, 3]
    assert register["mean_score"].iloc[3:].isna().all()  # unanswered risks last
