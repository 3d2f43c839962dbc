"""`riskmap report --db PATH --out DIR [--round NAME] [--lang es|en]`: scores.csv (and the
climate and exposure tables), scores.xlsx, the chart PNGs and report.pdf, all protected by
the database's minimum group size. Charts and the PDF need Qt: it runs offscreen."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from . import CommandError


def register(subparsers: argparse._SubParsersAction) -> None:
    report = subparsers.add_parser("report", help="write scores.csv, chart PNGs and report.pdf")
    report.add_argument("--db", required=True, type=Path)
    report.add_argument("--out", required=True, type=Path)
    report.add_argument("--round", default="", help="only this collection round (its name)")
    report.add_argument("--lang", default="es", choices=("es", "en"))
    report.set_defaults(run=run_report)


def run_report(args: argparse.Namespace) -> int:
    if not args.db.exists():
        raise CommandError(f"{args.db} does not exist; give the path of a project database.")
    if args.out.exists() and not args.out.is_dir():
        raise CommandError(f"{args.out} is a file; give a folder for the report.")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance()
    if app is None:
        # Our own process: the charts' own words follow --lang. An application that is
        # already running (tests, the desktop app) keeps the language it chose.
        app = QApplication(["riskmap"])
        from ..ui.translation import install_translator
        install_translator(app, args.lang)

    from ..charts.chart_set import REPORT_SIZES, ChartSet, bands_of
    from ..charts.report_pdf import write_report_pdf
    from ..services.analysis_service import analysis_for
    from ..services.project import Project
    from ..services.report_service import build_report, write_csv, write_xlsx

    project = Project.open(args.db, read_only=True)  # a report never writes the database
    try:
        names = [round_.name for round_ in project.rounds()]
        if args.round and args.round not in names:
            raise CommandError(f"There is no round named {args.round!r}; rounds: "
                               f"{', '.join(names) or 'none'}.")
        analysis = analysis_for(project, args.lang)
        questionnaire = project.questionnaire
    finally:
        project.close()
    filters = {"round": args.round} if args.round else {}
    data = analysis.compute(filters)
    args.out.mkdir(parents=True, exist_ok=True)
    charts = ChartSet(bands_of(questionnaire, args.lang))
    charts.set_data(data)
    written = write_csv(data, args.out)
    written.append(write_xlsx(data, args.out / "scores.xlsx"))
    for name, image in charts.images().items():
        path = args.out / f"{name}.png"
        if not image.save(str(path), "PNG"):
            raise CommandError(f"Could not write {path}; check the folder is writable.")
        written.append(path)
    labels = {"round": args.round} if args.round else None
    document = build_report(data, questionnaire, labels)
    written.append(write_report_pdf(document, charts.images(REPORT_SIZES),
                                    args.out / "report.pdf"))
    forms = data.n_forms if data.n_forms is not None else f"fewer than {data.min_n}"
    print(f"Report on {forms} forms written to {args.out}: "
          + ", ".join(path.name for path in written))
    return 0
