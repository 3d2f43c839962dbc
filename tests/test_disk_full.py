"""A full disk (issue 13): saving a form, exporting a bundle, writing a report, a backup
and new keys each fail with one sentence and leave nothing half-written.

Two ways: on a real small file system (a tmpfs mounted as root; skipped elsewhere) and by
fault injection (a write that raises ENOSPC, SQLite's page limit), which runs everywhere.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3

import pytest

from desktop.cli import main
from desktop.domain import atomic_files
from desktop.domain.atomic_files import write_all, write_atomically
from desktop.domain.user_error import UserError, translate
from desktop.services.demo_service import fill_demo
from desktop.services.form_service import Actor, FormService
from desktop.services.project import Project
from desktop.storage.connection import transaction
from desktop.storage.database import Database
from failure_helpers import fill_up, small_disk, snapshot


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "demo.db"
    project = Project.open(path)
    fill_demo(project, 30, seed=1)
    project.close()
    return path


def _sentence(capsys) -> str:
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


# On a real full disk -------------------------------------------------------------------------

def test_saving_a_form_on_a_full_disk(tmp_path, demo_template, valid_answers):
    with small_disk(tmp_path / "disk", "2m") as disk:
        shutil.copy(demo_template, disk / "demo.db")
        project = Project.open(disk / "demo.db")
        round_uuid = project.create_round("Full disk", form_min=1, form_max=5000).uuid
        service = FormService(project.db, project.questionnaire, Actor("AM", "dev"))
        fill_up(disk)
        with pytest.raises(sqlite3.Error) as caught:
            for number in range(1000, 1400):  # the WAL grows until the disk is full
                service.save_new(round_uuid, number, valid_answers)
        error = translate(caught.value, disk / "demo.db")
        assert error is not None and error.key == "disk_full"
        assert "no transaction is active" not in str(caught.value)
        assert not project.db.conn.in_transaction
        saved = project.db.conn.execute("SELECT COUNT(*) FROM response").fetchone()[0]
        project.close()
        for filler in disk.glob("filler*.bin"):
            filler.unlink()
        reopened = Project.open(disk / "demo.db")
        # every form that was reported saved is there, and nothing else
        assert reopened.db.conn.execute("SELECT COUNT(*) FROM response").fetchone()[0] == saved
        assert reopened.db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        reopened.close()


def test_report_on_a_full_disk_leaves_no_file(tmp_path, demo_template, capsys):
    with small_disk(tmp_path / "disk", "1m") as disk:
        fill_up(disk, leave=60_000)  # room for a CSV or two, not for the charts and PDF
        before = snapshot(disk)
        assert main(["report", "--db", str(demo_template), "--out", str(disk / "r")]) == 2
        assert "The disk is full" in _sentence(capsys)
        assert snapshot(disk) == before
        assert not (disk / "r").exists()  # nor an empty folder


def test_export_on_a_full_disk_leaves_no_bundle(tmp_path, demo_template, capsys):
    assert main(["keys", "hq-init", "--out", str(tmp_path / "keys")]) == 0
    db = tmp_path / "demo.db"
    shutil.copy(demo_template, db)
    with small_disk(tmp_path / "disk", "1m") as disk:
        fill_up(disk)
        before = snapshot(disk)
        capsys.readouterr()
        assert main(["export", "--db", str(db), "--to", str(tmp_path / "keys" /
                                                            "hq-recipient.txt"),
                     "--out", str(disk)]) == 2
        assert "The disk is full" in _sentence(capsys)
        assert snapshot(disk) == before
    # nothing was recorded as exported: the next export sends the same forms
    project = Project.open(db)
    assert project.db.conn.execute("SELECT COUNT(*) FROM bundle_ledger").fetchone()[0] == 0
    project.close()


def test_keys_on_a_full_disk_leave_no_empty_identity(tmp_path, capsys):
    with small_disk(tmp_path / "disk", "1m") as disk:
        fill_up(disk)
        assert main(["keys", "hq-init", "--out", str(disk / "keys")]) == 2
        assert "The disk is full" in _sentence(capsys)
        assert not (disk / "keys").exists()  # nor an empty folder
        for filler in disk.glob("filler*.bin"):
            filler.unlink()
        assert main(["keys", "hq-init", "--out", str(disk / "keys")]) == 0  # not blocked


def test_backup_on_a_full_disk_leaves_no_partial_copy(tmp_path, demo_template):
    db = Database.open(demo_template)
    with small_disk(tmp_path / "disk", "1m") as disk:
        fill_up(disk)
        with pytest.raises(sqlite3.Error) as caught:
            db.backup_to(disk / "copy.db")
        assert translate(caught.value).key == "disk_full"
        assert sorted(p.name for p in disk.iterdir()
                      if not p.name.startswith("filler")) == []
    db.close()


# By fault injection (everywhere) ---------------------------------------------------------------

def _enospc(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_write_that_fails_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "scores.csv"
    target.write_text("old")
    monkeypatch.setattr(os, "fsync", _enospc)
    with pytest.raises(OSError) as caught:
        write_atomically(target, "new")
    assert translate(caught.value).key == "disk_full"
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scores.csv"]


def test_several_files_are_written_all_or_none(tmp_path, monkeypatch):
    (tmp_path / "a.csv").write_text("old a")

    def third_fails(path):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    with pytest.raises(OSError):
        write_all({tmp_path / "a.csv": "new a", tmp_path / "b.png": b"png",
                   tmp_path / "c.pdf": third_fails})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]
    assert (tmp_path / "a.csv").read_text() == "old a"
    # a rename that fails half-way puts the older files back
    calls = []
    real_replace = os.replace

    def second_rename_fails(src, dst):
        calls.append(dst)
        if str(dst).endswith("b.png"):
            raise OSError(errno.EIO, "Input/output error")
        return real_replace(src, dst)

    monkeypatch.setattr(atomic_files.os, "replace", second_rename_fails)
    with pytest.raises(OSError):
        write_all({tmp_path / "a.csv": "new a", tmp_path / "b.png": b"png"})
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]
    assert (tmp_path / "a.csv").read_text() == "old a"
    assert write_all({tmp_path / "a.csv": "new a", tmp_path / "b.png": b"png"})
    assert (tmp_path / "a.csv").read_text() == "new a"


def test_exclusive_files_are_never_replaced(tmp_path):
    (tmp_path / "hq-identity.txt").write_text("secret")
    with pytest.raises(FileExistsError):
        write_all({tmp_path / "hq-recipient.txt": "r", tmp_path / "hq-identity.txt": "x"},
                  exclusive={tmp_path / "hq-identity.txt"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hq-identity.txt"]


@pytest.mark.parametrize("command", ["report", "keys"])
def test_commands_that_meet_a_full_disk_say_so(tmp_path, demo_template, capsys, monkeypatch,
                                               command):
    monkeypatch.setattr(atomic_files.os, "fsync", _enospc)
    if command == "report":
        args = ["report", "--db", str(demo_template), "--out", str(tmp_path / "r")]
    else:
        args = ["keys", "hq-init", "--out", str(tmp_path / "keys")]
    assert main(args) == 2
    assert "The disk is full" in _sentence(capsys)
    folder = tmp_path / ("r" if command == "report" else "keys")
    assert not folder.exists()  # no file, nor an empty folder


def test_transaction_keeps_the_real_error_when_sqlite_rolled_back(tmp_path):
    db = Database.open(tmp_path / "t.db")
    with pytest.raises(UserError, match="disk is full"):
        with transaction(db.conn):
            db.conn.execute("INSERT INTO setting (key, value) VALUES ('a', 'b')")
            db.conn.execute("ROLLBACK")  # what SQLite does itself on a full disk
            raise UserError("disk_full", path="t.db")
    assert not db.conn.in_transaction


def test_sqlite_full_in_a_save_is_one_sentence(project, round_uuid, valid_answers):
    # SQLite's page limit gives the same SQLITE_FULL as a full disk
    pages = project.db.conn.execute("PRAGMA page_count").fetchone()[0]
    project.db.conn.execute(f"PRAGMA max_page_count={pages}")
    service = FormService(project.db, project.questionnaire, Actor("AM", "dev"))
    with pytest.raises(sqlite3.Error) as caught:
        for number in range(1, 200):
            service.save_new(round_uuid, number, valid_answers)
    assert "no transaction is active" not in str(caught.value)
    error = translate(caught.value, "project.db")
    assert error.key == "disk_full"
    assert error.in_language("es").startswith("El disco está lleno")
    assert not project.db.conn.in_transaction


def test_files_staged_together_are_written_all_or_none(tmp_path):
    """`write_all(workers=2)`: one file failing while another is under way leaves
    neither, nor any temporary file, and the older file as it was; the files not begun by
    then are not begun."""
    import threading
    import time
    (tmp_path / "a.csv").write_text("old a")
    began, failed = [], threading.Event()

    def slow(path):
        began.append(path.name)
        failed.wait(10)  # still writing when the other one fails
        time.sleep(0.2)  # and done once the failure has been recorded
        path.write_bytes(b"x" * 1000)

    def fails(path):
        began.append(path.name)
        path.write_bytes(b"half")
        failed.set()
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    def never(path):
        began.append(path.name)
        path.write_bytes(b"y")

    with pytest.raises(OSError) as caught:
        write_all({tmp_path / "a.csv": slow, tmp_path / "b.dta": fails,
                   tmp_path / "c.sav": never}, workers=2)
    assert caught.value.errno == errno.ENOSPC
    assert not any(name.startswith(".c.sav") for name in began)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]
    assert (tmp_path / "a.csv").read_text() == "old a"
    assert write_all({tmp_path / "a.csv": "new a", tmp_path / "b.dta": b"dta"}, workers=2)
    assert (tmp_path / "a.csv").read_text() == "new a"


def test_data_on_a_full_disk_leaves_no_file(tmp_path, demo_template, capsys):
    """All four analysts' files, written two at a time, on a disk that fills halfway."""
    args = ["data", "--db", str(demo_template), "--format", "csv,xlsx,dta,sav", "--k", "1"]
    assert main([*args, "--out", str(tmp_path / "whole")]) == 0
    size = sum(path.stat().st_size for path in (tmp_path / "whole").iterdir())
    capsys.readouterr()
    with small_disk(tmp_path / "disk", "2m") as disk:
        fill_up(disk, leave=size // 2)  # room for half of them
        before = snapshot(disk)
        assert main([*args, "--out", str(disk / "d")]) == 2
        assert "The disk is full" in _sentence(capsys)
        assert snapshot(disk) == before
        assert not (disk / "d").exists()  # nor an empty folder


def test_a_new_folder_is_removed_when_its_files_fail(tmp_path):
    """Only the folders made for the files go; one that was there, or that holds a file
    someone else put there meanwhile, stays."""
    with pytest.raises(OSError):
        with atomic_files.new_folder(tmp_path / "a" / "b" / "c") as folder:
            assert folder.is_dir()
            raise OSError(errno.ENOSPC, "No space left on device")
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    (tmp_path / "kept").mkdir()
    with pytest.raises(OSError):
        with atomic_files.new_folder(tmp_path / "kept" / "new") as folder:
            (tmp_path / "kept" / "other.txt").write_text("not ours")
            raise OSError(errno.ENOSPC, "No space left on device")
    assert sorted(p.name for p in (tmp_path / "kept").iterdir()) == ["other.txt"]
    with atomic_files.new_folder(tmp_path / "ok") as folder:
        pass
    assert folder.is_dir()  # kept when nothing failed
