"""Formula injection: every CSV and XLSX the program writes (the report's scores files, the
analysts' data, `riskmap query --csv`) keeps a round named =HYPERLINK(...) as inert text.
The bundle's responses.csv is checked in test_export_service."""

from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd
import pytest

from desktop.cli import main
from desktop.domain.cell_safety import FORMULA_START, is_risky, neutralise
from desktop.services import table_writer
from desktop.services.analysis_service import analysis_for
from desktop.services.demo_service import fill_demo
from desktop.services.project import Project
from desktop.services.report_service import write_csv, write_xlsx

EVIL = '=HYPERLINK("http://evil.example/x","click")'


@pytest.fixture
def evil_db(tmp_path):
    path = tmp_path / "evil.db"
    project = Project.open(path)
    fill_demo(project, 30, seed=4, round_name=EVIL)
    fill_demo(project, 30, seed=5, round_name="@SUM(1+1)")
    project.close()
    return path


def _csv_cells(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [cell for row in csv.reader(handle) for cell in row]


def _assert_inert_csv(cells):
    for cell in cells:
        assert not is_risky(cell), cell


def _assert_no_formula(path):
    book = openpyxl.load_workbook(path)
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (path.name, sheet.title, cell.coordinate)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    return texts


def test_report_scores_csv_and_xlsx_keep_the_round_name_inert(evil_db, tmp_path):
    project = Project.open(evil_db)
    try:
        data = analysis_for(project, "en").compute({})
    finally:
        project.close()
    written = write_csv(data, tmp_path)
    cells = [c for path in written for c in _csv_cells(path)]
    assert "'" + EVIL in cells and "'@SUM(1+1)" in cells
    _assert_inert_csv(cells)
    texts = _assert_no_formula(write_xlsx(data, tmp_path / "scores.xlsx"))
    assert EVIL in texts and "@SUM(1+1)" in texts


def test_analysts_files_keep_the_round_name_inert(evil_db, tmp_path, capsys):
    assert main(["data", "--db", str(evil_db), "--out", str(tmp_path), "--format",
                 "csv,xlsx", "--k", "3"]) == 0
    cells = _csv_cells(tmp_path / "riskmap-data-all-es.csv")
    assert "'" + EVIL in cells
    _assert_inert_csv(cells)
    texts = _assert_no_formula(tmp_path / "riskmap-data-all-es.xlsx")
    assert EVIL in texts


def test_query_csv_is_inert(evil_db, capsys):
    assert main(["query", "--db", str(evil_db), "--csv",
                 "SELECT name, -1 AS n, '-2.5' AS t FROM round ORDER BY name"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["name", "n", "t"]
    assert sorted(r[0] for r in rows[1:]) == sorted(["'" + EVIL, "'@SUM(1+1)"])
    assert all(r[1] == "-1" and r[2] == "-2.5" for r in rows[1:])


@pytest.mark.parametrize("start", FORMULA_START)
def test_the_table_writer_neutralises_every_formula_start(start, tmp_path):
    text = f"{start}cmd|' /C calc'!A0"
    frame = pd.DataFrame({"text": [text, "plain", "-3", None], "n": [-1, 2, 3, 4],
                          start + "col": ["#N/A", "#REF!", "x", "y"]})
    cells = _csv_cells(table_writer.write_csv(frame, tmp_path / "t.csv"))
    assert neutralise(text) in cells and "-3" in cells and "-1" in cells
    _assert_inert_csv(cells)
    texts = _assert_no_formula(table_writer.write_xlsx(
        [table_writer.Sheet("t", frame)], tmp_path / "t.xlsx"))
    assert text.replace("\r", "\n") in [t.replace("\r", "\n") for t in texts] or \
        text in texts
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    assert book["t"]["C2"].data_type == "s" and book["t"]["C2"].value == "#N/A"


@pytest.mark.parametrize("value, expected", [
    ("-", "-"), ("+", "+"), ("--", "'--"), ("-x", "'-x"), ("-1", "-1"), ("=", "="),
    ("==", "'=="), ("@a", "'@a"), ("\t1", "'\t1"), ("", ""), (None, "")])
def test_the_rule_leaves_lone_signs_and_numbers(value, expected):
    assert neutralise(value) == expected
