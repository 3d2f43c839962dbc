"""Groups of respondents for breakdowns and filters: the questionnaire's first profile
questions (for the default instrument: institution, post, unit type, rank band) and the
round.

Every form falls in exactly one group of a dimension: answers that are missing codes or
absent go to the group `NOT_STATED`, shown like any other group. Without it the forms
outside every group would be recoverable as total minus the groups shown.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .messages import MESSAGES, message
from .questionnaire import Questionnaire

NOT_STATED = "-"
ROUND = "round"


# The dashboard recomputes from the profile cells of every breakdown at once (see
# profile_cells.py): each further dimension multiplies them. On the 100k demo forms the
# six profile questions of the default instrument make 27,690 cells instead of 2,223 with
# four, and a filter change 1.5-4x slower, so only the first four profile questions are
# breakdowns; the others still count for the k-anonymity guard.
MAX_BREAKDOWNS = 4


def breakdowns(questionnaire: Questionnaire) -> list[str]:
    """The group dimensions: the first `MAX_BREAKDOWNS` single-choice profile questions in
    profile order, then the round."""
    ids = set(questionnaire.question_ids())
    chosen = [qid for qid in questionnaire.profile
              if qid in ids and questionnaire.question(qid).type == "choice"]
    return chosen[:MAX_BREAKDOWNS] + [ROUND]


def dimension_name(questionnaire: Questionnaire, dimension: str, lang: str) -> str:
    """A short name of a dimension: the catalogue's word when it has one (post, round),
    else the question's number and text."""
    key = f"dim_{dimension}"
    if key in MESSAGES:
        return message(key, lang)
    question = questionnaire.question(dimension)
    return f"{question.number} {question.label.text(lang)}"


def group_index(frame: pd.DataFrame, dimension: str,
                questionnaire: Questionnaire) -> tuple[np.ndarray, list[str]]:
    """(group position of every row, group keys): keys are choice codes as text (or round
    names) in questionnaire order, then `NOT_STATED` last."""
    if dimension == ROUND:
        column = frame[ROUND].astype("category")
        codes = column.cat.codes.to_numpy().astype(np.int64)
        keys = [str(name) for name in column.cat.categories]
        codes = np.where(codes < 0, len(keys), codes)
        return codes, keys + [NOT_STATED]
    return choice_groups(frame[dimension].to_numpy(dtype=float), dimension, questionnaire)


def choice_groups(values: np.ndarray, dimension: str,
                  questionnaire: Questionnaire) -> tuple[np.ndarray, list[str]]:
    """`group_index` of a choice question from its answers as floats."""
    choices = list(questionnaire.question(dimension).choice_codes())
    values = np.asarray(values, dtype=float)
    lookup = np.full(max(choices, default=0) + 2, -1, dtype=np.int64)
    lookup[choices] = np.arange(len(choices))
    whole = np.where(np.isfinite(values) & (values >= 0) & (values <= max(choices, default=0)),
                     values, len(lookup) - 1).astype(np.int64)
    codes = lookup[whole]
    keys = [str(code) for code in choices]
    codes = np.where(codes < 0, len(keys), codes)
    return codes, keys + [NOT_STATED]


def column_groups(columns, dimension: str,
                  questionnaire: Questionnaire) -> tuple[np.ndarray, list[str]]:
    """`group_index` of `form_columns.FormColumns`: each distinct answer is placed once,
    then spread to the forms (rounds: only rounds with forms, by name, as a frame's
    categories are)."""
    if dimension == ROUND:
        sizes = np.bincount(columns.round_codes[columns.round_codes >= 0],
                            minlength=len(columns.round_names))
        keys = sorted({columns.round_names[i] for i in np.flatnonzero(sizes)})
        position = {name: i for i, name in enumerate(keys)}
        lookup = np.array([position.get(name, len(keys)) for name in columns.round_names]
                          + [len(keys)], dtype=np.int64)
        return lookup[columns.round_codes], keys + [NOT_STATED]  # code -1: the last
    classes = columns.classes(dimension)
    per_class, keys = choice_groups(classes.values, dimension, questionnaire)
    return per_class[classes.codes], keys


def group_label(questionnaire: Questionnaire, dimension: str, key: str, lang: str,
                not_stated: str) -> str:
    """The label of a group key: the choice label, the round name, or `not_stated`."""
    if key == NOT_STATED:
        return not_stated
    if dimension == ROUND or not key.lstrip("-").isdigit():
        return key
    return questionnaire.question(dimension).choice_label(int(key), lang) or key
