"""The small-input path of the dashboard's sums equals the general one (cell_sums_few.py).

Random small sets of forms, every analysed question answered at random (valid and
out-of-range values, decimals, missing codes, blanks, multichoice sets; several rounds
and days), as float columns or packed as the snapshot stores them, are summed through the
per-form path and through the whole-column one (`FEW_FORMS` set to 0): risk by risk,
question by question, and as whole `CellSums` of one set and of several at once; and the
written forms' numbers packed for every question at once as each question's alone."""

from __future__ import annotations

import contextlib
import dataclasses

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain import cell_sums, cell_sums_few, written_forms
from desktop.domain.answer_frame import analysed_questions
from desktop.domain.cell_sums import CellSums
from desktop.domain.climate import climate_items, counts_by_cells, exposure_questions
from desktop.domain.form_columns import FormColumns, pack_numeric
from desktop.domain.group_keys import breakdowns, column_groups
from desktop.domain.profile_cells import ProfileCells
from desktop.domain.questionnaire_loader import load_questionnaire
from desktop.domain.scoring import risk_sums_by_cells
from desktop.resources import default_questionnaire_path

from scoring_helpers import frame_of

QUESTIONNAIRE = load_questionnaire(default_questionnaire_path())
NUMERIC, MULTI = analysed_questions(QUESTIONNAIRE)


def answers(qid: str):
    """Any answer a form may carry for this question (None: not answered)."""
    question = QUESTIONNAIRE.question(qid)
    codes = list(question.choice_codes()) + sorted(question.missing_code_values())
    if question.type == "multichoice":
        chosen = st.lists(st.sampled_from(codes), min_size=1, max_size=3, unique=True)
        return st.one_of(st.none(), chosen.map(lambda picked: " ".join(map(str, picked))))
    return st.one_of(st.none(), st.sampled_from(codes),
                     st.sampled_from([0, -1, 6, 7, 11, 12, 98, 300, 2.5, 0.5]))


FORM = st.fixed_dictionaries({
    "_round": st.sampled_from(["R1", "R2", "Ronda 3"]),
    "_day": st.sampled_from(["2026-10-05", "2026-10-06", "2027-01-31"]),
    **{qid: answers(qid) for qid in NUMERIC + MULTI},
})
FORMS = st.lists(FORM, min_size=0, max_size=cell_sums_few.FEW_FORMS)


@contextlib.contextmanager
def whole_column_path():
    """Every sum through the general path, whatever the number of forms."""
    kept = cell_sums_few.FEW_FORMS
    cell_sums_few.FEW_FORMS = 0
    try:
        yield
    finally:
        cell_sums_few.FEW_FORMS = kept


def columns_of(forms: list[dict], packed: bool) -> FormColumns:
    columns = FormColumns.from_frame(frame_of(QUESTIONNAIRE, forms), QUESTIONNAIRE)
    if packed:  # int8 where every answer fits, as the snapshot stores them
        columns = dataclasses.replace(columns, numeric={
            qid: pack_numeric(column) for qid, column in columns.numeric.items()})
    return columns


def profile_cells(columns: FormColumns) -> ProfileCells:
    return ProfileCells.from_codes(
        {dim: column_groups(columns, dim, QUESTIONNAIRE)[0]
         for dim in breakdowns(QUESTIONNAIRE)}, columns.size)


@settings(max_examples=60, deadline=None)
@given(forms=FORMS, packed=st.booleans())
def test_risk_and_answer_counts_of_a_few_forms_equal_the_whole_column_sums(forms, packed):
    columns = columns_of(forms, packed)
    cells = profile_cells(columns)
    assert cell_sums_few.is_few(columns.size, cells)
    ticks = []
    few_risks = risk_sums_by_cells(columns, QUESTIONNAIRE, cells, lambda: ticks.append(1))
    few_counts = [counts_by_cells(columns, QUESTIONNAIRE, ids, cells)
                  for ids in (climate_items(QUESTIONNAIRE), exposure_questions(QUESTIONNAIRE))]
    with whole_column_path():
        risks = risk_sums_by_cells(columns, QUESTIONNAIRE, cells, lambda: ticks.append(2))
        counts = [counts_by_cells(columns, QUESTIONNAIRE, ids, cells)
                  for ids in (climate_items(QUESTIONNAIRE), exposure_questions(QUESTIONNAIRE))]
    assert ticks.count(1) == ticks.count(2) == len(QUESTIONNAIRE.risks)
    assert few_risks.dtype == risks.dtype and few_risks.shape == risks.shape
    np.testing.assert_array_equal(few_risks, risks)
    assert few_risks[:, 0::9].sum() + few_risks[:, 1::9].sum() <= columns.size * len(
        QUESTIONNAIRE.risks)  # valid and missing exclude each other
    for few, whole in zip(few_counts, counts):
        assert (few.cells, few.questions) == (whole.cells, whole.questions)
        for name in ("onehot", "answered", "missing"):
            np.testing.assert_array_equal(getattr(few, name), getattr(whole, name), name)


@settings(max_examples=40, deadline=None)
@given(forms=FORMS, packed=st.booleans(), data=st.data())
def test_cell_sums_of_a_few_forms_and_of_their_sets_equal_the_whole_column_sums(
        forms, packed, data):
    columns = columns_of(forms, packed)
    count = data.draw(st.integers(1, 3))
    sets = np.array(data.draw(st.lists(st.integers(0, count - 1), min_size=len(forms),
                                       max_size=len(forms))), dtype=np.int64)
    few = CellSums.from_columns(columns, QUESTIONNAIRE)
    few_sets = CellSums.of_sets(columns, sets, count, QUESTIONNAIRE)
    with whole_column_path():
        whole = CellSums.from_columns(columns, QUESTIONNAIRE)
        whole_sets = CellSums.of_sets(columns, sets, count, QUESTIONNAIRE)
    assert cell_sums.equal(few, whole)
    assert few.forms == len(forms)
    for ours, theirs in zip(few_sets, whole_sets, strict=True):
        assert cell_sums.equal(ours, theirs)


def test_more_forms_than_few_take_the_whole_column_path():
    forms = [{"_round": "R1", NUMERIC[0]: 1}] * (cell_sums_few.FEW_FORMS + 1)
    columns = columns_of(forms, packed=True)
    assert not cell_sums_few.is_few(columns.size, profile_cells(columns))
    assert cell_sums_few.is_few(1, profile_cells(columns_of(forms[:1], packed=True)))


NUMBER = st.one_of(st.just(np.nan), st.integers(-300, 300).map(float),
                   st.sampled_from([0.5, 2.5, -127.0, 127.0, 128.0, -128.0, 1e9, -0.0]))


@settings(max_examples=80, deadline=None)
@given(data=st.data(), questions=st.integers(0, 6), forms=st.integers(0, 5))
def test_written_forms_numbers_packed_at_once_as_each_question_alone(data, questions,
                                                                     forms):
    """The few written forms' numeric answers are packed for all questions at once
    (written_forms.packed_rows), as `pack_numeric` packs each question's."""
    values = np.array(data.draw(st.lists(NUMBER, min_size=questions * forms,
                                         max_size=questions * forms)),
                      dtype=float).reshape(questions, forms)
    packed = written_forms.packed_rows(values)
    assert len(packed) == questions
    for row, ours in zip(values, packed):
        theirs = pack_numeric(row)
        assert ours.dtype == theirs.dtype and ours.flags.c_contiguous
        np.testing.assert_array_equal(ours, theirs)
