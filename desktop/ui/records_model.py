"""`RecordsModel`: a table model over the forms of the open database, for 100k forms.

It never copies every row: it keeps the row count of the current filter and a small
cache of windows of rows (PAGE rows each), fetched through `RecordsService` when the view
paints them. Sorting and filtering go to the database (indexed SQL), then the model
resets.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Callable

from PySide6.QtCore import (QAbstractTableModel, QCoreApplication, QModelIndex,
                            QPersistentModelIndex, Qt)
from PySide6.QtGui import QBrush, QColor

from ..services.records_service import RecordFilter, RecordRow, RecordsService
from .shown_text import shown

_Index = QModelIndex | QPersistentModelIndex
STATUS_COLORS = {"verified": "#1b6e20", "draft": "#a15c00", "deleted": "#888888"}
PAGE = 200
CACHED_PAGES = 16

# (key of the sort column in storage.records_query, RecordRow attribute)
COLUMNS = (("form_number", "form_number"), ("round", "round_name"), ("status", "status"),
           ("operator", "operator"), ("created", "created"), ("updated", "updated"),
           ("revision", "revision"))


def column_title(key: str) -> str:
    """The header text of a column."""
    titles = {
        "form_number": QCoreApplication.translate("RecordsModel", "Form no."),
        "round": QCoreApplication.translate("RecordsModel", "Round"),
        "status": QCoreApplication.translate("RecordsModel", "Status"),
        "operator": QCoreApplication.translate("RecordsModel", "Operator"),
        "created": QCoreApplication.translate("RecordsModel", "Keyed (UTC)"),
        "updated": QCoreApplication.translate("RecordsModel", "Last change (UTC)"),
        "revision": QCoreApplication.translate("RecordsModel", "Revision"),
    }
    return titles[key]


def status_text(status: str) -> str:
    """The people's word for a form status."""
    texts = {
        "draft": QCoreApplication.translate("RecordsModel", "draft"),
        "entered": QCoreApplication.translate("RecordsModel", "entered"),
        "verified": QCoreApplication.translate("RecordsModel", "verified"),
        "deleted": QCoreApplication.translate("RecordsModel", "deleted"),
    }
    return texts.get(status, status)


class RecordsModel(QAbstractTableModel):
    """Rows of forms matching a `RecordFilter`, sorted by one column."""

    def __init__(self, service: Callable[[], RecordsService], parent=None,
                 flt: RecordFilter | None = None):
        super().__init__(parent)
        self._service = service
        self._filter = flt or RecordFilter()
        self._sort = "form_number"
        self._descending = False
        self._count = 0
        self._pages: OrderedDict[int, list[RecordRow]] = OrderedDict()
        self._recount()

    # -- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return column_title(COLUMNS[section][0])
        return None

    def data(self, index: _Index,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= self._count:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            row = self.record(index.row())
            if row is None:
                return None
            key, attribute = COLUMNS[index.column()]
            value = getattr(row, attribute)
            if key == "status":
                return status_text(value)
            if key in ("created", "updated"):
                return value[:16].replace("T", " ")
            return shown(value)  # a round or operator name from a bundle: escapes inert
        if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[index.column()][0] == "status":
            row = self.record(index.row())
            return shown(row.deleted_reason) if row and row.deleted_reason else None
        if role == Qt.ItemDataRole.ForegroundRole and COLUMNS[index.column()][0] == "status":
            row = self.record(index.row())
            color = STATUS_COLORS.get(row.status) if row else None
            return QBrush(QColor(color)) if color else None
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[index.column()][0] in (
                "form_number", "revision"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.beginResetModel()
        self._sort = COLUMNS[column][0]
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._pages.clear()
        self.endResetModel()

    # -- our API -------------------------------------------------------------------------
    @property
    def filter(self) -> RecordFilter:
        return self._filter

    def set_filter(self, flt: RecordFilter) -> None:
        """Show the forms matching `flt`."""
        self.beginResetModel()
        self._filter = flt
        self._recount()
        self.endResetModel()

    def refresh(self) -> None:
        """Read the database again (after a save, a delete, an import)."""
        self.beginResetModel()
        self._recount()
        self.endResetModel()

    def record(self, row: int) -> RecordRow | None:
        """The form on `row`, fetched with its window of rows when not cached."""
        if not 0 <= row < self._count:
            return None
        page = row // PAGE
        rows = self._pages.get(page)
        if rows is None:
            rows = self._service().page(self._filter, self._sort, self._descending,
                                        page * PAGE, PAGE)
            self._pages[page] = rows
            while len(self._pages) > CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        offset = row - page * PAGE
        return rows[offset] if offset < len(rows) else None

    def cached_rows(self) -> int:
        """How many rows are held in memory (for tests: never the whole table)."""
        return sum(len(rows) for rows in self._pages.values())

    def _recount(self) -> None:
        self._pages.clear()
        self._count = self._service().count(self._filter)
