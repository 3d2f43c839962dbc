"""Write files whole or not at all: the one way the program writes a file.

`write_atomically(path, data_or_writer)` writes to a temporary name in the target folder,
flushes and fsyncs it, then renames it over `path` (`os.replace`, atomic on one file
system) and fsyncs the folder; on any failure (a full disk, a pulled stick) the temporary
file is removed and an older `path` stays as it was. `write_all({path: writer, ...})`
does the same for several files, all or none: every file is staged first, then all are
renamed; if one rename fails the ones already moved are put back.

A writer is bytes, text (UTF-8), or a function that writes the temporary path it is given
(pandas, Qt image savers). `exclusive` paths must not exist (a key file is never replaced).
`new_folder(path)` makes the folder the files go into and, when the writing fails, removes
again the folders it made (a full disk leaves no empty folder behind).

A process that is killed (kill -9, a power cut) cannot remove its temporary file. The
temporary name holds the writer's process id and a tag of its computer, so the next write
into the same folder removes this computer's ones whose process is gone (on POSIX, where
that can be asked without harm): an export killed half-way leaves nothing once the next
one has run, and another laptop's file on a shared stick is never touched.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import socket
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path
from typing import Callable, Iterator, Mapping, Union

Writer = Union[bytes, str, Callable[[Path], object]]


# Which computer wrote a temporary file (a hash of its name, which the file does not show):
# a process id is asked only of this computer, and a stick or a shared folder may hold
# another one's file, perhaps still being written.
_HOST = hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]


def _temp_name(path: Path) -> Path:
    return path.with_name(
        f".{path.name}.{os.getpid()}-{_HOST}-{uuid.uuid4().hex[:8]}.part")


_TEMP_TAIL = re.compile(r"\.(\d+)-([0-9a-f]{8})-[0-9a-f]{8}\.part")


def _alive(pid: int) -> bool:
    """Whether process `pid` runs (True when that cannot be known)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)  # POSIX only: on Windows this would end the process
    except ProcessLookupError:
        return False
    except OSError:  # another user's process
        return True
    return True


_LEFTOVER = re.compile(r"\..+?(?:" + _TEMP_TAIL.pattern + r")+")


def sweep_leftovers(folder: Path) -> list[Path]:
    """Remove the temporary files in `folder` left by writers of this computer that were
    killed (their process is gone); returns what was removed. A writer still running, or
    another computer's, keeps its file; on Windows nothing is removed."""
    if os.name != "posix":
        return []
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        if not _LEFTOVER.fullmatch(entry.name) or not entry.is_file(follow_symlinks=False):
            continue
        if any(host != _HOST or _alive(int(pid))
               for pid, host in _TEMP_TAIL.findall(entry.name)):
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def _fsync_path(path: Path) -> None:
    """Flush a file (or, on POSIX, a folder) to the disk."""
    flags = os.O_RDONLY if path.is_dir() else os.O_RDWR
    try:
        fd = os.open(path, flags)
    except OSError:
        if path.is_dir():
            return  # folders cannot be opened on every platform (Windows)
        raise
    try:
        os.fsync(fd)
    except OSError:
        if not path.is_dir():
            raise
    finally:
        os.close(fd)


def _stage(path: Path, writer: Writer, mode: int) -> Path:
    """Write `writer` to a temporary file beside `path`, fsynced; returns its name."""
    temp = _temp_name(path)
    try:
        if isinstance(writer, (bytes, bytearray, memoryview, str)):
            data = writer.encode("utf-8") if isinstance(writer, str) else bytes(writer)
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        else:
            writer(temp)
            if not temp.is_file():
                raise OSError(f"nothing was written to {path}")
            os.chmod(temp, mode)
            _fsync_path(temp)
    except OSError as exc:
        _discard(temp)
        raise _naming(exc, path, temp) from exc
    except BaseException:
        _discard(temp)
        raise
    return temp


def _discard(temp: Path) -> None:
    """Remove a temporary file if it is there. On a read-only file system even removing a
    file that was never made fails (EROFS): the failure that matters is the first one."""
    with contextlib.suppress(OSError):
        temp.unlink(missing_ok=True)


def _naming(exc: OSError, path: Path, temp: Path) -> OSError:
    """`exc` naming the file the user asked for, not its hidden temporary name (a full
    disk's error names no file at all); the sentence the user reads quotes this name."""
    if exc.errno is None or exc.filename not in (None, str(temp), temp):
        return exc
    return type(exc)(exc.errno, exc.strerror or str(exc), str(path))


@contextlib.contextmanager
def new_folder(path: str | Path) -> Iterator[Path]:
    """Make `path` (and missing parents) for the body's files; if the body fails, the
    folders made here are removed again, deepest first, each only while it is empty."""
    folder = Path(path)
    made = [p for p in (folder, *folder.parents) if not p.exists()]
    folder.mkdir(parents=True, exist_ok=True)
    try:
        yield folder
    except BaseException:
        for made_folder in made:  # deepest first
            with contextlib.suppress(OSError):
                made_folder.rmdir()  # refuses a folder that is not empty
        raise


