"""The SQL that formats a form's export texts inside SQLite: its records.jsonl line,
its content-hash input and responses.csv's fixed cells (`storage/export_store.py` and
`storage/export_rows.py` select them; bundle/form_chunk.py checks what they give)."""

from __future__ import annotations

# The records.jsonl line of a form, built by SQLite around the two values Python adds
# (entry_seconds, whose shortest repr SQLite cannot print, and the content sha256); keys in
# sorted order, as records.FormRecord.to_json writes them. Columns: the content-hash head,
# the line in three pieces (before entry_seconds, before the sha256, after it), `plain`
# (the typed columns have the types that line assumes; otherwise the caller takes the
# general path) and the CSV's fixed cells. The first piece is '{"answers":', the answers
# object and `RECORD_AFTER_ANSWERS`; storage/export_rows.py leaves the answers out of it
# (Python joins them in, so SQLite hands that long text over once, not twice).
HASH_HEAD = "json_array(r.round_uuid, r.form_number, r.status, r.deleted_reason)"
RECORD_AFTER_ANSWERS = (
    "',\"base\":' || CASE WHEN m.revision IS NULL "
    "THEN 'null' ELSE '{\"revision\":' || m.revision || ',\"sha256\":' || "
    "json_quote(m.sha256) || '}' END || ',\"created\":' || json_quote(r.created) || "
    "',\"deleted_reason\":' || json_quote(r.deleted_reason) || ',\"device\":' || "
    "json_quote(r.device) || ',\"entry_seconds\":'")
_RECORD_MID = (
    "',\"form_number\":' || r.form_number || ',\"keystrokes\":' || r.keystrokes || "
    "',\"operator\":' || json_quote(r.operator) || ',\"revision\":' || r.revision || "
    "',\"round_uuid\":' || json_quote(r.round_uuid) || ',\"sha256\":\"'")
_RECORD_POST = (
    "'\",\"status\":' || json_quote(r.status) || ',\"type\":\"form\",\"updated\":' || "
    "json_quote(r.updated) || ',\"uuid\":' || json_quote(r.uuid) || '}'")
RECORD_PLAIN = (
    "typeof(r.form_number) = 'integer' AND typeof(r.keystrokes) = 'integer' AND "
    "typeof(r.revision) = 'integer' AND typeof(r.entry_seconds) = 'real' AND "
    "(m.revision IS NULL OR typeof(m.revision) = 'integer')")


_CSV_FIXED_CELLS = ("COALESCE(d.name, '')", "r.round_uuid", "r.uuid", "r.form_number",
                    "r.status", "r.operator", "r.device", "r.created", "r.updated",
                    "r.revision", "COALESCE(r.deleted_reason, '')")


def csv_fixed_cells(separator: str) -> str:
    """SQL for responses.csv's fixed cells with `separator` (an SQL expression) between
    them: round name, round uuid, form uuid, number, status, operator, device, created,
    updated, revision, deletion reason (csv_export.FIXED_COLUMNS; the caller checks them
    before it trusts them unquoted)."""
    return f" || {separator} || ".join(_CSV_FIXED_CELLS)


def csv_fixed_cells_printf(separator: str) -> str:
    """The cells of `csv_fixed_cells` in one printf (one allocation instead of one per
    `||`); `separator` is literal text without a percent sign."""
    return f"printf('{separator.join(['%s'] * len(_CSV_FIXED_CELLS))}', " \
           f"{', '.join(_CSV_FIXED_CELLS)})"


# The same line and hash head for a chunk of forms (storage/export_rows.form_chunk), each
# in ONE printf with the text columns between literal quotes instead of json_quote: a
# chain of `||` allocates and copies the growing text once per piece, and this is most of
# the export's SQLite time. Right only when no text column holds a quote, a backslash or
# a control character (the caller checks the CSV's fixed cells, which hold every one of
# them, and SQLite checks the base's sha256); U+001F marks the place of the sha256.
_REASON_JSON = ("CASE WHEN r.deleted_reason IS NULL THEN 'null' "
                "ELSE '\"' || r.deleted_reason || '\"' END")
_BASE_JSON = ("CASE WHEN m.revision IS NULL THEN 'null' "
              "ELSE printf('{\"revision\":%d,\"sha256\":\"%s\"}', m.revision, m.sha256) END")
BASE_PLAIN = "(m.sha256 IS NULL OR (length(m.sha256) = 64 AND m.sha256 NOT GLOB '*[^0-9a-f]*'))"
RECORD_LINE_PRINTF = (
    "printf('{\"answers\":%s,\"base\":%s,\"created\":\"%s\",\"deleted_reason\":%s,"
    "\"device\":\"%s\",\"entry_seconds\":%.1f,\"form_number\":%d,\"keystrokes\":%d,"
    "\"operator\":\"%s\",\"revision\":%d,\"round_uuid\":\"%s\",\"sha256\":\"' || char(31) || "
    "'\",\"status\":\"%s\",\"type\":\"form\",\"updated\":\"%s\",\"uuid\":\"%s\"}', "
    f"r.answers, {_BASE_JSON}, r.created, {_REASON_JSON}, r.device, r.entry_seconds, "
    "r.form_number, r.keystrokes, r.operator, r.revision, r.round_uuid, r.status, r.updated, "
    "r.uuid)")
HASH_INPUT_PRINTF = ("printf('[\"%s\",%d,\"%s\",%s]' || char(10) || '%s', r.round_uuid, "
                     f"r.form_number, r.status, {_REASON_JSON}, r.answers)")
# responses.csv's fixed cells, separated by U+001F (the caller checks them, then swaps in
# commas).
RECORD_REST = f"{_RECORD_MID}, {_RECORD_POST}, {RECORD_PLAIN}, {csv_fixed_cells('char(31)')}"
FORM_TEXTS = (f"{HASH_HEAD}, '{{\"answers\":' || COALESCE(g.answers, '{{}}') || "
               f"{RECORD_AFTER_ANSWERS}, {RECORD_REST}")
