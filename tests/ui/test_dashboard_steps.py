"""The dashboard draws a load a step per turn of the event loop (`DashboardSteps`): one
turn booked at a time, each chart made in one turn and fed in another, the progress bar
moving until the last, `data` set once every chart shows it, and the same picture as a
drawing in one piece. A filter change is scored and drawn a step per turn as well (it held
the window for all four charts at once); a filter chosen meanwhile ends the old drawing,
and the last filter chosen is the one drawn: no chart of an older one after it."""

from __future__ import annotations

import numpy as np
import pytest

from desktop.charts.chart_set import CHART_NAMES
from desktop.ui.app_context import AppContext
from desktop.ui.background import SynchronousRunner
from desktop.ui.dashboard_steps import DashboardSteps
from desktop.ui.dashboard_load_bar import DRAWING_STEPS
from desktop.ui.dashboard_view import DashboardView


class TurnByTurn(SynchronousRunner):
    """Loads at once; each UI step waits for the test to run its turn."""

    def __init__(self) -> None:
        super().__init__()
        self.turns: list = []

    def next_turn(self, owner, step) -> None:
        self.turns.append(step)

    def run_turn(self) -> None:
        assert len(self.turns) == 1  # never two turns booked: they would share one
        self.turns.pop()()


def test_steps_run_one_per_turn_and_a_step_with_nothing_to_do_passes_the_turn_on():
    runner, ran = TurnByTurn(), []

    def work(name: str, worked: bool = True):
        return lambda: ran.append(name) or worked

    steps = DashboardSteps(None, runner)
    steps.add(work("a"), work("skip", worked=False), work("b"))
    steps.add(work("c"))
    assert ran == [] and len(runner.turns) == 1
    runner.run_turn()
    assert ran == ["a"]
    runner.run_turn()
    assert ran == ["a", "skip", "b"]  # nothing done by 'skip': 'b' had its turn
    runner.run_turn()
    assert ran == ["a", "skip", "b", "c"] and runner.turns == [] and len(steps) == 0
    assert steps.longest_ms >= 0.0


def test_replace_drops_the_waiting_steps_and_finish_runs_the_rest_now():
    runner, ran = TurnByTurn(), []
    steps = DashboardSteps(None, runner)
    steps.add(*(lambda n=n: ran.append(n) or True for n in range(3)))
    runner.run_turn()
    steps.replace(lambda: ran.append("new") or True, lambda: ran.append("last") or True)
    steps.finish()
    assert ran == [0, "new", "last"] and len(steps) == 0
    runner.run_turn()  # the turn booked before: nothing left for it
    assert ran == [0, "new", "last"] and runner.turns == []


def test_a_step_that_adds_steps_books_them_for_later_turns():
    runner, ran = TurnByTurn(), []
    steps = DashboardSteps(None, runner)

    def first() -> bool:
        ran.append("first")
        steps.add(lambda: ran.append("added") or True)
        return True

    steps.add(first)
    runner.run_turn()
    assert ran == ["first"] and len(runner.turns) == 1
    runner.run_turn()
    assert ran == ["first", "added"]


def _fed(view: DashboardView) -> set[str]:
    """The charts that show figures."""
    built = view.charts._built  # noqa: SLF001 - what exists, without making more
    shown = {"heat_map": lambda c: len(c.data), "scores": lambda c: len(c.rows),
             "climate": lambda c: getattr(c, "_last", None) is not None,
             "activity": lambda c: len(c.days)}
    return {name for name, chart in built.items() if shown[name](chart)}


def _picture(view: DashboardView) -> dict:
    charts = view.charts
    points = charts.heat_map.points.getData()
    return {"points": (list(points[0]), list(points[1])),
            "bars": charts.scores.bar_values(),
            "climate": charts.climate.shares.tolist(),
            "days": np.asarray(charts.activity.day_bars.opts["height"], float).tolist(),
            "register": view.register_table.texts(),
            "exposure": view.exposure.text(), "summary": view.summary.text()}


def _view(qtbot, project, runner) -> DashboardView:
    view = DashboardView(AppContext(project, operator="AM", lang="en", runner=runner))
    qtbot.addWidget(view)
    view.resize(1366, 700)
    return view


def test_a_load_is_drawn_a_step_per_turn_into_the_same_picture(qtbot, demo_project):
    runner = TurnByTurn()
    view = _view(qtbot, demo_project, runner)
    view.show()
    assert view.analysis is None  # the first read starts once the page is on screen
    runner.run_turn()  # read (at once, by this runner), then drawn turn by turn
    made, fed, bar = [], [], []
    while runner.turns:
        assert view.data is None  # not before every chart shows the selection
        assert view.load_bar.isVisible()
        runner.run_turn()
        made.append(set(view.charts._built))  # noqa: SLF001
        fed.append(_fed(view))
        bar.append((view.load_bar.value(), view.load_bar.maximum()))
    assert view.data is not None and view.data.n_forms == 60
    assert not view.load_bar.isVisible()
    assert fed[-1] == set(CHART_NAMES) and len(made) >= 2 * len(CHART_NAMES) + 1
    for name in CHART_NAMES:  # made in one turn, fed in a later one
        assert made.index(next(m for m in made if name in m)) < \
            fed.index(next(f for f in fed if name in f))
    assert fed[1] == {"heat_map"}  # the visible tab first
    values = [value for value, _ in bar]
    full = bar[-2][1]  # the load's steps, then the drawing's
    assert values == sorted(values) and bar[-2] == (full, full)
    assert values[:-1].count(full - DRAWING_STEPS) == 1  # the load's end: the heat map made
    assert view.recompute_ms > 0.0 and view.redraw_ms > 0.0
    at_once = _view(qtbot, demo_project, SynchronousRunner())
    at_once.show()
    assert _picture(view) == _picture(at_once)


