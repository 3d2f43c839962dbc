"""Unlucky input to `riskmap operators` and `riskmap keys device`: one sentence on stderr,
exit code 2, no traceback, and the files named are left as they were."""

from __future__ import annotations

import pytest

from desktop.cli import main
from desktop.services.project import Project


@pytest.fixture
def claimed(tmp_path, monkeypatch, capsys):
    path = tmp_path / "team.db"
    Project.open(path).close()
    monkeypatch.setenv("RISKMAP_NEW_PIN", "731946")
    assert main(["operators", "add", "--db", str(path), "--name", "Sara"]) == 0
    capsys.readouterr()
    return path


def _refused(capsys, argv) -> str:
    assert main(argv) == 2
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert err.startswith("riskmap: ") and "\n" not in err and "Traceback" not in err
    return err


def _add(db, name, pin_file):
    return ["operators", "add", "--db", str(db), "--name", name, "--role", "keyer",
            "--operator", "Sara", "--pin-file", str(pin_file)]


def test_pin_files_that_cannot_serve(claimed, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("RISKMAP_NEW_PIN", "1357")
    binary = tmp_path / "pin.bin"
    binary.write_bytes(b"\xc9\x00\xff\xfe" * 8)
    folder = tmp_path / "pins"
    folder.mkdir()
    err = _refused(capsys, _add(claimed, "Kim", binary))
    assert err == f"riskmap: The PIN file {binary} is not a text file; write the PIN on its " \
                  "first line."
    assert "cannot be read" in _refused(capsys, _add(claimed, "Kim", folder))
    assert "cannot be read" in _refused(capsys, _add(claimed, "Kim", tmp_path / "no.pin"))
    good = tmp_path / "sara.pin"
    good.write_text("731946\n", encoding="utf-8")
    assert "at most 80" in _refused(capsys, _add(claimed, "", good))
    assert "at most 80" in _refused(capsys, _add(claimed, "x" * 200, good))
    monkeypatch.setenv("RISKMAP_NEW_PIN", "12")
    assert "4 to 64 characters" in _refused(capsys, _add(claimed, "Kim", good))
    monkeypatch.setenv("RISKMAP_NEW_PIN", "abcd")  # letters are a PIN too
    assert main(_add(claimed, "Ñandú Pérez 李", good)) == 0
    assert "Ñandú Pérez 李\tkeyer" in (main(["operators", "list", "--db", str(claimed)]) == 0
                                       and capsys.readouterr().out)


def test_keys_device_on_what_is_not_a_project(tmp_path, capsys):
    missing = tmp_path / "missing.db"
    assert "does not exist" in _refused(capsys, ["keys", "device", "--db", str(missing)])
    assert not missing.exists()
    text = tmp_path / "notes.db"
    text.write_text("hello\n", encoding="utf-8")
    assert "not a RiskMap database" in _refused(capsys, ["keys", "device", "--db", str(text)])
    assert text.read_text(encoding="utf-8") == "hello\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]
