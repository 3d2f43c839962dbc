"""Fixtures for the chart tests: the analysis of the 60-form demo project."""

from __future__ import annotations

import pytest

from desktop.charts.chart_set import bands_of
from desktop.services.analysis_service import analysis_for


@pytest.fixture
def analysis(demo_project):
    return analysis_for(demo_project, "en")


@pytest.fixture
def bands(questionnaire):
    return bands_of(questionnaire, "en")
