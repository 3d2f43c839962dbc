"""Reading the list of forms for the records view and the status bar (no Qt here).

A thin use-case over `storage.records_query`, so the UI never writes SQL: the records
model asks for a count and then for windows of rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..storage import records_query
from ..storage.database import Database
from ..storage.records_query import LIVE, RecordFilter, RecordRow

__all__ = ["LIVE", "RecordFilter", "RecordRow", "RecordsService", "RoundTally"]


@dataclass(frozen=True)
class RoundTally:
    """Counts shown in the status bar for one round."""

    entered: int
    verified: int
    drafts: int
    target: int


class RecordsService:
    """Counts and pages of forms of one open database."""

    def __init__(self, db: Database):
        self.db = db

    def count(self, flt: RecordFilter) -> int:
        """How many forms match `flt`."""
        return records_query.count_records(self.db.conn, flt)

    def page(self, flt: RecordFilter, sort: str, descending: bool, offset: int,
             limit: int) -> list[RecordRow]:
        """One window of the filtered, sorted list."""
        return records_query.page_records(self.db.conn, flt, sort, descending, offset, limit)

    def operators(self) -> list[str]:
        """Operators who keyed forms in this database."""
        return records_query.operators(self.db.conn)

    def tally(self, round_uuid: str, target: int) -> RoundTally:
        """Entered (entered + verified), verified and draft forms of a round."""
        counts = records_query.round_counts(self.db.conn, round_uuid)
        verified = counts.get("verified", 0)
        return RoundTally(entered=counts.get("entered", 0) + verified, verified=verified,
                          drafts=counts.get("draft", 0), target=target)
