"""The export's fast path (record lines and CSV cells formatted by SQLite) writes exactly
the bytes of the general path, for plain forms and for text that needs escaping, quoting
or neutralising (accents, quotes, commas, line breaks, backslashes, formula starts),
deleted forms with reasons and forms already sent once (a base version)."""

from __future__ import annotations

from desktop.bundle.bundle_writer import BundleWriter
from desktop.services.demo_service import fill_demo
from desktop.storage import export_rows, export_store

from awkward_forms import COMMENTS, fill_awkward
from awkward_forms import writer_for as _writer


def test_fast_path_writes_the_same_bytes(project, device_key):
    fill_awkward(project)
    conn = project.db.conn
    general = _writer(project, device_key)
    marks = [general.add_form(columns, answers, base)
             for columns, answers, base in export_store.iter_forms(conn, False)]
    rows = export_rows.iter_form_rows(conn, False).fetchall()
    for chunk in (7, 1, len(rows)):  # chunks with and without awkward forms
        fast = _writer(project, device_key)
        fallbacks = []
        to_general = fast._add_form_general
        fast._add_form_general = lambda row: fallbacks.append(row[0]) or to_general(row)
        assert [mark for start in range(0, len(rows), chunk)
                for mark in fast.add_form_rows(rows[start:start + chunk])] == marks
        assert len(marks) == 60 + len(COMMENTS)
        # The tricky rounds' forms and the tricky comments take the general path, the
        # rest not.
        assert 40 + 5 <= len(fallbacks) <= 40 + 12
        _same_members(fast, general)
        general = _writer(project, device_key)
        for columns, answers, base in export_store.iter_forms(conn, False):
            general.add_form(columns, answers, base)


def _same_members(fast: BundleWriter, general: BundleWriter) -> None:
    for member in ("_records", "_csv_member"):
        ours, theirs = getattr(fast, member).close(), getattr(general, member).close()
        assert (ours.sha256, ours.size) == (theirs.sha256, theirs.size)
    assert (fast.answers, fast.form_rounds, fast.form_count) == \
        (general.answers, general.form_rounds, general.form_count)


def test_answers_the_split_cannot_read_take_the_general_path(project, device_key):
    """Answers objects that are not all plain strings (SQLite never writes one from the
    answer table, but the writer must not trust that): a number, an empty object, a value
    holding the writer's own separators; each is written as the general path writes it."""
    fill_demo(project, 3, 1)
    conn = project.db.conn
    rows = export_rows.iter_form_rows(conn, False).fetchall()
    answers = 12 + 2  # the answers column (after the response columns and the base)
    odd = ['{"comment":"x","institution":1}', '{"comment":2,"institution":"1"}', "{}",
           '{"comment":"a\\u001fb","institution":"1"}', '{"comment":"a\\u001eb"}']
    crafted = [row[:answers] + (text,) + row[answers + 1:]
               for row, text in zip(rows * 2, odd)]
    fast, general = _writer(project, device_key), _writer(project, device_key)
    fallbacks = []
    to_general = fast._add_form_general
    fast._add_form_general = lambda row: fallbacks.append(row[0]) or to_general(row)
    assert fast.add_form_rows(crafted + rows) == [
        general.add_form(row[:12], row[answers], None) for row in crafted + rows]
    assert len(fallbacks) == len(odd)
    _same_members(fast, general)
