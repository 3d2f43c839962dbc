"""Screenshots for people: each main view with demo data, rendered offscreen.

    python -m desktop.ui.screenshots --out docs/screenshots      (or `make screenshots`)

Builds a demo project in a scratch folder (416 synthetic forms of the default
questionnaire, a few paper numbers still missing, part of the verification sample done
by a second operator), opens the main window at 1366x768 (a common laptop screen) and
saves docs/screenshots/<view>.png in English, plus entry_es.png (and, with --all-spanish,
every view in Spanish as <view>_es.png; `make screenshots` renders both languages, and the
dashboard and verification view again at 100k forms as <view>_100k.png). The user's
settings and data are not touched.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

WIDTH, HEIGHT = 1366, 768
VIEWS = ("entry", "records", "verification", "progress", "dashboard", "exchange")
DEMO_FORMS = 416


def build_demo(folder: Path):
    """A demo project: 416 forms (the target) from a pad of 430 paper numbers, two deleted
    (their paper forms wait to be keyed again), and 70% of the verification sample
    verified. Returns the open project."""
    from ..services.demo_service import fill_demo
    from ..services.form_service import Actor
    from ..services.project import Project
    from ..services.verification_demo import simulate_in

    project = Project.open(folder / "demo.db")
    round_ = project.create_round(
        "Demo 1", institution="Servicio de fronteras", place="Provincia fronteriza",
        start_date="2026-10-05", end_date="2026-10-09", target_count=DEMO_FORMS,
        form_min=1, form_max=DEMO_FORMS + 14, verify_mode="share", verify_value=0.1)
    fill_demo(project, DEMO_FORMS, seed=1, round_name=round_.name)
    lead = project.form_service(Actor("LC", "demo"))
    for number in (DEMO_FORMS // 7, DEMO_FORMS // 2):
        uuid = lead.find_form(round_.uuid, number)
        lead.delete(uuid, "Keyed with the wrong form number; the paper goes back to the pile")
    simulate_in(project, round_.uuid, operator="MV", share=0.7, first_error_rate=0.015, seed=3)
    return project


def _settle(app) -> None:
    from PySide6.QtCore import QEvent
    for _ in range(5):
        app.processEvents()
    # Really delete closed windows, so no stale widget hears a later language change.
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _stage(window, key: str, lang: str) -> None:
    """Put a view in a state worth showing."""
    if key == "entry":
        view = window.entry_view
        first = dict(view.context.form_service().load(_any_form(window)).answers)
        shown = {qid: value for qid, value in first.items()
                 if qid in list(first)[:10]}
        view.number.setText(str(DEMO_FORMS + 1))
        view.form.set_values(shown)
        ids = view.form.applicable_ids()
        view.form.focus_question(ids[len(shown)])
    elif key == "verification":
        view = window.page("verification")
        if not hasattr(view, "open_next"):
            return
        view.open_next()
        if view.form is None or view.form_uuid is None:
            return
        stored = view.service().form(view.form_uuid)
        second = dict(stored.answers)
        for qid in ("post", "r03_likelihood", "c2_trusts_investigation"):
            if qid in second:
                second[qid] = "1" if second[qid] != "1" else "2"
        view.form.set_values(second)
        view.compare()
        view.decide("keep_first")


def _any_form(window) -> str:
    context = window.context
    return context.form_service().find_form(context.round_uuid, 1)


def render(out: Path, all_spanish: bool = False, views: tuple[str, ...] = VIEWS,
           forms: int | None = None, tag: str = "") -> list[Path]:
    """Render the screenshots into `out` (<view><tag>.png, <view><tag>_es.png); returns the
    files written. `forms` sets the size of the demo (default DEMO_FORMS)."""
    global DEMO_FORMS
    if forms:
        DEMO_FORMS = forms
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from .app_context import AppContext
    from .background import SynchronousRunner
    from .main_window import MainWindow
    from .translation import install_translator

    app = QApplication.instance() or QApplication(sys.argv[:1])
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="riskmap-shots-") as scratch:
        folder = Path(scratch)
        os.environ["RISKMAP_HOME"] = str(folder / "home")
        project = build_demo(folder)
        spanish = views if all_spanish else tuple(v for v in views if v == "entry")
        plan = [("en", views, tag), ("es", spanish, f"{tag}_es")]
        for lang, views, suffix in plan:
            install_translator(app, lang)
            settings = QSettings(str(folder / f"settings-{lang}.ini"),
                                 QSettings.Format.IniFormat)
            context = AppContext(project, operator="MV", lang=lang,
                                 runner=SynchronousRunner())
            window = MainWindow(context, settings)
            window.resize(WIDTH, HEIGHT)
            window.show()
            for view in views:
                window.show_page(view)
                _stage(window, view, lang)
                _settle(app)
                path = out / f"{view}{suffix}.png"
                window.grab().save(str(path))
                written.append(path)
            window.entry_view.new_form()  # nothing unsaved, so closing asks nothing
            window.close()
            window.deleteLater()
            _settle(app)
        install_translator(app, "en")
        project.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--all-spanish", action="store_true",
                        help="also render every view in Spanish")
    parser.add_argument("--views", default=",".join(VIEWS),
                        help="comma-separated views (default: all)")
    parser.add_argument("--forms", type=int, default=None,
                        help=f"forms in the demo project (default {DEMO_FORMS})")
    parser.add_argument("--tag", default="", help="added to the file names, e.g. _100k")
    args = parser.parse_args(argv)
    views = tuple(v for v in args.views.split(",") if v in VIEWS)
    for path in render(args.out, args.all_spanish, views, args.forms, args.tag):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
