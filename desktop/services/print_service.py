"""What to print and the codebook: the round's questionnaire for the paper form, and every
stored version's questions, codes and rules for the codebook (CSV here; the PDFs are drawn
by desktop/charts, which this module feeds)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..domain.messages import message
from ..domain.paper_form import code_items, in_words, range_text
from ..domain.questionnaire import Question, Questionnaire
from ..domain.questionnaire_loader import parse_questionnaire
from ..domain.user_error import UserError
from ..storage import round_store
from ..storage.questionnaire_versions import all_questionnaires
from .project import Project
from .report_service import ReportDocument, ReportSection, ReportTable

MAX_COPIES = 10_000
CODEBOOK_COLUMNS = ("questionnaire_id", "version", "sha256", "number", "question_id", "type",
                    "label", "required", "codes", "skip_rule", "constraint_rule")


class PrintRefused(UserError, ValueError):
    """Nothing was printed; the sentence (a catalogue key) says why, for a person."""


@dataclass(frozen=True)
class PrintPlan:
    questionnaire: Questionnaire
    round_name: str
    numbers: tuple[int, ...]


def print_plan(project: Project, round_name: str = "", first: int | None = None,
               last: int | None = None) -> PrintPlan:
    """The questionnaire of the named round (else the project's) and the form numbers."""
    questionnaire = project.questionnaire
    if round_name:
        round_ = round_store.find_round(project.db.conn, round_name)
        if round_ is None:
            names = ", ".join(r.name for r in project.rounds()) or "none"
            raise PrintRefused("print.no_round", round=repr(round_name), names=names)
        questionnaire = project.questionnaire_for(round_)
        if first is not None and last is not None and (
                (round_.form_min is not None and first < round_.form_min)
                or (round_.form_max is not None and last > round_.form_max)):
            raise PrintRefused("print.outside_range", first=first, last=last,
                               low=round_.form_min, high=round_.form_max,
                               round=repr(round_name))
    if (first is None) != (last is None):
        raise PrintRefused("print.both_or_neither")
    numbers: tuple[int, ...] = ()
    if first is not None and last is not None:
        if first < 0 or last < first:
            raise PrintRefused("print.from_after_to")
        if last - first + 1 > MAX_COPIES:
            raise PrintRefused("print.too_many", n=MAX_COPIES)
        numbers = tuple(range(first, last + 1))
    return PrintPlan(questionnaire, round_name, numbers)


def stored_versions(project: Project) -> list[Questionnaire]:
    """Every questionnaire version stored in the project, oldest first."""
    return [parse_questionnaire(text, source=sha[:12])
            for sha, text in all_questionnaires(project.db.conn)]


def _constraint_source(question: Question) -> str:
    # Cross-question checks arrive with issue 11's constraints; read them when present.
    constraint = getattr(question, "constraint", None)
    if constraint is None:
        return ""
    if isinstance(constraint, str):
        return constraint
    for attribute in ("source", "expression"):
        value = getattr(constraint, attribute, None)
        if isinstance(value, str):
            return value
        if value is not None and isinstance(getattr(value, "source", None), str):
            return value.source
    return ""


def codebook_rows(versions: list[Questionnaire], lang: str = "en") -> list[dict[str, str]]:
    """One row per question per version."""
    rows = []
    for q in versions:
        section_of = {question.id: s for s in q.sections for question in s.questions}
        for question in q.questions():
            conditions = [e.source for e in (section_of[question.id].relevant,
                                             question.relevant) if e is not None]
            codes = "; ".join([range_text(question)] * bool(range_text(question)) + [
                f"{item.code} = {item.label}".rstrip(" =")
                for item in code_items(question, lang)])
            rows.append({
                "questionnaire_id": q.id, "version": q.version, "sha256": q.sha256,
                "number": question.number, "question_id": question.id,
                "type": question.type, "label": question.label.text(lang),
                "required": "yes" if question.required else "no", "codes": codes,
                "skip_rule": " and ".join(f"({c})" if len(conditions) > 1 else c
                                          for c in conditions),
                "constraint_rule": _constraint_source(question)})
    return rows


def write_codebook_csv(versions: list[Questionnaire], path: Path, lang: str = "en") -> Path:
    """The codebook as CSV (UTF-8 with BOM so Excel reads accents), through the
    neutralising table writer (a label that starts with '=' stays text)."""
    import pandas as pd

    from . import table_writer
    frame = pd.DataFrame(codebook_rows(versions, lang), columns=list(CODEBOOK_COLUMNS))
    return table_writer.write_csv(frame, path)


def codebook_document(versions: list[Questionnaire], lang: str = "en") -> ReportDocument:
    """The codebook as a printable document: one table per version."""
    newest = versions[-1]
    sections = []
    for index, q in enumerate(versions):
        section_of = {question.id: s for s in q.sections for question in s.questions}
        rows = []
        for question in q.questions():
            rules = []
            if question.required:
                rules.append(message("codebook_required", lang))
            for expression in (section_of[question.id].relevant, question.relevant):
                if expression is not None:
                    rules.append(message("codebook_skip", lang,
                                         condition=in_words(q, expression.source, lang)))
            constraint = _constraint_source(question)
            if constraint:
                rules.append(message("codebook_constraint", lang,
                                     condition=in_words(q, constraint, lang)))
            codes = "\n".join([range_text(question)] * bool(range_text(question))
                              + [item.text() for item in code_items(question, lang)])
            rows.append([f"{question.number}\n{question.id}", question.label.text(lang),
                         question.type, codes, "\n".join(rules)])
        sections.append(ReportSection(
            title=f"{q.id}: " + message("codebook_version", lang, version=q.version,
                                        sha=q.sha256[:12]),
            table=ReportTable(headers=["#"] + [message(f"codebook_col_{c}", lang) for c in (
                "question", "type", "codes", "rules")],
                rows=rows, widths=[1.7, 3.0, 1.0, 2.6, 2.1]),
            new_page=index > 0))
    return ReportDocument(title=message("codebook_title", lang, title=newest.title.text(lang)),
                          lines=[], rule=message("codebook_rule", lang), sections=sections,
                          lang=lang, footer=f"{newest.id}")
