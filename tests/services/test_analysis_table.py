"""The dashboard's stored analysis snapshot never disagrees with the answer rows.

Random runs of saves, edits, deletes, verifications, a conflict resolved, bundle imports,
dashboard loads (some of which store the snapshot) and damage to the stored sums on an HQ
database; after every step the dashboard loads as it does in the window (the stored
per-profile-cell sums, patched with the forms written since, whenever sums are stored),
and its figures equal those recomputed from the answer rows alone."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.bundle.device_key import DeviceKey
from desktop.domain import cell_sums
from desktop.domain.answer_frame import analysed_questions, build_answer_frame
from desktop.domain.demo_forms import generate_forms
from desktop.services import analysis_table, cell_sums_cache
from desktop.services.analysis_service import (AnalysisService, analysis_for, read_columns,
                                               version_pool)
from desktop.services.conflict_service import Choice, ConflictRefused, ConflictService
from desktop.services.demo_service import fill_demo
from desktop.services.export_service import export_bundle
from desktop.services.form_service import Actor, FormService
from desktop.services.import_service import import_bundles
from desktop.services.project import Project
from desktop.storage import analysis_snapshot_store, analysis_store

from conflict_scenarios import same_revision
from trust_helpers import enrol_fingerprints
from write_helpers import FormWrites

FILTERS = ({}, {"post": "1"}, {"institution": "2"}, {"round": "Ronda 1"})


@dataclass
class Prepared:
    hq: Path
    keys: object
    bundles: list[Path]


@pytest.fixture(scope="module")
def prepared(tmp_path_factory, questionnaire) -> Prepared:
    """An HQ database with an open conflict (two laptops edited one form), and a third
    laptop's two bundles (a full one, then edits, a deletion and new forms) to import."""
    folder = tmp_path_factory.mktemp("analysis")
    answers = next(generate_forms(questionnaire, 1, seed=3)).answers
    scenario = same_revision(folder / "scenario", answers)
    laptop = folder / "c.db"
    key = DeviceKey("dev-c", Ed25519PrivateKey.generate())
    project = Project.open(laptop)
    project.create_round("Ronda C", form_min=1, form_max=500)
    fill_demo(project, 30, seed=4, round_name="Ronda C", device="dev-c")
    service = FormService(project.db, project.questionnaire, Actor("LC", "dev-c"))
    out = folder / "out"
    out.mkdir()
    first = export_bundle(laptop, key, [scenario.keys.recipient], out, full=True).path
    uuids = [r[0] for r in project.db.conn.execute("SELECT uuid FROM response ORDER BY uuid")]
    forms = list(generate_forms(project.questionnaire, 40, seed=5))
    for uuid, form in zip(uuids[:5], forms):
        service.update(uuid, form.answers, reason="re-read the paper")
    service.delete(uuids[6], "keyed twice")
    round_uuid = project.db.conn.execute("SELECT uuid FROM round WHERE name = 'Ronda C'") \
        .fetchone()[0]
    for form in forms[31:36]:
        service.save_new(round_uuid, form.form_number, form.answers)
    project.close()
    second = export_bundle(laptop, key, [scenario.keys.recipient], out).path
    enrol_fingerprints(scenario.hq, key.fingerprint)  # HQ trusts the third laptop
    return Prepared(scenario.hq, scenario.keys, [first, second])


def recomputed(project: Project, filters: dict, min_n: int) -> object:
    """The dashboard's figures computed from the answer rows alone (no snapshot)."""
    q, conn = project.questionnaire, project.db.conn
    numeric, multi = analysed_questions(q)
    frame = build_answer_frame(q, analysis_store.forms(conn),
                               analysis_store.answers(conn, numeric + multi))
    return AnalysisService(q, frame, min_n, "en").compute(filters)


def assert_same_figures(project: Project, min_n: int = 1, filters=FILTERS) -> None:
    shown = analysis_for(project, "en")
    shown.min_n = min_n
    for filters in filters:
        ours, truth = shown.compute(filters), recomputed(project, filters, min_n)
        assert ours.n_forms == truth.n_forms
        assert (ours.first_day, ours.last_day) == (truth.first_day, truth.last_day)
        for name in ("scores", "climate", "exposure", "per_day", "per_post"):
            pd.testing.assert_frame_equal(getattr(ours, name).reset_index(drop=True),
                                          getattr(truth, name).reset_index(drop=True),
                                          check_dtype=False, obj=f"{name} {filters}")


