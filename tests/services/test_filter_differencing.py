"""A filter never shows a group that the breakdown without the filter hides: the report
on all rounds hides round A when round B holds fewer forms than the minimum group size
(B could be worked out from A), so the figures of round A on their own, subtracted from
the figures of all rounds, would give B's answers: one officer's answers when B has one
form. Such a filter shows nothing, and `riskmap report --round` refuses it in words."""

from __future__ import annotations

import pytest

from desktop.cli import main
from desktop.services.analysis_service import analysis_for
from desktop.services.demo_service import fill_demo
from desktop.services.project import Project


@pytest.fixture(scope="module")
def rounds_db(tmp_path_factory):
    """Rounds 'Big' (60 forms), 'Also big' (40) and 'Solo' (1)."""
    path = tmp_path_factory.mktemp("differencing") / "rounds.db"
    project = Project.open(path)
    fill_demo(project, 60, seed=1, round_name="Big")
    fill_demo(project, 40, seed=2, round_name="Also big")
    fill_demo(project, 1, seed=3, round_name="Solo")
    project.close()
    return path


def _answered(data):
    """question -> forms that answered it, in the climate table (None when hidden)."""
    table = data.climate
    return {q: (None if hidden else n) for q, n, hidden in
            zip(table["question"], table["n"], table["suppressed"])}


def test_no_filter_gives_away_the_small_round_by_subtraction(rounds_db):
    project = Project.open(rounds_db, read_only=True)
    try:
        analysis = analysis_for(project, "en")
    finally:
        project.close()
    everything = _answered(analysis.compute({}))
    shown = {name: analysis.compute({"round": name}) for name in ("Big", "Also big", "Solo")}
    visible = [name for name, data in shown.items() if data.n_forms is not None]
    assert visible == ["Big"]  # 'Also big' is hidden with 'Solo', as in the breakdown
    assert all(n is None for n in _answered(shown["Also big"]).values())
    # What the visible rounds leave out of the whole is at least the minimum group size
    # for every question: never the one form of 'Solo' alone.
    left_out = {q: n - sum(_answered(shown[name])[q] or 0 for name in visible)
                for q, n in everything.items() if n is not None}
    assert not any(0 < d < analysis.min_n for d in left_out.values()), left_out


@pytest.mark.parametrize("lang, words", [("en", "cannot be reported on its own"),
                                         ("es", "no puede presentarse sola")])
def test_report_refuses_a_hidden_round_in_words(rounds_db, tmp_path, capsys, monkeypatch,
                                                lang, words):
    monkeypatch.setenv("RISKMAP_LANG", lang)
    out = tmp_path / "report"
    assert main(["report", "--db", str(rounds_db), "--out", str(out), "--round",
                 "Also big"]) == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1 and "Traceback" not in err, err
    assert not out.exists()
