"""`WorkspaceServices`: the services an open project builds, and the supervisors' acts on
its connection (enrol a device, allow one into a round), as methods of `Workspace`.

Every service gets the workspace's connection and publishes its changes through the
workspace; views ask the workspace for these and never build a service themselves. The
services import the workspace, so each is imported when first asked for. Qt-free.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from ..domain.questionnaire import Questionnaire
from ..storage.database import Database

if TYPE_CHECKING:
    from .analysis_service import AnalysisService
    from .conflict_service import ConflictService
    from .form_service import Actor, FormService
    from .operator_service import OperatorService
    from .progress_service import ProgressService
    from .records_service import RecordsService
    from .round_service import RoundService
    from .verification_service import VerificationService


class WorkspaceServices:
    """Mixed into `Workspace`, whose `db`, `questionnaire`, `actor` and `publish` these
    methods use."""

    db: Database
    questionnaire: Questionnaire
    actor: "Actor | None"
    publish: Callable[[object], None]

    def form_service(self, actor: "Actor", lang: str = "en",
                     questionnaire: Questionnaire | None = None) -> "FormService":
        """Saving and editing forms, checked against `questionnaire` (a round's version;
        the project's by default)."""
        from .form_service import FormService
        return FormService(self.db, questionnaire or self.questionnaire, actor, lang,
                           on_change=self.publish)

    def verification_service(self, questionnaire: Questionnaire, actor: "Actor",
                             lang: str = "en") -> "VerificationService":
        from .verification_service import VerificationService
        return VerificationService(self.db, questionnaire, actor, lang, on_change=self.publish)

    def conflict_service(self, actor: "Actor", lang: str = "en") -> "ConflictService":
        from .conflict_service import ConflictService
        return ConflictService(self, actor, lang)

    def records_service(self) -> "RecordsService":
        from .records_service import RecordsService
        return RecordsService(self.db)

    def round_service(self) -> "RoundService":
        from .round_service import RoundService
        return RoundService(self)

    def operator_service(self) -> "OperatorService":
        """Sign-in and operator management, acting as the workspace's actor."""
        from .operator_service import OperatorService
        return OperatorService(self.db, self.actor)

    def may_change_settings(self) -> bool:
        """Whether the signed-in operator may change project settings (a supervisor, or
        anybody while the project has no operators)."""
        from .operator_service import may_change_settings
        return may_change_settings(self.db.conn, self.actor)

    def progress_service(self) -> "ProgressService":
        from .progress_service import ProgressService
        return ProgressService(self.db)

    def trust_device(self, fingerprint: str, name: str = "", operator: str = "analyst"):
        """Enrol a device at HQ (see device_service.trust_device); supervisors only."""
        from .device_service import trust_device
        from .operator_service import require_supervisor
        require_supervisor(self.db.conn, self.actor)
        return trust_device(self.db, fingerprint, name, operator)

    def allow_in_round(self, device_id: str, round_name: str, reason: str = "",
                       operator: str = "analyst"):
        """Let a device add forms to a round another device brought (see
        round_origin.allow_device); supervisors only."""
        from .operator_service import require_supervisor
        from .round_origin import allow_device
        require_supervisor(self.db.conn, self.actor)
        return allow_device(self.db, device_id, round_name, reason, operator)

    def check_supervisor(self) -> None:
        """Refuse (OperatorRefused) unless a supervisor is signed in (or the project has
        no operators): before an act a worker does on its own connection."""
        from .operator_service import require_supervisor
        require_supervisor(self.db.conn, self.actor)

    def analysis(self, lang: str = "en") -> "AnalysisService":
        """The analysis of this project read on this connection."""
        from .analysis_service import analysis_for
        return analysis_for(self, lang)
