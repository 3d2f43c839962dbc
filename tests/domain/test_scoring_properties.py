"""Property tests (hypothesis): scores do not depend on row order, and a cell from fewer
respondents than the minimum never shows up: not in the protected tables, not in the CSV
exports, and no breakdown leaves a single hidden cell that a total would reveal."""

from __future__ import annotations

import csv
import math
from collections import Counter

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain.group_keys import NOT_STATED, ROUND, breakdowns
from desktop.services.analysis_service import AnalysisService
from desktop.services.report_service import write_csv

from scoring_helpers import frame_of

RISKS = ("r01", "r02", "r03")
ANSWER = st.sampled_from([1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 8, 9, None])
FORM = st.fixed_dictionaries({
    "post": st.sampled_from([1, 2, 3, 9, None]),
    "institution": st.sampled_from([1, 2, None]),
    **{f"{r}_{part}": ANSWER for r in RISKS for part in ("likelihood", "impact")},
    "c1_knows_reporting": st.sampled_from([1, 2, 3, 4, 5, 8, None]),
})
NUMERIC = ("n", "n_missing", "mean_likelihood", "mean_impact", "mean_score", "score_ci_low",
           "score_ci_high", "share_likely")
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


def true_counts(forms: list[dict], dimensions: list[str]) -> Counter:
    """(dimension, group, risk) -> respondents with a valid likelihood and impact,
    counted form by form (independently of the vectorised code)."""
    counts: Counter = Counter()
    for form in forms:
        for risk in RISKS:
            lik, imp = form.get(f"{risk}_likelihood"), form.get(f"{risk}_impact")
            if lik in range(1, 6) and imp in range(1, 6):
                counts[("all", "all", risk)] += 1
                for dim in dimensions:
                    value = form.get(dim)
                    group = str(value) if value not in (None, 9) else NOT_STATED
                    counts[(dim, group, risk)] += 1
                counts[("round", "R1", risk)] += 1
    return counts


def _service(questionnaire, forms, min_n):
    return AnalysisService(questionnaire, frame_of(questionnaire, forms), min_n, "en")


@SETTINGS
@given(forms=st.lists(FORM, max_size=40), min_n=st.sampled_from([2, 3, 5]))
def test_small_cells_never_appear_in_the_tables(questionnaire, forms, min_n):
    data = _service(questionnaire, forms, min_n).compute()
    truth = true_counts(forms, [d for d in breakdowns(questionnaire) if d != ROUND])
    scores = data.scores[data.scores["risk_id"].isin(RISKS)]
    for _, row in scores.iterrows():
        n = truth[(row["dimension"], row["group"], row["risk_id"])]
        if n < min_n:
            assert row["suppressed"], (row["dimension"], row["group"], row["risk_id"], n)
        if row["suppressed"]:
            assert all(pd.isna(row[c]) for c in NUMERIC) and row["level"] is None
        else:
            assert row["n"] == n
    # No breakdown whose total is shown hides exactly one non-empty cell.
    for (dim, risk), cells in scores[scores["dimension"] != "all"].groupby(
            ["dimension", "risk_id"]):
        overall = scores[(scores["dimension"] == "all") & (scores["risk_id"] == risk)]
        if overall["suppressed"].iloc[0]:
            continue
        hidden = [g for g, s in zip(cells["group"], cells["suppressed"])
                  if s and truth[(dim, g, risk)] > 0]
        assert len(hidden) != 1, (dim, risk, hidden)
    # The climate answer counts follow the same rule.
    for _, cell in data.climate.iterrows():
        true = sum(1 for f in forms if cell["question"] == "c1_knows_reporting"
                   and str(f.get("c1_knows_reporting")) == cell["code"])
        if cell["question"] == "c1_knows_reporting" and 0 < true < min_n:
            assert cell["suppressed"] and pd.isna(cell["count"]) and pd.isna(cell["share"])


@SETTINGS
@given(forms=st.lists(FORM, min_size=1, max_size=30), min_n=st.sampled_from([2, 5]))
def test_hidden_cells_are_blank_in_the_csv(questionnaire, tmp_path_factory, forms, min_n):
    data = _service(questionnaire, forms, min_n).compute()
    folder = tmp_path_factory.mktemp("csv")
    write_csv(data, folder)
    truth = true_counts(forms, [d for d in breakdowns(questionnaire) if d != ROUND])
    with open(folder / "scores.csv", encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            key = (row["dimension"], row["group"], row["risk_id"])
            if row["risk_id"] in RISKS and truth[key] < min_n:
                assert row["suppressed"] == "True"
            if row["suppressed"] == "True":
                assert all(row[c] == "" for c in NUMERIC), row
                assert row["note"].startswith("hidden")


@SETTINGS
@given(forms=st.lists(FORM, max_size=40), seed=st.integers(0, 2 ** 16),
       min_n=st.sampled_from([1, 3, 5]))
def test_scores_do_not_depend_on_row_order(questionnaire, forms, seed, min_n):
    frame = frame_of(questionnaire, forms)
    shuffled = frame.sample(frac=1, random_state=seed).reset_index(drop=True)
    first = AnalysisService(questionnaire, frame, min_n).compute()
    second = AnalysisService(questionnaire, shuffled, min_n).compute()
    assert list(first.scores["group"]) == list(second.scores["group"])
    assert list(first.scores["suppressed"]) == list(second.scores["suppressed"])
    for column in NUMERIC + ("likelihood_ci_low", "impact_ci_high"):
        a, b = first.scores[column].to_numpy(float), second.scores[column].to_numpy(float)
        assert np.allclose(a, b, equal_nan=True, rtol=1e-9, atol=1e-9), column
    assert list(first.register["risk_id"]) == list(second.register["risk_id"])
    a, b = first.climate["count"].to_numpy(float), second.climate["count"].to_numpy(float)
    assert np.allclose(a, b, equal_nan=True)


def test_hand_check_of_the_property_helper():
    counts = true_counts([{"post": 1, "r01_likelihood": 2, "r01_impact": 3},
                          {"post": 9, "r01_likelihood": 8, "r01_impact": 3}],
                         ["post", "institution"])
    assert counts[("post", "1", "r01")] == 1 and counts[("all", "all", "r01")] == 1
    assert counts[("post", NOT_STATED, "r01")] == 0 and not math.isnan(1.0)
