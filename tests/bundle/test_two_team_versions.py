"""Two teams adapted the post list of the same questionnaire (same codes, other posts) and
sent their forms to HQ. The dashboard and the report must name the difference and must not
show one team's forms under the other team's post names (the bug reproduced in issue 11)."""

from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata

import pytest

from desktop.services.device_identity import project_device_key
from desktop.cli import main
from desktop.services.analysis_service import analysis_for
from desktop.services.demo_service import fill_demo
from desktop.services.export_service import export_bundle
from desktop.services.project import Project
from desktop.services.report_service import build_report

from bundle_helpers import import_into, make_hq_db

TEAM_POSTS = {
    "norte": ["Paso Los Andes", "Puesto Cumbre", "Aduana Alta"],
    "sur": ["Puerto Austral", "Paso Glaciar", "Terminal Sur"],
}


def _team_questionnaire(questionnaire, team, folder):
    """The default instrument with the first three posts renamed, version 1.0.0 kept (as
    teams do), so only the sha256 tells the two adaptations apart."""
    data = json.loads(questionnaire.source_text)
    post = next(q for s in data["sections"] for q in s["questions"] if q["id"] == "post")
    for choice, name in zip(post["choices"], TEAM_POSTS[team]):
        choice["label"] = {"es": name, "en": name}
    path = folder / f"{team}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _team_bundle(tmp_path, questionnaire, hq_keys, team):
    """A full bundle of 40 demo forms keyed by a team with its own post names."""
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    folder = tmp_path / team
    folder.mkdir()
    project = Project.open(folder / "field.db", _team_questionnaire(questionnaire, team, folder))
    fill_demo(project, 40, seed=len(team), round_name=f"Ronda {team}")
    project.close()
    key = project_device_key(folder / "field.db")
    return export_bundle(folder / "field.db", key, [hq_keys.recipient], out, full=True).path


@pytest.fixture
def hq_two_teams(tmp_path, questionnaire, hq_keys):
    bundles = [_team_bundle(tmp_path, questionnaire, hq_keys, team) for team in TEAM_POSTS]
    hq = make_hq_db(tmp_path / "hq.db")
    report = import_into(hq, hq_keys, *bundles)
    assert [b.status for b in report.bundles] == ["imported", "imported"], report
    return hq


def test_dashboard_data_names_the_difference_and_leaves_post_out(hq_two_teams):
    project = Project.open(hq_two_teams)
    try:
        analysis = analysis_for(project, "en")
    finally:
        project.close()
    data = analysis.compute()
    assert data.n_forms == 80
    notes = data.version_notes
    assert notes[0].startswith("Forms keyed with 2 questionnaire versions are analysed")
    post_notes = [n for n in notes if n.startswith("A2 ")]
    assert len(post_notes) == 1 and "codes mean different things" in post_notes[0]
    assert "left out of the pooled figures" in post_notes[0]
    # No figure shows forms under a post name: no post breakdown, no post filter.
    assert "post" not in analysis.dimensions
    assert "post" not in set(data.scores["dimension"])
    labels = " ".join(map(str, data.scores["group_label"])) + " ".join(
        map(str, data.per_post["label"]))
    for name in TEAM_POSTS["norte"] + TEAM_POSTS["sur"]:
        assert name not in labels
    assert len(data.per_post) == 0  # no forms-per-post chart under either team's names
    # The questions that agree are pooled as before.
    assert "institution" in analysis.dimensions
    assert not any(n.startswith("A1 ") for n in notes)


def test_report_names_the_difference(hq_two_teams, tmp_path):
    project = Project.open(hq_two_teams)
    try:
        analysis = analysis_for(project, "es")
        questionnaire = project.questionnaire
    finally:
        project.close()
    document = build_report(analysis.compute(), questionnaire)
    versions = document.sections[0]
    assert versions.title == "Versiones del cuestionario"
    assert "A2 " in versions.note and "excluida de las cifras combinadas" in versions.note
    out = tmp_path / "report"
    assert main(["report", "--db", str(hq_two_teams), "--out", str(out), "--lang", "en"]) == 0
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out / "report.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        flat = " ".join(unicodedata.normalize("NFKC", text).split())  # no ligatures
        assert "Questionnaire versions" in flat
        assert "codes mean different things" in flat
        for name in TEAM_POSTS["norte"] + TEAM_POSTS["sur"]:
            assert name not in flat or f"{name} /" in flat or f"/ {name}" in flat


def test_one_version_has_no_note(demo_project):
    data = analysis_for(demo_project, "en").compute()
    assert data.version_notes == []


def test_dashboard_view_shows_the_note_and_no_post_filter(qtbot, hq_two_teams,
                                                          tmp_path):
    from desktop.ui.app_context import AppContext
    from desktop.ui.background import SynchronousRunner
    from desktop.ui.dashboard_view import DashboardView
    project = Project.open(hq_two_teams)
    context = AppContext(project, operator="HQ", lang="en",
                         runner=SynchronousRunner())
    view = DashboardView(context)
    qtbot.addWidget(view)
    view.resize(1366, 760)
    view.show()
    qtbot.waitUntil(lambda: view.data is not None)
    assert not view.version_note.isHidden()
    assert "codes mean different things" in view.version_note.text()
    assert "post" not in view.filters and "institution" in view.filters
    # The post filter's place goes to the next profile question (years of service).
    assert list(view.filters) == ["round", "institution", "unit_type", "rank_band",
                                  "service_years"]
    view.grab().save(str(tmp_path / "dashboard_versions.png"))
    project.close()


def test_one_team_whose_posts_differ_from_hqs_adopted_version(tmp_path, questionnaire,
                                                              hq_keys):
    bundle = _team_bundle(tmp_path, questionnaire, hq_keys, "norte")
    hq = tmp_path / "hq-default.db"
    Project.open(hq).close()  # HQ adopts the default instrument
    assert [b.status for b in import_into(hq, hq_keys, bundle).bundles] == ["imported"]
    project = Project.open(hq)
    try:
        assert project.questionnaire.sha256 == questionnaire.sha256
        data = analysis_for(project, "en").compute()
    finally:
        project.close()
    assert data.version_notes[0].startswith("Forms keyed with 1 questionnaire version are")
    assert any(n.startswith("A2 ") and "1 = North border crossing / Paso Los Andes" in n
               for n in data.version_notes)
    assert "post" not in set(data.scores["dimension"])
