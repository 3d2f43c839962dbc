"""`export_data`: the analysts' files read back by independent readers (.dta with pandas'
own Stata reader, .sav with pyreadstat, XLSX with openpyxl, CSV with the csv module): the
same rows and codes, the questionnaire's labels, missing codes marked, no formula cell,
and the guard applied (or, without it, audited and named UNPROTECTED)."""

from __future__ import annotations

import csv
import re

import openpyxl
import pandas as pd
import pyreadstat
import pytest

from desktop.domain.data_table import flag_name
from desktop.services.data_export import (AUDIT_ACTION, DataRefused, DataRequest,
                                          export_data, read_table)
from desktop.services.demo_service import fill_demo
from desktop.services.project import Project

EVIL = '=HYPERLINK("http://evil.example/x","click")'


@pytest.fixture
def data_db(tmp_path):
    path = tmp_path / "data.db"
    project = Project.open(path)
    fill_demo(project, 60, seed=1)
    fill_demo(project, 30, seed=2, round_name=EVIL)
    project.close()
    return path


def _raw(path, **request):
    project = Project.open(path)
    try:
        return read_table(project, DataRequest(**request))[0]
    finally:
        project.close()


def _read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_file_round_trips_with_labels_and_missing_codes(data_db, tmp_path,
                                                               questionnaire):
    out = tmp_path / "out"
    result = export_data(data_db, out, DataRequest(lang="en", guard=False),
                         operator="sup", device="dev")
    raw = _raw(data_db, lang="en").frame
    assert result.rows == len(raw) == 90
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([f"riskmap-data-all-en-UNPROTECTED.{ext}" for ext in
                            ("csv", "xlsx", "dta", "sav")] +
                           ["riskmap-data-all-en-UNPROTECTED-disclosure.txt"])
    stem = out / "riskmap-data-all-en-UNPROTECTED"

    # CSV: codes, label twins, 0/1 columns of the multichoice question, inert text.
    rows = _read_csv(f"{stem}.csv")
    assert len(rows) == 90
    assert [r["r01_likelihood"] for r in rows] == [str(v) for v in raw["r01_likelihood"]]
    institution = questionnaire.question("institution")
    first = rows[0]
    assert first["institution_label"] == institution.choice_label(
        int(first["institution"]), "en")
    dk = [r for r in rows if r["r02_likelihood"] == "8"]
    assert dk and all(r["r02_likelihood_label"] == "Don't know" for r in dk)
    multi = [r for r in rows if r["exp_offered_by"]]
    assert multi
    for row in multi:
        codes = {int(c) for c in row["exp_offered_by"].split()}
        for code in questionnaire.question("exp_offered_by").choice_codes():
            assert row[flag_name("exp_offered_by", code)] == str(int(code in codes))
    assert "comment" not in first
    evil = [r for r in rows if r["round"] != "Demo 1"]
    assert len(evil) == 30 and all(r["round"] == "'" + EVIL for r in evil)

    # Stata, through pandas' own reader.
    stata = pd.read_stata(f"{stem}.dta", convert_categoricals=False, convert_missing=True)
    assert len(stata) == 90
    valid = ~raw["r02_likelihood"].isin([8, 9])
    assert stata["r02_likelihood"][valid.to_numpy()].astype(int).tolist() == \
        raw["r02_likelihood"][valid].astype(int).tolist()
    letters = [getattr(v, "string", None) for v in stata["r02_likelihood"][~valid.to_numpy()]]
    codes = raw["r02_likelihood"][~valid].tolist()
    assert 8 in codes and letters == [{8: ".a", 9: ".b"}[c] for c in codes]
    with pd.io.stata.StataReader(f"{stem}.dta") as reader:
        labels = reader.value_labels()
        variable_labels = reader.variable_labels()
    # pyreadstat names each variable's label set <variable><position>.
    labels = {re.sub(r"\d+$", "", name): value for name, value in labels.items()}
    by_code = {int(c): t for c, t in labels["institution"].items() if int(c) < 100}
    assert by_code == {c.code: c.label.text("en") for c in institution.choices}
    assert "Don't know" in labels["r02_likelihood"].values()
    assert variable_labels["institution"].startswith(institution.number)
    assert all(len(text) <= 80 for text in variable_labels.values())
    assert set(stata["round"]) == {"Demo 1", EVIL}  # Stata text is not a formula

    # SPSS, through pyreadstat: the codes themselves, 8 and 9 declared missing.
    spss, meta = pyreadstat.read_sav(f"{stem}.sav", user_missing=True)
    assert len(spss) == 90
    assert spss["r02_likelihood"].astype(int).tolist() == \
        raw["r02_likelihood"].astype(int).tolist()
    ranges = meta.missing_ranges["r02_likelihood"]
    assert {(r["lo"], r["hi"]) for r in ranges} == {(8.0, 8.0), (9.0, 9.0)}
    assert meta.variable_value_labels["institution"] == {
        float(c.code): c.label.text("en") for c in institution.choices} | \
        {8.0: "Don't know", 9.0: "No answer"}
    as_missing, _ = pyreadstat.read_sav(f"{stem}.sav")
    assert as_missing["r02_likelihood"][~valid.to_numpy()].isna().all()

    # XLSX: data, labels and about sheets; no formula cell anywhere; the round as text.
    book = openpyxl.load_workbook(f"{stem}.xlsx")
    assert book.sheetnames == ["data", "labels", "about"]
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)
    data = list(book["data"].iter_rows(values_only=True))
    header = list(data[0])
    assert len(data) == 91
    rounds = {row[header.index("round")] for row in data[1:]}
    assert rounds == {"Demo 1", EVIL}
    assert [row[header.index("r01_likelihood")] for row in data[1:]] == \
        raw["r01_likelihood"].astype(int).tolist()


