"""Import an XLSForm workbook: pyxform reads it, this module translates the result into
our questionnaire format (docs/xlsform.md), and the ordinary loader checks it.

`import_xlsform(path)` returns the checked questionnaire, its definition (a JSON-ready
dict) and warnings (what is dropped on purpose: notes, metadata). Anything we cannot
honour raises `XLSFormError`, whose `problems` list every one of them at once, each with
its sheet, row and column; nothing is created from a workbook with problems.
`load_questionnaire_file(path)` loads either a questionnaire JSON or a workbook.
"""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .questionnaire import Questionnaire
from .questionnaire_loader import (
    FORMAT_VERSION, QuestionnaireError, load_questionnaire, parse_questionnaire,
)
from .xlsform_sheets import Locator, extra_sheet, language_code, sheet_labels, truthy
from .xlsform_xpath import XPathUnsupported, range_bounds, translate_xpath

XLSFORM_SUFFIXES = (".xlsx", ".xls")
# A questionnaire workbook is tens of kilobytes (the default one: 20 kB); these bounds keep
# a hostile file (a zip bomb) from filling memory before pyxform sees it.
MAX_WORKBOOK_BYTES = 20_000_000
MAX_UNPACKED_BYTES = 200_000_000
_TYPES = {"select one": "choice", "select all that apply": "multichoice",
          "integer": "integer", "decimal": "decimal", "text": "text", "date": "date"}
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
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class XLSFormError(QuestionnaireError):
    """A workbook with things we cannot honour; `problems` lists all of them."""


@dataclass
class XLSFormImport:
    """A translated workbook: the checked questionnaire, its definition and warnings."""

    questionnaire: Questionnaire
    definition: dict
    warnings: list[str] = field(default_factory=list)


def load_questionnaire_file(path: str | Path) -> Questionnaire:
    """A questionnaire from a JSON file or an XLSForm workbook (by the file's suffix)."""
    path = Path(path)
    if path.suffix.lower() in XLSFORM_SUFFIXES:
        return import_xlsform(path).questionnaire
    return load_questionnaire(path)


def import_xlsform(path: str | Path) -> XLSFormImport:
    """Translate a workbook and check the result with the full questionnaire loader."""
    path = Path(path)
    definition, warnings, rows = _translate(path)
    try:
        questionnaire = parse_questionnaire(definition_text(definition), source=str(path))
    except QuestionnaireError as exc:
        raise XLSFormError([_relocate(p, rows) for p in exc.problems], str(path)) from None
    return XLSFormImport(questionnaire, definition, warnings)


def definition_text(definition: dict) -> str:
    """The stored JSON text of a translated definition (stable: same workbook, same text)."""
    return json.dumps(definition, indent=2, ensure_ascii=False) + "\n"


def _translate(path: Path) -> tuple[dict, list[str], dict[str, str]]:
    """Translate a workbook; XLSFormError lists everything that cannot be honoured."""
    from pyxform.errors import PyXFormError
    from pyxform.xls2json import workbook_to_json
    from pyxform.xls2json_backends import get_xlsform

    _check_size(path)
    try:
        workbook = get_xlsform(str(path))
        data = workbook_to_json(workbook, fallback_form_name=path.stem, warnings=[])
    except (PyXFormError, OSError, ValueError) as exc:
        where = re.match(r"^\[row : (\d+)\]\s*(.*)$", str(exc), re.S)
        text = f"survey row {where.group(1)}: {where.group(2)}" if where else str(exc)
        raise XLSFormError([f"the workbook cannot be read: {text}"], str(path)) from None
    translator = _Translator(path, workbook, data)
    definition = translator.translate()
    if translator.problems:
        # A choice list shared by several questions is reported once.
        raise XLSFormError(list(dict.fromkeys(translator.problems)), str(path))
    return definition, translator.warnings, translator.rows_by_path


