"""The analysis table is the same whether pivoted in pandas or by the database."""

from __future__ import annotations

import pandas as pd

from desktop.domain.answer_frame import analysed_questions, build_answer_frame
from desktop.services.analysis_service import read_frame
from desktop.storage import analysis_store


def test_database_pivot_matches_the_long_pivot(demo_project):
    numeric, multi = analysed_questions(demo_project.questionnaire)
    conn = demo_project.db.conn
    long = build_answer_frame(demo_project.questionnaire, analysis_store.forms(conn),
                              analysis_store.answers(conn, numeric + multi))
    wide = read_frame(demo_project)
    assert len(wide) == 60 and list(wide.columns) == list(long.columns)
    pd.testing.assert_frame_equal(wide, long)
    assert "comment" not in wide.columns  # free text never reaches the analysis
    assert wide["exp_offered_by"].dropna().str.match(r"^\d( \d)*$").all()