def _drawn_to_the_end(runner: TurnByTurn) -> int:
    """Run the booked turns until none is left; how many there were."""
    turns = 0
    while runner.turns:
        runner.run_turn()
        turns += 1
    return turns


def test_a_filter_change_is_scored_and_drawn_a_step_per_turn(qtbot, demo_project, monkeypatch):
    runner = TurnByTurn()
    view = _view(qtbot, demo_project, runner)
    view.show()
    _drawn_to_the_end(runner)
    before = _picture(view)
    post = view.filters["post"].itemData(1)
    scored = []
    compute = view.analysis.compute
    monkeypatch.setattr(view.analysis, "compute", lambda f=None: scored.append(f) or compute(f))
    fed: list[set] = []
    feed = view.charts.feed
    monkeypatch.setattr(view.charts, "feed", lambda name, data: fed[-1].add(name) or
                        feed(name, data))
    view.set_filter("post", post)
    assert scored == [] and view.data.filters == {} and _picture(view) == before
    while runner.turns:
        fed.append(set())
        runner.run_turn()
        assert len(fed[-1]) <= 1  # at most one chart drawn in a turn
    assert scored == [{"post": post}]
    assert [names for names in fed if names] == [{name} for name in CHART_NAMES]
    assert view.data.filters == {"post": post} and not view.load_bar.isVisible()
    at_once = _view(qtbot, demo_project, SynchronousRunner())
    at_once.show()
    at_once.set_filter("post", post)
    assert _picture(view) == _picture(at_once)


def test_the_last_filter_chosen_wins_over_drawings_under_way(qtbot, demo_project, monkeypatch):
    runner = TurnByTurn()
    view = _view(qtbot, demo_project, runner)
    view.show()
    for _ in range(3):  # the read, the heat map made and fed: the load's drawing under way
        runner.run_turn()
    fed: list[dict] = []
    feed = view.charts.feed
    monkeypatch.setattr(view.charts, "feed", lambda name, data: fed.append(data.filters) or
                        feed(name, data))
    posts = [view.filters["post"].itemData(i) for i in (1, 2, 3)]
    view.set_filter("post", posts[0])
    runner.run_turn()  # the first filter scored
    runner.run_turn()  # ... and its heat map drawn
    assert fed == [{"post": posts[0]}]
    view.set_filter("post", posts[1])
    view.set_filter("post", posts[2])  # quickly, before the second was drawn at all
    fed.clear()
    _drawn_to_the_end(runner)
    # after the newest choice, only its figures were drawn, every chart once
    assert fed == [{"post": posts[2]}] * len(CHART_NAMES)
    assert view.data.filters == {"post": posts[2]}
    at_once = _view(qtbot, demo_project, SynchronousRunner())
    at_once.show()
    at_once.set_filter("post", posts[2])
    assert _picture(view) == _picture(at_once)
    shown = view.data.overall[~view.data.overall["suppressed"]]
    assert np.allclose(view.charts.heat_map.points.getData()[0], shown["mean_impact"])


def test_an_export_saves_the_selection_the_filters_show(qtbot, demo_project, tmp_path):
    runner = TurnByTurn()
    view = _view(qtbot, demo_project, runner)
    view.show()
    _drawn_to_the_end(runner)
    post = view.filters["post"].itemData(1)
    view.set_filter("post", post)  # its drawing waits for its turns
    view.export_tables(str(tmp_path / "scores.csv"))
    assert view.data.filters == {"post": post}  # drawn before it was saved
    assert (tmp_path / "scores.csv").exists() or any(tmp_path.glob("*.csv"))
    _drawn_to_the_end(runner)  # the turn booked before: nothing left for it
    assert view.data.filters == {"post": post}


@pytest.mark.parametrize("name", CHART_NAMES)
def test_no_chart_plot_has_a_context_menu(qtbot, demo_project, name):
    view = _view(qtbot, demo_project, SynchronousRunner())
    view.show()
    chart = view.charts.chart(name)
    plots = [item for item in chart.ci.items if hasattr(item, "vb")]
    assert plots and all(plot.vb.menu is None and not plot.menuEnabled() for plot in plots)


def test_the_first_read_waits_for_the_next_turn_and_is_not_made_twice(qtbot, demo_project,
                                                                      monkeypatch):
    """The page reads the forms in the turn after it is built (not while it is shown);
    a write before then reads them at once, and the first read, when its turn comes, is
    not made again."""
    from desktop.ui import dashboard_view
    reads = []
    real = dashboard_view.load_analysis
    monkeypatch.setattr(dashboard_view, "load_analysis",
                        lambda *args: reads.append(1) or real(*args))
    runner = TurnByTurn()
    view = _view(qtbot, demo_project, runner)
    view.show()
    assert reads == [] and len(runner.turns) == 1
    view.context.forms_changed.emit(None)  # a form saved meanwhile: read now
    assert reads == [1] and view.analysis is not None
    while runner.turns:
        runner.turns.pop(0)()
    assert reads == [1] and view.data is not None and view.data.n_forms == 60
