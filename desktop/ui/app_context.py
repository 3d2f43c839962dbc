"""`AppContext`: what the widgets need, passed into their constructors (no globals).

Holds the open workspace (services/workspace.py: the owner of the project, its
connections, services and settings), the signed-in operator, the chosen round and the
language; the device key is the open project's (`workspace.device_key`, kept inside its
encrypted database), so it changes with the project. The workspace publishes every change; the context only forwards
them to `forms_changed` / `settings_changed`, and emits `project_changed` /
`round_changed` / `operator_changed` itself, so views refresh from one signal.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..bundle.device_key import DeviceKey
from ..domain.questionnaire import Questionnaire
from ..services.form_service import Actor, FormService
from ..services.operator_service import Operator
from ..services.records_service import RecordsService
from ..services.round_service import Round, RoundService
from ..services.workspace import SettingsChange, Workspace
from .background import BackgroundRunner


class AppContext(QObject):
    project_changed = Signal()
    forms_changed = Signal(object)  # a FormChange, or None for "many things changed"
    round_changed = Signal()
    operator_changed = Signal()
    settings_changed = Signal()  # project settings or the language changed

    def __init__(self, project: Workspace, *, operator: str = "",
                 lang: str = "en", runner: BackgroundRunner | None = None):
        super().__init__()
        self.runner = runner or BackgroundRunner()
        self.workspace = project
        self._unsubscribe = project.subscribe(self._forward)
        self.operator = operator
        # The signed-in operator's id and role (None / "" while the name alone is known:
        # a project without operators, a test, the self-test).
        self.operator_id: str | None = None
        self.role = ""
        self.lang = lang
        self.round_uuid: str | None = None
        project.actor = self.actor
        self._pick_default_round()

    @property
    def device_key(self) -> DeviceKey:
        """The open project's device key (its id, fingerprint and the key that signs)."""
        return self.workspace.device_key

    @property
    def actor(self) -> Actor:
        return Actor(self.operator or "?", self.device_key.device_id, self.operator_id)

    @property
    def project(self) -> Workspace:
        """The open workspace (the name most views know it by)."""
        return self.workspace

    def questionnaire(self, round_uuid: str | None = None) -> Questionnaire:
        """The questionnaire version of a round (default: the chosen round)."""
        return self.round_service().questionnaire(round_uuid or self.round_uuid)

    def form_service(self, round_uuid: str | None = None) -> FormService:
        """Saving and editing forms of a round (default: the chosen round), checked
        against that round's questionnaire version."""
        return self.workspace.form_service(self.actor, self.lang,
                                           questionnaire=self.questionnaire(round_uuid))

    def form_service_for(self, form_uuid: str) -> FormService:
        """The form service of the round a stored form belongs to."""
        return self.form_service(self.round_service().round_of_form(form_uuid))

    def records_service(self) -> RecordsService:
        """Counts and pages of forms of the open project."""
        return self.workspace.records_service()

    def round_service(self) -> RoundService:
        """Rounds of the open project."""
        return self.workspace.round_service()

    def current_round(self) -> Round | None:
        """The round being keyed, or None when the project has no round yet."""
        if self.round_uuid is None:
            return None
        return self.round_service().get(self.round_uuid)

    @property
    def operator_controlled(self) -> bool:
        """Out-of-range values may be kept after an explicit confirmation (project setting)."""
        return self.workspace.settings.operator_controlled

    def set_round(self, uuid: str | None) -> None:
        """Choose the round being keyed; the project reopens on it (a setting of the
        project, so each project keeps its own)."""
        if uuid != self.round_uuid:
            self.round_uuid = uuid
            self.workspace.remember_round(uuid)
            self.round_changed.emit()

    def keep_a_round(self) -> None:
        """After rounds came or went (an import): when no round is chosen, or the chosen
        one is gone, choose the project's default (see `_pick_default_round`)."""
        uuids = [round_.uuid for round_ in self.project.rounds()]
        if self.round_uuid not in uuids:
            chosen = self._default_round(uuids)
            if chosen != self.round_uuid:
                self.round_uuid = chosen
                self.round_changed.emit()

    def set_operator(self, name: str, operator_id: str | None = None, role: str = "") -> None:
        """Sign in another operator (a name alone, or an operator of the project with
        their id and role: see `sign_in`)."""
        if (name, operator_id, role) != (self.operator, self.operator_id, self.role):
            self.operator, self.operator_id, self.role = name, operator_id, role
            self.workspace.actor = self.actor
            self.operator_changed.emit()

    def sign_in(self, operator: Operator) -> None:
        """The operator who signed in with their PIN (services/operator_service.py)."""
        self.set_operator(operator.name, operator.id, operator.role)

    def sign_out(self) -> None:
        """Nobody is signed in (until the next sign-in)."""
        self.set_operator("")

    def may_change_settings(self) -> bool:
        """Whether the signed-in operator may change project settings (a supervisor, or
        anybody while the project has no operators)."""
        return self.workspace.may_change_settings()

    def set_language(self, lang: str) -> None:
        """Show questionnaire labels (and messages) in another language."""
        if lang != self.lang:
            self.lang = lang
            self.settings_changed.emit()

    def replace_project(self, project: Workspace, operator: Operator | None = None) -> None:
        """Work on another project; `operator` signed in to it (operators belong to a
        project, so the one signed in to the old project is signed out)."""
        self._unsubscribe()
        old, self.workspace = self.workspace, project
        self._unsubscribe = project.subscribe(self._forward)
        if operator is not None:
            self.operator, self.operator_id, self.role = operator.name, operator.id, \
                operator.role
        else:
            self.operator_id, self.role = None, ""
        project.actor = self.actor
        old.close()
        self.round_uuid = None
        self._pick_default_round()
        self.project_changed.emit()
        self.round_changed.emit()
        self.operator_changed.emit()

    def _forward(self, change: object) -> None:
        """The workspace's changes, as Qt signals."""
        if isinstance(change, SettingsChange):
            self.settings_changed.emit()
        else:
            self.forms_changed.emit(change)

    def _pick_default_round(self) -> None:
        self.round_uuid = self._default_round([round_.uuid for round_ in self.project.rounds()])

    def _default_round(self, uuids: list[str]) -> str | None:
        """The round last used in this project (its setting), or the newest when that one
        no longer exists (or none was kept); None when the project has no round."""
        last = self.workspace.settings.last_round
        if last in uuids:
            return last
        return uuids[-1] if uuids else None
