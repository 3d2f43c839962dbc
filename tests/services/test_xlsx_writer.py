"""The XLSX writer: read back by openpyxl and pandas (independent readers), every value
type lands as itself, text never becomes a formula, sheet names are made valid."""

from __future__ import annotations

import datetime as dt
import zipfile

import numpy as np
import openpyxl
import pandas as pd

from desktop.services.xlsx_writer import sheet_title, write_workbook


def test_values_round_trip_through_openpyxl_and_pandas(tmp_path):
    frame = pd.DataFrame({
        "int": pd.array([1, None, -3], dtype="Int64"),
        "float": [2.5, np.nan, -0.125],
        "flag": [True, False, True],
        "text": ["=SUM(A1:A2)", "ñandú & <b>", "a\x01b"],
        "when": pd.to_datetime(["2026-10-05T08:00:00Z"] * 3),
        "day": [dt.date(2026, 10, 5)] * 3,
        "none": [None, "x", None],
    })
    path = tmp_path / "t.xlsx"
    write_workbook(path, [("data", frame, True), ("about", pd.DataFrame({"": ["line"]}),
                                                   False)])
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["data", "about"]
    rows = list(book["data"].iter_rows(values_only=True))
    assert rows[0] == tuple(frame.columns)
    assert rows[1][:4] == (1, 2.5, True, "=SUM(A1:A2)")
    assert rows[2][:4] == (None, None, False, "ñandú & <b>")
    assert rows[3][3] == "ab"  # a control character XML cannot carry is dropped
    assert rows[1][4] == "2026-10-05T08:00:00+00:00" and rows[1][5] == "2026-10-05"
    assert rows[1][6] is None and rows[2][6] == "x"
    for row in book["data"].iter_rows():
        for cell in row:
            assert cell.data_type != "f"
    assert book["about"]["A1"].value == "line"
    back = pd.read_excel(path, sheet_name="data")
    assert back["int"].tolist()[0] == 1 and back["text"][0] == "=SUM(A1:A2)"
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet


def test_sheet_names_are_valid_and_unique():
    taken: set[str] = set()
    assert sheet_title("a/b:c", taken) == "a_b_c"
    assert sheet_title("A/B:C", taken) == "A_B_C_1"
    assert len(sheet_title("x" * 40, taken)) == 31
    assert sheet_title("", taken) == "Sheet"


def test_an_empty_table_is_a_header_only_sheet(tmp_path):
    path = tmp_path / "e.xlsx"
    write_workbook(path, [("data", pd.DataFrame(columns=["a", "b"]), True)])
    assert list(openpyxl.load_workbook(path)["data"].iter_rows(values_only=True)) == [
        ("a", "b")]


def test_a_table_longer_than_a_worksheet_continues_on_more_sheets(tmp_path, monkeypatch):
    from desktop.services import xlsx_writer
    monkeypatch.setattr(xlsx_writer, "MAX_ROWS", 4)  # a header and three rows a sheet
    frame = pd.DataFrame({"n": range(10), "t": [f"row {i}" for i in range(10)]})
    path = tmp_path / "long.xlsx"
    write_workbook(path, [("data", frame, True), ("data_2", frame.iloc[:3], True),
                          ("about", pd.DataFrame({"": ["a", "b", "c", "d", "e"]}), False)])
    book = openpyxl.load_workbook(path)
    # The second table's own name is taken: its sheet gets a suffix, nothing is lost.
    assert book.sheetnames == ["data", "data_2", "data_3", "data_4", "data_2_1", "about",
                               "about_2"]
    rows = []
    for name in ["data", "data_2", "data_3", "data_4"]:
        values = list(book[name].iter_rows(values_only=True))
        assert values[0] == ("n", "t") and 2 <= len(values) <= 4
        rows += values[1:]
    assert rows == [(i, f"row {i}") for i in range(10)]
    about = [r[0] for name in ["about", "about_2"] for r in book[name].iter_rows(
        values_only=True)]
    assert about == ["a", "b", "c", "d", "e"]


def test_the_analysts_workbook_says_where_the_forms_continue(tmp_path, monkeypatch):
    from desktop.services import xlsx_writer
    from desktop.services.data_export import DataRequest, export_data
    from desktop.services.demo_service import fill_demo
    from desktop.services.project import Project
    project = Project.open(tmp_path / "p.db")
    fill_demo(project, 40, seed=1)
    project.close()
    monkeypatch.setattr(xlsx_writer, "MAX_ROWS", 30)
    export_data(tmp_path / "p.db", tmp_path / "out", DataRequest(formats=("xlsx",),
                                                                 lang="en", k=2))
    book = openpyxl.load_workbook(tmp_path / "out" / "riskmap-data-all-en.xlsx")
    names = book.sheetnames
    assert names[:3] == ["data", "data_2", "labels"] and names[-1] == "about"
    assert [book[n].max_row for n in ("data", "data_2")] == [30, 12]  # 40 forms
    about = [r[0] for r in book["about"].iter_rows(values_only=True)]
    assert about[-1] == ("XLSX: a worksheet holds at most 30 rows, so the forms continue "
                         "on the sheets data_2 (each with the header row).")
