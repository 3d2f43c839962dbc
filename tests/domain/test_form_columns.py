"""The dashboard's sums from compact columns equal the same sums worked out form by form.

A load sums int8 columns per profile cell and per distinct answer (domain/form_columns.py,
profile_cells.tally, scoring.risk_sums_by_cells, climate.counts_by_cells,
activity.CellDays). Here random forms (missing codes, out-of-range and decimal answers,
blank multichoice, several rounds and days) are summed both ways: from the float columns
of an analysis table and from the same columns packed as the snapshot stores them, against
the per-form `RiskBasis.from_frame`, `CountBasis.from_frame` and a plain count of days.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain import (activity, column_snapshot, packed_columns, profile_cells, scoring,
                            snapshot_parts, written_forms)
from desktop.domain.activity import CellDays
from desktop.domain.climate import CountBasis, climate_items, exposure_questions
from desktop.domain.form_columns import (MISSING_INT8, FormColumns, pack_numeric,
                                         value_classes)
from desktop.domain.group_keys import NOT_STATED, breakdowns
from desktop.domain.profile_cells import ProfileCells
from desktop.domain.scoring import RiskBasis
from desktop.services.analysis_service import AnalysisService

from scoring_helpers import frame_of

ANSWER = st.sampled_from([1, 2, 3, 4, 5, 5, 4, 8, 9, 0, 7, None])
FORM = st.fixed_dictionaries({
    "_round": st.sampled_from(["R1", "R2", "Ronda 3"]),
    "_day": st.sampled_from(["2026-10-05", "2026-10-06", "2027-01-31"]),
    "institution": st.sampled_from([1, 2, 3, 9, None]),
    "post": st.sampled_from([1, 2, 10, 8, None]),
    "rank_band": st.sampled_from([1, 5, None]),
    **{f"r0{r}_{part}": ANSWER for r in (1, 2, 3) for part in ("likelihood", "impact")},
    "c1_knows_reporting": ANSWER,
    "exp_offered": st.sampled_from([1, 2, 9, None]),
    "exp_times": st.sampled_from([1, 2, 4, 7, 12, 99, 300, 2.5, None]),
    "exp_offered_by": st.sampled_from(["1", "1 3", "2 6", "8", None]),
})
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])
FILTERS = ({}, {"post": "1"}, {"post": NOT_STATED}, {"round": "R2", "institution": "2"})


def packed(frame: pd.DataFrame, questionnaire) -> FormColumns:
    """The frame's columns as a load gets them: through the snapshot's bytes."""
    columns = column_snapshot.snapshot_columns(questionnaire)
    rounds = {name: name for name in frame["round"].astype(str)}
    base = {"uuid": frame["uuid"].to_numpy(dtype=object),
            "round_uuid": frame["round"].astype(str).to_numpy(dtype=object),
            "form_number": frame["form_number"].to_numpy(),
            "operator": frame["operator"].to_numpy(dtype=object),
            "created": frame["created"].dt.tz_localize(None).to_numpy(dtype="M8[ns]")
            .view(np.int64)}
    for qid, kind in columns:
        base[qid] = (frame[qid].to_numpy(dtype=float) if kind == "numeric"
                     else frame[qid].to_numpy(dtype=object))
    parts = dict((name, (meta, data)) for name, meta, data in
                 snapshot_parts.encode(base, columns))
    return packed_columns.decode_columns(parts, columns, rounds)


def form_mask(frame: pd.DataFrame, questionnaire, filters: dict) -> np.ndarray:
    """The forms a filter selects, worked out on the frame itself."""
    mask = np.ones(len(frame), dtype=bool)
    for dim, key in filters.items():
        if dim == "round":
            mask &= (frame["round"].astype(str) == key).to_numpy()
            continue
        values = frame[dim].to_numpy(dtype=float)
        codes = list(questionnaire.question(dim).choice_codes())
        mask &= ~np.isin(values, codes) if key == NOT_STATED else values == int(key)
    return mask


def same(left: pd.DataFrame, right: pd.DataFrame, what: str) -> None:
    pd.testing.assert_frame_equal(left.reset_index(drop=True), right.reset_index(drop=True),
                                  check_dtype=False, obj=what)


@SETTINGS
@given(forms=st.lists(FORM, max_size=45))
def test_cell_sums_equal_the_per_form_sums(questionnaire, forms):
    frame = frame_of(questionnaire, forms)
    dims = breakdowns(questionnaire)
    from_floats = AnalysisService(questionnaire, frame, 1)
    from_bytes = AnalysisService(questionnaire, packed(frame, questionnaire), 1)
    assert from_bytes.columns.numeric["r01_likelihood"].dtype == np.int8
    for filters in FILTERS:
        mask = form_mask(frame, questionnaire, filters)
        part = frame[mask]
        truth = RiskBasis.from_frame(part, questionnaire, dims).scores()
        for service in (from_floats, from_bytes):
            cells = service.mask(filters)
            assert int(service.cells.sizes[cells].sum()) == int(mask.sum())
            scores = service.risk_basis.scores(cells)
            same(scores, truth, f"scores {filters}")
            for basis, ids in ((service.climate_basis, climate_items(questionnaire)),
                               (service.exposure_basis, exposure_questions(questionnaire))):
                same(basis.counts(cells), CountBasis.from_frame(part, questionnaire,
                                                                ids).counts(), "counts")
            days = Counter(part["created"].dt.strftime("%Y-%m-%d"))
            expected = pd.DataFrame({"day": sorted(days), "n": [days[d] for d in sorted(days)]})
            same(service.day_basis.counts(cells), expected, f"days {filters}")
            span = service.day_basis.span(cells)
            assert span == ((min(days), max(days)) if days else ("", ""))
        ours, theirs = from_floats.compute(filters), from_bytes.compute(filters)
        for name in ("scores", "climate", "exposure", "per_day", "per_post"):
            same(getattr(ours, name), getattr(theirs, name), f"{name} {filters}")


def test_risks_summed_form_by_form_when_pairs_are_too_many(questionnaire, monkeypatch):
    """Answers with too many distinct pairs (decimals) are summed per form: same sums."""
    forms = [{"r01_likelihood": 1 + i % 5, "r01_impact": 1 + (i * 7) % 5, "post": 1 + i % 2,
              "_round": f"R{i % 3}"} for i in range(50)]
    frame = frame_of(questionnaire, forms)
    counted = AnalysisService(questionnaire, frame, 1).risk_basis.parts
    monkeypatch.setattr(scoring, "MAX_PAIR_COUNTS", 0)
    summed = AnalysisService(questionnaire, frame, 1).risk_basis.parts
    np.testing.assert_array_equal(counted, summed)


def test_value_classes_of_int8_and_float_columns():
    raw = np.array([3, MISSING_INT8, 3, -1, 127, 3], dtype=np.int8)
    classes = value_classes(raw)
    assert classes.count == 4 and classes.codes[0] == classes.codes[2] == classes.codes[5]
    expected = np.array([3, np.nan, 3, -1, 127, 3])
    np.testing.assert_array_equal(classes.values[classes.codes], expected)
    floats = value_classes(np.array([2.5, np.nan, 2.5, np.nan, 300.0]))
    assert floats.count == 3
    np.testing.assert_array_equal(floats.values[floats.codes], [2.5, np.nan, 2.5, np.nan, 300])


def test_pack_numeric_keeps_every_answer():
    small = np.array([1.0, np.nan, -127.0, 127.0])
    assert pack_numeric(small).dtype == np.int8
    np.testing.assert_array_equal(pack_numeric(small), [1, MISSING_INT8, -127, 127])
    for other in ([1.0, 128.0], [1.0, 2.5], [-128.0]):  # -128 is the blank marker
        assert pack_numeric(np.array(other)).dtype == np.float64


def test_cells_counted_directly_or_sorted_are_the_same(monkeypatch):
    rng = np.random.default_rng(4)
    codes = {"a": rng.integers(0, 7, 500), "b": rng.integers(0, 3, 500),
             "c": rng.integers(0, 40, 500)}
    direct = ProfileCells.from_codes(codes, 500)
    monkeypatch.setattr(profile_cells, "DENSE_CELLS", 0)
    sorted_ = ProfileCells.from_codes(codes, 50)  # 4 x 50 < 7 x 3 x 40 combinations
    np.testing.assert_array_equal(direct.cell_of_form, sorted_.cell_of_form)
    np.testing.assert_array_equal(direct.sizes, sorted_.sizes)
    for dim in codes:
        np.testing.assert_array_equal(direct.codes[dim], sorted_.codes[dim])
        np.testing.assert_array_equal(direct.codes[dim][direct.cell_of_form], codes[dim])
    classes = rng.integers(0, 5, 500)
    counts = direct.tally(classes, 5)
    for cell in (0, direct.count // 2, direct.count - 1):
        here = classes[direct.cell_of_form == cell]
        np.testing.assert_array_equal(counts[cell], np.bincount(here, minlength=5))


def test_days_per_cell_counted_directly_or_sorted(monkeypatch):
    rng = np.random.default_rng(5)
    day = activity.DAY_NS
    created = 1_790_000_000 * 10**9 + rng.integers(0, 400, 300) * day + \
        rng.integers(0, day, 300)
    created[7] = activity.NO_TIME  # a form without a keying time counts on no day
    cells = ProfileCells.from_codes({"a": rng.integers(0, 30, 300)}, 300)
    direct = CellDays.from_created(created, cells)
    monkeypatch.setattr(activity, "DENSE_CELL_DAYS", 0)
    sorted_ = CellDays.from_created(created, cells)
    mask = np.arange(cells.count) % 2 == 0
    for found in (direct, sorted_):
        assert int(found.counts()["n"].sum()) == 299
        chosen = mask[cells.cell_of_form] & (created != activity.NO_TIME)
        days = Counter(str(np.datetime64(int(c) // day, "D")) for c in created[chosen])
        same(found.counts(mask), pd.DataFrame({"day": sorted(days),
                                               "n": [days[d] for d in sorted(days)]}), "days")
        assert found.span(mask) == (min(days), max(days))
    assert CellDays.from_created(np.zeros(0, dtype=np.int64),
                                 ProfileCells.from_codes({}, 0)).span() == ("", "")


def test_decoded_columns_name_rounds_and_keep_blank_texts(questionnaire):
    frame = frame_of(questionnaire, [
        {"exp_offered_by": "1 3", "_round": "B"}, {"_round": "A"},
        {"exp_offered_by": "2", "_round": "B"}])
    columns = packed(frame, questionnaire)
    assert columns.size == 3
    assert [columns.round_names[c] for c in columns.round_codes] == ["B", "A", "B"]
    assert list(columns.texts("exp_offered_by")) == ["1 3", None, "2"]
    np.testing.assert_array_equal(columns.values("exp_times"), [np.nan] * 3)
    wrong = column_snapshot.snapshot_columns(questionnaire)[:-1]
    assert packed_columns.decode_columns({"": ('{"format": 1}', b"")}, wrong, {}) is None


def test_written_rows_are_found_by_uuid():
    uuids = [f"0190{i:04x}-aaaa-7bbb-8ccc-{i * 7919:012x}" for i in range(300)]
    data = "\n".join(uuids).encode()
    written = [uuids[3], uuids[299], "0190ffff-aaaa-7bbb-8ccc-000000000000"]  # one unknown
    hit = written_forms.written_rows(data, len(uuids), written)
    assert list(np.flatnonzero(hit)) == [3, 299]
    # Texts of other lengths are compared as texts.
    odd = ["a", "bb", "ccc"]
    assert list(written_forms.written_rows("\n".join(odd).encode(), 3, ["bb"])) == \
        [False, True, False]
    assert not written_forms.written_rows(b"", 0, ["a"]).any()


def test_patched_columns_merge_texts_rounds_and_number_types(questionnaire):
    stored = packed(frame_of(questionnaire, [
        {"exp_offered_by": "1 3", "exp_times": 2, "_round": "B"},
        {"exp_offered_by": "2", "exp_times": 4, "_round": "A"}]), questionnaire)
    fresh_frame = frame_of(questionnaire, [{"exp_offered_by": "5", "exp_times": 300,
                                            "_round": "C"}])
    columns = column_snapshot.snapshot_columns(questionnaire)
    fresh = {"uuid": np.array(["x"], dtype=object), "round_uuid": np.array(["C"], dtype=object),
             "form_number": np.array([1]), "operator": np.array(["AM"], dtype=object),
             "created": np.array([0], dtype=np.int64)}
    for qid, kind in columns:
        fresh[qid] = (fresh_frame[qid].to_numpy(dtype=float) if kind == "numeric"
                      else fresh_frame[qid].to_numpy(dtype=object))
    keep = np.array([False, True])
    patched = packed_columns.patch_columns(stored, keep, fresh, {"C": "C"}, columns)
    assert patched.size == 2
    assert list(patched.texts("exp_offered_by")) == ["2", "5"]
    assert [patched.round_names[c] for c in patched.round_codes] == ["A", "C"]
    assert patched.numeric["exp_times"].dtype == np.float64  # 300 is no int8
    np.testing.assert_array_equal(patched.values("exp_times"), [4, 300])
    assert patched.numeric["r01_likelihood"].dtype == np.int8


@SETTINGS
@given(forms=st.lists(FORM, max_size=40), data=st.data())
def test_stored_sums_patched_equal_the_sums_of_the_forms(questionnaire, forms, data):
    """The sums of the snapshot, minus those of its forms written since, plus those of the
    written forms as they are now, are the sums of the live forms, array for array (what
    a dashboard load with stored sums relies on); and they survive encode/decode."""
    from desktop.domain import cell_sums
    from desktop.domain.cell_sums import CellSums
    snapshot = frame_of(questionnaire, forms)
    n = len(snapshot)
    written = np.array(data.draw(st.lists(st.booleans(), min_size=n, max_size=n)), bool)
    fresh_forms = data.draw(st.lists(FORM, max_size=10))
    fresh = frame_of(questionnaire, fresh_forms)
    stored = packed(snapshot, questionnaire)
    sums = CellSums.from_columns(stored, questionnaire)
    meta, blob = cell_sums.encode(sums)
    assert cell_sums.equal(cell_sums.decode(meta, blob), sums)
    patched = cell_sums.combine([
        (1, cell_sums.decode(meta, blob)),
        (-1, CellSums.from_columns(stored.take(written), questionnaire)),
        (1, CellSums.from_columns(packed(fresh, questionnaire), questionnaire))])
    live = frame_of(questionnaire, [f for f, w in zip(forms, written) if not w] + fresh_forms)
    truth = CellSums.from_columns(packed(live, questionnaire), questionnaire)
    assert cell_sums.equal(patched, truth)
    assert patched.forms == len(live)
    for filters in FILTERS:  # and the figures the dashboard shows from them
        ours = AnalysisService(questionnaire, patched, 1).compute(filters)
        theirs = AnalysisService(questionnaire, live, 1).compute(filters)
        for name in ("scores", "climate", "exposure", "per_day", "per_post"):
            same(getattr(ours, name), getattr(theirs, name), f"{name} {filters}")


def test_damaged_or_inconsistent_sums_are_refused(questionnaire):
    import pytest

    from desktop.domain import cell_sums
    from desktop.domain.cell_sums import CellSums, Inconsistent
    forms = [{"r01_likelihood": 1 + i % 5, "r01_impact": 2, "post": 1 + i % 2,
              "_round": f"R{i % 3}", "_day": "2026-10-05"} for i in range(20)]
    sums = CellSums.from_columns(packed(frame_of(questionnaire, forms), questionnaire),
                                 questionnaire)
    meta, blob = cell_sums.encode(sums)
    assert cell_sums.decode(meta, blob) is not None
    flipped = blob[:-1] + bytes([blob[-1] ^ 1])
    for bad_meta, bad_blob in ((meta, flipped), (meta, blob[:-3]), ("{", blob),
                               (meta, None), (meta.replace('"format": 1', '"format": 9'), blob)):
        assert cell_sums.decode(bad_meta, bad_blob) is None
    # Taking away forms that were never added: fewer than no forms in a cell.
    other = CellSums.from_columns(packed(frame_of(questionnaire, [
        {"r01_likelihood": 3, "post": 2, "_round": "R9", "_day": "2026-10-05"}]),
        questionnaire), questionnaire)
    with pytest.raises(Inconsistent):
        cell_sums.combine([(1, sums), (-1, other)])


def test_stored_sums_naming_a_cell_twice_are_refused_when_patched(questionnaire):
    """A damaged row could list one cell twice; patching it would count one of the two
    only, so it is refused (the sums are then added up again from the snapshot)."""
    import dataclasses

    import pytest

    from desktop.domain import cell_sums
    from desktop.domain.cell_sums import CellSums, Inconsistent
    forms = [{"r01_likelihood": 1 + i % 5, "post": 1 + i % 2, "_round": "R1",
              "_day": "2026-10-05"} for i in range(12)]
    sums = CellSums.from_columns(packed(frame_of(questionnaire, forms), questionnaire),
                                 questionnaire)
    twice = dataclasses.replace(sums, codes=np.concatenate([sums.codes, sums.codes[:1]]),
                                sizes=np.concatenate([sums.sizes, sums.sizes[:1]]),
                                risk=np.concatenate([sums.risk, sums.risk[:1]]))
    fresh = CellSums.from_columns(packed(frame_of(questionnaire, forms[:1]), questionnaire),
                                  questionnaire)
    assert cell_sums.equal(cell_sums.combine([(1, sums), (1, fresh), (-1, fresh)]), sums)
    with pytest.raises(Inconsistent):
        cell_sums.combine([(1, twice), (1, fresh)])
