"""The export's chunk path (a thousand forms as a few texts SQLite formats,
bundle/form_chunk.py) writes exactly the bytes of the general path: plain chunks are
written from the texts, and a chunk holding anything SQLite and Python could write
differently, or a CSV cell that needs quoting or neutralising, is refused whole (nothing
written) and read again one row per form, as the export service does."""

from __future__ import annotations

import pytest

from desktop.bundle.bundle_writer import BundleWriter
from desktop.bundle.form_chunk import FormChunk, risky_csv
from desktop.services.demo_service import fill_demo
from desktop.storage import export_rows, export_store

from awkward_forms import COMMENTS, fill_awkward
from awkward_forms import writer_for as _writer


def _chunked(project, device_key, size: int, changed_only: bool = False):
    """The forms written as the export writes them; (writer, marks, chunks written from
    their texts, chunks read again form by form)."""
    conn, writer = project.db.conn, _writer(project, device_key)
    marks, plain, refused, after = [], 0, 0, ""
    while True:
        row = export_rows.form_chunk(conn, changed_only, after, size)
        if not row[0]:
            break
        chunk = FormChunk.from_row(after, row)
        sizes = (writer._records.pending_size(), writer._csv_member.pending_size())
        built = writer.add_form_chunk(chunk)
        if built is None:
            # Refused whole: nothing was written; the forms go one row each.
            assert (writer._records.pending_size(), writer._csv_member.pending_size()) == sizes
            refused += 1
            rows = export_rows.iter_form_rows(conn, changed_only, after, row[0]).fetchall()
            assert [r[0] for r in rows] == chunk.uuids.split("\x1e")
            built = writer.add_form_rows(rows)
        else:
            plain += 1
        marks += built
        after = row[8]
        assert after == chunk.last
    return writer, marks, plain, refused


def _general(project, device_key, changed_only: bool = False):
    writer = _writer(project, device_key)
    marks = [writer.add_form(columns, answers, base)
             for columns, answers, base in export_store.iter_forms(project.db.conn,
                                                                   changed_only)]
    return writer, marks


def _same_members(ours: BundleWriter, theirs: BundleWriter) -> None:
    for member in ("_records", "_csv_member"):
        a, b = getattr(ours, member).close(), getattr(theirs, member).close()
        assert (a.sha256, a.size) == (b.sha256, b.size)
    assert (ours.answers, ours.form_rounds, ours.form_count) == \
        (theirs.answers, theirs.form_rounds, theirs.form_count)


def test_plain_forms_are_written_from_the_texts(project, device_key):
    fill_demo(project, 45, 2)
    general, marks = _general(project, device_key)
    writer, chunk_marks, plain, refused = _chunked(project, device_key, 10)
    assert chunk_marks == marks and (plain, refused) == (5, 0)
    _same_members(writer, general)


def test_awkward_forms_send_their_chunk_form_by_form(project, device_key):
    def entry_times(tx, uuids):
        # Entry times SQLite cannot print as Python does.
        for uuid, seconds in zip(uuids[4:9], (1 / 3, 12.34, 2e9, 0.0, 99.9)):
            tx.execute("UPDATE response SET entry_seconds = ? WHERE uuid = ?", (seconds, uuid))

    fill_awkward(project, entry_times)
    general, marks = _general(project, device_key)
    for size in (1, 7, 1000):
        writer, chunk_marks, plain, refused = _chunked(project, device_key, size)
        assert chunk_marks == marks and len(marks) == 60 + len(COMMENTS)
        assert refused >= 1 and (size == 1000 or plain >= 1)
        if size == 1:  # the tricky forms, not the others
            assert 40 + 5 <= refused <= 40 + 15
        _same_members(writer, general)
        general, _ = _general(project, device_key)
    # An incremental export: only the forms not sent as they are.
    general, marks = _general(project, device_key, changed_only=True)
    writer, chunk_marks, _, _ = _chunked(project, device_key, 7, changed_only=True)
    assert chunk_marks == marks and len(marks) == 60 + len(COMMENTS) - 2
    _same_members(writer, general)


@pytest.mark.parametrize("answers", [
    '{"comment":"x","institution":1}', '{"comment":2,"institution":"1"}', "{}",
    '{"comment":"a,b","institution":"1"}', '{"comment":"=1+1"}', '{"comment":"-3"}',
    '{"comment":"@x","institution":"1"}', '{"comment":"+1"}'])
def test_a_chunk_the_split_cannot_read_is_refused_whole(project, device_key, answers):
    """Answers SQLite never writes from the answer table (numbers, no answers) or that
    the CSV must quote or neutralise: the writer refuses the chunk and writes nothing."""
    fill_demo(project, 3, 1)
    conn = project.db.conn
    row = list(export_rows.form_chunk(conn, False, "", 10))
    head, _, _ = row[4].partition(b"\x1e")[0].partition(b"\n")
    first = row[4].partition(b"\x1e")
    row[4] = head + b"\n" + answers.encode() + first[1] + first[2]
    writer = _writer(project, device_key)
    sizes = (writer._records.pending_size(), writer._csv_member.pending_size())
    assert writer.add_form_chunk(FormChunk.from_row("", row)) is None
    assert writer.form_count == 0 and sizes == (writer._records.pending_size(),
                                                writer._csv_member.pending_size())
    # The same chunk untouched is plain.
    plain = FormChunk.from_row("", export_rows.form_chunk(conn, False, "", 10))
    assert len(writer.add_form_chunk(plain)) == 3


def test_risky_csv_cells():
    assert not risky_csv(b"a,2026-01-01,01a2-b3,5,x-\r\nb,1,2\r\n")
    # A cell that starts with '-' goes the general way, which writes a number or a lone
    # '-' as it is (domain/cell_safety.py): the scan does not tell them apart.
    assert risky_csv(b"a,-\r\n") and risky_csv(b"a,-1\r\n")
    for table in (b"a,-3\r\n", b"=a,b\r\n", b"a,b\r\n-1,c\r\n", b'a,"b\r\n', b"a,\tb\r\n",
                  b"a,@b\r\n", b"a,+b\r\n", b"a,b=c\r\nd,=e\r\n"):
        assert risky_csv(table), table
    assert not risky_csv(b"a,b=c,d+e,f@g,h\ti\r\n")
