"""The schema's first steps (v1 to v5) as SQL: the field laptop's tables (questionnaires,
rounds, forms, answers, verification, the audit log), settings, bundles and conflicts, and
headquarters' trust (the device register and the audit hash chain).

Shipped steps: never edit one (storage/schema_steps.py lists them in order; a new step goes
at the end of that list).
"""

from __future__ import annotations

V1 = """
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE questionnaire (
    sha256 TEXT PRIMARY KEY,
    id TEXT NOT NULL,
    version TEXT NOT NULL,
    definition TEXT NOT NULL,
    added TEXT NOT NULL
);
CREATE TABLE round (
    uuid TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    institution TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    start_date TEXT,
    end_date TEXT,
    target_count INTEGER NOT NULL DEFAULT 0,
    form_min INTEGER,
    form_max INTEGER,
    questionnaire_sha256 TEXT NOT NULL REFERENCES questionnaire(sha256),
    verify_mode TEXT NOT NULL DEFAULT 'share'
        CHECK (verify_mode IN ('all', 'every_nth', 'share', 'none')),
    verify_value REAL NOT NULL DEFAULT 0.1,
    created TEXT NOT NULL
);
CREATE UNIQUE INDEX round_name ON round(name);
CREATE TABLE response (
    uuid TEXT PRIMARY KEY,
    round_uuid TEXT NOT NULL REFERENCES round(uuid),
    form_number INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'entered', 'verified', 'deleted')),
    operator TEXT NOT NULL,
    device TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    deleted_reason TEXT
);
-- A paper form number is used once per round, deleted forms aside.
CREATE UNIQUE INDEX response_form_number ON response(round_uuid, form_number)
    WHERE status != 'deleted';
CREATE TABLE answer (
    response_uuid TEXT NOT NULL REFERENCES response(uuid),
    question_id TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (response_uuid, question_id)
) WITHOUT ROWID;
CREATE TABLE verification (
    id INTEGER PRIMARY KEY,
    response_uuid TEXT NOT NULL REFERENCES response(uuid),
    operator TEXT NOT NULL,
    created TEXT NOT NULL,
    answers TEXT NOT NULL,
    fields_compared INTEGER NOT NULL DEFAULT 0,
    discrepancies INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved'))
);
CREATE TABLE verification_item (
    verification_id INTEGER NOT NULL REFERENCES verification(id),
    question_id TEXT NOT NULL,
    first_value TEXT NOT NULL,
    second_value TEXT NOT NULL,
    final_value TEXT,
    decision TEXT CHECK (decision IN ('keep_first', 'keep_second', 'typed')),
    decided_by TEXT,
    decided_at TEXT,
    PRIMARY KEY (verification_id, question_id)
);
-- Rows are never deleted (trigger below), so a plain rowid key never reuses an id and
-- saves AUTOINCREMENT's extra page write on every save.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    time TEXT NOT NULL,
    operator TEXT NOT NULL,
    device TEXT NOT NULL,
    action TEXT NOT NULL,
    response_uuid TEXT,
    question_id TEXT,
    old TEXT,
    new TEXT,
    reason TEXT
);
CREATE INDEX audit_response ON audit_log(response_uuid);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log rows cannot be changed'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log rows cannot be deleted'); END;
CREATE TABLE bundle_ledger (
    id INTEGER PRIMARY KEY,
    direction TEXT NOT NULL CHECK (direction IN ('export', 'import')),
    bundle_uuid TEXT NOT NULL,
    device_id TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    previous_uuid TEXT,
    created TEXT NOT NULL,
    recorded TEXT NOT NULL,
    file_name TEXT NOT NULL DEFAULT '',
    counts TEXT NOT NULL DEFAULT '{}',
    report TEXT NOT NULL DEFAULT '{}'
);
"""

# v2: settings per database (minimum group size, operator-controlled mode, ...), and the
# keying effort of each form for the per-operator productivity figures.
V2 = """
CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL);
ALTER TABLE response ADD COLUMN keystrokes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE response ADD COLUMN entry_seconds REAL NOT NULL DEFAULT 0;
CREATE INDEX response_round ON response(round_uuid, status);
"""

# v3: bundles. Device trust pins (first bundle of a device pins its key), the versions of
# each form HQ has merged (content hashes), conflicts kept for the analyst, what this
# laptop last exported of each form (incremental export), and the audit watermark.
V3 = """
CREATE TABLE device_trust (
    device_id TEXT PRIMARY KEY,
    public_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    first_bundle_uuid TEXT NOT NULL,
    last_sequence INTEGER NOT NULL,
    last_bundle_uuid TEXT NOT NULL
);
CREATE TABLE response_version (
    response_uuid TEXT NOT NULL,
    revision INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    PRIMARY KEY (response_uuid, revision, sha256)
) WITHOUT ROWID;
CREATE TABLE response_conflict (
    id INTEGER PRIMARY KEY,
    response_uuid TEXT NOT NULL,
    revision INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    device_id TEXT NOT NULL,
    bundle_uuid TEXT NOT NULL,
    record TEXT NOT NULL,
    hq_revision INTEGER,
    hq_sha256 TEXT,
    reason TEXT NOT NULL,
    detected TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
    UNIQUE (response_uuid, sha256)
);
CREATE TABLE export_mark (
    response_uuid TEXT PRIMARY KEY,
    revision INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    bundle_uuid TEXT NOT NULL
) WITHOUT ROWID;
ALTER TABLE bundle_ledger ADD COLUMN audit_through INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX bundle_ledger_import ON bundle_ledger(bundle_uuid)
    WHERE direction = 'import';
"""

# v4: the analyst's resolution of a conflict: who, when, and what was decided (JSON:
# kind, per-question choices, reason). The incoming version itself is never deleted.
V4 = """
ALTER TABLE response_conflict ADD COLUMN resolved_by TEXT;
ALTER TABLE response_conflict ADD COLUMN resolved_at TEXT;
ALTER TABLE response_conflict ADD COLUMN resolution TEXT;
"""

# V5_TRUST: headquarters vouches for what it imports. The device register (laptops HQ
# enrolled by fingerprint, revoked ones kept with the time and reason); audit rows carry a
# hash chain per device (prev_hash, hash; rows written before this version keep NULL and
# stand before the chain); an audit row can never be replaced (INSERT OR REPLACE would
# delete it first, and REPLACE deletes fire no delete trigger), nor added without its hash
# once its device has a chain.
V5_TRUST = """
CREATE TABLE device_register (
    fingerprint TEXT PRIMARY KEY,
    name TEXT NOT NULL DEFAULT '',
    device_id TEXT,
    enrolled TEXT NOT NULL,
    enrolled_by TEXT NOT NULL,
    revoked TEXT,
    revoked_by TEXT,
    revoke_reason TEXT,
    forms_at_revocation INTEGER
);
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;
CREATE INDEX audit_device ON audit_log(device, id);
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM audit_log WHERE uuid = NEW.uuid OR id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'audit_log rows cannot be replaced'); END;
CREATE TRIGGER audit_log_chained BEFORE INSERT ON audit_log
WHEN (NEW.hash IS NULL OR NEW.prev_hash IS NULL) AND EXISTS (
    SELECT 1 FROM audit_log WHERE device = NEW.device AND hash IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'audit_log rows need their hash chain'); END;
"""
