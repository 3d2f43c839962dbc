"""The schema's later steps (v7 on) as SQL: the dashboard's analysis snapshot and its
sums, operators with PINs, the device key inside the project, bundle series, indexes for
HQ at scale, and one answers row per form.

Shipped steps: never edit one (storage/schema_steps.py lists them in order; a new step goes
at the end of that list).
"""

from __future__ import annotations

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

# v16 (issue 14): each dirty form as it was before its first write since the snapshot.
# A dashboard load patching the stored sums takes each written form's stored version out;
# finding it in the snapshot means reading the form's row of every part, and a part's
# bytes are a chain of pages walked from its start (the latest forms are the deepest).
# These BEFORE triggers keep that version (the response row's analysed fields and the
# answers text, both as they are before the statement) at the form's first write since
# the snapshot, while it is neither in `analysis_dirty` nor kept yet: it is then what the
# snapshot holds (a status outside the live ones: not in the snapshot). Later writes keep
# nothing. The row goes when the snapshot is stored again (snapshot_store.clear_dirty).
# A dirty form without a row here (saved since, dirty before this step, or written once
# the room is spent) is looked for in the snapshot as before. `analysis_before_room`
# bounds the forms kept: a merge rewriting 100k stored forms kept each one's answers text
# (+2.3 s CPU per 100k, measured) though a load with that many written builds the
# snapshot again; storing a snapshot sets the room (snapshot_store.KEPT_AT_MOST), and
# this step leaves none until then (the forms already dirty were not kept). The first
# row kept since the snapshot wins: no later trigger writes over it (nor can one conflict
# with it: an outer upsert's conflict clause would override the trigger's, see
# V7_ANALYSIS). No trigger on an INSERT of answers:
# one fires for every form an import inserts (+0.19 s CPU per 100k forms, measured, even
# when its WHEN is false), so the one write path that gives answers to a stored form
# that had none writes its response row first (response_store.replace_answers).
V16_DASH_BEFORE = """
CREATE TABLE analysis_dirty_before (
    response_uuid TEXT PRIMARY KEY,
    status TEXT,
    round_uuid TEXT,
    form_number INTEGER,
    operator TEXT,
    created TEXT,
    answers TEXT
) WITHOUT ROWID;
CREATE TABLE analysis_before_room (forms INTEGER NOT NULL);
INSERT INTO analysis_before_room (forms) VALUES (0);
CREATE TRIGGER analysis_before_response_updated BEFORE UPDATE ON response
WHEN (SELECT forms FROM analysis_before_room) > 0
    AND NOT EXISTS (SELECT 1 FROM analysis_dirty WHERE response_uuid = OLD.uuid)
    AND NOT EXISTS (SELECT 1 FROM analysis_dirty_before WHERE response_uuid = OLD.uuid)
BEGIN
    INSERT INTO analysis_dirty_before
    SELECT OLD.uuid, OLD.status, OLD.round_uuid, OLD.form_number, OLD.operator,
           OLD.created, (SELECT answers FROM form_answers WHERE response_uuid = OLD.uuid);
    UPDATE analysis_before_room SET forms = forms - 1;
END;
CREATE TRIGGER analysis_before_response_deleted BEFORE DELETE ON response
WHEN (SELECT forms FROM analysis_before_room) > 0
    AND NOT EXISTS (SELECT 1 FROM analysis_dirty WHERE response_uuid = OLD.uuid)
    AND NOT EXISTS (SELECT 1 FROM analysis_dirty_before WHERE response_uuid = OLD.uuid)
BEGIN
    INSERT INTO analysis_dirty_before
    SELECT OLD.uuid, OLD.status, OLD.round_uuid, OLD.form_number, OLD.operator,
           OLD.created, (SELECT answers FROM form_answers WHERE response_uuid = OLD.uuid);
    UPDATE analysis_before_room SET forms = forms - 1;
END;
CREATE TRIGGER analysis_before_answers_updated BEFORE UPDATE ON form_answers
WHEN (SELECT forms FROM analysis_before_room) > 0
    AND NOT EXISTS (SELECT 1 FROM analysis_dirty WHERE response_uuid = OLD.response_uuid)
    AND NOT EXISTS (SELECT 1 FROM analysis_dirty_before WHERE response_uuid = OLD.response_uuid)
BEGIN
    INSERT INTO analysis_dirty_before
    SELECT OLD.response_uuid, r.status, r.round_uuid, r.form_number, r.operator,
           r.created, OLD.answers
    FROM (SELECT 1) LEFT JOIN response r ON r.uuid = OLD.response_uuid;
    UPDATE analysis_before_room SET forms = forms - 1;
END;
CREATE TRIGGER analysis_before_answers_deleted BEFORE DELETE ON form_answers
WHEN (SELECT forms FROM analysis_before_room) > 0
    AND NOT EXISTS (SELECT 1 FROM analysis_dirty WHERE response_uuid = OLD.response_uuid)
    AND NOT EXISTS (SELECT 1 FROM analysis_dirty_before WHERE response_uuid = OLD.response_uuid)
BEGIN
    INSERT INTO analysis_dirty_before
    SELECT OLD.response_uuid, r.status, r.round_uuid, r.form_number, r.operator,
           r.created, OLD.answers
    FROM (SELECT 1) LEFT JOIN response r ON r.uuid = OLD.response_uuid;
    UPDATE analysis_before_room SET forms = forms - 1;
END;
"""
