"""Self-test steps 1-5: the program's environment. Its resources (the questionnaire as JSON
and as XLSForm, the icon, the build information), the Qt application, the dashboard's
modules imported on a worker, the Spanish translations (ours and Qt's own) and Qt's text
services (ICU)."""

from __future__ import annotations

import sys

from .output import quiet_platform_notes as _quiet_platform_notes
from .state import SelfTestState


class EnvironmentSteps(SelfTestState):
    """The steps of this module; they share what they made through the state."""

    def resources(self) -> str:
        from ..build_info import read_build_info
        from ..domain.questionnaire_loader import load_questionnaire
        from ..resources import default_questionnaire_path, icons_dir
        from ..domain.xlsform_import import load_questionnaire_file
        questionnaire = load_questionnaire(default_questionnaire_path())
        # The same instrument as an XLSForm: proves pyxform works inside the package.
        workbook = load_questionnaire_file(default_questionnaire_path().with_suffix(".xlsx"))
        if workbook.question_ids() != questionnaire.question_ids():
            raise AssertionError("the XLSForm of the default questionnaire imports to other "
                                 "questions")
        if not (icons_dir() / "riskmap.png").is_file():
            raise AssertionError(f"the icon is missing from {icons_dir()}")
        build = read_build_info()
        return (f"questionnaire {questionnaire.id} v{questionnaire.version} (JSON and "
                f"XLSForm), build {build['build_date']}")

    def qt_application(self) -> str:
        from PySide6.QtCore import QCoreApplication, QSettings, qInstallMessageHandler
        from PySide6.QtWidgets import QApplication
        qInstallMessageHandler(_quiet_platform_notes)
        QCoreApplication.setOrganizationName("RiskMap-selftest")
        QCoreApplication.setApplicationName("RiskMap-selftest")
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                          str(self.root / "settings"))
        self.app = QApplication.instance() or QApplication([sys.argv[0]])
        return f"platform {self.app.platformName()}"

    def translations(self) -> str:
        from PySide6.QtCore import QCoreApplication, QTranslator
        from ..ui.translation import install_translator, qm_path, qt_translation_dirs
        if not install_translator(self.app, "es"):
            raise AssertionError(f"{qm_path('es')} did not load")
        entry = QCoreApplication.translate("MainWindow", "Entry")
        if entry == "Entry":
            raise AssertionError("the Spanish translation does not translate 'Entry'")
        # Where the program looks for Qt's own texts: beside ours (the package), then Qt's.
        qt_own = QTranslator()
        folders = [str(folder) for folder in qt_translation_dirs()]
        if not any(qt_own.load("qtbase_es", folder) for folder in folders):
            raise AssertionError(f"Qt's own Spanish translation is missing from {folders}")
        # Qt's own context and text, looked up in Qt's file (held in variables so that
        # lupdate does not take them for one of the program's strings).
        qt_context, qt_text = "QPlatformTheme", "Cancel"
        cancel = qt_own.translate(qt_context, qt_text)
        if cancel != "Cancelar":
            raise AssertionError(f"Qt's own Spanish file translates 'Cancel' as {cancel!r}")
        return f"'Entry' -> '{entry}', Qt's own 'Cancel' -> '{cancel}'"

    def text_services(self) -> str:
        from PySide6.QtCore import QCollator, QLocale
        words = ["oca", "ñu", "nube", "Árbol", "zorro", "abeja"]
        ordered = sorted(words, key=QCollator(QLocale("es")).sortKey)
        if ordered != ["abeja", "Árbol", "nube", "ñu", "oca", "zorro"]:
            raise AssertionError(f"Spanish collation gave {ordered}")
        upper = QLocale("es").toUpper("ñandú")
        if upper != "ÑANDÚ":
            raise AssertionError(f"upper case of 'ñandú' gave {upper!r}")
        return "Spanish sorting and case mapping"

    def warm_up(self) -> str:
        # As the window's start does while the passphrase is checked: the packaged
        # program must import pandas and pyqtgraph off the UI thread too.
        from ..ui.background import BackgroundRunner
        from ..ui.warm_up import WarmUp
        runner = BackgroundRunner()
        warm_up = WarmUp(runner)
        self._wait(lambda: warm_up.done, "the dashboard's modules did not load")
        runner.stop()
        if warm_up.failed is not None:
            raise AssertionError(f"the dashboard's modules did not load: {warm_up.failed!r}")
        return "pandas, numpy, pyqtgraph and the charts imported off the UI thread"
