"""The stored version of a form edited, deleted or verified since the snapshot, kept by
triggers before its first write (schema v16, V16_DASH_BEFORE): the dashboard's patch
takes it instead of reading the form's row out of the snapshot's parts, and its figures
are still those recomputed from the answer rows. Forms not kept, a kept version that
cannot be read, and a file without the table are looked for in the snapshot as before."""

from __future__ import annotations

import pytest

from desktop.domain import cell_sums
from desktop.services import analysis_table, cell_sums_cache
from desktop.storage import analysis_snapshot_store as snapshots
from test_dashboard_writes import FILTERS, check_dashboard, run_steps, taken, written  # noqa: F401


def _not_read(*args, **kwargs):
    raise AssertionError("the snapshot's rows read for a kept form")


@pytest.fixture
def no_snapshot_reads(monkeypatch):
    """Any read of a stored part's bytes by the patch (a search of the stored uuids, a
    stored row picked out) fails the test; forms saved since are left out unread."""
    monkeypatch.setattr(cell_sums_cache.part_reader, "part_reader", _not_read)
    monkeypatch.setattr(cell_sums_cache, "_stored_rows", _not_read)


def test_random_run_of_edits_deletes_and_verifications_takes_the_kept_versions(
        written, no_snapshot_reads, monkeypatch):
    """The Hypothesis test's own steps (edits, deletions, verifications of stored forms,
    then saves) go through the kept versions, with no row of the snapshot read, and every
    figure equal to the answers' after each step."""
    project, _ = written
    kept: list[int] = []
    real = cell_sums_cache._kept_before

    def watched(*args):
        found = real(*args)
        kept.append(len(found[0]))
        return found

    monkeypatch.setattr(cell_sums_cache, "_kept_before", watched)
    run_steps(project, [("edit", 1, 3), ("delete", 1, 11), ("verify", 1, 4),
                        ("edit", 1, 3), ("saves", 5, 2), ("delete", 1, 40)],
              [1, 5], FILTERS[:3])
    assert kept and max(kept) >= 4


def test_the_kept_version_is_the_one_before_the_first_write(written):
    """Two edits of one form and a deletion after them: what is kept is the form as the
    snapshot holds it, not as the first edit left it."""
    project, writes = written
    conn = project.db.conn
    target = writes.live(6)
    stored = conn.execute("SELECT answers FROM form_answers WHERE response_uuid = ?",
                          (target,)).fetchone()[0]
    writes.keyer.update(target, writes.form(1).answers, reason="corrected")
    writes.keyer.update(target, writes.form(2).answers, reason="corrected again")
    writes.keyer.delete(target, "duplicate paper")
    status, *_, answers = snapshots.dirty_before(conn)[target]
    assert (status, answers) == ("entered", stored)
    check_dashboard(project, [1, 3], FILTERS[:2])


def test_a_form_without_answers_edited_is_kept_without_answers(written, no_snapshot_reads):
    """A stored form with no answers row edited: its answers are an INSERT (which no
    trigger sees) written before its response row, so the response row is written first
    and the form is kept as it was, without answers."""
    project, writes = written
    conn, q = project.db.conn, project.questionnaire
    target = writes.live(8)
    with project.db.transaction() as tx:
        tx.execute("DELETE FROM form_answers WHERE response_uuid = ?", (target,))
    analysis_table.load_frame(conn, q, store_after=0)  # a snapshot holding it blank
    cell_sums_cache.load_sums(conn, q)
    assert snapshots.dirty_before(conn) == {}
    writes.keyer.update(target, writes.form(5).answers, reason="keyed from the paper")
    assert snapshots.dirty_before(conn)[target][-1] is None
    sums, info = cell_sums_cache.load_sums(conn, q, store=False)
    assert (info.source, info.patched) == (cell_sums_cache.STORED, 1)
    check_dashboard(project, [1, 4], FILTERS[:3])


