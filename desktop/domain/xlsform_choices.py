"""The choices sheet of an XLSForm: a question's choice list (names must be whole-number
codes, what operators key from paper) and the lists named as missing codes
(`riskmap_missing` in settings, `riskmap::missing` on a question)."""

from __future__ import annotations

import re
from typing import Any

from .xlsform_context import XLSFormContext
from .xlsform_sheets import sheet_labels


def choices(ctx: XLSFormContext, q: dict, name: str) -> list[dict]:
    """The choices of a select question as {code, label} (a non-numeric name: a problem)."""
    list_name = str(q.get("list_name") or q.get("itemset") or "")
    result = []
    for choice in q.get("choices") or []:
        code_text = str(choice.get("name", ""))
        if ctx.at.choice_row(list_name, code_text) is None:
            continue  # added by pyxform itself ('other' of or_other)
        where = ctx.at.choice(list_name, code_text, "name")
        if not re.match(r"^\d+$", code_text):
            ctx.fail(where, "xf.choice_code", name=code_text)
            continue
        result.append({"code": int(code_text), "label": ctx.labels(
            choice.get("label") or {"default": code_text},
            ctx.at.choice(list_name, code_text, "label"))})
    return result


def missing_list(ctx: XLSFormContext, list_name: Any, where: str) -> list[dict] | None:
    """The missing codes of the choice list `list_name` ([] for 'none'; None when no list
    is named or it cannot be read)."""
    if not list_name:
        return None
    list_name = str(list_name).strip()
    if list_name.lower() == "none":
        return []
    rows = ctx.at.choice_rows(list_name)
    if not rows:
        ctx.fail(where, "xf.no_missing_list", name=list_name)
        return None
    result = []
    for row_where, row in rows:
        code = str(row.get("name", ""))
        if not re.match(r"^\d+$", code):
            ctx.fail(row_where, "xf.missing_code", code=code)
            continue
        result.append({"code": int(code), "label": sheet_labels(row, "label", ctx.lang,
                                                                 row_where)})
    return result
