"""Child process for the crash test: saves forms forever, printing each uuid only after
`save_new` (and so COMMIT) has returned; asked to, every third save it also stores the
dashboard's analysis snapshot and then its per-profile-cell sums (a dashboard load), so a
kill can land inside either write too. Killed with
SIGKILL by the test."""

import os
import sys
from pathlib import Path

from desktop.domain.demo_forms import generate_forms
from desktop.services.form_service import Actor, FormService
from desktop.services.project import DatabaseLocator, Project


def main(path: str, start: int, store_snapshot: bool) -> None:
    key = os.environ.get("CRASH_DB_KEY")  # hex: the encrypted variant of the test
    project = Project.open(DatabaseLocator(Path(path), bytes.fromhex(key)) if key else path)
    round_ = project.rounds()[0]
    service = FormService(project.db, project.questionnaire, Actor("CR", "dev-crash"))
    forms = generate_forms(project.questionnaire, 100_000, seed=start)
    for number, form in enumerate(forms, start=start):
        change = service.save_new(round_.uuid, number, form.answers)
        print(change.uuid, flush=True)
        if store_snapshot and number % 3 == 0:
            from desktop.services import analysis_table  # pandas: only when asked
            from desktop.services import cell_sums_cache
            analysis_table.load_frame(project.db.conn, project.questionnaire, store_after=0)
            cell_sums_cache.load_sums(project.db.conn, project.questionnaire)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3:] == ["store"])
