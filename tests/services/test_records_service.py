"""RecordsService and RoundService (Qt-free): counts, pages, sorting, tallies, rounds."""

from __future__ import annotations

import pytest

from desktop.services.records_service import RecordFilter, RecordsService
from desktop.services.round_service import RoundNameTaken, RoundService


def test_count_page_sort_and_tally(demo_project):
    service = RecordsService(demo_project.db)
    assert service.count(RecordFilter()) == 60
    page = service.page(RecordFilter(), "form_number", True, 0, 5)
    assert [row.form_number for row in page] == [60, 59, 58, 57, 56]
    assert service.page(RecordFilter(), "form_number", False, 58, 5)[-1].form_number == 60
    assert service.operators() == ["AM", "JR", "LC"]
    only = service.page(RecordFilter(operator="JR"), "created", False, 0, 100)
    assert only and {row.operator for row in only} == {"JR"}
    round_ = demo_project.rounds()[0]
    tally = service.tally(round_.uuid, round_.target_count)
    assert (tally.entered, tally.verified, tally.drafts, tally.target) == (60, 0, 0, 60)
    with pytest.raises(ValueError):
        service.page(RecordFilter(), "uuid; DROP TABLE response", False, 0, 5)


def test_round_service_create_update_and_names(project):
    rounds = RoundService(project)
    first = rounds.create("  Ronda A ", target_count=10)
    assert first.name == "Ronda A"
    second = rounds.create("Ronda B")
    with pytest.raises(RoundNameTaken):
        rounds.update(rounds.edited(second, name="Ronda A"))
    rounds.update(rounds.edited(second, place="Norte", form_min=1, form_max=99))
    stored = rounds.get(second.uuid)
    assert (stored.place, stored.form_min, stored.form_max) == ("Norte", 1, 99)
    assert [r.name for r in rounds.rounds()] == ["Ronda A", "Ronda B"]
