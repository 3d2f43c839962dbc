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

A row about a form HQ does not hold, before or after the merge, names no round and is not
judged: no history shows it until that form arrives.
"""

from __future__ import annotations

import operator
import sqlite3
from typing import Iterable

from ..bundle.records import AUDIT_FIELDS, FORM_FIELDS
from ..storage import round_origin_store

_SUBJECT = AUDIT_FIELDS.index("response_uuid")  # in an audit row as the import reads it
_FORM_UUID = FORM_FIELDS.index("uuid")  # in a form's values as the merge writes them


class AuditSubjects:
    """The forms named by new audit rows and not (yet) written by the merge."""

    def __init__(self) -> None:
        self._named: set[str] = set()  # forms named by rows, not written by the merge
        self._written: set[str] | None = set()  # forms written before all rows were read
        self._subject = operator.itemgetter(_SUBJECT)

    def rows(self, rows: list[tuple]) -> None:
        """New audit rows of the bundle (rows HQ holds already are not judged again)."""
        named = set(map(self._subject, rows))
        named.discard(None)
        if self._written:
            named -= self._written
        self._named |= named

    def rows_done(self) -> None:
        """Every audit row has been read: written forms need no longer be remembered."""
        self._written = None

    def written(self, *forms: Iterable[tuple]) -> None:
        """Forms the merge added or changed (their rounds are the device's to write)."""
        for chunk in forms:
            uuids = {values[_FORM_UUID] for values in chunk}
            self._named -= uuids
            if self._written is not None:
                self._written |= uuids

    def rounds(self, conn: sqlite3.Connection) -> set[str]:
        """The rounds HQ holds the other named forms in (after the merge)."""
        return round_origin_store.rounds_of_forms(conn, list(self._named))
