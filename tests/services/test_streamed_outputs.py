"""Outputs read or written a slice at a time (so a million forms fit in memory) are the
same, byte for byte or value for value, as the whole-table way they replaced: the
analysts' table read in chunks, its CSV written in slices, the choice flags computed per
distinct answer, and `check`'s snapshot agreement compared a chunk at a time."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from desktop.domain.data_table import (build_data_table, exported_questions, flag_name,
                                       with_choice_flags)
from desktop.services import analysis_table, data_files, snapshot_check, table_writer
from desktop.services.data_export import DataRequest, guard_table, read_table
from desktop.services.demo_service import fill_demo
from desktop.services.project import Project
from desktop.storage import data_store

EVIL = '=HYPERLINK("http://evil.example/x","click")'


@pytest.fixture
def project(tmp_path):
    project = Project.open(tmp_path / "streamed.db")
    fill_demo(project, 70, seed=4)
    fill_demo(project, 33, seed=5, round_name=EVIL)
    yield project
    project.close()


def _whole_table(project, lang, include_text=False):
    """The table as it was read before: every form row and every grouped answer at once."""
    questions = exported_questions(project.questionnaire, include_text)
    conn = project.db.conn
    return build_data_table(project.questionnaire, data_store.data_forms(conn),
                            data_store.data_answers(conn, [q.id for q in questions]),
                            lang, include_text)


@pytest.mark.parametrize("lang,include_text", [("en", False), ("es", True)])
def test_the_table_read_in_chunks_is_the_whole_table(project, lang, include_text):
    whole = _whole_table(project, lang, include_text)
    for chunk in (1, 7, 50, 10_000):
        chunked, _ = read_table(project, DataRequest(lang=lang, include_text=include_text),
                                chunk=chunk)
        pd.testing.assert_frame_equal(chunked.frame, whole.frame)
        assert chunked.variables == whole.variables
        assert chunked.quasi_identifiers == whole.quasi_identifiers
    assert len(whole.frame) == 103


def test_the_table_of_no_forms_has_its_columns(tmp_path):
    project = Project.open(tmp_path / "empty.db")
    try:
        chunked, _ = read_table(project, DataRequest(lang="en"), chunk=5)
        whole = _whole_table(project, "en")
    finally:
        project.close()
    assert len(chunked.frame) == 0
    assert list(chunked.frame.columns) == list(whole.frame.columns)


def _flags_row_by_row(table):
    """The choice flags as they were computed before: one set per form."""
    out = {}
    for variable in table.variables:
        if variable.kind != "multi":
            continue
        sets = [set() if text is None else {int(p) for p in str(text).split()
                                            if p.lstrip("-").isdigit()}
                for text in table.frame[variable.name]]
        missing = set(variable.missing)
        for code in variable.value_labels:
            out[flag_name(variable.name, code)] = pd.array(
                [pd.NA if not chosen or chosen & missing else int(code in chosen)
                 for chosen in sets], dtype="Int8")
    return out


def test_choice_flags_per_distinct_answer_match_the_row_by_row_flags(project):
    table, _ = read_table(project, DataRequest(lang="en"))
    expected = _flags_row_by_row(table)
    assert expected  # the demo questionnaire has a multichoice question
    flagged = with_choice_flags(table).frame
    for name, values in expected.items():
        pd.testing.assert_extension_array_equal(flagged[name].array, values)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_csv_written_in_slices_is_byte_for_byte_the_whole_csv(project, tmp_path, lang):
    table, k = read_table(project, DataRequest(lang=lang))
    table, _ = guard_table(table, 3)
    flagged = with_choice_flags(table)
    whole = table_writer.write_csv(data_files.csv_frame(flagged), tmp_path / "whole.csv")
    assert EVIL in set(flagged.frame["round"])  # the neutralising is exercised too
    for rows in (1, 10, 64, 10_000):
        sliced = data_files.write_csv(flagged, tmp_path / f"sliced-{rows}.csv", rows=rows)
        assert sliced.read_bytes() == whole.read_bytes(), rows


def test_odd_text_and_decimals_are_written_as_the_whole_table_writes_them(project, tmp_path):
    """Quotes, separators, line breaks, a formula, the writer's own line marker (the
    slice is then written the plain way), fractions, 0 and -0, and blanks: the same
    bytes."""
    table, _ = read_table(project, DataRequest(lang="es", include_text=True))
    frame = table.frame.copy()
    odd = ['a "quoted", text', "two\nlines", "=1+1", "\ue000\ue001\n", None, "", " x "]
    frame["device"] = [odd[i % len(odd)] for i in range(len(frame))]
    frame["r01_impact"] = [None if i % 5 == 0 else -0.0 if i % 5 == 1 else 0.0 if i % 5 == 2
                           else i / 7 for i in range(len(frame))]  # -0.0 reads "-0.0"
    flagged = with_choice_flags(replace(table, frame=frame))
    whole = table_writer.write_csv(data_files.csv_frame(flagged), tmp_path / "whole.csv")
    for rows in (3, 10_000):
        sliced = data_files.write_csv(flagged, tmp_path / f"sliced-{rows}.csv", rows=rows)
        assert sliced.read_bytes() == whole.read_bytes(), rows


def test_an_empty_table_writes_the_same_header(tmp_path):
    project = Project.open(tmp_path / "empty.db")
    try:
        table, _ = read_table(project, DataRequest(lang="en"))
    finally:
        project.close()
    flagged = with_choice_flags(table)
    whole = table_writer.write_csv(data_files.csv_frame(flagged), tmp_path / "whole.csv")
    sliced = data_files.write_csv(flagged, tmp_path / "sliced.csv", rows=4)
    assert sliced.read_bytes() == whole.read_bytes()
    assert whole.read_bytes().startswith(b"\xef\xbb\xbfround,")


def test_check_compares_the_snapshot_a_chunk_at_a_time(project, monkeypatch):
    conn, questionnaire = project.db.conn, project.questionnaire
    analysis_table.load_frame(conn, questionnaire)
    monkeypatch.setattr(snapshot_check, "CHUNK", 4)
    assert analysis_table.agrees(conn, questionnaire)
    # One value changed in the stored snapshot of one form, in the middle of the order.
    parts = dict((name, (meta, data)) for name, (meta, data) in
                 analysis_table.snapshots.read_parts(conn).items())
    meta, data = parts["q:r02_impact"]
    column = np.frombuffer(data, dtype=np.int8).copy()
    column[51] = 1 if column[51] != 1 else 2
    with project.db.transaction() as tx:
        tx.execute("UPDATE analysis_snapshot SET data = ? WHERE name = 'q:r02_impact'",
                   (column.tobytes(),))
    assert not analysis_table.agrees(conn, questionnaire)
    analysis_table.rebuild(conn, questionnaire)
    assert analysis_table.agrees(conn, questionnaire)
    # A form the snapshot does not know (its trigger row removed by hand) is found too.
    with project.db.transaction() as tx:
        tx.execute("DELETE FROM analysis_snapshot")
    analysis_table.load_frame(conn, questionnaire)
    fill_demo(project, 2, seed=9, round_name="late")
    with project.db.transaction() as tx:
        tx.execute("DELETE FROM analysis_dirty")
    assert not analysis_table.agrees(conn, questionnaire)


def test_the_workbook_rendered_in_blocks_is_the_whole_workbook(project, tmp_path,
                                                                monkeypatch):
    import zipfile

    from desktop.services import xlsx_writer
    table, _ = read_table(project, DataRequest(lang="es"))
    flagged = with_choice_flags(table)
    whole = data_files.write_xlsx(flagged, tmp_path / "whole.xlsx", ["about"])
    monkeypatch.setattr(xlsx_writer, "ROWS_PER_BLOCK", 7)
    monkeypatch.setattr(xlsx_writer, "ROWS_PER_CHUNK", 3)
    blocks = data_files.write_xlsx(flagged, tmp_path / "blocks.xlsx", ["about"])
    with zipfile.ZipFile(whole) as a, zipfile.ZipFile(blocks) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            assert a.read(name) == b.read(name), name
        assert a.read("xl/worksheets/sheet1.xml").count(b"<row ") == 104  # header + 103
