"""`riskmap data` over 100k forms: each format alone and all four together (read, build the
labelled table, guard, write), beside reading the same rows from SQLite in the same run
(aim: at most 3x the read); plus the guard alone on the 100k table."""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks.fixtures import demo_database
from benchmarks.table import BenchTable, once_ms

N = 100_000


def run(table: BenchTable) -> None:
    from desktop.domain.reid_guard import protect_rows
    from desktop.services.data_export import DataRequest, export_data, read_table
    from desktop.services.project import Project
    from desktop.storage import data_store

    path = demo_database(N)
    project = Project.open(path)
    try:
        ids = [q.id for q in project.questionnaire.questions() if q.type != "text"]

        def bare_read() -> None:
            data_store.data_forms(project.db.conn)
            data_store.data_answers(project.db.conn, ids)

        bare_read()  # warm the page cache for both sides alike
        baseline = min(once_ms(bare_read) for _ in range(3))
        built = []
        build = once_ms(lambda: built.append(read_table(project, DataRequest(lang="en"))))
        table.add("data: read + labelled table 100k forms", build, "ms",
                  "SQLite read of the same rows", baseline)
        data, k = built[0]
        guard = once_ms(lambda: protect_rows(data.frame, data.quasi_identifiers, k,
                                             data.suppressed_code))
        table.add("data: guard (k-anonymity) 100k forms", guard, "ms",
                  "SQLite read of the same rows", baseline)
    finally:
        project.close()
    with tempfile.TemporaryDirectory() as folder:
        for formats in (("csv",), ("xlsx",), ("dta",), ("sav",), ("csv", "xlsx", "dta", "sav")):
            out = Path(folder) / "-".join(formats)
            elapsed = once_ms(lambda: export_data(path, out, DataRequest(formats=formats,
                                                                         lang="en")))
            table.add(f"riskmap data {'+'.join(formats)} 100k forms", elapsed, "ms",
                      "SQLite read of the same rows", baseline, "<= 3x (aim)")
