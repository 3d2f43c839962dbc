"""Schema steps V17_ROUND_ORIGIN and V18_ROUND_MAKER: which device brought each round to HQ
(its origin), the other devices HQ allowed to key it, and the enrolled key that made it
(services/round_origin.py, docs/bundles.md "Whose round is it").

A post that knew another post's round uuid could add forms to that round at HQ, or
replace its forms, with its own signed bundle. HQ now records the device whose bundle
first brought a round (`round_origin`) and holds a bundle of another device that adds or
changes forms in it, unless HQ allowed that device into the round (`round_device`, an
audited act: two laptops of one team keying one round).

Existing databases get their rounds' origins where they can be known, in order:
- the import ledger: the earliest imported bundle whose report lists the round among the
  rounds it added (`rounds_added` holds the name the round was stored under);
- else the device of the round's earliest form, when that device signed bundles here
  (it is pinned in `device_trust`): a round renamed at HQ since.
A round neither can name (made in this database, or relayed forms of unknown laptops)
gets no origin: a bundle adding forms to it is held until HQ allows its device.
Devices that already hold forms or conflicts in a round another device brought are
allowed into it (HQ accepted their forms before the check existed), with the reason said.
Shipped steps are never edited.
"""

from __future__ import annotations

# A migration's own time, as storage/clock.utc_now writes times.
_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

V17_ROUND_ORIGIN = f"""
CREATE TABLE round_origin (
    round_uuid TEXT PRIMARY KEY REFERENCES round(uuid),
    device_id TEXT NOT NULL,
    bundle_uuid TEXT,
    recorded TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('bundle', 'ledger', 'forms'))
) WITHOUT ROWID;
CREATE INDEX round_origin_device ON round_origin(device_id);
CREATE TABLE round_device (
    round_uuid TEXT NOT NULL REFERENCES round(uuid),
    device_id TEXT NOT NULL,
    allowed TEXT NOT NULL,
    allowed_by TEXT NOT NULL,
    reason TEXT,
    PRIMARY KEY (round_uuid, device_id)
) WITHOUT ROWID;
CREATE INDEX round_device_device ON round_device(device_id);
INSERT OR IGNORE INTO round_origin (round_uuid, device_id, bundle_uuid, recorded, source)
SELECT r.uuid, l.device_id, l.bundle_uuid, l.recorded, 'ledger'
FROM bundle_ledger l
JOIN json_each(CASE WHEN json_valid(l.report) AND json_type(l.report, '$.rounds_added')
                    = 'array' THEN l.report ELSE '{{"rounds_added": []}}' END,
               '$.rounds_added') j
JOIN round r ON r.name = j.value
WHERE l.direction = 'import'
ORDER BY l.id;
INSERT OR IGNORE INTO round_origin (round_uuid, device_id, bundle_uuid, recorded, source)
SELECT uuid, device, NULL, {_NOW}, 'forms' FROM (
    SELECT ro.uuid AS uuid,
           (SELECT f.device FROM response f
            WHERE f.round_uuid = ro.uuid AND f.device IN (SELECT device_id FROM device_trust)
            ORDER BY f.created, f.uuid LIMIT 1) AS device
    FROM round ro
    WHERE EXISTS (SELECT 1 FROM device_trust)
      AND ro.uuid NOT IN (SELECT round_uuid FROM round_origin))
WHERE device IS NOT NULL;
INSERT OR IGNORE INTO round_device (round_uuid, device_id, allowed, allowed_by, reason)
SELECT DISTINCT o.round_uuid, f.device, {_NOW}, 'riskmap',
       'forms imported before round origins were recorded'
FROM round_origin o JOIN response f ON f.round_uuid = o.round_uuid
WHERE f.device != o.device_id AND f.device IN (SELECT device_id FROM device_trust);
INSERT OR IGNORE INTO round_device (round_uuid, device_id, allowed, allowed_by, reason)
SELECT DISTINCT o.round_uuid, c.device_id, {_NOW}, 'riskmap',
       'forms imported before round origins were recorded'
FROM response_conflict c JOIN response f ON f.uuid = c.response_uuid
JOIN round_origin o ON o.round_uuid = f.round_uuid
WHERE c.device_id != o.device_id AND c.device_id IN (SELECT device_id FROM device_trust);
"""

# Schema step V18_ROUND_MAKER: the enrolled key that made a round (a round uuid of
# domain/round_maker.py's layout verifies against its fingerprint), found when the round
# arrives or when its maker is enrolled later. Where a round has a maker, the maker's
# device writes into it, whoever brought it first; other devices need HQ's allowance
# (services/round_origin.py). Rounds made before the layout have none: nothing to fill.
V18_ROUND_MAKER = """
CREATE TABLE round_maker (
    round_uuid TEXT PRIMARY KEY REFERENCES round(uuid),
    fingerprint TEXT NOT NULL,
    found TEXT NOT NULL
) WITHOUT ROWID;
"""
