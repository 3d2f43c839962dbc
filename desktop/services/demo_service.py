"""Fill a project with synthetic forms (`riskmap demo`, Help > Demo project, benchmarks).

Forms are written through the same stores as keyed forms, each with its 'create' audit
row, in one transaction (progress is reported per batch): a failure leaves nothing. A round
that already has forms is refused before anything is written.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Callable

from ..domain.demo_forms import generate_forms
from ..domain.user_error import UserError
from ..storage import audit_store, response_store, round_store
from ..storage.audit_store import AuditEntry
from ..storage.clock import new_uuid
from ..storage.response_store import ResponseRow
from .project import Project

BATCH = 2000


def fill_demo(project: Project, n: int, seed: int = 1, round_name: str = "",
              device: str = "", progress: Callable[[int], None] | None = None) -> str:
    """Add `n` synthetic forms to a round (created if needed); returns the round uuid.

    The forms' device defaults to one named after the round ('demo-' and the random end
    of its uuid), so two demo databases never share a device name: each device keeps its
    own audit hash chain, and HQ checks that a device's chain continues."""
    name = round_name or f"Demo {seed}"
    with project.db.transaction():
        return _fill(project, n, seed, name, device, progress)


def _fill(project: Project, n: int, seed: int, name: str, device: str,
          progress: Callable[[int], None] | None) -> str:
    round_ = round_store.find_round(project.db.conn, name)
    if round_ is None:
        round_ = project.create_round(
            name, institution="Servicio de fronteras", place="Provincia fronteriza",
            start_date="2026-10-05", end_date="2026-10-09", target_count=n, form_min=1,
            form_max=max(n, 1))
    else:
        counts = response_store.count_by_status(project.db.conn, round_.uuid)
        if any(count for status, count in counts.items() if status != "deleted"):
            raise UserError("demo_round_taken", round=name)
    device = device or f"demo-{round_.uuid[-12:]}"
    start = dt.datetime(2026, 10, 5, 8, 0, tzinfo=dt.timezone.utc)
    entries: list[AuditEntry] = []
    answers: list[tuple[ResponseRow, dict[str, str]]] = []
    written = 0

    def flush() -> None:
        nonlocal written
        with project.db.transaction() as conn:
            for row, values in answers:
                response_store.insert_response(conn, row, values)
            audit_store.write_audit(conn, entries)
        written += len(answers)
        answers.clear()
        entries.clear()
        if progress:
            progress(written)

    for form in generate_forms(project.questionnaire, n, seed):
        stamp = start + dt.timedelta(days=form.day, minutes=3 * form.form_number)
        when = stamp.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        row = ResponseRow(uuid=new_uuid(), round_uuid=round_.uuid, form_number=form.form_number,
                          status="entered", operator=form.operator, device=device,
                          created=when, updated=when,
                          keystrokes=sum(len(v) + 1 for v in form.answers.values()),
                          entry_seconds=60.0 + len(form.answers) * 2.5)
        answers.append((row, form.answers))
        entries.append(AuditEntry("create", form.operator, device, row.uuid,
                                  new=json.dumps(form.answers, sort_keys=True)))
        if len(answers) >= BATCH:
            flush()
    if answers:
        flush()
    return round_.uuid
