"""Every visible string has a finished translation, and the shipped .qm files load.

The scan runs pyside6-lupdate over the current source into a scratch .ts file, so a new
tr() string without a Spanish translation in resources/translations/riskmap_es.ts fails
here (fix: `make translations`, then translate the new entries and run it again).
"""

from __future__ import annotations

import importlib.util
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("translations_tool",
                                               ROOT / "tools" / "translations.py")
tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tool)

PLACEHOLDER = re.compile(r"\{[a-z_]*(?::[^{}]*)?\}")


def _messages(path: Path) -> dict[tuple[str, str], tuple[str, str | None]]:
    """(context, source) -> (translation text, translation type) of a .ts file; a count's
    forms ("%n form" / "%n forms") are one text, each form on a line, empty when any form
    is empty."""
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            forms = [form.text or "" for form in translation.iter("numerusform")]
            text = translation.text or ""
            if forms:
                text = "" if not all(f.strip() for f in forms) else "\n".join(forms)
            found[(name, message.findtext("source"))] = (text, translation.get("type"))
    return found


def _forms(text: str, source: str) -> list[str]:
    """The forms of a translation (one, or one per count form)."""
    return text.split("\n") if "%n" in source or "%Ln" in source else [text]


@pytest.fixture(scope="module")
def current_strings(tmp_path_factory) -> set[tuple[str, str]]:
    scratch = tmp_path_factory.mktemp("ts") / "riskmap_es.ts"
    tool.lupdate([scratch])
    strings = set(_messages(scratch))
    assert len(strings) > 100  # the scan found the program's strings
    return strings


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_string_has_a_finished_translation(current_strings, lang):
    shipped = _messages(tool.ts_path(lang))
    missing = sorted(f"{context}: {source!r}" for context, source in current_strings
                     if not (shipped.get((context, source), ("", "unfinished"))[0].strip()
                             and shipped[(context, source)][1] is None))
    assert not missing, (f"{len(missing)} strings lack a finished translation in "
                         f"riskmap_{lang}.ts (run `make translations` and translate them):\n"
                         + "\n".join(missing[:40]))


@pytest.mark.parametrize("lang", ["es", "en"])
def test_translations_keep_placeholders_and_mnemonics(lang):
    for (context, source), (text, kind) in _messages(tool.ts_path(lang)).items():
        if kind is not None:
            continue
        for form in _forms(text, source):
            assert sorted(PLACEHOLDER.findall(form)) == sorted(PLACEHOLDER.findall(source)), \
                f"{context}: {source!r} -> {form!r} changes the {{placeholders}}"
            assert form.replace("&&", "").count("&") == source.replace("&&", "").count("&"), \
                f"{context}: {source!r} -> {form!r} changes the keyboard mnemonic"
            count = "%Ln" if "%Ln" in source else "%n" if "%n" in source else None
            assert count is None or count in form, f"{context}: {form!r} drops {count}"


@pytest.mark.parametrize("lang", ["es", "en"])
def test_qm_files_load_and_are_current(lang, tmp_path):
    shipped = tool.ts_path(lang).with_suffix(".qm")
    translator = QTranslator()
    assert translator.load(str(shipped)), f"{shipped.name} does not load"
    assert not translator.isEmpty()
    copy = tmp_path / tool.ts_path(lang).name
    copy.write_bytes(tool.ts_path(lang).read_bytes())
    assert tool.lrelease(copy).read_bytes() == shipped.read_bytes(), \
        f"{shipped.name} is older than its .ts file: run `make translations`"


def test_spanish_translator_translates(qapp):
    translator = QTranslator()
    assert translator.load(str(tool.ts_path("es").with_suffix(".qm")))
    qapp.installTranslator(translator)
    try:
        assert QCoreApplication.translate("ResolvePage", "Keep first") != "Keep first"
        assert QCoreApplication.translate("ProgressView", "Paper ledger") != "Paper ledger"
    finally:
        qapp.removeTranslator(translator)


def test_switch_language_installs_and_remembers(qapp, project, tmp_path):
    from PySide6.QtCore import QSettings

    from desktop.ui.app_context import AppContext
    from desktop.ui.translation import (LANGUAGE_KEY, install_translator, saved_language,
                                        switch_language)

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    context = AppContext(project, lang="en")
    try:
        switch_language(qapp, context, "es", settings)
        assert context.lang == "es"
        assert settings.value(LANGUAGE_KEY) == "es"
        assert saved_language(settings) == "es"
        assert QCoreApplication.translate("ResolvePage", "Finish") != "Finish"
    finally:
        install_translator(qapp, "en")
    assert QCoreApplication.translate("ResolvePage", "Finish") == "Finish"
    settings.setValue(LANGUAGE_KEY, "fr")
    assert saved_language(settings) in ("en", "es")  # unknown: the system's, else English


# Words that do not change with their count: "1 new", "2 new"; "1 en conflicto".
SAME_FOR_ONE = {("en", "%n new"), ("en", "%n updated"), ("en", "%n conflicting"),
                ("en", "%Ln more verified outside the sample."), ("es", "%n conflicting")}


def _numerus(path: Path) -> list[tuple[str, str]]:
    return [(context.findtext("name"), message.findtext("source"))
            for context in ET.parse(path).getroot().iter("context")
            for message in context.iter("message") if message.get("numerus") == "yes"]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_count_reads_right_for_zero_one_and_two(qapp, lang):
    """A string with a count (`tr("%n form(s)", "", n)`) has its singular for 1 only, and
    never shows the "(s)" of its source."""
    from desktop.ui.translation import install_translator
    counted = _numerus(tool.ts_path(lang))
    assert len(counted) > 20
    install_translator(qapp, lang)
    try:
        for context, source in counted:
            said = {n: QCoreApplication.translate(context, source, "", n) for n in (0, 1, 2)}
            assert all("(s)" not in text and "(es)" not in text for text in said.values()), \
                said
            assert said[0] == said[2].replace("2", "0"), said
            alike = (lang, source) in SAME_FOR_ONE
            assert "1" in said[1] and (said[1] != said[2].replace("2", "1")) != alike, said
    finally:
        install_translator(qapp, "en")


@pytest.mark.parametrize("lang, expected", [
    ("en", ["0 forms", "1 form", "2 forms"]),
    ("es", ["0 formularios", "1 formulario", "2 formularios"]),
])
def test_the_records_count_in_both_languages(qapp, lang, expected):
    from desktop.ui.translation import install_translator
    install_translator(qapp, lang)
    try:
        assert [QCoreApplication.translate("RecordsView", "%Ln form(s)", "", n)
                for n in (0, 1, 2)] == expected
    finally:
        install_translator(qapp, "en")


@pytest.mark.parametrize("value, expected", [("es", "es"), ("es_AR.UTF-8", "es"),
                                             ("EN", "en"), ("fr", "en")])
def test_the_window_follows_riskmap_lang_as_the_command_line_does(monkeypatch, tmp_path,
                                                                   value, expected):
    """RISKMAP_LANG=es gives a Spanish window as it gives Spanish commands; a language
    chosen in the settings still wins."""
    from PySide6.QtCore import QSettings
    from desktop.domain.user_error import user_language
    from desktop.ui.translation import LANGUAGE_KEY, saved_language, system_language
    monkeypatch.setenv("RISKMAP_LANG", value)
    assert system_language() == expected == user_language()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert saved_language(settings) == expected
    settings.setValue(LANGUAGE_KEY, "en" if expected == "es" else "es")
    assert saved_language(settings) != expected
