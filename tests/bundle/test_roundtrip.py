"""Round trip (hypothesis): random valid forms, edits and deletions -> export -> import
into an empty HQ database gives the same rounds, forms, answers and audit rows; a second
incremental export carries only what changed, and merges as updates."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.services.device_identity import project_device_key
from desktop.domain.demo_forms import generate_forms
from desktop.services.export_service import export_bundle
from desktop.services.form_service import Actor, FormRefused, FormService
from trust_helpers import import_trusted
from desktop.services.keys_service import hq_init
from desktop.services.project import Project

FORM_SQL = ("SELECT uuid, round_uuid, form_number, status, operator, device, created, "
            "updated, revision, deleted_reason, keystrokes, entry_seconds FROM response "
            "ORDER BY uuid")
AUDIT_SQL = ("SELECT uuid, time, operator, device, action, response_uuid, question_id, old, "
             "new, reason FROM audit_log WHERE device != ? ORDER BY uuid")
ROUND_SQL = "SELECT uuid, name, institution, place, target_count FROM round ORDER BY uuid"

comments = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40) | \
    st.sampled_from(["=1+1", "+SUM(A1)", "-cmd", "@x", "año \"comillas\" \\ barra", "x\u2028y"])


def _state(path: Path, hq: bool = False) -> dict:
    """What the field database holds; at HQ, less HQ's own audit rows (its imports and
    enrolments, under HQ's own device id)."""
    project = Project.open(path)
    conn = project.db.conn
    own = project.device_key.device_id if hq else ""
    try:
        return {
            "forms": [tuple(r) for r in conn.execute(FORM_SQL)],
            "answers": sorted(tuple(r) for r in conn.execute(
                "SELECT response_uuid, question_id, value FROM answer")),
            "audit": [tuple(r) for r in conn.execute(AUDIT_SQL, (own,))],
            "rounds": [tuple(r) for r in conn.execute(ROUND_SQL)],
        }
    finally:
        project.close()


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), n=st.integers(1, 12),
       texts=st.lists(comments, min_size=1, max_size=4),
       deletions=st.lists(st.integers(0, 11), max_size=3),
       second_texts=st.lists(comments, max_size=3))
def test_export_import_round_trip(seed, n, texts, deletions, second_texts):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        keys = hq_init(root / "keys")
        field, hq, out = root / "field.db", root / "hq.db", root / "out"
        out.mkdir()
        project = Project.open(field)
        device = project.device_key
        round_ = project.create_round("Ronda =1", institution="+Aduanas", place="Puesto")
        service = FormService(project.db, project.questionnaire, Actor("OP", device.device_id))
        uuids = []
        for form, text in zip(generate_forms(project.questionnaire, n, seed),
                              texts * n):
            answers = dict(form.answers)
            answers["comment"] = text
            try:
                uuids.append(service.save_new(round_.uuid, form.form_number, answers).uuid)
            except FormRefused:
                uuids.append(service.save_new(round_.uuid, form.form_number,
                                              form.answers).uuid)
        for index in deletions:
            if index < len(uuids) and service.load(uuids[index]).response.status != "deleted":
                service.delete(uuids[index], "duplicate paper form")
        project.close()

        export_bundle(field, device, [keys.recipient], out)
        (first,) = import_trusted(hq, keys.identity_path, sorted(out.iterdir())).bundles
        assert first.status == "imported" and first.new == n, first
        assert _state(hq, hq=True) == _state(field)

        # an incremental export carries only the edited forms; HQ updates them
        project = Project.open(field)
        service = FormService(project.db, project.questionnaire, Actor("OP", device.device_id))
        edited = set()
        for uuid, text in zip(uuids, second_texts):
            stored = service.load(uuid)
            if stored.response.status == "deleted":
                continue
            try:
                change = service.update(uuid, {**stored.answers, "comment": text + " (2)"},
                                        reason="correction")
            except FormRefused:
                continue
            if change.action == "edit":
                edited.add(uuid)
        project.close()
        if not edited:
            return
        for old in out.iterdir():
            old.unlink()
        result = export_bundle(field, device, [keys.recipient], out)
        assert result.forms == len(edited)
        (second,) = import_trusted(hq, keys.identity_path, [result.path]).bundles
        assert (second.updated, second.new, second.conflicting) == (len(edited), 0, 0), second
        assert second.gaps == []
        assert _state(hq, hq=True) == _state(field)
