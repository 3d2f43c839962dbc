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
    """(context, source) -> (translation text, translation type) of a .ts file."""
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            found[(name, message.findtext("source"))] = (
                translation.text or "", translation.get("type"))
    return found


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
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), \
            f"{context}: {source!r} -> {text!r} changes the {{placeholders}}"
        assert text.replace("&&", "").count("&") == source.replace("&&", "").count("&"), \
            f"{context}: {source!r} -> {text!r} changes the keyboard mnemonic"


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
