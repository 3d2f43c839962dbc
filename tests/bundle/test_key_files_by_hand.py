"""HQ's key files as people pass them on: the recipient pasted into a new file by Notepad
(UTF-8 with a byte-order mark, CRLF line ends) and the identity file saved again the same
way still serve `riskmap export --to FILE` and `riskmap import --identity FILE`."""

from __future__ import annotations

from desktop.cli import main

from bundle_helpers import make_hq_db
from trust_helpers import enrol_fingerprints

BOM = b"\xef\xbb\xbf"


def _notepad(text: str, path):
    path.write_bytes(BOM + text.replace("\n", "\r\n").encode("utf-8"))
    return path


def test_recipient_and_identity_files_saved_by_notepad(tmp_path, field_db, field_key,
                                                        hq_keys, capsys):
    recipient = _notepad(hq_keys.recipient + "\n", tmp_path / "hq-recipient.txt")
    identity = _notepad(hq_keys.identity_path.read_text(encoding="utf-8"),
                        tmp_path / "hq-identity.txt")
    out = tmp_path / "stick"
    out.mkdir()
    assert main(["export", "--db", str(field_db), "--to", str(recipient), "--out", str(out),
                 "--all"]) == 0, capsys.readouterr().err
    hq = make_hq_db(tmp_path / "hq.db")
    enrol_fingerprints(hq, field_key.fingerprint)
    [bundle] = out.iterdir()
    assert main(["import", "--db", str(hq), "--identity", str(identity), str(bundle)]) == 0, \
        capsys.readouterr().err
    assert "30 new" in capsys.readouterr().out
