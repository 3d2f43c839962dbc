"""The survey sheet of an XLSForm, translated: groups become sections (questions outside any
group make a section titled like the form), rows become questions with their type, label,
required flag, skip condition (a group's condition joins its questions'), constraint (a
plain range becomes min/max) and choices; XPath is translated by xlsform_xpath."""

from __future__ import annotations

from typing import Any

from .xlsform_choices import choices
from .xlsform_context import XLSFormContext
from .xlsform_riskmap import RiskmapColumns
from .xlsform_sheets import truthy
from .xlsform_unsupported import SUPPORTED_TYPES, left_out, unsupported_columns
from .xlsform_xpath import XPathUnsupported, range_bounds, translate_xpath


class SurveySheet:
    """Sections and questions of the definition from pyxform's children."""

    def __init__(self, ctx: XLSFormContext, riskmap: RiskmapColumns):
        self.ctx = ctx
        self.riskmap = riskmap

    def sections(self, children: list[dict]) -> list[dict]:
        ctx = self.ctx
        sections: list[dict] = []
        loose: list[dict] = []

        def close_loose() -> None:
            # Questions outside any group make a section titled like the form.
            if loose:
                sections.append({"id": f"S{len(sections) + 1}", "title": {},
                                 "questions": list(loose)})
                loose.clear()
        for child in children:
            kind = child.get("type")
            if kind == "group" and (child.get("control") or {}).get("bodyless"):
                continue  # pyxform's own meta block (instanceID)
            if kind == "group":
                close_loose()
                name = str(child.get("name"))
                section: dict[str, Any] = {"id": name, "title": ctx.labels(
                    child.get("label") or {"default": name}, ctx.at.survey(name, "label"))}
                relevant = self._expression(child, "relevant", name)
                if relevant:
                    section["relevant"] = relevant
                ctx.rows_by_path[f"sections[{len(sections)}]"] = ctx.at.survey(name)
                questions: list[dict] = []
                self._questions(child.get("children", []), questions, [], len(sections))
                section["questions"] = questions
                sections.append(section)
            else:
                self._questions([child], loose, [], len(sections))
        close_loose()
        title = ctx.title()
        for section in sections:
            if section["title"] == {}:
                section["title"] = title
        return sections

    def _questions(self, children: list[dict], out: list[dict], outer: list[str],
                   s_index: int) -> None:
        for child in children:
            kind = str(child.get("type", ""))
            name = str(child.get("name", ""))
            if not self.ctx.at.in_sheet(name):
                continue  # added by pyxform itself (the text box of or_other)
            if kind == "group":
                inner = self._expression(child, "relevant", name)
                self._questions(child.get("children", []), out,
                                outer + ([inner] if inner else []), s_index)
                continue
            question = self._question(child, kind, name, outer)
            if question is not None:
                self.ctx.rows_by_path[f"sections[{s_index}].questions[{len(out)}]"] = \
                    self.ctx.at.survey(name)
                out.append(question)

    def _question(self, q: dict, kind: str, name: str, outer: list[str]) -> dict | None:
        ctx = self.ctx
        if left_out(ctx, kind, name):
            return None
        unsupported_columns(ctx, q, name)
        ident = ctx.ids[name]
        riskmap = {k.lower(): str(v).strip() for k, v in (q.get("riskmap") or {}).items()}
        result: dict[str, Any] = {"id": ident}
        if riskmap.get("number"):
            result["number"] = riskmap["number"]
        result["type"] = SUPPORTED_TYPES[kind]
        result["label"] = ctx.labels(q.get("label") or {"default": name},
                                     ctx.at.survey(name, "label"))
        self.riskmap.question_labels[ident] = result["label"]
        bind = q.get("bind") or {}
        result["required"] = truthy(bind.get("required"))
        relevant = [part for part in outer + [self._expression(q, "relevant", name)] if part]
        if relevant:
            result["relevant"] = " and ".join(
                f"({part})" if len(relevant) > 1 else part for part in relevant)
        if "choices" in q or kind.startswith("select"):
            result["choices"] = choices(ctx, q, name)
        self._constraint(q, name, result)
        self.riskmap.read(riskmap, name, ident, result)
        return result

    def _expression(self, q: dict, key: str, name: str) -> str | None:
        text = (q.get("bind") or {}).get(key)
        if not text:
            return None
        try:
            return translate_xpath(str(text), self.ctx.ids.get,
                                   allow_self=key == "constraint")
        except XPathUnsupported as exc:
            self.ctx.fail(self.ctx.at.survey(name, key), exc.phrase.key, **exc.phrase.values)
            return None

    def _constraint(self, q: dict, name: str, result: dict) -> None:
        ctx = self.ctx
        constraint = self._expression(q, "constraint", name)
        if not constraint:
            return
        message = (q.get("bind") or {}).get("jr:constraintMsg")
        bounds = range_bounds(constraint) if result["type"] in ("integer", "decimal") else None
        if bounds is not None:
            # A plain range becomes min/max: shown beside the box, and checked against
            # the missing codes; the built-in range message replaces the form's own.
            result.update(bounds)
            if message:
                ctx.warn(ctx.at.survey(name, "constraint_message"), "xf.range_message")
            return
        result["constraint"] = constraint
        if message:
            labels = ctx.labels(message, ctx.at.survey(name, "constraint_message"))
            if set(labels) == {ctx.default_language or "en"} and isinstance(message, str):
                labels = {lang: message for lang in ctx.ordered_languages()}
            result["constraint_message"] = labels
