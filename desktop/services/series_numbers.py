"""The numbers a bundle series takes at HQ: all of them, from its first part on.

A series of n parts is numbered first..first + n - 1 on its device's line (part k is
number first + k - 1, docs/bundles.md "Series"). Its audit rows join HQ's log only when
every part is in (services/bundle_series.py), so a series one of whose numbers HQ holds
from another bundle of the device can never be complete: that part is held (its number is
used), and before this check the parts numbered above it were merged, their forms at HQ
while their audit rows waited, held for ever, for a part that would never come (a copy
restored from a backup that exported a series numbered again, the lost copy's bundles
already at HQ). Now HQ holds the whole series:

- a part is held when a number of its series is one HQ holds from another bundle of the
  device (not a part of this series), saying which number and that the series could
  never be complete;
- a bundle (single, or a part of another series) is held when its number is one that a
  series HQ holds parts of takes, saying which series: the first to arrive keeps its
  numbers, as for single bundles.

Nothing of a held part is written; import the series again once the team said which copy
is genuine (a restored copy exports again as single bundles, which may branch).
"""

from __future__ import annotations

import sqlite3

from ..bundle.errors import BundleError
from ..bundle.manifest import Manifest
from ..storage import bundle_store, series_store


def short_id(series_id: str) -> str:
    """The first block of a series uuid: enough to tell series apart in a sentence."""
    return series_id.split("-")[0]


def check_numbers(conn: sqlite3.Connection, m: Manifest) -> None:
    """Hold (BundleError) a part whose series could never be complete, or a bundle whose
    number another series of its device takes; two queries per bundle."""
    series_id = m.series["id"] if m.series else None
    if series_id is not None:
        part, parts = m.series["part"], m.series["parts"]
        first, last = m.sequence - part + 1, m.sequence - part + parts
        for sequence, other in bundle_store.imported_in_range(conn, m.device_id, first,
                                                              last):
            if other != m.bundle_uuid and series_id not in series_store.series_of_bundles(
                    conn, [other]):
                raise BundleError("series_number_used", f"{series_id}: #{sequence} {other}",
                                  part=part, series=short_id(series_id),
                                  device=m.device_id, first=first, last=last,
                                  sequence=sequence)
    taken = series_store.series_taking_number(conn, m.device_id, m.sequence, series_id)
    if taken is not None:
        other_series, first, parts = taken
        raise BundleError("number_in_series", f"{m.device_id} #{m.sequence} in {other_series}",
                          device=m.device_id, sequence=m.sequence,
                          series=short_id(other_series), first=first,
                          last=first + parts - 1)
