"""The .dta and .sav files whose data rows numpy writes (`services.stat_rows`) are the files
pyreadstat writes from the same frame, byte for byte but for the header's write time:
blanks, missing codes as Stata's extended missing values, 0 and -0, fractions, texts in
UTF-8 of every length, over many slices; and where numpy cannot match pyreadstat (a text
too long for a plain string, a number Stata cannot hold, a sample that does not check
out) pyreadstat writes the file itself."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat
import pytest

from desktop.services import stat_rows
from desktop.services.stat_rows import Column

N = 1_000


def _masked(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".dta":
        return re.sub(rb"<timestamp>.*?</timestamp>", b"<timestamp/>", data, count=1,
                      flags=re.S)
    return data[:92] + bytes(17) + data[109:]  # the .sav header's creation date and time


def _columns(stata: bool, text: list[str] | None = None) -> list[Column]:
    rng = np.random.default_rng(7)
    codes = pd.array(rng.integers(1, 6, N), dtype="Int8")
    codes[rng.random(N) < 0.1] = pd.NA
    codes[rng.random(N) < 0.05] = 8  # don't know
    codes[rng.random(N) < 0.05] = 9  # no answer
    codes[3] = 97  # suppressed
    decimals = rng.normal(0, 1e6, N).round(2)
    decimals[rng.random(N) < 0.1] = np.nan
    decimals[[5, 9, 400]] = [-0.0, 0.0, 8.0]  # -0 met before 0; a missing code
    words = ["", "sí", "Ñandú ⚑", "x" * 40, "ok"]
    text = text or [words[i] for i in rng.integers(0, len(words), N)]
    letters = {8: "a", 9: "b", 97: "s"} if stata else {}
    return [
        Column("form_number", pd.Series(np.arange(N, dtype=np.int64) + 10**12), False),
        Column("round", pd.Series(np.array(text, dtype=object)), True),
        Column("q1", pd.Series(codes), False, letters),
        Column("q2", pd.Series(decimals), False, {8: "a"} if stata else {}),
        Column("q3", pd.Series(pd.array([None] * N, dtype="Int8")), False),
        Column("q4", pd.Series([None if i % 7 else "a b" for i in range(N)], dtype=object),
               True),
    ]


def _writer(stata: bool):
    if stata:
        return lambda frame, path: pyreadstat.write_dta(
            frame, str(path), file_label="labelled", version=14,
            column_labels={"q1": "Question one"},
            variable_value_labels={"q1": {1: "one", "a": "don't know", "s": "suppressed"}},
            missing_user_values={"q1": ["a", "b", "s"], "q2": ["a"]})
    return lambda frame, path: pyreadstat.write_sav(
        frame, str(path), file_label="labelled", column_labels={"q1": "Question one"},
        variable_value_labels={"q1": {1.0: "one", 8.0: "don't know"}},
        missing_ranges={"q1": [8, 9, 97]}, variable_measure={"q1": "nominal"})


def _both(tmp_path: Path, columns: list[Column], stata: bool, rows: int = 64):
    suffix = "dta" if stata else "sav"
    ours, theirs = tmp_path / f"ours.{suffix}", tmp_path / f"theirs.{suffix}"
    stat_rows.write_rows(ours, columns, stata, _writer(stata), rows=rows)
    _writer(stata)(stat_rows.pyreadstat_frame(columns), theirs)
    return ours, theirs


@pytest.mark.parametrize("stata", [True, False], ids=["dta", "sav"])
def test_the_rows_are_the_ones_pyreadstat_writes(tmp_path, stata, monkeypatch):
    whole = []
    real = stat_rows.pyreadstat_frame
    monkeypatch.setattr(stat_rows, "pyreadstat_frame", lambda columns, rows=slice(None): (
        whole.append(isinstance(rows, slice)), real(columns, rows))[1])
    ours, theirs = _both(tmp_path, _columns(stata), stata)
    assert whole == [False, True]  # ours from a sample; the reference from every row
    assert _masked(ours) == _masked(theirs)
    frame, meta = (pyreadstat.read_dta(str(ours), user_missing=True) if stata else
                   pyreadstat.read_sav(str(ours), user_missing=True))
    assert len(frame) == N and meta.number_rows == N
    assert frame["round"].tolist() == _columns(stata)[1].values().tolist()


@pytest.mark.parametrize("stata", [True, False], ids=["dta", "sav"])
def test_a_text_too_long_for_a_plain_string_is_left_to_pyreadstat(tmp_path, stata,
                                                                   monkeypatch):
    long = "é" * (1100 if stata else 200)  # 2200 bytes: a strL; 400: SPSS segments
    text = [long if i == 500 else "short" for i in range(N)]
    samples = []
    real = stat_rows.pyreadstat_frame
    monkeypatch.setattr(stat_rows, "pyreadstat_frame", lambda columns, rows=slice(None): (
        samples.append(not isinstance(rows, slice)), real(columns, rows))[1])
    ours, theirs = _both(tmp_path, _columns(stata, text), stata)
    assert samples == [False, False]  # no sample: pyreadstat wrote every row
    assert _masked(ours) == _masked(theirs)


def test_a_sample_that_does_not_check_out_is_written_by_pyreadstat(tmp_path, monkeypatch):
    real = stat_rows._numbers

    def off_by_one_bit(values, *args):
        bits = real(values, *args)
        return bits ^ np.uint64(1)

    monkeypatch.setattr(stat_rows, "_numbers", off_by_one_bit)
    ours, theirs = _both(tmp_path, _columns(True), True)
    assert _masked(ours) == _masked(theirs)


def test_a_number_stata_cannot_hold_is_refused_as_before(tmp_path):
    columns = _columns(True)
    big = pd.Series(np.where(np.arange(N) == 17, 1e308, 1.0))
    columns[0] = Column("form_number", big, False)
    with pytest.raises(Exception) as ours:
        stat_rows.write_rows(tmp_path / "ours.dta", columns, True, _writer(True))
    with pytest.raises(Exception) as theirs:
        _writer(True)(stat_rows.pyreadstat_frame(columns), tmp_path / "theirs.dta")
    assert type(ours.value) is type(theirs.value) and str(ours.value) == str(theirs.value)


@pytest.mark.parametrize("stata", [True, False], ids=["dta", "sav"])
def test_pyreadstat_meeting_a_full_disk_says_the_disk_is_full(tmp_path, stata):
    """ReadStat says only "Unable to write data": on a full disk that is the OSError a
    full disk raises (it was "something unexpected")."""
    import errno
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from failure_helpers import fill_up, small_disk
    with small_disk(tmp_path / "disk", "1m") as disk:
        fill_up(disk, leave=2_000)  # room for less than the header and labels
        with pytest.raises(OSError) as caught:
            stat_rows.write_rows(disk / "x.dta", _columns(stata), stata, _writer(stata))
        assert caught.value.errno == errno.ENOSPC
