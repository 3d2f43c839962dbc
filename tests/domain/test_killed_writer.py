"""A writer killed half-way (kill -9, a power cut) leaves its temporary file; the next write
into the same folder removes it, and never the file of a writer that is still running."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop.domain import atomic_files
from desktop.domain.atomic_files import stage, sweep_leftovers, write_all, write_atomically

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(os.name != "posix", reason="process ids are asked on POSIX")

# Writes half a file through write_atomically, says so, then waits to be killed.
HALF_WRITER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from desktop.domain.atomic_files import write_atomically
    def writer(temp):
        with open(temp, "wb") as handle:
            handle.write(b"half of the rows")
            handle.flush()
            print(temp, flush=True)
            time.sleep(600)
    write_atomically(Path(sys.argv[1]), writer)
""")


def _killed_half_way(target: Path) -> Path:
    """Run a writer of `target`, kill -9 it mid-write; returns its temporary file."""
    child = subprocess.Popen([sys.executable, "-c", HALF_WRITER, str(target)],
                             stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        temp = Path(child.stdout.readline().strip())
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
    assert temp.is_file() and temp.name.startswith(f".{target.name}.")
    return temp


def test_the_next_write_removes_what_a_killed_writer_left(tmp_path):
    temp = _killed_half_way(tmp_path / "riskmap-data-all-es.csv")
    assert not (tmp_path / "riskmap-data-all-es.csv").exists()
    write_atomically(tmp_path / "scores.csv", "a,b\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scores.csv"]
    assert not temp.exists()


def test_a_series_part_staged_next_removes_it_too(tmp_path):
    temp = _killed_half_way(tmp_path / "riskmap-dev-1-all-20261203T090000Z.zip.age")
    staged = stage(tmp_path / "riskmap-dev-1-all-20261203T091000Z-part1of2.zip.age", b"x")
    assert not temp.exists() and staged.exists()


def test_a_running_writer_keeps_its_file(tmp_path):
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    try:
        here = atomic_files._HOST
        running = tmp_path / f".report.pdf.{sleeper.pid}-{here}-0123abcd.part"
        running.write_bytes(b"being written")
        mine = tmp_path / f".scores.csv.{os.getpid()}-{here}-0123abcd.part"
        mine.write_bytes(b"being written here")
        write_all({tmp_path / "a.csv": "x"})
        assert running.exists() and mine.exists()
    finally:
        sleeper.kill()
        sleeper.wait()
    assert sweep_leftovers(tmp_path) == [running]


def test_files_of_people_are_never_swept(tmp_path):
    here = atomic_files._HOST
    names = [".notes.part", f"x.1234-{here}-0123abcd.part", f".x.1234-{here}-0123abcd.old",
             f".x.1234-{here}-0123ABCD.part", ".x.1234-0123abcd.part", "report.pdf"]
    for name in names:
        (tmp_path / name).write_text("kept")
    assert sweep_leftovers(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names)


def test_another_computers_file_is_kept_whatever_its_process_id(tmp_path):
    """A stick or a shared folder: the process id of another computer's writer means
    nothing here, and that writer may still be running."""
    other = "0" * 8 if atomic_files._HOST != "0" * 8 else "1" * 8
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    theirs = tmp_path / f".report.pdf.{dead.pid}-{other}-0123abcd.part"
    theirs.write_bytes(b"being written on another laptop")
    ours = tmp_path / f".report.pdf.{dead.pid}-{atomic_files._HOST}-0123abcd.part"
    ours.write_bytes(b"left by a killed writer here")
    assert sweep_leftovers(tmp_path) == [ours]
    assert theirs.exists()
