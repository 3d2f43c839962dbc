"""The pieces of a dashboard load that patches the forms written since the snapshot give
exactly what the general way gives: the written forms' columns, their rows in the stored
uuid part, their sums in one pass, and the stored sums merged with them."""

from __future__ import annotations

import json

import numpy as np
import pytest

from desktop.domain import (cell_sums, cell_sums_combine, cell_sums_in_place,
                            column_snapshot, packed_columns, snapshot_parts, written_forms)
from desktop.domain.cell_sums import CellSums, Inconsistent
from desktop.domain.demo_forms import generate_forms


def rows_of(questionnaire, count: int, seed: int, rounds=("R1", "R2", None)) -> list[tuple]:
    """Answer rows as `analysis_store.form_answer_rows` reads them, some odd on purpose."""
    rows = []
    for i, form in enumerate(generate_forms(questionnaire, count, seed=seed)):
        answers = dict(form.answers)
        if i % 7 == 3:
            answers["r01_likelihood"] = "2.5"       # a decimal: that column is float
        if i % 11 == 5:
            answers.pop("post", None)               # not answered
        if i % 13 == 6:
            answers["r02_impact"] = "abc"           # not a number
        text = None if i % 17 == 8 else json.dumps(answers, sort_keys=True)
        rows.append((f"{i:036d}", rounds[i % len(rounds)], i, "OP",
                     f"2026-10-{5 + i % 9:02d}T08:{i % 60:02d}:00+00:00", text))
    return rows


@pytest.mark.parametrize("count", [0, 1, 5, 120])
def test_fresh_columns_equal_the_general_way(questionnaire, count):
    columns = column_snapshot.snapshot_columns(questionnaire)
    rows = rows_of(questionnaire, count, seed=count)
    names = {"R1": "Ronda 1", "R2": "Ronda 2"}
    lean = written_forms.fresh_columns(columns, rows, names)
    general = packed_columns.form_columns(column_snapshot.base_from_rows(columns, rows),
                                           names, columns)
    assert lean.size == general.size == count
    for qid in general.numeric:
        assert lean.numeric[qid].dtype == general.numeric[qid].dtype, qid
        assert np.array_equal(lean.values(qid), general.values(qid), equal_nan=True), qid
    for qid in general.multi:
        assert list(lean.texts(qid)) == list(general.texts(qid)), qid
    assert [lean.round_names[c] for c in lean.round_codes] == \
        [general.round_names[c] for c in general.round_codes]
    assert np.array_equal(lean.created, general.created)
    assert cell_sums.equal(CellSums.from_columns(lean, questionnaire),
                           CellSums.from_columns(general, questionnaire))


def test_an_answer_that_is_not_text_takes_the_general_way(questionnaire):
    columns = column_snapshot.snapshot_columns(questionnaire)
    rows = rows_of(questionnaire, 3, seed=1)
    for damaged in ('{"post": 3}', '{"post": ["1"]}', '{"exp_offered_by": {"a": 1}}'):
        rows[1] = rows[1][:5] + (damaged,)
        assert written_forms.fresh_columns(columns, rows, {}) is None, damaged


def test_written_rows_found_among_many():
    rng = np.random.default_rng(4)
    uuids = [f"{rng.integers(1 << 62):036x}"[-36:] for _ in range(5_000)]
    data = "\n".join(uuids).encode()
    for count in (1, 30, 999):
        written = list(rng.choice(uuids, count, replace=False)) + ["0" * 36, "x"]
        hit = written_forms.written_rows(data, len(uuids), written)
        assert list(np.flatnonzero(hit)) == sorted(uuids.index(u) for u in written[:-2])


def test_sums_of_sets_equal_each_set_summed_alone(questionnaire):
    columns = column_snapshot.snapshot_columns(questionnaire)
    first = written_forms.fresh_columns(columns, rows_of(questionnaire, 40, 2),
                                        {"R1": "Ronda 1"})
    second = written_forms.fresh_columns(columns, rows_of(questionnaire, 9, 3, ("R3",)),
                                         {"R3": "Ronda 3"})
    both = written_forms.joined(first, second)
    sets = np.repeat([0, 1], [first.size, second.size])
    parts = CellSums.of_sets(both, sets, 2, questionnaire)
    assert cell_sums.equal(parts[0], CellSums.from_columns(first, questionnaire))
    assert cell_sums.equal(parts[1], CellSums.from_columns(second, questionnaire))
    empty = first.take(np.zeros(first.size, dtype=bool))
    none, alone = CellSums.of_sets(written_forms.joined(empty, second),
                                   np.ones(second.size, dtype=np.int64), 2, questionnaire)
    assert cell_sums.equal(none, CellSums.from_columns(empty, questionnaire))
    assert cell_sums.equal(alone, CellSums.from_columns(second, questionnaire))


