"""A limit on one file's size (a FAT32 USB stick's 4 GB; `ulimit -f`) and a log file that
cannot grow: one sentence in the user's language, no traceback, nothing half-written."""

from __future__ import annotations

import errno
import logging
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.domain.user_error import translate
from desktop.services.demo_service import fill_demo
from desktop.services.logging_setup import QuietFileHandler
from desktop.services.project import Project

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 48 * 1024  # bytes: the project and a small log stay under it, the data files do not


@pytest.fixture(scope="module")
def project_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("limits") / "proyecto año.db"
    project = Project.open(path)
    fill_demo(project, 120, seed=4)
    project.close()
    return path


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))


def _run(argv: list[str], home: Path, lang: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "RISKMAP_HOME": str(home), "RISKMAP_LANG": lang,
           "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "desktop", *argv], env=env, text=True,
                          capture_output=True, preexec_fn=_limited, timeout=300)


def test_a_file_too_large_is_one_sentence():
    error = translate(OSError(errno.EFBIG, "File too large", "/media/stick/data.csv"))
    assert error is not None and error.key == "file_too_large"
    assert "FAT32" in error.in_language("en") and "FAT32" in error.in_language("es")
    assert "File too large" not in error.in_language("es")


@pytest.mark.parametrize("lang, words", [("en", "larger than this disk or system allows"),
                                         ("es", "superaría el tamaño máximo")])
def test_data_over_the_file_size_limit(project_db, tmp_path, lang, words):
    work = tmp_path / "copia"
    work.mkdir()
    db = work / project_db.name
    shutil.copy(project_db, db)
    home = tmp_path / "home"
    home.mkdir()
    # A log already past the limit: writing to it fails as well, quietly.
    (home / "riskmap.log").write_text("x" * (LIMIT + 10))
    out = tmp_path / "datos salida"
    result = _run(["data", "--db", str(db), "--out", str(out), "--format", "csv,dta"],
                  home, lang)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("riskmap: ") and words in lines[0], \
        result.stderr
    assert "Traceback" not in result.stderr and "Logging error" not in result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_a_log_that_cannot_be_written_stays_quiet(tmp_path, capsys):
    handler = QuietFileHandler(tmp_path / "r.log", encoding="utf-8")
    handler.stream.close()  # every write now fails, as on a full disk
    handler.stream = open(os.devnull, "rb")  # noqa: SIM115 - a stream that refuses writes
    log = logging.getLogger("riskmap-test-quiet")
    log.addHandler(handler)
    try:
        log.warning("command %s: %s", "data", "disk_full")
    finally:
        log.removeHandler(handler)
        handler.stream.close()
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("command", [["data"], ["report"]])
def test_a_name_too_long_for_the_disk(project_db, tmp_path, capsys, monkeypatch, command):
    """Said "(File name too long); check the disk": English words, and the wrong advice."""
    from desktop.cli import main
    monkeypatch.setenv("RISKMAP_LANG", "es")
    out = tmp_path / ("ñ" * 200)
    assert main([*command, "--db", str(project_db), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("riskmap: El nombre ") and err.endswith(
        "es demasiado largo para este disco; elija un nombre de archivo o carpeta más corto.")
    assert "File name too long" not in err
