"""The schema's steps as SQL: `MIGRATIONS[n]` takes a database from version n to n + 1.

Each step is named by the work that added it (V5_TRUST, V15_FORM_ANSWERS, ...) and listed in
the order it ships; storage/migrations.py applies them. Never edit a step that has shipped:
add one at the end of the list.
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

# v7 (issue 14): the dashboard's analysis snapshot. `analysis_snapshot` holds the live
# forms' analysed answers as whole columns (see domain/column_snapshot.py), written by
# services/analysis_table.py; `analysis_dirty` names every form written since, filled by
# triggers so no write path (save, edit, delete, verification, conflict, import, merge)
# has to remember it. A reader patches the snapshot with the dirty forms read from the
# answer rows, so the dashboard is never stale. No snapshot (as after this migration)
# means the next load builds one from the answer rows.
# The triggers fire per form, not per answer: a trigger on every answer INSERT doubled the
# cost of inserting answers (measured: +1.6 us per row even with WHEN 0; +7 s CPU for a
# 100k-form import), so new answers are covered by the response row written with them (a
# new form is an INSERT; an edit bumps revision/updated, see response_store). Answer
# UPDATEs and DELETEs (edits, merges) are few and marked directly. NOT EXISTS rather than
# INSERT OR IGNORE: an outer statement's conflict clause (an upsert) overrides the
# trigger's.
V7_ANALYSIS = """
CREATE TABLE analysis_snapshot (
    name TEXT PRIMARY KEY,
    meta TEXT NOT NULL,
    data BLOB NOT NULL
);
CREATE TABLE analysis_dirty (response_uuid TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TRIGGER analysis_answer_updated AFTER UPDATE ON answer
BEGIN
    INSERT INTO analysis_dirty SELECT OLD.response_uuid
    WHERE NOT EXISTS (SELECT 1 FROM analysis_dirty WHERE response_uuid = OLD.response_uuid);
    INSERT INTO analysis_dirty SELECT NEW.response_uuid
    WHERE NOT EXISTS (SELECT 1 FROM analysis_dirty WHERE response_uuid = NEW.response_uuid);
END;
CREATE TRIGGER analysis_answer_deleted AFTER DELETE ON answer
BEGIN INSERT INTO analysis_dirty SELECT OLD.response_uuid
    WHERE NOT EXISTS (SELECT 1 FROM analysis_dirty WHERE response_uuid = OLD.response_uuid); END;
CREATE TRIGGER analysis_response_inserted AFTER INSERT ON response
BEGIN INSERT INTO analysis_dirty SELECT NEW.uuid
    WHERE NOT EXISTS (SELECT 1 FROM analysis_dirty WHERE response_uuid = NEW.uuid); END;
CREATE TRIGGER analysis_response_updated AFTER UPDATE ON response
BEGIN
    INSERT INTO analysis_dirty SELECT OLD.uuid
    WHERE NOT EXISTS (SELECT 1 FROM analysis_dirty WHERE response_uuid = OLD.uuid);
    INSERT INTO analysis_dirty SELECT NEW.uuid
    WHERE NOT EXISTS (SELECT 1 FROM analysis_dirty WHERE response_uuid = NEW.uuid);
END;
CREATE TRIGGER analysis_response_deleted AFTER DELETE ON response
BEGIN INSERT INTO analysis_dirty SELECT OLD.uuid
    WHERE NOT EXISTS (SELECT 1 FROM analysis_dirty WHERE response_uuid = OLD.uuid); END;
"""

# Operators who sign in with a name and a PIN (scrypt hash: salt, parameters and hash
# beside each other; never the PIN), with a role; never deleted, only deactivated, so
# every form keeps its operator id. Forms keyed before this step keep their operator's
# name and no id (services/verification_service.py compares names only for those).
V9_OPERATORS = """
CREATE TABLE operator (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('keyer', 'verifier', 'supervisor')),
    pin_hash BLOB NOT NULL,
    pin_salt BLOB NOT NULL,
    pin_params TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE UNIQUE INDEX operator_active_name ON operator(lower(name)) WHERE active = 1;
ALTER TABLE response ADD COLUMN operator_id TEXT;
"""

# V8_DEVICE_SECRET (issue 10): the project's device key lives inside the (encrypted)
# database, so a copied user folder signs nothing. One row: the device id that names this
# laptop's copy of the project, its Ed25519 private key as PKCS#8 DER, and where it came
# from ('created' here, or 'imported' from the plaintext device_key.pem of an older
# version). Written by storage/device_secret_store.py, never exported in a bundle.
V8_DEVICE_SECRET = """
CREATE TABLE device_secret (
    slot INTEGER PRIMARY KEY CHECK (slot = 1),
    device_id TEXT NOT NULL,
    private_key BLOB NOT NULL,
    created TEXT NOT NULL,
    origin TEXT NOT NULL CHECK (origin IN ('created', 'imported'))
);
"""

# Bundle series (issue 14): the parts of a series HQ has imported, and the audit rows of
# those parts, held until the series is complete and its chain can be checked as a whole
# (services/bundle_series.py, docs/bundles.md "Series").
V11_SERIES = """
CREATE TABLE series_part (
    series_id TEXT NOT NULL,
    part INTEGER NOT NULL,
    parts INTEGER NOT NULL,
    device_id TEXT NOT NULL,
    bundle_uuid TEXT NOT NULL UNIQUE,
    imported TEXT NOT NULL,
    PRIMARY KEY (series_id, part)
);
CREATE TABLE series_audit (
    series_id TEXT NOT NULL,
    part INTEGER NOT NULL,
    position INTEGER NOT NULL,
    uuid TEXT NOT NULL,
    time TEXT NOT NULL,
    operator TEXT NOT NULL,
    device TEXT NOT NULL,
    action TEXT NOT NULL,
    response_uuid TEXT,
    question_id TEXT,
    old TEXT,
    new TEXT,
    reason TEXT,
    prev_hash TEXT,
    hash TEXT,
    PRIMARY KEY (series_id, part, position)
);
"""

# Indexes for HQ at scale (issue 14): the records view's operator filter and its list of
# operators read an index instead of every form (1.4 s at a million forms before); an
# out-of-range confirmation held with an incomplete series is found by its form.
V12_SCALE_INDEXES = """
CREATE INDEX response_operator ON response(operator, status);
CREATE INDEX series_audit_response ON series_audit(response_uuid);
"""

# Wrong PINs remembered across sessions: per operator, how many wrong PINs in a row and
# when the last one was typed (seconds since 1970, UTC), so closing and reopening the
# program does not reset the growing wait (services/operator_service.py). A correct PIN
# deletes the row. Names typed that match no operator are not stored (a PIN typed into the
# name box must not be kept); they are counted in memory only.
V13_PIN_ATTEMPTS = """
CREATE TABLE pin_attempt (
    operator_id TEXT PRIMARY KEY REFERENCES operator(id),
    failures INTEGER NOT NULL CHECK (failures > 0),
    last_failure REAL NOT NULL
);
"""

# A series' held audit rows are put back in chain order by SQL (a row by the hash it
# follows, the chain's first row by the hash no row has), a million rows without holding
# them in memory (services/bundle_series.py).
V13_EXPORT = """
CREATE INDEX series_audit_prev ON series_audit(series_id, device, prev_hash);
CREATE INDEX series_audit_hash ON series_audit(series_id, device, hash);
"""

# The dashboard's per-profile-cell sums of the stored snapshot (issue 14; see
# domain/cell_sums.py and services/cell_sums_cache.py): a load reads a few thousand cells
# instead of the columns of every form, and adds the forms written since. The sums
# belong to one snapshot: the triggers delete them whenever a part of the snapshot is
# written or deleted (a store, a rebuild, `check --repair`, a drop), in the same
# transaction, so sums can never outlive the snapshot they were added up from. Keyed by
# a fingerprint of what else they depend on (analysed questionnaire, round names).
V14_DASH = """
CREATE TABLE analysis_cell_sums (
    fingerprint TEXT PRIMARY KEY,
    meta TEXT NOT NULL,
    data BLOB NOT NULL
);
CREATE TRIGGER analysis_cell_sums_snapshot_inserted AFTER INSERT ON analysis_snapshot
BEGIN DELETE FROM analysis_cell_sums; END;
CREATE TRIGGER analysis_cell_sums_snapshot_updated AFTER UPDATE ON analysis_snapshot
BEGIN DELETE FROM analysis_cell_sums; END;
CREATE TRIGGER analysis_cell_sums_snapshot_deleted AFTER DELETE ON analysis_snapshot
BEGIN DELETE FROM analysis_cell_sums; END;
"""

# One row per form instead of one per answer (issue 14): a form's answers are one JSON
# object text, question id -> stored text, in the canonical form of domain/answers_json.py
# (keys in code-point order, compact), which is byte for byte what json_group_object gave
# over the old table read in key order. The old long table held 34 rows per form (3.4M per
# 100k forms, 34M per million): writing them was most of an import's time, and nearly
# every reader grouped them back into one object per form. A form without answers has no
# row (readers take a missing row as '{}'). A rowid table, not WITHOUT ROWID: measured at
# 100k rows of ~650 bytes, inserts in key order took 0.64-1.27 s against 1.19-1.53 s (a
# WITHOUT ROWID b-tree keeps the whole row in its index pages, three or four to a page,
# and sends longer ones to overflow pages), reads through the key the same. `answer` stays
# as a read-only view of the same rows (riskmap query, analysts' own SQL). The dashboard's
# dirty marks move with the answers: an UPDATE or DELETE of a form's row marks the form
# (an INSERT comes with its response row, as before; see V7_ANALYSIS). The view is created
# before the table on purpose: SQLite's integrity_check silently skips its search for
# pages nobody uses when the first table of its schema list is a view (measured with
# SQLite 3.40 and 3.53: a planted orphan page went unreported), and that list starts with
# the table created last (tests/test_check_damage.py plants one). The old table is renamed
# first so the view can take its name; it is dropped after the step (LEFT_BEHIND).
V15_FORM_ANSWERS = """
ALTER TABLE answer RENAME TO answer_v14;
CREATE VIEW answer (response_uuid, question_id, value) AS
SELECT f.response_uuid, item.key, item.value FROM form_answers f, json_each(f.answers) item;
CREATE TABLE form_answers (
    response_uuid TEXT PRIMARY KEY REFERENCES response(uuid),
    answers TEXT NOT NULL
);
INSERT INTO form_answers (response_uuid, answers)
SELECT response_uuid, json_group_object(question_id, CAST(value AS TEXT)) FROM answer_v14
GROUP BY response_uuid ORDER BY response_uuid;
CREATE TRIGGER analysis_form_answers_updated AFTER UPDATE ON form_answers
BEGIN
    INSERT INTO analysis_dirty SELECT OLD.response_uuid
    WHERE NOT EXISTS (SELECT 1 FROM analysis_dirty WHERE response_uuid = OLD.response_uuid);
    INSERT INTO analysis_dirty SELECT NEW.response_uuid
    WHERE NOT EXISTS (SELECT 1 FROM analysis_dirty WHERE response_uuid = NEW.response_uuid);
END;
CREATE TRIGGER analysis_form_answers_deleted AFTER DELETE ON form_answers
BEGIN INSERT INTO analysis_dirty SELECT OLD.response_uuid
    WHERE NOT EXISTS (SELECT 1 FROM analysis_dirty WHERE response_uuid = OLD.response_uuid); END;
"""

MIGRATIONS: list[str] = [V1, V2, V3, V4, V5_TRUST, V7_ANALYSIS, V9_OPERATORS,
                         V8_DEVICE_SECRET, V11_SERIES, V12_SCALE_INDEXES, V13_PIN_ATTEMPTS,
                         V13_EXPORT, V14_DASH, V15_FORM_ANSWERS]

# Tables a step leaves behind, dropped by storage/migrations.py after the steps, each on its
# own outside any transaction, and at every later writable open if a killed process left
# one. Inside a step's transaction, SQLite writes a statement journal for DROP TABLE, and
# temp_store=MEMORY (storage/connection.py) holds it in memory: dropping V15's old answer
# table there peaked at 214 MB at 100k forms and 2.2 GB at a million; on its own, 21 MB.
LEFT_BEHIND: tuple[str, ...] = ("answer_v14",)
