"""What the translation of one XLSForm workbook shares: the pyxform data, where each row is
(`Locator`), the settings sheet, the languages met so far, the XLSForm names mapped to our
question ids, and the problems and warnings collected on the way (each 'place: what', a
`Phrase` said in the reader's language when shown).

The parts of the import (xlsform_survey, xlsform_choices, xlsform_riskmap,
xlsform_unsupported) all write to one `XLSFormContext`; xlsform_import reads the result.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .phrase import Phrase, problem
from .xlsform_sheets import Locator, language_code, sheet_labels, sheet_place

_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class XLSFormContext:
    """The state of one translation; `problems` and `warnings` are its report."""

    def __init__(self, path: Path, workbook: Any, data: dict):
        self.data = data
        self.at = Locator(path, workbook)
        self.problems: list[Phrase] = []
        self.warnings: list[Phrase] = []
        self.ids: dict[str, str] = {}  # XLSForm name -> our id
        self.rows_by_path: dict[str, str] = {}  # loader path -> place in the sheet
        settings = (workbook.settings or [{}])[0]
        self.settings = {k.lower(): v for k, v in settings.items()}
        self.default_language = language_code(
            str(data.get("default_language") or "default"), None) or ""
        self.languages: list[str] = []

    def fail(self, where: str, key: str, **values: object) -> None:
        """A problem at `where`: the catalogue text `key` (questionnaire_messages.py)."""
        self.problems.append(problem(where, key, **values))

    def warn(self, where: str, key: str, **values: object) -> None:
        """Something left out on purpose, said at `where` (the workbook is still imported)."""
        self.warnings.append(problem(where, key, **values))

    def collect_names(self, children: list[dict]) -> None:
        """Our id of every question (lower-case; 'q_' before a name that needs it)."""
        for child in children:
            if child.get("type") == "group":
                self.collect_names(child.get("children", []))
                continue
            name = str(child.get("name", ""))
            ident = name.lower().replace("-", "_").replace(".", "_")
            if not _ID.match(ident):
                ident = "q_" + ident
            if ident in self.ids.values():
                self.fail(self.at.survey(name, "name"), "xf.same_name", name=name)
            self.ids[name] = ident

    def ordered_languages(self) -> list[str]:
        """The languages met, the form's default language first."""
        langs = list(dict.fromkeys(self.languages)) or [self.default_language or "en"]
        if self.default_language in langs:
            langs.remove(self.default_language)
            langs.insert(0, self.default_language)
        return langs

    def title(self) -> dict[str, str]:
        """The form's title per language (the settings sheet's form_title columns)."""
        titles = sheet_labels(self.settings, "form_title", self.lang)
        text = str(self.settings.get("form_title") or self.data.get("title") or "")
        return {lang: titles.get(lang, text) for lang in self.ordered_languages()}

    def lang(self, key: str, where: str) -> str | None:
        """The code of a column's language ('English (en)' -> 'en'), noted as met."""
        code = language_code(key, self.default_language or None)
        if code is None:
            self.fail(sheet_place("survey", 1), "xf.language_code", language=key)
            return None
        if code not in self.languages:
            self.languages.append(code)
        return code

    def labels(self, value: Any, where: str) -> dict[str, str]:
        """Texts per language of a pyxform label (a text or {language: text})."""
        if value is None:
            return {}
        if isinstance(value, str):
            value = {"default": value}
        result = {}
        for key, text in value.items():
            code = self.lang(key, where)
            if code is not None and isinstance(text, str):
                result[code] = text
        return result
