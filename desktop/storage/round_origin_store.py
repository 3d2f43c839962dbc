"""HQ's record of whose round each round is: the device whose bundle first brought it
(`round_origin`) and the other devices HQ allowed to key it (`round_device`), schema
V17_ROUND_ORIGIN. services/round_origin.py decides with them; this module only reads and
writes the rows."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True)
class SharedRound:
    """A device HQ allowed into a round another device brought (or whose origin is not
    known: `origin` None)."""

    round_uuid: str
    round_name: str
    origin: str | None
    device_id: str
    allowed: str
    allowed_by: str
    reason: str | None
    # Whose round it is (services/round_origin.py `shared_rounds`): its maker's device
    # once the maker's key signed a bundle here, else `origin`.
    owner: str | None = None


def round_origins(conn: sqlite3.Connection) -> dict[str, tuple[str, str | None]]:
    """Every round HQ holds: uuid -> (name, origin device id or None)."""
    return {uuid: (name, origin) for uuid, name, origin in conn.execute(
        "SELECT r.uuid, r.name, o.device_id FROM round r "
        "LEFT JOIN round_origin o ON o.round_uuid = r.uuid")}


def allowed_rounds(conn: sqlite3.Connection, device_id: str) -> set[str]:
    """The rounds HQ allowed `device_id` into besides those it brought."""
    return {r[0] for r in conn.execute("SELECT round_uuid FROM round_device "
                                       "WHERE device_id = ?", (device_id,))}


def record_origins(conn: sqlite3.Connection, round_uuids: Iterable[str], device_id: str,
                   bundle_uuid: str, recorded: str) -> None:
    """The rounds a bundle of `device_id` brought to HQ (rounds HQ did not hold)."""
    conn.executemany(
        "INSERT INTO round_origin (round_uuid, device_id, bundle_uuid, recorded, source) "
        "VALUES (?, ?, ?, ?, 'bundle')",
        [(uuid, device_id, bundle_uuid, recorded) for uuid in round_uuids])


def origin_of(conn: sqlite3.Connection, round_uuid: str) -> str | None:
    row = conn.execute("SELECT device_id FROM round_origin WHERE round_uuid = ?",
                       (round_uuid,)).fetchone()
    return row[0] if row else None


def is_allowed(conn: sqlite3.Connection, round_uuid: str, device_id: str) -> bool:
    return conn.execute("SELECT 1 FROM round_device WHERE round_uuid = ? AND device_id = ?",
                        (round_uuid, device_id)).fetchone() is not None


def allow(conn: sqlite3.Connection, round_uuid: str, device_id: str, allowed: str,
          allowed_by: str, reason: str | None) -> None:
    conn.execute("INSERT INTO round_device (round_uuid, device_id, allowed, allowed_by, "
                 "reason) VALUES (?, ?, ?, ?, ?)",
                 (round_uuid, device_id, allowed, allowed_by, reason))


def shared_rounds(conn: sqlite3.Connection) -> list[SharedRound]:
    """Every device HQ allowed into a round, by round name then device."""
    return [SharedRound(*row) for row in conn.execute(
        "SELECT d.round_uuid, r.name, o.device_id, d.device_id, d.allowed, d.allowed_by, "
        "d.reason FROM round_device d JOIN round r ON r.uuid = d.round_uuid "
        "LEFT JOIN round_origin o ON o.round_uuid = d.round_uuid "
        "ORDER BY r.name, d.device_id")]


def origin_counts(conn: sqlite3.Connection) -> tuple[int, int]:
    """(rounds whose origin HQ knows, rounds it does not: made in this database, or
    brought before origins were recorded by a device it cannot name)."""
    known, total = conn.execute(
        "SELECT (SELECT COUNT(*) FROM round_origin), (SELECT COUNT(*) FROM round)").fetchone()
    return known, total - known


def round_makers(conn: sqlite3.Connection) -> dict[str, str]:
    """Every round whose maker HQ knows: uuid -> the fingerprint of the key that made it."""
    return dict(conn.execute("SELECT round_uuid, fingerprint FROM round_maker"))


def record_makers(conn: sqlite3.Connection, makers: dict[str, str], found: str) -> None:
    """The enrolled keys (fingerprints) that made these rounds (V18_ROUND_MAKER)."""
    conn.executemany("INSERT INTO round_maker (round_uuid, fingerprint, found) VALUES (?, ?, ?)",
                     [(uuid, fingerprint, found) for uuid, fingerprint in makers.items()])


def rounds_without_maker(conn: sqlite3.Connection) -> list[tuple[str, str, str | None]]:
    """(uuid, name, origin device id or None) of every round whose maker HQ does not know."""
    return conn.execute(
        "SELECT r.uuid, r.name, o.device_id FROM round r "
        "LEFT JOIN round_origin o ON o.round_uuid = r.uuid "
        "WHERE r.uuid NOT IN (SELECT round_uuid FROM round_maker) ORDER BY r.name").fetchall()


def round_names(conn: sqlite3.Connection, uuids: Iterable[str]) -> dict[str, str]:
    """uuid -> name of the rounds `uuids` HQ holds."""
    uuids = list(uuids)
    return dict(conn.execute(f"SELECT uuid, name FROM round WHERE uuid IN "
                             f"({', '.join('?' for _ in uuids)})", uuids)) if uuids else {}


def rounds_of_forms(conn: sqlite3.Connection, form_uuids: list[str],
                    chunk: int = 5000) -> dict[str, str]:
    """form uuid -> the round HQ holds it in, for those of `form_uuids` HQ holds: as a
    form, or only as a conflict kept for the analyst (a paper form keyed again under a new
    uuid: the round its record names). One query per `chunk` forms."""
    found: dict[str, str] = {}
    for start in range(0, len(form_uuids), chunk):
        part = form_uuids[start:start + chunk]
        found.update(conn.execute(
            "SELECT uuid, round_uuid FROM response WHERE uuid IN "
            f"({', '.join('?' for _ in part)})", part))
        rest = [uuid for uuid in part if uuid not in found]
        if rest:
            found.update(conn.execute(
                "SELECT response_uuid, json_extract(record, '$.round_uuid') FROM "
                f"response_conflict WHERE response_uuid IN ({', '.join('?' for _ in rest)})",
                rest))
    return found


def forms_in_round_of(conn: sqlite3.Connection, round_uuid: str, device_id: str) -> int:
    """How many forms HQ holds in a round keyed on `device_id`."""
    return conn.execute("SELECT COUNT(*) FROM response WHERE round_uuid = ? AND device = ?",
                        (round_uuid, device_id)).fetchone()[0]


def made_rounds(conn: sqlite3.Connection) -> list[tuple[str, str, str, str | None]]:
    """(uuid, name, maker fingerprint, origin device id or None) of every round whose
    maker HQ knows, by name."""
    return [tuple(r) for r in conn.execute(
        "SELECT r.uuid, r.name, m.fingerprint, o.device_id FROM round_maker m "
        "JOIN round r ON r.uuid = m.round_uuid "
        "LEFT JOIN round_origin o ON o.round_uuid = m.round_uuid ORDER BY r.name")]


def forms_in_made_rounds(conn: sqlite3.Connection) -> dict[str, int]:
    """round uuid -> forms HQ holds in it (deleted ones too), for every round whose maker
    HQ knows (counted in the index of rounds)."""
    return dict(conn.execute(
        "SELECT m.round_uuid, (SELECT COUNT(*) FROM response r WHERE r.round_uuid = "
        "m.round_uuid) FROM round_maker m"))


def others_in_made_rounds(conn: sqlite3.Connection) -> dict[str, dict[str, int]]:
    """round uuid -> {device id -> forms HQ holds in it keyed on that device} for every
    round whose maker HQ knows, leaving out the forms of the device id its maker's key
    signed bundles as (all of them count while it has signed none; deleted forms too: a
    device brought them). One scan of the forms, grouping only the others: grouping
    every form by round and device sorted them all (a million forms in 10 rounds:
    1.3 s through the round index, 0.23 s this way, measured in one run in memory)."""
    found: dict[str, dict[str, int]] = {}
    for round_uuid, device, forms in conn.execute(
            "SELECT r.round_uuid, r.device, COUNT(*) FROM response r NOT INDEXED "
            "JOIN round_maker m ON m.round_uuid = r.round_uuid "
            "LEFT JOIN device_register d ON d.fingerprint = m.fingerprint "
            "WHERE r.device IS NOT d.device_id GROUP BY r.round_uuid, r.device"):
        found.setdefault(round_uuid, {})[device] = forms
    return found


def allowances(conn: sqlite3.Connection) -> set[tuple[str, str]]:
    """(round uuid, device id) of every allowance HQ gave."""
    return {tuple(r) for r in conn.execute("SELECT round_uuid, device_id FROM round_device")}
