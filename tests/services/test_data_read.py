"""The analysts' form columns read as one joined text per column are the columns read a
row at a time; a value holding the separator falls back to the row-at-a-time read."""

from __future__ import annotations

import numpy as np
import pytest

from desktop.services import data_read
from desktop.services.demo_service import fill_demo
from desktop.services.project import Project

EVIL = '=HYPERLINK("http://evil.example/x","click")'


@pytest.fixture
def project(tmp_path):
    project = Project.open(tmp_path / "read.db")
    fill_demo(project, 40, seed=4)
    fill_demo(project, 25, seed=5, round_name=EVIL)
    yield project
    project.close()


def _same(left, right):
    (uuids_a, part_a), (uuids_b, part_b) = left, right
    assert list(uuids_a) == list(uuids_b)
    assert part_a.keys() == part_b.keys()
    for name in part_a:
        assert part_a[name].dtype == part_b[name].dtype, name
        assert list(part_a[name]) == list(part_b[name]), name


@pytest.mark.parametrize("round_name", [None, EVIL, "no such round"])
def test_the_joined_read_is_the_row_by_row_read(project, round_name):
    conn = project.db.conn
    joined = data_read._form_columns_joined(conn, round_name)
    assert joined is not None
    _same(joined, data_read._form_columns_by_row(conn, round_name, chunk=7))
    if round_name is None:
        assert len(joined[0]) == 65 and set(joined[1]["round"]) == {"Demo 4", EVIL}


def test_a_value_holding_the_separator_is_read_row_by_row(project):
    conn = project.db.conn
    with project.db.transaction():
        conn.execute("UPDATE response SET device = 'odd\x1edevice' WHERE form_number = 3")
    assert data_read._form_columns_joined(conn, None) is None
    uuids, part = data_read._form_columns(conn, None, chunk=1000)
    assert sorted(set(part["device"]) - {"odd\x1edevice"}) == sorted(
        d for d, in conn.execute("SELECT DISTINCT device FROM response "
                                 "WHERE form_number != 3"))
    assert (part["device"] == "odd\x1edevice").sum() == 2
    assert part["form_number"].dtype == np.int64 and len(uuids) == 65


@pytest.mark.parametrize("driver", ["sqlite3", "sqlcipher3.dbapi2"])
def test_past_the_string_limit_the_columns_are_read_row_by_row(project, monkeypatch, driver):
    """SQLite refuses a joined text longer than its limit ("string or blob too big"); an
    encrypted project's driver (sqlcipher3) raises its own class, not sqlite3's: both fall
    back to the row-at-a-time read."""
    errors = pytest.importorskip(driver)

    def too_big(*_args, **_kwargs):
        raise errors.DataError("string or blob too big")
    monkeypatch.setattr(data_read.data_store, "form_texts", too_big)
    conn = project.db.conn
    uuids, part = data_read._form_columns(conn, None, chunk=1000)
    _same((uuids, part), data_read._form_columns_by_row(conn, None, chunk=1000))
    assert len(uuids) == 65
