"""Self-test steps 14-18: what people look at and take away. Every view opens, the
dashboard draws and saves its charts, the report (CSV, XLSX, PDF) and the analysts' data
files (CSV, XLSX, Stata, SPSS, read back) are written, and the About box shows the
version and the device's fingerprint."""

from __future__ import annotations

from .state import SelfTestState


class OutputSteps(SelfTestState):
    """The steps of this module; they share what they made through the state."""

    def views(self) -> str:
        # A view whose module fails to import (something left out of the package) is
        # replaced by a message page, not an exception: check each view's class.
        expected = {"records": "RecordsView", "verification": "VerificationView",
                    "progress": "ProgressView"}
        opened = []
        for key, name in expected.items():
            self.window.show_page(key)
            opened.append(self._check_view(self.window.pages[key], name))
        self.window.show_page("exchange")
        tabs = self.window.pages["exchange"]
        for index, name in enumerate(("ExportView", "ImportView", "ConflictsView")):
            tabs.setCurrentIndex(index)
            opened.append(self._check_view(tabs.widget(index), name))
        records = self.window.pages["records"].model.rowCount()
        if records != 1:
            raise AssertionError(f"the records view lists {records} forms, not 1")
        self.window.show_page("entry")
        return ", ".join(opened) + f"; {records} form listed"

    def dashboard(self) -> str:
        import importlib
        importlib.import_module("desktop.ui.dashboard_view")  # an ImportError says what lacks
        self.window.show_page("dashboard")
        view = self.window.pages["dashboard"]
        charts = getattr(view, "charts", None)
        if charts is None:
            raise AssertionError("the dashboard is not available in this build")
        self._wait(lambda: view.data is not None, "the dashboard did not load the forms")
        pngs = charts.save_png(self.root / "charts")
        svgs = charts.save_svg(self.root / "charts")
        empty = [p.name for p in pngs + svgs if not p.is_file() or p.stat().st_size == 0]
        if empty:
            raise AssertionError(f"empty chart files: {empty}")
        self.window.show_page("entry")
        return f"{len(pngs)} PNG and {len(svgs)} SVG charts saved"

    def report(self) -> str:
        from ..cli import main as cli_main
        out = self.root / "report"
        code = cli_main(["report", "--db", str(self.field_db), "--out", str(out),
                         "--passphrase-file", str(self.passphrase_file)])
        if code != 0:
            raise AssertionError(f"riskmap report exited with {code}")
        pdf, xlsx = out / "report.pdf", out / "scores.xlsx"
        if not pdf.read_bytes().startswith(b"%PDF") or not xlsx.read_bytes().startswith(b"PK"):
            raise AssertionError("the PDF or the Excel file is not valid")
        return f"{len(list(out.iterdir()))} files, PDF {pdf.stat().st_size} bytes"

    def data_files(self) -> str:
        import csv

        import openpyxl
        import pyreadstat
        from ..cli import main as cli_main
        from .state import SELFTEST_PIN
        out = self.root / "data"
        # k=1: one form cannot meet the project's minimum group size; the guard still runs.
        # A k below the minimum needs the project's supervisor, as --no-guard does.
        pin_file = self.root / "pin.txt"
        pin_file.write_text(SELFTEST_PIN + "\n", encoding="utf-8")
        code = cli_main(["data", "--db", str(self.field_db), "--out", str(out), "--k", "1",
                         "--format", "csv,xlsx,dta,sav",
                         "--passphrase-file", str(self.passphrase_file),
                         "--operator", "SELFTEST", "--pin-file", str(pin_file)])
        if code != 0:
            raise AssertionError(f"riskmap data exited with {code}")
        stem = out / "riskmap-data-all-es"
        with open(stem.with_suffix(".csv"), encoding="utf-8-sig", newline="") as csv_file:
            csv_rows = sum(1 for _row in csv.reader(csv_file)) - 1
        book = openpyxl.load_workbook(stem.with_suffix(".xlsx"), read_only=True)
        xlsx_rows = sum(1 for _row in book["data"].iter_rows()) - 1
        book.close()
        dta, dta_meta = pyreadstat.read_dta(str(stem.with_suffix(".dta")))
        sav, sav_meta = pyreadstat.read_sav(str(stem.with_suffix(".sav")))
        counts = {"csv": csv_rows, "xlsx": xlsx_rows, "dta": len(dta), "sav": len(sav)}
        if set(counts.values()) != {1}:
            raise AssertionError(f"rows per file: {counts} (1 form was keyed)")
        if not dta_meta.variable_value_labels or not sav_meta.variable_value_labels:
            raise AssertionError("the Stata or SPSS file has no value labels")
        return (f"1 row in each file, {len(sav_meta.column_names)} variables, value labels "
                "read back from .dta and .sav")

    def about(self) -> str:
        from ..ui.about_dialog import AboutDialog
        key = self.context.device_key
        dialog = AboutDialog(key.device_id, key.fingerprint, self.window)
        text = dialog.details_text()
        dialog.deleteLater()
        from .. import __version__
        for part in (__version__, key.fingerprint, key.device_id):
            if part not in text:
                raise AssertionError(f"the About box does not show {part!r}")
        return "version, build date, Python/Qt versions and fingerprint shown"