def write_atomically(path: str | Path, writer: Writer, mode: int = 0o644,
                     exclusive: bool = False) -> Path:
    """Write one file whole or not at all (see the module docstring); returns `path`."""
    path = Path(path)
    write_all({path: writer}, mode=mode, exclusive={path} if exclusive else ())
    return path


def write_all(files: Mapping[Path, Writer], mode: int = 0o644,
              exclusive: object = (), modes: Mapping[Path, int] | None = None,
              workers: int = 1) -> list[Path]:
    """Write several files, all or none; returns their paths in the given order.
    `workers` > 1: up to that many are staged at once, each on its own thread (writers
    that wait for the disk or compress outside the interpreter overlap)."""
    targets = [Path(p) for p in files]
    exclusive_set = {Path(p) for p in exclusive}  # type: ignore[union-attr]
    for path in targets:
        if path in exclusive_set and path.exists():
            raise FileExistsError(17, "File exists", str(path))
    for folder in {path.parent for path in targets}:
        sweep_leftovers(folder)
    staged: dict[Path, Path] = {}
    jobs = [(path, writer, (modes or {}).get(path, mode))
            for path, writer in zip(targets, files.values())]
    try:
        if workers > 1 and len(jobs) > 1:
            _stage_together(jobs, workers, staged)
        else:
            for path, writer, file_mode in jobs:
                staged[path] = _stage(path, writer, file_mode)
        _commit(staged, exclusive_set)
    finally:
        for temp in staged.values():
            _discard(temp)
    for folder in {path.parent for path in targets}:
        _fsync_path(folder)
    return targets


def _stage_together(jobs: list[tuple[Path, Writer, int]], workers: int,
                    staged: dict[Path, Path]) -> None:
    """Stage the files on `workers` threads, in `staged` (target order) as each is
    done. After a failure the files not begun are not begun; the ones under way are
    waited for (and recorded, so the caller removes them), then the first failure, in
    target order, is raised."""
    failed = threading.Event()

    def stage_unless_failed(path: Path, writer: Writer, mode: int) -> Path | None:
        if failed.is_set():
            return None  # not begun
        try:
            return _stage(path, writer, mode)
        except BaseException:
            failed.set()
            raise

    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="stage")
    futures = [(path, pool.submit(stage_unless_failed, path, writer, mode))
               for path, writer, mode in jobs]
    try:
        wait([future for _, future in futures])
    except BaseException:  # interrupted while waiting: nothing more is begun
        failed.set()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        failure: BaseException | None = None
        for path, future in futures:
            if future.cancelled():
                continue
            error = future.exception()
            if error is None:
                if future.result() is not None:
                    staged[path] = future.result()
            elif failure is None:
                failure = error
    if failure is not None:
        raise failure


def stage(path: str | Path, writer: Writer, mode: int = 0o644) -> Path:
    """Write `writer` under a temporary name beside `path` (fsynced) and return that name;
    `commit_staged` moves it into place. For files made one after another that must appear
    together (the parts of a bundle series)."""
    sweep_leftovers(Path(path).parent)
    return _stage(Path(path), writer, mode)


def commit_staged(staged: Mapping[Path, Path], exclusive: object = ()) -> list[Path]:
    """Rename staged files (target -> temporary name) into place, all or none; every
    temporary file left over is removed."""
    exclusive_set = {Path(p) for p in exclusive}  # type: ignore[union-attr]
    try:
        _commit(dict(staged), exclusive_set)
    finally:
        for temp in staged.values():
            _discard(temp)
    for folder in {Path(path).parent for path in staged}:
        _fsync_path(folder)
    return list(staged)


def _commit(staged: dict[Path, Path], exclusive: set[Path]) -> None:
    """Rename every staged file into place; on a failure, undo the renames done so far."""
    saved: dict[Path, Path] = {}  # target -> the older file moved aside
    done: list[Path] = []
    try:
        for path, temp in staged.items():
            if path in exclusive:
                try:
                    os.link(temp, path)  # fails if someone made the file meanwhile
                except FileExistsError:
                    raise
                except OSError:  # no hard links here (FAT): check, then rename
                    if path.exists():
                        raise FileExistsError(17, "File exists", str(path)) from None
                    os.replace(temp, path)
                temp.unlink(missing_ok=True)
            else:
                if len(staged) > 1 and path.exists():
                    aside = _temp_name(path).with_suffix(".old")
                    os.replace(path, aside)
                    saved[path] = aside
                os.replace(temp, path)
            done.append(path)
    except BaseException:
        for path in done:
            path.unlink(missing_ok=True)
        for path, aside in saved.items():
            os.replace(aside, path)
        raise
    for aside in saved.values():
        aside.unlink(missing_ok=True)
