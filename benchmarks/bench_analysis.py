"""The dashboard's analysis snapshot at 100k forms (issue 14), each figure beside a
baseline measured in the same run on a private copy of the cached demo database:

- first load (the stored per-profile-cell sums read + the first compute: every table the
  dashboard draws) beside a bare read of the snapshot's bytes into numpy (wall and CPU),
  the same load with the scores of every group of every breakdown too (what a report or
  an export reads; the dashboard draws only the overall rows), a bare read of the stored
  sums row (informative), the same load adding the sums up from the columns (before V14),
  and a bare fetch of the long answer rows those numbers come from;
- the first load after 1,000 saves (stored sums patched with the forms written since);
- the same load after 1,000 saves (patched from the answer rows), and after an import
  (every form written: the snapshot is built again) beside the pre-snapshot read + pivot;
- a change of minimum group size or language (no form read);
- what the v7 triggers cost: a save, and an import of a 100k-form bundle, each with and
  without them.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.fixtures import demo_database, fresh_copy
from benchmarks.table import BARE_READ, BenchTable, median_ms, once_ms

N = 100_000
SAVES = 240
PATCHED = 1_000


def run(table: BenchTable) -> None:
    import numpy as np

    from desktop.domain.answer_frame import analysed_questions, build_answer_frame_grouped
    from desktop.services import analysis_table, cell_sums_cache
    from desktop.services.analysis_service import (AnalysisService, analysis_for,
                                                   read_columns, version_pool)
    from desktop.services.project import Project
    from desktop.storage import analysis_snapshot_store, analysis_store

    folder = Path(tempfile.mkdtemp(prefix="bench-analysis-"))
    try:
        project = Project.open(fresh_copy(demo_database(N), folder))
        conn, q = project.db.conn, project.questionnaire
        numeric, multi = analysed_questions(q)

        def old_read() -> None:  # what every load did before the snapshot
            build_answer_frame_grouped(q, analysis_store.forms(conn),
                                       analysis_store.answers_by_form(conn, numeric + multi))

        with project.db.transaction() as tx:
            analysis_snapshot_store.drop_snapshot(tx)
        before = once_ms(old_read)
        info = {}
        build = once_ms(lambda: info.update(
            result=analysis_table.load_frame(conn, q)[1]))
        assert info["result"].rebuilt and info["result"].stored
        table.add("analysis snapshot: build from answer rows 100k", build, "ms",
                  "pre-snapshot read + pivot", before, "once per import")

        def first_load() -> None:
            analysis_for(project, "en").compute({})

        def with_groups() -> None:  # a report's or export's first read of the scores
            analysis_for(project, "en").compute({}).scores

        def bare_snapshot() -> None:
            for _name, data in conn.execute(BARE_READ):
                np.frombuffer(data, dtype=np.uint8)

        def bare_long() -> None:
            marks = ", ".join("?" for _ in numeric + multi)
            conn.execute("SELECT response_uuid, question_id, value FROM answer "
                         f"WHERE question_id IN ({marks})", numeric + multi).fetchall()

        def bare_sums() -> None:
            for (data,) in conn.execute("SELECT data FROM analysis_cell_sums"):
                np.frombuffer(data, dtype=np.uint8)

        def sums_added_up() -> None:  # what every load did before the stored sums
            AnalysisService(q, read_columns(project), project.min_group_size, "en",
                            version_pool(project)).compute({})

        first_load()  # stores the per-profile-cell sums (V14) as a first load does
        first = median_ms(first_load, 9)
        bare = median_ms(bare_snapshot, 9)
        cpu = _cpu_ms(first_load, 9)
        bare_cpu = _cpu_ms(bare_snapshot, 9)
        table.add("dashboard first load 100k (stored sums+compute)", first, "ms",
                  "bare read of the snapshot bytes", bare, "<= 1 s, <= 2x bare")
        table.add("  the same, CPU time", cpu, "ms", "bare read of the snapshot, CPU",
                  bare_cpu)
        table.add("  the same + every group's scores (reports)", median_ms(with_groups, 9),
                  "ms", "bare read of the snapshot bytes", bare)
        table.add("  the same load (informative)", first, "ms",
                  "bare read of the stored sums row", median_ms(bare_sums, 9))
        table.add("  the same load, sums added up from the columns", median_ms(
            sums_added_up, 5), "ms", "stored sums (this run)", first, "before V14")
        long = once_ms(bare_long)
        table.add("dashboard first load 100k (same figure)", first, "ms",
                  "bare fetch of the long answer rows", long, "<= 1 s")
        table.add("dashboard first load 100k, before (same run)", before + first, "ms",
                  target="pre-snapshot read + the same sums")

        analysis = analysis_for(project, "en")
        cycle = iter(range(10**6))
        settings = median_ms(lambda: analysis.with_settings(
            5 + next(cycle) % 5, ("es", "en")[next(cycle) % 2]).compute({}), 15)
        table.add("min group size / language change (no form read)", settings, "ms",
                  target="<= 50 ms")

        current = median_ms(lambda: analysis_table.load_frame(conn, q, store=False), 3)
        saved = _save_forms(project, PATCHED, seed=11)
        start = time.perf_counter()
        frame, loaded = analysis_table.load_frame(conn, q, store=False)
        patched_ms = (time.perf_counter() - start) * 1000
        assert loaded.patched == PATCHED and len(frame) == N + PATCHED
        table.add(f"analysis load after {PATCHED} saves (patched)", patched_ms, "ms",
                  "same load, snapshot current", current)

        # The saves were keyed in a new round (round names are in the sums' fingerprint):
        # the sums of the snapshot as it is are stored once, the snapshot left as it is.
        cell_sums_cache.load_sums(conn, q, store_after=10 ** 9)

        def patched_load() -> None:  # not stored (at 1,000 a window load stores anew)
            sums, info = cell_sums_cache.load_sums(conn, q, store=False)
            assert info.source == cell_sums_cache.STORED and info.patched == PATCHED
            AnalysisService(q, sums, project.min_group_size, "en").compute({})

        table.add(f"dashboard first load, {PATCHED} forms written since (sums patched)",
                  median_ms(patched_load, 5), "ms", "same load, none written", first)
        # Saves with and without the triggers, in alternating blocks (a busy machine
        # drifts): the median of each.
        timings: dict[bool, list[float]] = {True: [], False: []}
        for block in range(6):
            triggers = block % 2 == 0
            if not triggers:
                dropped = _drop_triggers(conn)
            timings[triggers] += _save_times(project, SAVES // 6, seed=20 + block)
            if not triggers:
                for statement in dropped:
                    conn.execute(statement)
        table.add("save one form, v7 triggers (median)", statistics.median(timings[True]),
                  "ms", "same save without the triggers", statistics.median(timings[False]))
        project.close()
        _import_cost(table, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _cpu_ms(action, repeat: int) -> float:
    """Median CPU time of this process for `action`, in ms."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        action()
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times)