@pytest.mark.parametrize("seed", range(6))
def test_combine_in_place_or_merged_gives_a_fresh_sum(questionnaire, seed):
    """Stored sums minus some of their forms plus others (in the same cells and days, or
    in new ones) equal the sums of the resulting forms, whichever way combine takes."""
    columns = column_snapshot.snapshot_columns(questionnaire)
    rng = np.random.default_rng(seed)
    stored = written_forms.fresh_columns(columns, rows_of(questionnaire, 300, seed),
                                         {"R1": "Ronda 1", "R2": "Ronda 2"})
    out = rng.random(stored.size) < (0.02, 0.3)[seed % 2]
    added_rows = rows_of(questionnaire, 1 + seed * 3, 50 + seed,
                         ("R1",) if seed < 3 else ("R1", "R9"))
    added = written_forms.fresh_columns(columns, added_rows, {"R1": "Ronda 1"})
    base = CellSums.from_columns(stored, questionnaire)
    minus = CellSums.from_columns(stored.take(out), questionnaire)
    plus = CellSums.from_columns(added, questionnaire)
    truth = CellSums.from_columns(written_forms.joined(stored.take(~out), added),
                                  questionnaire)
    decoded = cell_sums.decode(*cell_sums.encode(base))  # stored widths, as a load reads
    parts = [(1, decoded), (-1, minus), (1, plus)]
    assert cell_sums.equal(cell_sums.combine(parts), truth)
    assert cell_sums.equal(cell_sums_combine._merged(parts), truth)
    # In place even when the added forms bring a round the stored sums lack (R9).
    assert cell_sums_in_place.in_place(parts) is not None
    assert cell_sums.equal(cell_sums_in_place.in_place([(1, decoded), (1, plus)]),
                           CellSums.from_columns(written_forms.joined(stored, added),
                                                 questionnaire))
    same = [(1, decoded), (-1, minus), (1, minus)]  # the in-place way, surely
    assert cell_sums_in_place.in_place(same) is not None
    assert cell_sums.equal(cell_sums.combine(same), base)
    with pytest.raises(Inconsistent):
        cell_sums.combine([(1, decoded), (-1, plus), (-1, plus)] if plus.forms else
                          [(1, minus), (-1, base)])


def test_combine_in_place_inserts_a_new_day(questionnaire):
    """Forms keyed on a day the stored sums do not have, in cells they have: merged in
    place (the day and its pairs inserted), equal to a fresh sum."""
    columns = column_snapshot.snapshot_columns(questionnaire)
    names = {"R1": "Ronda 1"}
    stored = written_forms.fresh_columns(columns, rows_of(questionnaire, 400, 8, ("R1",)),
                                         names)
    later = [row[:4] + ("2026-11-20T09:00:00+00:00",) + row[5:]
             for row in rows_of(questionnaire, 400, 8, ("R1",))[:3]]
    added = written_forms.fresh_columns(columns, later, names)
    base = cell_sums.decode(*cell_sums.encode(CellSums.from_columns(stored, questionnaire)))
    plus = CellSums.from_columns(added, questionnaire)
    parts = [(1, base), (1, plus)]
    assert cell_sums_in_place.in_place(parts) is not None
    truth = CellSums.from_columns(written_forms.joined(stored, added), questionnaire)
    assert "2026-11-20" in truth.days and "2026-11-20" not in base.days
    assert cell_sums.equal(cell_sums.combine(parts), truth)
    assert cell_sums.equal(cell_sums_combine._merged(parts), truth)


