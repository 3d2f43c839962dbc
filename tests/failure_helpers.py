"""Helpers for the failure tests (issue 13): folders that are read-only or full for real.

As root (CI containers), a small tmpfs is mounted (and remounted read-only); otherwise a
read-only folder is made with chmod. Where neither works the test is skipped with the
reason. `snapshot` records every file under a folder with its bytes, so a test can assert
that a refused command left everything byte-identical and created nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import stat
import subprocess
from pathlib import Path
from typing import Iterator

import pytest


def snapshot(folder: Path) -> dict[str, str]:
    """relative path -> sha256 of every file under `folder`. SQLite's shared-memory index
    and an empty WAL file, which a reader of a WAL database leaves beside it, are not
    counted: they hold no data and SQLite removes them with the last writer."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()
            and not p.name.endswith("-shm")
            and not (p.name.endswith("-wal") and p.stat().st_size == 0)}


def _mount(target: Path, size: str) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs",
                             str(target)], capture_output=True)
    return result.returncode == 0


def _umount(target: Path) -> None:
    subprocess.run(["umount", "-l", str(target)], capture_output=True)


@contextlib.contextmanager
def small_disk(folder: Path, size: str = "4m") -> Iterator[Path]:
    """A folder on a file system of `size` (a tmpfs); skips when none can be mounted."""
    folder.mkdir(parents=True, exist_ok=True)
    if not _mount(folder, size):
        pytest.skip("a small file system needs root and tmpfs (the fault-injection tests "
                    "cover this case everywhere)")
    try:
        yield folder
    finally:
        _umount(folder)


def fill_up(folder: Path, leave: int = 0) -> Path:
    """Fill the file system of `folder` until it is full (but for `leave` bytes)."""
    filler = folder / "filler.bin"
    chunk = b"\0" * 65536
    # Unbuffered: a buffered file keeps the chunk that did not fit and fails again when it
    # is closed, so whether this helper raised depended on how the free space was aligned.
    with open(filler, "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(chunk)
        except OSError:
            pass
    if leave:
        with open(filler, "r+b") as handle:
            handle.truncate(max(filler.stat().st_size - leave, 0))
    # tmpfs counts whole pages: top up what is left with small writes
    if not leave:
        with open(folder / "filler2.bin", "wb", buffering=0) as handle:
            with contextlib.suppress(OSError):
                while True:
                    handle.write(b"\0" * 512)
    return filler


@contextlib.contextmanager
def read_only_folder(folder: Path, files: dict[str, Path]) -> Iterator[Path]:
    """`folder` holding copies of `files`, then made read-only for this process (a
    read-only tmpfs as root, chmod otherwise)."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        if not _mount(folder, "64m"):
            pytest.skip("a read-only folder for root needs a tmpfs mount")
        try:
            for name, source in files.items():
                shutil.copy(source, folder / name)
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
            yield folder
        finally:
            _umount(folder)
        return
    for name, source in files.items():
        shutil.copy(source, folder / name)
        os.chmod(folder / name, stat.S_IRUSR | stat.S_IRGRP)
    os.chmod(folder, stat.S_IRUSR | stat.S_IXUSR)
    try:
        yield folder
    finally:
        os.chmod(folder, stat.S_IRWXU)
