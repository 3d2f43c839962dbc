"""The dashboard with many forms written since the snapshot never disagrees with the answers.

Random runs of bulk saves (a few forms, or about a thousand: below and across the count
that makes a load store the snapshot again), edits, deletes, verifications and loads on a
project whose snapshot and stored sums were taken first. After every step the dashboard
loads as the window loads it (the stored sums patched with the forms written since), and
for random filters and minimum group sizes its figures equal those recomputed from the
answer rows alone, and no shown figure comes from fewer forms than the minimum."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from desktop.domain import cell_sums
from desktop.domain.answer_frame import analysed_questions, build_answer_frame
from desktop.domain.demo_forms import generate_forms
from desktop.services import analysis_table, cell_sums_cache
from desktop.services.analysis_service import AnalysisService, analysis_for
from desktop.services.demo_service import fill_demo
from desktop.services.form_service import Actor, FormService
from desktop.services.project import Project
from desktop.storage import analysis_store
from write_helpers import FormWrites

FILTERS = ({}, {"post": "1"}, {"institution": "2"}, {"round": "Ronda W"},
           {"unit_type": "3", "rank_band": "1"})
COUNTED = ("n", "count")  # the columns that say how many forms a shown row stands for


@pytest.fixture(scope="module")
def taken(tmp_path_factory) -> Path:
    """A project of 60 forms whose snapshot and dashboard sums are stored."""
    path = tmp_path_factory.mktemp("writes") / "taken.db"
    project = Project.open(path)
    project.create_round("Ronda W", form_min=1, form_max=10_000)
    fill_demo(project, 60, seed=12, round_name="Ronda W")
    analysis_for(project, "en").compute({})  # snapshot and sums stored, as a first load
    assert not analysis_store.form_rows(project.db.conn, changed_only=True)
    project.close()
    return path


def recomputed(project: Project, filters: dict, min_n: int):
    q, conn = project.questionnaire, project.db.conn
    numeric, multi = analysed_questions(q)
    frame = build_answer_frame(q, analysis_store.forms(conn),
                               analysis_store.answers(conn, numeric + multi))
    return AnalysisService(q, frame, min_n, "en").compute(filters)


def check_dashboard(project: Project, min_ns: list[int], filters) -> None:
    shown = analysis_for(project, "en")
    for min_n in min_ns:
        at = shown.with_settings(min_n, "en")
        for chosen in filters:
            ours, truth = at.compute(chosen), recomputed(project, chosen, min_n)
            assert ours.n_forms == truth.n_forms
            assert ours.n_forms is None or ours.n_forms >= min_n
            assert (ours.first_day, ours.last_day) == (truth.first_day, truth.last_day)
            for name in ("scores", "climate", "exposure", "per_day", "per_post"):
                table = getattr(ours, name).reset_index(drop=True)
                pd.testing.assert_frame_equal(table, getattr(truth, name).reset_index(
                    drop=True), check_dtype=False, obj=f"{name} {chosen} min {min_n}")
                visible = ~table["suppressed"].to_numpy(dtype=bool)
                for column in COUNTED:
                    if column in table:
                        counts = table[column].to_numpy(dtype=float)[visible]
                        assert (counts >= min_n).all(), (name, column, chosen, min_n)


STEPS = st.lists(st.tuples(
    st.sampled_from(["saves", "edit", "delete", "verify", "load"]),
    st.one_of(st.integers(1, 40), st.integers(990, 1_010)),  # how many forms to save
    st.integers(0, 10_000)), min_size=1, max_size=4)


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(steps=STEPS, min_ns=st.lists(st.integers(1, 60), min_size=1, max_size=3),
       filters=st.lists(st.sampled_from(FILTERS), min_size=1, max_size=3))
# Always run: 999 saves and an edit (1,000 written: that load stores the snapshot again),
# then a few more patched in, a deletion and a verification since the new snapshot.
@example(steps=[("saves", 999, 3), ("edit", 1, 5), ("saves", 7, 1), ("delete", 1, 8)],
         min_ns=[1, 5, 40], filters=[{}, {"post": "1"}, {"round": "Ronda W"}])
@example(steps=[("saves", 1_005, 2), ("verify", 1, 4), ("saves", 3, 9), ("load", 1, 0)],
         min_ns=[3, 25], filters=[{"institution": "2"}, {"unit_type": "3", "rank_band": "1"}])
def test_dashboard_after_many_writes_matches_the_answer_rows(taken, tmp_path_factory,
                                                             steps, min_ns, filters):
    path = tmp_path_factory.mktemp("run") / "project.db"
    path.write_bytes(taken.read_bytes())
    project = Project.open(path)
    try:
        run_steps(project, steps, min_ns, filters)
    finally:
        project.close()


def run_steps(project: Project, steps, min_ns, filters) -> None:
    conn, q = project.db.conn, project.questionnaire
    writes = FormWrites(project, "Ronda W", "dev-w", list(generate_forms(q, 50, seed=13)))
    number = 1_000
    for step, (action, count, pick) in enumerate(steps):
        if action == "saves":
            for i in range(count):
                number += 1
                writes.keyer.save_new(writes.round_uuid, number, writes.form(pick + i).answers)
        elif action == "edit":
            writes.edit(pick)
        elif action == "delete":
            writes.delete(pick)
        elif action == "verify":
            writes.verify(pick)
        elif action == "load":  # the window's load: stores the snapshot past the threshold
            analysis_for(project, "en")
        written = len(analysis_store.form_rows(conn, statuses=("entered", "verified",
                                                               "deleted"),
                                               changed_only=True))
        sums, info = cell_sums_cache.load_sums(conn, q)
        if written < analysis_table.STORE_AFTER:  # the stored sums, patched if need be
            assert info.source == cell_sums_cache.STORED, f"step {step}: {action}"
            assert info.patched == written, f"step {step}: {action}"
        else:  # added up again from the snapshot stored anew, nothing left to patch
            assert info.source == cell_sums_cache.ADDED, f"step {step}: {action}"
            assert not analysis_store.form_rows(conn, changed_only=True)
        assert info.forms == sums.forms
        check_dashboard(project, min_ns, filters)
        assert np.isclose(sums.forms, len(analysis_store.forms(conn)))


def test_written_forms_found_without_the_order_part_and_a_bad_order_is_found(taken,
                                                                              tmp_path):
    """A snapshot stored by an older version (no uuid order part) is searched uuid by
    uuid instead, with the same figures; an order part that would mislead the search is a
    finding of `check` (the snapshot then differs)."""
    path = tmp_path / "project.db"
    path.write_bytes(taken.read_bytes())
    project = Project.open(path)
    try:
        conn, q = project.db.conn, project.questionnaire
        keyer = FormService(project.db, q, Actor("AM", "dev-w"))
        round_uuid = conn.execute("SELECT uuid FROM round WHERE name = 'Ronda W'").fetchone()[0]
        forms = list(generate_forms(q, 3, seed=21))
        for number, form in enumerate(forms, start=2_000):
            keyer.save_new(round_uuid, number, form.answers)
        edited = conn.execute("SELECT uuid FROM response ORDER BY uuid LIMIT 1").fetchone()[0]
        keyer.update(edited, forms[0].answers, reason="corrected")
        check_dashboard(project, [1, 7], FILTERS[:2])
        assert analysis_table.agrees(conn, q)
        order = conn.execute("SELECT data FROM analysis_snapshot WHERE name = 'uuid_order'"
                             ).fetchone()[0]
        swapped = order[4:8] + order[:4] + order[8:]
        with project.db.transaction() as tx:
            tx.execute("UPDATE analysis_snapshot SET data = ? WHERE name = 'uuid_order'",
                       (swapped,))
        assert not analysis_table.agrees(conn, q)
        with project.db.transaction() as tx:
            tx.execute("DELETE FROM analysis_snapshot WHERE name = 'uuid_order'")
        assert analysis_table.agrees(conn, q)
        sums, info = cell_sums_cache.load_sums(conn, q)
        assert info.patched == 4 and sums.forms == len(analysis_store.forms(conn))
        check_dashboard(project, [1, 7], FILTERS[:2])
    finally:
        project.close()


def test_forms_with_ids_of_several_lengths_are_patched_right(tmp_path):
    """Ids of 35 and 37 characters (a bundle may carry any short id) make a uuid part of
    the size of 36-character ones; an edit of a form stored between them must still take
    its old row out of the dashboard (it was counted twice: 61 forms of 60)."""
    project = Project.open(tmp_path / "mixed.db")
    project.create_round("Ronda W", form_min=1, form_max=10_000)
    fill_demo(project, 60, seed=12, round_name="Ronda W")
    conn = project.db.conn
    uuids = [u for (u,) in conn.execute("SELECT uuid FROM response ORDER BY uuid")]
    conn.execute("PRAGMA foreign_keys = OFF")  # ids as an older bundle may carry them
    with project.db.transaction():
        for old, new in ((uuids[0], "0" * 35), (uuids[-1], "z" * 37)):
            for table, column in (("response", "uuid"), ("form_answers", "response_uuid"),
                                  ("response_version", "response_uuid")):
                conn.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?",
                             (new, old))
        conn.execute("DELETE FROM analysis_snapshot")
        conn.execute("DELETE FROM analysis_dirty")
    conn.execute("PRAGMA foreign_keys = ON")
    analysis_for(project, "en").compute({})  # the snapshot and sums stored again
    service = FormService(project.db, project.questionnaire, Actor("AM", "dev"))
    service.update(uuids[30], dict(service.load(uuids[10]).answers), reason="typo")
    assert analysis_for(project, "en").compute({}).n_forms == 60
    check_dashboard(project, [1, 5], FILTERS[:3])
    project.close()


@pytest.fixture
def written(taken, tmp_path) -> Iterator[tuple[Project, FormWrites]]:
    """A copy of the taken project, open, with a keyer and a verifier writing 30 forms'
    answers into its round "Ronda W" (closed after the test)."""
    path = tmp_path / "project.db"
    path.write_bytes(taken.read_bytes())
    project = Project.open(path)
    try:
        yield project, FormWrites(project, "Ronda W", "dev-w",
                                  list(generate_forms(project.questionnaire, 30, seed=8)))
    finally:
        project.close()


def test_forms_saved_since_are_not_looked_for_in_the_stored_uuids(written, monkeypatch):
    """More forms saved since than a search takes, and one edited: the saved ones lie
    outside the first and last stored uuid (the order part's meta), so only the edited one
    is searched for and no uuid part is read through; the figures are the answers'."""
    project, writes = written
    conn, q = project.db.conn, project.questionnaire
    for number in range(cell_sums_cache.SEARCHED + 4):
        writes.keyer.save_new(writes.round_uuid, 3_000 + number,
                              writes.form(number).answers)
    writes.edit(2)

    def not_read_through(*args):
        raise AssertionError("every stored uuid read")

    monkeypatch.setattr(cell_sums_cache.written_forms, "written_rows_read",
                        not_read_through)
    sums, info = cell_sums_cache.load_sums(conn, q, store=False)
    assert (info.source, info.patched) == (cell_sums_cache.STORED,
                                           cell_sums_cache.SEARCHED + 5)
    check_dashboard(project, [1, 6], FILTERS[:3])


def test_edits_and_deletions_that_fill_or_empty_cells_are_added_in_place(written,
                                                                        monkeypatch):
    """Forms edited into profile cells the stored sums lack, and deletions that leave
    cells without forms (60 forms over some 2,000 cells: most cells hold one form), are
    added into the stored sums in place (no general merge); the figures are the
    answers'."""
    from desktop.domain import cell_sums_combine
    ways: list[bool] = []
    real = cell_sums_combine.in_place

    def watched(parts):
        found = real(parts)
        ways.append(found is not None)
        return found

    monkeypatch.setattr(cell_sums_combine, "in_place", watched)
    project, writes = written
    conn, q = project.db.conn, project.questionnaire
    cells = [_cells(cell_sums_cache.load_sums(conn, q, store=False)[0])]
    for pick in (2, 11, 17):
        writes.edit(pick)
        writes.delete(pick + 5)
        cells.append(_cells(cell_sums_cache.load_sums(conn, q, store=False)[0]))
        check_dashboard(project, [1, 4], FILTERS[:3])
    assert all(ways) and len(ways) >= 6
    assert cells[-1] - cells[0] and cells[0] - cells[-1]  # cells came and went


def _cells(sums) -> set[tuple]:
    """The group keys of every cell of some sums."""
    return {tuple(sums.keys[d][c] for d, c in zip(sums.dims, row)) for row in sums.codes}


def test_a_form_verified_without_a_discrepancy_is_not_summed(written, monkeypatch):
    """A verification that found nothing to settle changes no analysed value: the load
    takes the form's stored row and its live one as equal and sums neither; the figures
    are the answers'. An edit of an analysed answer next to it is summed."""
    project, writes = written
    conn, q = project.db.conn, project.questionnaire
    before = cell_sums_cache.load_sums(conn, q, store=False)[0]
    target = writes.live(4)
    verifier = writes.verifier
    assert verifier.compare(target, dict(verifier.form(target).answers)).verified

    def summed(*args, **kwargs):
        raise AssertionError("a form summed")

    with monkeypatch.context() as patch:
        patch.setattr(cell_sums_cache.CellSums, "of_sets", summed)
        patch.setattr(cell_sums_cache.CellSums, "from_columns", summed)
        sums, info = cell_sums_cache.load_sums(conn, q, store=False)
    assert (info.source, info.patched) == (cell_sums_cache.STORED, 1)
    assert cell_sums.equal(sums, before)
    check_dashboard(project, [1, 5], FILTERS[:3])
    writes.edit(9)
    sums, info = cell_sums_cache.load_sums(conn, q, store=False)
    assert info.patched == 2 and not cell_sums.equal(sums, before)
    check_dashboard(project, [1, 5], FILTERS[:3])


def test_a_few_written_forms_are_summed_through_the_small_input_path(written, monkeypatch):
    """A save, an edit and a deletion since the snapshot are each summed form by form
    (cell_sums_few.py, not the whole-column counting), with the same sums as the general
    path and the answers' figures."""
    from desktop.domain import cell_sums_few
    calls: list[int] = []
    real = cell_sums_few.per_cell

    def watched(cells, per_form):
        calls.append(len(per_form))
        return real(cells, per_form)

    monkeypatch.setattr(cell_sums_few, "per_cell", watched)
    project, writes = written
    conn, q = project.db.conn, project.questionnaire
    round_uuid = writes.round_uuid
    for step in ("save", "edit", "delete"):
        if step == "save":
            writes.keyer.save_new(round_uuid, 5_000, writes.form(3).answers)
        else:
            getattr(writes, step)(7)
        calls.clear()
        sums, info = cell_sums_cache.load_sums(conn, q, store=False)
        assert info.source == cell_sums_cache.STORED
        assert calls and max(calls) <= cell_sums_few.FEW_FORMS, step
        with monkeypatch.context() as patch:
            patch.setattr(cell_sums_few, "FEW_FORMS", 0)
            calls.clear()
            whole, _ = cell_sums_cache.load_sums(conn, q, store=False)
            assert not calls
        assert cell_sums.equal(sums, whole), step
        check_dashboard(project, [1, 4], FILTERS[:3])
