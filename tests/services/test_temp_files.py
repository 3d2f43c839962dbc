"""The temporary files of export, report and data files live in memory: no temporary file
is made through Python's tempfile, nothing appears in the system temp folder, SQLite keeps
its temporary tables in memory, and the output folders hold only the finished files (the
bundle only encrypted: its ZIP never touches the disk)."""

from __future__ import annotations

import tempfile

import pytest

from desktop.cli import main
from desktop.services.form_service import Actor
from desktop.services.workspace import Workspace

COMMENT = "Zqx el jefe cobra en la garita norte"


@pytest.fixture
def watched_temp(tmp_path, monkeypatch):
    """An empty system temp folder, and every call that would make a temporary file."""
    folder = tmp_path / "system-temp"
    folder.mkdir()
    for name in ("TMPDIR", "TEMP", "TMP", "SQLITE_TMPDIR"):
        monkeypatch.setenv(name, str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    calls: list[str] = []
    for name in ("mkstemp", "mkdtemp", "NamedTemporaryFile", "TemporaryFile",
                 "TemporaryDirectory", "SpooledTemporaryFile"):
        original = getattr(tempfile, name)

        def record(*args, _name=name, _original=original, **kwargs):
            calls.append(_name)
            return _original(*args, **kwargs)
        monkeypatch.setattr(tempfile, name, record)
    return folder, calls


def test_export_report_and_data_make_no_temporary_file(tmp_path, watched_temp,
                                                       valid_answers):
    folder, calls = watched_temp
    field = tmp_path / "field.db"
    assert main(["demo", "--db", str(field), "--n", "60", "--seed", "2"]) == 0
    workspace = Workspace.open(field)
    assert workspace.db.conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # memory
    round_ = workspace.create_round("Extra", form_min=1, form_max=10)
    workspace.form_service(Actor("AM", workspace.device_key.device_id)).save_new(
        round_.uuid, 1, dict(valid_answers, comment=COMMENT))
    workspace.close()
    keys_dir, out, report, data = (tmp_path / n for n in ("keys", "out", "report", "data"))
    out.mkdir()
    assert main(["keys", "hq-init", "--out", str(keys_dir)]) == 0
    assert main(["export", "--db", str(field), "--to", str(keys_dir / "hq-recipient.txt"),
                 "--out", str(out), "--all"]) == 0
    assert main(["report", "--db", str(field), "--out", str(report)]) == 0
    assert main(["data", "--db", str(field), "--out", str(data), "--k", "1",
                 "--include-text", "--format", "csv,xlsx,dta,sav"]) == 0
    assert calls == []
    assert list(folder.iterdir()) == []
    (bundle,) = out.iterdir()
    assert bundle.name.endswith(".zip.age") and COMMENT.encode() not in bundle.read_bytes()
    assert not [p.name for p in (*report.iterdir(), *data.iterdir())
                if p.name.startswith(".") or "partial" in p.name]
