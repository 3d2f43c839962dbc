"""The self-test's 18 steps in the order they run, each a method of one stage's module."""

from __future__ import annotations

from typing import Callable

from .environment_steps import EnvironmentSteps
from .field_steps import FieldSteps
from .hq_steps import HqSteps
from .output_steps import OutputSteps


class SelfTest(EnvironmentSteps, FieldSteps, HqSteps, OutputSteps):
    """The steps, sharing what they made (paths, window, saved form) as attributes."""

    def steps(self) -> list[tuple[str, Callable[[], str]]]:
        return [
            ("resources", self.resources),
            ("Qt application", self.qt_application),
            ("dashboard modules loaded on a worker", self.warm_up),
            ("Spanish translations", self.translations),
            ("Qt text services (ICU)", self.text_services),
            ("database and round", self.database),
            ("main window", self.main_window),
            ("key one form with the keyboard", self.key_form),
            ("saved form reads back", self.read_back),
            ("HQ key", self.hq_key),
            ("export bundle", self.export),
            ("import into a second database", self.import_bundle),
            ("compare field and HQ databases", self.compare),
            ("every view opens", self.views),
            ("dashboard charts", self.dashboard),
            ("report: CSV, XLSX, PDF", self.report),
            ("data files: CSV, XLSX, Stata, SPSS", self.data_files),
            ("About box", self.about),
        ]
