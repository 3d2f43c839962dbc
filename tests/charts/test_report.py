"""`riskmap report` end to end: files written, the PDF has pages with the rule and the
register (checked as text and, when pdftoppm is installed, as rendered pages)."""

from __future__ import annotations

import csv
import shutil
import subprocess

import pytest

from desktop.cli import main
from desktop.services.demo_service import fill_demo
from desktop.services.project import Project


@pytest.fixture
def demo_db(tmp_path):
    path = tmp_path / "demo.db"
    project = Project.open(path)
    fill_demo(project, 80, seed=3)
    project.close()
    return path


@pytest.mark.parametrize("lang", ["es", "en"])
def test_report_writes_every_file(demo_db, tmp_path, lang, capsys):
    out = tmp_path / f"report-{lang}"
    assert main(["report", "--db", str(demo_db), "--out", str(out), "--lang", lang,
                 "--round", "Demo 3"]) == 0
    names = {p.name for p in out.iterdir()}
    assert {"scores.csv", "climate.csv", "exposure.csv", "scores.xlsx", "heat_map.png",
            "scores.png", "climate.png", "activity.png", "report.pdf"} <= names
    assert not any(name.endswith(".part") for name in names)
    assert (out / "report.pdf").read_bytes()[:5] == b"%PDF-"
    with open(out / "scores.csv", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle, delimiter=";" if lang == "es" else ","))
    overall = [r for r in rows if r["dimension"] == "all"]
    assert len(overall) == 10 and all(r["suppressed"] == "False" for r in overall)
    # n is a whole number; figures have a few decimals, with the language's decimal mark.
    assert all(r["n"].isdigit() for r in overall)
    mark = "," if lang == "es" else "."
    whole, _, decimals = overall[0]["mean_score"].partition(mark)
    assert whole.isdigit() and 1 <= len(decimals) <= 3
    assert "80 forms" in capsys.readouterr().out
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out / "report.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        rule = "fewer than 5" if lang == "en" else "menos de 5"
        register = "Risk register" if lang == "en" else "Registro de riesgos"
        assert rule in text.replace("\n", " ") and register in text
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "30", "-png", str(out / "report.pdf"),
                        str(out / "page")], check=True)
        pages = sorted(out.glob("page-*.png"))
        assert len(pages) >= 3


def test_report_refuses_an_unknown_round(demo_db, tmp_path, capsys):
    assert main(["report", "--db", str(demo_db), "--out", str(tmp_path / "r"),
                 "--round", "Nope"]) == 2
    assert "no round named 'Nope'" in capsys.readouterr().err


def test_report_refuses_a_missing_database(tmp_path, capsys):
    assert main(["report", "--db", str(tmp_path / "none.db"), "--out", str(tmp_path)]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()
