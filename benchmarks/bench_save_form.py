"""Save one form (validate + write + audit) with 100k forms in the database, beside a
bare one-row SQLite commit with the same pragmas on the same disk, in the same run."""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks.fixtures import demo_database, fresh_copy
from benchmarks.table import BenchTable, median_ms

REPEAT = 200


def run(table: BenchTable) -> None:
    from desktop.domain.demo_forms import generate_forms
    from desktop.services.form_service import Actor, FormService
    from desktop.services.project import Project
    from desktop.storage.connection import connect

    with tempfile.TemporaryDirectory(dir=Path(__file__).parent) as folder:
        project = Project.open(fresh_copy(demo_database(), Path(folder)))
        round_ = project.create_round("Bench", target_count=REPEAT)
        service = FormService(project.db, project.questionnaire, Actor("BE", "dev-bench"))
        forms = iter(list(generate_forms(project.questionnaire, REPEAT + 5, seed=99)))
        counter = iter(range(1, 10**6))
        save = median_ms(lambda: service.save_new(round_.uuid, next(counter),
                                                  next(forms).answers), REPEAT)
        project.close()

        bare = connect(Path(folder) / "bare.db")
        bare.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT)")

        def one_row() -> None:
            bare.execute("BEGIN IMMEDIATE")
            bare.execute("INSERT INTO t (x) VALUES ('x')")
            bare.execute("COMMIT")

        baseline = median_ms(one_row, REPEAT)
        bare.close()
    table.add("save one form (100k forms in db), median", save, "ms",
              "bare one-row commit, same pragmas", baseline, "<= 3x")
