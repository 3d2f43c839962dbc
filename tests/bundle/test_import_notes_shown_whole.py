"""The Import view shows a bundle's whole note: the row grows with the notes column once
the window has laid it out (a held bundle's note ends with what to do, "choose Allow in
round...; otherwise ask the team ...", and a row sized before the column stretched cut
that end off, readable only in a tooltip)."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics

from bundle_helpers import make_hq_db
from test_round_origin_attacks import _post_a, _post_b
from test_round_origin_view import _spanish_import
from trust_helpers import enrol_fingerprints


def _needed_height(table, row: int, column: int) -> int:
    """The height the cell's text needs, wrapped at the column's width."""
    item = table.item(row, column)
    width = table.columnWidth(column) - 8  # the cell's margins
    metrics = QFontMetrics(item.font() if item.font() else table.font())
    return metrics.boundingRect(QRect(0, 0, width, 10_000),
                                int(Qt.TextFlag.TextWordWrap), item.text()).height()


def test_a_held_bundles_note_is_shown_whole_at_1366x768(
        qtbot, qapp, tmp_path, hq_keys, bundle, field_db, valid_answers):
    hq_path = make_hq_db(tmp_path / "hq.db")
    _post_a(hq_path, hq_keys, bundle)
    key_b, b_bundle = _post_b(tmp_path, hq_keys, field_db, valid_answers,
                              new_numbers=(101, 102))
    enrol_fingerprints(hq_path, key_b.fingerprint)
    with _spanish_import(qtbot, qapp, hq_path, hq_keys, b_bundle) as (hq, imp, note):
        imp.show()
        qtbot.waitExposed(imp)
        table = imp.table
        qtbot.waitUntil(lambda: table.columnWidth(8) < 1000)  # the stretch laid out
        assert note.endswith("pregunte al equipo quién hizo este paquete"), note
        needed = _needed_height(table, 0, 8)
        assert needed > 2 * QFontMetrics(table.font()).lineSpacing()  # three lines or more
        assert table.rowHeight(0) >= needed, (table.rowHeight(0), needed)
        imp.grab().save(str(tmp_path / "import_view_note_whole.png"))
        imp.resize(1000, 768)  # a narrower window: the row grows again
        qtbot.waitUntil(lambda: table.rowHeight(0) >= _needed_height(table, 0, 8))
        imp.hide()
