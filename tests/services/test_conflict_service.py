"""Conflict resolution at HQ: listing and showing conflicts made by two real laptops,
each kind of resolution, refusals that write nothing, the audit rows, the incoming
version kept, and imports after a resolution changing nothing."""

from __future__ import annotations

import json

import pytest
from conflict_scenarios import same_number, same_revision

from desktop.services.conflict_service import Choice, ConflictRefused, ConflictService
from desktop.services.export_service import export_bundle
from desktop.services.form_service import Actor
from trust_helpers import import_trusted
from desktop.services.project import Project
from desktop.storage import conflict_store, response_store

ANALYST = Actor("HQ-ANA", "dev-hq")


@pytest.fixture
def revision_case(tmp_path, valid_answers):
    scenario = same_revision(tmp_path, valid_answers)
    project = Project.open(scenario.hq)
    yield scenario, project, ConflictService(project, ANALYST, "en")
    project.close()


@pytest.fixture
def number_case(tmp_path, valid_answers):
    scenario = same_number(tmp_path, valid_answers)
    project = Project.open(scenario.hq)
    yield scenario, project, ConflictService(project, ANALYST, "en")
    project.close()


def _audit(project, action):
    return [dict(r) for r in project.db.conn.execute(
        "SELECT operator, device, question_id, old, new, reason FROM audit_log "
        "WHERE action = ? ORDER BY id", (action,))]


def _dump(project):
    project.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return "\n".join(project.db.conn.iterdump())


def test_open_conflict_is_listed_with_both_sides(revision_case):
    scenario, _project, service = revision_case
    (summary,) = service.list_open()
    assert service.count_open() == 1
    assert (summary.reason, summary.round_name, summary.form_number) == \
        ("same_revision", "Ronda 1", 5)
    assert (summary.hq.device, summary.hq.operator, summary.hq.revision) == ("dev-a", "AM", 2)
    assert (summary.incoming.device, summary.incoming.operator, summary.incoming.revision) \
        == ("dev-b", "JR", 2)
    assert summary.hq.time and summary.incoming.time and summary.differences == 3
    assert not summary.may_keep_both
    detail = service.detail(summary.id)
    assert [(i.number, i.hq_value, i.incoming_value) for i in detail.items] == [
        ("B1b", "2", "9"), ("C1", "1", "5"), ("E1", "A", "B")]
    assert detail.items[1].label.startswith("I know how to report")
    spanish = ConflictService(service.project, ANALYST, "es").detail(summary.id)
    assert spanish.items[1].label != detail.items[1].label


def test_resolve_with_hq_incoming_and_typed_values(revision_case):
    scenario, project, service = revision_case
    (summary,) = service.list_open()
    record_before = conflict_store.get_conflict(project.db.conn, summary.id).record
    change = service.resolve(summary.id, {
        "r01_impact": Choice("incoming"), "c1_knows_reporting": Choice("hq"),
        "comment": Choice("typed", "A and B agree")}, reason="phoned both teams")
    form = response_store.get_form(project.db.conn, scenario.form_uuid)
    assert change.revision == form.response.revision == 3
    assert (form.answers["r01_impact"], form.answers["c1_knows_reporting"],
            form.answers["comment"]) == ("9", "1", "A and B agree")
    rows = _audit(project, "conflict_resolved")
    assert [(r["question_id"], r["old"], r["new"]) for r in rows] == [
        ("r01_impact", "2", "9"), ("c1_knows_reporting", "1", "1"),
        ("comment", "A", "A and B agree"), (None, "revision 2", "revision 3")]
    assert {(r["operator"], r["device"], r["reason"]) for r in rows} == \
        {("HQ-ANA", "dev-hq", "phoned both teams")}
    stored = conflict_store.get_conflict(project.db.conn, summary.id)
    assert stored.status == "resolved" and stored.resolved_by == "HQ-ANA"
    assert stored.resolved_at and stored.record == record_before  # the incoming kept as is
    resolution = json.loads(stored.resolution)
    assert resolution["kind"] == "merged" and resolution["choices"]["comment"] == \
        {"decision": "typed", "value": "A and B agree"}
    assert service.list_open() == [] and service.count_open() == 0
    with pytest.raises(ConflictRefused) as refused:
        service.resolve(summary.id, {}, reason="again")
    assert refused.value.key == "resolved_already"


