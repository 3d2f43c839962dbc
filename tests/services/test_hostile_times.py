"""A form's keying time comes from the laptop that keyed it, through a bundle whose format
accepts any YYYY-MM-DDTHH:MM text: a year 0001 or 9999 (beyond a nanosecond count), or a
30 February. One such form stopped the whole HQ dashboard (and its report) with a pandas
exception; now its day is unknown, like a form without a time, and every other figure
stands: first load, stored snapshot, and a patch of forms written since."""

from __future__ import annotations

import pytest

from desktop.services.analysis_service import analysis_for
from desktop.services.demo_service import fill_demo
from desktop.services.form_service import Actor, FormService
from desktop.services.project import Project

BAD_TIMES = ("0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-02-30T10:00:00Z",
             "2026-13-45T99:99:99Z")


@pytest.mark.parametrize("bad", BAD_TIMES)
def test_a_form_with_an_impossible_time_is_counted_without_a_day(tmp_path, bad):
    project = Project.open(tmp_path / "p.db")
    fill_demo(project, 40, seed=5)
    conn = project.db.conn
    first, second = [u for (u,) in conn.execute("SELECT uuid FROM response ORDER BY uuid "
                                                "LIMIT 2")]
    expected = analysis_for(project, "en").compute()  # the snapshot stored, all good
    with project.db.transaction():  # as an imported bundle would bring it
        conn.execute("UPDATE response SET created = ? WHERE uuid = ?", (bad, first))
    written = analysis_for(project, "en").compute()  # patched: a form written since
    assert written.n_forms == 40
    assert written.per_day["n"].sum() == 39  # its day unknown, every other form counted
    assert (written.first_day, written.last_day) == (expected.first_day, expected.last_day)
    service = FormService(project.db, project.questionnaire, Actor("AM", "dev"))
    service.update(second, dict(service.load(second).answers), reason="same answers")
    conn.execute("DELETE FROM analysis_snapshot")  # built again from the answer rows
    again = analysis_for(project, "en").compute()
    assert again.n_forms == 40 and again.per_day["n"].sum() == 39
    project.close()
