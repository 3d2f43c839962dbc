"""Build XLSForm workbooks in tests with openpyxl: sheets given as lists of row dicts."""

from __future__ import annotations

from pathlib import Path

import openpyxl

ES, EN = "label::Español (es)", "label::English (en)"


def write_workbook(path: Path, survey: list[dict], choices: list[dict] = (),
                   settings: dict | None = None, **extra: list[dict]) -> Path:
    """survey/choices/settings (and any other sheet, e.g. riskmap_bands) as row dicts."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    sheets = {"survey": survey, "choices": list(choices),
              "settings": [settings] if settings else []}
    sheets.update(extra)
    for name, rows in sheets.items():
        if not rows:
            continue
        headers = list(dict.fromkeys(key for row in rows for key in row))
        sheet = book.create_sheet(name)
        sheet.append(headers)
        for row in rows:
            sheet.append([row.get(h) for h in headers])
    book.save(path)
    return path


def labels(es: str, en: str, prefix: str = "label") -> dict:
    return {f"{prefix}::Español (es)": es, f"{prefix}::English (en)": en}
