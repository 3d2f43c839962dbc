"""`riskmap print-form --db PATH --out FILE.pdf [--round NAME] [--lang es|en] [--from N --to M]`
(the blank paper form, A4) and `riskmap codebook --db PATH --out FILE.pdf|FILE.csv`.
The PDFs are drawn with Qt: it runs offscreen."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from . import CommandError, line, say
from .interrupts import drawn


def register(subparsers: argparse._SubParsersAction) -> None:
    form = subparsers.add_parser("print-form", help="the blank paper form as an A4 PDF")
    form.add_argument("--db", required=True, type=Path)
    form.add_argument("--out", required=True, type=Path)
    form.add_argument("--round", default="", help="print the questionnaire of this round")
    form.add_argument("--lang", default="es", choices=("es", "en"))
    form.add_argument("--from", dest="first", type=int, help="first pre-printed form number")
    form.add_argument("--to", dest="last", type=int, help="last pre-printed form number")
    form.set_defaults(run=run_print_form)

    book = subparsers.add_parser("codebook", help="every stored questionnaire version: "
                                 "question ids, text, type, codes, skip and check rules")
    book.add_argument("--db", required=True, type=Path)
    book.add_argument("--out", required=True, type=Path, help="FILE.pdf or FILE.csv")
    book.add_argument("--lang", default="en", choices=("es", "en"))
    book.set_defaults(run=run_codebook)


def _qt_app() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication
    if QApplication.instance() is None:
        QApplication(["riskmap"])


def _check_paths(args: argparse.Namespace, suffixes: tuple[str, ...]) -> None:
    if not args.db.exists():
        raise CommandError("db_missing", path=args.db)
    if args.out.suffix.lower() not in suffixes:
        raise CommandError("out_suffix", path=args.out, suffixes=" / ".join(suffixes))
    if not args.out.parent.is_dir():
        raise CommandError("out_folder_missing", path=args.out.parent)


def run_print_form(args: argparse.Namespace) -> int:
    _check_paths(args, (".pdf",))
    from ..services.print_service import print_plan
    from ..services.project import Project
    project = Project.open(args.db)
    try:  # a PrintRefused is a UserError: one sentence in the user's language
        plan = print_plan(project, args.round, args.first, args.last)
    finally:
        project.close()
    drawn(_qt_app)
    from ..charts.paper_form_pdf import PaperFormSpec, write_paper_form_pdf
    from ..domain.atomic_files import write_atomically
    spec = PaperFormSpec(plan.questionnaire, args.lang, plan.round_name, plan.numbers)
    # Drawn into the staged file with Ctrl+C held: an interruption removes it whole.
    write_atomically(args.out, lambda tmp: drawn(write_paper_form_pdf, spec, tmp))
    n = len(plan.numbers)
    copies = (line("out.one_blank_form") if not plan.numbers
              else line("out.numbered_forms" if n > 1 else "out.one_numbered_form", n=n))
    say("out.printed", copies=copies, id=plan.questionnaire.id,
        version=plan.questionnaire.version, path=args.out)
    return 0


def run_codebook(args: argparse.Namespace) -> int:
    _check_paths(args, (".pdf", ".csv"))
    from ..services.print_service import (codebook_document, stored_versions,
                                          write_codebook_csv)
    from ..services.project import Project
    project = Project.open(args.db)
    try:
        versions = stored_versions(project)
    finally:
        project.close()
    if args.out.suffix.lower() == ".csv":
        write_codebook_csv(versions, args.out, args.lang)
    else:
        drawn(_qt_app)
        from ..charts.report_pdf import write_report_pdf
        from ..domain.atomic_files import write_atomically
        document = codebook_document(versions, args.lang)
        write_atomically(args.out, lambda tmp: drawn(write_report_pdf, document, {}, tmp))
    say("out.codebook", n=len(versions), path=args.out)
    return 0
