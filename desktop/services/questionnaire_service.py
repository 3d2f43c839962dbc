"""Questionnaire versions of an open project: read a JSON file or an XLSForm workbook, and
store it as a new version, audited.

Adding a version never changes the version the project uses (the adopted one): the first
time a second version arrives, the one in use is written down as adopted, so opening the
project later keeps it. Choosing another version is a separate, explicit act.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..domain.questionnaire import Questionnaire
from ..domain.questionnaire_loader import QuestionnaireError, load_questionnaire
from ..domain.xlsform_import import XLSFORM_SUFFIXES, import_xlsform
from ..storage import audit_store, questionnaire_store, settings_store
from ..storage.audit_store import AuditEntry
from .form_service import Actor
from .project import ADOPTED_KEY, Project


class VersionClash(QuestionnaireError):
    """Another questionnaire with the same id and version string is stored already."""


@dataclass
class AddedQuestionnaire:
    """The outcome of adding a questionnaire: `added` is False when it was stored already."""

    questionnaire: Questionnaire
    added: bool
    warnings: list[str] = field(default_factory=list)


def read_questionnaire_file(path: str | Path) -> tuple[Questionnaire, list[str]]:
    """The questionnaire of a JSON file or an XLSForm workbook, with the import's warnings;
    QuestionnaireError (or XLSFormError) lists every problem."""
    path = Path(path)
    if path.suffix.lower() in XLSFORM_SUFFIXES:
        result = import_xlsform(path)
        return result.questionnaire, result.warnings
    return load_questionnaire(path), []


def add_questionnaire(project: Project, path: str | Path, actor: Actor) -> AddedQuestionnaire:
    """Store the questionnaire of `path` as a version of the project (one transaction with
    its audit row); the version in use stays the same."""
    questionnaire, warnings = read_questionnaire_file(path)
    return store_version(project, questionnaire, actor, Path(path).name, warnings)


def store_version(project: Project, questionnaire: Questionnaire, actor: Actor,
                  file_name: str, warnings: list[str] | None = None) -> AddedQuestionnaire:
    """Store a questionnaire already read (see `read_questionnaire_file`)."""
    warnings = list(warnings or [])
    conn = project.db.conn
    if questionnaire_store.questionnaire_text(conn, questionnaire.sha256) is not None:
        return AddedQuestionnaire(questionnaire, False, warnings)
    if questionnaire_store.version_sha256s(conn, questionnaire.id, questionnaire.version):
        # Two different questionnaires under one version would pool codes that mean
        # different things; a changed instrument needs a new version string.
        raise VersionClash([f"{questionnaire.id} version {questionnaire.version} is stored "
                            "already with different content; give the changed "
                            "questionnaire a new version"], file_name)
    with project.db.transaction() as conn:
        if not settings_store.get_setting(conn, ADOPTED_KEY):
            settings_store.set_setting(conn, ADOPTED_KEY, project.questionnaire.sha256)
        questionnaire_store.store_questionnaire(conn, questionnaire.sha256, questionnaire.id,
                                                questionnaire.version,
                                                questionnaire.source_text)
        audit_store.write_audit(conn, [AuditEntry(
            "questionnaire_add", actor.operator, actor.device,
            new=f"{questionnaire.id} {questionnaire.version}",
            reason=f"sha256 {questionnaire.sha256} from {file_name}")])
    return AddedQuestionnaire(questionnaire, True, warnings)
