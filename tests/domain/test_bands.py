"""Bands of a mean: half-open intervals, and a shown score that never leaves its band."""

import numpy as np
import pytest

from desktop.domain.bands import band_position, interval_texts, score_text
from desktop.domain.scoring import RiskBasis

# The default bands: 1-4, 5-9, 10-16, 20-25 on whole scores (17-19 is no product of two
# 1-5 ratings); for a mean they are [1, 5), [5, 10), [10, 20), [20, 25].
MINS = [1, 5, 10, 20]
LEVELS = ["low", "moderate", "high", "extreme"]


@pytest.mark.parametrize("value, band", [
    (1.0, 0), (4.0, 0), (4.5, 0), (4.99, 0), (4.999999, 0), (5.0, 1), (9.0, 1), (9.5, 1),
    (9.99, 1), (9.999999, 1), (10.0, 2), (16.0, 2), (16.5, 2), (17.0, 2), (19.99, 2), (20.0, 3),
    (25.0, 3), (0.5, None), (float("nan"), None)])
def test_every_mean_has_exactly_one_band_at_every_boundary(value, band):
    assert band_position(value, MINS) == band


@pytest.mark.parametrize("value, text", [
    (9.99, "9.99"), (9.96, "9.96"), (9.951, "9.95"), (9.94, "9.9"), (9.999, "9.999"),
    (9.9999, "9.999"), (9.99999999, "9.999"), (10.0, "10.0"), (10.04, "10.0"),
    (4.96, "4.96"), (4.9996, "4.999"), (5.0, "5.0"), (16.97, "17.0"), (19.97, "19.97"), (20.0, "20.0"),
    (12.345, "12.3"), (25.0, "25.0"), (float("nan"), "")])
def test_the_shown_score_stays_in_the_band_of_the_value(value, text):
    assert score_text(value, MINS) == text


def test_text_label_and_level_never_contradict():
    values = np.concatenate([np.linspace(1, 25, 24001),
                             [m - d for m in MINS[1:] for d in (1e-9, 1e-6, 1e-4, 0.004,
                                                               0.04, 0.049, 0.05, 0.051)]])
    basis = RiskBasis(["r"], np.zeros((0, 9)), [], np.zeros((0, 0), dtype=int), [],
                      list(zip(MINS, LEVELS)))
    levels = basis.levels(values)
    for value, level in zip(values, levels):
        text = score_text(value, MINS)
        assert LEVELS[band_position(float(text), MINS)] == level, (value, text)
        assert abs(float(text) - value) <= 0.05 + 1e-12  # never off by more than rounding


def test_decimal_comma():
    assert score_text(9.99, MINS, decimal=",") == "9,99"


def test_interval_texts_are_half_open():
    assert interval_texts(MINS, 25) == ["1–<5", "5–<10", "10–<20", "20–25"]


def test_questionnaire_band_for_agrees(questionnaire):
    assert questionnaire.band_for(9.99).id == "moderate"
    assert questionnaire.band_for(10.0).id == "high"
    assert [b.min for b in questionnaire.bands] == MINS


def test_score_texts_of_a_table_are_the_texts_of_each_score():
    """The texts of a whole table at once (the dashboard's) are `score_text` of each value:
    at and around every limit, below the first band, undefined and large values."""
    from desktop.domain.bands import score_texts
    near = [m + d for m in MINS for d in (-0.051, -0.05, -0.049, -0.04, -0.004, -1e-4, -1e-6,
                                          -1e-9, 0.0, 1e-9, 0.04, 0.05)]
    values = np.concatenate([np.linspace(0, 26, 2601), near,
                             [float("nan"), float("inf"), -1.0, 1e6]])
    assert score_texts(values, MINS) == [score_text(v, MINS) for v in values]
    assert score_texts([], MINS) == []
