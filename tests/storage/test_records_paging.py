"""The records list's fast paths give exactly what the plain queries give: the count of
live forms (all forms less the deleted) and the form-number order merged from each round's
index (rather than sorting every form), for every filter, direction and window."""

from __future__ import annotations

import itertools

import pytest

from desktop.services.demo_service import fill_demo
from desktop.services.project import Project
from desktop.storage import records_query
from desktop.storage.records_query import LIVE, RecordFilter


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    project = Project.open(tmp_path_factory.mktemp("paging") / "paging.db")
    for seed, n in ((1, 40), (2, 25), (3, 30)):
        fill_demo(project, n, seed=seed, round_name=f"Round {seed}")
    with project.db.transaction() as tx:  # some deleted and some verified forms
        tx.execute("UPDATE response SET status = 'deleted', deleted_reason = 'twice' "
                   "WHERE form_number % 7 = 3")
        tx.execute("UPDATE response SET status = 'verified' WHERE form_number % 5 = 1")
    yield project.db.conn
    project.close()


def _plain_count(conn, flt):
    where, args = records_query._where(flt)
    return conn.execute(f"SELECT COUNT(*) FROM response r{where}", args).fetchone()[0]


def _filters(conn):
    rounds = [""] + [row[0] for row in conn.execute("SELECT uuid FROM round")]
    operator = records_query.operators(conn)[0]
    for round_uuid, status, who, number in itertools.product(
            rounds, (LIVE, "", "entered", "verified", "deleted"), ("", operator), (None, 12)):
        yield RecordFilter(form_number=number, status=status, operator=who,
                           round_uuid=round_uuid)


def test_counts_match_the_plain_count(conn):
    checked = 0
    for flt in _filters(conn):
        assert records_query.count_records(conn, flt) == _plain_count(conn, flt), flt
        checked += 1
    assert checked == 4 * 5 * 2 * 2
    assert records_query.count_records(conn, RecordFilter()) < 95  # deleted left out


@pytest.mark.parametrize("descending", [False, True])
def test_form_number_windows_match_the_sorted_scan(conn, descending):
    seen = 0
    for flt in _filters(conn):
        for offset, limit in ((0, 200), (0, 7), (13, 9), (60, 50), (94, 10), (500, 5)):
            fast = records_query.page_records(conn, flt, "form_number", descending, offset,
                                              limit)
            plain = records_query._page_by_scan(conn, flt, "form_number", descending,
                                                offset, limit)
            assert fast == plain, (flt, offset, limit)
            seen += len(fast)
    assert seen > 1000


def test_operator_list_and_filter_read_the_operator_index(conn):
    """The operator list steps through the index (same names as a DISTINCT over every
    form) and the operator filter's count is answered from the index, not a scan."""
    plain = [row[0] for row in conn.execute(
        "SELECT DISTINCT operator FROM response ORDER BY operator")]
    assert records_query.operators(conn) == plain and len(plain) > 1
    where, args = records_query._where(RecordFilter(operator=plain[0]))
    plan = " ".join(row[-1] for row in conn.execute(
        f"EXPLAIN QUERY PLAN SELECT COUNT(*) FROM response r{where}", args))
    assert "response_operator" in plan, plan
