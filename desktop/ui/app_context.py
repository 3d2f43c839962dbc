"""`AppContext`: what the widgets need, passed into their constructors (no globals).

Holds the open project, the signed-in operator, the device key and the language, and
emits `project_changed` / `forms_changed` so views refresh from one signal.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..bundle.device_key import DeviceKey
from ..services.form_service import Actor, FormService
from ..services.project import Project
from .background import BackgroundRunner


class AppContext(QObject):
    project_changed = Signal()
    forms_changed = Signal(object)  # a FormChange, or None for "many things changed"

    def __init__(self, project: Project, device_key: DeviceKey, operator: str = "",
                 lang: str = "en", runner: BackgroundRunner | None = None):
        super().__init__()
        self.runner = runner or BackgroundRunner()
        self.project = project
        self.device_key = device_key
        self.operator = operator
        self.lang = lang

    @property
    def actor(self) -> Actor:
        return Actor(self.operator or "?", self.device_key.device_id)

    def form_service(self) -> FormService:
        return FormService(self.project.db, self.project.questionnaire, self.actor, self.lang)

    def replace_project(self, project: Project) -> None:
        old, self.project = self.project, project
        old.close()
        self.project_changed.emit()
