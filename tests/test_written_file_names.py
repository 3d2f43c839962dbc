"""A failed write names the file the user asked for, never the hidden temporary name it was
staged under (".x.zip.age.1a2b3c4d.part", "x.db.keys.tmp"), and leaves no temporary file:
the key file beside a project is written like every other file, whole or not at all."""

from __future__ import annotations

import errno
import os

import pytest

from desktop.domain.atomic_files import write_atomically
from desktop.domain.user_error import translate
from desktop.services import db_keys


def _enospc(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_names_the_target_file(tmp_path, monkeypatch):
    target = tmp_path / "bundle.zip.age"
    monkeypatch.setattr(os, "fsync", _enospc)
    with pytest.raises(OSError) as caught:
        write_atomically(target, b"data")
    error = translate(caught.value)
    assert error.key == "disk_full"
    assert error.in_language("en") == (f"The disk is full ({target}); free some space and "
                                       "try again (nothing was half-written).")
    assert list(tmp_path.iterdir()) == []


def test_a_refused_temporary_file_names_the_target(tmp_path, monkeypatch):
    target = tmp_path / "scores.csv"
    real_open = os.open

    def read_only(path, *args, **kwargs):
        if str(path).endswith(".part"):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, *args, **kwargs)
    monkeypatch.setattr(os, "open", read_only)
    with pytest.raises(OSError) as caught:
        write_atomically(target, "x")
    assert caught.value.filename == str(target)
    assert isinstance(caught.value, OSError) and caught.value.errno == errno.EROFS
    assert translate(caught.value).key == "read_only_disk"


def test_a_failed_write_of_another_kind_keeps_its_own_error(tmp_path):
    target = tmp_path / "x.csv"

    def writer(path):
        raise ValueError("a bug in the writer")
    with pytest.raises(ValueError):
        write_atomically(target, writer)
    assert list(tmp_path.iterdir()) == []


def test_new_keys_on_a_full_disk_leave_no_temporary_key_file(tmp_path, monkeypatch):
    db = tmp_path / "p.db"
    monkeypatch.setattr(os, "fsync", _enospc)
    with pytest.raises(OSError) as caught:
        db_keys.create_keys(db, "a team passphrase for tests")
    assert translate(caught.value).key == "disk_full"
    assert str(db_keys.keys_path(db)) in translate(caught.value).in_language("en")
    assert list(tmp_path.iterdir()) == []


def test_a_real_read_only_folder_names_the_target(tmp_path):
    """On a read-only file system even removing the temporary name that was never made
    fails (EROFS): that second failure must not hide the first one's sentence."""
    from failure_helpers import read_only_folder
    with read_only_folder(tmp_path / "ro", {}) as folder:
        for writer in ("text", lambda path: path.write_text("x")):
            with pytest.raises(OSError) as caught:
                write_atomically(folder / "scores.csv", writer)
            error = translate(caught.value)
            assert error.key in ("read_only_disk", "no_permission"), error.key
            assert error.params["path"] == str(folder / "scores.csv")