OPERATIONS = st.lists(st.tuples(
    st.sampled_from(["save", "edit", "delete", "verify", "resolve", "import", "load",
                     "store", "damage"]),
    st.integers(0, 10_000)), min_size=1, max_size=10)


@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(operations=OPERATIONS)
def test_dashboard_figures_match_the_answer_rows(prepared, tmp_path_factory, operations):
    folder = tmp_path_factory.mktemp("run")
    hq = folder / "hq.db"
    shutil.copy(prepared.hq, hq)
    project = Project.open(hq)
    try:
        run_operations(project, prepared, hq, operations)
    finally:
        project.close()


def run_operations(project, prepared, hq, operations) -> None:
    conn = project.db.conn
    writes = FormWrites(project, "Ronda 1", "hq",
                        list(generate_forms(project.questionnaire, 60, seed=7)))
    keyer, round_uuid = writes.keyer, writes.round_uuid
    imported = 0
    for step, (action, pick) in enumerate(operations):
        if action == "save":
            number = 100 + pick % 400
            if not keyer.form_number_taken(round_uuid, number):
                keyer.save_new(round_uuid, number, writes.form(pick).answers)
        elif action == "edit":
            writes.edit(pick)
        elif action == "delete":
            writes.delete(pick)
        elif action == "verify":
            writes.verify(pick)
        elif action == "resolve":
            service = ConflictService(project, Actor("HQ", "hq"), "en")
            for summary in service.list_open():
                detail = service.detail(summary.id)
                try:
                    service.resolve(summary.id, {item.question_id: Choice(
                        "incoming" if pick % 2 else "hq") for item in detail.items},
                        reason="phoned the team")
                except ConflictRefused:  # HQ's form was deleted meanwhile
                    pass
        elif action == "import" and imported < len(prepared.bundles):
            report = import_bundles(hq, prepared.keys.identity_path,
                                    [prepared.bundles[imported]])
            assert report.bundles[0].new > 0, report.bundles[0]  # really imported
            imported += 1
        elif action == "load":
            analysis_table.load_frame(conn, project.questionnaire)
        elif action == "store":  # a load that stores the patched snapshot, however small
            analysis_table.load_frame(conn, project.questionnaire, store_after=0)
        garbled = False
        if action == "damage":  # the stored sums lost or garbled: added up again
            with project.db.transaction() as tx:
                hit = tx.execute(("UPDATE analysis_cell_sums SET data = data || x'00'",
                                  "UPDATE analysis_cell_sums SET meta = '{'",
                                  "DELETE FROM analysis_cell_sums")[pick % 3]).rowcount
            garbled = hit > 0 and pick % 3 < 2
        # `check` finds garbled sums, and nothing else.
        assert analysis_table.agrees(conn, project.questionnaire) is not garbled, \
            f"step {step}: {action}"
        # The dashboard's load: the stored sums whenever there are sound ones made for
        # this questionnaire and these round names (an import may bring a new round).
        analysed = version_pool(project).analysed
        key = cell_sums.fingerprint(analysed, analysis_store.round_names(conn))
        stored = conn.execute("SELECT COUNT(*) FROM analysis_cell_sums WHERE fingerprint = ?",
                              (key,)).fetchone()[0]
        sums, info = cell_sums_cache.load_sums(conn, project.questionnaire, analysed)
        expected = cell_sums_cache.ADDED if action == "damage" or not stored \
            else cell_sums_cache.STORED
        assert info.source == expected, f"step {step}: {action}"
        assert cell_sums_cache.stored_sums_agree(conn, project.questionnaire), f"step {step}"
        assert_same_figures(project, filters=FILTERS[:2])
    assert_same_figures(project)