def test_a_kept_form_the_snapshot_does_not_hold_adds_nothing(written, no_snapshot_reads):
    """A form deleted before the snapshot and written again since (its reason changed) is
    kept with its status then: nothing of it is taken out, nothing added."""
    project, writes = written
    conn, q = project.db.conn, project.questionnaire
    target = writes.live(9)
    writes.delete(9)
    analysis_table.load_frame(conn, q, store_after=0)
    before = cell_sums_cache.load_sums(conn, q)[0]
    with project.db.transaction() as tx:
        tx.execute("UPDATE response SET deleted_reason = 'keyed twice' WHERE uuid = ?",
                   (target,))
    assert snapshots.dirty_before(conn)[target][0] == "deleted"
    sums, info = cell_sums_cache.load_sums(conn, q, store=False)
    assert (info.source, info.patched) == (cell_sums_cache.STORED, 1)
    assert cell_sums.equal(sums, before)
    check_dashboard(project, [1, 4], FILTERS[:2])


def test_a_kept_version_that_cannot_be_read_is_looked_for_in_the_snapshot(written,
                                                                          monkeypatch):
    """A kept answers text holding a list where a text belongs: every written form is
    looked for in the snapshot instead, and the figures are the answers'."""
    project, writes = written
    conn, q = project.db.conn, project.questionnaire
    writes.edit(4)
    writes.delete(12)
    with project.db.transaction() as tx:
        tx.execute("UPDATE analysis_dirty_before SET answers = '{\"post\": [\"1\"]}'")
    searched: list[int] = []
    real = cell_sums_cache._searched

    def watched(conn, listed, rows, looked_for):
        searched.append(len(looked_for))
        return real(conn, listed, rows, looked_for)

    monkeypatch.setattr(cell_sums_cache, "_searched", watched)
    sums, info = cell_sums_cache.load_sums(conn, q, store=False)
    assert searched == [2] and info.patched == 2
    check_dashboard(project, [1, 4], FILTERS[:3])


def test_without_the_table_every_written_form_is_looked_for(written, monkeypatch):
    """A file whose schema has no kept versions (its triggers and table gone, as before
    v16): the written forms are searched for in the snapshot, with the answers' figures."""
    project, writes = written
    conn, q = project.db.conn, project.questionnaire
    with project.db.transaction() as tx:
        for (name,) in tx.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                  "AND name LIKE 'analysis_before_%'").fetchall():
            tx.execute(f"DROP TRIGGER {name}")
        tx.execute("DROP TABLE analysis_dirty_before")
    writes.edit(3)
    writes.delete(10)
    assert snapshots.dirty_before(conn) is None
    searched: list[int] = []
    real = cell_sums_cache._searched
    monkeypatch.setattr(cell_sums_cache, "_searched",
                        lambda c, listed, rows, w: searched.append(len(w)) or
                        real(c, listed, rows, w))
    sums, info = cell_sums_cache.load_sums(conn, q)
    assert searched == [2] and info.patched == 2
    check_dashboard(project, [1, 4], FILTERS[:3])
    analysis_table.load_frame(conn, q, store_after=0)  # storing clears without the table
    assert not snapshots.has_dirty(conn)


def test_storing_the_snapshot_again_forgets_the_kept_versions(written):
    project, writes = written
    conn, q = project.db.conn, project.questionnaire
    writes.edit(2)
    writes.verify(5)
    assert len(snapshots.dirty_before(conn)) == 2
    analysis_table.load_frame(conn, q, store_after=0)
    assert conn.execute("SELECT COUNT(*) FROM analysis_dirty_before").fetchone()[0] == 0
    writes.delete(2)
    assert len(snapshots.dirty_before(conn)) == 1


