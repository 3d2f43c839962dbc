"""The dashboard's tables as `compute` builds them: the charts draw `overall` (the overall
rows of `scores`, row for row), and the group rows of `scores` are worked out only when
something reads them (a report, an export), the same whenever that is."""

from __future__ import annotations

import numpy as np
import pandas as pd

from desktop.services.analysis_service import analysis_for


def test_overall_rows_are_the_overall_rows_of_the_scores(demo_project):
    analysis = analysis_for(demo_project, "es")
    for filters in ({}, {"post": "1"}, {"institution": "2", "post": "1"}):
        for min_n in (1, 5, 12):
            service = analysis.with_settings(min_n, "es")
            data = service.compute(filters)
            assert data._scores is None  # nothing drawn needs the group rows
            overall = data.scores[data.scores["dimension"] == "all"]
            pd.testing.assert_frame_equal(data.overall, overall, check_exact=True)
            assert data.overall.attrs == data.scores.attrs == {"min_n": min_n}
            assert data.scores is data.scores  # worked out once
            if not service.hidden_filters(filters):  # a hidden filter shows no group
                assert set(data.scores["dimension"]) > {"all"}


def test_group_rows_read_later_are_those_of_the_filter_and_settings(demo_project):
    analysis = analysis_for(demo_project, "en")
    early = analysis.with_settings(5, "en").compute({"post": "2"})
    other = analysis.with_settings(1, "es").compute({})  # computed in between
    fresh = analysis.with_settings(5, "en").compute({"post": "2"})
    pd.testing.assert_frame_equal(early.scores, fresh.scores, check_exact=True)
    assert not early.scores.equals(other.scores)


def test_forms_per_post_are_the_group_sizes_of_the_post_dimension(demo_project):
    analysis = analysis_for(demo_project, "en")
    basis = analysis.risk_basis
    for filters in ({}, {"institution": "1"}, {"post": "3"}):
        mask = analysis.mask(filters)
        sizes = basis.group_sizes(mask)
        posts = sizes[sizes["dimension"] == "post"]
        keys, counts = basis.dimension_sizes("post", mask)
        assert keys == list(posts["group"])
        np.testing.assert_array_equal(counts, posts["n"].to_numpy())
