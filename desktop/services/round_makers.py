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
keeps it (services/round_origin.py).

`made_rounds` says, per round of a known maker, whether the maker has signed a bundle
here yet and which other devices brought forms into it, allowed or not (`riskmap check`).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class OtherDevice:
    """A device other than a round's maker whose forms HQ holds in that round."""

    device_id: str
    forms: int
    # "allowed" (HQ allowed it in), "first" (it brought the round first and writes into it
    # until the maker's first bundle), "held" (its bundles changing the round are held),
    # or "unbound" (no enrolled key signed a bundle as this id: the forms' device column
    # is the laptop's word, e.g. forms keyed elsewhere and relayed, or demo forms).
    standing: str


@dataclass(frozen=True)
class MakerRound:
    """A round whose uuid names the enrolled key that made it, as `check` reports it."""

    round_uuid: str
    round_name: str
    maker: str  # the key's fingerprint (32 hex digits)
    maker_name: str  # the name HQ enrolled the key under ('' when none)
    maker_device: str | None  # the device id its key signed bundles as; None: none yet
    maker_forms: int  # forms HQ holds in the round keyed on the maker's device
    others: list[OtherDevice] = field(default_factory=list)

    @property
    def notable(self) -> bool:
        """Worth a line of its own: the maker has not sent yet, or other devices wrote."""
        return self.maker_device is None or bool(self.others)


def made_rounds(conn: sqlite3.Connection) -> list[MakerRound]:
    """Every round of a known maker, by name: whether its maker has signed a bundle here
    and the other devices whose forms HQ holds in it (one pass over the forms of those
    rounds, grouped by round and device)."""
    enrolled = {d.fingerprint: d for d in device_store.devices(conn)}
    signers = {d.device_id for d in enrolled.values() if d.device_id is not None}
    totals = round_origin_store.forms_in_made_rounds(conn)
    forms = round_origin_store.others_in_made_rounds(conn)
    allowed = round_origin_store.allowances(conn)
    found = []
    for uuid, name, maker, origin in round_origin_store.made_rounds(conn):
        key = enrolled.get(maker)
        device = key.device_id if key is not None else None
        counts = forms.get(uuid, {})
        own = totals.get(uuid, 0) - sum(counts.values())
        others = [OtherDevice(other, n, _standing(uuid, other, device, origin, allowed,
                                                  signers))
                  for other, n in sorted(counts.items(), key=lambda item: str(item[0]))]
        found.append(MakerRound(uuid, name, maker, key.name if key else "", device, own,
                                others))
    return found


def _standing(round_uuid: str, other: str, maker_device: str | None, origin: str | None,
              allowed: set[tuple[str, str]], signers: set[str]) -> str:
    """What HQ does with a bundle of `other` that changes the round (OtherDevice)."""
    if (round_uuid, other) in allowed:
        return "allowed"
    if maker_device is None and other == origin:
        return "first"
    return "held" if other in signers else "unbound"
