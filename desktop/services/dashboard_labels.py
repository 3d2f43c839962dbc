"""The labels of the dashboard's tables in one language: risk, group, band and answer texts.

`AnalysisService.compute` builds each table of `DashboardData` once, from protected
columns; the label columns come from here. Every label is worked out once per distinct
risk, group, band or answer (and kept for the next filter in the same language), then
spread over the rows: a table of scores repeats ten risks and a few dozen groups.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from ..domain import messages
from ..domain.bands import score_texts
from ..domain.questionnaire import Questionnaire
from ..domain.scoring import ALL


class DashboardLabels:
    """Label columns for the score and answer-count tables of one questionnaire and
    language; `group_label(dimension, key)` names a group."""

    def __init__(self, questionnaire: Questionnaire, lang: str,
                 group_label: Callable[[str, str], str]):
        self.questionnaire, self.lang = questionnaire, lang
        q = questionnaire
        self._risks = {risk.id: (i + 1, risk.label.text(lang)) for i, risk in enumerate(q.risks)}
        self._bands = {band.id: (band.label.text(lang), band.color) for band in q.bands}
        self._mins = [band.min for band in q.bands]
        self._all_forms = messages.message("all_forms", lang)
        self._group_label = group_label
        self._groups: dict[tuple[str, str], str] = {}
        self._answers: dict[tuple[str, str], tuple[str, str, str]] = {}

    def scores(self, columns: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """The (protected) score columns with number, risk_label, group_label,
        level_label, level_color and score_text added after them."""
        risk_ids = columns["risk_id"].tolist()
        levels = columns["level"].tolist()
        groups = [self.group(*key) for key in zip(columns["dimension"].tolist(),
                                                  columns["group"].tolist())]
        bands = self._bands
        labelled = dict(columns)
        labelled.update({
            "number": _whole_numbers([self._risks[r][0] for r in risk_ids]),
            "risk_label": object_column([self._risks[r][1] for r in risk_ids]),
            "group_label": object_column(groups),
            "level_label": object_column([bands[b][0] if b in bands else "" for b in levels]),
            "level_color": object_column([bands[b][1] if b in bands else "" for b in levels]),
            "score_text": object_column(score_texts(columns["mean_score"], self._mins))})
        return labelled

    def counts(self, columns: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """The (protected) answer-count columns with question_label, number and
        answer_label added after them."""
        found = [self._answer(key) for key in zip(columns["question"].tolist(),
                                                  columns["code"].tolist())]
        labelled = dict(columns)
        labelled.update({"question_label": object_column([label for label, _, _ in found]),
                         "number": object_column([number for _, number, _ in found]),
                         "answer_label": object_column([answer for _, _, answer in found])})
        return labelled

    def group(self, dimension: str, key: str) -> str:
        """The label of a group (`scoring.ALL`: all forms)."""
        label = self._groups.get((dimension, key))
        if label is None:
            label = self._groups[(dimension, key)] = (
                self._all_forms if dimension == ALL else self._group_label(dimension, key))
        return label

    def _answer(self, key: tuple[str, str]) -> tuple[str, str, str]:
        """(question label, question number, answer label) of a (question, code) cell."""
        found = self._answers.get(key)
        if found is None:
            qid, code = key
            question = self.questionnaire.question(qid)
            if question.type == "likert":
                answer = code
            elif code.isdigit() and question.type in ("choice", "multichoice"):
                answer = question.choice_label(int(code), self.lang) or code
            else:
                answer = code
            found = self._answers[key] = (question.label.text(self.lang), question.number,
                                          answer)
        return found


def _whole_numbers(values: list[int]) -> np.ndarray:
    """A column of whole numbers as pandas makes it of a list (none: a column of
    objects)."""
    return np.array(values, dtype=np.int64) if values else object_column([])


def object_column(values: list) -> np.ndarray:
    """A column of Python objects (texts, None) as pandas keeps them."""
    column = np.empty(len(values), dtype=object)
    column[:] = values
    return column
