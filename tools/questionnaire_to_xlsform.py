"""Write a questionnaire JSON as an XLSForm workbook that imports back to the same
questionnaire (tests/domain/test_xlsform_default.py checks it for the default instrument).

    python tools/questionnaire_to_xlsform.py [IN.json] [OUT.xlsx]

Without arguments it regenerates resources/questionnaires/border_risk_map.xlsx from
border_risk_map.json. The layout (the riskmap:: columns, the riskmap_risks and
riskmap_bands sheets) is described in docs/xlsform.md.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import openpyxl
from openpyxl.styles import Font

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_IN = ROOT / "resources" / "questionnaires" / "border_risk_map.json"
LANGUAGE_NAMES = {"es": "Español", "en": "English", "fr": "Français", "pt": "Português"}
_TYPES = {"choice": "select_one", "multichoice": "select_multiple", "likert": "select_one",
          "integer": "integer", "decimal": "decimal", "text": "text", "date": "date"}


def _lang(code: str) -> str:
    return f"{LANGUAGE_NAMES.get(code, code)} ({code})"


def convert(data: dict) -> openpyxl.Workbook:
    """The workbook of one questionnaire definition (format 2)."""
    langs = data["languages"]
    label_cols = [f"label::{_lang(c)}" for c in langs]
    message_cols = [f"constraint_message::{_lang(c)}" for c in langs]
    survey_cols = (["type", "name"] + label_cols + ["required", "relevant", "constraint"]
                   + message_cols + ["riskmap::number", "riskmap::missing", "riskmap::risk",
                                     "riskmap::likert", "riskmap::profile", "riskmap::climate",
                                     "riskmap::exposure", "riskmap::max_length"])
    choices: list[list] = []
    lists: dict[str, str] = {}  # a list's content as JSON -> its name

    def choice_list(name: str, items: list[tuple[int, dict]]) -> str:
        key = json.dumps(items, sort_keys=True, ensure_ascii=False)
        if key not in lists:
            lists[key] = name
            choices.extend([name, code] + [label.get(c, "") for c in langs]
                           for code, label in items)
        return lists[key]

    def missing_list(codes: list[dict], name: str) -> str:
        return choice_list(name, [(m["code"], m["label"]) for m in codes])

    risk_part = {}
    for risk in data.get("risks", []):
        risk_part[risk["likelihood"]] = f"{risk['id']} likelihood"
        risk_part[risk["impact"]] = f"{risk['id']} impact"
    exposure = data.get("exposure") or {}
    follow_ups = set(exposure.get("follow_ups", []))
    rows: list[dict] = []
    for section in data["sections"]:
        group = {"type": "begin_group", "name": section["id"],
                 "relevant": _xpath(section.get("relevant"))}
        group.update({col: section["title"][c] for col, c in zip(label_cols, langs)})
        rows.append(group)
        for q in section["questions"]:
            rows.append(_question(q, data, langs, label_cols, message_cols, choice_list,
                                  missing_list, risk_part, exposure, follow_ups))
        rows.append({"type": "end_group"})

    book = openpyxl.Workbook()
    survey = book.active
    survey.title = "survey"
    _write(survey, survey_cols, [[row.get(col) for col in survey_cols] for row in rows])
    _write(book.create_sheet("choices"), ["list_name", "name"] + label_cols, choices)
    settings_cols = ["form_id", "version", "form_title", "default_language",
                     "riskmap_missing"]
    default_missing = (missing_list(data["missing_codes"], "missing")
                       if data.get("missing_codes") else "none")
    _write(book.create_sheet("settings"), settings_cols + [f"form_title::{_lang(c)}"
                                                           for c in langs],
           [[data["id"], data["version"], data["title"][langs[0]], _lang(langs[0]),
             default_missing] + [data["title"][c] for c in langs]])
    if data.get("risks"):
        _write(book.create_sheet("riskmap_risks"), ["id"] + label_cols,
               [[r["id"]] + [r["label"][c] for c in langs] for r in data["risks"]])
    if data.get("bands"):
        keys = [k for k in data["bands"][0] if k != "label"]
        _write(book.create_sheet("riskmap_bands"), keys + label_cols,
               [[b[k] for k in keys] + [b["label"][c] for c in langs] for b in data["bands"]])
    # Fixed document times, so the same definition gives the same file.
    book.properties.created = book.properties.modified = dt.datetime(2026, 1, 1)
    return book


def _question(q, data, langs, label_cols, message_cols, choice_list, missing_list,
              risk_part, exposure, follow_ups) -> dict:
    kind = q["type"]
    row = {"type": _TYPES[kind], "name": q["id"], "riskmap::number": q.get("number"),
           "required": "yes" if q.get("required", kind != "text") else "no",
           "relevant": _xpath(q.get("relevant")), "constraint": _xpath(q.get("constraint"))}
    row.update({col: q["label"][c] for col, c in zip(label_cols, langs)})
    if "constraint_message" in q:
        row.update({col: q["constraint_message"][c] for col, c in zip(message_cols, langs)})
    if kind in ("choice", "multichoice"):
        row["type"] += " " + choice_list(q["id"], [(c["code"], c["label"])
                                                   for c in q["choices"]])
    if kind == "likert":
        points = q.get("points", 5)
        low, high = (q["anchors"]["low"], q["anchors"]["high"]) if "anchors" in q else ({}, {})
        items = [(code, low if code == 1 else high if code == points
                  else {c: str(code) for c in langs}) for code in range(1, points + 1)]
        row["type"] += " " + choice_list(f"scale_{q['id']}", items)
        row["riskmap::likert"] = None if q["id"] in risk_part else "yes"
    if kind in ("integer", "decimal") and ("min" in q or "max" in q):
        if row["constraint"]:
            raise ValueError(f"{q['id']}: both a range and a constraint")
        row["constraint"] = " and ".join(
            part for part in (f". >= {q['min']}" if "min" in q else "",
                              f". <= {q['max']}" if "max" in q else "") if part)
    elif kind == "date" and ("min" in q or "max" in q):
        raise ValueError(f"{q['id']}: date ranges cannot be written in XLSForm here")
    if "missing_codes" in q:
        row["riskmap::missing"] = (missing_list(q["missing_codes"], f"missing_{q['id']}")
                                   if q["missing_codes"] else "none")
    elif q.get("allow_missing") is False and kind in ("integer", "choice", "likert"):
        row["riskmap::missing"] = "none"
    elif q.get("allow_missing") is True and kind not in ("integer", "choice", "likert"):
        row["riskmap::missing"] = missing_list(data["missing_codes"], "missing")
    row["riskmap::risk"] = risk_part.get(q["id"])
    row["riskmap::profile"] = "yes" if q["id"] in data.get("profile", []) else None
    row["riskmap::climate"] = "yes" if q["id"] in data.get("climate", []) else None
    if exposure.get("question") == q["id"]:
        row["riskmap::exposure"] = f"question {exposure['yes']}"
    elif q["id"] in follow_ups:
        row["riskmap::exposure"] = "follow_up"
    if kind == "text" and "max_length" in q:
        row["riskmap::max_length"] = q["max_length"]
    return row


def _xpath(expression: str | None) -> str | None:
    """Our expression as XLSForm writes it: question ids become ${id}."""
    if not expression:
        return None
    from desktop.domain.expression import parse_expression
    names = parse_expression(expression).names
    import re
    return re.sub(r"(?<![\w$'\"-])([a-z][a-z0-9_]*)\b(?!\s*\()",
                  lambda m: "${" + m.group(1) + "}" if m.group(1) in names else m.group(1),
                  expression)


def _write(sheet, header: list[str], rows: list[list]) -> None:
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else DEFAULT_IN
    target = Path(argv[1]) if len(argv) > 1 else source.with_suffix(".xlsx")
    convert(json.loads(source.read_text(encoding="utf-8"))).save(target)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main(sys.argv[1:]))
