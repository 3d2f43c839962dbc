"""The project's adopted questionnaire: which stored version gives labels and bands.

Every version a project has seen (its own, and each one a bundle carried) is stored; only
the analyst's explicit act changes the adopted one (`riskmap questionnaire adopt`), and
that act is written to the audit log. A bundle never changes it.
"""

from __future__ import annotations

from ..domain.questionnaire_loader import parse_questionnaire
from ..storage import questionnaire_store
from ..storage.audit_store import AuditEntry, write_audit
from ..storage.clock import utc_now
from ..storage.database import Database


class AdoptRefused(ValueError):
    """The adopted questionnaire was not changed; the message says why."""


def versions(db: Database) -> list[dict]:
    """Every stored version with a flag for the adopted one."""
    adopted = questionnaire_store.effective_sha256(db.conn)
    return [{"sha256": sha, "id": qid, "version": version, "added": added,
             "adopted": sha == adopted}
            for sha, qid, version, added in questionnaire_store.questionnaires(db.conn)]


def adopt(db: Database, sha_prefix: str, operator: str = "analyst",
          device: str = "hq") -> dict:
    """Adopt the stored version whose sha256 starts with `sha_prefix` (audited)."""
    prefix = (sha_prefix or "").strip().lower()
    matches = [v for v in versions(db) if prefix and v["sha256"].startswith(prefix)]
    if len(prefix) < 6 or len(matches) != 1:
        what = "no stored version" if not matches else f"{len(matches)} stored versions"
        raise AdoptRefused(f"'{sha_prefix}' matches {what}; give at least 6 leading digits "
                           "of one sha256 from `riskmap questionnaire list`.")
    chosen = matches[0]
    with db.transaction() as conn:
        # Only a version the full loader accepts can become the project's.
        parse_questionnaire(questionnaire_store.questionnaire_text(conn, chosen["sha256"]) or "")
        old = questionnaire_store.effective_sha256(conn)
        questionnaire_store.set_adopted(conn, chosen["sha256"])
        write_audit(conn, [AuditEntry("questionnaire_adopt", operator, device, old=old,
                                      new=chosen["sha256"],
                                      reason=f"{chosen['id']} {chosen['version']}")], utc_now())
    return chosen