def _save_forms(project, count: int, seed: int) -> float:
    """Median ms of `count` saves through the form service, in a round of their own."""
    return statistics.median(_save_times(project, count, seed))


def _save_times(project, count: int, seed: int) -> list[float]:
    """The ms of `count` saves through the form service, in a round of their own."""
    from desktop.domain.demo_forms import generate_forms
    from desktop.services.form_service import Actor, FormService
    round_ = project.create_round(f"Bench {seed}", target_count=count)
    service = FormService(project.db, project.questionnaire, Actor("BE", "dev-bench"))
    forms = iter(list(generate_forms(project.questionnaire, count, seed=seed)))
    times = []
    for number in range(1, count + 1):
        answers = next(forms).answers
        start = time.perf_counter()
        service.save_new(round_.uuid, number, answers)
        times.append((time.perf_counter() - start) * 1000)
    return times


def _drop_triggers(conn) -> list[str]:
    """Drop the snapshot's dirty-mark triggers (the ones V7_ANALYSIS and V15_FORM_ANSWERS
    made); returns their SQL, to create them again exactly as they were."""
    found = conn.execute("SELECT name, sql FROM sqlite_master "
                         "WHERE type = 'trigger' AND name LIKE 'analysis_%'").fetchall()
    for name, _ in found:
        conn.execute(f"DROP TRIGGER {name}")
    return [sql for _, sql in found]


def _import_cost(table: BenchTable, folder: Path) -> None:
    """Import the same 100k-form bundle into an empty HQ database with and without the
    v7 triggers."""
    from desktop.services.device_identity import project_device_key
    from desktop.services.device_service import trust_device
    from desktop.services.export_service import export_bundle
    from desktop.services.import_service import import_bundles
    from desktop.services.keys_service import hq_init
    from desktop.storage.database import Database

    keys = hq_init(folder / "keys")
    field = fresh_copy(demo_database(N), folder / "field")
    device = project_device_key(field)
    out = folder / "out"
    out.mkdir()
    bundle = export_bundle(field, device, [keys.recipient], out, full=True).path
    wall, cpu = {}, {}
    for label in ("without", "with"):
        hq = folder / f"hq-{label}.db"
        db = Database.open(hq)
        if label == "without":
            _drop_triggers(db.conn)
        trust_device(db, device.fingerprint, "bench laptop")
        db.close()
        start = time.process_time()
        wall[label] = once_ms(lambda: import_bundles(hq, keys.identity_path, [bundle]))
        cpu[label] = (time.process_time() - start) * 1000
        hq.unlink()
    table.add("import + merge 100k forms, v7 triggers", wall["with"] / 1000, "s",
              "same import without the triggers", wall["without"] / 1000)
    table.add("  the same imports, CPU time of this process", cpu["with"] / 1000, "s",
              "without the triggers, CPU time", cpu["without"] / 1000)
