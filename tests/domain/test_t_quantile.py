"""Student t quantiles against published values (no scipy in the program)."""

import math

import pytest

from desktop.domain.t_quantile import (cornish_fisher, hill_396, t_critical,
                                       t_quantile_two_sided, t_two_sided_tail)

# Two-sided 95% critical values t(0.975, df) as published (R `qt(0.975, df)`, NIST/SEMATECH
# e-Handbook table 1.4.2.2.3 to its 3 decimals), to 9 decimals.
PUBLISHED_95 = {1: 12.706204736, 2: 4.302652730, 5: 2.570581836, 30: 2.042272456,
                121: 1.979763763, 400: 1.965912343, 10000: 1.960201240}
# Two-sided 99% values t(0.995, df) (R `qt(0.995, df)`).
PUBLISHED_99 = {1: 63.656741163, 2: 9.924843201, 5: 4.032142984, 30: 2.749995654,
                121: 2.617072266, 400: 2.588176080, 10000: 2.576321047}


@pytest.mark.parametrize("df, value", sorted(PUBLISHED_95.items()))
def test_95_percent_values_match_published_tables(df, value):
    assert abs(float(t_critical(df)) - value) < 1e-6
    assert abs(t_quantile_two_sided(0.05, df) - value) < 1e-6


@pytest.mark.parametrize("df, value", sorted(PUBLISHED_99.items()))
def test_99_percent_values_match_published_tables(df, value):
    assert abs(t_quantile_two_sided(0.01, df) - value) < 1e-6


def test_121_df_is_not_the_normal_value():
    assert float(t_critical(121)) == pytest.approx(1.97976, abs=1e-5)
    assert float(t_critical(121)) - 1.96 > 0.019


def test_the_tail_series_inverts_the_quantile():
    for df in (3, 4, 7, 50, 199, 200):
        t = t_quantile_two_sided(0.05, df)
        assert t_two_sided_tail(t, df) == pytest.approx(0.05, abs=1e-12)


def test_hill_and_cornish_fisher_are_close_where_they_are_used():
    assert hill_396(0.05, 10) == pytest.approx(2.228138852, abs=1e-5)
    assert cornish_fisher(0.05, 201) == pytest.approx(t_quantile_two_sided(0.05, 200),
                                                      abs=1e-4)
    assert abs(cornish_fisher(0.05, 400) - PUBLISHED_95[400]) < 1e-9


def test_quantiles_fall_with_degrees_of_freedom():
    values = [float(t_critical(df)) for df in range(1, 1200)]
    assert all(a > b for a, b in zip(values, values[1:]))
    assert values[-1] > 1.959963984  # the normal quantile


def test_undefined_degrees_of_freedom():
    assert math.isnan(float(t_critical(0)))
    assert math.isnan(t_quantile_two_sided(0.05, 0))
    assert t_critical([0, 1]).shape == (2,)


def test_critical_values_of_a_table_are_each_df_s_value():
    """`t_critical` of an array works each distinct df out once: the same values, in
    place, with NaN where df < 1 or undefined."""
    import numpy as np

    from desktop.domain.t_quantile import _critical_95
    df = np.array([[3, 0, 3.0, 121], [np.nan, 1, -2, 10_000]])
    got = t_critical(df)
    expected = [[_critical_95(3), math.nan, _critical_95(3), _critical_95(121)],
                [math.nan, _critical_95(1), math.nan, _critical_95(10_000)]]
    np.testing.assert_array_equal(got, np.array(expected))
    assert t_critical(np.zeros(0)).shape == (0,)
