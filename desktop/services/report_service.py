"""Exports of the dashboard's figures: score tables to CSV and XLSX, and the content of the
printable report (titles, notes, tables) in Spanish or English.

Everything here starts from a `DashboardData`, whose tables already passed through
`suppression.protect`: hidden cells are blank and marked, so no export can show them. The
PDF itself is drawn by `desktop.charts.report_pdf` (Qt); this module decides what it says.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd

from .. import APP_NAME, __version__
from ..domain.atomic_files import new_folder, write_all, write_atomically
from ..domain.group_keys import breakdowns, dimension_name
from ..domain.messages import MESSAGES, message
from ..domain.questionnaire import Questionnaire
from . import table_writer
from .analysis_service import DashboardData

SCORE_EXPORT_COLUMNS = (
    "dimension", "group", "group_label", "risk_id", "number", "risk_label", "n", "n_missing",
    "mean_likelihood", "likelihood_ci_low", "likelihood_ci_high", "mean_impact",
    "impact_ci_low", "impact_ci_high", "mean_score", "score_ci_low", "score_ci_high",
    "share_likely", "level", "level_label", "suppressed", "note")
COUNT_EXPORT_COLUMNS = ("question", "number", "question_label", "code", "answer_label",
                        "count", "share", "n", "n_missing", "suppressed", "note")


@dataclass
class ReportTable:
    headers: list[str]
    rows: list[list[str]]
    colours: list[list[str | None]] = field(default_factory=list)  # cell backgrounds
    widths: list[float] = field(default_factory=list)  # relative column widths


@dataclass
class ReportSection:
    title: str
    note: str = ""
    chart: str | None = None  # 'heat_map', 'scores', 'climate', 'activity'
    table: ReportTable | None = None
    new_page: bool = False


@dataclass
class ReportDocument:
    title: str
    lines: list[str]
    rule: str
    sections: list[ReportSection]
    lang: str
    footer: str = ""


# -- tables ------------------------------------------------------------------------------

def _with_note(table: pd.DataFrame, data: DashboardData, columns) -> pd.DataFrame:
    out = table.copy()
    out["note"] = [message("suppressed", data.lang, n=data.min_n) if hidden else ""
                   for hidden in out["suppressed"]]
    return out[[c for c in columns if c in out.columns]]


def score_table(data: DashboardData) -> pd.DataFrame:
    """The protected scores (overall and per group) with labels, as exported."""
    return _with_note(data.scores, data, SCORE_EXPORT_COLUMNS)


def count_table(table: pd.DataFrame, data: DashboardData) -> pd.DataFrame:
    return _with_note(table, data, COUNT_EXPORT_COLUMNS)


# Counts are whole numbers even where hidden cells leave blanks; figures keep a sensible
# precision (means and intervals of 1-25 scores to 3 decimals, shares to 4).
INTEGER_COLUMNS = ("n", "n_missing", "count", "number", "rank")
DECIMALS = {"share": 4, "share_likely": 4}
DEFAULT_DECIMALS = 3


def csv_format(lang: str) -> tuple[str, str]:
    """(separator, decimal mark) of the CSV files for a language: Spanish Excel expects
    ';' and a decimal comma, English Excel ',' and a point."""
    return (";", ",") if lang == "es" else (",", ".")


def tidy_numbers(table: pd.DataFrame) -> pd.DataFrame:
    """Counts as integers (blank where hidden), other figures rounded."""
    out = table.copy()
    for column in out.columns:
        if column in INTEGER_COLUMNS:
            out[column] = pd.to_numeric(out[column], errors="coerce").round().astype("Int64")
        elif pd.api.types.is_float_dtype(out[column]):
            out[column] = out[column].round(DECIMALS.get(column, DEFAULT_DECIMALS))
    return out


def write_csv(data: DashboardData, out_dir: str | Path) -> list[Path]:
    """scores.csv, climate.csv and exposure.csv (UTF-8 with BOM so Excel reads accents;
    separator and decimal mark of the report's language, see `csv_format`), through the
    neutralising writer (a round named '=...' cannot become a formula); all or none."""
    with new_folder(out_dir) as folder:
        return write_all(csv_writers(data, folder))


def csv_writers(data: DashboardData, out_dir: Path) -> dict[Path, Callable[[Path], object]]:
    """The CSV files of a report and how to write each (for `write_all`)."""
    sep, decimal = csv_format(data.lang)
    return {out_dir / f"{name}.csv": table_writer.csv_writer(tidy_numbers(table), sep, decimal)
            for name, table in (("scores", score_table(data)),
                                ("climate", count_table(data.climate, data)),
                                ("exposure", count_table(data.exposure, data)))}


def write_xlsx(data: DashboardData, path: str | Path) -> Path:
    """One workbook: about, register, scores, climate, exposure, activity."""
    return write_atomically(Path(path), xlsx_writer(data))


def xlsx_writer(data: DashboardData) -> Callable[[Path], None]:
    """How to write the workbook of a report to a path (for `write_all`); text cells are
    always text, never formulas."""
    about = pd.DataFrame({"": [message("report_title", data.lang), _forms_line(data),
                               message("suppression_rule", data.lang, n=data.min_n),
                               _filters_line(data)]})
    register = data.register.copy()
    register = _with_note(register, data, ("rank",) + SCORE_EXPORT_COLUMNS)
    activity = data.activity().copy()
    Sheet = table_writer.Sheet
    return table_writer.workbook_writer([
        Sheet("about", about, header=False), Sheet("register", tidy_numbers(register)),
        Sheet("scores", tidy_numbers(score_table(data))),
        Sheet("climate", tidy_numbers(count_table(data.climate, data))),
        Sheet("exposure", tidy_numbers(count_table(data.exposure, data))),
        Sheet("activity", activity)])


# -- report content -------------------------------------------------------------------------

def _fmt(value, digits: int = 1) -> str:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return ""
    return "" if not math.isfinite(number) else f"{number:.{digits}f}"


def _pct(value) -> str:
    text = _fmt(value * 100 if value is not None else None, 0)
    return f"{text}%" if text else ""


def _forms_line(data: DashboardData) -> str:
    if data.n_forms is None:
        return message("report_too_few", data.lang, n=data.min_n)
    return message("report_forms", data.lang, n=data.n_forms, first=data.first_day,
                   last=data.last_day)


def _filters_line(data: DashboardData) -> str:
    if not data.filters:
        return message("report_filters", data.lang, filters=message("all_forms", data.lang))
    return message("report_filters", data.lang, filters="; ".join(
        f"{_dim_name(data, dim)}: {key}" for dim, key in data.filters.items()))


def _dim_name(data: DashboardData, dim: str) -> str:
    return message("dim_" + dim, data.lang) if "dim_" + dim in MESSAGES else dim


def build_report(data: DashboardData, questionnaire: Questionnaire,
                 filter_labels: dict[str, str] | None = None,
                 today: dt.date | None = None) -> ReportDocument:
    """The report's text and tables in `data.lang`."""
    lang = data.lang
    hidden = message("suppressed", lang, n=data.min_n)
    today = today or dt.date.today()
    lines = [questionnaire.title.text(lang), _forms_line(data)]
    if filter_labels:
        lines.append(message("report_filters", lang, filters="; ".join(
            f"{dimension_name(questionnaire, dim, lang)}: {label}"
            for dim, label in filter_labels.items())))
    else:
        lines.append(_filters_line(data))
    lines.append(message("report_produced", lang, date=today.isoformat(), app=APP_NAME,
                         version=__version__))
    sections = []
    if data.version_notes:  # forms of several questionnaire versions: say how they pool
        sections.append(ReportSection(message("report_versions", lang),
                                      "\n".join(data.version_notes)))
    sections += [
        ReportSection(message("report_heat_map", lang), message("report_heat_map_note", lang),
                      chart="heat_map"),
        ReportSection(message("report_register", lang), message("report_register_note", lang),
                      chart="scores", table=_register_table(data, hidden), new_page=True)]
    for dim in breakdowns(questionnaire):
        table = _breakdown_table(data, dim, hidden)
        if table.rows:
            sections.append(ReportSection(
                message("report_breakdown", lang,
                        dimension=dimension_name(questionnaire, dim, lang)),
                table=table, new_page=dim == breakdowns(questionnaire)[0]))
    sections.append(ReportSection(message("report_climate", lang), chart="climate",
                                  table=_climate_table(data, hidden), new_page=True))
    exposure_note, exposure_table = _exposure(data, questionnaire, hidden)
    sections.append(ReportSection(message("report_exposure", lang), exposure_note,
                                  table=exposure_table))
    sections.append(ReportSection(message("report_activity", lang), chart="activity"))
    return ReportDocument(message("report_title", lang), lines,
                          message("suppression_rule", lang, n=data.min_n), sections, lang,
                          footer=message("suppression_rule", lang, n=data.min_n))


def _register_table(data: DashboardData, hidden: str) -> ReportTable:
    lang = data.lang
    headers = [message(k, lang) for k in ("col_rank", "col_risk", "col_n", "col_likelihood",
                                          "col_impact", "col_score", "col_ci", "col_likely",
                                          "col_level")]
    rows, colours = [], []
    for _, row in data.register.iterrows():
        label = f"{int(row['number'])}. {row['risk_label']}"
        if row["suppressed"]:
            rows.append([str(row["rank"]), label, hidden, "", "", "", "", "", ""])
            colours.append([None] * 9)
            continue
        ci = (f"{_fmt(row['score_ci_low'])}-{_fmt(row['score_ci_high'])}"
              if _fmt(row["score_ci_low"]) else "")
        rows.append([str(row["rank"]), label, str(int(row["n"])), _fmt(row["mean_likelihood"], 2),
                     _fmt(row["mean_impact"], 2), row["score_text"], ci,
                     _pct(row["share_likely"]), row["level_label"]])
        colours.append([None] * 5 + [row["level_color"]] + [None] * 2 + [row["level_color"]])
    return ReportTable(headers, rows, colours, [0.45, 3.2, 0.6, 1.85, 1.25, 1.2, 1.5, 1.4, 1.4])


def _breakdown_table(data: DashboardData, dim: str, hidden: str) -> ReportTable:
    scores = data.scores[data.scores["dimension"] == dim]
    numbers = sorted(set(int(n) for n in data.scores["number"]))
    headers = [message("col_group", data.lang), message("col_n", data.lang)] + \
        [str(n) for n in numbers]
    rows, colours = [], []
    for group, cells in scores.groupby("group", sort=False):
        by_number = {int(r["number"]): r for _, r in cells.iterrows()}
        ns = [r["n"] for r in by_number.values() if not r["suppressed"]]
        row = [str(cells["group_label"].iloc[0]), str(int(max(ns))) if ns else "–"]
        colour: list[str | None] = [None, None]
        for number in numbers:
            cell = by_number.get(number)
            if cell is None or cell["suppressed"]:
                row.append("–")
                colour.append(None)
            else:
                row.append(cell["score_text"])
                colour.append(cell["level_color"])
        rows.append(row)
        colours.append(colour)
    widths = [3.6, 0.8] + [0.75] * len(numbers)
    return ReportTable(headers, rows, colours, widths)


def _climate_table(data: DashboardData, hidden: str) -> ReportTable:
    lang = data.lang
    headers = ["", message("col_n", lang), "1", "2", "3", "4", "5"]
    rows = []
    for question, cells in data.climate.groupby("question", sort=False):
        shown = cells[~cells["suppressed"]]
        n = str(int(shown["n"].iloc[0])) if len(shown) else hidden
        by_code = {str(r["code"]): r for _, r in cells.iterrows()}
        row = [f"{cells['number'].iloc[0]} {cells['question_label'].iloc[0]}", n]
        for code in "12345":
            cell = by_code.get(code)
            row.append("–" if cell is None or cell["suppressed"] else _pct(cell["share"]))
        rows.append(row)
    return ReportTable(headers, rows, [], [6.0, 0.8] + [0.8] * 5)


def exposure_note(data: DashboardData, questionnaire: Questionnaire) -> str:
    """One line on the exposure question ('... yes 20% of 404 valid answers.'), protected."""
    return _exposure(data, questionnaire, message("suppressed", data.lang, n=data.min_n))[0]


def _exposure(data: DashboardData, questionnaire: Questionnaire,
              hidden: str) -> tuple[str, ReportTable | None]:
    lang = data.lang
    exposure = questionnaire.exposure
    if exposure is None or not len(data.exposure):
        return "", None
    main = data.exposure[data.exposure["question"] == exposure.question]
    yes = main[main["code"] == str(exposure.yes)]
    label = questionnaire.question(exposure.question).label.text(lang)
    if len(yes) and not yes["suppressed"].iloc[0]:
        note = message("report_exposure_yes", lang, label=label, share=_pct(yes["share"].iloc[0]),
                       n=int(yes["n"].iloc[0]))
    else:
        note = f"{label}: {hidden}"
    headers = ["", message("col_answer", lang), message("col_count", lang),
               message("col_share", lang)]
    rows = []
    previous = None
    for _, cell in data.exposure[data.exposure["question"] != exposure.question].iterrows():
        question = f"{cell['number']} {cell['question_label']}"
        question, previous = ("" if question == previous else question), question
        if cell["suppressed"]:
            rows.append([question, str(cell["answer_label"]), hidden, ""])
        else:
            rows.append([question, str(cell["answer_label"]), str(int(cell["count"])),
                         _pct(cell["share"])])
    return note, ReportTable(headers, rows, [], [4.2, 3.0, 1.4, 1.6])
