"""Translations of the program's own text: one `QTranslator` for RiskMap and one for Qt.

The program's strings are English in the source (`tr()`); `resources/translations/`
holds `riskmap_<lang>.ts` (edited by people, collected by `make translations`) and the
compiled `riskmap_<lang>.qm` loaded here. The language follows RISKMAP_LANG (as the command
line does), else the system, unless one is chosen in settings (QSettings key `ui/language`, the settings dialog's). Switching at run
time installs the new translator; Qt then sends a LanguageChange event to every widget,
and views that implement `changeEvent` retranslate themselves at once.
Questionnaire labels do not go through Qt: they follow `AppContext.lang`.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from ..domain.user_error import user_language
from ..resources import translations_dir

LANGUAGE_KEY = "ui/language"
SUPPORTED = ("en", "es")
TRANSLATOR_NAME = "riskmapTranslator"  # the app owns them; found again by this name


def qm_path(lang: str, folder: Path | None = None) -> Path:
    """The compiled translation file of a language."""
    return (folder or translations_dir()) / f"riskmap_{lang}.qm"


def qt_translation_dirs() -> list[Path]:
    """Where Qt's own translations (qtbase_<lang>.qm: file dialogs, standard buttons) are
    looked for: shipped beside ours (the packaged program), then Qt's own folder."""
    return [translations_dir(),
            Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]


def system_language() -> str:
    """RISKMAP_LANG when set (as the command line reads it), else the system's language
    when RiskMap speaks it, else English."""
    if (os.environ.get("RISKMAP_LANG") or "").strip():
        return user_language()  # read first there, as the command line reads it
    code = QLocale.system().name().split("_")[0]
    return code if code in SUPPORTED else "en"


def saved_language(settings: QSettings) -> str:
    """The language chosen in settings, else the system's."""
    chosen = str(settings.value(LANGUAGE_KEY, "") or "")
    return chosen if chosen in SUPPORTED else system_language()


def install_translator(app: QCoreApplication, lang: str) -> bool:
    """Replace the installed translators with those of `lang`; True when RiskMap's own
    translation file was found and loaded (English needs none: it is the source)."""
    for old in app.findChildren(QTranslator, TRANSLATOR_NAME):
        app.removeTranslator(old)
        old.setParent(None)
        old.deleteLater()
    qt_own = _translator(app)
    if lang != "en" and any(qt_own.load(f"qtbase_{lang}", str(folder))
                            for folder in qt_translation_dirs()):
        app.installTranslator(qt_own)
    ours = _translator(app)
    loaded = ours.load(str(qm_path(lang)))
    if loaded:
        app.installTranslator(ours)
    QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.LatinAmerica)
                       if lang == "es" else QLocale(QLocale.Language.English,
                                                    QLocale.Country.UnitedStates))
    return loaded or lang == "en"


def switch_language(app: QCoreApplication, context, lang: str,
                    settings: QSettings | None = None) -> None:
    """Use `lang` from now on: translators, questionnaire labels, and (when given) the
    saved choice."""
    if settings is not None:
        settings.setValue(LANGUAGE_KEY, lang)
    install_translator(app, lang)
    context.set_language(lang)


def _translator(app: QCoreApplication) -> QTranslator:
    translator = QTranslator(app)
    translator.setObjectName(TRANSLATOR_NAME)
    return translator
