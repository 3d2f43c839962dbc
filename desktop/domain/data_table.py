"""The analysts' table: one row per live form, one column per question, with the labels.

`build_data_table` turns the form rows and the answers grouped per form (read by
`storage.data_store`) into a `DataTable`: a pandas frame of codes as keyed plus one
`Variable` per column (its label in the chosen language, its value labels and which codes
mean "missing"). Writers (CSV, XLSX, Stata, SPSS) only translate a `DataTable` into their
format, so every file says the same thing.

Codes stay codes: choice and likert answers are integers, missing codes (8 = don't know,
9 = no answer) stay 8 and 9 and are listed in `Variable.missing`; a multichoice answer is
the space-separated codes ("1 3") and `with_choice_flags` adds one 0/1 column per choice
(`q__code`). Free-text answers are left out unless asked for: they can name a person.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from . import answers_json
from .messages import message
from .questionnaire import MissingCode, Question, Questionnaire

FORM_VARIABLES = ("round", "form_number", "status", "device", "created")
CODED_TYPES = ("choice", "likert")
SUPPRESSED_CANDIDATES = (97, 997, 9997, 99997)


@dataclass(frozen=True)
class Variable:
    """One column of the table and what a statistics package should know about it."""

    name: str
    label: str
    kind: str  # 'form', 'code', 'number', 'multi', 'flag', 'text', 'date'
    question_id: str | None = None
    value_labels: Mapping[int, str] = field(default_factory=dict)  # valid codes only
    missing: Mapping[int, str] = field(default_factory=dict)  # missing code -> label
    ordinal: bool = False  # a likert scale (SPSS measure 'ordinal')

    @property
    def is_numeric(self) -> bool:
        return self.kind in ("code", "number", "flag") or self.name == "form_number"

    def all_labels(self) -> dict[int, str]:
        """Valid and missing codes with their labels (what a value-label set holds)."""
        return {**self.value_labels, **self.missing}


@dataclass
class DataTable:
    """The frame of codes and its variables, in column order."""

    frame: pd.DataFrame
    variables: tuple[Variable, ...]
    lang: str
    quasi_identifiers: tuple[str, ...] = ()
    suppressed_code: int = 97

    def variable(self, name: str) -> Variable:
        for variable in self.variables:
            if variable.name == name:
                return variable
        raise KeyError(name)


def missing_codes_for(questionnaire: Questionnaire, question: Question) -> tuple[MissingCode, ...]:
    """The missing codes this question accepts (each question carries its own)."""
    return tuple(question.missing_codes)


def suppressed_code(questionnaire: Questionnaire) -> int:
    """A code that no question uses as an answer or a missing code: 97, else 997, ..."""
    used = {code.code for code in questionnaire.missing_codes}
    for question in questionnaire.questions():
        used.update(question.choice_codes())
        used.update(code.code for code in missing_codes_for(questionnaire, question))
    return next(code for code in SUPPRESSED_CANDIDATES if code not in used)


def exported_questions(questionnaire: Questionnaire, include_text: bool) -> list[Question]:
    """The questions that get a column: all but free text, unless asked for."""
    return [q for q in questionnaire.questions() if include_text or q.type != "text"]


def build_data_table(questionnaire: Questionnaire, forms: Sequence[tuple],
                     answer_rows: Sequence[tuple], lang: str,
                     include_text: bool = False) -> DataTable:
    """The table from form rows (uuid, round, form number, status, device, created) and
    answers grouped per form: (uuid, JSON object question id -> stored text)."""
    questions = exported_questions(questionnaire, include_text)
    return table_from_parts(questionnaire, [raw_part(questions, forms, answer_rows)], lang,
                            include_text)


def raw_part(questions: Sequence[Question], forms: Sequence[tuple],
             answer_rows: Sequence[tuple]) -> dict[str, np.ndarray]:
    """Some forms' columns before typing: the form columns, floats for numeric questions
    (`_numbers`), text or None for the others. A million forms are read as parts of a few
    thousand (`table_from_parts` joins them), never as a million parsed JSON objects."""
    ids = [q.id for q in questions]
    form_frame = pd.DataFrame(list(forms), columns=["uuid", *FORM_VARIABLES])
    records = pd.DataFrame.from_records(
        [o or {} for o in answers_json.parsed_many([text for _, text in answer_rows])],
        columns=ids)
    position = pd.Index([uuid for uuid, _ in answer_rows]).get_indexer(form_frame["uuid"])
    present = position >= 0
    part: dict[str, np.ndarray] = {
        "round": form_frame["round"].astype(object).to_numpy(),
        "form_number": form_frame["form_number"].astype("int64").to_numpy(),
        "status": form_frame["status"].astype(object).to_numpy(),
        "device": form_frame["device"].astype(object).to_numpy(),
        "created": form_frame["created"].astype(object).to_numpy()}
    for question in questions:
        raw = np.full(len(form_frame), None, dtype=object)
        raw[present] = records[question.id].to_numpy(dtype=object)[position[present]]
        if question.type in NUMERIC_TYPES:
            part[question.id] = _numbers(raw)
        else:
            part[question.id] = np.where(pd.isna(raw), None, raw)
    return part


def table_from_parts(questionnaire: Questionnaire, parts: Sequence[dict[str, np.ndarray]],
                     lang: str, include_text: bool = False,
                     order: np.ndarray | None = None, consume: bool = False) -> DataTable:
    """The typed, labelled table of these parts (at least one), in their order or with
    rows taken in `order` (positions). `consume`: each column is dropped from the parts
    once typed, so a million forms' raw columns and typed columns are never all held at
    once."""
    questions = exported_questions(questionnaire, include_text)
    code = suppressed_code(questionnaire)
    columns: dict[str, object] = {
        name: _joined(parts, name, order, consume) for name in FORM_VARIABLES}
    variables = [Variable(name, message(f"data_col_{name}", lang), "form")
                 for name in FORM_VARIABLES]
    profile = set(questionnaire.profile)
    for question in questions:
        joined = _joined(parts, question.id, order, consume)
        columns[question.id] = (
            _typed(question, joined, code if question.id in profile else None)
            if question.type in NUMERIC_TYPES else joined)
        del joined
        variables.append(_variable(questionnaire, question, lang))
    frame = pd.DataFrame(columns, copy=False)
    profile_ids = tuple(qid for qid in questionnaire.profile if qid in columns)
    return DataTable(frame, tuple(variables), lang, profile_ids, code)


NUMERIC_TYPES = ("integer", "decimal", "choice", "likert")


def _joined(parts: Sequence[dict[str, np.ndarray]], name: str,
            order: np.ndarray | None, consume: bool = False) -> np.ndarray:
    if len(parts) == 1:
        joined = parts[0].pop(name) if consume else parts[0][name]
    else:
        joined = np.concatenate([p.pop(name) if consume else p[name] for p in parts])
    return joined if order is None else joined[order]


def _typed(question: Question, numbers: np.ndarray, also: int | None = None) -> object:
    """Parsed numbers as the column's type: floats for decimals and for any column that
    holds a fraction, otherwise nullable integers of the smallest width that holds them
    (and `also`, the suppressed code a profile column may take): a million forms' codes
    in one byte each rather than eight."""
    if question.type == "decimal":
        return numbers
    blank = np.isnan(numbers)
    if not (blank | (numbers == np.round(numbers))).all():
        return numbers  # not whole numbers after all: keep them as they are
    whole = np.where(blank, 0, numbers)
    low, high = (float(whole.min()), float(whole.max())) if len(whole) else (0.0, 0.0)
    if also is not None:
        low, high = min(low, also), max(high, also)
    for kind in (np.int8, np.int16, np.int32, np.int64):
        info = np.iinfo(kind)
        if info.min <= low and high <= info.max:
            break
    return pd.arrays.IntegerArray(whole.astype(kind), blank)


def _numbers(raw: np.ndarray) -> np.ndarray:
    """Stored text to floats (NaN for blanks and non-numbers), each distinct text parsed
    once: a column of 100k answers holds a handful of codes."""
    codes, uniques = pd.factorize(raw)
    parsed = pd.to_numeric(pd.Series(uniques, dtype=object), errors="coerce")
    return np.append(parsed.to_numpy(dtype=float, na_value=np.nan), np.nan)[codes]


def _variable(questionnaire: Questionnaire, question: Question, lang: str) -> Variable:
    label = f"{question.number} {question.label.text(lang)}".strip()
    missing = {code.code: code.label.text(lang)
               for code in missing_codes_for(questionnaire, question)}
    if question.type in CODED_TYPES:
        values = {code: question.choice_label(code, lang) or str(code)
                  for code in question.choice_codes()}
        if question.type == "likert" and question.anchors and values:
            low, high = min(values), max(values)
            values[low] = f"{low} {question.anchors[0].text(lang)}"
            values[high] = f"{high} {question.anchors[1].text(lang)}"
        return Variable(question.id, label, "code", question.id, values, missing,
                        ordinal=question.type == "likert")
    if question.type in ("integer", "decimal"):
        return Variable(question.id, label, "number", question.id, {}, missing)
    if question.type == "multichoice":
        values = {code: question.choice_label(code, lang) for code in question.choice_codes()}
        return Variable(question.id, label, "multi", question.id, values, missing)
    return Variable(question.id, label, question.type, question.id)


def flag_name(question_id: str, code: int) -> str:
    return f"{question_id}__{code}"


def with_choice_flags(table: DataTable) -> DataTable:
    """The table with one 0/1 column per choice of each multichoice question, right after
    it (blank when the question was not answered or holds a missing code)."""
    columns: dict[str, object] = {}
    variables: list[Variable] = []
    yes, no = message("data_yes", table.lang), message("data_no", table.lang)
    for variable in table.variables:
        columns[variable.name] = table.frame[variable.name]
        variables.append(variable)
        if variable.kind != "multi":
            continue
        # Each distinct answer ("1 3") is split once: a million forms hold a few hundred.
        codes, uniques = pd.factorize(table.frame[variable.name].astype(object))
        sets = [_codes(text) for text in uniques] + [set()]  # code -1 (blank): no set
        missing = set(variable.missing)
        blank = np.array([not chosen or bool(chosen & missing) for chosen in sets])[codes]
        for code, label in variable.value_labels.items():
            chosen_code = np.array([code in chosen for chosen in sets], dtype=np.int64)
            name = flag_name(variable.name, code)
            columns[name] = pd.arrays.IntegerArray(  # 0/1: one byte per form
                np.where(blank, 0, chosen_code[codes]).astype(np.int8), blank.copy())
            variables.append(Variable(name, f"{variable.label}: {label}", "flag",
                                      variable.question_id, {0: no, 1: yes}))
    return replace(table, frame=pd.DataFrame(columns, copy=False), variables=tuple(variables))


def _codes(text: object) -> set[int]:
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return set()
    return {int(part) for part in str(text).split() if part.lstrip("-").isdigit()}


def label_of(variable: Variable, value: object, suppressed: int, lang: str) -> str:
    """The label of one cell's value ('' when it has none)."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    if variable.kind == "multi":
        labels = variable.all_labels()
        return "; ".join(labels.get(code, str(code)) for code in sorted(_codes(value)))
    try:
        code = int(value)
    except (TypeError, ValueError):
        return ""
    if code == suppressed and variable.question_id is not None:
        return message("data_suppressed", lang)
    return variable.all_labels().get(code, "")


def label_column(table: DataTable, variable: Variable) -> np.ndarray:
    """The `_label` twin of a coded column, each distinct value labelled once."""
    codes, uniques = pd.factorize(table.frame[variable.name].astype(object))
    labels = [label_of(variable, value, table.suppressed_code, table.lang)
              for value in uniques] + [""]  # code -1 (blank) takes the last one
    return np.array(labels, dtype=object)[codes]


def has_labels(variable: Variable) -> bool:
    """Columns that get a `_label` twin in CSV: coded and multichoice questions, and numbers
    with missing codes."""
    return variable.kind in ("code", "multi") or (variable.kind == "number"
                                                 and bool(variable.missing))
