"""A round an import brings is in the round bar as soon as the Import view has imported
it, in a real window on a real signed bundle: an HQ holding rounds keeps the analyst's
round and offers the new one; an HQ that held none shows the imported round at once
(it showed an empty round bar until the project was reopened)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from trust_helpers import enrol_bundles  # noqa: E402

from desktop.services.demo_service import fill_demo  # noqa: E402
from desktop.services.export_service import export_bundle  # noqa: E402
from desktop.services.keys_service import hq_init  # noqa: E402
from desktop.services.project import Project  # noqa: E402
from desktop.ui.app_context import AppContext  # noqa: E402
from desktop.ui.background import SynchronousRunner  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402


@pytest.fixture
def bundle(tmp_path):
    """HQ's keys and a signed bundle of 12 forms in round 'Demo 2' (seed 2's name)."""
    keys = hq_init(tmp_path / "keys")
    field = Project.open(tmp_path / "field.db")
    fill_demo(field, 12, seed=2)
    key = field.device_key
    field.close()
    out = tmp_path / "out"
    out.mkdir()
    return keys, export_bundle(tmp_path / "field.db", key, [keys.recipient], out,
                               full=True).path


@pytest.mark.parametrize("hq_round", [None, "Sede 1"])
def test_the_import_views_round_is_in_the_round_bar_at_once(qtbot, tmp_path, settings, bundle,
                                                             hq_round):
    keys, path = bundle
    hq_db = tmp_path / "hq.db"
    project = Project.open(hq_db)
    own = project.create_round(hq_round, form_min=1, form_max=9).uuid if hq_round else None
    project.close()
    enrol_bundles(hq_db, keys.identity_path, [path])
    project = Project.open(hq_db)
    context = AppContext(project, operator="HQ", lang="en", runner=SynchronousRunner())
    window = MainWindow(context, settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.show_page("exchange")
    importing = window.pages["exchange"].widget(1)
    importing.identity.setText(str(keys.identity_path))
    importing.add_bundles([path])
    qtbot.mouseClick(importing.import_button, Qt.MouseButton.LeftButton)
    assert importing.table.item(0, 1).text() == "Imported"
    names = [window.round_combo.itemText(i) for i in range(window.round_combo.count())]
    assert "Demo 2" in names
    if own is None:  # nothing was chosen: the imported round is, and shown
        assert window.round_combo.currentText() == "Demo 2"
        assert context.current_round().name == "Demo 2"
        assert "Demo 2" in window.round_label.text()
    else:  # the analyst's round kept
        assert window.round_combo.currentData() == own == context.round_uuid
    window.grab().save(str(tmp_path / "import_round_bar.png"))
    window.close()
    project.close()
