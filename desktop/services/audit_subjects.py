"""`AuditSubjects`: the forms a bundle's new audit rows are about, so HQ can hold a bundle
whose rows speak of forms in a round its device may not write (services/round_origin.py).

A device's audit rows show in the history of the forms they name, under its device id;
the chain is hash-linked, so rows cannot be dropped one by one: the bundle is held whole,
as for its forms. Most rows are about forms the same bundle adds or changes (in rounds it
may write, or the merge would have held it): those are crossed off as the merge writes
them, so only the rest are looked up at HQ after the merge (one query per 5,000), not
every row's form (0.12 s per 100k lookups). The rows and the forms come in either order
(the import's checking process hands forms over while this process still reads audit
rows): forms written before the rows that name them are remembered until the last row
is read (`rows_done`).

A row about a form HQ does not hold after the merge (the bundle did not bring it either)
holds the bundle too (`bundle.audit_unknown_forms`). A laptop writes an audit row about a
form only in the transaction that changes that form (create, edit, status, delete,
verification, a confirmation, a conflict resolved: services/form_service.py and its
neighbours), and its bundle carries every form changed since its last bundle, deleted
ones included (deleting is soft; nothing removes a form's row), so an honest bundle's
new rows name forms it brings or HQ holds; a bundle whose chain missed a bundle is
refused for its chain before this. Such a row names no round HQ can judge, and would
show in the history of a form of that uuid arriving later, perhaps another post's (a
post that learnt the uuid of a form keyed on another post's laptop). The remedy for an
honest team is a full export (`riskmap export --all`): it brings every form the laptop
holds, so the rows' forms come with them and are judged by their rounds. Rows naming no
form (settings, enrolments) are not about a form and pass.

Only the signer's own rows are held for a form nobody holds: an HQ relaying what it
merged (a regional office) carries rows of the laptops it imported and its own
`import_conflict` rows about forms it keeps only as conflicts for its analyst, which no
bundle carries; those stay unjudged until such a form arrives, as before. (So a post
could still write such rows under a device id no enrolled key signs as, or as
`import_conflict` rows: the history then shows an unenrolled device, or an HQ's action
from a laptop. Closing that needs HQ bundles that carry their conflicts.)
"""

from __future__ import annotations

import operator
import sqlite3
from typing import Iterable

from ..bundle.records import AUDIT_FIELDS, FORM_FIELDS
from ..storage import round_origin_store

_SUBJECT = AUDIT_FIELDS.index("response_uuid")  # in an audit row as the import reads it
_DEVICE = AUDIT_FIELDS.index("device")
_ACTION = AUDIT_FIELDS.index("action")
# An HQ's row about a form it keeps only as a conflict (services/import_service.py).
_HQ_CONFLICT = "import_conflict"
_FORM_UUID = FORM_FIELDS.index("uuid")  # in a form's values as the merge writes them


class AuditSubjects:
    """The forms named by new audit rows and not (yet) written by the merge. `signer`:
    the bundle's device id, whose own rows must name forms HQ holds after the merge."""

    def __init__(self, signer: str | None = None) -> None:
        self.signer = signer
        self._named: set[str] = set()  # forms named by rows, not written by the merge
        # Those of them named only by rows not the signer's own (relayed; usually none,
        # so the signer's own forms are not held twice in memory).
        self._relayed: set[str] = set()
        self._written: set[str] | None = set()  # forms written before all rows were read
        self._subject = operator.itemgetter(_SUBJECT)

    def rows(self, rows: list[tuple]) -> None:
        """New audit rows of the bundle (rows HQ holds already are not judged again)."""
        named = set(map(self._subject, rows))
        named.discard(None)
        if self._written:
            named -= self._written
        signer = self.signer
        own = {row[_SUBJECT] for row in rows if row[_DEVICE] == signer
               and row[_ACTION] != _HQ_CONFLICT} if signer is not None else set()
        self._relayed -= own
        self._relayed |= named - own - self._named
        self._named |= named

    def rows_done(self) -> None:
        """Every audit row has been read: written forms need no longer be remembered."""
        self._written = None

    def written(self, *forms: Iterable[tuple]) -> None:
        """Forms the merge added or changed (their rounds are the device's to write)."""
        for chunk in forms:
            uuids = {values[_FORM_UUID] for values in chunk}
            self._named -= uuids
            self._relayed -= uuids
            if self._written is not None:
                self._written |= uuids

    def judge(self, conn: sqlite3.Connection) -> tuple[set[str], list[str]]:
        """After the merge: (the rounds HQ holds the other named forms in, the forms the
        signer's own rows name that HQ does not hold, sorted)."""
        rounds = round_origin_store.rounds_of_forms(conn, list(self._named))
        unknown = self._named - self._relayed - rounds.keys()
        return set(rounds.values()) - {None}, sorted(unknown)