def test_the_guard_protects_every_file_and_reports_the_figures(data_db, tmp_path,
                                                               questionnaire):
    out = tmp_path / "guarded"
    result = export_data(data_db, out, DataRequest(lang="es", formats=("csv", "dta", "sav"),
                                                   k=5))
    profile = list(questionnaire.profile)
    assert result.guarded and result.report.quasi_identifiers == tuple(profile)
    assert result.report.unique_before > 0 and result.report.unique_after == 0
    stem = out / "riskmap-data-all-es"
    csv_frame = pd.read_csv(f"{stem}.csv", encoding="utf-8-sig")
    assert csv_frame.groupby(profile, dropna=False).size().min() >= 5
    suppressed = csv_frame["post"] == 97
    assert suppressed.any()
    assert (csv_frame.loc[suppressed, "post_label"] ==
            "Suprimido (control de divulgación)").all()
    spss, meta = pyreadstat.read_sav(f"{stem}.sav", user_missing=True)
    assert spss.groupby(profile, dropna=False).size().min() >= 5
    assert {"lo": 97.0, "hi": 97.0} in meta.missing_ranges["post"]
    stata = pd.read_stata(f"{stem}.dta", convert_categoricals=False, convert_missing=True)
    assert any(getattr(v, "string", None) == ".s" for v in stata["post"])
    # The rest of each row is as keyed.
    raw = _raw(data_db, lang="es").frame
    assert csv_frame["r05_impact"].tolist() == raw["r05_impact"].astype(int).tolist()
    text = (out / "riskmap-data-all-es-disclosure.txt").read_text(encoding="utf-8")
    assert "Formularios (filas): 90" in text
    assert f"{result.report.unique_before:>10}{0:>10}" in text


def test_without_the_guard_the_export_is_audited_first(data_db, tmp_path):
    export_data(data_db, tmp_path / "raw", DataRequest(formats=("csv",), guard=False),
                operator="ana", device="dev-1")
    export_data(data_db, tmp_path / "safe", DataRequest(formats=("csv",)))
    project = Project.open(data_db)
    try:
        rows = project.db.conn.execute(
            "SELECT operator, device, new, reason FROM audit_log WHERE action = ?",
            (AUDIT_ACTION,)).fetchall()
    finally:
        project.close()
    assert len(rows) == 1
    assert rows[0]["operator"] == "ana" and "UNPROTECTED" in rows[0]["new"]
    raw = pd.read_csv(tmp_path / "raw" / "riskmap-data-all-es-UNPROTECTED.csv",
                      encoding="utf-8-sig")
    assert (raw["post"] != 97).all()


def test_one_round_text_answers_and_refusals(data_db, tmp_path):
    result = export_data(data_db, tmp_path / "r", DataRequest(
        formats=("csv",), round_name="Demo 1", include_text=True, k=2))
    rows = _read_csv(tmp_path / "r" / "riskmap-data-Demo-1-es.csv")
    assert result.rows == len(rows) == 60 and {r["round"] for r in rows} == {"Demo 1"}
    assert any(r["comment"] for r in rows)
    with pytest.raises(DataRefused, match="no round named"):
        export_data(data_db, tmp_path / "x", DataRequest(round_name="Nope"))
    with pytest.raises(DataRefused, match="fewer than the minimum group size"):
        export_data(data_db, tmp_path / "x", DataRequest(k=500))
    with pytest.raises(DataRefused, match="Unknown format"):
        export_data(data_db, tmp_path / "x", DataRequest(formats=("pdf",)))
    assert not (tmp_path / "x").exists() or not any((tmp_path / "x").iterdir())


def test_the_416_form_demo_report_states_the_figures_before_and_after(tmp_path):
    path = tmp_path / "demo416.db"
    project = Project.open(path)
    fill_demo(project, 416, seed=1)
    project.close()
    result = export_data(path, tmp_path / "out", DataRequest(formats=("csv",), lang="en"))
    report = result.report
    # The figure: nearly every demo form has a profile no other form shares.
    assert report.rows == 416 and report.unique_before >= 400
    assert report.unique_after == 0 and report.at_risk_after == 0
    text = result.report_path.read_text(encoding="utf-8")
    assert "Forms (rows): 416" in text
    assert f"Unique combinations (one row){report.unique_before:>21}{0:>10}" in text
    assert f"Rows in combinations under k{report.at_risk_before:>22}{0:>10}" in text
    for column, count in report.suppressed.items():
        assert f"  {column:<38}{count:>10}" in text
    frame = pd.read_csv(tmp_path / "out" / "riskmap-data-all-en.csv", encoding="utf-8-sig")
    assert frame.groupby(list(report.quasi_identifiers), dropna=False).size().min() >= 5


def test_progress_counts_the_files_as_they_are_written(data_db, tmp_path):
    """The files are written two at a time: the progress still only goes up, one step
    per file, and ends at the total."""
    seen = []
    export_data(data_db, tmp_path / "out", DataRequest(lang="en"),
                progress=lambda done, total: seen.append((done, total)))
    assert [done for done, _ in seen] == list(range(len(seen)))
    assert seen[-1] == (seen[-1][1], seen[-1][1]) == (6, 6)  # read, guard, four files
