"""The analysts' files (`riskmap data`) are the files the earlier writer made, byte for
byte (only the write time inside .dta and .sav is masked): the same rows in the same
order, the same codes, labels, suppressions and metadata, in every format, whether the
forms are read from the answer rows or from the analysis snapshot (with forms written
since it was taken). The digests in tests/fixtures/data_golden.json were taken with the
code before the million-form rewrite (tests/fixtures/make_data_golden.py)."""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from desktop.services.data_export import DataRequest, export_data

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
DATABASE = FIXTURES / "data_golden.db"
DIGESTS = FIXTURES / "data_golden.json"
FORMATS = ("csv", "xlsx", "dta", "sav")

REQUESTS = {
    "guarded-en": DataRequest(formats=FORMATS, lang="en"),
    "unguarded-es-text": DataRequest(formats=FORMATS, lang="es", include_text=True,
                                     guard=False),
    "round-k3-en": DataRequest(formats=FORMATS, lang="en", round_name="Ronda 3", k=3),
    "guarded-k2-es": DataRequest(formats=FORMATS, lang="es", k=2),
}
SAV_TIME = slice(92, 109)  # creation date (9 bytes) and time (8) in the .sav header


def canonical(path: Path) -> dict[str, str]:
    """Digests of one file as its readers see it, with the write time masked: the CSV
    bytes; every part of the XLSX package (not the zip's own timestamps); the .dta and
    .sav bytes with their header time blanked."""
    data = path.read_bytes()
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return {f"xlsx:{name}": _digest(_written_masked(package.read(name)))
                    for name in sorted(package.namelist())}
    if path.suffix == ".dta":
        data = re.sub(rb"<timestamp>.*?</timestamp>", b"<timestamp/>", data, count=1,
                      flags=re.S)
    if path.suffix == ".sav":
        data = data[:SAV_TIME.start] + bytes(SAV_TIME.stop - SAV_TIME.start) + \
            data[SAV_TIME.stop:]
    return {path.suffix[1:]: _digest(data)}


def _written_masked(data: bytes) -> bytes:
    """The disclosure report's write time (the `about` sheet) blanked."""
    return re.sub(rb"(Written|Escrito): \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", rb"\1: -",
                  data)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def digests_of(db: Path, out: Path, request: DataRequest) -> dict[str, str]:
    result = export_data(db, out, request, operator="golden", device="golden")
    found: dict[str, str] = {}
    for path in result.files:
        found.update(canonical(path))
    return found


def _copy(tmp_path: Path) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    target = tmp_path / "golden.db"
    shutil.copy(DATABASE, target)
    return target


def write_digests() -> None:
    """Record the digests of the current writer (tests/fixtures/make_data_golden.py)."""
    import tempfile
    digests = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, request in REQUESTS.items():
            db = _copy(Path(folder) / name)  # the unguarded export writes its audit row
            digests[name] = digests_of(db, Path(folder) / name / "out", request)
    DIGESTS.write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n")


def _with_snapshot(db: Path, edit: bool) -> None:
    """Store the analysis snapshot (as a dashboard load does); `edit`: then change one
    form's answer and back, delete another and restore it, so the snapshot is behind the
    answer rows (two forms written since) while the forms say what they said."""
    from desktop.services import analysis_table
    from desktop.services.project import Project
    from desktop.storage import response_store
    project = Project.open(db)
    try:
        analysis_table.load_frame(project.db.conn, project.questionnaire, store_after=0)
        if edit:
            conn = project.db.conn
            with project.db.transaction():
                changed, deleted = [row[0] for row in conn.execute(
                    "SELECT uuid FROM response WHERE status = 'entered' ORDER BY uuid "
                    "LIMIT 2 OFFSET 5")]
                before = response_store.answers_of(conn, changed)["institution"]
                for value in ("1" if before != "1" else "2", before):
                    response_store.replace_answers(conn, changed, {"institution": value})
                for status in ("deleted", "entered"):
                    conn.execute("UPDATE response SET status = ? WHERE uuid = ?",
                                 (status, deleted))
            assert conn.execute("SELECT COUNT(*) FROM analysis_dirty").fetchone()[0] == 2
    finally:
        project.close()


@pytest.mark.parametrize("state", ["answer rows", "snapshot", "snapshot behind"])
@pytest.mark.parametrize("name", list(REQUESTS))
def test_the_files_are_the_ones_written_before(tmp_path, name, state):
    db = _copy(tmp_path)
    expected = json.loads(DIGESTS.read_text())[name]
    if state != "answer rows":
        _with_snapshot(db, edit=state == "snapshot behind")
    assert digests_of(db, tmp_path / "out", REQUESTS[name]) == expected
