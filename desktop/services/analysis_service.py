"""The analysis behind the dashboard and the reports: load once, filter, recompute.

`load_analysis(path)` reads the live forms of a project file once (on its own connection,
so it can run in a worker) and prepares the per-form sums; `AnalysisService.compute(filters)`
then masks the forms, scores every risk overall and by every breakdown, counts the climate
and exposure answers and the keying activity, and passes EVERY table through
`suppression.protect` before returning it. Nothing unprotected leaves this module.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

import numpy as np
import pandas as pd

from ..domain import messages
from ..domain.cell_sums import CellSums
from ..domain.climate import climate_items, exposure_questions
from ..domain.form_columns import FormColumns
from ..domain.group_keys import group_label
from ..domain.questionnaire import Questionnaire
from ..domain.scoring import KEY_COLUMNS, RiskBasis, register_columns
from ..domain.suppression import protect_columns
from ..domain.version_pool import VersionPool, compare_versions
from ..storage.questionnaire_versions import versions_in_play
from . import analysis_table, cell_sums_cache
from .dashboard_labels import DashboardLabels, object_column
from .project import DatabaseLocator, Project
from .workspace import DEFAULT_MIN_N


@dataclass
class DashboardData:
    """Everything the dashboard and the reports show for one filter; all protected."""

    overall: pd.DataFrame     # the overall rows of `scores` (dimension 'all'): the charts
    register: pd.DataFrame    # overall rows ranked by mean score
    climate: pd.DataFrame     # climate item distributions
    exposure: pd.DataFrame    # exposure question and follow-ups
    per_day: pd.DataFrame     # forms keyed per day
    per_post: pd.DataFrame    # forms per post (group 'not stated' included)
    n_forms: int | None       # forms in the filter (None when below the minimum)
    first_day: str = ""
    last_day: str = ""
    min_n: int = DEFAULT_MIN_N
    lang: str = "en"
    filters: dict[str, str] = field(default_factory=dict)
    version_notes: list[str] = field(default_factory=list)  # several versions pooled
    # Works out `scores` (overall and group rows) when first asked for: the dashboard
    # draws only the overall rows; reports and exports read the groups too.
    scores_of: Callable[[], pd.DataFrame] | None = field(default=None, repr=False,
                                                         compare=False)
    _scores: pd.DataFrame | None = field(default=None, init=False, repr=False,
                                         compare=False)

    @property
    def scores(self) -> pd.DataFrame:
        """Overall (dimension 'all') and group rows, labelled; the overall rows are
        `overall`, row for row."""
        if self._scores is None:
            self._scores = self.scores_of() if self.scores_of is not None else self.overall
        return self._scores

    def activity(self) -> pd.DataFrame:
        """Forms per day and per post as one table (kind, label, n, suppressed)."""
        days = pd.DataFrame({"kind": "day", "label": self.per_day["day"],
                             "n": self.per_day["n"], "suppressed": self.per_day["suppressed"]})
        posts = pd.DataFrame({"kind": "post", "label": self.per_post["label"],
                              "n": self.per_post["n"], "suppressed": self.per_post["suppressed"]})
        table = pd.concat([days, posts], ignore_index=True)
        table.attrs["min_n"] = self.min_n
        return table


class AnalysisService:
    """The loaded analysis table of a project and the computations on it."""

    def __init__(self, questionnaire: Questionnaire,
                 forms: FormColumns | pd.DataFrame | CellSums,
                 min_n: int = DEFAULT_MIN_N, lang: str = "en", pool: VersionPool | None = None,
                 progress: Callable[[], None] | None = None):
        """`forms`: the live forms as their sums per profile cell (a load:
        services/cell_sums_cache.py), as compact columns, or as an analysis table
        (`domain.answer_frame` layout: tests, a recomputation from the answer rows).
        `progress()` is called after each question is summed (a million forms)."""
        # With forms of several versions, questions whose codes mean different things are
        # left out of everything computed here (see domain/version_pool.py).
        self.pool = pool
        questionnaire = pool.analysed if pool is not None else questionnaire
        self.questionnaire = questionnaire
        if isinstance(forms, CellSums):
            sums, self.columns = forms, None
        else:
            if isinstance(forms, pd.DataFrame):
                forms = FormColumns.from_frame(forms, questionnaire)
            self.columns = forms
            # Forms alike in every filter dimension are summed once here; filters then
            # pick profile cells, not forms (see domain/profile_cells.py). Each sum counts
            # the forms of a cell per distinct answer: nothing works form by form in Python.
            sums = CellSums.from_columns(forms, questionnaire, progress)
        self.sums = sums
        self.min_n = max(1, int(min_n))
        self.lang = lang
        self.dimensions = list(sums.dims)
        # Forms per post in the activity chart: none when the questionnaire has no post
        # question or its codes mean different things in the versions pooled.
        self.activity_dimension = "post" if "post" in self.dimensions else None
        self._codes = sums.keys
        self.cells = sums.profile_cells()
        self.risk_basis = RiskBasis.from_cell_parts(sums.risk, questionnaire, self.dimensions,
                                                    self.cells, self._codes)
        self.climate_basis = sums.climate.basis()
        self.exposure_basis = sums.exposure.basis()
        self.day_basis = sums.cell_days()
        self._labels: dict[str, DashboardLabels] = {}  # per language (shared by copies)

    @staticmethod
    def steps(questionnaire: Questionnaire) -> int:
        """How many times the constructor calls `progress` (one per question summed)."""
        return (len(questionnaire.risks) + len(climate_items(questionnaire))
                + len(exposure_questions(questionnaire)))

    def with_settings(self, min_n: int, lang: str) -> "AnalysisService":
        """The same loaded forms and sums under another minimum group size or language:
        nothing is read or summed again (the sums do not depend on either)."""
        other = copy.copy(self)
        other.min_n = max(1, int(min_n))
        other.lang = lang
        return other

    # -- filters ---------------------------------------------------------------------------

    def filter_options(self) -> dict[str, list[tuple[str, str]]]:
        """For each dimension, the (key, label) of groups that have forms."""
        options = {}
        for dim, keys in self._codes.items():
            present = np.unique(self.cells.codes[dim])
            options[dim] = [(keys[i], self.group_label(dim, keys[i])) for i in present]
        return options

    def mask(self, filters: Mapping[str, str | None]) -> np.ndarray:
        """The profile cells matching every filter (dimension -> group key; None or '' =
        all)."""
        mask = np.ones(self.cells.count, dtype=bool)
        for dim, key in filters.items():
            if not key or dim not in self._codes:
                continue
            keys = self._codes[dim]
            mask &= self.cells.codes[dim] == (keys.index(key) if key in keys else -1)
        return mask

    def hidden_filters(self, filters: Mapping[str, str | None]) -> list[str]:
        """The dimensions of `filters` whose chosen group the breakdown of that dimension
        (under the other filters) hides: fewer forms than the minimum, or hidden so that a
        smaller group cannot be worked out from it. Shown on its own, such a group's
        figures subtracted from the figures without the filter would give the hidden
        group's (one officer's answers, when a round holds one form)."""
        filters = {k: v for k, v in filters.items() if v}
        hidden = []
        for dim, key in filters.items():
            if dim not in self.risk_basis.dimensions:
                continue
            others = {d: v for d, v in filters.items() if d != dim}
            keys, sizes = self.risk_basis.dimension_sizes(dim, self.mask(others))
            kept = np.flatnonzero(sizes > 0)
            protected = protect_columns(
                {"group": object_column(keys)[kept], "n": sizes[kept]}, self.min_n,
                keys=("group",))
            shown = {k for k, hide in zip(protected["group"], protected["suppressed"])
                     if not hide}
            if key not in shown:
                hidden.append(dim)
        return hidden

    # -- the computation -------------------------------------------------------------------

    def compute(self, filters: Mapping[str, str | None] | None = None) -> DashboardData:
        """Scores, register, climate, exposure and activity for the filter, protected.
        Every table is worked out as columns of numbers, protected, labelled, and only then
        made a table, once (building tables in steps cost more than the figures)."""
        filters = {k: v for k, v in (filters or {}).items() if v}
        mask = self.mask(filters)
        if self.hidden_filters(filters):  # shown alone, it would give away what it hides
            mask = np.zeros_like(mask)
        n_forms = int(self.cells.sizes[mask].sum())
        labels = self.labels()
        overall = self._score_rows(mask, groups=False)
        climate = labels.counts(self._protect_counts(self.climate_basis.count_columns(mask)))
        exposure = labels.counts(self._protect_counts(
            self.exposure_basis.count_columns(mask)))
        per_post = protect_columns(self._posts(mask), self.min_n, keys=("dimension", "group"))
        per_post["label"] = object_column([labels.group(self.activity_dimension, key)
                                           for key in per_post["group"].tolist()])
        per_day = protect_columns(self.day_basis.count_columns(mask), self.min_n,
                                  keys=("day",))
        shown = n_forms >= self.min_n
        first_day, last_day = self.day_basis.span(mask) if shown else ("", "")
        min_n = {"min_n": self.min_n}
        return DashboardData(
            overall=_table(overall, min_n), register=_table(register_columns(overall), min_n),
            climate=_table(climate, {**min_n, "anchors": self._anchors()}),
            exposure=_table(exposure, min_n), per_day=_table(per_day, min_n),
            per_post=_table(per_post, min_n),
            n_forms=n_forms if shown else None,
            first_day=first_day, last_day=last_day,
            min_n=self.min_n, lang=self.lang, filters=dict(filters),
            version_notes=self.version_notes(),
            scores_of=lambda: _table(self._score_rows(mask, groups=True), min_n))

    def _score_rows(self, mask: np.ndarray, groups: bool) -> dict[str, np.ndarray]:
        """The score columns of the masked cells, protected and labelled: overall, and
        by every group of every breakdown when `groups` (each risk overall is a breakdown
        of its own, so the overall rows are the same either way)."""
        return self.labels().scores(protect_columns(
            self.risk_basis.score_columns(mask, groups), self.min_n, keys=KEY_COLUMNS,
            within=("dimension", "risk_id")))

    def _posts(self, mask: np.ndarray) -> dict[str, np.ndarray]:
        """(dimension, group, n) of the posts with forms among the masked cells (none when
        the activity chart shows no posts)."""
        if self.activity_dimension is None:
            keys, sizes = [], np.zeros(0, dtype=int)
        else:
            keys, sizes = self.risk_basis.dimension_sizes(self.activity_dimension, mask)
        kept = np.flatnonzero(sizes > 0)
        return {"dimension": object_column([self.activity_dimension] * len(kept)),
                "group": object_column(keys)[kept], "n": sizes[kept]}

    def labels(self) -> DashboardLabels:
        """The label columns in this service's language (made once per language)."""
        found = self._labels.get(self.lang)
        if found is None:
            found = self._labels[self.lang] = DashboardLabels(
                self.questionnaire, self.lang, self.group_label)
        return found

    def version_notes(self) -> list[str]:
        """When forms of several questionnaire versions are pooled: how, and every question
        that differs (empty with one version)."""
        if self.pool is None or not self.pool.worth_a_note:
            return []
        header = messages.message("version_header", self.lang, n=len(self.pool.versions),
                                  reference=self.pool.reference_label)
        return [header, *self.pool.notes(self.lang)]

    def _protect_counts(self, table: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        return protect_columns(table, self.min_n, keys=("question", "code"), count="count",
                               within=("question",), group_count="n")

    def _anchors(self) -> tuple[str, str]:
        items = climate_items(self.questionnaire)
        if items:
            anchors = self.questionnaire.question(items[0]).anchors
            if anchors:
                return anchors[0].text(self.lang), anchors[1].text(self.lang)
        return "1", "5"

    # -- labels ----------------------------------------------------------------------------

    def group_label(self, dimension: str, key: str) -> str:
        return group_label(self.questionnaire, dimension, key, self.lang,
                           messages.message("not_stated", self.lang))


def _table(columns: dict[str, np.ndarray], attrs: dict) -> pd.DataFrame:
    """One table of `DashboardData` from its columns (fresh arrays, not copied again)."""
    table = pd.DataFrame(columns, copy=False)
    table.attrs.update(attrs)
    return table


def read_frame(project: Project) -> pd.DataFrame:
    """The analysis table of an open project (one row per live form): the stored column
    snapshot patched with the forms written since (services/analysis_table.py)."""
    frame, _ = analysis_table.load_frame(project.db.conn, project.questionnaire,
                                         store=not getattr(project.db, "read_only", False))
    return frame


def version_pool(project: Project) -> VersionPool:
    """How the questionnaire versions of the forms compare with the project's."""
    versions = [project.questionnaire_version(sha)
                for sha in versions_in_play(project.db.conn)]
    return compare_versions(project.questionnaire, versions)


def read_columns(project: Project,
                 progress: Callable[[], None] | None = None) -> FormColumns:
    """The analysed columns of an open project's live forms (services/analysis_table.py):
    the stored snapshot as it is, or patched with the forms written since."""
    columns, _ = analysis_table.load_columns(
        project.db.conn, project.questionnaire,
        store=not getattr(project.db, "read_only", False), progress=progress)
    return columns


def read_sums(project: Project, pool: VersionPool,
              progress: Callable[[], None] | None = None):
    """The sums per profile cell of an open project's live forms (what the dashboard
    shows): the stored sums, patched with the forms written since, or added up from the
    snapshot's columns and stored (services/cell_sums_cache.py). (sums, SumsInfo)."""
    return cell_sums_cache.load_sums(
        project.db.conn, project.questionnaire, pool.analysed,
        store=not getattr(project.db, "read_only", False), progress=progress)


def load_analysis(path: str | Path | DatabaseLocator, lang: str = "en",
                  progress: Callable[[int, int], None] | None = None) -> AnalysisService:
    """Open the project file (a path or a workspace's locator) on a fresh connection (safe
    in a worker), read it, close it; `progress(done, total)` after each step: opening,
    the versions compared, each stored column read and each question summed when the
    stored sums cannot be used (the dashboard's progress bar: a million forms take a few
    seconds then). A progress that raises (the view closed: `background.Cancelled`) stops
    the load; the file is closed."""
    report = progress or (lambda done, total: None)
    steps = _Steps(report)
    project = Project.open(path, check_same_thread=False)
    try:
        steps.start(2 + analysis_table.parts_to_read(project.questionnaire)
                    + AnalysisService.steps(project.questionnaire))  # opened
        pool = version_pool(project)
        steps.tick()  # versions compared
        sums, _ = read_sums(project, pool, steps.tick)
        questionnaire, min_n = project.questionnaire, project.min_group_size
    finally:
        project.close()
    analysis = AnalysisService(questionnaire, sums, min_n, lang, pool)
    steps.finish()
    return analysis


class _Steps:
    """Counts the steps of a load and reports each as (done, total)."""

    def __init__(self, report: Callable[[int, int], None]):
        self.report, self.done, self.total = report, 0, 1

    def start(self, total: int) -> None:
        self.total = total
        self.report(0, total)

    def tick(self) -> None:
        self.done = min(self.done + 1, self.total - 1)  # the last step is `finish`
        self.report(self.done, self.total)

    def finish(self) -> None:
        self.report(self.total, self.total)


def analysis_for(project: Project, lang: str = "en") -> AnalysisService:
    """The analysis of an already open project (tests, the command line)."""
    pool = version_pool(project)
    sums, _ = read_sums(project, pool)
    return AnalysisService(project.questionnaire, sums, project.min_group_size, lang, pool)
