"""Which enrolled key made a round: a round uuid of domain/round_maker.py's layout verifies
against the fingerprint of the key whose project made it, so HQ knows a round's maker
whoever brings it first (docs/bundles.md "Whose round is it").

The maker is looked for among every key HQ enrolled (revoked ones too: the maker is the
maker), oldest enrolment first, when a bundle brings a round HQ does not hold, and again
for the rounds whose maker is not known when a key is enrolled (`found_on_enrol`). Once
the maker's key has signed a bundle here, the round is its own; until then the device
that brought it first keeps writing into it (a regional HQ relaying a laptop that HQ
enrolled but that never sends itself). So a post that learnt another post's round uuid
and sends first is held once the maker has sent a bundle, and loses the round at the
maker's first bundle otherwise; the maker itself is never held in its own round. A round
made before the layout (version 7 or 4) has no maker: the device that brought it first
keeps it (services/round_origin.py)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Iterable

from ..domain.round_maker import is_maker_uuid, maker_of
from ..storage import device_store, round_origin_store


@dataclass(frozen=True)
class MadeRound:
    """A round HQ held whose maker was found when its key was enrolled."""

    round_uuid: str
    round_name: str
    brought_by: str | None  # the device that brought it first, now needing an allowance
    forms_of_bringer: int  # that device's forms in it, kept


def find_makers(conn: sqlite3.Connection, round_uuids: Iterable[str]) -> dict[str, str]:
    """uuid -> maker fingerprint of those of `round_uuids` an enrolled key made."""
    tagged = [uuid for uuid in round_uuids if is_maker_uuid(uuid)]
    if not tagged:
        return {}
    fingerprints = [d.fingerprint for d in device_store.devices(conn)]
    found = {uuid: maker_of(uuid, fingerprints) for uuid in tagged}
    return {uuid: fingerprint for uuid, fingerprint in found.items() if fingerprint}


def found_on_enrol(conn: sqlite3.Connection, fingerprint: str, now: str) -> list[MadeRound]:
    """The rounds HQ holds, of no known maker, that the key `fingerprint` (just enrolled)
    made: recorded as its rounds (inside the caller's transaction)."""
    made = [(uuid, name, origin) for uuid, name, origin
            in round_origin_store.rounds_without_maker(conn)
            if maker_of(uuid, [fingerprint])]
    round_origin_store.record_makers(conn, {uuid: fingerprint for uuid, _, _ in made}, now)
    return [MadeRound(uuid, name, origin,
                      round_origin_store.forms_in_round_of(conn, uuid, origin) if origin else 0)
            for uuid, name, origin in made]
