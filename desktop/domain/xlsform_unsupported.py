"""What an XLSForm may hold that a paper questionnaire cannot honour, and the report of it.

Repeats, calculations, `or_other`, unknown types and columns this program does not read are
problems (the workbook is refused, every problem listed at once); tablet metadata (start,
deviceid, ...) and notes are left out with a warning. Display-only properties (hints,
media, appearance) are ignored.
"""

from __future__ import annotations

from .xlsform_context import XLSFormContext

# pyxform's type -> ours: everything else is reported.
SUPPORTED_TYPES = {"select one": "choice", "select all that apply": "multichoice",
                   "integer": "integer", "decimal": "decimal", "text": "text",
                   "date": "date"}
# Filled in by the tablet, never written on paper: dropped with a warning.
_METADATA = {"start", "end", "today", "deviceid", "subscriberid", "simserial",
             "phonenumber", "username", "email", "audit", "start-geopoint",
             "uri:deviceid", "uri:email", "uri:username", "uri:phonenumber", "uri:subscriberid",
             "uri:simserial"}
# Display-only or tablet-only properties: ignored.
_IGNORED_KEYS = {"type", "name", "label", "bind", "choices", "itemset", "list_name",
                 "riskmap", "hint", "guidance_hint", "control", "media", "instance",
                 "parameters", "autoplay"}
_BIND_KEYS = {"required", "relevant", "constraint", "jr:constraintMsg", "jr:requiredMsg"}
_BIND_COLUMNS = {"calculate": "calculation", "readonly": "read_only",
                 "jr:preload": "type", "jr:noAppErrorString": "noAppErrorString"}


def left_out(ctx: XLSFormContext, kind: str, name: str) -> bool:
    """True when the survey row `name` of pyxform type `kind` becomes no question (a
    problem or a warning says why)."""
    where = ctx.at.survey(name, "type")
    if kind in ("repeat", "loop"):
        ctx.fail(where, "xf.repeat")
        return True
    if kind == "calculate":
        ctx.fail(ctx.at.survey(name, "calculation"), "xf.calculate")
        return True
    if kind in _METADATA:
        ctx.warn(where, "xf.metadata", kind=kind)
        return True
    if kind == "note":
        ctx.warn(where, "xf.note", name=name)
        return True
    if ctx.at.row_type(name).split(" ")[-1] in ("or_other", "other"):
        ctx.fail(where, "xf.or_other")
        return True
    if kind not in SUPPORTED_TYPES:
        ctx.fail(where, "xf.type", type=ctx.at.row_type(name) or kind)
        return True
    return False


def unsupported_columns(ctx: XLSFormContext, q: dict, name: str) -> None:
    """Every column of the row this program does not read is a problem."""
    for key in sorted(set(q) - _IGNORED_KEYS):
        ctx.fail(ctx.at.survey(name, key), "xf.column", column=key)
    if q.get("parameters"):
        ctx.fail(ctx.at.survey(name, "parameters"), "xf.parameters")
    for key in sorted(set(q.get("bind") or {}) - _BIND_KEYS):
        column = _BIND_COLUMNS.get(key, key)
        ctx.fail(ctx.at.survey(name, column), "xf.column", column=column)