def _check_size(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise XLSFormError([f"cannot read the file: {exc.strerror or exc}"], str(path)) from None
    unpacked = 0
    if path.suffix.lower() == ".xlsx" and size <= MAX_WORKBOOK_BYTES:
        try:
            with zipfile.ZipFile(path) as archive:
                unpacked = sum(info.file_size for info in archive.infolist())
        except (zipfile.BadZipFile, OSError):
            raise XLSFormError(["the file is not an Excel workbook (.xlsx)"], str(path)) \
                from None
    if size > MAX_WORKBOOK_BYTES or unpacked > MAX_UNPACKED_BYTES:
        raise XLSFormError([f"the workbook is larger than any questionnaire "
                            f"({MAX_WORKBOOK_BYTES:,} bytes, {MAX_UNPACKED_BYTES:,} unpacked)"],
                           str(path))


def _relocate(problem: str, rows: dict[str, str]) -> str:
    """A loader problem ('sections[1].questions[2].x: ...') with its place in the sheet."""
    match = re.match(r"^(sections\[\d+\](?:\.questions\[\d+\])?)", problem)
    for key in ([match.group(1), match.group(1).split(".")[0]] if match else []):
        if key in rows:
            return f"{rows[key]}: {problem}"
    return problem


class _Translator:
    def __init__(self, path: Path, workbook: Any, data: dict):
        self.data = data
        self.at = Locator(path, workbook)
        self.problems: list[str] = []
        self.warnings: list[str] = []
        self.ids: dict[str, str] = {}  # XLSForm name -> our id
        self.rows_by_path: dict[str, str] = {}
        settings = (workbook.settings or [{}])[0]
        self.settings = {k.lower(): v for k, v in settings.items()}
        self.default_language = language_code(
            str(data.get("default_language") or "default"), None) or ""
        self.languages: list[str] = []
        self.risks: dict[str, dict[str, str]] = {}
        self.profile: list[str] = []
        self.climate: list[str] = []
        self.exposure: dict[str, Any] = {}
        self.follow_ups: list[str] = []
        self.question_labels: dict[str, dict[str, str]] = {}

    def fail(self, where: str, what: str) -> None:
        self.problems.append(f"{where}: {what}")

    # -- the whole form -------------------------------------------------------------------
    def translate(self) -> dict:
        self._collect_names(self.data.get("children", []))
        sections = self._sections(self.data.get("children", []))
        form_id = str(self.settings.get("form_id") or self.data.get("id_string") or "")
        if not re.match(r"^[a-z0-9_-]+$", form_id):
            self.fail(self.at.settings("form_id"), f"form_id {form_id!r}: use only lower-case "
                      "letters, digits, '-' and '_'")
        default_missing = self._missing_list(self.settings.get("riskmap_missing"),
                                             self.at.settings("riskmap_missing"))
        definition: dict[str, Any] = {
            "format": FORMAT_VERSION, "id": form_id,
            "version": str(self.settings.get("version") or "1"),
            "languages": self._ordered_languages(), "title": self._title(),
            "missing_codes": default_missing or [], "sections": sections,
        }
        definition.update(self._risk_blocks())
        return definition

    def _collect_names(self, children: list[dict]) -> None:
        for child in children:
            if child.get("type") == "group":
                self._collect_names(child.get("children", []))
                continue
            name = str(child.get("name", ""))
            ident = name.lower().replace("-", "_").replace(".", "_")
            if not _ID.match(ident):
                ident = "q_" + ident
            if ident in self.ids.values():
                self.fail(self.at.survey(name, "name"), f"the name {name!r} is the same as "
                          "another question's once lower-cased; rename one of them")
            self.ids[name] = ident

    def _ordered_languages(self) -> list[str]:
        langs = list(dict.fromkeys(self.languages)) or [self.default_language or "en"]
        if self.default_language in langs:
            langs.remove(self.default_language)
            langs.insert(0, self.default_language)
        return langs

    def _title(self) -> dict[str, str]:
        titles = sheet_labels(self.settings, "form_title", self._lang)
        text = str(self.settings.get("form_title") or self.data.get("title") or "")
        return {lang: titles.get(lang, text) for lang in self._ordered_languages()}

    def _lang(self, key: str, where: str) -> str | None:
        code = language_code(key, self.default_language or None)
        if code is None:
            self.fail("survey row 1", f"the language {key!r} has no code; name its columns "
                      "like label::English (en) or label::Español (es)")
            return None
        if code not in self.languages:
            self.languages.append(code)
        return code

    def labels(self, value: Any, where: str) -> dict[str, str]:
        if value is None:
            return {}
        if isinstance(value, str):
            value = {"default": value}
        result = {}
        for key, text in value.items():
            code = self._lang(key, where)
            if code is not None and isinstance(text, str):
                result[code] = text
        return result

    # -- sections and questions -----------------------------------------------------------
    def _sections(self, children: list[dict]) -> list[dict]:
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
                section: dict[str, Any] = {"id": name, "title": self.labels(
                    child.get("label") or {"default": name}, self.at.survey(name, "label"))}
                relevant = self._expression(child, "relevant", name)
                if relevant:
                    section["relevant"] = relevant
                self.rows_by_path[f"sections[{len(sections)}]"] = self.at.survey(name)
                questions: list[dict] = []
                self._questions(child.get("children", []), questions, [], len(sections))
                section["questions"] = questions
                sections.append(section)
            else:
                self._questions([child], loose, [], len(sections))
        close_loose()
        title = self._title()
        for section in sections:
            if section["title"] == {}:
                section["title"] = title
        return sections

    def _questions(self, children: list[dict], out: list[dict], outer: list[str],
                   s_index: int) -> None:
        for child in children:
            kind = str(child.get("type", ""))
            name = str(child.get("name", ""))
            if not self.at.in_sheet(name):
                continue  # added by pyxform itself (the text box of or_other)
            if kind == "group":
                inner = self._expression(child, "relevant", name)
                self._questions(child.get("children", []), out,
                                outer + ([inner] if inner else []), s_index)
                continue
            question = self._question(child, kind, name, outer)
            if question is not None:
                self.rows_by_path[f"sections[{s_index}].questions[{len(out)}]"] = \
                    self.at.survey(name)
                out.append(question)

    def _question(self, q: dict, kind: str, name: str, outer: list[str]) -> dict | None:
        where = self.at.survey(name, "type")
        if kind in ("repeat", "loop"):
            self.fail(where, "repeats are not supported: a paper form has a fixed number "
                      "of questions")
            return None
        if kind == "calculate":
            self.fail(self.at.survey(name, "calculation"), "calculations are not supported")
            return None
        if kind in _METADATA:
            self.warnings.append(f"{where}: {kind} is filled in by a tablet; left out")
            return None
        if kind == "note":
            self.warnings.append(f"{where}: the note {name!r} is not keyed; left out")
            return None
        if self.at.row_type(name).split(" ")[-1] in ("or_other", "other"):
            self.fail(where, "'or_other' is not supported; add an 'Other' choice and a "
                      "text question")
            return None
        if kind not in _TYPES:
            self.fail(where, f"the type {self.at.row_type(name) or kind!r} is not supported")
            return None
        self._unsupported_columns(q, name)
        ident = self.ids[name]
        riskmap = {k.lower(): str(v).strip() for k, v in (q.get("riskmap") or {}).items()}
        result: dict[str, Any] = {"id": ident}
        if riskmap.get("number"):
            result["number"] = riskmap["number"]
        result["type"] = _TYPES[kind]
        result["label"] = self.labels(q.get("label") or {"default": name},
                                      self.at.survey(name, "label"))
        self.question_labels[ident] = result["label"]
        bind = q.get("bind") or {}
        result["required"] = truthy(bind.get("required"))
        relevant = [part for part in outer + [self._expression(q, "relevant", name)] if part]
        if relevant:
            result["relevant"] = " and ".join(
                f"({part})" if len(relevant) > 1 else part for part in relevant)
        if "choices" in q or kind.startswith("select"):
            result["choices"] = self._choices(q, name)
        self._constraint(q, name, result)
        self._riskmap(riskmap, name, ident, result)
        return result

    def _unsupported_columns(self, q: dict, name: str) -> None:
        for key in sorted(set(q) - _IGNORED_KEYS):
            self.fail(self.at.survey(name, key), f"the column {key!r} is not supported")
        if q.get("parameters"):
            self.fail(self.at.survey(name, "parameters"), "parameters are not supported")
        for key in sorted(set(q.get("bind") or {}) - _BIND_KEYS):
            column = _BIND_COLUMNS.get(key, key)
            self.fail(self.at.survey(name, column), f"the column {column!r} is not supported")

    def _expression(self, q: dict, key: str, name: str) -> str | None:
        text = (q.get("bind") or {}).get(key)
        if not text:
            return None
        try:
            return translate_xpath(str(text), self.ids.get, allow_self=key == "constraint")
        except XPathUnsupported as exc:
            self.fail(self.at.survey(name, key), str(exc))
            return None

    def _constraint(self, q: dict, name: str, result: dict) -> None:
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
                self.warnings.append(f"{self.at.survey(name, 'constraint_message')}: "
                                     "replaced by the built-in range message")
            return
        result["constraint"] = constraint
        if message:
            labels = self.labels(message, self.at.survey(name, "constraint_message"))
            if set(labels) == {self.default_language or "en"} and isinstance(message, str):
                labels = {lang: message for lang in self._ordered_languages()}
            result["constraint_message"] = labels

    def _choices(self, q: dict, name: str) -> list[dict]:
        list_name = str(q.get("list_name") or q.get("itemset") or "")
        choices = []
        for choice in q.get("choices") or []:
            code_text = str(choice.get("name", ""))
            where = self.at.choice(list_name, code_text, "name")
            if where.startswith("choices,"):
                continue  # added by pyxform itself ('other' of or_other)
            if not re.match(r"^\d+$", code_text):
                self.fail(where, f"the choice name {code_text!r} must be a whole-number code "
                          "(0, 1, 2, ...): codes are what operators key from paper")
                continue
            choices.append({"code": int(code_text), "label": self.labels(
                choice.get("label") or {"default": code_text},
                self.at.choice(list_name, code_text, "label"))})
        return choices

    def _missing_list(self, list_name: Any, where: str) -> list[dict] | None:
        if not list_name:
            return None
        list_name = str(list_name).strip()
        if list_name.lower() == "none":
            return []
        rows = self.at.choice_rows(list_name)
        if not rows:
            self.fail(where, f"there is no choice list {list_name!r} for the missing codes")
            return None
        result = []
        for row_where, row in rows:
            code = str(row.get("name", ""))
            if not re.match(r"^\d+$", code):
                self.fail(row_where, f"the missing code {code!r} must be a whole number")
                continue
            result.append({"code": int(code), "label": sheet_labels(row, "label", self._lang,
                                                                     row_where)})
        return result

    # -- riskmap:: columns ----------------------------------------------------------------
    def _riskmap(self, riskmap: dict, name: str, ident: str, result: dict) -> None:
        missing = self._missing_list(riskmap.get("missing"),
                                     self.at.survey(name, "riskmap::missing"))
        if missing is not None:
            result["missing_codes"] = missing
        if riskmap.get("max_length"):
            if riskmap["max_length"].isdigit() and result["type"] == "text":
                result["max_length"] = int(riskmap["max_length"])
            else:
                self.fail(self.at.survey(name, "riskmap::max_length"),
                          "must be a whole number on a text question")
        risk = riskmap.get("risk", "")
        if risk:
            parts = risk.split()
            if len(parts) != 2 or parts[1] not in ("likelihood", "impact"):
                self.fail(self.at.survey(name, "riskmap::risk"), f"{risk!r}: write the risk "
                          "id and 'likelihood' or 'impact', e.g. 'r01 likelihood'")
            else:
                entry = self.risks.setdefault(parts[0], {})
                if parts[1] in entry:
                    self.fail(self.at.survey(name, "riskmap::risk"),
                              f"risk {parts[0]} has two {parts[1]} questions")
                entry[parts[1]] = ident
                entry.setdefault("_row", self.at.survey(name, "riskmap::risk"))
        if risk or truthy(riskmap.get("likert")):
            self._likert(result, name)
        if truthy(riskmap.get("profile")):
            self.profile.append(ident)
        if truthy(riskmap.get("climate")):
            self.climate.append(ident)
        exposure = riskmap.get("exposure", "").split()
        if exposure[:1] == ["question"] and len(exposure) == 2 and exposure[1].isdigit():
            if self.exposure:
                self.fail(self.at.survey(name, "riskmap::exposure"),
                          "only one question can be the exposure question")
            self.exposure = {"question": ident, "yes": int(exposure[1])}
        elif exposure == ["follow_up"]:
            self.follow_ups.append(ident)
        elif exposure:
            self.fail(self.at.survey(name, "riskmap::exposure"), "write 'question CODE' "
                      "(e.g. 'question 1') or 'follow_up'")

    def _likert(self, result: dict, name: str) -> None:
        choices = result.pop("choices", [])
        codes = [c["code"] for c in choices]
        if result["type"] != "choice" or codes != list(range(1, len(codes) + 1)) \
                or not 2 <= len(codes) <= 11:
            self.fail(self.at.survey(name, "type"), "a likert or risk question must be a "
                      "select_one whose choices are 1, 2, ... up to at most 11")
            return
        result["type"] = "likert"
        result["points"] = len(codes)
        result["anchors"] = {"low": choices[0]["label"], "high": choices[-1]["label"]}

    def _risk_blocks(self) -> dict:
        blocks: dict[str, Any] = {}
        if self.risks:
            labels = {row.get("id"): (where, row) for where, row in extra_sheet(
                self.at.path, "riskmap_risks")}
            risks = []
            for rid, entry in self.risks.items():
                if set(entry) != {"likelihood", "impact", "_row"}:
                    self.fail(entry["_row"], f"risk {rid} needs one likelihood and one impact "
                              "question")
                    continue
                if rid in labels:
                    label = sheet_labels(labels[rid][1], "label", self._lang, labels[rid][0])
                else:
                    label = self.question_labels[entry["likelihood"]]
                risks.append({"id": rid, "label": label, "likelihood": entry["likelihood"],
                              "impact": entry["impact"]})
            blocks["risks"] = risks
        bands = [_band(row, lambda key, where: self._lang(key, where), where)
                 for where, row in extra_sheet(self.at.path, "riskmap_bands")]
        if bands:
            blocks["bands"] = bands
        if self.profile:
            blocks["profile"] = self.profile
        if self.climate:
            blocks["climate"] = self.climate
        if self.exposure:
            blocks["exposure"] = {**self.exposure, "follow_ups": self.follow_ups}
        return blocks


def _band(row: dict, lang, where: str) -> dict:
    """One band from a row of the riskmap_bands sheet: every column is a key of the band
    (labels per language; numbers stay numbers)."""
    band: dict[str, Any] = {}
    label = sheet_labels(row, "label", lang, where)
    for key, value in row.items():
        if key.lower().startswith("label"):
            continue
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        band[key] = value
    band["label"] = label
    return band
