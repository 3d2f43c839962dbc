"""Questionnaire versions of a project: add one, and choose which one the project uses.

Every version a project has seen (its own, each one added from a JSON file or an XLSForm
workbook, and each one a bundle carried) is stored; adding a version never changes the
adopted one (labels, bands, new rounds). Only the analyst's explicit act changes it
(`riskmap questionnaire adopt`), and that act is written to the audit log. A bundle never
changes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..domain.phrase import Phrase
from ..domain.questionnaire import Questionnaire
from ..domain.questionnaire_loader import (
    QuestionnaireError, load_questionnaire, parse_questionnaire,
)
from ..domain.user_error import UserError
from ..domain.xlsform_import import XLSFORM_SUFFIXES, import_xlsform
from ..storage import audit_store, questionnaire_store
from ..storage.audit_store import AuditEntry, write_audit
from ..storage.clock import utc_now
from ..storage.database import Database
from .device_identity import own_device_id
from .form_service import Actor
from .project import Project


class AdoptRefused(UserError, ValueError):
    """The adopted questionnaire was not changed; a catalogue key (`adopt.*`) says why."""


def versions(db: Database) -> list[dict]:
    """Every stored version with a flag for the adopted one."""
    adopted = questionnaire_store.effective_sha256(db.conn)
    return [{"sha256": sha, "id": qid, "version": version, "added": added,
             "adopted": sha == adopted}
            for sha, qid, version, added in questionnaire_store.questionnaires(db.conn)]


def adopt(db: Database, sha_prefix: str, operator: str = "analyst",
          device: str | None = None) -> dict:
    """Adopt the stored version whose sha256 starts with `sha_prefix` (audited)."""
    prefix = (sha_prefix or "").strip().lower()
    matches = [v for v in versions(db) if prefix and v["sha256"].startswith(prefix)]
    if len(prefix) < 6 or len(matches) != 1:
        if not matches:
            raise AdoptRefused("adopt.no_match", prefix=sha_prefix)
        raise AdoptRefused("adopt.many", prefix=sha_prefix, n=len(matches))
    chosen = matches[0]
    with db.transaction() as conn:
        # Only a version the full loader accepts can become the project's.
        parse_questionnaire(questionnaire_store.questionnaire_text(conn, chosen["sha256"]) or "")
        old = questionnaire_store.effective_sha256(conn)
        questionnaire_store.set_adopted(conn, chosen["sha256"])
        write_audit(conn, [AuditEntry("questionnaire_adopt", operator,
                                      device or own_device_id(conn), old=old,
                                      new=chosen["sha256"],
                                      reason=f"{chosen['id']} {chosen['version']}")], utc_now())
    return chosen


class VersionClash(QuestionnaireError):
    """Another questionnaire with the same id and version string is stored already."""


@dataclass
class AddedQuestionnaire:
    """The outcome of adding a questionnaire: `added` is False when it was stored already."""

    questionnaire: Questionnaire
    added: bool
    warnings: list[Phrase] = field(default_factory=list)


def read_questionnaire_file(path: str | Path) -> tuple[Questionnaire, list[Phrase]]:
    """The questionnaire of a JSON file or an XLSForm workbook, with the import's warnings;
    QuestionnaireError (or XLSFormError) lists every problem (a workbook's say where).
    Problems and warnings are phrases, said in the reader's language where shown."""
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
                  file_name: str, warnings: list[Phrase] | None = None) -> AddedQuestionnaire:
    """Store a questionnaire already read (see `read_questionnaire_file`)."""
    warnings = list(warnings or [])
    conn = project.db.conn
    if questionnaire_store.questionnaire_text(conn, questionnaire.sha256) is not None:
        return AddedQuestionnaire(questionnaire, False, warnings)
    if questionnaire_store.version_sha256s(conn, questionnaire.id, questionnaire.version):
        # Two different questionnaires under one version would pool codes that mean
        # different things; a changed instrument needs a new version string.
        raise VersionClash([Phrase("qn.version_clash", id=questionnaire.id,
                                   version=questionnaire.version)], file_name)
    with project.db.transaction() as conn:
        # A project from before adoption existed uses its newest version: pin the one in
        # use, so the new one does not take over.
        if questionnaire_store.adopted_sha256(conn) is None:
            questionnaire_store.set_adopted(conn, project.questionnaire.sha256)
        questionnaire_store.store_questionnaire(conn, questionnaire.sha256, questionnaire.id,
                                                questionnaire.version,
                                                questionnaire.source_text)
        audit_store.write_audit(conn, [AuditEntry(
            "questionnaire_add", actor.operator, actor.device,
            new=f"{questionnaire.id} {questionnaire.version}",
            reason=f"sha256 {questionnaire.sha256} from {file_name}")])
    return AddedQuestionnaire(questionnaire, True, warnings)