def test_combine_in_place_agrees_with_the_general_way_on_random_changes(questionnaire):
    """Random forms taken out of stored sums and others added (some on days and in cells
    the stored sums lack): `combine` equals the general merge and a fresh sum every time,
    and takes the in-place way in many of them."""
    columns = column_snapshot.snapshot_columns(questionnaire)
    names = {"R1": "Ronda 1", "R2": "Ronda 2"}
    stored_rows = rows_of(questionnaire, 500, 31, ("R1", "R2"))
    stored = written_forms.fresh_columns(columns, stored_rows, names)
    base = cell_sums.decode(*cell_sums.encode(CellSums.from_columns(stored, questionnaire)))
    rng = np.random.default_rng(5)
    in_place = 0
    for attempt in range(30):
        out = np.zeros(stored.size, dtype=bool)
        out[rng.choice(stored.size, int(rng.integers(0, 4)), replace=False)] = True
        picked = [stored_rows[i] for i in rng.choice(len(stored_rows), 3, replace=False)]
        added_rows = [row[:4] + ((f"2026-11-{1 + attempt % 28:02d}T10:00:00+00:00",)
                                 if rng.random() < 0.4 else (row[4],)) + row[5:]
                      for row in picked[:int(rng.integers(0, 4))]]
        added = written_forms.fresh_columns(columns, added_rows, names)
        parts = [(1, base), (-1, CellSums.from_columns(stored.take(out), questionnaire)),
                 (1, CellSums.from_columns(added, questionnaire))]
        truth = CellSums.from_columns(written_forms.joined(stored.take(~out), added),
                                      questionnaire)
        in_place += cell_sums_in_place.in_place(parts) is not None
        assert cell_sums.equal(cell_sums.combine(parts), truth), attempt
        assert cell_sums.equal(cell_sums_combine._merged(parts), truth), attempt
    assert in_place >= 10


def test_combine_in_place_moves_a_form_into_a_new_cell_and_empties_its_old_one(
        questionnaire):
    """An edit that changes a profile answer (the form moves to a cell the stored sums do
    not have, its old cell left with no form, its round and day with it) and a deletion
    of a cell's only form: added in place, with the cells, rounds and days inserted and
    dropped as a fresh sum lists them."""
    columns = column_snapshot.snapshot_columns(questionnaire)
    names = {"R1": "Ronda 1", "R2": "Ronda 2"}
    stored_rows = rows_of(questionnaire, 200, 12, ("R1",))
    lone = stored_rows[0][:1] + ("R2",) + stored_rows[0][2:4] + \
        ("2026-12-24T10:00:00+00:00",) + stored_rows[0][5:]  # alone in its round and day
    stored_rows[0] = lone
    stored = written_forms.fresh_columns(columns, stored_rows, names)
    base = cell_sums.decode(*cell_sums.encode(CellSums.from_columns(stored, questionnaire)))
    answers = json.loads(lone[5])
    taken = {_profile(json.loads(row[5])) for row in stored_rows if row[5]}
    codes = {qid: [str(c.code) for c in questionnaire.question(qid).choices]
             for qid in ("institution", "post", "unit_type", "rank_band")}
    answers.update(next(dict(zip(codes, combo)) for combo in _combinations(codes)
                        if combo not in taken))  # a profile no stored form has
    edited = [lone[:1] + ("R1",) + lone[2:4] + ("2026-10-06T10:00:00+00:00",)
              + (json.dumps(answers, sort_keys=True),)]
    out = np.zeros(stored.size, dtype=bool)
    out[0] = True
    for after in (edited, []):  # edited into a new cell; deleted
        added = written_forms.fresh_columns(columns, after, names)
        parts = [(1, base), (-1, CellSums.from_columns(stored.take(out), questionnaire)),
                 (1, CellSums.from_columns(added, questionnaire))]
        truth = CellSums.from_columns(written_forms.joined(stored.take(~out), added),
                                      questionnaire)
        assert "Ronda 2" in base.keys["round"] and "2026-12-24" in base.days
        assert "Ronda 2" not in truth.keys["round"] and "2026-12-24" not in truth.days
        assert (_cells(truth) - _cells(base)) == ({_profile(answers) + ("Ronda 1",)}
                                                  if after else set())
        found = cell_sums_in_place.in_place(parts)
        assert found is not None
        assert cell_sums.equal(found, truth)
        assert cell_sums.equal(cell_sums_combine._merged(parts), truth)