def test_invalid_typed_value_is_refused_and_nothing_is_written(revision_case):
    scenario, project, service = revision_case
    (summary,) = service.list_open()
    before = _dump(project)
    assert service.check_value(summary.id, "c1_knows_reporting", "7") is not None
    assert service.check_value(summary.id, "c1_knows_reporting", "4") is None
    with pytest.raises(ConflictRefused) as refused:
        service.resolve(summary.id, {"r01_impact": Choice("hq"),
                                     "c1_knows_reporting": Choice("typed", "7"),
                                     "comment": Choice("hq")}, reason="typo")
    assert refused.value.key == "invalid"
    assert [p.question_id for p in refused.value.problems] == ["c1_knows_reporting"]
    for choices, reason, key in (({"r01_impact": Choice("hq")}, "x", "undecided"),
                                 ({}, "  ", "no_reason")):
        with pytest.raises(ConflictRefused) as refused:
            service.resolve(summary.id, choices, reason=reason)
        assert refused.value.key == key
    with pytest.raises(ConflictRefused) as refused:
        service.keep_both(summary.id, 9, reason="two papers")
    assert refused.value.key == "not_two_forms"
    assert _dump(project) == before and service.count_open() == 1


def test_same_number_kept_as_two_forms(number_case):
    scenario, project, service = number_case
    (summary,) = service.list_open()
    assert summary.reason == "form_number" and summary.may_keep_both
    assert summary.hq.device == "dev-a" and summary.incoming.device == "dev-b"
    assert [i.question_id for i in service.detail(summary.id).items] == \
        ["c2_trusts_investigation", "comment"]
    for number, key in ((7, "duplicate"), (600, "number_range")):
        with pytest.raises(ConflictRefused) as refused:
            service.keep_both(summary.id, number, reason="two papers")
        assert refused.value.key == key
    change = service.keep_both(summary.id, 8, reason="second paper was misnumbered")
    assert change.uuid == scenario.form_uuid
    new = response_store.get_form(project.db.conn, scenario.form_uuid)
    assert (new.response.form_number, new.response.device, new.answers["comment"]) == \
        (8, "dev-b", "B")
    assert new.response.revision == 2
    held = response_store.find_form(project.db.conn, scenario.round_uuid, 7)
    assert response_store.get_form(project.db.conn, held).answers["comment"] == "A"
    (row,) = _audit(project, "conflict_kept_both")
    assert (row["old"], row["new"], row["reason"]) == ("7", "8",
                                                       "second paper was misnumbered")
    assert service.list_open() == []
    stored = conflict_store.get_conflict(project.db.conn, summary.id)
    assert json.loads(stored.resolution)["kind"] == "kept_both"


def test_same_number_merged_into_hq_form(number_case):
    scenario, project, service = number_case
    (summary,) = service.list_open()
    change = service.resolve(summary.id, {"c2_trusts_investigation": Choice("incoming"),
                                          "comment": Choice("hq")}, reason="same paper")
    held = response_store.find_form(project.db.conn, scenario.round_uuid, 7)
    assert change.uuid == held
    form = response_store.get_form(project.db.conn, held)
    assert form.answers["c2_trusts_investigation"] == "2" and form.answers["comment"] == "A"
    assert response_store.get_form(project.db.conn, scenario.form_uuid) is None
    assert service.count_open() == 0


def test_imports_after_resolving_change_nothing(revision_case, tmp_path):
    scenario, project, service = revision_case
    (summary,) = service.list_open()
    service.resolve(summary.id, {"r01_impact": Choice("hq"), "c1_knows_reporting": Choice("hq"),
                                 "comment": Choice("incoming")}, reason="checked the paper")
    before = _dump(project)
    report = import_trusted(scenario.hq, scenario.keys.identity_path, scenario.bundles)
    assert [b.status for b in report.bundles] == ["replay"] * 3
    # Laptop B sends everything again in a new bundle: its version is known, so unchanged.
    db_b, key_b = scenario.laptop_b
    again = export_bundle(db_b, key_b, [scenario.keys.recipient], tmp_path / "out",
                          full=True).path
    (bundle,) = import_trusted(scenario.hq, scenario.keys.identity_path, [again]).bundles
    assert bundle.status == "imported" and bundle.conflicting == 0 and bundle.updated == 0
    assert service.count_open() == 0
    form = response_store.get_form(project.db.conn, scenario.form_uuid)
    assert form.response.revision == 3 and form.answers["comment"] == "B"
    assert before.count("INSERT INTO \"response\"") == _dump(project).count(
        "INSERT INTO \"response\"")



def test_same_number_resent_after_merging_opens_no_new_conflict(number_case, tmp_path):
    scenario, project, service = number_case
    (summary,) = service.list_open()
    service.resolve(summary.id, {"c2_trusts_investigation": Choice("hq"),
                                 "comment": Choice("hq")}, reason="same paper")
    db_b, key_b = scenario.laptop_b
    again = export_bundle(db_b, key_b, [scenario.keys.recipient], tmp_path / "out",
                          full=True).path
    (bundle,) = import_trusted(scenario.hq, scenario.keys.identity_path, [again]).bundles
    assert bundle.status == "imported" and bundle.new == 0
    assert bundle.conflicting == 1  # the import still counts it (import_service, left)
    assert service.count_open() == 0  # the version kept stays resolved (stored once)
    assert len(conflict_store.list_conflicts(project.db.conn, status=None)) == 1
