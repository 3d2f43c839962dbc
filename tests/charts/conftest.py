"""Fixtures for the chart tests: the analysis of the 60-form demo project."""

from __future__ import annotations

import pytest

from desktop.charts.chart_set import bands_of
from desktop.services.analysis_service import analysis_for


@pytest.fixture(autouse=True)
def english_baseline(qapp):
    """Every chart test starts in English, the source language, with its plurals
    ("11 forms", not "11 form(s)"): alone, nothing else installs the translator."""
    from desktop.ui.translation import install_translator
    install_translator(qapp, "en")
    yield


@pytest.fixture
def analysis(demo_project):
    return analysis_for(demo_project, "en")


@pytest.fixture
def bands(questionnaire):
    return bands_of(questionnaire, "en")
