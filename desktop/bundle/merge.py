"""Merge decisions for one incoming form version at headquarters (pure, no database).

Versions are compared by content hash, never field by field:

* not at HQ yet -> NEW;
* same content as HQ's -> UNCHANGED; a version HQ has seen before and since replaced, or a
  lower revision carried by an older bundle of a device that arrived late (A#3, then
  A#1) -> OLDER, which changes nothing either;
* a higher revision that descends from HQ's version (its base is HQ's version, or is
  newer and not a version HQ kept as a conflict instead of its own, or the laptop never
  sent the form before) -> UPDATE;
* anything else (same revision with other content, or an edit of a base older than HQ's
  version: two edits of the same base) -> CONFLICT: both are kept for the analyst.

A bundle of a copy restored from a backup (a `branch`, docs/bundles.md) is an UPDATE only
when its base is HQ's version itself: the copy's "never sent" or its older base may stand
for a version its lost copy edited afterwards, so anything else is a CONFLICT.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Container


class Decision(enum.Enum):
    NEW = "new"
    UPDATE = "updated"
    UNCHANGED = "unchanged"
    OLDER = "older"
    CONFLICT = "conflicting"


@dataclass(frozen=True)
class Version:
    revision: int
    sha256: str


def decide(incoming: Version, base: Version | None, current: Version | None,
           known: Container[tuple[int, str]] = (), late: bool = False,
           branch: bool = False, set_aside: Container[tuple[int, str]] = ()) -> Decision:
    """What to do with `incoming` given HQ's `current` version and the versions HQ has
    merged before (`known`: (revision, sha256) pairs); `late` when the bundle is older
    than one HQ already imported from the same device, `branch` when it is a restored
    copy's bundle numbered again; `set_aside`: the versions HQ kept as conflicts (an edit
    of one of them does not descend from HQ's version, however high its revision)."""
    if current is None:
        return Decision.NEW
    if incoming.sha256 == current.sha256:
        return Decision.UNCHANGED
    if (incoming.revision, incoming.sha256) in known:
        return Decision.OLDER
    if late and incoming.revision < current.revision:
        return Decision.OLDER
    if incoming.revision <= current.revision:
        return Decision.CONFLICT
    if base == current or not branch and (
            base is None or base.revision > current.revision
            and (base.revision, base.sha256) not in set_aside):
        return Decision.UPDATE
    return Decision.CONFLICT
