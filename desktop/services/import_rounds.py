"""What a bundle brings HQ besides its forms and audit rows, merged before its first form
(inside the import's transaction, services/import_service.py): the questionnaire versions
it carries (stored; the project's adopted version stays HQ's) and its rounds (added under
their own uuid, renamed when HQ already uses the name)."""

from __future__ import annotations

from ..bundle.errors import BundleError
from ..domain.questionnaire_diff import differences
from ..storage import bundle_store, questionnaire_store
from ..storage.audit_store import AuditEntry
from .import_report import BundleReport


def store_questionnaires(conn, questionnaires: dict, bundle_sha: str,
                         hq_rows: list[AuditEntry], operator: str, device: str) -> list[str]:
    """Store every (validated) version the bundle carries; the project's adopted version
    stays HQ's (an adoption by this import adds its audit row to `hq_rows`). Returns
    where the bundle's version differs from it, per question."""
    adopted = questionnaire_store.adopted_sha256(conn)
    if adopted is None:
        # A project from before adoption existed: pin what it uses today, so no bundle
        # can replace it; an HQ database with no questionnaire at all adopts the first
        # bundle's version (an audited act, named in the ledger).
        adopted = questionnaire_store.effective_sha256(conn) or bundle_sha
        questionnaire_store.set_adopted(conn, adopted)
        hq_rows.append(AuditEntry(
            "questionnaire_adopt", operator, device, new=adopted,
            reason="first questionnaire of this database" if adopted == bundle_sha
            else "the version in use before bundles could not change it"))
    for sha, q in questionnaires.items():
        questionnaire_store.store_questionnaire(conn, sha, q.id, q.version, q.source_text)
    hq = questionnaires.get(adopted)
    if hq is None:
        from ..domain.questionnaire_loader import parse_questionnaire
        hq = parse_questionnaire(questionnaire_store.questionnaire_text(conn, adopted) or "")
    return differences(hq, questionnaires[bundle_sha])


def merge_rounds(conn, rounds: list[dict], device_id: str,
                 result: BundleReport, branch: bool = False) -> list[str]:
    """New rounds keep their uuid (so every team's rounds sit side by side at HQ); a name
    already used by another round gets the device id added. A restored copy's round
    (`branch`) named like one HQ holds this device's forms in is said: made again after
    the backup, a paper form keyed in both counts twice. Returns the uuids of the rounds
    added."""
    added = []
    existing = bundle_store.round_uuids(conn)
    names = bundle_store.round_names(conn)
    known_q = questionnaire_store.known_sha256s(conn)
    for fields in rounds:
        if fields["uuid"] in existing:
            continue
        row = {k: v for k, v in fields.items() if k != "questionnaire_definition"}
        if row["questionnaire_sha256"] not in known_q:
            raise BundleError("tampered", f"round {row['uuid']}: unknown questionnaire")
        name, counter = row["name"], 1
        again = branch and name in names and bundle_store.round_holds_forms_of(
            conn, names[name], device_id)
        while name in names:
            counter += 1
            name = f"{row['name']} ({device_id})" + ("" if counter == 2 else f" {counter}")
        row["name"] = name
        bundle_store.insert_round(conn, row)
        names[name] = row["uuid"]
        existing.add(row["uuid"])
        added.append(row["uuid"])
        result.rounds_added.append(name)
        if again:
            result.rounds_again.append((fields["name"], name))
    return added