def _cells(sums: CellSums) -> set[tuple]:
    """The group keys of every cell."""
    return {tuple(sums.keys[d][c] for d, c in zip(sums.dims, row)) for row in sums.codes}


def _profile(answers: dict) -> tuple:
    return tuple(answers.get(q) for q in ("institution", "post", "unit_type", "rank_band"))


def _combinations(codes: dict[str, list[str]]):
    import itertools
    return itertools.product(*codes.values())


def test_written_rows_by_binary_search_equal_a_scan():
    rng = np.random.default_rng(9)
    uuids = [f"{rng.integers(1 << 62):036x}"[-36:] for _ in range(3_000)]
    base = {"uuid": np.array(uuids, dtype=object)}
    data = "\n".join(uuids).encode()
    order = _encoded_uuids(base)[0][2]
    assert written_forms.written_rows_searched(
        lambda o, n: data[o:o + n], lambda o, n: order[o:o + n], (len(data), len(order)),
        len(uuids), [], 36).sum() == 0
    for count in (1, 5, 16):
        written = list(rng.choice(uuids, count, replace=False)) + ["f" * 36, "0" * 36]
        searched = written_forms.written_rows_searched(
            lambda o, n: data[o:o + n], lambda o, n: order[o:o + n],
            (len(data), len(order)), len(uuids), written, 36)
        assert np.array_equal(searched, written_forms.written_rows(data, len(uuids), written))
        assert searched.sum() == count
    # Parts of other sizes (or a row number outside the snapshot) cannot be searched.
    assert written_forms.written_rows_searched(
        lambda o, n: data[o:o + n], lambda o, n: order[o:o + n],
        (len(data), len(order) - 4), len(uuids), written, 36) is None
    assert written_forms.written_rows_searched(  # no width said: not searched
        lambda o, n: data[o:o + n], lambda o, n: order[o:o + n], (len(data), len(order)),
        len(uuids), written) is None
    bad = np.full(len(uuids), 10**6, dtype=np.int32).tobytes()
    assert written_forms.written_rows_searched(
        lambda o, n: data[o:o + n], lambda o, n: bad[o:o + n], (len(data), len(bad)),
        len(uuids), written, 36) is None


def _encoded_uuids(base):
    """The uuid order part `snapshot_parts.encode` writes for these uuids."""
    order = np.argsort(np.asarray(base["uuid"], dtype=str), kind="stable")
    return [(column_snapshot.UUID_ORDER, "", order.astype(np.int32).tobytes())]


def test_the_uuid_order_part_is_checked(questionnaire):
    columns = column_snapshot.snapshot_columns(questionnaire)
    base = column_snapshot.base_from_rows(columns, rows_of(questionnaire, 50, 4))
    parts = {name: (meta, data) for name, meta, data in snapshot_parts.encode(base, columns)}
    uuids = np.array(parts["uuid"][1].split(b"\n"), dtype=bytes)
    assert snapshot_parts.uuid_order_fits(parts, uuids)
    order = np.frombuffer(parts[column_snapshot.UUID_ORDER][1], dtype=np.int32).copy()
    order[[3, 7]] = order[[7, 3]]
    parts[column_snapshot.UUID_ORDER] = ("", order.tobytes())
    assert not snapshot_parts.uuid_order_fits(parts, uuids)
    del parts[column_snapshot.UUID_ORDER]  # a snapshot stored by an older version
    assert snapshot_parts.uuid_order_fits(parts, uuids)


