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
