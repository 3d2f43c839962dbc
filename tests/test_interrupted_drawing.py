"""Ctrl+C while a command draws with Qt: one line ("interrupted"), exit code 130, no file.

Python raises KeyboardInterrupt in whatever Python code runs when the signal arrives; during
drawing that is often a method Qt called (pyqtgraph's viewTransformChanged), where PySide
prints the traceback, drops the exception and goes on. The tests make the signal arrive in
such a method: a QObject's `event()` that Qt calls while the command draws.
"""

from __future__ import annotations

import os
import signal

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject

from desktop.cli import main
from desktop.charts import chart_set
from desktop.services.demo_service import fill_demo
from desktop.services.project import Project


class _Target(QObject):
    def event(self, event):  # called by Qt, as pyqtgraph's callbacks are
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(1000):  # the signal is handled between these Python steps
            pass
        return True


def _ctrl_c_inside_qt() -> None:
    target = _Target()
    QCoreApplication.sendEvent(target, QEvent(QEvent.Type.User))


@pytest.fixture
def demo_db(tmp_path):
    project = Project.open(tmp_path / "demo.db")
    fill_demo(project, 30, seed=1)
    project.close()
    return tmp_path / "demo.db"


def _interrupted(capsys) -> None:
    err = capsys.readouterr().err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert err.strip().splitlines() == ["riskmap: interrupted."], err


def test_ctrl_c_while_the_report_charts_are_drawn(demo_db, tmp_path, monkeypatch, capsys):
    real = chart_set.ChartSet.set_data

    def set_data(self, data):
        real(self, data)
        _ctrl_c_inside_qt()
    monkeypatch.setattr(chart_set.ChartSet, "set_data", set_data)
    out = tmp_path / "report"
    capsys.readouterr()
    assert main(["report", "--db", str(demo_db), "--out", str(out)]) == 130
    _interrupted(capsys)
    assert not out.exists()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_ctrl_c_while_the_report_pdf_is_drawn(demo_db, tmp_path, monkeypatch, capsys):
    from desktop.charts import report_pdf
    real = report_pdf.write_report_pdf

    def write(document, images, path):
        written = real(document, images, path)
        _ctrl_c_inside_qt()
        return written
    monkeypatch.setattr(report_pdf, "write_report_pdf", write)
    out = tmp_path / "report"
    out.mkdir()
    capsys.readouterr()
    assert main(["report", "--db", str(demo_db), "--out", str(out)]) == 130
    _interrupted(capsys)
    assert list(out.iterdir()) == []  # all or none: the staged files are gone


def test_ctrl_c_while_the_paper_form_is_drawn(demo_db, tmp_path, monkeypatch, capsys):
    from desktop.charts import paper_form_pdf
    real = paper_form_pdf.write_paper_form_pdf

    def write(spec, path):
        written = real(spec, path)
        _ctrl_c_inside_qt()
        return written
    monkeypatch.setattr(paper_form_pdf, "write_paper_form_pdf", write)
    capsys.readouterr()
    assert main(["print-form", "--db", str(demo_db), "--out", str(tmp_path / "f.pdf")]) == 130
    _interrupted(capsys)
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".pdf", ".part")]