def test_ids_of_several_lengths_that_add_up_to_fixed_width_are_not_read_as_records():
    """A bundle may carry any short id: one of 35 characters and one of 37 make a uuid
    part of the size of 36-character ones. Read as fixed-width records, the rows between
    them are shifted by a byte: a written form is missed (the dashboard would count its
    old and new versions) or another row taken out. The width is the one checked when the
    part was made, never guessed from its size."""
    rng = np.random.default_rng(12)
    uuids = sorted(f"{rng.integers(1 << 62):036x}"[-36:] for _ in range(400))
    uuids[0], uuids[-1] = "0" * 35, "f" * 37  # the hostile pair: sizes add up
    data = "\n".join(uuids).encode()
    assert len(data) == 400 * 37 - 1  # what a 36-character part would measure
    assert written_forms.uniform_width(data, len(uuids)) is None
    written = [uuids[5], uuids[200], uuids[399]]
    expected = [5, 200, 399]
    assert list(np.flatnonzero(written_forms.written_rows(data, len(uuids), written))) \
        == expected
    hit = written_forms.written_rows_read(lambda o, n: data[o:o + n], len(data),
                                          len(uuids), written[:2])
    assert list(np.flatnonzero(hit)) == expected[:2]
    order = np.arange(len(uuids), dtype=np.int32).tobytes()  # they are sorted already
    assert written_forms.written_rows_searched(
        lambda o, n: data[o:o + n], lambda o, n: order[o:o + n], (len(data), len(order)),
        len(uuids), written[:2], written_forms.uniform_width(data, len(uuids))) is None


def test_the_uuid_part_says_its_width_only_when_every_id_has_it(questionnaire):
    columns = column_snapshot.snapshot_columns(questionnaire)
    rows = rows_of(questionnaire, 30, 5)
    parts = {name: (meta, data) for name, meta, data in
             snapshot_parts.encode(column_snapshot.base_from_rows(columns, rows), columns)}
    assert written_forms.stored_width(parts["uuid"][0]) == 36
    uuids = np.array(parts["uuid"][1].split(b"\n"), dtype=bytes)
    assert snapshot_parts.uuid_order_fits(parts, uuids)
    mixed = [("0" * 35 if i == 0 else "f" * 37 if i == 29 else row[0], *row[1:])
             for i, row in enumerate(rows)]
    parts = {name: (meta, data) for name, meta, data in
             snapshot_parts.encode(column_snapshot.base_from_rows(columns, mixed), columns)}
    assert written_forms.stored_width(parts["uuid"][0]) is None
    lying = (json.dumps({"kind": "lines", "width": 36}), parts["uuid"][1])
    parts["uuid"] = lying  # a part that claims a width its lines do not have
    uuids = np.array(parts["uuid"][1].split(b"\n"), dtype=object)
    assert not snapshot_parts.uuid_order_fits(parts, uuids)


def test_changed_only_drops_forms_equal_in_every_analysed_value(questionnaire):
    """A stored row and a live row equal in every analysed value (unanswered ones
    included) cancel out, each matched once; a changed answer, keying time or round
    keeps both; a deleted form (no live row) and a new one (no stored row) are kept."""
    columns = column_snapshot.snapshot_columns(questionnaire)
    names = {"R1": "Ronda 1", "R2": "Ronda 2"}
    rows = rows_of(questionnaire, 6, 40, ("R1",))
    answers = json.loads(rows[1][5])
    answers["r03_impact"] = "1" if answers.get("r03_impact") != "1" else "2"
    live = [rows[0],                                     # verified: unchanged
            rows[1][:5] + (json.dumps(answers),),        # an analysed answer edited
            rows[2][:4] + ("2026-11-30T08:00:00+00:00",) + rows[2][5:],  # another day
            rows[3][:1] + ("R2",) + rows[3][2:],         # another round
            rows[0],                                     # the same values once more
            rows[5]]                                     # new since; rows[4] deleted
    old = written_forms.fresh_columns(columns, rows[:5], names)
    fresh = written_forms.fresh_columns(columns, live, names)
    keep_old, keep_fresh = written_forms.changed_only(old, fresh)
    assert keep_old.tolist() == [False, True, True, True, True]
    assert keep_fresh.tolist() == [False, True, True, True, True, True]
    together = written_forms.fresh_columns(columns, rows[:5] + live, names)  # one pass
    assert written_forms.changed_only_within(together, 5).tolist() == \
        keep_old.tolist() + keep_fresh.tolist()
    stored = CellSums.from_columns(old, questionnaire)
    now = CellSums.from_columns(fresh, questionnaire)
    kept = CellSums.of_sets(written_forms.joined(old.take(keep_old), fresh.take(keep_fresh)),
                            np.repeat([0, 1], [keep_old.sum(), keep_fresh.sum()]), 2,
                            questionnaire)
    base = cell_sums.decode(*cell_sums.encode(stored))
    assert cell_sums.equal(cell_sums.combine([(1, base), (-1, kept[0]), (1, kept[1])]),
                           now)
