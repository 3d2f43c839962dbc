"""Files for analysts written at different times of one day with other options (one round,
all rounds, another k) carry the same rows, keyed by round and form number: joined, each
row keeps every profile value any of them shows. Each file is protected on the whole
project first (at the project's minimum group size), so what any of them shows is what
the all-rounds file shows or less, and the joined rows stay k-anonymous."""

from __future__ import annotations

import pandas as pd
import pytest

from desktop.services.data_export import DataRequest, export_data
from desktop.services.demo_service import fill_demo
from desktop.services.project import Project

KEY = ["round", "form_number"]


@pytest.fixture(scope="module")
def two_rounds(tmp_path_factory):
    path = tmp_path_factory.mktemp("linking") / "rounds.db"
    project = Project.open(path)
    fill_demo(project, 120, seed=11, round_name="Norte")
    fill_demo(project, 80, seed=12, round_name="Sur")
    profile = list(project.questionnaire.profile)
    project.close()
    return path, profile


def _file(db, out, **request):
    result = export_data(db, out, DataRequest(formats=("csv",), lang="en", **request))
    return pd.read_csv(result.files[0], encoding="utf-8-sig")


def test_files_joined_by_form_stay_k_anonymous(two_rounds, tmp_path):
    db, profile = two_rounds
    files = [_file(db, tmp_path / "all"), _file(db, tmp_path / "k7", k=7),
             _file(db, tmp_path / "norte", round_name="Norte"),
             _file(db, tmp_path / "sur", round_name="Sur")]
    for frame in files:  # each file on its own keeps its promise
        assert frame.groupby(profile, dropna=False).size().min() >= 5
    joined = files[0][KEY + profile].set_index(KEY)
    for frame in files[1:]:
        other = frame[KEY + profile].set_index(KEY).reindex(joined.index)
        joined = joined.where(joined != 97, other)  # a value any file shows
    sizes = joined.groupby(profile, dropna=False).size()
    assert sizes.min() >= 5, sizes[sizes < 5]