def test_check_finds_a_kept_version_that_is_not_the_snapshots_and_repair_mends_it(written):
    """`check` compares each kept form with the snapshot's row of it: a kept answer
    changed by hand, or a form kept as not live while the snapshot holds it, is reported;
    `check --repair` builds the snapshot again and the figures are the answers'."""
    from desktop.services.snapshot_check import check_snapshot
    project, writes = written
    conn, q = project.db.conn, project.questionnaire
    writes.edit(3)
    writes.delete(14)
    assert check_snapshot(conn, q).ok
    for damage in ("UPDATE analysis_dirty_before SET answers = replace(answers, "
                   "'\"post\":\"', '\"post\":\"9') WHERE answers LIKE '%\"post\":\"%'",
                   "UPDATE analysis_dirty_before SET status = 'deleted'"):
        with project.db.transaction() as tx:
            tx.execute(damage)
        assert not check_snapshot(conn, q).ok, damage
        analysis_table.repair_database(conn)
        assert check_snapshot(conn, q).ok
        assert snapshots.dirty_before(conn) == {}
        writes.edit(3)
        writes.delete(20)
    check_dashboard(project, [1, 4], FILTERS[:2])


@pytest.mark.parametrize("table", ["analysis_dirty_before", "analysis_before_room"])
def test_a_table_dropped_by_hand_is_reported_and_restored_by_repair(written, table):
    """Without either table every write of a form fails (its triggers name both):
    `check` says so and `check --repair` creates it again; writes and figures are right
    after."""
    from desktop.services.snapshot_check import check_snapshot
    project, writes = written
    conn, q = project.db.conn, project.questionnaire
    with project.db.transaction() as tx:
        tx.execute(f"DROP TABLE {table}")
    assert snapshots.before_table_lost(conn)
    assert not check_snapshot(conn, q).ok
    analysis_table.repair_database(conn)
    assert not snapshots.before_table_lost(conn) and check_snapshot(conn, q).ok
    assert _room(conn) == [snapshots.KEPT_AT_MOST]  # one row, set by the snapshot rebuilt
    writes.edit(5)
    assert list(snapshots.dirty_before(conn)) == [writes.live(5)]
    check_dashboard(project, [1, 4], FILTERS[:2])


def test_no_more_forms_are_kept_than_the_room_and_the_rest_are_looked_for(written,
                                                                          monkeypatch):
    """With room for two, four stored forms edited: the first two are kept, the others
    are looked for in the snapshot, and the figures are the answers'; storing the
    snapshot again gives the room back."""
    project, writes = written
    conn, q = project.db.conn, project.questionnaire
    monkeypatch.setattr(snapshots, "KEPT_AT_MOST", 2)
    analysis_table.load_frame(conn, q, store_after=0)
    cell_sums_cache.load_sums(conn, q)
    edited = [writes.live(pick) for pick in (1, 7, 13, 19)]
    for pick in (1, 7, 13, 19):
        writes.edit(pick)
    assert list(snapshots.dirty_before(conn)) == edited[:2]
    searched: list[int] = []
    real = cell_sums_cache._searched
    monkeypatch.setattr(cell_sums_cache, "_searched",
                        lambda c, listed, rows, w: searched.append(len(w)) or
                        real(c, listed, rows, w))
    sums, info = cell_sums_cache.load_sums(conn, q, store=False)
    assert searched == [2] and info.patched == 4
    check_dashboard(project, [1, 4], FILTERS[:3])
    analysis_table.load_frame(conn, q, store_after=0)
    assert _room(conn) == [2]


def test_a_new_project_keeps_no_form_until_its_first_snapshot(tmp_path):
    """The step leaves no room (forms dirty before it were not kept); the first snapshot
    stored gives it."""
    from desktop.services.analysis_service import analysis_for
    from desktop.services.demo_service import fill_demo
    from desktop.services.project import Project
    project = Project.open(tmp_path / "new.db")
    try:
        conn = project.db.conn
        assert _room(conn) == [0]
        fill_demo(project, 5, seed=3)
        analysis_for(project, "en").compute({})
        assert _room(conn) == [snapshots.KEPT_AT_MOST]
    finally:
        project.close()


def _room(conn) -> list[int]:
    """How many more forms may be kept (one row)."""
    return [row[0] for row in conn.execute("SELECT forms FROM analysis_before_room")]
