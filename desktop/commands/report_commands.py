"""`riskmap report --db PATH --out DIR [--round NAME] [--lang es|en]`: scores.csv (and the
climate and exposure tables), scores.xlsx, the chart PNGs and report.pdf, all protected by
the database's minimum group size. Charts and the PDF need Qt: it runs offscreen."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from . import CommandError, line, say
from .interrupts import drawn, held


def register(subparsers: argparse._SubParsersAction) -> None:
    report = subparsers.add_parser("report", help="write scores.csv, chart PNGs and report.pdf")
    report.add_argument("--db", required=True, type=Path)
    report.add_argument("--out", required=True, type=Path)
    report.add_argument("--round", default="", help="only this collection round (its name)")
    report.add_argument("--lang", default="es", choices=("es", "en"))
    report.set_defaults(run=run_report)


def run_report(args: argparse.Namespace) -> int:
    if not args.db.exists():
        raise CommandError("db_missing", path=args.db)
    if args.out.exists() and not args.out.is_dir():
        raise CommandError("out_is_file", path=args.out)
    with held():
        _qt_app(args.lang)

    from ..charts.chart_base import png_bytes
    from ..charts.chart_set import REPORT_SIZES, ChartSet, bands_of
    from ..charts.report_pdf import write_report_pdf
    from ..domain.atomic_files import new_folder, write_all
    from ..services.analysis_service import analysis_for
    from ..services.project import Project
    from ..services.report_service import build_report, csv_writers, xlsx_writer

    project = Project.open(args.db, read_only=True)  # a report never writes the database
    try:
        names = [round_.name for round_ in project.rounds()]
        if args.round and args.round not in names:
            raise CommandError("no_such_round", round=repr(args.round),
                               names=", ".join(names) or "-")
        analysis = analysis_for(project, args.lang)
        questionnaire = project.questionnaire
    finally:
        project.close()
    filters = {"round": args.round} if args.round else {}
    if analysis.hidden_filters(filters):
        raise CommandError("round_hidden", round=repr(args.round), min=analysis.min_n)
    data = analysis.compute(filters)
    # Every file is staged under a temporary name first: the report is written all or none.
    files = csv_writers(data, args.out)
    files[args.out / "scores.xlsx"] = xlsx_writer(data)
    with held():  # Qt draws: Ctrl+C is raised when it is done (commands/interrupts.py)
        charts = ChartSet(bands_of(questionnaire, args.lang))
        charts.set_data(data)
        for name, image in charts.images().items():
            files[args.out / f"{name}.png"] = png_bytes(image)
        report_images = charts.images(REPORT_SIZES)
    labels = {"round": args.round} if args.round else None
    document = build_report(data, questionnaire, labels)
    files[args.out / "report.pdf"] = lambda tmp: drawn(write_report_pdf, document,
                                                       report_images, tmp)
    with new_folder(args.out):  # a full disk leaves no empty folder either
        written = write_all(files)
    forms = (data.n_forms if data.n_forms is not None
             else line("out.fewer_than", n=data.min_n))
    say("out.report", forms=forms, path=args.out,
        files=", ".join(path.name for path in written))
    return 0


def _qt_app(lang: str) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication
    if QApplication.instance() is None:
        # Our own process: the charts' own words follow --lang. An application that is
        # already running (tests, the desktop app) keeps the language it chose.
        app = QApplication(["riskmap"])
        from ..ui.translation import install_translator
        install_translator(app, lang)
