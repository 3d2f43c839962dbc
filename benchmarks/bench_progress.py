"""Paper ledger, operator figures and the next form due over 100k forms (what the
progress and verification views read on every refresh), beside a bare scan of the form
numbers of the round in the same run; and one whole verification (compare + decisions +
finish) beside a bare one-row commit. Targets: refreshes below 300 ms."""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

from benchmarks.fixtures import demo_database, fresh_copy
from benchmarks.table import BenchTable, median_ms

REPEAT = 7


def run(table: BenchTable) -> None:
    from desktop.services.form_service import Actor
    from desktop.services.progress_service import ProgressService
    from desktop.services.project import Project
    from desktop.services.verification_demo import simulate_verifications
    from desktop.services.verification_service import VerificationService
    from desktop.storage import round_store

    with tempfile.TemporaryDirectory() as folder:
        project = Project.open(fresh_copy(demo_database(100_000), Path(folder)))
        conn = project.db.conn
        round_ = project.rounds()[0]
        with project.db.transaction():
            round_store.update_round(conn, dataclasses.replace(
                round_, verify_mode="every_nth", verify_value=250.0))
        simulate_verifications(project.db, project.questionnaire, round_.uuid,
                               share=0.5, first_error_rate=0.02)  # ~200 forms verified
        progress = ProgressService(project.db)
        verifier = VerificationService(project.db, project.questionnaire, Actor("BV", "b"))

        def refresh_progress() -> None:
            progress.ledger(round_.uuid)
            progress.sample_progress(round_.uuid)
            progress.operator_days(round_.uuid)

        ledger = median_ms(refresh_progress, REPEAT)
        due = median_ms(lambda: verifier.next_due(round_.uuid), REPEAT)
        scan = median_ms(lambda: conn.execute(
            "SELECT form_number, status FROM response WHERE round_uuid = ?",
            (round_.uuid,)).fetchall(), REPEAT)

        pending = iter(verifier.due(round_.uuid))

        def verify_one() -> None:
            uuid, _number = next(pending)
            second = dict(verifier.form(uuid).answers)
            changed = next(q for q in ("c1_knows_reporting", "r01_likelihood") if q in second)
            second[changed] = "1" if second[changed] != "1" else "2"
            result = verifier.compare(uuid, second)
            for item in result.items:
                verifier.resolve(result.verification_id, item.question_id, "keep_first")
            verifier.finish(result.verification_id)

        one = median_ms(verify_one, REPEAT)
        conn.execute("CREATE TABLE bench_commit (n INTEGER)")

        def bare_commit() -> None:
            with project.db.transaction():
                conn.execute("INSERT INTO bench_commit VALUES (1)")

        commit = median_ms(bare_commit, REPEAT)
        project.close()
    table.add("progress refresh (ledger+operators), 100k forms", ledger, "ms",
              "bare scan of the round's numbers", scan, "< 300 ms")
    table.add("verification next form due, 100k forms", due, "ms",
              "bare scan of the round's numbers", scan, "< 300 ms")
    table.add("one verification (compare, 1 decision, finish)", one, "ms",
              "bare one-row commit", commit, "3 commits")