def test_snapshot_is_stored_patched_and_rebuilt(demo_project):
    conn, q = demo_project.db.conn, demo_project.questionnaire
    frame, info = analysis_table.load_frame(conn, q)
    assert info.rebuilt and info.stored and len(frame) == 60
    assert analysis_snapshot_store.dirty_uuids(conn) == []
    service = FormService(demo_project.db, q, Actor("AM", "hq"))
    uuid = frame["uuid"].iloc[0]
    service.delete(uuid, "keyed twice")
    assert analysis_snapshot_store.dirty_uuids(conn) == [uuid]
    frame, info = analysis_table.load_frame(conn, q)
    assert not info.rebuilt and info.patched == 1 and not info.stored
    assert uuid not in set(frame["uuid"]) and len(frame) == 59
    assert analysis_table.agrees(conn, q)
    # A snapshot that lies (as a bug or a hand edit would leave it) is found and repaired.
    with demo_project.db.transaction() as tx:
        tx.execute("UPDATE analysis_snapshot SET data = zeroblob(length(data)) "
                   "WHERE name = 'q:r01_likelihood'")
    assert not analysis_table.agrees(conn, q)
    assert analysis_table.rebuild(conn, q) == 59
    assert analysis_table.agrees(conn, q)
    assert_same_figures(demo_project)


def test_a_writer_between_read_and_store_keeps_its_form_dirty(demo_project):
    """The load stores its snapshot only when no other connection wrote since it read."""
    conn, q = demo_project.db.conn, demo_project.questionnaire
    other = Project.open(demo_project.db.path)
    try:
        columns = analysis_table.column_snapshot.snapshot_columns(q)
        base, _, _, version = analysis_table._read(conn, columns)
        service = FormService(other.db, q, Actor("AM", "hq"))
        gone = base["uuid"][0]
        service.delete(gone, "keyed twice")
        assert not analysis_table._store(conn, base, columns, version)
        assert gone in analysis_snapshot_store.dirty_uuids(conn)
        frame, _ = analysis_table.load_frame(conn, q)
        assert gone not in set(frame["uuid"]) and len(frame) == 59
    finally:
        other.close()


def test_min_group_size_and_language_recompute_without_reading(demo_project, monkeypatch):
    analysis = analysis_for(demo_project, "en")

    def no_reading(*_args, **_kwargs):
        raise AssertionError("read the forms again")

    monkeypatch.setattr(analysis_table, "load_frame", no_reading)
    monkeypatch.setattr(analysis_table, "load_columns", no_reading)
    monkeypatch.setattr(cell_sums_cache, "load_sums", no_reading)
    spanish = analysis.with_settings(min_n=10, lang="es")
    assert spanish.sums is analysis.sums and spanish.min_n == 10 and spanish.lang == "es"
    data = spanish.compute({})
    assert data.min_n == 10 and data.lang == "es"
    monkeypatch.undo()
    truth = AnalysisService(demo_project.questionnaire, read_columns(demo_project), 10,
                            "es").compute({})
    pd.testing.assert_frame_equal(data.scores, truth.scores)
    pd.testing.assert_frame_equal(data.climate, truth.climate)


def test_the_random_runs_patch_imported_and_resolved_forms_by_their_kept_versions(
        prepared, tmp_path, monkeypatch):
    """The random runs' own steps: a bundle imported and stored, then a bundle that
    rewrites five of its forms and deletes one, a conflict resolved, an edit, a deletion
    and a verification. Every form rewritten since the snapshot is taken out by the
    version kept before its first write (V16_DASH_BEFORE), no stored row is picked out of
    the snapshot, and `check` and the figures agree with the answer rows at every step."""
    kept: list[int] = []
    real = cell_sums_cache._kept_before

    def watched(*args):
        found = real(*args)
        kept.append(len(found[0]))
        return found

    def not_picked(*args):
        raise AssertionError("a stored row picked out of the snapshot")

    monkeypatch.setattr(cell_sums_cache, "_kept_before", watched)
    monkeypatch.setattr(cell_sums_cache, "_stored_rows", not_picked)
    hq = tmp_path / "hq.db"
    shutil.copy(prepared.hq, hq)
    project = Project.open(hq)
    try:
        run_operations(project, prepared, hq, [("store", 0), ("import", 0), ("store", 0),
                                               ("import", 0), ("resolve", 1), ("edit", 3),
                                               ("delete", 8), ("verify", 2)])
    finally:
        project.close()
    assert 6 in kept and max(kept) > 6  # the bundle's five edits and deletion, then HQ's
